"""Named sector groups of a world (``goods``, ``energy``, ``autos``…) resolved to a mask: the one resolver
every layer uses. The groups themselves are `palanca.data.sector_groups`."""

from __future__ import annotations

import numpy as np

from palanca.data import absent_sector_groups, sector_groups
from palanca.errors import ScenarioError, UnknownSectorError
from palanca.model import World

__all__ = ["resolve_sectors", "sector_groups"]


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
                why = absent_sector_groups(world).get(name)
                if why is not None:
                    raise ScenarioError(
                        f"{path} contains {name!r}, a group that world {world.name!r} does not have: {why} "
                        f"(an aggregate keeps a group only where its map merges the group's sectors with each "
                        f"other alone). Its groups: {', '.join(sorted(groups))}; sectors: {', '.join(world.sectors)}. "
                        f"Name those instead, or aggregate with a sector map that keeps the sectors of {name!r} "
                        "together and apart from the rest."
                    ) from None
                raise ScenarioError(
                    f"{path} contains {name!r}, which is neither a sector of world {world.name!r} "
                    f"nor a group; groups: {', '.join(sorted(groups))}; sectors: "
                    f"{', '.join(world.sectors)}."
                ) from None
        mask[idx] = not neg
    return mask
