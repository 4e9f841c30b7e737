r"""A trade agreement that disappears, as an iceberg-cost change on any palanca `World`.

The one agreement-loss function of palanca (`agreement_loss_trade_cost_hat`, and
`agreement_loss_shock` around it); scenarios call it. The agreement's effect is read by name from a
structural-gravity estimate (`shipped_agreement_effect`, or any `PPMLResult.coefficients`).

The gravity equation identifies the agreement's effect on flows, not on costs: with
:math:`X_{ij} \propto d_{ij}^{-\theta}` and the agreement dummy entering as
:math:`\exp(b_{pta}\,pta_{ij})`, the agreement raises bilateral trade by :math:`e^{b_{pta}}`
holding multilateral resistances fixed, i.e. :math:`\Delta\ln d_{ij} = -b_{pta}/\theta` for the
:math:`\theta` of the model the coefficient was estimated with. Losing it raises the iceberg cost
of every ordered member pair (never domestic sales) in the goods sectors.

**Mapping to sectors** (``mapping``):

- ``"common"`` (default): one cost change :math:`\hat d = \exp(b_{pta}/\bar\theta)` in every goods
  sector, with :math:`\bar\theta = \sigma - 1 = 4` the elasticity of the one-sector model the
  coefficient belongs to (the gegravity sample experiment uses :math:`\sigma = 5`). The agreement
  is a border-cost saving of one size (customs, rules, standards); each sector's flow response
  then follows its own :math:`\theta^j`. With the shipped estimate, :math:`\hat d = 1.125`.
- ``"flow"``: the same flow effect in every sector, :math:`\hat d^j = \exp(b_{pta}/\theta^j)`: a low
  :math:`\theta^j` gives a large cost change (with Caliendo–Parro's autos :math:`\theta = 1.115`,
  +53%), which is why it is not the default.
- A sectoral coefficient array (length J) applies sector-specific agreement effects with either mapping.

The sample estimate is one 2006 cross-section (30 countries, aggregate trade): it does not
identify sectoral effects, and it includes the agreement's tariff preferences, so a scenario that
also restores MFN tariffs counts the preference twice unless it nets them out (`net_of_tariffs`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

from palanca.data import gegravity_sample_estimate, goods_mask
from palanca.errors import ScenarioError
from palanca.model import Shock, World

__all__ = [
    "AGGREGATE_THETA",
    "USMCA",
    "agreement_loss_shock",
    "agreement_loss_trade_cost_hat",
    "shipped_agreement_effect",
]

#: Trade elasticity of the one-sector model of the shipped estimate: sigma - 1 with sigma = 5.
AGGREGATE_THETA = 4.0

#: Members of the USMCA (CUSMA/T-MEC), in force since 1 July 2020 (NAFTA since 1994).
USMCA = ("USA", "MEX", "CAN")


@cache
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
    coefficient: float | np.ndarray | None = None,
    *,
    members: Sequence[str] = USMCA,
    estimate: str = "pta",
    mapping: str = "common",
    theta: float | np.ndarray | None = None,
    net_of_tariffs: np.ndarray | None = None,
) -> np.ndarray:
    r"""Iceberg-cost changes ``d_hat[n, i, j]`` when an agreement among ``members`` disappears.

    Parameters
    ----------
    world : World
        Any palanca world containing the members.
    coefficient : float or ndarray(J), optional
        The agreement's gravity coefficient ``b_pta`` (> 0 raises trade), or one per sector;
        default: the shipped estimate's coefficient named ``estimate``.
    members : sequence of str
        ISO3 codes of the members (default USA, MEX, CAN).
    estimate : str
        Name of the coefficient in the shipped estimate (default ``"pta"``).
    mapping : {"common", "flow"}
        ``"common"``: ``exp(b / theta)`` with ``theta`` = `AGGREGATE_THETA` unless given;
        ``"flow"``: ``exp(b / theta_j)`` with the world's sectoral elasticities (module docstring).
    theta : float or ndarray(J), optional
        Overrides the elasticity of the mapping.
    net_of_tariffs : ndarray, N x N x J, optional
        The tariff change ``(1 + t_new) / (1 + t_old)`` the scenario applies as well; the cost
        change is divided by it (never below 1), so the preference is not counted twice.

    Returns
    -------
    ndarray(float, ndim=3), shape N x N x J
        The cost change for every ordered pair of distinct members in the goods sectors (the
        world's, `palanca.data.goods_mask`: a traded services aggregate is not goods), 1 elsewhere.
    """
    if mapping not in ("common", "flow"):
        raise ScenarioError(f'mapping = {mapping!r}: use "common" (default) or "flow".')
    b = shipped_agreement_effect(estimate) if coefficient is None else coefficient
    b = np.broadcast_to(np.asarray(b, dtype=np.float64), world.theta.shape)
    if theta is not None:
        th = np.broadcast_to(np.asarray(theta, dtype=np.float64), world.theta.shape)
    else:
        th = world.theta if mapping == "flow" else np.full(world.theta.shape, AGGREGATE_THETA)
    if np.any(~(th > 0)):
        raise ScenarioError(f"theta = {theta}; trade elasticities must be positive.")
    idx = [world.country_index(c) for c in members]
    if len(set(idx)) < 2:
        raise ScenarioError(f"an agreement needs at least two distinct members; got {list(members)}.")
    goods = goods_mask(world)
    d_hat = np.ones_like(world.trade_usd_m)
    for n in idx:
        for i in idx:
            if n != i:
                d_hat[n, i, :] = np.where(goods, np.exp(b / th), 1.0)
    if net_of_tariffs is not None:
        t = np.asarray(net_of_tariffs, dtype=np.float64)
        if t.shape != d_hat.shape or np.any(~(t > 0)):
            raise ScenarioError(f"net_of_tariffs must be positive with shape {d_hat.shape}; got {t.shape}.")
        d_hat = np.maximum(d_hat / t, 1.0)
    return d_hat


def agreement_loss_shock(
    world: World,
    coefficient: float | np.ndarray | None = None,
    *,
    members: Sequence[str] = USMCA,
    estimate: str = "pta",
    mapping: str = "common",
    theta: float | np.ndarray | None = None,
) -> Shock:
    """`Shock` with `agreement_loss_trade_cost_hat` (tariffs unchanged): "the agreement disappears"."""
    d_hat = agreement_loss_trade_cost_hat(
        world, coefficient, members=members, estimate=estimate, mapping=mapping, theta=theta
    )
    b = shipped_agreement_effect(estimate) if coefficient is None else np.mean(coefficient)
    return Shock(
        trade_cost_hat=d_hat,
        label=f"{'-'.join(members)} agreement disappears (gravity {estimate} = {float(b):.4f}, {mapping} mapping)",
    )
