"""The shipped flows series against independent pandas computations on the raw files in ../shared/data.

Each test recomputes a figure from the raw file without the build script's code and compares it with
what palanca ships (and, where PROVENANCE.md quotes a published figure, with that figure too).
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from palanca.data import (
    FLOWS_SHIPPED,
    load_drug_seizures,
    load_encounters_nationwide,
    load_encounters_usbp,
    load_firearms_iafq,
    load_mx_state_gdp,
    load_nflis_fentanyl,
    load_overdose_deaths,
    load_remittances_monthly,
    load_remittances_mx_state,
    load_remittances_us_state,
)

pytestmark = pytest.mark.shared


def test_national_remittances_by_year(shared_data):
    raw = pd.read_csv(shared_data / "banxico-remittances" / "remesas_mensuales.csv")
    raw = raw[raw["FLUJO"] == "Ingresos"]
    raw_year = raw.groupby(raw["PERIODO"].str[:4].astype(int))["VALOR_USD"].sum()
    m = load_remittances_monthly()
    shipped = m.groupby(m["month"].dt.year)["inflow_usd"].sum()
    pd.testing.assert_series_equal(
        shipped.loc[1995:2025],
        raw_year.loc[1995:2025].astype(float),
        check_names=False,
        check_index_type=False,
    )
    assert raw_year[2024] / 1e9 == pytest.approx(65.02, abs=0.01)  # PROVENANCE.md sanity check


def test_state_remittances_sum_to_national(shared_data):
    raw = pd.read_csv(shared_data / "banxico-remittances" / "remesas_entidad.csv")
    raw24 = raw[raw["PERIODO"].str.startswith("2024")].groupby("ENTIDAD")["VALOR_USD"].sum()
    s = load_remittances_mx_state()
    s24 = s[s["quarter"].dt.year == 2024].groupby("state")["inflow_usd"].sum()
    pd.testing.assert_series_equal(s24.sort_index(), raw24.sort_index().astype(float), check_names=False)
    assert raw24["Guanajuato"] / 1e9 == pytest.approx(5.66, abs=0.01)
    m = load_remittances_monthly()
    assert s24.sum() == pytest.approx(m[m["month"].dt.year == 2024]["inflow_usd"].sum(), rel=1e-9)


def test_us_state_origin(shared_data):
    raw = pd.read_csv(shared_data / "banxico-remittances" / "remesas_usa.csv")
    raw24 = raw[raw["PERIODO"].str.startswith("2024")].groupby("ID_ESTADO")["VALOR_USD"].sum()
    u = load_remittances_us_state()
    u24 = u[u["quarter"].dt.year == 2024].groupby("us_state")["inflow_usd"].sum()
    assert u24["CA"] == raw24["CA"] and u24["TX"] == raw24["TX"]
    assert u24.sum() == pytest.approx(raw24.sum())


def test_state_gdp_national_total(shared_data):
    raw = pd.read_csv(shared_data / "banxico-remittances" / "inegi_pib_estatal.csv")
    pib = raw[raw["CLAVE_INDUSTRIA"] == "PIB"]
    national = pib[pib["CVE_ENT"] == 0].set_index("PERIODO")["VALOR_CORRIENTE"]
    g = load_mx_state_gdp().groupby("year")["gdp_mxn_m"].sum()
    assert g[2024] == pytest.approx(national[2024], rel=1e-3)  # states add up to INEGI's national GDP


def test_fentanyl_seizures_by_fiscal_year(shared_data):
    folder = shared_data / "cbp-drug-seizures"
    raw = pd.concat(
        [pd.read_csv(folder / f) for f in ("nationwide-drugs-fy19-fy22.csv", "nationwide-drugs-fy23-fy26-dec.csv")]
    )
    raw = raw[raw["Drug Type"] == "Fentanyl"]
    by_fy = raw.groupby(raw["FY"].astype(str).str[:4])["Sum Qty (lbs)"].sum()
    d = load_drug_seizures()
    f = d[d["drug"] == "Fentanyl"]
    shipped = f.groupby("fiscal_year")["qty_lbs"].sum()
    for fy in ("2019", "2021", "2023", "2025"):
        assert shipped[int(fy)] == pytest.approx(by_fy[fy], rel=1e-12)
    assert shipped[2023] == pytest.approx(27_023, abs=1)  # CBP's published FY2023 total
    sw = f[(f["fiscal_year"] == 2023) & (f["region"] == "Southwest Border")]["qty_lbs"].sum()
    assert sw == pytest.approx(26_718, abs=1)
    # fiscal-year months: October 2022 belongs to FY2023
    assert set(f[f["fiscal_year"] == 2023]["month"].dt.strftime("%Y-%m")) >= {"2022-10", "2023-09"}


def test_overdose_deaths(shared_data):
    raw = pd.read_csv(
        shared_data / "cdc-vsrr-overdose" / "vsrr_provisional_drug_overdose_death_counts_2025-01-08.csv.gz",
        thousands=",",
        low_memory=False,
    )
    sel = raw[(raw["State"] == "US") & (raw["Month"] == "December") & (raw["Year"] == 2023)]
    want = sel.set_index("Indicator")["Data Value"].astype(float)
    od = load_overdose_deaths()
    us = od[(od["state"] == "US") & (od["period_end"] == "2023-12-01")].set_index("indicator")
    assert us.loc["synthetic_opioids", "deaths_reported_12m"] == want["Synthetic opioids, excl. methadone (T40.4)"]
    assert us.loc["all_drugs", "deaths_reported_12m"] == pytest.approx(107_682)
    assert us.loc["synthetic_opioids", "deaths_predicted_12m"] == pytest.approx(75_414)


def test_nflis(shared_data):
    raw = pd.read_csv(shared_data / "dea-nflis" / "NFLIS_Drug_DQS_fentanyl_state_semiannual_2017-2025.csv")
    want = raw[raw["BASE_DESCRIPTION"] == "Fentanyl"].groupby("YYYY")["DRUG_REPORTS"].sum()
    n = load_nflis_fentanyl().groupby("year")["fentanyl_reports"].sum()
    assert n[2023] == want[2023] == 178_862
    assert n[2017] == want[2017] == 59_215


def test_encounters(shared_data):
    usbp = pd.read_csv(shared_data / "cbp-encounters" / "usbp_monthly_encounters_fy2000-fy2020.csv.gz", sep="|")
    want = usbp.groupby("fy")["southwest_border"].sum()
    e = load_encounters_usbp()
    got = e[e["sector"] == "southwest_border"].groupby("fiscal_year")["apprehensions"].sum()
    assert got[2019] == want[2019] == 851_508
    nat = pd.read_csv(shared_data / "cbp-encounters" / "cbp-nationwide-encounters-fy20-fy23-state.csv")
    sw = nat[(nat["Land Border Region"] == "Southwest Land Border") & (nat["Fiscal Year"] == 2023)]
    n = load_encounters_nationwide()
    n23 = n[(n["region"] == "Southwest Land Border") & (n["month"] >= "2022-10-01") & (n["month"] <= "2023-09-01")]
    assert n23["encounters"].sum() == sw["Encounter Count"].sum() == 2_475_669
    assert n23[n23["citizenship"] == "MEXICO"]["encounters"].sum() == 717_333


def test_firearms(shared_data):
    raw = pd.read_csv(shared_data / "unodc-iafq" / "data_iafq_firearms_trafficking_americas.csv")
    sel = raw[(raw["Iso3_code"] == "MEX") & (raw["Indicator"] == "Arms seized") & (raw["Dimension"] == "Total")]
    f = load_firearms_iafq()
    got = f[(f["iso3"] == "MEX") & (f["indicator"] == "Arms seized") & (f["dimension"] == "Total")]
    assert got.set_index("year")["value"].sort_index().tolist() == sel.set_index("Year")["VALUE"].sort_index().tolist()
    assert got.set_index("year").loc[2010, "value"] == 30_291


def test_provenance_record_hashes_match_raw(shared_data):
    import hashlib

    rec = json.loads((FLOWS_SHIPPED / "provenance.json").read_text(encoding="utf-8"))
    assert set(rec["tables"]) >= {"remittances_mx_state", "drug_seizures", "encounters_usbp", "firearms_iafq"}
    for table in rec["tables"].values():
        assert (FLOWS_SHIPPED / table["file"]).exists()
        for inp in table["inputs"]:
            digest = hashlib.sha256((shared_data / inp["path"]).read_bytes()).hexdigest()
            assert digest == inp["sha256"], inp["path"]
