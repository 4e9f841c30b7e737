"""The baseline applied-tariff block of the shipped worlds and the MFN accessor."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from palanca.data import ICIO_GOODS, bilateral_tariffs, load_world, mfn_rates
from palanca.data._tariffs import CHN_RETALIATION_TARGET, SCREEN_CAP
from palanca.errors import DataFormatError, UnknownCountryError


@pytest.fixture(scope="module")
def w23():
    return load_world("world2023")


def _goods(w):
    return np.array([s in ICIO_GOODS for s in w.sectors])


def _tw(w, importer, exporter, rates=None):
    n, i = w.country_index(importer), w.country_index(exporter)
    x = w.trade_usd_m[n, i] * _goods(w)
    r = w.tariff[n, i] if rates is None else rates
    return float((r * x).sum() / x.sum())


def test_no_us_rate_above_035_without_a_statutory_layer(w23):
    """Every US rate is at most 0.35; the only US rates above the MFN rate are Section 301 on China."""
    us = w23.country_index("USA")
    assert w23.tariff[us].max() <= 0.35
    mfn = mfn_rates(w23, "USA")
    above = np.argwhere(w23.tariff[us] > mfn[None, :] + 1e-5)
    assert {w23.countries[i] for i, _ in above} == {"CHN"}
    s301 = np.array([w23.provenance["tariff_block"]["us_s301_by_sector"].get(s, 0.0) for s in w23.sectors])
    np.testing.assert_allclose(w23.tariff[us, w23.country_index("CHN")], mfn + s301, atol=1e-5)


def test_us_food_tariff_is_the_schedule_not_an_artefact(w23):
    # was 0.913 for 43 partners; the HTS8 simple mean of the sector's lines is about 5%
    us, food = w23.country_index("USA"), w23.sector_index("C10T12")
    assert mfn_rates(w23, "USA")[food] == pytest.approx(0.052, abs=0.005)
    assert w23.tariff[us, w23.country_index("DEU"), food] == pytest.approx(mfn_rates(w23, "USA")[food], abs=1e-5)


def test_us_mfn_trade_weighted_within_the_wto_profile_range(w23):
    """WTO/ITC/UNCTAD World Tariff Profiles 2023, United States: MFN applied duties, trade-weighted
    average 2.2% and simple average 3.3% (the trade-weighted figure is not in the shipped sources and was
    not checked against the publication). Within-sector weights are simple means of HTS8 lines (no
    line-level imports in the sources), so palanca's figure lies between the two."""
    us = w23.country_index("USA")
    x = w23.trade_usd_m[us] * _goods(w23)
    x[us] = 0.0
    mfn = mfn_rates(w23, "USA")
    tw = float((mfn[None, :] * x).sum() / x.sum())
    assert 0.022 <= tw <= 0.033


def test_section_301_layer_present_for_china(w23):
    """The US tariff on China is what is collected: "roughly 11%" of the value of imports from China
    (Trade Partnership Worldwide from Census data, Wall Street Journal, Dec 2024), not Bown's (PIIE)
    statutory 19.3% on 2017 import weights; a simple mean over HTS8 lines gives about 20%."""
    from palanca.data._tariffs import US_ON_CHN_COLLECTED

    assert _tw(w23, "USA", "CHN") == pytest.approx(US_ON_CHN_COLLECTED, abs=0.005)
    tb = w23.provenance["tariff_block"]
    assert 0.0 < tb["us_s301_scale_to_collected"] < 1.0
    assert tb["us_s301_line_mean_trade_weighted"] > 0.15
    assert _tw(w23, "USA", "CHN") - _tw(w23, "USA", "DEU") > 0.06
    assert _tw(w23, "USA", "MEX") < 0.005  # USMCA


def test_us_tariff_revenue_and_effective_rate_match_collections(w23):
    """US Treasury: customs duties of $80.3bn in fiscal year 2023 (receipts by source); the Budget Lab at
    Yale's pre-2025 average effective tariff rate (duties over goods imports) is 2.4%. The model's baseline
    revenue is the sum over partners and goods of rate times flow (BACI 2023 weights)."""
    us = w23.country_index("USA")
    x = w23.trade_usd_m[us] * _goods(w23)
    x[us] = 0.0
    revenue = float((w23.tariff[us] * x).sum())
    assert revenue == pytest.approx(w23.tariff_revenue_usd_m[us], rel=1e-6)
    assert 0.85 * 80_300 <= revenue <= 1.15 * 80_300
    assert revenue / x.sum() == pytest.approx(0.024, abs=0.015)


def test_gsp_lapsed_partners_pay_the_mfn_rate(w23):
    """The GSP lapsed on 31 Dec 2020 and was not renewed (CBP, CSMS notice of 21 Dec 2020: GSP-eligible
    goods pay the column 1 general rate from 1 Jan 2021): India, Thailand, Brazil and Indonesia pay the
    MFN rate in 2023; FTA partners (Korea, Australia) and AGOA (South Africa) keep their preferences."""
    us = w23.country_index("USA")
    mfn = mfn_rates(w23, "USA")
    g = _goods(w23)
    for c in ("IND", "THA", "BRA", "IDN", "TUR", "PHL"):
        np.testing.assert_allclose(w23.tariff[us, w23.country_index(c), g], mfn[g], atol=1e-6, err_msg=c)
    for c in ("KOR", "AUS", "ZAF", "MEX", "CAN"):
        assert _tw(w23, "USA", c) < 0.5 * _tw(w23, "USA", "DEU"), c
    assert "IND" in w23.provenance["tariff_block"]["us_partners_at_mfn_gsp_lapsed"]


def test_china_retaliation_matches_piie(w23):
    # calibrated on the 2022 flows of the build; the 2023 nowcast weights move it a little
    assert _tw(w23, "CHN", "USA") == pytest.approx(CHN_RETALIATION_TARGET, abs=0.005)


def test_screened_rates_and_named_exceptions(w23):
    """Outside the US, rates above the screen cap only where China's retaliation is stacked."""
    big = np.argwhere(w23.tariff > SCREEN_CAP + 1e-6)
    assert {(w23.countries[n], w23.countries[i]) for n, i, _ in big} <= {("CHN", "USA")}
    assert {c["importer"] for c in w23.provenance["tariff_block"]["screened_cells"]} >= {"SAU", "MYS"}


def test_mfn_rates_accessor(w23):
    mx = mfn_rates(w23, "MEX")
    assert mx.shape == (w23.n_sectors,)
    n = w23.country_index("MEX")
    # the MFN rate is the highest (non-preferential) applied rate: no partner pays more
    assert np.all(w23.tariff[n] <= mx[None, :] + 1e-6)
    assert mx[w23.sector_index("D35T98")] == 0.0
    # Mexico's MFN is what China (no trade agreement with Mexico) pays
    np.testing.assert_allclose(w23.tariff[n, w23.country_index("CHN")], mx, atol=1e-6)
    with pytest.raises(UnknownCountryError):
        mfn_rates(w23, "XXX")
    with pytest.raises(DataFormatError, match="carries no MFN table"):
        mfn_rates(load_world("cp1993"), "MEX")


def test_bilateral_tariffs_record(w23):
    t = bilateral_tariffs(w23, "USA", "CHN")
    assert t["trade_weighted"] == pytest.approx(_tw(w23, "USA", "CHN"))
    assert [r["sector"] for r in t["sectors"]] == list(w23.sectors)
    assert t["mfn_trade_weighted"] < t["trade_weighted"]
    with pytest.raises(DataFormatError, match="two different"):
        bilateral_tariffs(w23, "USA", "USA")


@pytest.mark.shared
def test_hts_schedule_matches_its_source(shared_data):
    """The raw schedule: HS 16-24 simple mean about 7.7%, all lines about 4.0% (its PROVENANCE)."""
    from palanca.data._sectors import ICIO_SECTORS
    from palanca.data._tariffs import read_us_schedule

    raw = pd.read_csv(shared_data / "us-tariffs-2025-budgetlab/mfn_rates_2025_us_hs8.csv", dtype={"hs8": str})
    ch = raw["hs8"].str[:2].astype(int)
    assert raw.loc[ch.between(16, 24), "mfn_rate"].mean() == pytest.approx(0.077, abs=0.001)
    us = read_us_schedule(
        shared_data / "us-tariffs-2025-budgetlab", shared_data / "concordances", tuple(c for c, _ in ICIO_SECTORS)
    )
    # every product line (chapters 1-97) maps to a sector, apart from a few without a BTDIxE industry
    products = raw[ch < 98]
    assert us.lines.sum() >= 0.99 * len(products)
    # list 3 is 25% and covers most HS8 lines of machinery (C28)
    assert us.s301[list(us.sectors).index("C28")] == pytest.approx(0.216, abs=0.01)


def test_world_tariffs_cli(w23):
    import json

    from typer.testing import CliRunner

    from palanca.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["world", "tariffs", "world2023", "--importer", "usa", "--exporter", "CHN", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["trade_weighted"] == pytest.approx(_tw(w23, "USA", "CHN"))
    assert {"sector", "rate"} <= set(out["sectors"][0])
    assert 0.0 <= min(r["rate"] for r in out["sectors"]) and max(r["rate"] for r in out["sectors"]) <= 0.35
    bad = runner.invoke(app, ["world", "tariffs", "world2023", "--importer", "USA", "--exporter", "XXX"])
    assert bad.exit_code == 1 and "XXX" in bad.output and "Traceback" not in bad.output


def test_mfn_rates_refuse_aggregated_sectors_or_regions(w23):
    """An aggregated world (`palanca.data.aggregate` records its maps in the provenance) keeps the MFN
    rates of economies it leaves alone and refuses merged regions and merged sectors."""
    import dataclasses

    prov = {**w23.provenance, "aggregated_from": "world2023", "region_map": {"USA": ["USA"], "MEX": ["MEX", "GTM"]}}
    regions = dataclasses.replace(w23, provenance=prov)
    np.testing.assert_allclose(mfn_rates(regions, "USA"), mfn_rates(w23, "USA"))
    with pytest.raises(DataFormatError, match="aggregates 'MEX'"):
        mfn_rates(regions, "MEX")
    sectors = dataclasses.replace(w23, provenance={**prov, "sector_map": {"goods": ["A01"]}})
    with pytest.raises(DataFormatError, match="aggregates sectors"):
        mfn_rates(sectors, "USA")
