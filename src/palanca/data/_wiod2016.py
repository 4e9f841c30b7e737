"""Reader of the WIOD 2016 release (WIOT 2000–2014, 43 countries + ROW x 56 industries).

Layout of ``WIOT2014_October16_ROW.RData`` (R data.frame ``wiot``) and of the same table saved
as CSV or as an Excel sheet with one header row: columns ``IndustryCode, IndustryDescription,
Country, RNr, Year``, then one column per using country-industry ``AUS1 … ROW56``, then final
demand ``AUS57 … ROW61`` (57 CONS_h, 58 CONS_np, 59 CONS_g, 60 GFCF, 61 INVEN) and ``TOT``.
Rows: country-industries (``RNr`` 1..56 within each country), then the rows ``II_fob, TXSP,
EXP_adj, PURR, PURNR, VA, IntTTM, GO`` (``Country`` = ``TOT``).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from palanca.data._wiod2013 import FINAL_CATEGORIES, WIOT
from palanca.errors import DataFormatError

__all__ = ["read_wiod2016"]

_ID = ("IndustryCode", "IndustryDescription", "Country", "RNr", "Year")


def _frame(path: Path) -> pd.DataFrame:
    suffix = path.suffix.lower()
    if suffix in (".rdata", ".rda"):
        import rdata

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            objs = rdata.conversion.convert(rdata.parser.parse_file(path))
        frames = [v for v in objs.values() if isinstance(v, pd.DataFrame)]
        if not frames:
            raise DataFormatError(f"{path.name} holds no data.frame (expected 'wiot').")
        return frames[0]
    if suffix in (".xlsx", ".xlsm"):
        return pd.read_excel(path)
    return pd.read_csv(path)


def read_wiod2016(path: str | Path) -> WIOT:
    """Read one year of the WIOD 2016 release (R data, CSV or Excel with the RData columns)."""
    path = Path(path)
    if not path.exists():
        raise DataFormatError(f"{path} does not exist; pass a WIOD 2016 WIOTyyyy file.")
    df = _frame(path)
    missing = [c for c in (*_ID, "TOT") if c not in df.columns]
    if missing:
        raise DataFormatError(
            f"{path.name} lacks the columns {missing}; the WIOD 2016 layout starts with {list(_ID)} and ends with TOT."
        )
    body = df[df["Country"].astype(str) != "TOT"]
    countries = list(dict.fromkeys(body["Country"].astype(str)))
    rnr = body["RNr"].astype(int).to_numpy()
    s = int(rnr.max())
    if len(body) != len(countries) * s:
        raise DataFormatError(
            f"{path.name}: {len(body)} country-industry rows but {len(countries)} countries x {s} industries."
        )
    dup = body.duplicated(["Country", "RNr"])
    if dup.any():
        raise DataFormatError(
            f"{path.name}: duplicate (Country, RNr) rows, e.g. "
            f"{body[dup].iloc[0][['Country', 'RNr']].tolist()}; each country-industry must appear once."
        )
    inter_cols = [f"{c}{k}" for c in countries for k in range(1, s + 1)]
    final_cols = [f"{c}{k}" for c in countries for k in range(s + 1, s + 1 + len(FINAL_CATEGORIES))]
    absent = [c for c in inter_cols + final_cols if c not in df.columns]
    if absent:
        raise DataFormatError(f"{path.name} lacks the columns {absent[:5]}… of the country x industry grid.")
    Z = body[inter_cols].to_numpy(np.float64)
    if np.any(Z < 0):
        r, c = np.argwhere(Z < 0)[0]
        raise DataFormatError(
            f"{path.name}: intermediate flow row {r}, column {inter_cols[c]} = {Z[r, c]} is negative."
        )
    F = body[final_cols].to_numpy(np.float64).reshape(len(body), len(countries), len(FINAL_CATEGORIES))
    codes = tuple(str(v) for v in body["IndustryCode"].iloc[:s])
    return WIOT(
        year=int(body["Year"].iloc[0]),
        countries=tuple(countries),
        industries=codes,
        industry_labels=tuple(str(v) for v in body["IndustryDescription"].iloc[:s]),
        Z=Z,
        final=F,
        output=body["TOT"].to_numpy(np.float64),
        provenance={"source_file": path.name, "release": "WIOD 2016"},
    )
