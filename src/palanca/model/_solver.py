r"""The counterfactual solver: one entry point, `solve(world, shock, closure=..., options=...)`.

The equilibrium of Caliendo and Parro (2015, section 3.3) in changes is the fixed point of wages,
sectoral prices and expenditure. We iterate the joint map

1. unit costs and price indices (eqs. 10–11) from wages and prices,
2. trade shares (eq. 12),
3. expenditure from goods-market clearing with tariff rebates and deficits (eq. 7),
4. wages from labour-market clearing, ``w_n L_n = sum_j beta_n^j Y_n^j`` (eq. 8 with eq. 13),
   normalised by the numeraire,

and accelerate it with Anderson mixing. Every step costs O(N^2 J + N J^2) (per-country J x J
input-output products and vectorised shares); no dense NJ x NJ system is ever formed.
"""

from __future__ import annotations

import dataclasses
import time

import numpy as np

from palanca.errors import ConvergenceError, WorldValidationError
from palanca.model import _fast
from palanca.model._anderson import FixedPointResult, anderson_fixed_point
from palanca.model._equilibrium import (
    calc_cost_weights,
    calc_expenditure,
    calc_gross_output,
    calc_log_unit_cost,
    calc_price_index,
    calc_tariff_rebate_share,
    calc_trade_shares,
)
from palanca.model._labour import Labour
from palanca.model._results import Equilibrium
from palanca.model._settle import _deficits, _settle, start_vector
from palanca.model._shock import Closure, Shock, SolverOptions
from palanca.model._world import World

__all__ = ["rebase", "solve", "warm_up"]


#: The plain-damping fallbacks stop once their best step has not shrunk tenfold in this many iterations
#: (a map that stalls or diverges there does not contract; Newton–Krylov takes over), so that a large
#: ``max_iter`` bounds a converging iteration, not the work spent on a failing one.
_DAMPED_PATIENCE = 1000


def _fixed_point(step, z0: np.ndarray, options: SolverOptions) -> tuple[FixedPointResult, str]:
    """Solve ``z = step(z)``: Anderson as configured, then plain damping, then Newton–Krylov.

    Anderson mixing is fast but can cycle (the zero-deficit re-solve of large worlds); plain damped
    iteration is slow but contracts where the map does; Newton–Krylov (`scipy.optimize.newton_krylov`
    on ``step(z) - z``, Knoll and Keyes 2004) handles the rest. The first method that meets the
    tolerance wins; the answer does not depend on which one it is.
    """
    fp = anderson_fixed_point(
        step,
        z0,
        tol=options.tol,
        max_iter=options.max_iter,
        memory=options.memory,
        damping=options.damping,
        patience=300 if options.fallback else None,
    )
    if fp.converged or not options.fallback:
        return fp, "anderson" if options.memory else "damped"
    total = fp.iterations
    for damping in (1.0, 0.5):
        start = z0 if not np.all(np.isfinite(fp.x)) else fp.x
        fp2 = anderson_fixed_point(
            step,
            start,
            tol=options.tol,
            max_iter=options.max_iter,
            memory=0,
            damping=damping,
            patience=_DAMPED_PATIENCE,
        )
        total += fp2.iterations
        if fp2.converged:
            return FixedPointResult(fp2.x, True, total, fp2.step_norm), "damped"
    from scipy import optimize

    best = fp if np.isfinite(fp.step_norm) else fp2
    nk_iter = int(min(max(options.max_iter // 10, 1), 200))
    try:
        with np.errstate(all="ignore"):
            x = optimize.newton_krylov(
                lambda z: step(z) - z, best.x, f_tol=options.tol, maxiter=nk_iter, method="lgmres", verbose=False
            )
        gx = step(x)
        norm = float(np.max(np.abs(gx - x)))
        return FixedPointResult(gx, bool(norm < options.tol), total + nk_iter, norm), "newton_krylov"
    except (optimize.NoConvergence, ValueError, FloatingPointError, np.linalg.LinAlgError) as exc:
        x = exc.args[0] if isinstance(exc, optimize.NoConvergence) and exc.args else best.x
        norm = float(np.max(np.abs(step(x) - x))) if np.all(np.isfinite(x)) else float("inf")
        return FixedPointResult(x, False, total + nk_iter, norm), "newton_krylov"


def _status(world, shock, closure, options, fp, residual, income, deficit, arrays) -> tuple[bool, str]:
    """Convergence verdict of a fixed point; raises `ConvergenceError` when it failed and ``options.throw``."""
    scale = float(world.value_added_usd_m.sum())
    X = arrays[-1]
    converged = fp.converged and np.isfinite(residual) and residual < max(1e3 * options.tol, 1e-8)
    status = "converged" if converged else "max_iter"
    finite = all(np.all(np.isfinite(a)) for a in (*arrays, income, deficit))
    if not finite:
        converged, status = False, "non_finite"
    elif np.any(income <= 0) or np.any(X < -1e-9 * scale):
        # A fixed point with non-positive income is no equilibrium: budget shares are undefined and
        # "real income" below -100% has no meaning (this happens when a fixed deficit exceeds what
        # the country can finance, e.g. a large surplus under FIXED_DEFICIT).
        converged, status = False, "non_positive_income"
    if not converged and options.throw:
        if status == "non_positive_income":
            k = int(np.argmin(income))
            raise ConvergenceError(
                f"no equilibrium with positive income for world {world.name!r} "
                f"({shock.label or 'unnamed shock'}, closure {closure.value}): {world.countries[k]} ends with "
                f"income {income[k]:.4g} USD m (baseline {world.income_usd_m[k]:.4g}) because its deficit of "
                f"{deficit[k]:.4g} USD m is held fixed. Use closure zero_deficit or output_multiple, or a "
                "smaller shock.",
                iterations=fp.iterations,
                residual=residual,
            )
        raise ConvergenceError(
            f"equilibrium solver did not converge for world {world.name!r} "
            f"({shock.label or 'unnamed shock'}, closure {closure.value}): after {fp.iterations} "
            f"iterations (Anderson, then plain damping, then Newton-Krylov) the largest step was "
            f"{fp.step_norm:.3g} (tol {options.tol:.1e}) and the labour-market residual {residual:.3g} of "
            "world value added. Try a larger max_iter; check that tariffs and cost changes are of sensible size.",
            iterations=fp.iterations,
            residual=residual,
        )
    return bool(converged), status


def _own_wage_elasticity(world: World) -> np.ndarray:
    r"""Baseline elasticity of country n's labour demand to its own wage, N (a preconditioner).

    With :math:`d\ln \pi_{mn}^j / d\ln w_n \approx -\theta^j \beta_n^j (1 - \pi_{mn}^j)`,
    the value-added-weighted mean over sectors and destinations of
    :math:`\theta^j \beta_n^j (1 - \pi_{mn}^j)`. It sets the step of the wage update,
    which is what keeps the iteration stable for large trade elasticities.
    """
    X = world.trade_usd_m  # [m, n, j] sales of n to m
    pi = world.trade_share
    y = X.sum(axis=0)
    weight = world.va_share * y  # (N, J) value added by sector
    inner = (X * (1.0 - pi)).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        open_share = np.where(y > 0, inner / y, 0.0)
    el = (weight * world.theta * world.va_share * open_share).sum(axis=1)
    return el / np.maximum(weight.sum(axis=1), 1e-300)


def solve(
    world: World,
    shock: Shock | None = None,
    *,
    closure: Closure = Closure.FIXED_DEFICIT,
    options: SolverOptions | None = None,
    baseline: World | None = None,
    initial: Equilibrium | None = None,
    labour: Labour | None = None,
) -> Equilibrium:
    r"""Solve a counterfactual relative to the model re-solved at baseline policy.

    The data are not an exact equilibrium of the model (final-demand shares are truncated at
    zero, deficits may be purged), so, as Caliendo and Parro (2015) do, the model is first solved
    at the world's own policy under ``closure``; the shock is then applied to that model-consistent
    baseline and every change is reported relative to it.

    Parameters
    ----------
    world : World
        Observed baseline economy.
    shock : Shock, optional
        Tariff levels, iceberg cost changes and deficits; ``None`` is no change.
    closure : Closure
        Treatment of trade imbalances (see `Closure`).
    options : SolverOptions, optional
        Tolerance, iteration cap, acceleration, numeraire, ``throw``.
    baseline : World, optional
        A model-consistent baseline from `rebase` (pass it when solving many shocks on one world).
    initial : Equilibrium, optional
        A nearby solution to start from (warm start); the answer does not depend on it.
    labour : Labour, optional
        Labour-market and fiscal closure: employment margin, specific factors, use of tariff
        revenue (`palanca.model.Labour`); ``None`` is fixed, mobile labour (Caliendo–Parro).

    Returns
    -------
    Equilibrium
        Levels and changes relative to the baseline, welfare and its decomposition, and the
        solver's status, iteration count and residual.

    Raises
    ------
    ConvergenceError
        If the solver stops before meeting ``options.tol`` and ``options.throw`` is true.
    """
    options = options or SolverOptions()
    shock = shock or Shock.none()
    shock.check_against(world)
    if baseline is None:
        base_eq = solve_from(world, Shock.none(), closure=closure, options=options)
        if not base_eq.converged:  # only reached with throw=False: say so, never solve on a broken baseline
            return dataclasses.replace(base_eq, shock=shock, status=f"baseline_{base_eq.status}")
        baseline = base_eq.to_world(name=world.name)
    elif baseline.countries != world.countries or baseline.sectors != world.sectors:
        raise WorldValidationError(
            f"baseline {baseline.name!r} has other countries or sectors than world {world.name!r}; "
            "build it with rebase(world)."
        )
    return solve_from(baseline, shock, closure=closure, options=options, initial=initial, labour=labour)


def warm_up(world: World) -> bool:
    """Load the compiled fast path now, in a process that is about to solve many times (a sweep's worker).

    numba and the kernels' on-disk cache cost about 0.3 s once per process (`palanca.model._fast`); a
    process that knows it will solve for long pays that before its first timed solve instead of during
    it. Solves ``world``'s own baseline once (no shock) to load every kernel. ``False`` where numba is not
    installed (the numpy path then runs, unchanged). Results never depend on the path.
    """
    if not _fast.AVAILABLE:
        return False
    _fast._compile()
    solve(world, Shock.none(), closure=Closure.FIXED_DEFICIT)
    return True


def rebase(world: World, *, closure: Closure = Closure.FIXED_DEFICIT, options: SolverOptions | None = None) -> World:
    """The model re-solved at the world's own policy under ``closure``: a consistent baseline.

    Raises `ConvergenceError` if the re-solve fails, whatever ``options.throw`` says: a baseline
    that is not an equilibrium would make every counterfactual on it wrong.
    """
    options = dataclasses.replace(options or SolverOptions(), throw=True)
    eq = solve_from(world, Shock.none(), closure=closure, options=options)
    return eq.to_world(name=world.name)


def solve_from(
    world: World,
    shock: Shock,
    *,
    closure: Closure,
    options: SolverOptions,
    initial: Equilibrium | None = None,
    labour: Labour | None = None,
) -> Equilibrium:
    """Exact hat algebra from ``world`` taken as the initial equilibrium (no re-solve).

    ``initial``: a solution of a nearby problem on the same world (e.g. the central draw of a
    Monte Carlo) used as the starting point; it changes the iteration count, not the answer.
    ``labour``: see `solve`. (The baseline is the same for every labour closure: at the world's own
    policy nothing moves, so `rebase` needs none.)
    """
    if labour is not None and not labour.fixed:
        from palanca.model._solver_labour import solve_labour_from

        return solve_labour_from(world, shock, closure=closure, options=options, labour=labour, initial=initial)
    t0 = time.perf_counter()
    shock.check_against(world)
    n, j = world.n_countries, world.n_sectors
    theta = world.theta
    beta = world.va_share
    alpha = world.final_share
    G = calc_cost_weights(beta, world.io)
    pi0 = world.trade_share
    tau0 = world.tariff
    tau1 = shock.tariff_or(world)
    kappa_hat = (1.0 + tau1) / (1.0 + tau0) * shock.trade_cost_hat_or_ones(world)
    A = pi0 * kappa_hat ** (-theta)
    va0 = world.value_added_usd_m
    scale = float(va0.sum())
    producer = 1.0 / (1.0 + tau1)
    rebate = tau1 / (1.0 + tau1)
    num_index = None if options.numeraire == "world_gdp" else world.country_index(options.numeraire)
    has_spend = A.sum(axis=1) > 0  # (N, J): destinations that buy the sector at all
    conditional = closure is Closure.CONDITIONAL
    step_scale = 1.0 / (1.0 + _own_wage_elasticity(world))

    def unpack(z: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return z[:n], z[n : n + n * j].reshape(n, j), z[n + n * j :].reshape(n, j) * scale

    def step(z: np.ndarray) -> np.ndarray:
        lw, lP, X = unpack(z)
        lc = calc_log_unit_cost(lw, lP, beta, G)  # eq. 10
        lP_new, e = calc_price_index(A, lc, theta, buys=has_spend)  # eq. 11
        pi = calc_trade_shares(A, e, lP_new, theta)  # eq. 12
        Y = calc_gross_output(pi * producer, X)
        wage_bill = (beta * Y).sum(axis=1)
        # Jacobi-Newton step on labour-market clearing: the log excess demand for labour divided
        # by one plus the (baseline) own-wage elasticity of labour demand.
        # (CONDITIONAL: the target is baseline value added itself, not w * VA; the same damped
        # step keeps the iteration stable with input-output links.)
        lw_new = lw + step_scale * (np.log(wage_bill / va0) - (0.0 if conditional else lw))
        # Numeraire: shift all nominal variables; at a fixed point the shift is zero (summing the
        # budget constraints shows any nonzero shift would need sum(Y) < sum(beta Y)).
        if num_index is None:
            shift = np.log(np.exp(lw_new) @ va0 / scale)
        else:
            shift = float(alpha[num_index] @ lP_new[num_index])
        lw_new = lw_new - shift
        lP_new = lP_new - shift
        if conditional:
            # Nominal incomes are fixed, so the shift moves only wages and prices (demand is
            # homogeneous of degree zero in them): it is a pure choice of price level.
            wb, y_scale = va0, 1.0
        else:
            wb, y_scale = va0 * np.exp(lw_new), np.exp(-shift)
        income = wb + (calc_tariff_rebate_share(pi, tau1) * X).sum(axis=1)
        income = income + _deficits(world, shock, closure, wb)
        X_new = calc_expenditure(Y * y_scale, G, alpha, income)
        return np.concatenate([lw_new, lP_new.ravel(), X_new.ravel() / scale])

    warm = initial is not None and initial.wage_hat.shape == (n,) and initial.price_hat.shape == (n, j)
    z0 = start_vector(world, scale, n, initial if warm else None, lambda eq: (eq.wage_hat,))
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        # The same map and Anderson loop compiled (palanca.model._fast) where it applies and pays off;
        # the numpy step above stays the reference and runs whenever the fast path declines or fails.
        fp = _fast.solver_fixed_point(
            z0, options, world=world, shock=shock, closure=closure, A=A, producer=producer, rebate=rebate,
            theta=theta, has_spend=has_spend, beta=beta, G=G, alpha=alpha, va0=va0, step_scale=step_scale,
            scale=scale, num_index=num_index, conditional=conditional,
        )  # fmt: skip
        if fp is not None:
            method = "anderson" if options.memory else "damped"
        else:
            fp, method = _fixed_point(step, z0, options)
    lw, lP, X, lc, pi1, income, deficit, residual = _settle(
        world, shock, closure, fp.x, A=A, theta=theta, has_spend=has_spend, beta=beta, G=G, producer=producer,
        tau1=tau1, va0=va0, scale=scale, conditional=conditional,
    )  # fmt: skip
    converged, status = _status(world, shock, closure, options, fp, residual, income, deficit, (lw, lP, X))
    return Equilibrium(
        world=world,
        shock=shock,
        closure=closure,
        wage_hat=np.exp(lw),
        price_hat=np.exp(lP),
        cost_hat=np.exp(lc),
        trade_share=pi1,
        expenditure_usd_m=X,
        tariff=tau1,
        deficit_usd_m=deficit,
        income_usd_m=income,
        converged=bool(converged),
        iterations=fp.iterations,
        status=status,
        method=method,
        residual=residual,
        seconds=time.perf_counter() - t0,
    )
