"""Reader of OECD Inter-Country Input-Output (ICIO) tables in the published CSV layout.

Layout (``2022_SML.csv`` of the 2023 and 2025 editions): the first column (``V1`` or unnamed)
holds the row labels ``CCC_IND`` (country, industry, e.g. ``MEX_C29``) followed by the rows
``TLS`` (taxes less subsidies), ``VA`` and ``OUT``; the columns are the same ``CCC_IND`` labels
(intermediate use), then final-demand columns ``CCC_CAT`` (``HFCE, NPISH, GGFC, GFCF, INVNT,
DPABR``) and ``OUT``. Mexico and China appear split into ``MX1``/``MX2`` (global-manufacturing
/ maquiladora and other) and ``CN1``/``CN2`` (processing trade and other) in the intermediate
rows and columns; final demand is by ``MEX``/``CHN``.

`read_oecd_icio(path, merge_splits=True)` sums the splits back into ``MEX`` and ``CHN``;
``merge_splits=False`` keeps them (the maquiladora split matters for China content in Mexico's
exports).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from palanca.errors import DataFormatError

__all__ = ["ICIO_FINAL_CATEGORIES", "ICIO_SPLITS", "ICIOTable", "read_oecd_icio"]

ICIO_FINAL_CATEGORIES = ("HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "DPABR")
ICIO_SPLITS = {"MX1": "MEX", "MX2": "MEX", "CN1": "CHN", "CN2": "CHN"}


@dataclass(frozen=True, eq=False)
class ICIOTable:
    """An OECD ICIO table.

    Attributes
    ----------
    countries : tuple of str
        Producing economies of the intermediate block (with ``MX1``… when splits are kept).
    industries : tuple of str
    Z : ndarray, NS x NS
        Intermediate use, rows = origin (country, industry), columns = using (country, industry),
        country-major.
    final_countries : tuple of str
        Destinations of final demand (``MEX``, ``CHN`` unsplit).
    final : ndarray, NS x M x F
        Final demand by destination and category (`ICIO_FINAL_CATEGORIES` order of the file).
    final_categories : tuple of str
    output : ndarray, NS
    value_added : ndarray, NS
        ``VA`` row; ``taxes`` holds the ``TLS`` row.
    taxes : ndarray, NS
    """

    countries: tuple[str, ...]
    industries: tuple[str, ...]
    Z: np.ndarray
    final_countries: tuple[str, ...]
    final: np.ndarray
    final_categories: tuple[str, ...]
    output: np.ndarray
    value_added: np.ndarray
    taxes: np.ndarray


def _split(label: str, what: str, path: Path) -> tuple[str, str]:
    if "_" not in label:
        raise DataFormatError(
            f"{path.name}: {what} label {label!r} is not COUNTRY_CODE (e.g. 'MEX_C29'); is this an OECD ICIO CSV?"
        )
    c, s = label.split("_", 1)
    return c, s


def read_oecd_icio(path: str | Path, *, merge_splits: bool = True) -> ICIOTable:
    """Read an OECD ICIO CSV (see the module docstring).

    Raises
    ------
    DataFormatError
        Missing ``OUT``/``VA`` rows or ``OUT`` column, labels not ``CCC_IND``, duplicate labels,
        a non-rectangular country x industry grid, non-numeric or negative intermediate flows.
    """
    path = Path(path)
    if not path.exists():
        raise DataFormatError(f"{path} does not exist; pass an OECD ICIO CSV such as 2022_SML.csv.")
    with path.open(newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh), [])[1:]
    df = pd.read_csv(path, index_col=0)
    df.index = df.index.astype(str)
    for what, labels in (("row", df.index), ("column", pd.Index(header))):
        dup = labels[labels.duplicated()].tolist()
        if dup:
            raise DataFormatError(f"{path.name}: duplicate {what} labels {sorted(set(dup))}.")
    for row in ("OUT", "VA"):
        if row not in df.index:
            raise DataFormatError(f"{path.name} lacks the {row!r} row; the ICIO layout ends with TLS, VA, OUT.")
    if "OUT" not in df.columns:
        raise DataFormatError(f"{path.name} lacks the 'OUT' column (gross output).")
    inter = [r for r in df.index if r not in ("TLS", "VA", "OUT")]
    cols_inter = [c for c in df.columns if c in set(inter)]
    if cols_inter != inter:
        raise DataFormatError(
            f"{path.name}: the intermediate columns must repeat the row labels in order; "
            f"{len(inter)} rows vs {len(cols_inter)} matching columns."
        )
    pairs = [_split(r, "row", path) for r in inter]
    countries = list(dict.fromkeys(c for c, _ in pairs))
    industries = list(dict.fromkeys(s for _, s in pairs))
    if len(pairs) != len(countries) * len(industries) or pairs != [(c, s) for c in countries for s in industries]:
        raise DataFormatError(
            f"{path.name}: rows must be a full country-major grid of {len(countries)} economies x "
            f"{len(industries)} industries; got {len(pairs)} rows."
        )
    fd_cols = [c for c in df.columns if c not in set(inter) and c != "OUT"]
    fd_pairs = [_split(c, "final-demand column", path) for c in fd_cols]
    fcountries = list(dict.fromkeys(c for c, _ in fd_pairs))
    fcats = list(dict.fromkeys(k for _, k in fd_pairs))
    if fd_pairs != [(c, k) for c in fcountries for k in fcats]:
        raise DataFormatError(f"{path.name}: final-demand columns must be a full country x category grid.")
    try:
        vals = df.apply(pd.to_numeric, errors="raise").fillna(0.0)
    except ValueError as exc:
        raise DataFormatError(f"{path.name}: non-numeric cell ({exc}).") from None
    Z = vals.loc[inter, inter].to_numpy(np.float64)
    if np.any(Z < 0):
        r, c = np.argwhere(Z < 0)[0]
        raise DataFormatError(
            f"{path.name}: intermediate flow {inter[r]} -> {inter[c]} = {Z[r, c]} is negative; "
            "intermediate flows must be nonnegative."
        )
    F = vals.loc[inter, fd_cols].to_numpy(np.float64).reshape(len(inter), len(fcountries), len(fcats))
    out = vals.loc[inter, "OUT"].to_numpy(np.float64)
    va = vals.loc["VA", inter].to_numpy(np.float64)
    tls = vals.loc["TLS", inter].to_numpy(np.float64) if "TLS" in vals.index else np.zeros(len(inter))
    if merge_splits:
        merged = list(dict.fromkeys(ICIO_SPLITS.get(c, c) for c in countries))
        n, s = len(countries), len(industries)
        P = np.zeros((len(merged), n))
        for k, c in enumerate(countries):
            P[merged.index(ICIO_SPLITS.get(c, c)), k] = 1.0
        Pk = np.kron(P, np.eye(s))  # (merged*S, N*S)
        Z, F = Pk @ Z @ Pk.T, np.einsum("mr,rdf->mdf", Pk, F)
        out, va, tls = Pk @ out, Pk @ va, Pk @ tls
        countries = merged
    return ICIOTable(
        countries=tuple(countries),
        industries=tuple(industries),
        Z=Z,
        final_countries=tuple(fcountries),
        final=F,
        final_categories=tuple(fcats),
        output=out,
        value_added=va,
        taxes=tls,
    )
