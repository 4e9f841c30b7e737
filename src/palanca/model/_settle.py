"""The parts every fixed point of the solver shares: deficits under a closure, the start vector, and the
equilibrium arrays re-evaluated at the fixed point (prices, income with its deficit, the labour-market residual).

This module is functional: `palanca.model._solver`, `palanca.model._solver_labour` and
`palanca.model._solver_draws` call it, so their answers are the same arithmetic in the same order.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from palanca.model._equilibrium import (
    calc_gross_output,
    calc_log_unit_cost,
    calc_price_index,
    calc_tariff_rebate_share,
    calc_trade_shares,
)
from palanca.model._results import Equilibrium
from palanca.model._shock import Closure, Shock
from palanca.model._world import World

__all__ = ["labour_residual", "settle_income", "settle_prices", "start_vector"]


def _deficits(world: World, shock: Shock, closure: Closure, wage_bill: np.ndarray) -> np.ndarray:
    r"""Counterfactual deficits ``D_n'`` under ``closure``, given labour income ``wage_bill`` (N).

    ``OUTPUT_MULTIPLE`` keeps expenditure a fixed multiple :math:`\phi_n = 1 + D_n / VA_n` of value
    added, up to one world factor that restores Walras' law (deficits sum to zero):

    .. math:: E_n' = \phi_n VA_n' \frac{\sum_m VA_m'}{\sum_m \phi_m VA_m'}, \qquad D_n' = E_n' - VA_n'.

    The factor is multiplicative because the structural-gravity system of Yotov et al. (2016,
    ch. 2) is written in expenditure and output *shares*; this reproduces the fixed point of their
    iterative full-endowment procedure exactly (spreading the discrepancy additively in proportion to
    value added would differ at second order). ``CONDITIONAL`` keeps
    the baseline deficits in baseline nominal units.
    """
    if closure is Closure.ZERO_DEFICIT:
        return np.zeros(world.n_countries)
    if closure is Closure.FIXED_DEFICIT or closure is Closure.CONDITIONAL:
        return world.deficit_usd_m if shock.deficit_usd_m is None else shock.deficit_usd_m
    phi_va = (1.0 + world.deficit_usd_m / world.value_added_usd_m) * wage_bill
    return phi_va * (wage_bill.sum() / phi_va.sum()) - wage_bill


def start_vector(
    world: World,
    scale: float,
    n_lead: int,
    initial: Equilibrium | None,
    lead: Callable[[Equilibrium], tuple[np.ndarray, ...]],
) -> np.ndarray:
    """The iterate's start ``[log wages (and employment)..., log prices, expenditure / scale]``.

    From ``initial`` (a nearby solution: ``lead(initial)`` gives the hats of the leading blocks, taken in
    logs) or, when it is ``None``, ``n_lead`` zeros, zero log prices and the world's absorption.
    """
    n, j = world.n_countries, world.n_sectors
    if initial is None:
        return np.concatenate([np.zeros(n_lead), np.zeros(n * j), (world.absorption_usd_m / scale).ravel()])
    return np.concatenate(
        [
            *(np.log(h).ravel() for h in lead(initial)),
            np.log(initial.price_hat).ravel(),
            (initial.expenditure_usd_m / scale).ravel(),
        ]
    )


def settle_prices(lw, lP, X, *, A, theta, has_spend, beta, G, producer, tau1):
    """Prices and flows re-evaluated at a fixed point: ``(lc, lP, pi, Y, revenue)``.

    Unit costs from the iterate's wages and prices, price indices from them (sectors a destination does
    not buy keep the iterate's value), trade shares, gross output and tariff revenue by country.
    """
    lc = calc_log_unit_cost(lw, lP, beta, G)
    lP_chk, e = calc_price_index(A, lc, theta, buys=has_spend)
    lP = np.where(has_spend, lP_chk, lP)
    pi1 = calc_trade_shares(A, e, lP, theta)
    Y = calc_gross_output(pi1 * producer, X)
    revenue = (calc_tariff_rebate_share(pi1, tau1) * X).sum(axis=1)
    return lc, lP, pi1, Y, revenue


def settle_income(world, shock, closure, wage_bill, revenue) -> tuple[np.ndarray, np.ndarray]:
    """National income ``wage_bill + revenue + deficit`` and the deficit under ``closure``."""
    deficit = _deficits(world, shock, closure, wage_bill)
    return wage_bill + revenue + deficit, deficit


def labour_residual(demand: np.ndarray, supply: np.ndarray, scale: float) -> float:
    """The largest labour-market gap ``|demand - supply|`` relative to world value added ``scale``."""
    return float(np.max(np.abs(demand - supply)) / scale)


def _settle(world, shock, closure, z, *, A, theta, has_spend, beta, G, producer, tau1, va0, scale, conditional):
    """The equilibrium arrays at a fixed point ``z`` of `solve_from`'s map.

    Returns ``(lw, lP, X, lc, pi1, income, deficit, residual)``: prices re-evaluated from the iterate's
    unit costs (`settle_prices`), trade shares, national income with its deficit, and the labour-market
    residual relative to world value added.
    """
    n, j = va0.shape[0], has_spend.shape[1]
    lw, lP, X = z[:n], z[n : n + n * j].reshape(n, j), z[n + n * j :].reshape(n, j) * scale
    lc, lP, pi1, Y, revenue = settle_prices(
        lw, lP, X, A=A, theta=theta, has_spend=has_spend, beta=beta, G=G, producer=producer, tau1=tau1
    )
    wage_bill = va0 if conditional else va0 * np.exp(lw)
    income, deficit = settle_income(world, shock, closure, wage_bill, revenue)
    residual = labour_residual((beta * Y).sum(axis=1), wage_bill, scale)
    return lw, lP, X, lc, pi1, income, deficit, residual
