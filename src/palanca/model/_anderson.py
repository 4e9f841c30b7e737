"""Anderson-accelerated fixed-point iteration (functional; no state outside the call).

References
----------
.. [1] H. F. Walker and P. Ni, "Anderson Acceleration for Fixed-Point Iterations",
   SIAM Journal on Numerical Analysis 49(4): 1715–1735, 2011.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

__all__ = ["FixedPointResult", "anderson_fixed_point"]


@dataclass(frozen=True)
class FixedPointResult:
    x: np.ndarray
    converged: bool
    iterations: int
    step_norm: float


def anderson_fixed_point(
    g: Callable[[np.ndarray], np.ndarray],
    x0: np.ndarray,
    *,
    tol: float,
    max_iter: int,
    memory: int = 6,
    damping: float = 1.0,
    patience: int | None = None,
) -> FixedPointResult:
    r"""Find ``x = g(x)`` by Anderson acceleration of type II ([1]_, Algorithm AA).

    The step ``f_k = g(x_k) - x_k`` is mixed over the last ``memory`` iterates by least squares;
    the history is reset when the accelerated step stops reducing the residual, which falls back
    to damped Picard iteration. Convergence is declared when ``max |f_k| < tol``. With
    ``patience``, the iteration stops (unconverged) once the best step has not shrunk tenfold in
    that many iterations, so that a caller can switch method instead of cycling to ``max_iter``.
    """
    x = np.array(x0, dtype=np.float64, copy=True)
    dX: list[np.ndarray] = []
    dF: list[np.ndarray] = []
    f_prev = g_prev = None
    best = np.inf
    norm = np.inf
    mark, mark_it = np.inf, 0
    for it in range(1, max_iter + 1):
        gx = g(x)
        f = gx - x
        norm = float(np.max(np.abs(f)))
        if not np.isfinite(norm):
            return FixedPointResult(x, False, it, norm)
        if norm < tol:
            return FixedPointResult(gx, True, it, norm)
        if norm < 0.1 * mark:
            mark, mark_it = norm, it
        elif patience is not None and it - mark_it > patience:
            return FixedPointResult(x, False, it, norm)
        if memory == 0:
            x = x + damping * f
            continue
        if f_prev is not None:
            dF.append(f - f_prev)
            dX.append(gx - g_prev)
            if len(dF) > memory:
                dF.pop(0)
                dX.pop(0)
        f_prev, g_prev = f, gx
        if norm > 10.0 * best:  # the extrapolation went astray: restart from a Picard step
            dF.clear()
            dX.clear()
        best = min(best, norm)
        if dF:
            # Least squares min |f - Fm gamma| by the (memory x memory) normal equations. The
            # products use einsum, not BLAS: multithreaded BLAS on these thin matrices is pure
            # overhead and slows the solver several-fold on a busy machine.
            Fm = np.stack(dF, axis=1)
            gram = np.einsum("ki,kj->ij", Fm, Fm)
            rhs = np.einsum("ki,k->i", Fm, f)
            scale = np.trace(gram) / len(dF)
            gamma = np.linalg.solve(gram + 1e-14 * scale * np.eye(len(dF)), rhs)
            x = gx - np.einsum("ki,i->k", np.stack(dX, axis=1), gamma)
            if damping < 1.0:
                x = x - (1.0 - damping) * (f - np.einsum("ki,i->k", Fm, gamma))
        else:
            x = x + damping * f
    return FixedPointResult(x, False, max_iter, norm)
