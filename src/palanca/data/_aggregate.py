"""Aggregation of a `World` to regions and broad sectors, preserving its accounts.

Flows, intermediate use, value added and deficits are summed; tariffs are revenue-preserving
(trade-weighted) averages, so tariff revenue, income and the goods-market identity of the
aggregate equal the sums of its members' (an exactly consistent world stays exactly consistent);
elasticities of merged sectors are weighted by international trade; final-demand shares are
re-derived from the aggregated flows. Maps are TOML files (shipped ones in ``shipped/maps/``).

A sector map also carries the world's sector structure over (`aggregate_sector_groups`): an
aggregated sector is goods if all its members are goods, and *mixed* (neither goods nor services, so
a tariff on ``goods`` leaves it untaxed) if it merges goods with services; a named group (``autos``,
``energy``…) survives if the map merges its members only with each other, and is otherwise absent,
with the reason, so that a scenario naming it is told why. A regions-only aggregate keeps the
world's sectors and their record as they are.
"""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from palanca.data._accounts import final_shares_from_flows
from palanca.data._sectors import aggregate_sector_groups
from palanca.errors import DataFormatError
from palanca.model import World

__all__ = ["RegionMap", "aggregate", "aggregate_trade", "aggregation_maps", "list_region_maps", "load_region_map"]

MAPS = Path(__file__).parent / "shipped" / "maps"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RegionMap:
    """A grouping of codes (countries or sectors) into named groups.

    Attributes
    ----------
    name : str
    kind : str
        ``"regions"`` or ``"sectors"``.
    groups : dict[str, tuple[str, ...]]
        Group code -> member codes, in output order.
    default : str or None
        Group for members not listed (``None``: every code must be listed).
    labels : dict[str, str]
    description : str
    """

    name: str
    kind: str
    groups: dict[str, tuple[str, ...]]
    default: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    description: str = ""

    def __post_init__(self) -> None:
        seen: dict[str, str] = {}
        for g, members in self.groups.items():
            for m in members:
                if m in seen:
                    raise DataFormatError(
                        f"map {self.name!r}: {m!r} is in both {seen[m]!r} and {g!r}; put each code in one group."
                    )
                seen[m] = g

    def assign(self, codes: tuple[str, ...]) -> tuple[tuple[str, ...], np.ndarray]:
        """Group order and the 0/1 matrix (groups x codes) for ``codes``."""
        where = {m: g for g, ms in self.groups.items() for m in ms}
        unknown = sorted(set(where) - set(codes))
        if unknown:
            raise DataFormatError(f"map {self.name!r} lists codes the world lacks: {unknown}.")
        missing = [c for c in codes if c not in where]
        if missing and self.default is None:
            raise DataFormatError(f'map {self.name!r} does not place {missing}; list them or set `default = "..."`.')
        order = list(self.groups)
        if missing and self.default not in order:
            order.append(self.default)
        P = np.zeros((len(order), len(codes)))
        for k, c in enumerate(codes):
            P[order.index(where.get(c, self.default)), k] = 1.0
        keep = P.sum(axis=1) > 0
        return tuple(g for g, k in zip(order, keep, strict=True) if k), P[keep]


def load_region_map(name_or_path: str | Path) -> RegionMap:
    """A shipped map by name (``usmca-china``, ``north-america``, ``goods-services``, ``broad``)
    or a TOML file with ``[regions]`` or ``[sectors]`` tables of code lists."""
    path = Path(name_or_path)
    if not path.suffix and not path.exists():
        path = MAPS / f"{name_or_path}.toml"
    if not path.exists():
        raise DataFormatError(
            f"map {str(name_or_path)!r} is neither a file nor a shipped map; shipped: {', '.join(list_region_maps())}"
        )
    try:
        data = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise DataFormatError(f"{path.name}: invalid TOML ({exc}).") from None
    table = "regions" if "regions" in data else "sectors" if "sectors" in data else None
    if table is None:
        raise DataFormatError(f"{path.name} needs a [regions] or [sectors] table of code lists.")
    groups = {}
    for g, members in data[table].items():
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            raise DataFormatError(f"{path.name}: [{table}].{g} must be a list of code strings.")
        groups[str(g)] = tuple(members)
    return RegionMap(
        name=str(data.get("name", path.stem)),
        kind=table,
        groups=groups,
        default=data.get("default"),
        labels=dict(data.get("labels", {})),
        description=str(data.get("description", "")),
    )


def list_region_maps() -> dict[str, str]:
    """Shipped maps: name -> description."""
    out = {}
    for p in sorted(MAPS.glob("*.toml")):
        m = load_region_map(p)
        out[m.name] = f"{m.kind}: {m.description}"
    return out


def _trade_block(P: np.ndarray, Q: np.ndarray, X: np.ndarray, tau: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r"""Aggregated flows and tariffs: :math:`X_{rsk} = \sum_{n \in r, i \in s, j \in k} X_{nij}` and the
    revenue-weighted tariff :math:`\tau_{rsk} = \sum \tau_{nij} X_{nij} / X_{rsk}` (the simple mean of the members'
    tariffs where the cell has no trade). ``P`` is (R, N) and ``Q`` (K, J), both 0/1."""

    def block_sum(A: np.ndarray) -> np.ndarray:
        return np.einsum("rn,si,nij,kj->rsk", P, P, A, Q, optimize=True)

    Xa = block_sum(X)
    count = np.einsum("r,s,k->rsk", P.sum(axis=1), P.sum(axis=1), Q.sum(axis=1))
    simple = block_sum(tau) / count
    return Xa, np.divide(block_sum(X * tau), Xa, out=simple, where=Xa > 0)


def aggregation_maps(provenance: Mapping[str, object]) -> tuple[RegionMap | None, RegionMap | None]:
    """The region and sector maps an aggregate was made with, rebuilt from its provenance record
    (``region_map``, ``region_default``, ``sector_map``); ``None`` where the aggregate kept them as they were."""
    regions = provenance.get("region_map")
    sectors = provenance.get("sector_map")
    rmap = smap = None
    if regions:
        default = provenance.get("region_default")
        rmap = RegionMap(
            name="regions", kind="regions", groups={str(g): tuple(m) for g, m in regions.items()},  # type: ignore[union-attr]
            default=None if default is None else str(default),
        )  # fmt: skip
    if sectors:
        smap = RegionMap(name="sectors", kind="sectors", groups={str(g): tuple(m) for g, m in sectors.items()})  # type: ignore[union-attr]
    return rmap, smap


def aggregate_trade(
    world: World, tariff: np.ndarray, region_map: RegionMap | None = None, sector_map: RegionMap | None = None
) -> tuple[tuple[str, ...], tuple[str, ...], np.ndarray, np.ndarray]:
    """The flows and the tariffs ``tariff`` (N, N, J) on ``world`` aggregated as `aggregate` aggregates them.

    Returns
    -------
    (regions, sectors, trade_usd_m, tariff)
        The aggregate's codes, its flows (R, R, K) and the tariffs weighted by ``world``'s flows (R, R, K).
    """
    tariff = np.asarray(tariff, dtype=np.float64)
    if tariff.shape != world.trade_usd_m.shape:
        raise DataFormatError(
            f"tariff has shape {tariff.shape}, but world {world.name!r} has trade of shape "
            f"{world.trade_usd_m.shape}; give tariffs on the world's own countries and sectors."
        )
    regions, P = region_map.assign(world.countries) if region_map else (world.countries, np.eye(world.n_countries))
    sectors, Q = sector_map.assign(world.sectors) if sector_map else (world.sectors, np.eye(world.n_sectors))
    Xa, tau = _trade_block(P, Q, world.trade_usd_m, tariff)
    return regions, sectors, Xa, tau


def aggregate(world: World, region_map: RegionMap | None = None, sector_map: RegionMap | None = None) -> World:
    """Aggregate ``world`` to the map's regions and/or sectors (module docstring).

    Returns
    -------
    World
        The aggregate; its goods-market residual is the sum of the members' residuals.
    """
    n, j = world.n_countries, world.n_sectors
    if region_map is not None:
        regions, P = region_map.assign(world.countries)
    else:
        regions, P = world.countries, np.eye(n)
    sector_record: dict[str, object] = {}
    if sector_map is not None:
        sectors, Q = sector_map.assign(world.sectors)
        sector_labels = tuple(sector_map.labels.get(s, s) for s in sectors)
        members = {
            k: tuple(c for c, q in zip(world.sectors, row, strict=True) if q) for k, row in zip(sectors, Q, strict=True)
        }
        sector_record = aggregate_sector_groups(world, members)
        for k, m in sector_record["mixed_sectors"].items():
            log.warning(
                "sector map %r: %s merges goods (%s) with other sectors (%s); it is not a goods sector, so a "
                "tariff on goods does not tax it",
                sector_map.name, k, ", ".join(m["goods"]), ", ".join(m["other"]),
            )  # fmt: skip
    else:
        sectors, Q, sector_labels = world.sectors, np.eye(j), world.sector_labels
    X = world.trade_usd_m
    Xa, tariff = _trade_block(P, Q, X, world.tariff)
    Q = Q.T  # (J, K)
    Y = world.gross_output_usd_m
    U = world.io * ((1.0 - world.va_share) * Y)[:, None, :]
    Ua = np.einsum("rn,nkj,ka,jb->rab", P, U, Q, Q)
    Ya = P @ Y @ Q
    VAa = P @ (world.va_share * Y) @ Q
    beta = np.divide(VAa, Ya, out=np.ones_like(Ya), where=Ya > 0)
    cols = Ua.sum(axis=1, keepdims=True)
    io = np.divide(Ua, cols, out=np.zeros_like(Ua), where=cols > 0)
    beta = np.where(cols[:, 0, :] > 0, beta, 1.0)
    off = X.copy()
    idx = np.arange(n)
    off[idx, idx, :] = 0.0
    w_trade = off.sum(axis=(0, 1))
    w_trade = np.where(w_trade > 0, w_trade, Y.sum(axis=0) + 1e-300)

    def by_trade(th: np.ndarray) -> np.ndarray:
        return (Q * (w_trade * th)[:, None]).sum(axis=0) / (Q * w_trade[:, None]).sum(axis=0)

    theta = by_trade(world.theta)
    carried = world.provenance.get("elasticity_sets") or {}
    sets = {k: by_trade(np.asarray(v, dtype=np.float64)).tolist() for k, v in carried.items() if len(v) == j}
    deficit = P @ world.deficit_usd_m
    alpha = final_shares_from_flows(Xa, tariff, beta, io, deficit)
    return World(
        name=f"{world.name}:{region_map.name if region_map else 'countries'}:"
        f"{sector_map.name if sector_map else 'sectors'}",
        year=world.year,
        countries=regions,
        sectors=sectors,
        sector_labels=sector_labels,
        trade_usd_m=Xa,
        tariff=tariff,
        theta=theta,
        va_share=beta,
        io=io,
        final_share=alpha,
        deficit_usd_m=deficit,
        provenance={
            **dict(world.provenance),
            "aggregated_from": world.name,
            "elasticity_sets": sets,
            "region_map": {g: list(m) for g, m in region_map.groups.items()} if region_map else None,
            "region_default": region_map.default if region_map else None,
            "sector_map": {g: list(m) for g, m in sector_map.groups.items()} if sector_map else None,
            **sector_record,
            "aggregation": "sums of flows, intermediate use, value added, deficits; "
            "revenue-weighted tariffs; "
            "trade-weighted elasticities; final-demand shares re-derived"
            + (
                "; a sector is goods if all its members are; a named group is kept where the map leaves it whole"
                if sector_map
                else ""
            ),
        },
    )
