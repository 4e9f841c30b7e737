"""Sector classifications of the shipped worlds: ICIO 2025 codes (28 tariffwar sectors), the
bridge from WIOD 2013 industries, and the groupings scenarios use (goods, energy, autos…), with
`sector_groups` and `goods_mask`, the one place that reads a world's groups and its goods, and
`aggregate_sector_groups`, the groups and goods of a sector-aggregated world."""

from __future__ import annotations

import numpy as np

from palanca.model import World

__all__ = [
    "ICIO_GOODS",
    "ICIO_GROUPS",
    "ICIO_SECTORS",
    "ICIO_SERVICES",
    "ICIO_TO_WIOD_GROUP",
    "WIOD_GROUPS",
    "absent_sector_groups",
    "aggregate_sector_groups",
    "goods_mask",
    "sector_groups",
]

#: The 28 sectors of the tariffwar ICIO file: ICIO 2025 code, label. ``D35T98`` is the package's
#: "Services (aggregate)" (ISIC rev.4 divisions 35–98: utilities, construction and services).
ICIO_SECTORS: tuple[tuple[str, str], ...] = (
    ("A01", "Crop and animal production, hunting"),
    ("A02", "Forestry and logging"),
    ("A03", "Fishing and aquaculture"),
    ("B05", "Mining of coal and lignite"),
    ("B06", "Extraction of crude petroleum and natural gas"),
    ("B07", "Mining of metal ores"),
    ("B08", "Other mining and quarrying"),
    ("B09", "Mining support service activities"),
    ("C10T12", "Food products, beverages and tobacco"),
    ("C13T15", "Textiles, wearing apparel, leather"),
    ("C16", "Wood and products of wood and cork"),
    ("C17_18", "Paper products and printing"),
    ("C19", "Coke and refined petroleum products"),
    ("C20", "Chemicals and chemical products"),
    ("C21", "Pharmaceuticals"),
    ("C22", "Rubber and plastics products"),
    ("C23", "Other non-metallic mineral products"),
    ("C24A", "Basic iron and steel"),
    ("C24B", "Basic precious and other non-ferrous metals"),
    ("C25", "Fabricated metal products"),
    ("C26", "Computer, electronic and optical equipment"),
    ("C27", "Electrical equipment"),
    ("C28", "Machinery and equipment n.e.c."),
    ("C29", "Motor vehicles, trailers and semi-trailers (incl. parts)"),
    ("C301", "Building of ships and boats"),
    ("C302T309", "Other transport equipment (rail, aircraft, military vehicles n.e.c.)"),
    ("C31T33", "Furniture, other manufacturing; repair and installation"),
    ("D35T98", "Services, utilities and construction (aggregate)"),
)
ICIO_SERVICES: tuple[str, ...] = ("D35T98",)
#: The 27 goods sectors: the tariffable ones (Teti tariffs apply to goods only).
ICIO_GOODS: tuple[str, ...] = tuple(code for code, _ in ICIO_SECTORS if code not in ICIO_SERVICES)

#: Groupings for scenarios and reports (all codes are ICIO codes of `ICIO_SECTORS`).
ICIO_GROUPS: dict[str, tuple[str, ...]] = {
    "goods": ICIO_GOODS,
    "services": ICIO_SERVICES,
    "agriculture": ("A01", "A02", "A03"),
    "agrifood": ("A01", "A02", "A03", "C10T12"),
    "mining": ("B05", "B06", "B07", "B08", "B09"),
    "energy": ("B05", "B06", "C19"),
    "manufacturing": tuple(c for c in ICIO_GOODS if c.startswith("C")),
    "basic_metals": ("C24A", "C24B"),
    "steel": ("C24A",),
    "aluminium_nonferrous": ("C24B",),
    "metals": ("C24A", "C24B", "C25"),
    "electronics": ("C26",),
    "electrical": ("C26", "C27"),
    "machinery": ("C28",),
    "autos": ("C29",),
    "transport_equipment": ("C29", "C301", "C302T309"),
    "chemicals_pharma": ("C20", "C21"),
    "textiles": ("C13T15",),
}

#: 16 groups of WIOD 2013 industries that map onto the ICIO sectors (WIOD is ISIC rev.3,
#: ICIO rev.4; the groups are the finest common level).
WIOD_GROUPS: dict[str, tuple[str, ...]] = {
    "AGR": ("c1",),
    "MIN": ("c2",),
    "FOOD": ("c3",),
    "TEX": ("c4", "c5"),
    "WOOD": ("c6",),
    "PAPER": ("c7",),
    "PETRO": ("c8",),
    "CHEM": ("c9",),
    "RUBBER": ("c10",),
    "NONMET": ("c11",),
    "METAL": ("c12",),
    "MACH": ("c13",),
    "ELEC": ("c14",),
    "TRANSP": ("c15",),
    "OTHMAN": ("c16",),
    "SERV": tuple(f"c{k}" for k in range(17, 36)),
}
ICIO_TO_WIOD_GROUP: dict[str, str] = {
    "A01": "AGR", "A02": "AGR", "A03": "AGR",
    "B05": "MIN", "B06": "MIN", "B07": "MIN", "B08": "MIN", "B09": "MIN",
    "C10T12": "FOOD", "C13T15": "TEX", "C16": "WOOD", "C17_18": "PAPER", "C19": "PETRO",
    "C20": "CHEM", "C21": "CHEM", "C22": "RUBBER", "C23": "NONMET",
    "C24A": "METAL", "C24B": "METAL", "C25": "METAL",
    "C26": "ELEC", "C27": "ELEC", "C28": "MACH",
    "C29": "TRANSP", "C301": "TRANSP", "C302T309": "TRANSP",
    "C31T33": "OTHMAN", "D35T98": "SERV",
}  # fmt: skip

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

    The groups are the world's own (``provenance["sector_groups"]``, written by the world's builder or by
    `aggregate_sector_groups`), each kept only if all its codes are sectors of the world; a world whose
    sectors are the Caliendo–Parro (2015) set gets the groups above. Every world has ``goods`` (the
    recorded ``goods_sectors``, else its tradable sectors), ``services`` (the rest, unless an aggregation
    left no sector wholly of services: see `absent_sector_groups`) and ``all``.
    """
    groups: dict[str, tuple[str, ...]] = {
        k: tuple(v) for k, v in (world.provenance.get("sector_groups") or {}).items() if set(v) <= set(world.sectors)
    }
    if not groups and set(_CP_GROUPS["manufacturing"]) <= set(world.sectors):
        groups.update(_CP_GROUPS)
    recorded = world.provenance.get("goods_sectors")
    if "goods" not in groups and recorded is not None and set(recorded) <= set(world.sectors):
        groups["goods"] = tuple(s for s in world.sectors if s in set(recorded))
    groups.setdefault("goods", tuple(s for s, t in zip(world.sectors, world.tradable, strict=True) if t))
    if "services" not in absent_sector_groups(world):
        groups.setdefault("services", tuple(s for s in world.sectors if s not in groups["goods"]))
    groups["all"] = world.sectors
    return groups


def absent_sector_groups(world: World) -> dict[str, str]:
    """Groups an aggregation of ``world``'s source left out, with the reason (group -> text).

    A sector-aggregated world (`aggregate_sector_groups`) keeps a named group only if its map merges
    the group's members with each other alone; the others are listed here, so that a scenario naming
    one can be told why it is absent.
    """
    return {str(k): str(v) for k, v in (world.provenance.get("sector_groups_absent") or {}).items()}


def aggregate_sector_groups(world: World, members: dict[str, tuple[str, ...]]) -> dict[str, object]:
    """The sector record of an aggregate of ``world`` whose sector ``K`` merges ``members[K]``.

    Rules:

    * an aggregated sector is a goods sector if all its members are goods sectors of ``world``; one
      that merges goods with other sectors is *mixed*: not goods (a tariff on ``goods`` leaves it
      untaxed) and not services;
    * ``services`` are the aggregated sectors all of whose members are not goods;
    * a named group survives if every aggregated sector holding one of its members holds only its
      members (the group is a union of aggregated sectors, so it covers the same flows as before);
      otherwise it is absent, with the aggregated sectors that split it.

    Returns
    -------
    dict
        Provenance entries: ``goods_sectors`` (list), ``sector_groups`` (group -> list of aggregated
        sectors), ``mixed_sectors`` (sector -> {"goods": members, "other": members}) and
        ``sector_groups_absent`` (group -> reason, with the source world's own absent groups).
    """
    source = sector_groups(world)
    goods = set(source["goods"])
    out_goods = [k for k, ms in members.items() if set(ms) <= goods]
    services = [k for k, ms in members.items() if not set(ms) & goods]
    mixed = {
        k: {"goods": [m for m in ms if m in goods], "other": [m for m in ms if m not in goods]}
        for k, ms in members.items()
        if k not in out_goods and k not in services
    }
    groups: dict[str, list[str]] = {"goods": out_goods}
    absent = absent_sector_groups(world)
    if services:
        groups["services"] = services
    else:
        absent["services"] = "every sector with services in it also holds goods: " + ", ".join(mixed)
    for name, codes in source.items():
        if name in ("goods", "services", "all") or not codes:
            continue
        inside = [k for k, ms in members.items() if set(ms) <= set(codes)]
        touched = [k for k, ms in members.items() if set(ms) & set(codes)]
        if inside == touched and inside:
            groups[name] = inside
        else:
            split = [k for k in touched if k not in inside]
            absent[name] = f"its sectors {', '.join(codes)} are merged with other sectors into {', '.join(split)}"
    return {
        "goods_sectors": out_goods,
        "sector_groups": groups,
        "mixed_sectors": mixed,
        "sector_groups_absent": absent,
    }


def goods_mask(world: World) -> np.ndarray:
    """Boolean mask (J,) of the world's goods sectors: its ``goods`` group of `sector_groups`."""
    goods = set(sector_groups(world)["goods"])
    return np.array([s in goods for s in world.sectors], dtype=bool)
