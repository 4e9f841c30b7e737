"""Structural-gravity data: the long exporter x importer table and its square arrays.

The layout is the one of Yotov, Piermartini, Monteiro and Larch (2016) and of the USITC's
``gme``/``gegravity`` packages: one row per ordered pair (exporter, importer) and year, domestic
pairs included, with the flow, the exporter's output ``Y``, the importer's expenditure ``E`` and
the bilateral cost variables. `gravity_arrays` turns one year of it into square arrays in
palanca's ``[destination, origin]`` layout. The gegravity sample (30 countries, 2006) is shipped
in ``shipped/gegravity-sample/`` (see its PROVENANCE.md).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from palanca.errors import DataFormatError, UnknownCountryError

__all__ = [
    "GEGRAVITY_SAMPLE",
    "GravityData",
    "gegravity_sample_estimate",
    "gravity_arrays",
    "read_gravity_table",
]

_SHIPPED = Path(__file__).resolve().parent / "shipped" / "gegravity-sample"

#: The gegravity sample data set (USITC gegravity @358cba1, 30 countries, 2006), shipped as is.
GEGRAVITY_SAMPLE: Path = _SHIPPED / "sample_data_set.dlm"


def gegravity_sample_estimate() -> dict[str, Any]:
    """The shipped PPML estimate on the gegravity sample (``ppml_estimate.json``), as a dict.

    Written by ``scripts/build_gegravity_sample.py`` with `palanca.gravity.estimate_ppml`
    (``trade ~ lndist + contiguity + common_language + pta + international | exporter + importer``,
    heteroskedasticity-robust standard errors); a test re-estimates it and checks it is current.
    """
    return json.loads((_SHIPPED / "ppml_estimate.json").read_text())


def read_gravity_table(path: str | Path) -> pd.DataFrame:
    """Read a long gravity table (comma-, tab- or semicolon-separated text: .csv, .dlm, .tsv).

    Raises
    ------
    DataFormatError
        If the file does not exist or has fewer than two columns.
    """
    path = Path(path)
    if not path.is_file():
        raise DataFormatError(
            f"gravity data file {str(path)!r} does not exist; pass the path of a table with columns "
            "exporter, importer, year, trade, Y, E and the cost variables "
            "(e.g. palanca.data.GEGRAVITY_SAMPLE)."
        )
    try:
        table = pd.read_csv(path)
        if table.shape[1] < 2:  # not comma-separated: let the python engine sniff tab or semicolon
            table = pd.read_csv(path, sep=None, engine="python")
    except pd.errors.EmptyDataError:
        raise DataFormatError(f"{path.name} is empty; give a table with a header row and one row per flow.") from None
    except UnicodeDecodeError as exc:
        raise DataFormatError(
            f"{path.name} is not UTF-8 text (byte {exc.object[exc.start : exc.start + 1]!r} at position {exc.start}); "
            "give a comma-, tab- or semicolon-separated text table."
        ) from None
    except (pd.errors.ParserError, ValueError, csv.Error) as exc:
        raise DataFormatError(
            f"{path.name} cannot be read as a table ({str(exc).strip().splitlines()[0]}); every row needs the "
            "header's number of fields."
        ) from None
    if len(table) == 0:
        raise DataFormatError(f"{path.name} has a header but no rows; add one row per flow.")
    if table.shape[1] < 2:
        raise DataFormatError(
            f"{path.name} parsed into {table.shape[1]} column(s); use a comma-, tab- or "
            "semicolon-separated file with a header row."
        )
    return table


@dataclass(frozen=True, eq=False)
class GravityData:
    """One year of a gravity table as square arrays (``[destination, origin]``).

    Parameters
    ----------
    countries : tuple of str, length N
        Country codes, sorted.
    year : str
        The year the arrays hold.
    cost_names : tuple of str, length K
        Names of the bilateral cost variables.
    costs : ndarray(float, ndim=3), shape K x N x N
        ``costs[k, n, i]``: variable k for exports of origin i to destination n.
    trade : ndarray(float, ndim=2), shape N x N
        Observed flows ``trade[n, i]`` (destination n buys from origin i), domestic on the diagonal.
    output : ndarray(float, ndim=1), length N
        Output ``Y_i`` of each origin (the data's units).
    expenditure : ndarray(float, ndim=1), length N
        Expenditure ``E_n`` of each destination (the data's units).
    source : str
        Where the table came from (file name), for provenance.
    provenance : Mapping[str, Any]
    """

    countries: tuple[str, ...]
    year: str
    cost_names: tuple[str, ...]
    costs: np.ndarray
    trade: np.ndarray
    output: np.ndarray
    expenditure: np.ndarray
    source: str = ""
    provenance: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        n, k = len(self.countries), len(self.cost_names)
        for name, shape in (
            ("costs", (k, n, n)),
            ("trade", (n, n)),
            ("output", (n,)),
            ("expenditure", (n,)),
        ):
            arr = np.array(getattr(self, name), dtype=np.float64, copy=True)
            if arr.shape != shape:
                raise DataFormatError(
                    f"GravityData.{name} has shape {arr.shape} but N={n} countries and K={k} cost "
                    f"variables need {shape} (layout [variable, destination, origin])."
                )
            if not np.all(np.isfinite(arr)):
                raise DataFormatError(f"GravityData.{name} has missing or non-finite values; fill them.")
            arr.setflags(write=False)
            object.__setattr__(self, name, arr)
        for name in ("output", "expenditure"):
            arr = getattr(self, name)
            if np.any(arr <= 0):
                c = self.countries[int(np.argmax(arr <= 0))]
                raise DataFormatError(
                    f"{name} of {c} is {arr[self.countries.index(c)]:.6g}; output Y and expenditure E "
                    "must be positive for every country."
                )
        object.__setattr__(self, "countries", tuple(self.countries))
        object.__setattr__(self, "cost_names", tuple(self.cost_names))
        object.__setattr__(self, "provenance", MappingProxyType(dict(self.provenance)))

    @property
    def n_countries(self) -> int:
        return len(self.countries)

    def country_index(self, code: str) -> int:
        """Position of a country code; raises `UnknownCountryError` listing the known codes."""
        try:
            return self.countries.index(code.upper())
        except ValueError:
            raise UnknownCountryError(
                f"country {code!r} is not in the gravity data ({self.source or 'table'}); known "
                f"codes: {', '.join(self.countries)}"
            ) from None

    def cost(self, name: str) -> np.ndarray:
        """The N x N array of cost variable ``name`` (``[destination, origin]``)."""
        if name not in self.cost_names:
            raise DataFormatError(
                f"cost variable {name!r} is not in the gravity data; available: {', '.join(self.cost_names)}"
            )
        return self.costs[self.cost_names.index(name)]


def gravity_arrays(
    table: pd.DataFrame,
    cost_names: Sequence[str],
    *,
    year: str | int | None = None,
    exporter: str = "exporter",
    importer: str = "importer",
    year_col: str = "year",
    trade: str = "trade",
    output: str = "Y",
    expenditure: str = "E",
    source: str = "",
) -> GravityData:
    """Square arrays of one year of a long gravity table.

    Every ordered pair of the countries that appear (domestic pairs included) must be present
    exactly once; ``Y`` must be constant within an exporter and ``E`` within an importer.

    Raises
    ------
    DataFormatError
        Naming the missing column, the ambiguous year, the missing or duplicated pair, or the
        country whose output or expenditure is inconsistent.
    """
    cost_names = tuple(cost_names)
    needed = [exporter, importer, trade, output, expenditure, *cost_names]
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise DataFormatError(
            f"gravity data lacks column(s) {missing}; it has {list(table.columns)}. The table needs "
            f"{exporter}, {importer}, {year_col}, {trade}, {output}, {expenditure} and every cost variable."
        )
    df = table
    if year_col in df.columns:
        years = sorted({str(y) for y in df[year_col].unique()})
        if year is None:
            if len(years) > 1:
                raise DataFormatError(f"gravity data hold years {years}; choose one with year=... (CLI: --year).")
            year = years[0]
        elif str(year) not in years:
            raise DataFormatError(f"year {year} is not in the gravity data; available years: {years}")
        df = df[df[year_col].astype(str) == str(year)]
    year = str(year) if year is not None else ""
    countries = tuple(sorted(set(df[exporter].astype(str)) | set(df[importer].astype(str))))
    n = len(countries)
    index = {c: k for k, c in enumerate(countries)}
    o = df[exporter].astype(str).map(index).to_numpy()
    d = df[importer].astype(str).map(index).to_numpy()
    count = np.zeros((n, n), dtype=np.int64)
    np.add.at(count, (d, o), 1)
    if np.any(count != 1):
        dd, oo = np.argwhere(count != 1)[0]
        what = "missing" if count[dd, oo] == 0 else f"present {count[dd, oo]} times"
        raise DataFormatError(
            f"pair (exporter {countries[oo]}, importer {countries[dd]}) is {what}; structural gravity "
            f"needs every ordered pair of the {n} countries exactly once, domestic pairs included."
        )

    def square(col: str) -> np.ndarray:
        values = pd.to_numeric(df[col], errors="coerce").to_numpy(dtype=np.float64)
        if not np.all(np.isfinite(values)):
            row = int(np.argmax(~np.isfinite(values)))
            raise DataFormatError(
                f"column {col!r} is missing or not a number for exporter {df[exporter].iloc[row]}, "
                f"importer {df[importer].iloc[row]}; fill it or drop the country."
            )
        out = np.empty((n, n))
        out[d, o] = values
        return out

    def per_country(col: str, role: str) -> np.ndarray:
        # Y is one value per exporter (a column of [destination, origin]), E one per importer (a row)
        values = square(col) if role == "exporter" else square(col).T
        spread = values.max(axis=0) - values.min(axis=0)
        if np.any(spread > 1e-9 * np.abs(values).max(axis=0)):
            c = countries[int(np.argmax(spread))]
            raise DataFormatError(
                f"{col} of {role} {c} differs across its rows; {col} must be one value per {role} and year."
            )
        return values[0].copy()

    return GravityData(
        countries=countries,
        year=year,
        cost_names=cost_names,
        costs=np.stack([square(c) for c in cost_names]) if cost_names else np.zeros((0, n, n)),
        trade=square(trade),
        output=per_country(output, "exporter"),
        expenditure=per_country(expenditure, "importer"),
        source=source,
        provenance={"source": source, "year": year, "columns": needed},
    )
