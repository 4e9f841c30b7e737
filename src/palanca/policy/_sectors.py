"""Named sector groups of a world (``goods``, ``energy``, ``autos``…): the one resolver every layer uses."""

from __future__ import annotations

import numpy as np

from palanca.errors import ScenarioError, UnknownSectorError
from palanca.model import World

__all__ = ["resolve_sectors", "sector_groups"]

#: Groups for the Caliendo–Parro sectors (the cp1993 world carries none in its provenance).
_CP_GROUPS: dict[str, tuple[str, ...]] = {
    "agriculture": ("AGR",),
    "energy": ("MIN", "PET"),
    "mining": ("MIN",),
    "autos": ("AUT",),
    "steel": ("BMT",),
    "basic_metals": ("BMT",),
    "metals": ("BMT", "FMT"),
    "electronics": ("OFF", "COM", "ELE"),
    "manufacturing": (
        "FOO", "TEX", "WOO", "PAP", "PET", "CHE", "PLA", "MNM", "BMT", "FMT", "MAC", "OFF", "ELE", "COM", "MED",
        "AUT", "OTR", "OTH",
    ),
}  # fmt: skip


def sector_groups(world: World) -> dict[str, tuple[str, ...]]:
    """Named sector groups usable in scenarios and policy actions for ``world``.

    The groups are the world's own (``provenance["sector_groups"]``, written by the world's builder);
    a world whose sectors are the Caliendo–Parro (2015) set gets the groups above. Every world has
    ``goods`` (its tradable sectors unless the world names them), ``services`` (the rest) and ``all``.
    """
    groups: dict[str, tuple[str, ...]] = {
        k: tuple(v) for k, v in (world.provenance.get("sector_groups") or {}).items() if set(v) <= set(world.sectors)
    }
    if not groups and set(_CP_GROUPS["manufacturing"]) <= set(world.sectors):
        groups.update(_CP_GROUPS)
    groups.setdefault("goods", tuple(s for s, t in zip(world.sectors, world.tradable, strict=True) if t))
    groups.setdefault("services", tuple(s for s in world.sectors if s not in groups["goods"]))
    groups["all"] = world.sectors
    return groups


def resolve_sectors(world: World, spec: tuple[str, ...], path: str) -> np.ndarray:
    """Boolean mask (J,) of the sectors named by ``spec`` (codes or groups; ``"-x"`` removes x), in order."""
    groups = sector_groups(world)
    mask = np.zeros(world.n_sectors, dtype=bool)
    for item in spec:
        neg = item.startswith("-")
        name = item[1:] if neg else item
        if name in groups:
            idx = [world.sector_index(s) for s in groups[name]]
        else:
            try:
                idx = [world.sector_index(name)]
            except UnknownSectorError:
                raise ScenarioError(
                    f"{path} contains {name!r}, which is neither a sector of world {world.name!r} "
                    f"nor a group; groups: {', '.join(sorted(groups))}; sectors: "
                    f"{', '.join(world.sectors)}."
                ) from None
        mask[idx] = not neg
    return mask
