"""Tile-grid layouts of the Mexican and US states (``shipped/maps/state_tiles.csv``; see ``STATE_TILES.md``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from palanca.errors import DataFormatError

__all__ = ["StateTile", "load_state_tiles"]

_FILE = Path(__file__).parent / "shipped" / "maps" / "state_tiles.csv"


@dataclass(frozen=True)
class StateTile:
    """One state's square on the grid: ``row`` 0 at the top, ``col`` 0 at the left."""

    country: str
    code: str
    name: str
    row: int
    col: int


def load_state_tiles(country: str) -> tuple[StateTile, ...]:
    """The tiles of ``country`` (``"MEX"`` or ``"USA"``); raises `DataFormatError` naming the known countries."""
    with _FILE.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    tiles = tuple(
        StateTile(r["country"], r["code"], r["name"], int(r["row"]), int(r["col"]))
        for r in rows
        if r["country"] == country
    )
    if not tiles:
        known = sorted({r["country"] for r in rows})
        raise DataFormatError(f"no state tiles for country {country!r} in {_FILE.name}; known: {', '.join(known)}.")
    return tiles
