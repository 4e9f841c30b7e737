"""Readers of the field's formats on tiny mock files in the real layouts (tests/data/mock/)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from palanca.data import (
    BuildInputs,
    build_shipped,
    read_baci,
    read_baci_matrix,
    read_tariffwar,
    read_wiod2013,
    read_world,
)
from palanca.data._oecd_icio import read_oecd_icio
from palanca.data._wiod2016 import read_wiod2016
from palanca.errors import DataFormatError
from palanca.model import solve

MOCK = Path(__file__).parent / "mock"


# ---------------------------------------------------------------- tariffwar npz
def test_tariffwar_reader_transposes_to_destination_origin():
    raw = np.load(MOCK / "tariffwar_icio_mock.npz")
    tw = read_tariffwar(MOCK / "tariffwar_icio_mock.npz", 2022)
    assert tw.countries == ("CHN", "MEX", "USA", "VNM", "ROW") and len(tw.sectors) == 28
    # trade[year, exporter MEX=1, importer USA=2] -> [destination USA, origin MEX]
    np.testing.assert_array_equal(tw.trade_usd_m[2, 1], raw["trade"][1, 1, 2])
    np.testing.assert_array_equal(tw.tariff[2, 1], raw["tariff"][1, 1, 2])
    assert tw.elasticities("CP").shape == (28,)
    with pytest.raises(DataFormatError, match="no year 1999"):
        read_tariffwar(MOCK / "tariffwar_icio_mock.npz", 1999)
    with pytest.raises(DataFormatError, match="elasticity set 'XX'"):
        tw.elasticities("XX")


def _npz_variant(tmp_path: Path, **changes) -> Path:
    raw = dict(np.load(MOCK / "tariffwar_icio_mock.npz"))
    for k, v in changes.items():
        if v is None:
            raw.pop(k)
        else:
            raw[k] = v
    p = tmp_path / "bad.npz"
    np.savez(p, **raw)
    return p


def test_tariffwar_reader_errors(tmp_path):
    raw = dict(np.load(MOCK / "tariffwar_icio_mock.npz"))
    with pytest.raises(DataFormatError, match="lacks the arrays"):
        read_tariffwar(_npz_variant(tmp_path, tariff=None), 2022)
    with pytest.raises(DataFormatError, match="shape"):
        read_tariffwar(_npz_variant(tmp_path, trade=raw["trade"][:, :4]), 2022)
    neg = raw["trade"].copy()
    neg[1, 1, 2, 23] = -5
    with pytest.raises(DataFormatError, match=r"origin MEX, sector C29\) = -5"):
        read_tariffwar(_npz_variant(tmp_path, trade=neg), 2022)
    dup = raw["countries"].copy()
    dup[1] = "CHN"
    with pytest.raises(DataFormatError, match="duplicate country labels"):
        read_tariffwar(_npz_variant(tmp_path, countries=dup), 2022)
    with pytest.raises(DataFormatError, match="does not exist"):
        read_tariffwar(tmp_path / "none.npz", 2022)


# ---------------------------------------------------------------- WIOD 2013 R data
def test_wiod2013_reader_mock():
    t = read_wiod2013(MOCK / "wiot_mock.RData")
    assert t.countries == ("CHN", "MEX", "USA", "ROW")  # RoW -> ROW
    assert t.Z.shape == (140, 140) and t.final.shape == (140, 4, 5)
    np.testing.assert_allclose(t.Z.sum(axis=1) + t.final.sum(axis=(1, 2)), t.output)
    assert t.index("MEX", "c15") == 35 + 14


def test_wiod2013_reader_errors(tmp_path):
    import rdata

    rdata.write_rda(tmp_path / "bad.RData", {"wiot_2011": {"inter": np.zeros((2, 2)), "year": np.array([2011])}})
    with pytest.raises(DataFormatError, match="must hold"):
        read_wiod2013(tmp_path / "bad.RData")
    (tmp_path / "junk.RData").write_bytes(b"not R")
    with pytest.raises(DataFormatError, match="not a readable R data file"):
        read_wiod2013(tmp_path / "junk.RData")


# ---------------------------------------------------------------- WIOD 2016
def test_wiod2016_reader_mock_and_errors(tmp_path):
    t = read_wiod2016(MOCK / "wiod2016_mock.csv")
    df = pd.read_csv(MOCK / "wiod2016_mock.csv")
    assert t.countries == ("MEX", "USA", "ROW") and t.industries == ("A01", "C29", "U") and t.year == 2014
    assert t.Z[1, 3 + 1] == df.loc[1, "USA2"]  # MEX C29 -> USA C29
    assert t.final[1, 1, 0] == df.loc[1, "USA4"]  # MEX C29 -> US households
    bad = df.drop(columns=["TOT"])
    bad.to_csv(tmp_path / "w.csv", index=False)
    with pytest.raises(DataFormatError, match=r"lacks the columns \['TOT'\]"):
        read_wiod2016(tmp_path / "w.csv")
    dup = pd.concat([df.iloc[:1], df])
    dup.to_csv(tmp_path / "d.csv", index=False)
    with pytest.raises(DataFormatError, match=r"rows but|duplicate"):
        read_wiod2016(tmp_path / "d.csv")
    neg = df.copy()
    neg.loc[0, "MEX1"] = -1.0
    neg.to_csv(tmp_path / "n.csv", index=False)
    with pytest.raises(DataFormatError, match="negative"):
        read_wiod2016(tmp_path / "n.csv")


# ---------------------------------------------------------------- OECD ICIO CSV
def test_oecd_icio_merges_or_keeps_the_mexico_split():
    raw = pd.read_csv(MOCK / "oecd_icio_mock.csv", index_col=0)
    merged = read_oecd_icio(MOCK / "oecd_icio_mock.csv")
    split = read_oecd_icio(MOCK / "oecd_icio_mock.csv", merge_splits=False)
    assert merged.countries == ("AUS", "MEX", "ROW") and split.countries == ("AUS", "MX1", "MX2", "ROW")
    expected = sum(raw.loc[f"{a}_C29", f"{b}_C29"] for a in ("MX1", "MX2") for b in ("MX1", "MX2"))
    assert merged.Z[3, 3] == pytest.approx(expected)
    assert split.Z[3, 5] == pytest.approx(raw.loc["MX1_C29", "MX2_C29"])
    assert merged.Z.sum() == pytest.approx(split.Z.sum())
    assert merged.final_countries == ("AUS", "MEX", "ROW")
    np.testing.assert_allclose(merged.output, merged.Z.sum(axis=1) + merged.final.sum(axis=(1, 2)))


def test_oecd_icio_errors(tmp_path):
    raw = pd.read_csv(MOCK / "oecd_icio_mock.csv", index_col=0)
    raw.drop(index="VA").to_csv(tmp_path / "a.csv")
    with pytest.raises(DataFormatError, match="lacks the 'VA' row"):
        read_oecd_icio(tmp_path / "a.csv")
    neg = raw.copy()
    neg.loc["MX1_C29", "AUS_A01"] = -2
    neg.to_csv(tmp_path / "b.csv")
    with pytest.raises(DataFormatError, match="MX1_C29 -> AUS_A01 = -2"):
        read_oecd_icio(tmp_path / "b.csv")
    raw.drop(columns="OUT").to_csv(tmp_path / "c.csv")
    with pytest.raises(DataFormatError, match="'OUT' column"):
        read_oecd_icio(tmp_path / "c.csv")
    txt = (MOCK / "oecd_icio_mock.csv").read_text().replace("MX2_A01,", "MX1_A01,", 1)
    (tmp_path / "d.csv").write_text(txt)
    with pytest.raises(DataFormatError, match="duplicate column labels"):
        read_oecd_icio(tmp_path / "d.csv")


# ---------------------------------------------------------------- BACI
def test_baci_matrix_and_product_csv():
    m = read_baci_matrix(MOCK / "baci_trade_cepii_mock.csv", MOCK / "baci_country_labels_mock.csv")
    raw = pd.read_csv(MOCK / "baci_trade_cepii_mock.csv").to_numpy()
    assert m.value("MEX", "USA") == pytest.approx(raw[2, 3] / 1e3)  # row exporter, column importer
    assert np.all(np.diag(m.exports_usd_m) == 0)
    b = read_baci(MOCK / "BACI_HS22_Y2023_mock.csv", MOCK / "baci_country_codes_mock.csv")
    assert b.year == 2023
    assert b.value("MEX", "USA") == pytest.approx((1200.5 + 800.0) / 1e3)
    assert b.value("USA", "MEX") == pytest.approx(0.30025)


def test_baci_errors(tmp_path):
    df = pd.read_csv(MOCK / "BACI_HS22_Y2023_mock.csv")
    df.drop(columns="v").to_csv(tmp_path / "a.csv", index=False)
    with pytest.raises(DataFormatError, match=r"lacks the columns \['v'\]"):
        read_baci(tmp_path / "a.csv", MOCK / "baci_country_codes_mock.csv")
    df.assign(v=-1.0).to_csv(tmp_path / "b.csv", index=False)
    with pytest.raises(DataFormatError, match="nonnegative"):
        read_baci(tmp_path / "b.csv", MOCK / "baci_country_codes_mock.csv")
    m = pd.read_csv(MOCK / "baci_trade_cepii_mock.csv")
    m.iloc[:5].to_csv(tmp_path / "m.csv", index=False)
    with pytest.raises(DataFormatError, match="must be \\(6, 6\\)"):
        read_baci_matrix(tmp_path / "m.csv", MOCK / "baci_country_labels_mock.csv")
    cc = pd.read_csv(MOCK / "baci_country_codes_mock.csv")
    pd.concat([cc, cc.iloc[:1]]).to_csv(tmp_path / "cc.csv", index=False)
    with pytest.raises(DataFormatError, match="duplicate country_code"):
        read_baci(MOCK / "BACI_HS22_Y2023_mock.csv", tmp_path / "cc.csv")


# ---------------------------------------------------------------- the build on a small slice
@pytest.fixture(scope="module")
def mock_inputs() -> BuildInputs:
    baci = read_baci_matrix(MOCK / "baci_trade_cepii_mock.csv", MOCK / "baci_country_labels_mock.csv")
    gdp = pd.read_csv(MOCK / "baci_gdp_mock.csv")["gdp"].to_numpy() / 1e6
    return BuildInputs(
        tariffwar=read_tariffwar(MOCK / "tariffwar_icio_mock.npz", 2022),
        wiot=read_wiod2013(MOCK / "wiot_mock.RData"),
        baci=baci,
        gdp_usd_m=dict(zip(baci.countries, gdp, strict=True)),
        names={"MEX": "Mexico"},
    )


def test_build_on_mock_slice(tmp_path, mock_inputs):
    sizes = build_shipped(mock_inputs, tmp_path)
    assert set(sizes) == {"icio2022", "world2023", "wiod2011"}
    w22 = read_world(tmp_path / "icio2022")
    w23 = read_world(tmp_path / "world2023")
    assert w23.countries == ("CHN", "MEX", "USA", "VNM", "ROW")
    # VNM borrows China's WIOD coefficients (proxy)
    assert w22.provenance["wiod_proxy"]["VNM"] == "CHN"
    np.testing.assert_allclose(w22.va_share[3], w22.va_share[0])
    # BACI pair totals hit exactly on goods; DEU and FRA go to ROW
    goods = [w23.sector_index(s) for s in w23.provenance["goods_sectors"]]
    T = mock_inputs.baci
    mex_usa = w23.trade_usd_m[w23.country_index("USA"), w23.country_index("MEX")][goods].sum()
    assert mex_usa == pytest.approx(T.value("MEX", "USA"), rel=1e-9)
    row_mex = w23.trade_usd_m[w23.country_index("MEX"), w23.country_index("ROW")][goods].sum()
    assert row_mex == pytest.approx(T.value("DEU", "MEX") + T.value("FRA", "MEX"), rel=1e-9)
    # services trade unchanged by the nowcast; domestic sales scaled so that value added = GDP
    off = ~np.eye(w23.n_countries, dtype=bool)
    np.testing.assert_allclose(w23.trade_usd_m[:, :, -1][off], w22.trade_usd_m[:, :, -1][off])
    gdp = np.array([mock_inputs.gdp_usd_m.get(c, np.nan) for c in w23.countries])
    gdp[-1] = sum(v for c, v in mock_inputs.gdp_usd_m.items() if c not in w23.countries)
    va = (w23.va_share * w23.trade_usd_m.sum(axis=0)).sum(axis=1)
    factors = w23.provenance["scale_to_gdp"]["domestic_sales_factor"]
    for k, c in enumerate(w23.countries):
        if factors[c] != 1.0:
            assert va[k] == pytest.approx(gdp[k], rel=1e-6)
    for w in (w22, w23, read_world(tmp_path / "wiod2011")):
        eq = solve(w)
        np.testing.assert_allclose(eq.real_income_hat, 1.0, atol=1e-9)
    shutil.rmtree(tmp_path)


@pytest.mark.shared
def test_build_from_shared_reproduces_shipped(tmp_path, shared_data):
    from palanca.data import load_world, read_build_inputs

    build_shipped(read_build_inputs(shared_data), tmp_path, worlds=("icio2022", "world2023"))
    for name in ("icio2022", "world2023"):
        assert read_world(tmp_path / name).digest == load_world(name).digest
