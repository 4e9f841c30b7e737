"""Reading bills of materials from TOML, and the shipped examples.

A BOM file has a ``[product]`` table, one ``[[materials]]`` table per material, and, for vehicles, ``[labour]`` and
``[steel_aluminium]``::

    [product]
    name = "Compact sedan"
    hs_code = "8703.23"
    kind = "passenger_vehicle"        # palanca roo rules lists the kinds
    transaction_value_usd = 30000     # TV, excluding international shipping (Art. 4.5.2)
    net_cost_usd = 27000              # NC (Art. 4.5.3); required for vehicles
    core_parts_method = "individual"  # or "super_core" (App. Art. 3)
    roll_up = "panel"                 # or "us"

    [labour]                          # shares of the vehicle's net cost
    high_wage_material_manufacturing_share = 0.28  # of net cost
    high_wage_technology_share = 0.08              # R&D + IT wages / production wages
    assembly_credit_declared = true                # high-wage powertrain or battery plant (5 points)

    [steel_aluminium]                 # the producer's annual purchases (App. Art. 6)
    steel_purchases_usd = 1.2e9
    steel_north_american_share = 0.82
    steel_melted_poured_share = 0.75  # required from 1 July 2027
    aluminium_purchases_usd = 3.0e8
    aluminium_north_american_share = 0.74

    [[materials]]
    description = "Transmission"
    hs_code = "8708.40"
    value_usd = 2500
    originating = true                # from the supplier's certification; or bom = "transmission.toml"
    origin = "USA"                    # where it was made (U.S. content for Section 232), optional
    core_part = true
    non_originating_content_usd = 300 # its own VNM (super-core, U.S. roll-up reading)

A ``bom`` path is relative to the file that names it.
"""

from __future__ import annotations

import csv
import io
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from palanca.errors import BillOfMaterialsError
from palanca.roo._bom import BillOfMaterials, LabourContent, Material, ProductKind, SteelAluminium
from palanca.roo._iso3166 import origin_problem

__all__ = ["RepresentativeSet", "list_examples", "load_bom", "load_representative_set", "parse_bom"]

_PRODUCT_FIELDS = {
    "name",
    "hs_code",
    "kind",
    "transaction_value_usd",
    "net_cost_usd",
    "total_cost_usd",
    "rvc_threshold_pct",
    "rvc_net_cost_threshold_pct",
    "rvc_method",
    "tariff_shift",
    "shift_or_rvc",
    "de_minimis",
    "transaction_value_allowed",
    "parts_table",
    "article_10_paragraph",
    "alternative_staging",
    "core_parts_method",
    "roll_up",
}
_MATERIAL_FIELDS = {
    "description",
    "hs_code",
    "value_usd",
    "originating",
    "bom",
    "origin",
    "core_part",
    "propulsion_battery",
    "non_originating_content_usd",
    "part_net_cost_usd",
    "steel",
    "aluminium",
}
_MAX_DEPTH = 8


def _err(where: str, name: str, value: Any, fix: str) -> BillOfMaterialsError:
    return BillOfMaterialsError(f"{where}.{name} = {value!r}: {fix}")


def _known(where: str, table: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise _err(
            where, unknown[0], table[unknown[0]], f"unknown field; allowed fields: {', '.join(sorted(allowed))}."
        )


def _table(where: str, name: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _err(where, name, value, f"must be a [{name}] table.")
    return value


def _notes(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list | tuple) or not all(isinstance(n, str) for n in value):
        raise _err("bill of materials", "notes", value, 'write notes as a list of strings, e.g. notes = ["…"].')
    return tuple(value)


def _from_dict(data: dict[str, Any], base: Path | None, seen: tuple[Path, ...]) -> BillOfMaterials:
    unknown = sorted(set(data) - {"product", "materials", "labour", "steel_aluminium", "notes"})
    if unknown:
        raise _err(
            "bill of materials",
            unknown[0],
            data[unknown[0]],
            "unknown table or field; a BOM has [product], [[materials]], [labour], [steel_aluminium] and notes.",
        )
    product = _table("bill of materials", "product", data.get("product"))
    _known("product", product, _PRODUCT_FIELDS)
    for req in ("name", "hs_code", "kind", "transaction_value_usd"):
        if req not in product:
            raise _err("product", req, None, f"is required; add `{req} = ...` to [product].")
    if not isinstance(product["name"], str) or not product["name"].strip():
        raise _err("product", "name", product["name"], 'must be a non-empty text in quotes, e.g. "Compact sedan".')
    try:
        kind = ProductKind(product["kind"])
    except (ValueError, TypeError):
        kinds = ", ".join(k.value for k in ProductKind)
        raise _err("product", "kind", product["kind"], f"unknown kind; use one of {kinds}.") from None
    mats = data.get("materials", [])
    if not isinstance(mats, list):
        raise _err("bill of materials", "materials", mats, "write each material as a [[materials]] table.")
    labour, steel = data.get("labour"), data.get("steel_aluminium")
    options = {
        k: product[k] for k in _PRODUCT_FIELDS - {"name", "kind", "hs_code", "transaction_value_usd"} if k in product
    }
    return BillOfMaterials(
        name=str(product["name"]),
        hs_code=product["hs_code"],
        kind=kind,
        transaction_value_usd=product["transaction_value_usd"],
        materials=tuple(_material(k, m, base, seen) for k, m in enumerate(mats)),
        labour=None if labour is None else _labour(labour),
        steel_aluminium=None if steel is None else _steel(steel),
        notes=_notes(data.get("notes", ())),
        **options,
    )


def _material(k: int, m: Any, base: Path | None, seen: tuple[Path, ...]) -> Material:
    if not isinstance(m, dict):
        raise _err("bill of materials", f"materials[{k}]", m, "must be a [[materials]] table.")
    where = f"materials[{k}]"
    _known(where, m, _MATERIAL_FIELDS)
    for req in ("description", "hs_code", "value_usd"):
        if req not in m:
            raise _err(where, req, None, f"is required; add `{req} = ...` to this [[materials]] table.")
    if not isinstance(m["description"], str) or not m["description"].strip():
        raise _err(where, "description", m["description"], 'must be a non-empty text in quotes, e.g. "Engine".')
    where = f"materials[{m['description']!r}]"
    origin = m.get("origin")
    if origin is not None and (problem := origin_problem(origin)):
        raise _err(where, "origin", origin, problem)
    if "originating" not in m and "bom" not in m:
        raise _err(
            where,
            "originating",
            None,
            'give `originating = true/false` (from a certification of origin) or `bom = "part.toml"`; '
            "a supplier's country does not make a material originating (USMCA Art. 4.2).",
        )
    sub = None
    if "bom" in m:
        ref = m["bom"]
        if not isinstance(ref, str) or not ref.endswith(".toml"):
            raise _err(where, "bom", ref, 'must be the path of a .toml bill of materials, e.g. "engine.toml".')
        if base is None:
            raise _err(where, "bom", ref, "a bom path needs a BOM read from a file; use load_bom(path).")
        sub = _read(base / ref, seen)
    keys = ("core_part", "propulsion_battery", "non_originating_content_usd", "part_net_cost_usd", "steel", "aluminium")
    return Material(
        str(m["description"]),
        m["hs_code"],
        m["value_usd"],
        m.get("originating"),
        origin,
        sub_bom=sub,
        **{k: m[k] for k in keys if k in m},
    )


def _labour(t: Any) -> LabourContent:
    t = _table("bill of materials", "labour", t)
    keys = {
        "high_wage_material_manufacturing_share",
        "high_wage_technology_share",
        "assembly_credit_declared",
    }
    if "high_wage_assembly_share" in t:
        raise _err(
            "labour",
            "high_wage_assembly_share",
            t["high_wage_assembly_share"],
            "the assembly credit is a single 5-point credit for a high-wage engine, transmission or advanced-"
            "battery assembly plant (29 CFR 810.300), not a share; write assembly_credit_declared = true/false.",
        )
    _known("labour", t, keys)
    if "high_wage_material_manufacturing_share" not in t:
        raise _err("labour", "high_wage_material_manufacturing_share", None, "is required for a vehicle (Art. 7).")
    return LabourContent(
        t["high_wage_material_manufacturing_share"],
        t.get("high_wage_technology_share", 0.0),
        t.get("assembly_credit_declared", False),
    )


def _steel(t: Any) -> SteelAluminium:
    t = _table("bill of materials", "steel_aluminium", t)
    keys = [f"{m}_{f}" for m in ("steel", "aluminium") for f in ("purchases_usd", "north_american_share")]
    _known("steel_aluminium", t, set(keys) | {"steel_melted_poured_share"})
    for k in keys:
        if k not in t:
            raise _err("steel_aluminium", k, None, f"is required; add `{k} = ...` to [steel_aluminium].")
    return SteelAluminium(*(t[k] for k in keys), steel_melted_poured_share=t.get("steel_melted_poured_share"))


def _parse(text: str, origin: str, base: Path | None, seen: tuple[Path, ...]) -> BillOfMaterials:
    text = text.removeprefix("\ufeff")  # a byte-order mark some editors write
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BillOfMaterialsError(f"{origin}: not valid TOML ({exc}). Check quotes and brackets.") from None
    try:
        return _from_dict(data, base, seen)
    except BillOfMaterialsError as exc:
        msg = str(exc)
        raise BillOfMaterialsError(msg if msg.startswith(origin) else f"{origin}: {msg}") from None
    except RecursionError:
        raise BillOfMaterialsError(f"{origin}: nested too deeply; flatten the TOML tables.") from None


def _read(path: Path, seen: tuple[Path, ...]) -> BillOfMaterials:
    path = path.resolve()
    if path in seen:
        raise BillOfMaterialsError(f"BOM file {str(path)!r} includes itself through its materials' bom paths.")
    if len(seen) >= _MAX_DEPTH:
        raise BillOfMaterialsError(f"BOM file {str(path)!r}: materials' bom paths nest more than {_MAX_DEPTH} deep.")
    if not path.is_file():
        raise BillOfMaterialsError(f"BOM file {str(path)!r} does not exist; give the path to a .toml file.")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise BillOfMaterialsError(f"BOM file {str(path)!r} is not UTF-8 text; save it as UTF-8 TOML.") from None
    return _parse(text, str(path), path.parent, (*seen, path))


def parse_bom(text: str, origin: str = "<string>") -> BillOfMaterials:
    """Parse TOML text into a validated `BillOfMaterials`; errors are prefixed by ``origin``."""
    return _parse(text, origin, None, ())


def _examples_dir():
    return resources.files("palanca.data").joinpath("shipped").joinpath("roo")


def list_examples() -> list[str]:
    """Names of the shipped bills of materials (examples and the representative set)."""
    return sorted(p.name[:-5] for p in _examples_dir().iterdir() if p.name.endswith(".toml"))


def load_bom(ref: str | Path) -> BillOfMaterials:
    """A BOM from a ``.toml`` path, or a shipped one by name (see `list_examples`)."""
    if str(ref).endswith(".toml"):
        return _read(Path(ref), ())
    names = list_examples()
    if str(ref) not in names:
        raise BillOfMaterialsError(
            f"example {str(ref)!r} is not shipped; known examples: {', '.join(names)}. Pass a path ending in .toml."
        )
    with resources.as_file(_examples_dir().joinpath(f"{ref}.toml")) as path:
        return _read(path, ())


@dataclass(frozen=True)
class RepresentativeSet:
    """Representative BOMs of one sector with their trade weights and MFN rates (all judgement, see PROVENANCE)."""

    sector: str
    names: tuple[str, ...]
    boms: tuple[BillOfMaterials, ...]
    weights: tuple[float, ...]
    mfn_rates: tuple[float, ...]


def load_representative_set(sector: str = "autos") -> RepresentativeSet:
    """The shipped representative BOMs of a sector (``representative_set.csv``)."""
    text = _examples_dir().joinpath("representative_set.csv").read_text(encoding="utf-8")
    rows = [r for r in csv.DictReader(io.StringIO(text)) if r["sector"] == sector]
    if not rows:
        raise BillOfMaterialsError(f"sector = {sector!r}: no representative BOMs are shipped for it; use 'autos'.")
    return RepresentativeSet(
        sector,
        tuple(r["bom"] for r in rows),
        tuple(load_bom(r["bom"]) for r in rows),
        tuple(float(r["weight"]) for r in rows),
        tuple(float(r["mfn_rate"]) for r in rows),
    )
