"""WIOD 2013 release (world input-output tables 1995–2011, 41 regions x 35 industries).

Reader of the R data files of the ``wiod`` R package (``wiot_YYYY.RData``, an R list with
``inter`` (1435 x 1435: origin country-industry x using country-industry), ``final`` (1435 x 205:
41 destination countries x 5 final-demand categories, country-major), ``output`` (1435),
``countries`` (41), ``industries`` (35), ``year``), the `WIOT` value type, the shipped ``wiod2011``
table (`load_wiot`) and the ``wiod2011`` `World`.

References
----------
.. [1] M. P. Timmer, E. Dietzenbacher, B. Los, R. Stehrer and G. J. de Vries, "An Illustrated User
   Guide to the World Input-Output Database: the Case of Global Automotive Production", Review of
   International Economics 23: 575–605, 2015.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from palanca.errors import DataFormatError

__all__ = [
    "FINAL_CATEGORIES",
    "WIOD_INDUSTRIES",
    "WIOT",
    "read_wiod2013",
]

#: WIOD 2013 industries (c1..c35): code, NACE rev.1 / ISIC rev.3 range, label.
WIOD_INDUSTRIES: tuple[tuple[str, str, str], ...] = (
    ("c1", "AtB", "Agriculture, hunting, forestry and fishing"),
    ("c2", "C", "Mining and quarrying"),
    ("c3", "15t16", "Food, beverages and tobacco"),
    ("c4", "17t18", "Textiles and textile products"),
    ("c5", "19", "Leather, leather products and footwear"),
    ("c6", "20", "Wood and products of wood and cork"),
    ("c7", "21t22", "Pulp, paper, printing and publishing"),
    ("c8", "23", "Coke, refined petroleum and nuclear fuel"),
    ("c9", "24", "Chemicals and chemical products"),
    ("c10", "25", "Rubber and plastics"),
    ("c11", "26", "Other non-metallic minerals"),
    ("c12", "27t28", "Basic metals and fabricated metal"),
    ("c13", "29", "Machinery n.e.c."),
    ("c14", "30t33", "Electrical and optical equipment"),
    ("c15", "34t35", "Transport equipment"),
    ("c16", "36t37", "Manufacturing n.e.c.; recycling"),
    ("c17", "E", "Electricity, gas and water supply"),
    ("c18", "F", "Construction"),
    ("c19", "50", "Sale, maintenance and repair of motor vehicles; retail sale of fuel"),
    ("c20", "51", "Wholesale trade, except motor vehicles"),
    ("c21", "52", "Retail trade, except motor vehicles; repair of household goods"),
    ("c22", "H", "Hotels and restaurants"),
    ("c23", "60", "Inland transport"),
    ("c24", "61", "Water transport"),
    ("c25", "62", "Air transport"),
    ("c26", "63", "Other supporting and auxiliary transport; travel agencies"),
    ("c27", "64", "Post and telecommunications"),
    ("c28", "J", "Financial intermediation"),
    ("c29", "70", "Real estate activities"),
    ("c30", "71t74", "Renting of machinery and equipment; other business activities"),
    ("c31", "L", "Public administration and defence; social security"),
    ("c32", "M", "Education"),
    ("c33", "N", "Health and social work"),
    ("c34", "O", "Other community, social and personal services"),
    ("c35", "P", "Private households with employed persons"),
)
#: WIOD final-demand categories, in the order of the columns of each destination block.
FINAL_CATEGORIES = ("CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN")
#: WIOD region codes that are not ISO 3166 alpha-3 codes.
_ISO_FIX = {"ROM": "ROU", "RoW": "ROW"}


@dataclass(frozen=True, eq=False)
class WIOT:
    """A world input-output table: N regions x S industries, USD millions, current prices.

    Attributes
    ----------
    year : int
    countries : tuple of str, length N
        ISO3 codes (WIOD's ``ROM`` is ``ROU``; ``RoW`` is ``ROW``).
    industries : tuple of str, length S
        Industry codes (``c1``..``c35``).
    industry_labels : tuple of str, length S
    Z : ndarray(float, ndim=2), shape NS x NS
        Intermediate use: row = origin (country, industry), column = using (country, industry),
        country-major (row ``i * S + r``).
    final : ndarray(float, ndim=3), shape NS x N x F
        Final demand of each destination country by category (`FINAL_CATEGORIES`).
    output : ndarray(float, ndim=1), length NS
        Gross output as published (the row sums of ``Z`` and ``final`` match it up to rounding).
    provenance : dict
    """

    year: int
    countries: tuple[str, ...]
    industries: tuple[str, ...]
    industry_labels: tuple[str, ...]
    Z: np.ndarray
    final: np.ndarray
    output: np.ndarray
    provenance: dict

    def __post_init__(self) -> None:
        n, s = len(self.countries), len(self.industries)
        for what, labels in (("country", self.countries), ("industry", self.industries)):
            if len(set(labels)) != len(labels):
                dup = sorted({v for v in labels if labels.count(v) > 1})
                raise DataFormatError(f"WIOT: duplicate {what} labels {dup}; each must appear once.")
        shapes = {"Z": (n * s, n * s), "final": (n * s, n, len(FINAL_CATEGORIES)), "output": (n * s,)}
        for name, shape in shapes.items():
            arr = np.asarray(getattr(self, name), dtype=np.float64)
            if arr.shape != shape:
                raise DataFormatError(
                    f"WIOT.{name} has shape {arr.shape}; with {n} countries and {s} industries it must be {shape}."
                )
            arr.setflags(write=False)
            object.__setattr__(self, name, arr)
        if np.any(self.Z < 0):
            idx = np.argwhere(self.Z < 0)[0]
            raise DataFormatError(
                f"WIOT.Z{tuple(int(v) for v in idx)} = {self.Z[tuple(idx)]} is negative; "
                "intermediate flows must be nonnegative."
            )

    @property
    def labels(self) -> list[tuple[str, str]]:
        """(country, industry) of each row/column of ``Z``, length NS."""
        return [(c, s) for c in self.countries for s in self.industries]

    @property
    def final_by_destination(self) -> np.ndarray:
        """Final demand summed over categories, NS x N (origin country-industry x destination)."""
        return self.final.sum(axis=2)

    @property
    def value_added(self) -> np.ndarray:
        """Value added ``output - column sums of Z`` (incl. net taxes and margins), length NS."""
        return self.output - self.Z.sum(axis=0)

    @property
    def A(self) -> np.ndarray:
        """Technical coefficients ``Z / output`` (columns with zero output are zero), NS x NS."""
        x = self.output
        return np.divide(self.Z, x[None, :], out=np.zeros_like(self.Z), where=x[None, :] > 0)

    def index(self, country: str, industry: str) -> int:
        """Row of ``(country, industry)`` in ``Z``."""
        try:
            return self.countries.index(country) * len(self.industries) + self.industries.index(industry)
        except ValueError:
            raise DataFormatError(
                f"({country!r}, {industry!r}) is not in the table; countries: {', '.join(self.countries)}; "
                f"industries: {', '.join(self.industries)}"
            ) from None


def read_wiod2013(path: str | Path) -> WIOT:
    """Read a ``wiot_YYYY.RData`` file of the WIOD 2013 release (needs the ``rdata`` package).

    Raises
    ------
    DataFormatError
        If the file is missing or not an R list with ``inter``, ``final``, ``output``,
        ``countries``, ``industries`` in the published shapes.
    """
    path = Path(path)
    if not path.exists():
        raise DataFormatError(f"{path} does not exist; pass a wiot_YYYY.RData file of the WIOD 2013 release.")
    try:
        import rdata
    except ImportError:  # pragma: no cover - optional dependency
        raise DataFormatError(
            "reading WIOD R data files needs the optional 'rdata' package: pip install 'palanca[build]'"
        ) from None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            objs = rdata.conversion.convert(rdata.parser.parse_file(path))
        except Exception as exc:
            raise DataFormatError(f"{path.name}: not a readable R data file ({exc}).") from None
    if len(objs) != 1:
        raise DataFormatError(f"{path.name}: expected one R object (wiot_YYYY), found {list(objs)}.")
    obj = next(iter(objs.values()))
    required = ("inter", "final", "output", "countries", "industries")
    if not isinstance(obj, dict) or any(k not in obj for k in required):
        have = list(obj) if isinstance(obj, dict) else type(obj).__name__
        raise DataFormatError(f"{path.name}: the R list must hold {required}; found {have}.")
    countries = tuple(_ISO_FIX.get(str(c), str(c)) for c in np.asarray(obj["countries"]))
    industries = tuple(str(s) for s in np.asarray(obj["industries"]))
    n, s = len(countries), len(industries)
    Z = np.asarray(obj["inter"], dtype=np.float64)
    F = np.asarray(obj["final"], dtype=np.float64)
    if F.shape != (n * s, n * len(FINAL_CATEGORIES)):
        raise DataFormatError(
            f"{path.name}: final has shape {F.shape}; with {n} countries it must be "
            f"{(n * s, n * len(FINAL_CATEGORIES))} (5 categories per destination)."
        )
    labels = {code: label for code, _, label in WIOD_INDUSTRIES}
    year = int(np.asarray(obj.get("year", [0])).ravel()[0])
    return WIOT(
        year=year,
        countries=countries,
        industries=industries,
        industry_labels=tuple(labels.get(c, c) for c in industries),
        Z=Z,
        final=F.reshape(n * s, n, len(FINAL_CATEGORIES)),
        output=np.asarray(obj["output"], dtype=np.float64).ravel(),
        provenance={"source_file": path.name},
    )
