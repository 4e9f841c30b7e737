r"""The solver with an employment margin and/or specific factors (`palanca.model._labour`).

The same fixed point as `palanca.model._solver.solve_from` (Caliendo and Parro 2015, eqs. 7–13),
with two changes: value added is :math:`\hat w \hat L\, VA` where employment follows the labour
supply of Ignatenko et al. (2025), :math:`\hat L = (\hat\tau\hat w/\hat P)^\kappa`; and, with
specific factors, wages are indexed by country and sector, ``w[n, j]``, and labour-market clearing
:math:`\hat w_{nj}\hat L_{nj}\, VA_{nj} = \beta_{nj} Y_{nj}'` holds sector by sector. With
:math:`\kappa = 0` and mobile labour the two solvers agree (a test).
"""

from __future__ import annotations

import time

import numpy as np

from palanca.errors import WorldValidationError
from palanca.model._equilibrium import (
    calc_cost_weights,
    calc_gross_output,
    calc_log_unit_cost,
    calc_price_index,
    calc_tariff_rebate_share,
    calc_trade_shares,
)
from palanca.model._labour import (
    BLP2023_SHORT_TO_LONG,
    ILMS2025_KAPPA,
    Fiscal,
    Labour,
    calc_labour_supply,
    calc_tax_hat,
)
from palanca.model._results import Equilibrium
from palanca.model._settle import _deficits, labour_residual, settle_income, settle_prices, start_vector
from palanca.model._shock import Closure, Shock, SolverOptions
from palanca.model._solver import _fixed_point, _own_wage_elasticity, _status
from palanca.model._world import World

__all__ = ["solve_labour_from", "solve_short_run"]


def solve_labour_from(
    world: World,
    shock: Shock,
    *,
    closure: Closure,
    options: SolverOptions,
    labour: Labour,
    initial: Equilibrium | None = None,
) -> Equilibrium:
    """Exact hat algebra from ``world`` with the labour-market closure ``labour``."""
    if closure is Closure.CONDITIONAL:
        raise WorldValidationError(
            "closure conditional keeps nominal value added fixed and cannot have an employment margin or "
            "specific factors; use fixed_deficit, zero_deficit or output_multiple."
        )
    t0 = time.perf_counter()
    shock.check_against(world)
    n, j = world.n_countries, world.n_sectors
    theta, beta, alpha = world.theta, world.va_share, world.final_share
    G = calc_cost_weights(beta, world.io)
    tau1 = shock.tariff_or(world)
    kappa_hat = (1.0 + tau1) / (1.0 + world.tariff) * shock.trade_cost_hat_or_ones(world)
    A = world.trade_share * kappa_hat ** (-theta)
    Y0 = world.gross_output_usd_m
    va0_nj = beta * Y0
    va0 = va0_nj.sum(axis=1)
    R0 = world.tariff_revenue_usd_m
    scale = float(va0.sum())
    producer = 1.0 / (1.0 + tau1)
    num_index = None if options.numeraire == "world_gdp" else world.country_index(options.numeraire)
    has_spend = A.sum(axis=1) > 0
    kappa, specific = float(labour.elasticity), labour.specific
    if specific:
        open_share = np.divide(
            (world.trade_usd_m * (1.0 - world.trade_share)).sum(axis=0), Y0, out=np.zeros_like(Y0), where=Y0 > 0
        )
        step_scale = 1.0 / (1.0 + theta * beta * open_share + kappa)
        active = va0_nj > 0
    else:
        step_scale = 1.0 / (1.0 + _own_wage_elasticity(world) + kappa)
    nw = n * j if specific else n

    shape = (n, j) if specific else (n,)

    def unpack(z):
        lw, lL = z[:nw].reshape(shape), z[nw : 2 * nw].reshape(shape)
        return lw, lL, z[2 * nw : 2 * nw + n * j].reshape(n, j), z[2 * nw + n * j :].reshape(n, j) * scale

    def employment(lw, lP, revenue, wb):
        tau_hat, tau0 = calc_tax_hat(labour, revenue, R0, wb, va0)
        lcpi = (alpha * lP).sum(axis=1)
        return calc_labour_supply(kappa, lw, lcpi, tau_hat), tau_hat, tau0

    def wage_bill(lw, lL):
        return (va0_nj * np.exp(lw + lL)).sum(axis=1) if specific else va0 * np.exp(lw + lL)

    def step(z):
        lw, lL, lP, X = unpack(z)
        lc = calc_log_unit_cost(lw, lP, beta, G)  # eq. 10 (sector wages with specific factors)
        lP_new, e = calc_price_index(A, lc, theta, buys=has_spend)  # eq. 11
        pi = calc_trade_shares(A, e, lP_new, theta)  # eq. 12
        Y = calc_gross_output(pi * producer, X)
        revenue = (calc_tariff_rebate_share(pi, tau1) * X).sum(axis=1)
        lL_new, _, _ = employment(lw, lP, revenue, wage_bill(lw, lL))
        if specific:
            demand = np.log(np.where(active, beta * Y, 1.0) / np.where(active, va0_nj, 1.0))
            lw_new = lw + step_scale * np.where(active, demand - lw - lL, 0.0)
        else:
            lw_new = lw + step_scale * (np.log((beta * Y).sum(axis=1) / va0) - lw - lL)
        if num_index is None:
            shift = np.log(wage_bill(lw_new, lL).sum() / scale)
        else:
            shift = float(alpha[num_index] @ lP_new[num_index])
        lw_new, lP_new = lw_new - shift, lP_new - shift
        wb = wage_bill(lw_new, lL)
        income = wb + revenue + _deficits(world, shock, closure, wb)
        X_new = np.einsum("njk,nk->nj", G, Y * np.exp(-shift)) + alpha * income[:, None]
        return np.concatenate([lw_new.ravel(), lL_new.ravel(), lP_new.ravel(), X_new.ravel() / scale])

    warm = initial is not None and initial.price_hat.shape == (n, j) and initial.wage_sector_hat is not None

    def lead(eq: Equilibrium) -> tuple[np.ndarray, np.ndarray]:
        if specific:
            return eq.wage_sector_hat, eq.employment_sector_hat
        return eq.wage_hat, eq.employment_hat

    z0 = start_vector(world, scale, 2 * nw, initial if warm else None, lead)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        fp, method = _fixed_point(step, z0, options)
    lw, lL, lP, X = unpack(fp.x)
    lc, lP, pi1, Y, revenue = settle_prices(
        lw, lP, X, A=A, theta=theta, has_spend=has_spend, beta=beta, G=G, producer=producer, tau1=tau1
    )
    _, tau_hat, tau0 = employment(lw, lP, revenue, wage_bill(lw, lL))
    wb = wage_bill(lw, lL)
    income, deficit = settle_income(world, shock, closure, wb, revenue)
    if specific:
        residual = labour_residual(np.where(active, beta * Y - va0_nj * np.exp(lw + lL), 0.0), 0.0, scale)
        wage_nj = np.exp(lw)
        emp_nj = np.exp(lL)
        emp_hat = np.divide((va0_nj * emp_nj).sum(axis=1), va0)  # baseline-wage-bill-weighted employment
    else:
        residual = labour_residual((beta * Y).sum(axis=1), wb, scale)
        wage_nj = np.repeat(np.exp(lw)[:, None], j, axis=1)
        emp_hat = np.exp(lL)
        emp_nj = np.divide(beta * Y, va0_nj * wage_nj, out=np.ones_like(Y), where=va0_nj > 0)
    converged, status = _status(world, shock, closure, options, fp, residual, income, deficit, (lw, lL, lP, X))
    return Equilibrium(
        world=world,
        shock=shock,
        closure=closure,
        wage_hat=wb / va0 / emp_hat,
        price_hat=np.exp(lP),
        cost_hat=np.exp(lc),
        trade_share=pi1,
        expenditure_usd_m=X,
        tariff=tau1,
        deficit_usd_m=deficit,
        income_usd_m=income,
        converged=converged,
        iterations=fp.iterations,
        residual=residual,
        seconds=time.perf_counter() - t0,
        status=status,
        method=method,
        labour=labour,
        employment_hat=emp_hat,
        employment_sector_hat=emp_nj,
        wage_sector_hat=wage_nj,
        tax_hat=tau_hat,
        tax_rate0=tau0,
    )


def solve_short_run(
    world: World,
    shock: Shock | None = None,
    *,
    closure: Closure = Closure.FIXED_DEFICIT,
    options: SolverOptions | None = None,
    baseline: World | None = None,
    elasticity_ratio: float = BLP2023_SHORT_TO_LONG,
    kappa: float = ILMS2025_KAPPA,
    fiscal: Fiscal = Fiscal.LUMP_SUM,
) -> Equilibrium:
    r"""The short run: labour fixed by sector (specific factors), the employment margin, short-run elasticities.

    Trade elasticities are scaled by the ratio of the one-year to the long-run elasticity of
    Boehm, Levchenko and Pandalai-Nayar (2023, AER), 0.76 / 2.0 (``elasticity_ratio``); workers
    cannot change sector but can change hours with elasticity ``kappa`` (0.5, Ignatenko et al. 2025).
    Lower elasticities alone (the "theta x 0.4" sensitivity) *raise* a large importer's
    terms-of-trade gain in a static model; sector-specific labour is what makes the short run
    costlier for the economies whose exports are hit.
    """
    if not 0.0 < elasticity_ratio <= 1.0:
        raise WorldValidationError(
            f"elasticity_ratio = {elasticity_ratio}; the short- to long-run elasticity ratio lies in (0, 1] "
            "(0.38 from Boehm, Levchenko and Pandalai-Nayar 2023)."
        )
    from dataclasses import replace

    from palanca.model._solver import rebase

    options = options or SolverOptions()
    base = baseline if baseline is not None else rebase(world, closure=closure, options=options)
    short = replace(base, theta=base.theta * elasticity_ratio, name=f"{base.name}-short-run")
    return solve_labour_from(
        short,
        shock or Shock.none(),
        closure=closure,
        options=options,
        labour=Labour(kappa, specific=True, fiscal=fiscal),
    )
