"""Reader of the shipped Liberation Day inputs (Ignatenko, Lashkaripour, Macedoni & Simonovska 2025)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from palanca.errors import DataFormatError
from palanca.model import IlmsParams, IlmsWorld

__all__ = ["LIBERATION_DAY", "LiberationDayData", "load_liberation_day"]

LIBERATION_DAY = Path(__file__).parent / "shipped" / "liberation-day"


@dataclass(frozen=True, eq=False)
class LiberationDayData:
    """The paper's baseline world and the USTR tariff on each exporter (fractions, before the 10% floor)."""

    world: IlmsWorld
    ustr_tariff: np.ndarray
    names: tuple[str, ...]


def load_liberation_day(folder: str | Path = LIBERATION_DAY, params: IlmsParams | None = None) -> LiberationDayData:
    """Read ``trade.parquet`` and ``countries.csv`` (see the folder's PROVENANCE.md) into an `IlmsWorld`."""
    folder = Path(folder)
    try:
        countries = pd.read_csv(folder / "countries.csv")
        trade = pd.read_parquet(folder / "trade.parquet")
    except FileNotFoundError as exc:
        raise DataFormatError(f"{exc.filename} is missing; rebuild it with scripts/build_liberation_day.py.") from None
    codes = tuple(countries["iso3"].astype(str))
    pos = {c: k for k, c in enumerate(codes)}
    unknown = set(trade["exporter"]).union(trade["importer"]) - set(pos)
    if unknown:
        raise DataFormatError(f"trade.parquet names economies not in countries.csv: {sorted(unknown)[:5]}")
    X = np.zeros((len(codes), len(codes)))
    X[trade["exporter"].map(pos).to_numpy(), trade["importer"].map(pos).to_numpy()] = trade["trade_usd_k"].to_numpy()
    gdp_k = countries["gdp_usd"].to_numpy(dtype=float) / 1000.0  # same unit as trade: thousands of USD
    world = IlmsWorld(codes, X, gdp_k, home="USA", params=params or IlmsParams())
    return LiberationDayData(
        world, countries["ustr_tariff"].to_numpy(dtype=float), tuple(countries["name"].astype(str))
    )
