"""Dependence indices from a baseline `World` (functional: arrays in, numbers out).

Definitions (goods trade, producer prices):

- partner share of exports/imports: bilateral flow over the country's total (extra-national) flow;
- Hirschman–Herfindahl index of export partners: sum of squared partner shares (1 = one partner);
- Barbieri (1996) salience of the pair: ``sqrt(s_ij * s_ji)`` with ``s_ij`` the share of the pair's
  trade in i's total trade; symmetry: ``1 - |s_ij - s_ji|`` (Barbieri, "Economic Interdependence:
  A Path to Peace or a Source of Interstate Conflict?", J. Peace Research 33(1), 1996);
- trade openness: (exports + imports) / GDP (value added).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from palanca.data import goods_mask
from palanca.model import World

__all__ = ["DependenceIndices", "calc_dependence", "calc_partner_input_share"]


@dataclass(frozen=True)
class DependenceIndices:
    """Dependence of ``a`` on ``b`` and of ``b`` on ``a`` in the baseline (goods trade)."""

    a: str
    b: str
    export_share_a_to_b: float
    export_share_b_to_a: float
    import_share_a_from_b: float
    import_share_b_from_a: float
    hhi_exports_a: float
    hhi_exports_b: float
    trade_gdp_a: float
    trade_gdp_b: float
    bilateral_goods_trade_usd_bn: float
    salience: float
    symmetry: float

    def as_dict(self) -> dict[str, float | str]:
        return dict(self.__dict__)


def calc_dependence(world: World, a: str, b: str) -> DependenceIndices:
    """Dependence indices of the pair ``(a, b)`` on the world's goods trade."""
    ia, ib = world.country_index(a), world.country_index(b)
    X = world.trade_usd_m[:, :, goods_mask(world)].sum(axis=2).copy()  # [dest, origin]
    np.fill_diagonal(X, 0.0)
    exports = X.sum(axis=0)  # by origin
    imports = X.sum(axis=1)  # by destination
    gdp = world.value_added_usd_m

    def share(num: float, den: float) -> float:
        return float(num / den) if den > 0 else 0.0

    def hhi(i: int) -> float:
        s = X[:, i] / exports[i] if exports[i] > 0 else np.zeros(world.n_countries)
        return float((s**2).sum())

    pair = X[ib, ia] + X[ia, ib]
    s_ab = share(pair, exports[ia] + imports[ia])
    s_ba = share(pair, exports[ib] + imports[ib])
    return DependenceIndices(
        a=a,
        b=b,
        export_share_a_to_b=share(X[ib, ia], exports[ia]),
        export_share_b_to_a=share(X[ia, ib], exports[ib]),
        import_share_a_from_b=share(X[ia, ib], imports[ia]),
        import_share_b_from_a=share(X[ib, ia], imports[ib]),
        hhi_exports_a=hhi(ia),
        hhi_exports_b=hhi(ib),
        trade_gdp_a=share(exports[ia] + imports[ia], gdp[ia]),
        trade_gdp_b=share(exports[ib] + imports[ib], gdp[ib]),
        bilateral_goods_trade_usd_bn=float(pair) / 1e3,
        salience=float(np.sqrt(s_ab * s_ba)),
        symmetry=float(1.0 - abs(s_ab - s_ba)),
    )


def calc_partner_input_share(world: World, user: str, sector: str, partner: str) -> float:
    """Share of ``partner`` in ``user``'s imported intermediate inputs of ``sector``.

    Imported inputs of sector j in country n from origin m (producer prices):
    ``sum_k io[n, k, j] (1 - beta[n, j]) Y[n, j] pi[n, m, k] / (1 + tau[n, m, k])``, m != n.
    """
    n, j, m = world.country_index(user), world.sector_index(sector), world.country_index(partner)
    y = world.gross_output_usd_m[n, j]
    g = world.io[n, :, j] * (1.0 - world.va_share[n, j]) * y  # input purchases by input sector
    src = world.trade_share[n] / (1.0 + world.tariff[n])  # [origin, input sector]
    by_origin = src @ g  # value by origin
    by_origin[n] = 0.0
    total = by_origin.sum()
    return float(by_origin[m] / total) if total > 0 else 0.0
