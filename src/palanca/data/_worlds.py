"""Loaders of the shipped ICIO/WIOD worlds and elasticity switching."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import numpy as np

from palanca.data._sectors import absent_sector_groups, goods_mask, sector_groups
from palanca.data._shipped import read_world
from palanca.errors import DataFormatError
from palanca.model import World

__all__ = [
    "SHIPPED",
    "bilateral_flow",
    "bilateral_tariffs",
    "elasticity_sets",
    "mfn_rates",
    "register_shipped_worlds",
    "with_elasticities",
    "world_summary",
]

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


def mfn_rates(world: World, importer: str) -> np.ndarray:
    """The most-favoured-nation tariff of ``importer`` by sector, a (J,) array of fractions.

    For the US: the simple mean of the 2025 HTS8 column-1 general rates of each sector's lines
    (specific and compound duties at 0 ad-valorem equivalent, so food and drink are understated).
    For every other economy: the highest rate it applies to any partner in the sector in the
    source (Teti 2024) rates after screening, i.e. its non-preferential rate. Services: 0. How the
    table is built: `palanca.data._tariffs` and the world's ``tariff_block`` provenance.

    Raises
    ------
    DataFormatError
        If the world carries no MFN table (e.g. ``cp1993`` or an aggregated world) or no row for
        ``importer``; the message names the worlds and economies that have one.
    """
    table = world.provenance.get("mfn_rates") or {}
    if not table:
        raise DataFormatError(
            f"world {world.name!r} carries no MFN table; use a shipped world built from the ICIO data "
            "(world2023 or icio2022)."
        )
    world.country_index(importer)  # raises UnknownCountryError naming the known codes
    prov = world.provenance
    merged = (prov.get("region_map") or {}).get(importer)
    if prov.get("sector_map") or (merged is not None and list(merged) != [importer]):
        raise DataFormatError(
            f"world {world.name!r} aggregates {'sectors' if prov.get('sector_map') else repr(importer)}; MFN rates "
            f"are by the economies and sectors of {prov.get('aggregated_from')!r}: query that world instead."
        )
    if importer not in table:
        raise DataFormatError(
            f"world {world.name!r} has no MFN rates for {importer!r} (an aggregated region?); economies with "
            f"MFN rates: {', '.join(sorted(table)[:12])}…"
        )
    rates = np.asarray(table[importer], dtype=np.float64)
    if rates.shape != (world.n_sectors,):
        raise DataFormatError(
            f"the MFN table of {world.name!r} has {rates.size} rates for {importer}; the world has "
            f"{world.n_sectors} sectors. Rebuild it with scripts/build_worlds.py."
        )
    return rates


def bilateral_tariffs(world: World, importer: str, exporter: str) -> dict:
    """``importer``'s applied tariffs on ``exporter`` by sector, with the trade-weighted mean (fractions).

    Returns ``{"importer", "exporter", "trade_weighted", "mfn_trade_weighted", "sectors": [{"sector",
    "label", "rate", "mfn", "imports_usd_m"}]}``; the weights are the world's goods imports of the pair
    (``trade_weighted`` is None when the pair trades no tariffed goods; ``mfn`` is None without an MFN table).
    """
    n, i = world.country_index(importer), world.country_index(exporter)
    if n == i:
        raise DataFormatError(f"importer and exporter are both {importer!r}; give two different economies.")
    rate = world.tariff[n, i]
    x = world.trade_usd_m[n, i]
    g = goods_mask(world)
    try:
        mfn = mfn_rates(world, importer)
    except DataFormatError:
        mfn = None
    w = x * g
    tw = float((rate * w).sum() / w.sum()) if w.sum() > 0 else None
    mtw = float((mfn * w).sum() / w.sum()) if (mfn is not None and w.sum() > 0) else None
    return {
        "importer": importer,
        "exporter": exporter,
        "trade_weighted": tw,
        "mfn_trade_weighted": mtw,
        "sectors": [
            {
                "sector": s,
                "label": world.sector_labels[j],
                "rate": float(rate[j]),
                "mfn": None if mfn is None else float(mfn[j]),
                "imports_usd_m": float(x[j]),
            }
            for j, s in enumerate(world.sectors)
        ],
    }


def _sector_indices(world: World, sectors: list[str] | tuple[str, ...] | None) -> list[int]:
    if not sectors:
        return list(range(world.n_sectors))
    groups = sector_groups(world)
    out: list[int] = []
    for s in sectors:
        if s in groups:
            out += [world.sector_index(c) for c in groups[s]]
        else:
            out.append(world.sector_index(s))
    return sorted(set(out))


def bilateral_flow(
    world: World, origin: str, destination: str, sectors: list[str] | tuple[str, ...] | None = None
) -> float:
    """Value of ``origin``'s sales to ``destination`` at producer prices, USD millions.

    ``sectors`` are sector codes or group names of `sector_groups` (e.g.
    ``"goods"``, ``"autos"``, ``"energy"``); ``None`` sums all sectors.
    """
    k = _sector_indices(world, sectors)
    return float(world.trade_usd_m[world.country_index(destination), world.country_index(origin)][k].sum())


def world_summary(world: World, top: int = 10) -> dict:
    """A JSON-ready description of a world: size, sources, GDP, trade totals, largest economies."""
    X = world.trade_usd_m
    idx = np.arange(world.n_countries)
    dom = X[idx, idx].sum()
    goods = world.provenance.get("goods_sectors") or []
    g = [world.sector_index(s) for s in goods if s in world.sectors]
    off_goods = X[:, :, g].sum() - X[idx, idx][:, g].sum() if g else None
    va = world.value_added_usd_m
    order = np.argsort(-va)[:top]
    sources = world.provenance.get("sources") or world.provenance.get("source")
    return {
        "name": world.name,
        "year": world.year,
        "n_economies": world.n_countries,
        "n_sectors": world.n_sectors,
        "economies": list(world.countries),
        "sectors": dict(zip(world.sectors, world.sector_labels, strict=True)),
        "elasticities": world.provenance.get("elasticities"),
        "sources": sources,
        "world_value_added_usd_m": float(va.sum()),
        "gross_output_usd_m": float(X.sum()),
        "international_trade_usd_m": float(X.sum() - dom),
        "international_goods_trade_usd_m": None if off_goods is None else float(off_goods),
        "tariff_revenue_usd_m": float(world.tariff_revenue_usd_m.sum()),
        "goods_sectors": list(sector_groups(world)["goods"]),
        "mixed_sectors": dict(world.provenance.get("mixed_sectors") or {}),
        "sector_groups": sorted(sector_groups(world)),
        "sector_groups_absent": absent_sector_groups(world),
        "largest_economies_value_added_usd_m": {world.countries[i]: float(va[i]) for i in order},
        "digest": world.digest,
    }
