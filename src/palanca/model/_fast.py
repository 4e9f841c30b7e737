r"""Fast path of the solver: the same fixed-point map and Anderson loop, fused into numba kernels.

This module is functional. `calc_fixed_point` runs the whole iteration of the numpy solver
(`palanca.model._solver.solve_from`) in compiled code: one pass over the ``[n, i, j]`` arrays per
step for the price indices (Caliendo and Parro 2015, eq. 11), one for gross output and tariff
revenue (eqs. 7 and 12, the trade shares never stored), two ``J x J`` products per country for
unit costs (eq. 10) and goods-market clearing (eq. 7), and Anderson mixing (Walker and Ni 2011,
type II) with a preallocated history ring whose Gram matrix is updated by one row per iteration.
It takes the arrays the numpy step closes over and returns the same fixed point; the numpy path
stays the reference (``tests/model/test_fast_*.py`` hold the two equal to 1e-12).

numba is optional (``pip install 'palanca[fast]'``); without it `AVAILABLE` is false and the solver
runs the numpy path unchanged. numba is imported, and the kernels compiled (cached on disk), on
first use only, so that importing palanca stays light.

References: L. Caliendo and F. Parro, Review of Economic Studies 82(1): 1–44, 2015; H. F. Walker and P. Ni,
"Anderson Acceleration for Fixed-Point Iterations", SIAM J. Numer. Anal. 49(4): 1715–1735, 2011.
"""

from __future__ import annotations

import importlib.util
import sys

import numpy as np

__all__ = ["AVAILABLE", "CLOSURE_CODES", "calc_fixed_point", "calc_step", "solver_fixed_point"]

AVAILABLE = importlib.util.find_spec("numba") is not None
#: Deficit rule of the step: 0 zero deficits, 1 fixed deficits (also the conditional closure), 2 output multiple.
CLOSURE_CODES = {"zero_deficit": 0, "fixed_deficit": 1, "conditional": 1, "output_multiple": 2}
#: Loading numba and the compiled kernels costs about this much once per process: the solver uses them once the
#: numpy solves they replace would have cost as much (``NUMPY_S_PER_CELL`` per ``[n, i, j]`` cell and solve): a
#: 200 x 50 world at once, cp1993 from its 13th solve, a single small solve never. Results do not depend on the path.
START_AFTER_S = 0.3
NUMPY_S_PER_CELL = 6e-7
_numpy_estimate_s = 0.0  # estimated numpy solve time of this process so far (dispatch only; kernels are pure)
_KERNELS: list[str] = []  # names of the module-level kernels, compiled in this order on first use
_compiled = False


def _jit(fn):
    """Mark a module-level kernel for compilation by numba on first use (numba is imported then)."""
    _KERNELS.append(fn.__name__)
    return fn


def _compile() -> None:
    """Replace each kernel by its numba dispatcher (compiled lazily, cached on disk), callees first."""
    global _compiled
    if _compiled:
        return
    import numba

    module = sys.modules[__name__]
    for name in _KERNELS:
        fn = getattr(module, name)
        setattr(
            module, name, numba.njit(cache=True, error_model="numpy", nogil=True, fastmath={"reassoc", "contract"})(fn)
        )
    _compiled = True


def _worth_it(cells: int) -> bool:
    """Whether this solve should take the fast path (see `START_AFTER_S`)."""
    global _numpy_estimate_s
    if "numba" in sys.modules:
        return True
    _numpy_estimate_s += cells * NUMPY_S_PER_CELL
    return _numpy_estimate_s >= START_AFTER_S


@_jit
def _step(z, out, A, AP, theta, has_spend, beta, G, alpha, va0, step_scale, scale, num_index, conditional,
          deficit_rule, deficit, phi, lc, e, S, Y, R):  # fmt: skip
    """One step of the fixed-point map, written into ``out`` (shape of ``z``: N + 2NJ).

    ``AP = A / (1 + tau')`` (N x N x J; the tariff share ``tau' / (1 + tau')`` is its complement);
    ``lc``, ``e``, ``S``, ``Y``, ``R`` (N x J) are work arrays. Inner loops run over the sector axis,
    the contiguous one, so that they vectorise.
    """
    n, j = beta.shape
    nj = n * j
    xo = n + nj  # offset of expenditure in z
    # unit costs (eq. 10) and e = c_hat ** -theta
    for i in range(n):
        for s in range(j):
            lc[i, s] = beta[i, s] * z[i]
        for k in range(j):
            lp = z[n + i * j + k]
            for s in range(j):
                lc[i, s] += G[i, k, s] * lp
        for s in range(j):
            e[i, s] = np.exp(-theta[s] * lc[i, s])
    # price indices (eq. 11)
    for m in range(n):
        for s in range(j):
            S[m, s] = 0.0
        for i in range(n):
            for s in range(j):
                S[m, s] += A[m, i, s] * e[i, s]
        for s in range(j):
            R[m, s] = S[m, s]
            if not has_spend[m, s]:
                S[m, s] = 1.0
    # gross output (eqs. 7 and 12; the trade shares A e / S are never stored) and tariff revenue per
    # unit of expenditure, R = sum_i A e tau' / (1 + tau') = S - sum_i A e / (1 + tau')
    for i in range(n):
        for s in range(j):
            Y[i, s] = 0.0
    for m in range(n):
        for s in range(j):
            lc[m, s] = z[xo + m * j + s] * scale / S[m, s]  # q = X / S (lc is free now)
        for i in range(n):
            for s in range(j):
                Y[i, s] += AP[m, i, s] * lc[m, s]
                R[m, s] -= AP[m, i, s] * e[i, s]
    for i in range(n):
        for s in range(j):
            Y[i, s] *= e[i, s]
    # labour-market clearing (Jacobi-Newton wage step), price indices and the numeraire
    gdp = 0.0
    for i in range(n):
        wb = 0.0
        rev = 0.0
        for s in range(j):
            wb += beta[i, s] * Y[i, s]
            rev += R[i, s] * lc[i, s]
        target = np.log(wb / va0[i])
        if not conditional:
            target -= z[i]
        lw_new = z[i] + step_scale[i] * target
        e[i, 0] = rev  # e is free now: keep the revenue of i
        out[i] = lw_new
        gdp += np.exp(lw_new) * va0[i]
    for m in range(n):
        for s in range(j):
            out[n + m * j + s] = -np.log(S[m, s]) / theta[s]
    if num_index < 0:
        shift = np.log(gdp / scale)
    else:
        shift = 0.0
        for s in range(j):
            shift += alpha[num_index, s] * out[n + num_index * j + s]
    for t in range(xo):
        out[t] -= shift
    y_scale = 1.0 if conditional else np.exp(-shift)
    # income: wage bill + tariff revenue + deficit; expenditure (eq. 7)
    wsum = 0.0
    psum = 0.0
    for i in range(n):
        wb = va0[i] if conditional else va0[i] * np.exp(out[i])
        S[i, 0] = wb  # S is free now
        wsum += wb
        psum += phi[i] * wb
    for i in range(n):
        wb = S[i, 0]
        if deficit_rule == 0:
            d = 0.0
        elif deficit_rule == 1:
            d = deficit[i]
        else:
            d = phi[i] * wb * (wsum / psum) - wb
        income = wb + e[i, 0] + d
        for s in range(j):
            acc = 0.0
            for k in range(j):
                acc += G[i, s, k] * Y[i, k]
            out[xo + i * j + s] = (acc * y_scale + alpha[i, s] * income) / scale


@_jit
def _solve_small(M, b, out):
    """``out = M^{-1} b`` by Gaussian elimination with partial pivoting (M is m x m, overwritten)."""
    m = b.shape[0]
    for t in range(m):
        out[t] = b[t]
    for c in range(m):
        p = c
        big = abs(M[c, c])
        for r in range(c + 1, m):
            if abs(M[r, c]) > big:
                big, p = abs(M[r, c]), r
        if p != c:
            for k in range(m):
                M[c, k], M[p, k] = M[p, k], M[c, k]
            out[c], out[p] = out[p], out[c]
        for r in range(c + 1, m):
            f = M[r, c] / M[c, c]
            for k in range(c, m):
                M[r, k] -= f * M[c, k]
            out[r] -= f * out[c]
    for c in range(m - 1, -1, -1):
        acc = out[c]
        for k in range(c + 1, m):
            acc -= M[c, k] * out[k]
        out[c] = acc / M[c, c]


@_jit
def _anderson(x, A, AP, theta, has_spend, beta, G, alpha, va0, step_scale, scale, num_index, conditional,
              deficit_rule, deficit, phi, tol, max_iter, memory, damping, patience):  # fmt: skip
    """Anderson loop of `palanca.model._anderson.anderson_fixed_point` over `_step`, in place on ``x``.

    Returns ``(converged, iterations, step_norm)``; ``x`` ends as the value that function returns.
    """
    n, j = beta.shape
    size = x.shape[0]
    gx = np.empty(size)
    f = np.empty(size)
    f_prev = np.empty(size)
    g_prev = np.empty(size)
    lc = np.empty((n, j))
    e = np.empty((n, j))
    S = np.empty((n, j))
    Y = np.empty((n, j))
    R = np.empty((n, j))
    mem = max(memory, 1)
    dF = np.empty((mem, size))
    dX = np.empty((mem, size))
    gram = np.empty((mem, mem))  # gram[a, b] = dF[slot a] . dF[slot b]
    M = np.empty((mem, mem))
    rhs = np.empty(mem)
    gamma = np.empty(mem)
    order = np.empty(mem, dtype=np.int64)
    head = 0  # slot of the oldest column
    count = 0
    have_prev = False
    best = np.inf
    norm = np.inf
    mark = np.inf
    mark_it = 0
    for it in range(1, max_iter + 1):
        _step(x, gx, A, AP, theta, has_spend, beta, G, alpha, va0, step_scale, scale, num_index, conditional,
              deficit_rule, deficit, phi, lc, e, S, Y, R)  # fmt: skip
        norm = 0.0
        finite = True
        for t in range(size):
            f[t] = gx[t] - x[t]
            a = abs(f[t])
            if not (a <= 1.7976931348623157e308):
                finite = False
            elif a > norm:
                norm = a
        if not finite:
            return False, it, np.nan
        if norm < tol:
            for t in range(size):
                x[t] = gx[t]
            return True, it, norm
        if norm < 0.1 * mark:
            mark, mark_it = norm, it
        elif patience >= 0 and it - mark_it > patience:
            return False, it, norm
        if memory == 0:
            for t in range(size):
                x[t] = x[t] + damping * f[t]
            continue
        if have_prev:
            if count == memory:  # drop the oldest column
                head = (head + 1) % memory
                count -= 1
            slot = (head + count) % memory
            for t in range(size):
                dF[slot, t] = f[t] - f_prev[t]
                dX[slot, t] = gx[t] - g_prev[t]
                f_prev[t] = f[t]
                g_prev[t] = gx[t]
            count += 1
            for c in range(count):  # the new Gram row and the right-hand side, oldest column first
                other = (head + c) % memory
                acc = 0.0
                acc_f = 0.0
                for t in range(size):
                    acc += dF[slot, t] * dF[other, t]
                    acc_f += dF[other, t] * f[t]
                gram[slot, other] = acc
                gram[other, slot] = acc
                rhs[c] = acc_f
        else:
            for t in range(size):
                f_prev[t] = f[t]
                g_prev[t] = gx[t]
            have_prev = True
        if norm > 10.0 * best:  # the extrapolation went astray: restart from a Picard step
            count = 0
        best = min(best, norm)
        if count > 0:
            trace = 0.0
            for c in range(count):
                order[c] = (head + c) % memory
                trace += gram[order[c], order[c]]
            reg = 1e-14 * trace / count
            for a in range(count):
                for b in range(count):
                    M[a, b] = gram[order[a], order[b]]
                M[a, a] += reg
            _solve_small(M[:count, :count], rhs[:count], gamma[:count])
            for t in range(size):
                acc = gx[t]
                mix = f[t]
                for c in range(count):
                    acc -= dX[order[c], t] * gamma[c]
                    mix -= dF[order[c], t] * gamma[c]
                x[t] = acc if damping >= 1.0 else acc - (1.0 - damping) * mix
        else:
            for t in range(size):
                x[t] = x[t] + damping * f[t]
    return False, max_iter, norm


def _arrays(A, producer, rebate, theta, has_spend, beta, G, alpha, va0, step_scale, deficit, phi):
    deficit = np.zeros_like(va0) if deficit is None else deficit
    phi = np.ones_like(va0) if phi is None else phi
    floats = [np.ascontiguousarray(a, dtype=np.float64) for a in (A, A * producer, theta)]
    rest = [np.ascontiguousarray(a, dtype=np.float64) for a in (beta, G, alpha, va0, step_scale, deficit, phi)]
    return (*floats, np.ascontiguousarray(has_spend, dtype=np.bool_), *rest)


def calc_step(
    z, *, A, producer, rebate, theta, has_spend, beta, G, alpha, va0, step_scale, scale, num_index, conditional,
    deficit_rule, deficit=None, phi=None,
):  # fmt: skip
    """One step of the solver's fixed-point map (the numpy ``step`` of `solve_from`), N + 2NJ.

    Parameters are the arrays the numpy step uses: ``A = pi kappa_hat ** -theta`` (N x N x J),
    ``producer = 1 / (1 + tau')`` and ``rebate = tau' / (1 + tau')`` (N x N x J), ``theta`` (J),
    ``has_spend`` (N x J, bool), ``beta`` and ``alpha`` (N x J), ``G`` (N x J x J), ``va0`` and
    ``step_scale`` (N), ``scale`` (world value added), ``num_index`` (``None`` for the world-GDP
    numeraire), ``conditional``, ``deficit_rule`` (a `CLOSURE_CODES` value) with ``deficit`` (fixed
    deficits, N) or ``phi`` (``1 + D / VA``, N).
    """
    _compile()
    n, j = np.shape(beta)
    arrays = _arrays(A, producer, rebate, theta, has_spend, beta, G, alpha, va0, step_scale, deficit, phi)
    out = np.empty(n + 2 * n * j)
    work = [np.empty((n, j)) for _ in range(5)]
    num = -1 if num_index is None else int(num_index)
    _step(np.ascontiguousarray(z, dtype=np.float64), out, *arrays[:9], float(scale), num, bool(conditional),
          int(deficit_rule), *arrays[9:], *work)  # fmt: skip
    return out


def calc_fixed_point(
    z0, *, A, producer, rebate, theta, has_spend, beta, G, alpha, va0, step_scale, scale, num_index, conditional,
    deficit_rule, deficit=None, phi=None, tol, max_iter, memory, damping, patience=None,
):  # fmt: skip
    """Anderson-accelerated fixed point of `calc_step` from ``z0``.

    Returns ``(x, converged, iterations, step_norm)`` with the semantics of
    `palanca.model._anderson.anderson_fixed_point` (``patience=None``: never stop early).
    """
    _compile()
    arrays = _arrays(A, producer, rebate, theta, has_spend, beta, G, alpha, va0, step_scale, deficit, phi)
    x = np.array(z0, dtype=np.float64, copy=True)
    converged, iterations, norm = _anderson(
        x, *arrays[:9], float(scale), -1 if num_index is None else int(num_index), bool(conditional),
        int(deficit_rule), *arrays[9:],
        float(tol), int(max_iter), int(memory), float(damping), -1 if patience is None else int(patience),
    )  # fmt: skip
    return x, bool(converged), int(iterations), float(norm)


def solver_fixed_point(z0, options, *, world, shock, closure, **arrays):
    """The solver's first Anderson pass on the fast path, or ``None`` where it does not apply.

    ``arrays`` are the keyword arguments of `calc_step` other than the deficit rule, which follows
    from ``closure`` as in the numpy step. Returns a converged
    `palanca.model._anderson.FixedPointResult`, or ``None`` (numba missing, a closure the kernels do
    not implement, a process that has not solved enough yet to repay numba's start-up, or no
    convergence) so that the caller runs the numpy path, the reference.
    """
    from palanca.model._anderson import FixedPointResult

    code = CLOSURE_CODES.get(getattr(closure, "value", None))
    if not AVAILABLE or code is None or not _worth_it(arrays["A"].size):
        return None
    deficit = world.deficit_usd_m if shock.deficit_usd_m is None else shock.deficit_usd_m
    phi = 1.0 + world.deficit_usd_m / world.value_added_usd_m
    x, converged, iterations, norm = calc_fixed_point(
        z0,
        **arrays,
        deficit_rule=code,
        deficit=deficit,
        phi=phi,
        tol=options.tol,
        max_iter=options.max_iter,
        memory=options.memory,
        damping=options.damping,
        patience=300 if options.fallback else None,
    )
    return FixedPointResult(x, True, iterations, norm) if converged else None
