"""Builder of the ``icio2022`` world: tariffwar ICIO flows and tariffs (81 x 28, 2022) with
input-output coefficients and value-added shares from the WIOD 2013 release (2011).

Steps (each recorded in the provenance):

1. Flows ``X[n, i, j]`` and Teti applied tariffs for 2022 from the tariffwar ICIO npz, transposed to
   ``[destination, origin, sector]``; tariffs on the services aggregate set to zero (Teti's
   database covers goods only).
2. WIOD 2011 industries grouped into 16 groups (`WIOD_GROUPS`, the finest level common to ISIC
   rev.3 and the 28 ICIO sectors). For each WIOD region and group: value-added share
   ``beta = 1 - sum of intermediate inputs / output`` and input shares of intermediate costs by
   input group (all origins summed). Groups with output below USD 50m or ``beta`` outside
   [0.05, 0.95] take the WIOD world aggregate of the group.
3. Each ICIO economy takes the coefficients of itself in WIOD, or of the proxy in `WIOD_PROXY`.
   A using sector takes the column of its group; an input group's share is split among its ICIO
   sectors in proportion to the economy's 2022 absorption of them.
4. Capped RAS (`balance_io`): where WIOD-based intermediate use of a sector exceeds the economy's
   2022 absorption of it, input shares are rebalanced so that it does not (value-added shares
   unchanged), so final demand is nonnegative and the data satisfy goods-market clearing.
5. Deficits = imports - exports (all sectors, producer prices); final-demand shares from
   goods-market clearing (`final_shares_from_flows`).
"""

from __future__ import annotations

import numpy as np

from palanca.data._accounts import balance_io, calc_expenditure_gap, final_shares_from_flows
from palanca.data._sectors import ICIO_GROUPS, ICIO_SECTORS, ICIO_TO_WIOD_GROUP, WIOD_GROUPS
from palanca.data._tariffwar import ELASTICITY_SETS, TariffWarYear
from palanca.data._wiod2013 import WIOT
from palanca.errors import DataFormatError
from palanca.model import World

__all__ = ["DEFAULT_ELASTICITIES", "WIOD_PROXY", "build_icio_world", "wiod_group_coefficients"]

#: The default elasticity set: Fontagné, Guimbard & Orefice (2022), tariff-based estimates for
#: about 5,000 HS6 products (2001–2016) aggregated to ISIC sectors (their Table 8): every goods
#: value significant and within 2.9–10.6, no single imprecise estimate driving a sector
#: (Caliendo–Parro's petroleum theta of 64.85 does; see docs/elasticities.md). All eight tariffwar
#: sets stay selectable, and the uncertainty bands span them.
DEFAULT_ELASTICITIES = "FGO"

#: Economies of ICIO that WIOD 2013 lacks -> the WIOD region whose IO structure they borrow
#: (nearest WIOD economy by region and economic structure; ``ROW`` = WIOD's rest of the world).
WIOD_PROXY: dict[str, str] = {
    "CHE": "AUT", "NOR": "SWE", "ISL": "DNK", "HRV": "SVN", "UKR": "RUS", "BLR": "RUS",
    "NZL": "AUS", "ISR": "GBR",
    "ARG": "BRA", "CHL": "BRA", "COL": "BRA", "PER": "BRA", "CRI": "MEX",
    "SGP": "KOR", "HKG": "TWN",
    "VNM": "CHN", "KHM": "CHN", "THA": "IDN", "MYS": "IDN", "PHL": "IDN", "LAO": "IDN", "MMR": "IDN",
    "BRN": "IDN", "BGD": "IND", "PAK": "IND",
    "SAU": "RUS", "ARE": "RUS", "KAZ": "RUS", "NGA": "RUS", "AGO": "RUS",
    "EGY": "TUR", "MAR": "TUR", "TUN": "TUR", "JOR": "TUR",
    "ZAF": "ROW", "CIV": "ROW", "CMR": "ROW", "COD": "ROW", "SEN": "ROW", "STP": "ROW", "ROW": "ROW",
}  # fmt: skip

_MIN_OUTPUT = 50.0
_BETA_RANGE = (0.05, 0.95)


def wiod_group_coefficients(wiot: WIOT) -> tuple[np.ndarray, np.ndarray, dict]:
    """Value-added shares and input shares by WIOD region and industry group.

    Returns
    -------
    beta : ndarray, N_wiod x G
        ``1 - intermediate inputs / output`` by region and group.
    gamma : ndarray, N_wiod x G x G
        ``gamma[c, h, g]`` share of input group ``h`` in group ``g``'s intermediate costs.
    info : dict
        Cells replaced by the WIOD world aggregate (``fallbacks``: list of (region, group)).
    """
    groups = list(WIOD_GROUPS)
    n, s = len(wiot.countries), len(wiot.industries)
    agg = np.zeros((s, len(groups)))
    for g, members in enumerate(groups):
        for code in WIOD_GROUPS[members]:
            agg[wiot.industries.index(code), g] = 1.0
    # inputs by (using region, input group, using group): sum over origins
    Z = wiot.Z.reshape(n, s, n, s)
    by_input = np.einsum("oicu,ih->chu", Z, agg)  # (using region, input group, using industry)
    Zg = np.einsum("chu,ug->chg", by_input, agg)
    out = wiot.output.reshape(n, s) @ agg  # (region, group)
    world_Z, world_out = Zg.sum(axis=0), out.sum(axis=0)
    beta = np.divide(out - Zg.sum(axis=1), out, out=np.zeros_like(out), where=out > 0)
    gamma = np.divide(Zg, Zg.sum(axis=1, keepdims=True), out=np.zeros_like(Zg), where=Zg.sum(axis=1, keepdims=True) > 0)
    w_beta = 1.0 - world_Z.sum(axis=0) / world_out
    w_gamma = world_Z / world_Z.sum(axis=0, keepdims=True)
    bad = (out < _MIN_OUTPUT) | (beta < _BETA_RANGE[0]) | (beta > _BETA_RANGE[1])
    fallbacks = [(wiot.countries[c], groups[g]) for c, g in np.argwhere(bad)]
    beta = np.where(bad, w_beta[None, :], beta)
    gamma = np.where(bad[:, None, :], w_gamma[None, :, :], gamma)
    return beta, gamma, {"fallbacks": fallbacks, "groups": groups}


def build_icio_world(
    tw: TariffWarYear,
    wiot: WIOT,
    *,
    name: str = "icio2022",
    elasticities: str = DEFAULT_ELASTICITIES,
) -> World:
    """The ICIO world of ``tw.year`` with WIOD IO coefficients (see the module docstring)."""
    codes = [c for c, _ in ICIO_SECTORS]
    if list(tw.sectors[:27]) != codes[:27] or len(tw.sectors) != 28:
        raise DataFormatError(
            f"the tariffwar ICIO file must have the 28 sectors {codes[:27]} + services; got {list(tw.sectors)}"
        )
    if elasticities not in tw.elasticity_codes:
        raise DataFormatError(
            f"elasticity set {elasticities!r} unknown; choose one of {', '.join(tw.elasticity_codes)}"
        )
    n, J = len(tw.countries), len(codes)
    X = tw.trade_usd_m.copy()
    tariff = tw.tariff.copy()
    srv = codes.index("D35T98")
    n_srv_tariff = int((tariff[:, :, srv] > 0).sum())
    tariff[:, :, srv] = 0.0
    beta_g, gamma_g, info = wiod_group_coefficients(wiot)
    groups = info["groups"]
    gidx = np.array([groups.index(ICIO_TO_WIOD_GROUP[c]) for c in codes])
    proxies = {}
    rows = []
    for c in tw.countries:
        src = c if c in wiot.countries else WIOD_PROXY.get(c)
        if src is None or src not in wiot.countries:
            raise DataFormatError(f"economy {c} is neither in WIOD nor in WIOD_PROXY; add a proxy.")
        if src != c:
            proxies[c] = src
        rows.append(wiot.countries.index(src))
    rows = np.array(rows)
    beta = beta_g[rows][:, gidx]  # (N, J)
    absorption = X.sum(axis=1)  # (N, J) destination purchases, producer prices
    split = np.zeros((n, J))
    for g in range(len(groups)):
        members = gidx == g
        tot = absorption[:, members].sum(axis=1, keepdims=True)
        even = np.full((n, int(members.sum())), 1.0 / members.sum())
        split[:, members] = np.where(tot > 0, absorption[:, members] / np.where(tot > 0, tot, 1.0), even)
    io = gamma_g[rows][:, gidx][:, :, gidx] * split[:, :, None]  # (N, input k, using j)
    io = io / io.sum(axis=1, keepdims=True)
    idx = np.arange(n)
    imports = X.sum(axis=(1, 2)) - X[idx, idx, :].sum(axis=1)
    exports = X.sum(axis=(0, 2)) - X[idx, idx, :].sum(axis=1)
    deficit = imports - exports
    deficit = deficit - deficit.mean()  # exact zero sum (removes float round-off only)
    theta = tw.elasticities(elasticities)
    gap_raw = calc_expenditure_gap(X, tariff, beta, io, deficit)
    io_bal, ras_iter = balance_io(X, tariff, beta, io)
    cost = (1.0 - beta) * X.sum(axis=0)
    moved = 0.5 * float((np.abs(io_bal - io) * cost[:, None, :]).sum() / cost.sum())
    io = io_bal
    alpha = final_shares_from_flows(X, tariff, beta, io, deficit)
    gap = calc_expenditure_gap(X, tariff, beta, io, deficit)
    return World(
        name=name,
        year=tw.year,
        countries=tw.countries,
        sectors=tuple(codes),
        sector_labels=tuple(label for _, label in ICIO_SECTORS),
        trade_usd_m=X,
        tariff=tariff,
        theta=theta,
        va_share=beta,
        io=io,
        final_share=alpha,
        deficit_usd_m=deficit,
        provenance={
            "elasticities": elasticities,
            "elasticities_source": ELASTICITY_SETS.get(elasticities, elasticities),
            "elasticity_sets": {k: [float(v) for v in tw.elasticities(k)] for k in tw.elasticity_codes},
            "sector_groups": {k: list(v) for k, v in ICIO_GROUPS.items()},
            "wiod_proxy": proxies,
            "wiod_fallbacks": [f"{c}:{g}" for c, g in info["fallbacks"]],
            "services_tariff_cells_zeroed": n_srv_tariff,
            "expenditure_gap_share_before_balancing": gap_raw,
            "io_balancing": {
                "method": "capped RAS on intermediate use (balance_io): rows <= absorption, "
                "columns = intermediate costs",
                "iterations": ras_iter,
                "share_of_intermediate_costs_reallocated": moved,
            },
            "expenditure_gap_share": gap,
        },
    )
