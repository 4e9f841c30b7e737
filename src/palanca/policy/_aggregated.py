r"""Applied tariffs on an aggregated world: the registry applied on the world it was aggregated from.

The registry is written by ICIO sector and by country, so it cannot act on merged sectors or merged
regions directly. A world made by `palanca.data.aggregate` records the world it was aggregated from
(``provenance["aggregated_from"]``) and its maps (``region_map``, ``region_default``, ``sector_map``). Where
that source is a world palanca loads by name, the actions in force are applied on the source world
(`palanca.policy.applied_tariffs`, the same arguments) and the change they make is aggregated with the
aggregate's own tariff rule (`palanca.data.aggregate_trade`: revenue-weighted by the source's flows):

.. math::

    \tau^{\text{agg}}_{rsk} = \bar\tau_{rsk} + \frac{\sum_{n \in r,\, i \in s,\, j \in k}
        (\tau^{\text{applied}}_{nij} - \tau_{nij}) X_{nij}}{\sum_{n \in r,\, i \in s,\, j \in k} X_{nij}},

with :math:`\bar\tau` the aggregate's own tariffs. Because the rule is linear in the tariffs, this is the
aggregation of the applied block itself, up to the float32 rounding of the tariffs a world folder stores;
cells the registry does not touch keep the aggregate's tariffs exactly.

Before it is used, the source aggregated with its own tariffs must reproduce the aggregate's flows and
tariffs (`aggregate_source`); an aggregate made from another copy of the source (an older build, other
data) is refused with the command that makes it again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from palanca.data import RegionMap, aggregate_trade, aggregation_maps, list_region_maps, list_worlds, load_world
from palanca.errors import DataFormatError, PolicyError
from palanca.model import World
from palanca.policy._applied import applied_tariffs

__all__ = ["AggregateSource", "aggregate_source", "registry_world"]

#: Relative tolerance of the tariff check: a world folder stores tariffs as float32 (2**-24 relative rounding).
TARIFF_RTOL = 2.0**-22
#: Relative tolerance of the flow check (flows are stored as float64; summation order may differ).
FLOW_RTOL = 1e-9


@dataclass(frozen=True)
class AggregateSource:
    """The world an aggregate was made from, checked to reproduce it, with the maps that make it.

    Attributes
    ----------
    aggregate_name : str
        The aggregated world's name.
    world : World
        The source world (ICIO sectors and countries for the registry to act on).
    region_map, sector_map : RegionMap or None
        The maps rebuilt from the aggregate's provenance (``None``: kept as they were).
    """

    aggregate_name: str
    world: World
    region_map: RegionMap | None
    sector_map: RegionMap | None

    def aggregate_change(self, tariff: np.ndarray, aggregate_tariff: np.ndarray) -> np.ndarray:
        """``aggregate_tariff`` (R, R, K) plus the change from the source's tariffs to ``tariff`` (N, N, J),
        aggregated with the aggregate's rule (module docstring); never below 0."""
        delta = np.asarray(tariff, dtype=np.float64) - self.world.tariff
        change = aggregate_trade(self.world, delta, self.region_map, self.sector_map)[3]
        return np.maximum(np.asarray(aggregate_tariff, dtype=np.float64) + change, 0.0)

    def applied_tariffs(
        self,
        aggregate_tariff: np.ndarray,
        as_of: str | dt.date | None = None,
        *,
        overrides: Mapping[str, float] | None = None,
        usmca_preferences: bool = True,
        imposers: tuple[str, ...] = ("USA", "MEX"),
    ) -> np.ndarray:
        """The applied tariffs on ``as_of`` (`palanca.policy.applied_tariffs` on the source world, the same
        arguments), on the aggregate whose own tariffs are ``aggregate_tariff`` (R, R, K)."""
        src = applied_tariffs(
            self.world, as_of, overrides=overrides, usmca_preferences=usmca_preferences, imposers=imposers
        )
        return self.aggregate_change(src, aggregate_tariff)


def _again(world: World, source: str) -> str:
    """The command that writes the aggregate again (the shipped maps its name gives, else ``MAP``)."""
    parts = world.name.split(":")
    shipped = list_region_maps()
    regions = sectors = None
    if len(parts) == 3 and parts[0] == source:
        regions = parts[1] if parts[1] in shipped else None
        sectors = parts[2] if parts[2] in shipped else None
    prov = world.provenance
    opts = ""
    if prov.get("region_map"):
        opts += f" --regions {regions or 'MAP'}"
    if prov.get("sector_map"):
        opts += f" --sectors {sectors or 'MAP'}"
    return f"palanca world aggregate {source}{opts} --out DIR"


def _worst(a: np.ndarray, b: np.ndarray, tol: np.ndarray, world: World) -> str:
    excess = np.abs(a - b) - tol
    n, i, j = np.unravel_index(int(np.argmax(excess)), a.shape)
    return (
        f"{world.countries[n]} from {world.countries[i]}, sector {world.sectors[j]}: "
        f"{b[n, i, j]:.9g} here, {a[n, i, j]:.9g} from the source"
    )


def aggregate_source(world: World) -> AggregateSource:
    """The source of the aggregated ``world``, checked to reproduce its flows and tariffs.

    Raises
    ------
    PolicyError
        If ``world`` records no source, the source is not a world palanca loads by name, its maps do not fit
        the source, or the source aggregated with its own tariffs does not reproduce ``world``'s flows
        (relative tolerance `FLOW_RTOL`) and tariffs (`TARIFF_RTOL`, the float32 precision of a world folder).
        The message says why and how to make the aggregate again.
    """
    prov = world.provenance
    record = repr([prov.get(k) for k in ("aggregated_from", "region_map", "region_default", "sector_map")])
    key = (world.name, world.digest, record)
    if key not in _CHECKED:
        if len(_CHECKED) >= 4:
            _CHECKED.pop(next(iter(_CHECKED)))
        _CHECKED[key] = _checked_source(world)
    return _CHECKED[key]


#: Aggregates already checked against their source, by (name, digest, the provenance that names the source and
#: maps): a scenario built again on the same aggregate (a sweep's points, a tariff war's rounds) does not
#: aggregate the source again.
_CHECKED: dict[tuple[str, str, str], AggregateSource] = {}


def _checked_source(world: World) -> AggregateSource:
    prov = world.provenance
    source = prov.get("aggregated_from")
    if not source:
        raise PolicyError(f"world {world.name!r} is not an aggregate: its provenance records no 'aggregated_from'.")
    source = str(source)
    again = _again(world, source)
    if source not in list_worlds():
        root = source.split(":")[0]
        if root in list_worlds():  # an aggregate of an aggregate: one aggregation of the shipped world instead
            again = f"palanca world aggregate {root} --regions MAP --sectors MAP --out DIR (both maps at once)"
        raise PolicyError(
            f"world {world.name!r} was aggregated from {source!r}, which is not a world palanca loads by name "
            f"(shipped: {', '.join(list_worlds())}); aggregate a shipped world instead: {again}."
        )
    src = load_world(source)
    region_map, sector_map = aggregation_maps(prov)
    try:
        regions, sectors, X, tau = aggregate_trade(src, src.tariff, region_map, sector_map)
    except DataFormatError as exc:
        raise PolicyError(
            f"world {world.name!r}: the maps in its provenance do not fit {source} ({exc}); "
            f"aggregate it again: {again}."
        ) from None
    stale = f"it was made from another copy of {source} (an older build or other data); aggregate it again: {again}."
    if regions != world.countries or sectors != world.sectors:
        raise PolicyError(
            f"world {world.name!r}: {source} aggregated with the maps it records gives regions {list(regions)} and "
            f"sectors {list(sectors)}, not its {list(world.countries)} and {list(world.sectors)}; {stale}"
        )
    checks = (
        ("flows", X, world.trade_usd_m, FLOW_RTOL * np.abs(world.trade_usd_m) + 1e-9),
        ("tariffs", tau, world.tariff, TARIFF_RTOL * np.abs(world.tariff) + 1e-12),
    )
    for what, mine, theirs, tol in checks:
        if not np.all(np.abs(mine - theirs) <= tol):
            raise PolicyError(
                f"world {world.name!r}: {source} aggregated with the maps it records does not reproduce its {what} "
                f"(largest difference at {_worst(mine, theirs, tol, world)}); {stale}"
            )
    return AggregateSource(world.name, src, region_map, sector_map)


def registry_world(world: World) -> tuple[World, Callable[[np.ndarray], np.ndarray], str]:
    """(the world the registry acts on, the map of tariffs on it onto ``world``, the words that name it).

    For an ICIO world: the world itself, the identity and ``""``. For an aggregate: its checked source
    (`aggregate_source`), the aggregation of a tariff block's change (`AggregateSource.aggregate_change` onto
    ``world``'s own tariffs) and ``", on the source world NAME, aggregated"``, so that
    ``to_world(applied_tariffs(on, date, ...))`` is the applied tariffs on ``world`` either way.

    Raises
    ------
    PolicyError
        Where ``world`` is an aggregate whose source cannot be used (`aggregate_source` says why).
    """
    if not world.provenance.get("aggregated_from"):
        return world, lambda tau: tau, ""
    src = aggregate_source(world)
    own = world.tariff
    return src.world, lambda tau: src.aggregate_change(tau, own), f", on the source world {src.world.name}, aggregated"
