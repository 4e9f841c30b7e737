r"""Input–output algebra on a `World`: the implied multi-regional IO table and value-added content.

This module is functional (``calc_*`` functions on ndarrays). Under the proportionality assumption
that every user in country ``i`` sources input ``k`` from origins in the shares ``pi[i, :, k]``
(as the Caliendo–Parro model does), the inter-country technical coefficients are

.. math:: A_{(m,k),(i,j)} = \gamma_i^{k,j}\,\frac{\pi_{im}^k}{1+\tau_{im}^k},

the value of origin-``m`` input ``k`` (at producer prices) per unit of sector ``(i, j)`` output,
with :math:`\gamma_i^{k,j} = io_{i,k,j}(1-\beta_i^j)`. The Leontief inverse
:math:`B = (I - A)^{-1}` (Miller and Blair 2009, eq. 2.10) gives the value-added content of a unit
of output by origin: :math:`V B` with :math:`V = \mathrm{diag}(\beta)`; the tariffs paid on
intermediate inputs are a third component, :math:`T B` with
:math:`T_{(i,j)} = \sum_k \gamma_i^{k,j}\sum_m \pi_{im}^k \tau_{im}^k/(1+\tau_{im}^k)`,
so that every column of :math:`(V + T) B` sums to one.

Rows and columns are ordered origin-major: index ``i * J + j``.

`calc_va_content` and `calc_va_content_of` never form ``A`` or invert it. They solve
:math:`X (I - A) = W` (rows) or :math:`(I - A) Y = E` (the exporter's columns) by block Jacobi
iteration: the domestic blocks :math:`A_{(i,\cdot),(i,\cdot)}` (one J x J matrix per country) are
inverted exactly, and the foreign part, applied as a per-sector N x N product with the trade shares
and a per-country J x J product with the cost shares, is iterated to machine precision. Each sweep
costs O(R (N^2 J + N J^2)) for R right-hand sides; the contraction factor is the foreign-input share
of costs. `calc_leontief` (the dense inverse) remains for small worlds and for tests.

References
----------
R. E. Miller and P. D. Blair, *Input–Output Analysis: Foundations and Extensions*, 2nd ed., 2009.
"""

from __future__ import annotations

import numpy as np

__all__ = ["calc_leontief", "calc_mrio_coefficients", "calc_va_content", "calc_va_content_of"]


def calc_mrio_coefficients(
    trade_share: np.ndarray, tariff: np.ndarray, va_share: np.ndarray, io: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Inter-country coefficients ``A`` (NJ x NJ) and the intermediate tariff wedge ``T`` (NJ,).

    Parameters
    ----------
    trade_share : ndarray, N x N x J
        ``pi[destination, origin, sector]``, tariff-inclusive expenditure shares.
    tariff : ndarray, N x N x J
    va_share : ndarray, N x J
    io : ndarray, N x J x J
        ``io[n, k, j]``: share of input k in sector j's intermediate costs.
    """
    n, _, j = trade_share.shape
    G = io * (1.0 - va_share)[:, None, :]  # [i, k, j]
    src = trade_share / (1.0 + tariff)  # [i, m, k] producer value from m per unit spent by i on k
    # A[m, k, i, j] = src[i, m, k] * G[i, k, j]
    A = np.einsum("imk,ikj->mkij", src, G).reshape(n * j, n * j)
    wedge = np.einsum("imk,imk->ik", trade_share, tariff / (1.0 + tariff))  # [i, k]
    T = np.einsum("ik,ikj->ij", wedge, G).reshape(n * j)
    return A, T


def calc_leontief(A: np.ndarray) -> np.ndarray:
    """Leontief inverse ``B = (I - A)^{-1}`` (NJ x NJ)."""
    return np.linalg.inv(np.eye(A.shape[0]) - A)


def _blocks(trade_share, tariff, va_share, io):
    """Cost shares ``G`` [i, k, j], foreign producer shares ``F`` [i, m, k] (zero for m == i) and the
    domestic Leontief blocks ``K_i = (I - D_i)^{-1}`` with ``D_i[k, j] = src[i, i, k] G[i, k, j]``."""
    n, _, j = trade_share.shape
    G = io * (1.0 - va_share)[:, None, :]
    src = trade_share / (1.0 + tariff)
    own = src[np.arange(n), np.arange(n), :]  # [i, k]
    F = np.array(src)
    F[np.arange(n), np.arange(n), :] = 0.0
    K = np.linalg.inv(np.eye(j)[None, :, :] - own[:, :, None] * G)
    wedge = np.einsum("imk,imk->ik", trade_share, tariff / (1.0 + tariff))
    T = np.einsum("ik,ikj->ij", wedge, G)  # [i, j]
    return G, F, K, T


def _converged(new, old, tol):
    return float(np.max(np.abs(new - old))) <= tol * max(1.0, float(np.max(np.abs(new))))


def _solve_rows(W, G, F, K, *, tol=1e-14, max_iter=2000):
    """``X`` with ``X (I - A) = W``; W and X are R x N x J (row vectors over (origin, sector))."""
    H = G @ K  # [i, k, j]: foreign input demand, then the domestic chain
    base = np.matmul(W.transpose(1, 0, 2), K).transpose(1, 0, 2)  # W K, [r, i, j]
    Fk = np.ascontiguousarray(F.transpose(2, 1, 0))  # [k, m, i]
    X = base
    for _ in range(max_iter):
        U = np.matmul(np.ascontiguousarray(X.transpose(2, 0, 1)), Fk)  # [k, r, i] = sum_m X[r, m, k] F[i, m, k]
        new = base + np.matmul(U.transpose(2, 1, 0), H).transpose(1, 0, 2)  # [i, r, k] @ H[i] -> [r, i, j]
        if _converged(new, X, tol):
            return new
        X = new
    raise FloatingPointError("the block Jacobi iteration did not converge: the world's input shares are not productive")


def _solve_columns(E, G, F, K, *, tol=1e-14, max_iter=2000):
    """``Y`` with ``(I - A) Y = E``; E and Y are N x J x C (columns over (origin, sector))."""
    Fk = np.ascontiguousarray(F.transpose(2, 1, 0))  # [k, m, i]
    base = K @ E  # [m, k, c]
    Y = base
    for _ in range(max_iter):
        Z = G @ Y  # [i, k, c] = sum_j G[i, k, j] Y[i, j, c]
        V = np.matmul(Fk, np.ascontiguousarray(Z.transpose(1, 0, 2)))  # [k, m, c] = sum_i F[i, m, k] Z[i, k, c]
        new = base + K @ V.transpose(1, 0, 2)
        if _converged(new, Y, tol):
            return new
        Y = new
    raise FloatingPointError("the block Jacobi iteration did not converge: the world's input shares are not productive")


def calc_va_content(
    trade_share: np.ndarray, tariff: np.ndarray, va_share: np.ndarray, io: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Value-added content of one dollar of each origin–sector's output, by source country.

    Returns
    -------
    content : ndarray, N x N x J
        ``content[c, i, j]``: share of the value of country ``i``'s sector-``j`` output that is
        value added in country ``c`` (``c == i``: domestic value added).
    tariff_content : ndarray, N x J
        Share paid as tariffs on intermediate inputs along the chain.
        ``content.sum(axis=0) + tariff_content == 1``.
    """
    n, _, j = trade_share.shape
    G, F, K, T = _blocks(trade_share, tariff, va_share, io)
    W = np.zeros((n + 1, n, j))
    W[np.arange(n), np.arange(n), :] = va_share  # row c: beta on country c's own sectors
    W[n] = T
    X = _solve_rows(W, G, F, K)
    return X[:n], X[n]


def calc_va_content_of(
    trade_share: np.ndarray, tariff: np.ndarray, va_share: np.ndarray, io: np.ndarray, origin: int
) -> tuple[np.ndarray, np.ndarray]:
    """`calc_va_content` for one origin's output only: ``content[:, origin, :]`` and ``tariff_content[origin]``.

    Solves for the origin's J columns of the Leontief inverse, not all N J.

    Returns
    -------
    content : ndarray, N x J
        ``content[c, j]``: share of the value of ``origin``'s sector-``j`` output added in ``c``.
    tariff_content : ndarray, J
    """
    n, _, j = trade_share.shape
    G, F, K, T = _blocks(trade_share, tariff, va_share, io)
    E = np.zeros((n, j, j))
    E[origin] = np.eye(j)
    Y = _solve_columns(E, G, F, K)  # B[(m, k), (origin, c)]
    return np.einsum("mk,mkc->mc", va_share, Y), np.einsum("mk,mkc->c", T, Y)
