"""Named sector groups of a world (``goods``, ``energy``, ``autos``…) resolved to a mask: the one resolver
every layer uses. The groups themselves are `palanca.data.sector_groups`."""

from __future__ import annotations

import numpy as np

from palanca.data import sector_groups
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
                raise ScenarioError(
                    f"{path} contains {name!r}, which is neither a sector of world {world.name!r} "
                    f"nor a group; groups: {', '.join(sorted(groups))}; sectors: "
                    f"{', '.join(world.sectors)}."
                ) from None
        mask[idx] = not neg
    return mask
