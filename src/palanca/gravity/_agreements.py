r"""A trade agreement that disappears, as an iceberg-cost change on any palanca `World`.

The gravity equation identifies the agreement's effect on flows, not on costs: with
:math:`X_{ij} \propto d_{ij}^{-\theta}` and the agreement dummy entering as
:math:`\exp(b_{pta}\,pta_{ij})`, the agreement changes bilateral trade by the factor
:math:`e^{b_{pta}}` holding multilateral resistances fixed, which is
:math:`\Delta\ln d_{ij} = -b_{pta}/\theta`. Losing it therefore raises the iceberg cost of every
member pair (never domestic sales) by :math:`\hat d_{ij} = \exp(b_{pta}/\theta)`.

**Mapping to sectors.** The one-sector coefficient is applied to every sector ``j`` as the same
partial effect on *flows*: :math:`\hat d_{ij}^j = \exp(b_{pta}/\theta^j)`, so that
:math:`(\hat d^j)^{-\theta^j} = e^{-b_{pta}}` in every sector (the direct, constant-resistance
trade loss is the aggregate one everywhere), and sectors with a low trade elasticity take a larger
cost increase. Passing a scalar ``theta`` instead applies one common iceberg change
:math:`\exp(b_{pta}/\theta)` to all sectors (for instance ``theta = sigma - 1`` of the gravity
estimate). Both are assumptions: the aggregate gravity estimate does not identify sectoral effects.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from palanca.data import gegravity_sample_estimate
from palanca.errors import ScenarioError
from palanca.model import Shock, World

__all__ = ["USMCA", "agreement_loss_shock", "agreement_loss_trade_cost_hat", "shipped_agreement_effect"]

#: Members of the USMCA (CUSMA/T-MEC), in force since 1 July 2020 (NAFTA since 1994).
USMCA = ("USA", "MEX", "CAN")


def shipped_agreement_effect(variable: str = "pta") -> float:
    """The agreement coefficient ``b_pta`` of the shipped PPML estimate on the gegravity sample.

    From ``palanca/data/shipped/gegravity-sample/ppml_estimate.json`` (PPML with exporter and
    importer fixed effects, 30 countries, 2006): 0.4711 — trade between members is
    ``exp(0.4711) - 1 = 60%`` higher than without an agreement, other things equal.
    """
    coefs = gegravity_sample_estimate()["coefficients"]
    if variable not in coefs:
        raise ScenarioError(f"the shipped estimate has no {variable!r}; it has {', '.join(coefs)}.")
    return float(coefs[variable])


def agreement_loss_trade_cost_hat(
    world: World,
    coefficient: float | None = None,
    *,
    members: Sequence[str] = USMCA,
    theta: float | np.ndarray | None = None,
) -> np.ndarray:
    r"""Iceberg-cost changes ``d_hat[n, i, j]`` when an agreement among ``members`` disappears.

    Parameters
    ----------
    world : World
        Any palanca world containing the members (e.g. ``load_world("cp1993")``).
    coefficient : float, optional
        The agreement's gravity coefficient ``b_pta`` (> 0 for an agreement that raises trade);
        default `shipped_agreement_effect`.
    members : sequence of str
        ISO3 codes of the members (default USA, MEX, CAN).
    theta : float or ndarray(J), optional
        Trade elasticity used for the mapping; default the world's sectoral ``theta`` (common
        flow effect, see the module docstring). A scalar gives a common cost change.

    Returns
    -------
    ndarray(float, ndim=3), shape N x N x J
        ``exp(b_pta / theta_j)`` for every ordered pair of distinct members, 1 elsewhere.
    """
    b = shipped_agreement_effect() if coefficient is None else float(coefficient)
    th = world.theta if theta is None else np.broadcast_to(np.asarray(theta, dtype=np.float64), world.theta.shape)
    if np.any(th <= 0):
        raise ScenarioError(f"theta = {theta}; trade elasticities must be positive.")
    idx = [world.country_index(c) for c in members]
    if len(set(idx)) < 2:
        raise ScenarioError(f"an agreement needs at least two distinct members; got {list(members)}.")
    d_hat = np.ones_like(world.trade_usd_m)
    for n in idx:
        for i in idx:
            if n != i:
                d_hat[n, i, :] = np.exp(b / th)
    return d_hat


def agreement_loss_shock(
    world: World,
    coefficient: float | None = None,
    *,
    members: Sequence[str] = USMCA,
    theta: float | np.ndarray | None = None,
) -> Shock:
    """`Shock` with `agreement_loss_trade_cost_hat` (tariffs unchanged): "the agreement disappears"."""
    d_hat = agreement_loss_trade_cost_hat(world, coefficient, members=members, theta=theta)
    b = shipped_agreement_effect() if coefficient is None else float(coefficient)
    return Shock(
        trade_cost_hat=d_hat,
        label=f"{'-'.join(members)} agreement disappears (gravity b_pta = {b:.4f})",
    )
