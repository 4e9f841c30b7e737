"""Readers of CEPII BACI bilateral goods trade.

Two layouts:

* the official BACI CSV (``BACI_HS22_Y2023_V202501.csv``): columns ``t, i, j, k, v, q`` (year,
  exporter and importer numeric codes, HS6 product, value in thousands of USD, quantity in
  tonnes), with the country file ``country_codes_V202501.csv`` (``country_code,
  country_iso3``…) — `read_baci`;
* the 194 x 194 aggregate matrix of the Liberation-Day replication package
  (``trade_cepii.csv``, header ``export_ij1..``, row = exporter, column = importer, thousands of
  USD, blanks = 0, with ``country_labels.csv``: ``iso3, iso_code, CountryName``) —
  `read_baci_matrix`.

Both return `BaciTotals`: exporter x importer goods totals in USD millions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from palanca.errors import DataFormatError

__all__ = ["BaciTotals", "read_baci", "read_baci_matrix"]


@dataclass(frozen=True, eq=False)
class BaciTotals:
    """Aggregate bilateral goods trade.

    Attributes
    ----------
    countries : tuple of str, length N
        ISO3 codes.
    exports_usd_m : ndarray, N x N
        ``[exporter, importer]``, USD millions (FOB, CEPII-reconciled mirror flows); zero diagonal.
    year : int
    """

    countries: tuple[str, ...]
    exports_usd_m: np.ndarray
    year: int

    def __post_init__(self) -> None:
        n = len(self.countries)
        if len(set(self.countries)) != n:
            dup = sorted({c for c in self.countries if self.countries.count(c) > 1})
            raise DataFormatError(f"BACI: duplicate country codes {dup}; each must appear once.")
        if self.exports_usd_m.shape != (n, n):
            raise DataFormatError(
                f"BACI: the trade matrix has shape {self.exports_usd_m.shape} but there are {n} countries."
            )
        if np.any(self.exports_usd_m < 0):
            i, j = np.argwhere(self.exports_usd_m < 0)[0]
            raise DataFormatError(
                f"BACI: trade {self.countries[i]}->{self.countries[j]} = {self.exports_usd_m[i, j]} is "
                "negative; trade values must be nonnegative."
            )

    def value(self, exporter: str, importer: str) -> float:
        return float(self.exports_usd_m[self.countries.index(exporter), self.countries.index(importer)])


def _need(df: pd.DataFrame, cols: tuple[str, ...], path: Path) -> None:
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise DataFormatError(
            f"{path.name} lacks the columns {missing}; found {list(df.columns)[:12]}. The layout needs {list(cols)}."
        )


def read_baci_matrix(trade_csv: str | Path, labels_csv: str | Path, *, year: int = 2023) -> BaciTotals:
    """Read the aggregate BACI matrix of the Liberation-Day replication data (thousands of USD)."""
    trade_csv, labels_csv = Path(trade_csv), Path(labels_csv)
    for p in (trade_csv, labels_csv):
        if not p.exists():
            raise DataFormatError(f"{p} does not exist.")
    labels = pd.read_csv(labels_csv, dtype={"iso3": str})
    _need(labels, ("iso3", "iso_code"), labels_csv)
    labels = labels.sort_values("iso_code")
    codes = tuple(labels["iso3"].astype(str))
    m = pd.read_csv(trade_csv)
    if m.shape != (len(codes), len(codes)):
        raise DataFormatError(
            f"{trade_csv.name} has shape {m.shape}; with {len(codes)} countries in {labels_csv.name} it "
            f"must be {(len(codes), len(codes))} (row = exporter, column = importer)."
        )
    arr = m.to_numpy(dtype=np.float64, na_value=0.0)
    arr = np.nan_to_num(arr, nan=0.0) / 1e3
    np.fill_diagonal(arr, 0.0)
    return BaciTotals(countries=codes, exports_usd_m=arr, year=year)


def read_baci(trade_csv: str | Path, country_csv: str | Path) -> BaciTotals:
    """Read an official BACI product-level CSV and sum it to exporter x importer totals."""
    trade_csv, country_csv = Path(trade_csv), Path(country_csv)
    for p in (trade_csv, country_csv):
        if not p.exists():
            raise DataFormatError(f"{p} does not exist.")
    df = pd.read_csv(trade_csv, dtype={"k": str}, skipinitialspace=True)
    df.columns = [c.strip() for c in df.columns]
    _need(df, ("t", "i", "j", "k", "v"), trade_csv)
    cc = pd.read_csv(country_csv, dtype={"country_iso3": str})
    _need(cc, ("country_code", "country_iso3"), country_csv)
    if cc["country_code"].duplicated().any():
        dup = sorted(cc.loc[cc["country_code"].duplicated(), "country_code"].tolist())
        raise DataFormatError(f"{country_csv.name}: duplicate country_code {dup}.")
    v = pd.to_numeric(df["v"], errors="coerce")
    if v.isna().any() or (v < 0).any():
        row = int(np.argmax(v.isna().to_numpy() | (v < 0).to_numpy()))
        raise DataFormatError(
            f"{trade_csv.name} row {row + 2}: v = {df['v'].iloc[row]!r}; values must be nonnegative numbers "
            "(thousands of USD)."
        )
    years = sorted(df["t"].unique())
    if len(years) != 1:
        raise DataFormatError(f"{trade_csv.name} holds years {years}; read one year per call.")
    iso = dict(zip(cc["country_code"], cc["country_iso3"].astype(str), strict=True))
    unknown = sorted(set(df["i"]).union(df["j"]) - set(iso))
    if unknown:
        raise DataFormatError(f"{trade_csv.name}: country codes {unknown} are not in {country_csv.name}.")
    codes = tuple(sorted({iso[c] for c in set(df["i"]).union(df["j"])}))
    pos = {c: k for k, c in enumerate(codes)}
    arr = np.zeros((len(codes), len(codes)))
    g = df.assign(v=v).groupby(["i", "j"])["v"].sum()
    for (i, j), val in g.items():
        arr[pos[iso[i]], pos[iso[j]]] += val / 1e3
    np.fill_diagonal(arr, 0.0)
    return BaciTotals(countries=codes, exports_usd_m=arr, year=int(years[0]))
