"""Build the shipped series of palanca's non-trade channels from the raw public files.

Reads ``../shared/data`` (or ``--source DIR``): ``banxico-remittances/``, ``cbp-drug-seizures/``,
``cdc-vsrr-overdose/``, ``dea-nflis/``, ``cbp-encounters/`` and ``unodc-iafq/`` (each has a
PROVENANCE.md), and writes compact Parquet files (zstd) plus ``provenance.json`` to
``src/palanca/data/shipped/flows/``. Units are converted once, here: money to US dollars (``_usd``)
or millions of pesos (``_mxn_m``), drug quantities to kilograms as well as the source pounds.

Usage::

    .venv/bin/python scripts/build_flows_data.py [--source ../shared/data] [--out DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
from datetime import date
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "src" / "palanca" / "data" / "shipped" / "flows"
LB_TO_KG = 0.45359237

MONTHS = {m: k for k, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), start=1)}

US_STATES = {
    "AK": "Alaska", "AL": "Alabama", "AR": "Arkansas", "AZ": "Arizona", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DC": "District of Columbia", "DE": "Delaware",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "IA": "Iowa", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "MA": "Massachusetts",
    "MD": "Maryland", "ME": "Maine", "MI": "Michigan", "MN": "Minnesota", "MO": "Missouri",
    "MS": "Mississippi", "MT": "Montana", "NC": "North Carolina", "ND": "North Dakota",
    "NE": "Nebraska", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NV": "Nevada",
    "NY": "New York", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "PR": "Puerto Rico", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VA": "Virginia", "VT": "Vermont",
    "WA": "Washington", "WI": "Wisconsin", "WV": "West Virginia", "WY": "Wyoming",
    "XX": "Not identified",
}  # fmt: skip

OVERDOSE_INDICATORS = {
    "Number of Drug Overdose Deaths": "all_drugs",
    "Synthetic opioids, excl. methadone (T40.4)": "synthetic_opioids",
    "Psychostimulants with abuse potential (T43.6)": "psychostimulants",
    "Cocaine (T40.5)": "cocaine",
    "Heroin (T40.1)": "heroin",
}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write(df: pd.DataFrame, out: Path, name: str) -> dict[str, object]:
    path = out / f"{name}.parquet"
    df.reset_index(drop=True).to_parquet(path, compression="zstd", index=False)
    return {"file": path.name, "rows": len(df), "columns": list(df.columns), "bytes": path.stat().st_size}


# ---------------------------------------------------------------- remittances (Banxico, INEGI, CONAPO)
def remittances_monthly(src: Path) -> pd.DataFrame:
    m = pd.read_csv(src / "banxico-remittances" / "remesas_mensuales.csv", parse_dates=["PERIODO"])
    wide = m.pivot_table(index="PERIODO", columns="FLUJO", values=["VALOR_USD", "OPERACIONES"], aggfunc="sum")
    return pd.DataFrame(
        {
            "month": wide.index,
            "inflow_usd": wide[("VALOR_USD", "Ingresos")].to_numpy(dtype=float),
            "inflow_operations": wide[("OPERACIONES", "Ingresos")].to_numpy(dtype=float),
            "outflow_usd": wide[("VALOR_USD", "Egresos")].to_numpy(dtype=float),
        }
    )


def remittances_mx_state(src: Path) -> pd.DataFrame:
    e = pd.read_csv(src / "banxico-remittances" / "remesas_entidad.csv", parse_dates=["PERIODO"])
    return pd.DataFrame(
        {
            "quarter": e["PERIODO"],
            "cve_ent": e["CVE_ENT"].astype("int16"),
            "state": e["ENTIDAD"].astype(str),
            "inflow_usd": e["VALOR_USD"].astype(float),
        }
    ).sort_values(["quarter", "cve_ent"])


def remittances_us_state(src: Path) -> pd.DataFrame:
    u = pd.read_csv(src / "banxico-remittances" / "remesas_usa.csv", parse_dates=["PERIODO"])
    unknown = sorted(set(u["ID_ESTADO"]) - set(US_STATES))
    if unknown:
        raise SystemExit(f"remesas_usa.csv has US-state codes this script does not know: {unknown}")
    return pd.DataFrame(
        {
            "quarter": u["PERIODO"],
            "us_state": u["ID_ESTADO"].astype(str),
            "us_state_name": u["ID_ESTADO"].map(US_STATES),
            "inflow_usd": u["VALOR_USD"].astype(float),
        }
    ).sort_values(["quarter", "us_state"])


def remittances_by_country(src: Path) -> pd.DataFrame:
    p = pd.read_csv(src / "banxico-remittances" / "remesas_pais.csv", parse_dates=["PERIODO"])
    p = p[p["FLUJO"] == "Ingresos"]
    g = p.groupby([p["PERIODO"].dt.year.rename("year"), "ID_PAIS"])["VALOR_USD"].sum().reset_index()
    g = g[g["VALOR_USD"] > 0]
    n_quarters = p.groupby(p["PERIODO"].dt.year)["PERIODO"].nunique()
    g = g[g["year"].map(n_quarters) == 4]  # complete years only
    return g.rename(columns={"ID_PAIS": "origin", "VALOR_USD": "inflow_usd"}).astype({"inflow_usd": float})


def usdmxn_monthly(src: Path) -> pd.DataFrame:
    x = pd.read_csv(src / "banxico-remittances" / "USDMXN.csv", parse_dates=["PERIODO"])
    x = x[x["TIPO_CAMBIO"] > 0]  # early rows hold 0 = missing (PROVENANCE.md)
    return pd.DataFrame({"month": x["PERIODO"], "mxn_per_usd": x["TIPO_CAMBIO"].astype(float)})


def mx_state_gdp(src: Path) -> pd.DataFrame:
    g = pd.read_csv(src / "banxico-remittances" / "inegi_pib_estatal.csv")
    g = g[(g["CLAVE_INDUSTRIA"] == "PIB") & (g["CVE_ENT"] > 0)]
    return pd.DataFrame(
        {
            "year": g["PERIODO"].astype("int16"),
            "cve_ent": g["CVE_ENT"].astype("int16"),
            "gdp_mxn_m": g["VALOR_CORRIENTE"].astype(float),
            "gdp_constant2018_mxn_m": g["VALOR_CONSTANTE"].astype(float),
        }
    ).sort_values(["year", "cve_ent"])


def mx_state_population(src: Path) -> pd.DataFrame:
    c = pd.read_csv(src / "banxico-remittances" / "conapo_poblacion_municipal.csv", dtype={"CVE": str})
    c["cve_ent"] = c["CVE"].str[:2].astype(int)
    years = [str(y) for y in range(2003, 2031)]
    g = c.groupby("cve_ent")[years].sum().reset_index().melt("cve_ent", var_name="year", value_name="population")
    g["year"] = g["year"].astype("int16")
    g["cve_ent"] = g["cve_ent"].astype("int16")
    return g.astype({"population": float}).sort_values(["year", "cve_ent"])


# ---------------------------------------------------------------- drugs (CBP, CDC/NCHS, DEA NFLIS)
def drug_seizures(src: Path) -> pd.DataFrame:
    folder = src / "cbp-drug-seizures"
    d = pd.concat(
        [pd.read_csv(folder / f) for f in ("nationwide-drugs-fy19-fy22.csv", "nationwide-drugs-fy23-fy26-dec.csv")]
    )
    fy = d["FY"].astype(str).str[:4].astype(int)
    month = d["Month (abbv)"].str.upper().map(MONTHS)
    if month.isna().any():
        raise SystemExit(f"unknown month labels: {sorted(d.loc[month.isna(), 'Month (abbv)'].unique())}")
    year = fy - (month >= 10)  # the federal fiscal year FY runs Oct (FY-1) .. Sep (FY)
    lbs = d["Sum Qty (lbs)"].astype(float)
    return pd.DataFrame(
        {
            "fiscal_year": fy.astype("int16"),
            "month": pd.to_datetime({"year": year, "month": month, "day": 1}),
            "component": d["Component"].map({"Office of Field Operations": "OFO", "U.S. Border Patrol": "USBP"}),
            "region": d["Region"].astype(str),
            "area": d["Area of Responsibility"].str.title().astype(str),
            "drug": d["Drug Type"].astype(str),
            "events": d["Count of Event"].astype(float),
            "qty_lbs": lbs,
            "qty_kg": lbs * LB_TO_KG,
        }
    ).sort_values(["month", "component", "area", "drug"])


def overdose_deaths(src: Path) -> pd.DataFrame:
    v = pd.read_csv(
        src / "cdc-vsrr-overdose" / "vsrr_provisional_drug_overdose_death_counts_2025-01-08.csv.gz",
        thousands=",",
        low_memory=False,
    )
    v = v[v["Indicator"].isin(OVERDOSE_INDICATORS)]
    keep = (v["State"] == "US") | (v["Month"] == "December")
    v = v[keep]
    month_no = pd.to_datetime(v["Month"], format="%B").dt.month
    return pd.DataFrame(
        {
            "state": v["State"].astype(str),
            "period_end": pd.to_datetime({"year": v["Year"], "month": month_no, "day": 1}),
            "indicator": v["Indicator"].map(OVERDOSE_INDICATORS),
            "deaths_reported_12m": pd.to_numeric(v["Data Value"], errors="coerce"),
            "deaths_predicted_12m": pd.to_numeric(v["Predicted Value"], errors="coerce"),
        }
    ).sort_values(["state", "indicator", "period_end"])


def nflis_fentanyl(src: Path) -> pd.DataFrame:
    n = pd.read_csv(src / "dea-nflis" / "NFLIS_Drug_DQS_fentanyl_state_semiannual_2017-2025.csv")
    n["half"] = n["PERIOD"].str[:3].map({"SA1": 1, "SA2": 2})
    n["is_fentanyl"] = n["BASE_DESCRIPTION"] == "Fentanyl"
    g = n.groupby(["YYYY", "half", "STATE"])
    out = pd.DataFrame(
        {
            "fentanyl_reports": g.apply(lambda x: x.loc[x["is_fentanyl"], "DRUG_REPORTS"].sum(), include_groups=False),
            "category_reports": g["DRUG_REPORTS"].sum(),
        }
    ).reset_index()
    return out.rename(columns={"YYYY": "year", "STATE": "state"}).astype(
        {"year": "int16", "half": "int8", "fentanyl_reports": float, "category_reports": float}
    )


# ---------------------------------------------------------------- migration (CBP / USBP)
def encounters_usbp(src: Path) -> pd.DataFrame:
    u = pd.read_csv(src / "cbp-encounters" / "usbp_monthly_encounters_fy2000-fy2020.csv.gz", sep="|")
    sw = [
        "big_bend",
        "del_rio",
        "el_centro",
        "el_paso",
        "laredo",
        "rio_grande_valley",
        "san_diego",
        "tucson",
        "yuma",
    ]
    long = u.melt(["month", "fy", "cy"], value_vars=[*sw, "southwest_border", "monthly_total"], var_name="sector")
    return pd.DataFrame(
        {
            "month": pd.to_datetime({"year": long["cy"], "month": long["month"], "day": 1}),
            "fiscal_year": long["fy"].astype("int16"),
            "sector": long["sector"].astype(str),
            "apprehensions": long["value"].astype(float),
        }
    ).sort_values(["sector", "month"])


def encounters_nationwide(src: Path) -> pd.DataFrame:
    e = pd.read_csv(src / "cbp-encounters" / "cbp-nationwide-encounters-fy20-fy23-state.csv")
    month = e["Month (abbv)"].str.upper().map(MONTHS)
    fy = e["Fiscal Year"].astype(str).str[:4].astype(int)
    e["month"] = pd.to_datetime({"year": fy - (month >= 10), "month": month, "day": 1})
    keys = ["month", "Land Border Region", "Citizenship", "Demographic", "Title of Authority"]
    g = e.groupby(keys)["Encounter Count"].sum().reset_index()
    return g.rename(
        columns={
            "Land Border Region": "region",
            "Citizenship": "citizenship",
            "Demographic": "demographic",
            "Title of Authority": "authority",
            "Encounter Count": "encounters",
        }
    ).astype({"encounters": float})


# ---------------------------------------------------------------- firearms (UNODC IAFQ)
def firearms(src: Path) -> pd.DataFrame:
    f = pd.read_csv(src / "unodc-iafq" / "data_iafq_firearms_trafficking_americas.csv")
    return pd.DataFrame(
        {
            "iso3": f["Iso3_code"].astype(str),
            "indicator": f["Indicator"].astype(str),
            "dimension": f["Dimension"].astype(str),
            "category": f["Category"].astype(str),
            "year": f["Year"].astype("int16"),
            "value": f["VALUE"].astype(float),
            "unit": f["Unit of measurement"].astype(str),
            "source": f["Source"].astype(str),
        }
    ).sort_values(["iso3", "indicator", "dimension", "category", "year"])


BUILDERS = {
    "remittances_monthly": (remittances_monthly, ["banxico-remittances/remesas_mensuales.csv"]),
    "remittances_mx_state": (remittances_mx_state, ["banxico-remittances/remesas_entidad.csv"]),
    "remittances_us_state": (remittances_us_state, ["banxico-remittances/remesas_usa.csv"]),
    "remittances_by_country": (remittances_by_country, ["banxico-remittances/remesas_pais.csv"]),
    "usdmxn_monthly": (usdmxn_monthly, ["banxico-remittances/USDMXN.csv"]),
    "mx_state_gdp": (mx_state_gdp, ["banxico-remittances/inegi_pib_estatal.csv"]),
    "mx_state_population": (mx_state_population, ["banxico-remittances/conapo_poblacion_municipal.csv"]),
    "drug_seizures": (
        drug_seizures,
        [
            "cbp-drug-seizures/nationwide-drugs-fy19-fy22.csv",
            "cbp-drug-seizures/nationwide-drugs-fy23-fy26-dec.csv",
        ],
    ),
    "overdose_deaths": (
        overdose_deaths,
        ["cdc-vsrr-overdose/vsrr_provisional_drug_overdose_death_counts_2025-01-08.csv.gz"],
    ),
    "nflis_fentanyl": (nflis_fentanyl, ["dea-nflis/NFLIS_Drug_DQS_fentanyl_state_semiannual_2017-2025.csv"]),
    "encounters_usbp": (encounters_usbp, ["cbp-encounters/usbp_monthly_encounters_fy2000-fy2020.csv.gz"]),
    "encounters_nationwide": (
        encounters_nationwide,
        ["cbp-encounters/cbp-nationwide-encounters-fy20-fy23-state.csv"],
    ),
    "firearms_iafq": (firearms, ["unodc-iafq/data_iafq_firearms_trafficking_americas.csv"]),
}

TRANSFORMS = {
    "remittances_monthly": "inflows (Ingresos) and outflows (Egresos) pivoted to columns; USD as published",
    "remittances_mx_state": "renamed columns; quarterly inflows by receiving Mexican state, USD",
    "remittances_us_state": "renamed columns; Spanish state names replaced by English; XX = not identified",
    "remittances_by_country": "inflows summed to calendar years (complete years only), zero rows dropped",
    "usdmxn_monthly": "rows with TIPO_CAMBIO == 0 (missing) dropped",
    "mx_state_gdp": "CLAVE_INDUSTRIA == 'PIB', CVE_ENT > 0; millions of current and constant-2018 pesos",
    "mx_state_population": "municipal CONAPO estimates summed to states for 2003-2030 (CVE first two digits)",
    "drug_seizures": "both CBP files stacked; FY label's leading 4 digits; calendar month from FY and month "
    "(Oct-Dec belong to FY-1); components abbreviated OFO/USBP; pounds also converted to kg (x 0.45359237)",
    "overdose_deaths": "five indicators kept; US rows for every 12-month-ending period, state rows for "
    "periods ending in December; thousands separators parsed",
    "nflis_fentanyl": "reports summed by year, half-year and state: BASE_DESCRIPTION == 'Fentanyl' and the "
    "whole "
    "'Fentanyl and Fentanyl-related' category",
    "encounters_usbp": "wide sector columns melted (nine southwest sectors, southwest_border, "
    "monthly_total); "
    "calendar month from cy and month",
    "encounters_nationwide": "summed over US states by month, land-border region, citizenship, "
    "demographic and "
    "title of authority; calendar month from FY and month",
    "firearms_iafq": "renamed columns; values unmodified",
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="folder holding the raw public data")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the shipped files")
    args = parser.parse_args(argv)
    src: Path = args.source.resolve()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    record: dict[str, object] = {
        "built_by": "scripts/build_flows_data.py",
        "built_on": date.today().isoformat(),
        "source_root": "../shared/data (see each folder's PROVENANCE.md)",
        "tables": {},
    }
    for name, (builder, inputs) in BUILDERS.items():
        df = builder(src)
        info = _write(df, out, name)
        info["inputs"] = [{"path": p, "sha256": _sha256(src / p)} for p in inputs]
        info["transformation"] = TRANSFORMS[name]
        record["tables"][name] = info  # type: ignore[index]
        print(f"{name:24s} {info['rows']:>7,d} rows {info['bytes']:>9,d} bytes")
    (out / "provenance.json").write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
