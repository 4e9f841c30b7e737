"""Write the tiny mock files of the data readers' tests (run: python tests/data/mock/make_mocks.py).

Each mock has the real layout of its source with a handful of economies and made-up numbers.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).parent
rng = np.random.default_rng(8)

ICIO28 = [
    *"A01 A02 A03 B05 B06 B07 B08 B09 C10T12 C13T15 C16 C17_18 C19 C20 C21 C22 C23 C24A".split(),
    *"C24B C25 C26 C27 C28 C29 C301 C302T309 C31T33".split(),
    "Services (aggregate)",
]


def tariffwar() -> None:
    countries = np.array(["CHN", "MEX", "USA", "VNM", "ROW"])
    n, j = len(countries), len(ICIO28)
    trade = rng.uniform(1, 50, size=(2, n, n, j))  # [year, exporter, importer, sector]
    for k in range(n):
        trade[:, k, k, :] *= 40  # domestic sales dominate
        trade[:, k, k, -1] *= 20
    tariff = rng.uniform(0, 0.1, size=(2, n, n, j))
    for k in range(n):
        tariff[:, k, k, :] = 0
    codes = np.array(["BSY", "CP", "FGO", "GYY", "IS", "LL", "Shap", "U4"])
    eps = rng.uniform(1, 10, size=(len(codes), j))
    np.savez_compressed(
        HERE / "tariffwar_icio_mock.npz", years=np.array([2021, 2022]), countries=countries,
        sectors=np.array(ICIO28), trade=trade, tariff=tariff, elasticity_codes=codes,
        elasticity_sources=codes, epsilon=eps, services_sector_index_1based=np.float64(28),
    )  # fmt: skip


def wiod2013() -> None:
    import rdata

    countries = ["CHN", "MEX", "USA", "RoW"]
    inds = [f"c{k}" for k in range(1, 36)]
    ns = len(countries) * len(inds)
    inter = rng.integers(0, 40, size=(ns, ns)).astype(np.int32)
    final = rng.integers(0, 200, size=(ns, 5 * len(countries))).astype(np.float64)
    output = inter.sum(axis=1) + final.sum(axis=1)
    output = output + inter.sum(axis=0) * 0.8  # leave room for value added
    final[:, 0] += output - inter.sum(axis=1) - final.sum(axis=1)
    obj = {
        "wiot_2011": {
            "year": np.array([2011]), "countries": np.array(countries), "industries": np.array(inds),
            "final": final, "output": output.astype(np.float64), "inter": inter,
        }
    }  # fmt: skip
    rdata.write_rda(HERE / "wiot_mock.RData", obj)


def baci() -> None:
    labels = pd.DataFrame(
        {"iso3": ["CHN", "DEU", "MEX", "USA", "VNM", "FRA"], "iso_code": [1, 2, 3, 4, 5, 6],
         "CountryName": ["China", "Germany", "Mexico", "United States", "Viet Nam", "France"]}
    )  # fmt: skip
    labels.to_csv(HERE / "baci_country_labels_mock.csv", index=False)
    m = rng.uniform(100, 1000, size=(6, 6)) * 1e3  # thousands of USD
    np.fill_diagonal(m, np.nan)
    pd.DataFrame(m, columns=[f"export_ij{k}" for k in range(1, 7)]).to_csv(
        HERE / "baci_trade_cepii_mock.csv", index=False
    )
    pd.DataFrame({"gdp": rng.uniform(1e11, 1e13, size=6)}).to_csv(HERE / "baci_gdp_mock.csv", index=False)
    cc = pd.DataFrame(
        {"country_code": [156, 276, 484, 842], "country_name": ["China", "Germany", "Mexico", "USA"],
         "country_iso2": ["CN", "DE", "MX", "US"], "country_iso3": ["CHN", "DEU", "MEX", "USA"]}
    )  # fmt: skip
    cc.to_csv(HERE / "baci_country_codes_mock.csv", index=False)
    rows = [
        (2023, 484, 842, "870323", 1200.5, 10.0), (2023, 484, 842, "870899", 800.0, 5.0),
        (2023, 842, 484, "271019", 300.25, 100.0), (2023, 156, 842, "851713", 999.0, 1.0),
        (2023, 276, 156, "870324", 50.0, 0.5),
    ]  # fmt: skip
    pd.DataFrame(rows, columns=["t", "i", "j", "k", "v", "q"]).to_csv(HERE / "BACI_HS22_Y2023_mock.csv", index=False)


def oecd_icio() -> None:
    econ = ["AUS", "MX1", "MX2", "ROW"]
    inds = ["A01", "C29"]
    labels = [f"{c}_{s}" for c in econ for s in inds]
    fd = [f"{c}_{k}" for c in ["AUS", "MEX", "ROW"] for k in ("HFCE", "GFCF")]
    Z = rng.uniform(0, 10, size=(len(labels), len(labels))).round(3)
    F = rng.uniform(0, 30, size=(len(labels), len(fd))).round(3)
    out = Z.sum(axis=1) + F.sum(axis=1)
    df = pd.DataFrame(np.hstack([Z, F, out[:, None]]), index=labels, columns=[*labels, *fd, "OUT"])
    va = out - Z.sum(axis=0)
    df.loc["TLS"] = [*(0.01 * va), *([np.nan] * (len(fd) + 1))]
    df.loc["VA"] = [*(0.99 * va), *([np.nan] * (len(fd) + 1))]
    df.loc["OUT"] = [*out, *([np.nan] * (len(fd) + 1))]
    df.index.name = "V1"
    df.to_csv(HERE / "oecd_icio_mock.csv")


def wiod2016() -> None:
    countries, s = ["MEX", "USA", "ROW"], 3
    codes = ["A01", "C29", "U"]
    desc = ["Crop and animal production", "Motor vehicles", "Activities of extraterritorial organizations"]
    rows = []
    for c in countries:
        for k in range(s):
            rows.append({"IndustryCode": codes[k], "IndustryDescription": desc[k], "Country": c,
                         "RNr": k + 1, "Year": 2014})  # fmt: skip
    df = pd.DataFrame(rows)
    for c in countries:
        for k in range(1, s + 6):
            df[f"{c}{k}"] = rng.uniform(0, 10, size=len(df)).round(2)
    df["TOT"] = df[[f"{c}{k}" for c in countries for k in range(1, s + 6)]].sum(axis=1)
    tail = pd.DataFrame(
        [{"IndustryCode": r, "IndustryDescription": r, "Country": "TOT", "RNr": 100 + i, "Year": 2014}
         for i, r in enumerate(["II_fob", "TXSP", "EXP_adj", "PURR", "PURNR", "VA", "IntTTM", "GO"])]
    )  # fmt: skip
    pd.concat([df, tail], ignore_index=True).to_csv(HERE / "wiod2016_mock.csv", index=False)


if __name__ == "__main__":
    tariffwar()
    wiod2013()
    baci()
    oecd_icio()
    wiod2016()
