"""Reader of the ``tariffwar`` npz files: bilateral flows by sector incl. domestic sales, applied
tariffs (Teti 2024) and eight sets of sectoral trade elasticities.

Layout (``shared/data/tariffwar-wiod16-icio25/PROVENANCE.md``): ``years`` (T), ``countries`` (N),
``sectors`` (J), ``trade[year, exporter, importer, sector]`` (USD millions, diagonal = domestic
sales), ``tariff[year, exporter, importer, sector]`` (fraction imposed by the importer),
``elasticity_codes`` (K), ``elasticity_sources`` (K), ``epsilon[source, sector]``.
The reader returns arrays in palanca's ``[destination, origin, sector]`` layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from palanca.errors import DataFormatError

__all__ = ["ELASTICITY_SETS", "TariffWarYear", "read_tariffwar"]

REQUIRED = ("years", "countries", "sectors", "trade", "tariff", "elasticity_codes", "epsilon")

#: The elasticity sets of the tariffwar package (code -> citation).
ELASTICITY_SETS: dict[str, str] = {
    "CP": "Caliendo & Parro (2015), ReStud 82(1)",
    "BSY": "Bagwell, Staiger & Yurukoglu (2021), Econometrica 89(4)",
    "FGO": "Fontagné, Guimbard & Orefice (2022), JIE 137:103593",
    "GYY": "Giri, Yi & Yilmazkuday (2021), JIE 129:103429",
    "IS": "in-sample estimate of the tariffwar package (Lashkaripour 2021, JIE 131:103489)",
    "LL": "Lashkaripour & Lugovskyy (2023), AER 113(10)",
    "Shap": "Shapiro (2016), AEJ:Policy 8(4)",
    "U4": "uniform elasticity of 4",
}


@dataclass(frozen=True)
class TariffWarYear:
    """One year of a tariffwar file, in palanca's layout and units.

    Attributes
    ----------
    year : int
    countries : tuple of str, length N
    sectors : tuple of str, length J
    trade_usd_m : ndarray, N x N x J
        ``[destination, origin, sector]``, USD millions, diagonal = domestic sales.
    tariff : ndarray, N x N x J
        ``[destination, origin, sector]``, fraction imposed by the destination.
    elasticity_codes : tuple of str, length K
    epsilon : ndarray, K x J
        Trade elasticities by set and sector (positive).
    """

    year: int
    countries: tuple[str, ...]
    sectors: tuple[str, ...]
    trade_usd_m: np.ndarray
    tariff: np.ndarray
    elasticity_codes: tuple[str, ...]
    epsilon: np.ndarray

    def elasticities(self, code: str) -> np.ndarray:
        """The elasticity set ``code`` (e.g. ``"CP"``), length J; raises on an unknown code."""
        if code not in self.elasticity_codes:
            raise DataFormatError(
                f"elasticity set {code!r} is not in the file; choose one of {', '.join(self.elasticity_codes)}"
            )
        return self.epsilon[self.elasticity_codes.index(code)]


def _unique(labels: np.ndarray, what: str, path: Path) -> tuple[str, ...]:
    out = tuple(str(v) for v in labels)
    if len(set(out)) != len(out):
        dup = sorted({v for v in out if out.count(v) > 1})
        raise DataFormatError(f"{path.name}: duplicate {what} labels {dup}; each label must appear once.")
    return out


def read_tariffwar(path: str | Path, year: int) -> TariffWarYear:
    """Read one year of a tariffwar npz file (``icio2025ext_…npz`` or ``wiod2016_…npz``).

    Raises
    ------
    DataFormatError
        If the file is missing, lacks an array, has inconsistent shapes, duplicate labels,
        negative or non-finite flows, tariffs ≤ −1, non-positive elasticities, or not ``year``.
    """
    path = Path(path)
    if not path.exists():
        raise DataFormatError(f"{path} does not exist; pass the path of a tariffwar .npz file.")
    with np.load(path, allow_pickle=False) as z:
        missing = [k for k in REQUIRED if k not in z.files]
        if missing:
            raise DataFormatError(
                f"{path.name} lacks the arrays {missing}; a tariffwar file holds {', '.join(REQUIRED)}."
            )
        data = {k: z[k] for k in REQUIRED}
    years = [int(y) for y in data["years"]]
    countries = _unique(data["countries"], "country", path)
    sectors = _unique(data["sectors"], "sector", path)
    codes = _unique(data["elasticity_codes"], "elasticity-set", path)
    n, j = len(countries), len(sectors)
    for name in ("trade", "tariff"):
        if data[name].shape != (len(years), n, n, j):
            raise DataFormatError(
                f"{path.name}: {name} has shape {data[name].shape} but years x exporters x importers x "
                f"sectors is {(len(years), n, n, j)}; the file is not in the tariffwar layout."
            )
    if data["epsilon"].shape != (len(codes), j):
        raise DataFormatError(
            f"{path.name}: epsilon has shape {data['epsilon'].shape}, expected {(len(codes), j)} "
            "(elasticity sets x sectors)."
        )
    if year not in years:
        raise DataFormatError(f"{path.name} has no year {year}; it covers {years[0]}–{years[-1]}.")
    k = years.index(year)
    trade = np.asarray(data["trade"][k], dtype=np.float64).transpose(1, 0, 2)
    tariff = np.asarray(data["tariff"][k], dtype=np.float64).transpose(1, 0, 2)
    if not np.all(np.isfinite(trade)) or np.any(trade < 0):
        bad = np.argwhere(~(trade >= 0))[0]
        raise DataFormatError(
            f"{path.name}: trade[{year}] at (destination {countries[bad[0]]}, origin "
            f"{countries[bad[1]]}, sector {sectors[bad[2]]}) = {trade[tuple(bad)]}; flows must be "
            "finite and nonnegative."
        )
    if not np.all(np.isfinite(tariff)) or np.any(tariff <= -1):
        raise DataFormatError(f"{path.name}: tariffs must be finite fractions above −1.")
    eps = np.asarray(data["epsilon"], dtype=np.float64)
    if np.any(~(eps > 0)):
        raise DataFormatError(f"{path.name}: trade elasticities must be positive; got min {eps.min()}.")
    return TariffWarYear(
        year=year,
        countries=countries,
        sectors=sectors,
        trade_usd_m=trade,
        tariff=tariff,
        elasticity_codes=codes,
        epsilon=eps,
    )
