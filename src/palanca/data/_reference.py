"""Small reference tables shipped with palanca: USMCA compliance shares and populations."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from palanca.errors import DataFormatError

__all__ = ["load_population_m", "load_usmca_compliance"]

_SHIPPED = Path(__file__).parent / "shipped"


def _read(path: Path, columns: set[str]) -> pd.DataFrame:
    if not path.exists():
        raise DataFormatError(f"{path} is missing from the installed package; reinstall palanca.")
    df = pd.read_csv(path)
    missing = columns - set(df.columns)
    if missing:
        raise DataFormatError(f"{path.name}: missing column(s) {sorted(missing)}; expected {sorted(columns)}.")
    return df


@cache
def load_usmca_compliance() -> dict[tuple[str, str], float]:
    """USMCA utilisation share by (exporter ISO3, ICIO sector): the compliant share of US imports."""
    df = _read(_SHIPPED / "usmca" / "compliance_shares.csv", {"exporter", "sector", "usmca_share"})
    if ((df.usmca_share < 0) | (df.usmca_share > 1)).any():
        raise DataFormatError("compliance_shares.csv: usmca_share must lie in [0, 1].")
    return {(r.exporter, r.sector): float(r.usmca_share) for r in df.itertuples()}


@cache
def load_population_m() -> dict[str, float]:
    """Population in millions (2023, World Bank WDI) for the economies that have one shipped."""
    df = _read(_SHIPPED / "population" / "population_2023.csv", {"iso3", "population_m"})
    return dict(zip(df.iso3, df.population_m.astype(float), strict=True))
