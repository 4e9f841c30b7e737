"""Nowcast of a `World` to a later year with BACI bilateral goods totals (``world2023``).

Steps (each recorded in the provenance):

1. BACI countries are mapped to the world's economies; the others are summed into ``ROW``
   (trade among ``ROW`` members is ``ROW``'s internal trade and is dropped). Economies absent
   from BACI (e.g. Taiwan, which BACI does not report separately) keep their base-year flows.
2. For each origin ``i``, the destination x goods-sector matrix of its exports is balanced by RAS
   (`ras`, Bacharach 1970; Miller and Blair 2009, sec. 7.4) to two margins: the BACI bilateral
   goods totals (rows: each destination) and the origin's base-year export composition by sector
   scaled to its BACI total (columns). Pairs with zero base-year flows but positive BACI trade are
   seeded with the origin's export composition.
3. Domestic sales and services trade keep their base-year values (the sources hold no 2023
   output or services data); gross output, value added and deficits follow from the flows.
4. Input shares are rebalanced (`balance_io`) and final-demand shares re-derived so the nowcast
   satisfies goods-market clearing exactly.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from palanca.data._accounts import balance_io, calc_expenditure_gap, final_shares_from_flows
from palanca.data._baci import BaciTotals
from palanca.errors import DataFormatError
from palanca.model import World

__all__ = ["baci_to_world", "nowcast_goods", "ras", "scale_domestic_to_gdp"]


def ras(seed: np.ndarray, rows: np.ndarray, cols: np.ndarray, *, tol: float = 1e-9, max_iter: int = 2000):
    r"""Biproportional scaling (RAS): ``r_i seed_ij s_j`` with the given row and column sums.

    Parameters
    ----------
    seed : ndarray, R x C, nonnegative
    rows, cols : ndarray, R and C; ``rows.sum() == cols.sum()``

    Returns
    -------
    (ndarray, int, float)
        The balanced matrix (row sums exact: the last step scales rows), iterations and the
        largest relative error of the column sums.
    """
    M = seed.astype(np.float64).copy()
    err = np.inf
    it = 0
    for it in range(1, max_iter + 1):  # noqa: B007
        cs = M.sum(axis=0)
        M *= np.divide(cols, cs, out=np.zeros_like(cs), where=cs > 0)[None, :]
        rs = M.sum(axis=1)
        M *= np.divide(rows, rs, out=np.zeros_like(rs), where=rs > 0)[:, None]
        err = float(np.max(np.abs(M.sum(axis=0) - cols)) / max(cols.max(), 1e-300))
        if err < tol:
            break
    return M, it, err


def baci_to_world(baci: BaciTotals, countries: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """BACI totals on the world's economies: ``T[destination, origin]`` (USD m), a mask of the
    pairs BACI informs, and the economies absent from BACI."""
    n = len(countries)
    if "ROW" not in countries:
        raise DataFormatError("the world needs a 'ROW' economy to receive BACI's other countries.")
    P = np.zeros((n, len(baci.countries)))
    for b, c in enumerate(baci.countries):
        P[countries.index(c) if c in countries else countries.index("ROW"), b] = 1.0
    T = P @ baci.exports_usd_m.T @ P.T  # [destination, origin]
    absent = [c for c in countries if c != "ROW" and c not in baci.countries]
    known = np.ones((n, n), dtype=bool)
    for c in absent:
        k = countries.index(c)
        known[k, :] = known[:, k] = False
    np.fill_diagonal(known, False)
    np.fill_diagonal(T, 0.0)
    return T, known, absent


def nowcast_goods(world: World, baci: BaciTotals, goods: tuple[str, ...], *, name: str, year: int) -> World:
    """The world with its bilateral goods flows rebalanced to BACI totals (module docstring)."""
    X = np.array(world.trade_usd_m, dtype=np.float64)
    n = world.n_countries
    g = np.array([world.sector_index(c) for c in goods])
    T, known, absent = baci_to_world(baci, world.countries)
    base_goods = X[:, :, g].sum(axis=2)
    iters, worst, seeded = 0, 0.0, 0
    for i in range(n):
        dest = np.flatnonzero(known[:, i])
        if dest.size == 0:
            continue
        seed = X[dest][:, i][:, g].copy()  # (destinations, goods sectors)
        mix = seed.sum(axis=0)
        if mix.sum() <= 0:
            mix = X[:, i, g].sum(axis=0)
        if mix.sum() <= 0:
            mix = np.ones(len(g))
        mix = mix / mix.sum()
        rows = T[dest, i]
        empty = (seed.sum(axis=1) <= 0) & (rows > 0)
        seeded += int(empty.sum())
        seed[empty] = mix[None, :] * 1e-6
        seed[rows <= 0] = 0.0
        active = seed.sum(axis=0) > 0  # sectors the origin does not export keep zero
        if rows.sum() > 0 and active.any():
            cols = np.where(active, mix, 0.0)
            cols = cols / cols.sum() * rows.sum()
            M, it, err = ras(seed, rows, cols)
            iters, worst = max(iters, it), max(worst, err)
        else:
            M = seed * 0.0
        X[dest[:, None], i, g[None, :]] = M
    new_goods = X[:, :, g].sum(axis=2)
    idx = np.arange(n)
    imports = X.sum(axis=(1, 2)) - X[idx, idx, :].sum(axis=1)
    exports = X.sum(axis=(0, 2)) - X[idx, idx, :].sum(axis=1)
    deficit = imports - exports
    deficit = deficit - deficit.mean()
    beta = world.va_share
    gap_raw = calc_expenditure_gap(X, world.tariff, beta, world.io, deficit)
    io, ras_io = balance_io(X, world.tariff, beta, world.io)
    alpha = final_shares_from_flows(X, world.tariff, beta, io, deficit)
    off = ~np.eye(n, dtype=bool)
    return dataclasses.replace(
        world,
        name=name,
        year=year,
        trade_usd_m=X,
        io=io,
        final_share=alpha,
        deficit_usd_m=deficit,
        provenance={
            **dict(world.provenance),
            "nowcast": {
                "from": world.name,
                "baci_year": baci.year,
                "economies_absent_from_baci_kept_at_base_year": absent,
                "goods_trade_base_usd_m": float(base_goods[off].sum()),
                "goods_trade_nowcast_usd_m": float(new_goods[off].sum()),
                "ras_max_iterations": iters,
                "ras_max_sector_margin_error": worst,
                "pairs_seeded_from_origin_mix": seeded,
                "expenditure_gap_share_before_io_balancing": gap_raw,
                "io_balancing_iterations": ras_io,
            },
            "expenditure_gap_share": calc_expenditure_gap(X, world.tariff, beta, io, deficit),
        },
    )


def scale_domestic_to_gdp(world: World, gdp_usd_m: np.ndarray) -> World:
    r"""The world with each economy's domestic sales scaled so that its value added equals GDP.

    The nowcast moves goods trade to 2023 but keeps domestic sales at base-year values, so value
    added lags nominal GDP where it grew (Mexico: the peso appreciated by 13% against the dollar
    from 2022 to 2023, Banxico FIX annual means 20.12 and 17.74 MXN per USD). One factor per
    economy scales its domestic sales of every sector, keeping its base-year domestic structure:

    .. math:: s_n = \frac{GDP_n - \sum_j \beta_n^j \sum_{d \ne n} X_{dnj}}{\sum_j \beta_n^j X_{nnj}}

    so that :math:`VA_n = \sum_j \beta_n^j Y_n^j = GDP_n`. Economies with no finite positive
    target (or a factor that would not be positive) keep their flows. Value added at basic prices
    is thereby set equal to GDP at market prices: the model has no taxes on products, so all of
    GDP is factor income. Input shares are rebalanced and final-demand shares re-derived.

    Parameters
    ----------
    world : World
    gdp_usd_m : ndarray, length N
        Target GDP by economy, USD millions (NaN: keep).
    """
    X = np.array(world.trade_usd_m, dtype=np.float64)
    n = world.n_countries
    idx = np.arange(n)
    beta = world.va_share
    dom = X[idx, idx, :]  # (N, J)
    va_dom = (beta * dom).sum(axis=1)
    va_exp = (beta * (X.sum(axis=0) - dom)).sum(axis=1)
    target = np.asarray(gdp_usd_m, dtype=np.float64)
    ok = np.isfinite(target) & (target > 0) & (va_dom > 0)
    s = np.ones(n)
    s[ok] = (target[ok] - va_exp[ok]) / va_dom[ok]
    s = np.where(s > 0, s, 1.0)
    X[idx, idx, :] = dom * s[:, None]
    io, ras_io = balance_io(X, world.tariff, beta, world.io)
    alpha = final_shares_from_flows(X, world.tariff, beta, io, world.deficit_usd_m)
    va_before = va_dom + va_exp
    return dataclasses.replace(
        world,
        trade_usd_m=X,
        io=io,
        final_share=alpha,
        provenance={
            **dict(world.provenance),
            "scale_to_gdp": {
                "domestic_sales_factor": dict(zip(world.countries, np.round(s, 5).tolist(), strict=True)),
                "value_added_before_over_gdp": {
                    c: round(float(va_before[k] / target[k]), 4) for k, c in enumerate(world.countries) if ok[k]
                },
                "io_balancing_iterations": ras_io,
            },
            "expenditure_gap_share": calc_expenditure_gap(X, world.tariff, beta, io, world.deficit_usd_m),
        },
    )
