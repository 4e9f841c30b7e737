"""Loaders of the shipped ICIO/WIOD worlds and elasticity switching."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import numpy as np

from palanca.data._shipped import read_world
from palanca.errors import DataFormatError
from palanca.model import World

__all__ = ["SHIPPED", "elasticity_sets", "register_shipped_worlds", "with_elasticities"]

SHIPPED = Path(__file__).parent / "shipped"

_DESCRIPTIONS = {
    "world2023": "the world economy of 2023 (default): ICIO 2022 structure nowcast to BACI 2023 goods "
    "trade, 81 economies x 28 sectors, Teti tariffs, WIOD IO coefficients",
    "icio2022": "OECD ICIO 2025 ed. via tariffwar, 2022: 81 economies x 28 sectors, Teti tariffs, "
    "WIOD 2011 IO coefficients",
    "wiod2011": "WIOD 2013 release world input-output table, 2011: 41 regions x 35 industries, no tariffs",
}


def register_shipped_worlds(register: Callable[[str, Callable[[], World], str], None]) -> None:
    """Register every shipped world folder found under ``shipped/`` (called by the registry)."""
    for name, desc in _DESCRIPTIONS.items():
        if (SHIPPED / name / "flows.parquet").exists():
            register(name, lambda name=name: read_world(SHIPPED / name), desc)


def elasticity_sets(world: World) -> dict[str, np.ndarray]:
    """The elasticity sets stored with a shipped world (code -> theta by sector)."""
    sets = world.provenance.get("elasticity_sets") or {}
    return {k: np.asarray(v, dtype=np.float64) for k, v in sets.items()}


def with_elasticities(world: World, code: str) -> World:
    """The same world with another trade-elasticity set (e.g. ``"FGO"``, ``"U4"``, ``"IS"``).

    Raises
    ------
    DataFormatError
        If the world carries no set named ``code``; the message lists those it carries.
    """
    sets = elasticity_sets(world)
    if code not in sets:
        raise DataFormatError(
            f"world {world.name!r} has no elasticity set {code!r}; choose one of {', '.join(sets) or 'none'}"
        )
    return dataclasses.replace(world, theta=sets[code], provenance={**world.provenance, "elasticities": code})
