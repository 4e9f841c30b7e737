"""The shipped modern worlds: validity, model consistency and the facts the analyses cite."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from palanca.data import (
    DEFAULT_WORLD,
    ICIO_GOODS,
    ICIO_GROUPS,
    list_worlds,
    load_wiot,
    load_world,
    with_elasticities,
)
from palanca.errors import DataFormatError
from palanca.model import World, rebase, solve

SHIPPED = Path(__file__).resolve().parents[2] / "src" / "palanca" / "data" / "shipped"


def goods_imports(w: World, dest: str) -> np.ndarray:
    g = [w.sector_index(s) for s in ICIO_GOODS]
    m = w.trade_usd_m[w.country_index(dest)][:, g].sum(axis=1)
    m[w.country_index(dest)] = 0.0
    return m


def goods_exports(w: World, origin: str) -> np.ndarray:
    g = [w.sector_index(s) for s in ICIO_GOODS]
    x = w.trade_usd_m[:, w.country_index(origin)][:, g].sum(axis=1)
    x[w.country_index(origin)] = 0.0
    return x


@pytest.fixture(scope="module")
def w23() -> World:
    return load_world("world2023")


def test_world2023_is_the_default_and_listed():
    assert DEFAULT_WORLD == "world2023"
    assert {"world2023", "icio2022", "wiod2011", "cp1993"} <= set(list_worlds())
    assert load_world().digest == load_world("world2023").digest


def test_world2023_shape_and_labels(w23):
    assert (w23.n_countries, w23.n_sectors, w23.year) == (81, 28, 2023)
    for c in ("USA", "MEX", "CAN", "CHN", "BRA", "DEU", "JPN", "KOR", "TWN", "VNM", "ROW"):
        w23.country_index(c)
    for s in ("C29", "C26", "A01", "B06", "C24A", "D35T98"):
        w23.sector_index(s)
    assert len(ICIO_GOODS) == 27 and "D35T98" not in ICIO_GOODS
    assert w23.provenance["sector_groups"]["autos"] == ["C29"]
    assert set(ICIO_GROUPS["energy"]) == {"B05", "B06", "C19"}
    # tariffs only on goods, none on domestic sales
    assert w23.tariff[:, :, w23.sector_index("D35T98")].max() == 0.0
    assert np.einsum("nnj->", w23.tariff) == 0.0


def test_mexico_is_largest_source_of_us_goods_imports_2023(w23):
    m = goods_imports(w23, "USA")
    share = m / m.sum()
    order = [w23.countries[i] for i in np.argsort(-share)]
    assert order[0] == "MEX"
    assert 0.15 <= share[w23.country_index("MEX")] <= 0.16  # BACI 2023: 15.8% (15.5% incl. Taiwan)
    assert 0.14 <= share[w23.country_index("CHN")] <= 0.155  # BACI 2023: 15.2%


def test_mexico_sends_over_three_quarters_of_goods_exports_to_us(w23):
    x = goods_exports(w23, "MEX")
    assert x[w23.country_index("USA")] / x.sum() >= 0.75  # BACI 2023: 77%


def test_us_mexico_goods_trade_in_baci_fob_valuation(w23):
    u, m = w23.country_index("USA"), w23.country_index("MEX")
    total = goods_imports(w23, "USA")[m] + goods_imports(w23, "MEX")[u]
    # BACI 2023 (FOB, mirror-reconciled): MEX->USA 459.1 + USA->MEX 292.8 = 751.9 bn
    assert total == pytest.approx(751_969, rel=1e-6)
    assert 750_000 <= total <= 850_000


def test_mexico_share_of_us_auto_imported_inputs(w23):
    """Mexico's share of the US motor-vehicle sector's imported intermediate inputs (proportional
    sourcing: each input is imported in the proportions of US absorption). Reported: 21.5%."""
    u, a = w23.country_index("USA"), w23.sector_index("C29")
    use = w23.io[u, :, a] * (1 - w23.va_share[u, a]) * w23.gross_output_usd_m[u, a]
    X = w23.trade_usd_m[u]
    by_origin = (use[None, :] * X / X.sum(axis=0, keepdims=True)).sum(axis=1)
    by_origin[u] = 0.0
    share = by_origin / by_origin.sum()
    assert np.argmax(share) == w23.country_index("MEX")
    assert share[w23.country_index("MEX")] == pytest.approx(0.215, abs=0.01)
    # vehicles and parts proper (sector C29): Mexico's share of US imports is about a third
    c29 = w23.trade_usd_m[u, :, a].copy()
    c29[u] = 0
    assert 0.25 < c29[w23.country_index("MEX")] / c29.sum() < 0.45


def test_icio2022_facts_before_the_nowcast():
    w = load_world("icio2022")
    share = goods_imports(w, "USA") / goods_imports(w, "USA").sum()
    assert w.countries[int(np.argmax(share))] == "CHN"
    assert share[w.country_index("CHN")] == pytest.approx(0.18, abs=0.01)
    assert share[w.country_index("MEX")] == pytest.approx(0.134, abs=0.01)
    x = goods_exports(w, "MEX")
    assert x[w.country_index("USA")] / x.sum() == pytest.approx(0.72, abs=0.01)
    # PROVENANCE sanity table of the tariffwar data: MEX->USA 2022 all sectors $409.9bn
    assert w.trade_usd_m[w.country_index("USA"), w.country_index("MEX")].sum() == pytest.approx(409_900, rel=1e-3)


@pytest.mark.parametrize("name", ["world2023", "icio2022", "wiod2011"])
def test_data_satisfy_the_model_identity_and_zero_shock_is_zero_change(name):
    w = load_world(name)
    resid = np.abs(w.expenditure_residual_usd_m()).max()
    assert resid < 1e-6 * w.absorption_usd_m.max()
    assert w.provenance.get("expenditure_gap_share", 0.0) < 1e-12
    base = rebase(w)
    assert np.abs(base.trade_usd_m - w.trade_usd_m).max() < 1e-9 * w.trade_usd_m.max()
    eq = solve(w, baseline=base)
    assert eq.converged
    np.testing.assert_allclose(eq.wage_hat, 1.0, atol=1e-10)
    np.testing.assert_allclose(eq.price_hat, 1.0, atol=1e-10)
    np.testing.assert_allclose(eq.real_income_hat, 1.0, atol=1e-10)


def test_deficits_come_from_the_flows(w23):
    X = w23.trade_usd_m
    idx = np.arange(w23.n_countries)
    dom = X[idx, idx].sum(axis=1)
    d = (X.sum(axis=(1, 2)) - dom) - (X.sum(axis=(0, 2)) - dom)
    np.testing.assert_allclose(w23.deficit_usd_m, d - d.mean(), atol=1e-6)
    assert w23.deficit_usd_m[w23.country_index("USA")] > 500_000  # a US deficit of > $0.5tn


def test_elasticity_sets_are_selectable(w23):
    # default: Fontagné-Guimbard-Orefice (2022) Table 8, motor vehicles (TiVA C34) |eps| = 8.92,
    # concorded by the tariffwar package to 8.955 for C29
    assert w23.provenance["elasticities"] == "FGO"
    assert w23.theta[w23.sector_index("C29")] == pytest.approx(8.955)
    cp = with_elasticities(w23, "CP")
    np.testing.assert_allclose(cp.theta[cp.sector_index("C29")], 1.115)  # Caliendo-Parro (2015) Table 1
    assert np.array_equal(cp.trade_usd_m, w23.trade_usd_m)
    with pytest.raises(DataFormatError, match="choose one of"):
        with_elasticities(w23, "XYZ")


def test_shipped_wiot_is_the_published_table():
    t = load_wiot("wiod2011")
    assert (len(t.countries), len(t.industries), t.year) == (41, 35, 2011)
    assert t.Z.shape == (1435, 1435) and t.final_by_destination.shape == (1435, 41)
    # PROVENANCE of the WIOD files: MEX->USA intermediate + final 2011 = $227bn, US output $26.9tn
    mex = [t.index("MEX", s) for s in t.industries]
    usa_cols = [t.index("USA", s) for s in t.industries]
    flow = t.Z[np.ix_(mex, usa_cols)].sum() + t.final_by_destination[mex, t.countries.index("USA")].sum()
    assert flow / 1e3 == pytest.approx(227, abs=1)
    assert t.output[usa_cols].sum() / 1e6 == pytest.approx(26.9, abs=0.1)
    balance = np.abs(t.Z.sum(axis=1) + t.final.sum(axis=(1, 2)) - t.output)
    assert np.median(balance / np.maximum(t.output, 1)) < 0.005
    with pytest.raises(DataFormatError, match="no shipped input-output table"):
        load_wiot("nope")


def test_shipped_data_stay_small():
    total = sum(p.stat().st_size for p in SHIPPED.rglob("*") if p.is_file())
    assert total < 30e6


def test_value_added_matches_wdi_gdp_2023(w23):
    """World Bank WDI 2023 GDP (current USD, NY.GDP.MKTP.CD; Mexico 1,789 USD bn), shipped as
    gdp_2023_wdi_usd_m: every economy's value added is within 5% of it. Taiwan and São Tomé are not in
    the source's WDI/BACI table (no target: they keep their 2022 ICIO scale); ROW's target is WDI GDP
    of the economies not modelled."""
    import pandas as pd

    cdf = pd.read_parquet(SHIPPED / "world2023" / "countries.parquet").set_index("country")
    gdp = cdf.loc[list(w23.countries), "gdp_2023_wdi_usd_m"].to_numpy()
    va = w23.value_added_usd_m
    has = np.isfinite(gdp)
    assert [c for c, h in zip(w23.countries, has, strict=True) if not h] == ["STP", "TWN"]
    np.testing.assert_allclose(va[has], gdp[has], rtol=0.05)
    assert gdp[w23.country_index("MEX")] / 1e3 == pytest.approx(1789, abs=1)


def test_wiod2011_goods_are_agriculture_mining_and_manufacturing():
    # WIOD 2013 release industries: c1 agriculture, c2 mining, c3-c16 manufacturing; c17 electricity, gas and
    # water supply onwards are utilities, construction and services (WIOD industry list, Timmer et al. 2015).
    from palanca.data import goods_mask

    w = load_world("wiod2011")
    mask = goods_mask(w)
    assert [s for s, g in zip(w.sectors, mask, strict=True) if g] == [f"c{k}" for k in range(1, 17)]
    assert "Electricity" in w.sector_labels[16] and not mask[16]
