"""The bill of materials (BOM): a frozen, validated schema read from TOML.

A BOM file has a ``[product]`` table, one ``[[materials]]`` table per material, and, for vehicles,
``[labour]`` and ``[steel_aluminium]`` tables::

    [product]
    name = "Compact sedan"
    hs_code = "8703.23"
    kind = "passenger_vehicle"      # see ProductKind
    transaction_value_usd = 30000   # TV, adjusted to exclude international shipping (Art. 4.5.2)
    net_cost_usd = 27000            # NC (Art. 4.5.3); required for vehicles

    [labour]                        # shares of the vehicle's net cost, fractions in [0, 1]
    high_wage_material_manufacturing_share = 0.28
    high_wage_technology_share = 0.08
    high_wage_assembly_share = 0.05

    [steel_aluminium]               # the producer's annual purchases (Automotive Appendix, Art. 6)
    steel_purchases_usd = 1.2e9
    steel_north_american_share = 0.82
    aluminium_purchases_usd = 3.0e8
    aluminium_north_american_share = 0.74

    [[materials]]
    description = "Transmission"
    hs_code = "8708.40"
    value_usd = 2500
    originating = false             # or: origin = "JPN" (CAN, MEX, USA count as originating)
    core_part = true                # steel = true / aluminium = true flag raw metal inputs

Non-automotive goods (``kind = "other_good"``) state their Annex 4-B product-specific rule:
``rvc_threshold_pct`` (with ``rvc_method`` = ``"either"``, ``"net_cost"`` or
``"transaction_value"``) and/or ``tariff_shift`` = ``"chapter"``, ``"heading"`` or
``"subheading"``, and may set ``de_minimis = true`` (Art. 4.12).

Every error names the field, the value and the fix.
"""

from __future__ import annotations

import enum
import math
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from palanca.roo._thresholds import NORTH_AMERICAN_COUNTRIES
from palanca.errors import BillOfMaterialsError

__all__ = [
    "BillOfMaterials",
    "LabourContent",
    "Material",
    "ProductKind",
    "SteelAluminium",
    "list_examples",
    "load_bom",
    "parse_bom",
]

_HS = re.compile(r"^\d{4}(\.?\d{2}){0,3}$")


class ProductKind(enum.StrEnum):
    """What the product is, which selects the rules that apply."""

    PASSENGER_VEHICLE = "passenger_vehicle"
    LIGHT_TRUCK = "light_truck"
    HEAVY_TRUCK = "heavy_truck"
    CORE_PART = "core_part"
    PRINCIPAL_PART = "principal_part"
    COMPLEMENTARY_PART = "complementary_part"
    OTHER_GOOD = "other_good"

    @property
    def is_vehicle(self) -> bool:
        return self in (ProductKind.PASSENGER_VEHICLE, ProductKind.LIGHT_TRUCK, ProductKind.HEAVY_TRUCK)


def _err(where: str, name: str, value: Any, fix: str) -> BillOfMaterialsError:
    return BillOfMaterialsError(f"{where}.{name} = {value!r}: {fix}")


def _number(where: str, name: str, value: Any, *, positive: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _err(where, name, value, "must be a finite number (USD, without quotes or thousands separators).")
    if value < 0 or (positive and value == 0):
        raise _err(where, name, value, "must be " + ("positive" if positive else "zero or positive") + ".")
    return float(value)


def _share(where: str, name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _err(where, name, value, "must be a number between 0 and 1 (a fraction, e.g. 0.75 for 75%).")
    if not 0.0 <= value <= 1.0:
        hint = f" Did you mean {value / 100:g}?" if 1.0 < value <= 100.0 else ""
        raise _err(where, name, value, f"must be a fraction between 0 and 1, not a percentage.{hint}")
    return float(value)


def _hs(where: str, value: Any) -> str:
    if not isinstance(value, str) or not _HS.match(value.strip()):
        raise _err(where, "hs_code", value, 'must be an HS code as a string of 4 to 10 digits, e.g. "8708.40".')
    return value.strip()


@dataclass(frozen=True)
class Material:
    """One line of the bill of materials.

    Attributes
    ----------
    description : str
    hs_code : str
        HS classification of the material (4–10 digits, dots allowed).
    value_usd : float
        Value of the material (Art. 4.6), USD per unit of the product.
    originating : bool
        Whether the material is originating under USMCA Chapter 4.
    origin : str or None
        ISO3 country of origin, if given; CAN, MEX and USA count as originating.
    core_part, steel, aluminium : bool
        Whether the material is a core part (Automotive Appendix, Table A.1), steel or aluminium.
    """

    description: str
    hs_code: str
    value_usd: float
    originating: bool
    origin: str | None = None
    core_part: bool = False
    steel: bool = False
    aluminium: bool = False

    def __post_init__(self) -> None:
        where = f"materials[{self.description!r}]"
        _number(where, "value_usd", self.value_usd)
        _hs(where, self.hs_code)
        if self.origin is not None and (self.origin in NORTH_AMERICAN_COUNTRIES) != self.originating:
            raise _err(
                where, "originating", self.originating, f"contradicts origin = {self.origin!r}; give one of the two."
            )


@dataclass(frozen=True)
class LabourContent:
    """High-wage expenditures as shares of the vehicle's net cost (Automotive Appendix, Art. 7)."""

    material_manufacturing_share: float
    technology_share: float = 0.0
    assembly_share: float = 0.0

    def __post_init__(self) -> None:
        for name in ("material_manufacturing_share", "technology_share", "assembly_share"):
            _share("labour", f"high_wage_{name}", getattr(self, name))


@dataclass(frozen=True)
class SteelAluminium:
    """The vehicle producer's annual purchases of steel and aluminium (Automotive Appendix, Art. 6)."""

    steel_purchases_usd: float
    steel_north_american_share: float
    aluminium_purchases_usd: float
    aluminium_north_american_share: float

    def __post_init__(self) -> None:
        for metal in ("steel", "aluminium"):
            _number("steel_aluminium", f"{metal}_purchases_usd", getattr(self, f"{metal}_purchases_usd"))
            _share("steel_aluminium", f"{metal}_north_american_share", getattr(self, f"{metal}_north_american_share"))


@dataclass(frozen=True)
class BillOfMaterials:
    """A product and the materials used to produce it; validated at construction.

    Attributes
    ----------
    name, hs_code : str
    kind : ProductKind
    transaction_value_usd : float
        TV of the good, excluding international shipping (USMCA Art. 4.5.2).
    net_cost_usd : float or None
        NC of the good (Art. 4.5.3); required for vehicles, whose rules allow the net cost method only.
    materials : tuple of Material
    labour : LabourContent or None
        Required for vehicles.
    steel_aluminium : SteelAluminium or None
        For vehicles; if absent the steel/aluminium shares are estimated from the flagged materials.
    rvc_threshold_pct : float or None
        ``other_good`` only: the RVC of its Annex 4-B product-specific rule, in percent.
    rvc_method : str
        ``other_good`` only: ``"either"``, ``"net_cost"`` or ``"transaction_value"``.
    tariff_shift : str or None
        ``other_good`` only: ``"chapter"``, ``"heading"`` or ``"subheading"`` change required of
        every non-originating material.
    de_minimis : bool
        ``other_good`` only: apply the 10 % de minimis rule of Art. 4.12 to the tariff shift.
    """

    name: str
    hs_code: str
    kind: ProductKind
    transaction_value_usd: float
    net_cost_usd: float | None = None
    materials: tuple[Material, ...] = ()
    labour: LabourContent | None = None
    steel_aluminium: SteelAluminium | None = None
    rvc_threshold_pct: float | None = None
    rvc_method: str = "either"
    tariff_shift: str | None = None
    de_minimis: bool = False
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if not isinstance(self.kind, ProductKind):
            raise _err("product", "kind", self.kind, f"must be one of {', '.join(k.value for k in ProductKind)}.")
        _hs("product", self.hs_code)
        _number("product", "transaction_value_usd", self.transaction_value_usd, positive=True)
        if self.net_cost_usd is not None:
            _number("product", "net_cost_usd", self.net_cost_usd, positive=True)
        if not self.materials:
            raise _err("bill of materials", "materials", [], "add at least one [[materials]] table.")
        automotive = self.kind is not ProductKind.OTHER_GOOD
        if self.kind.is_vehicle:
            if self.net_cost_usd is None:
                raise _err("product", "net_cost_usd", None, "is required for vehicles (net cost method only).")
            if self.labour is None:
                raise _err("bill of materials", "labour", None, "add a [labour] table for a vehicle (LVC, Art. 7).")
            if self.steel_aluminium is None and not any(m.steel or m.aluminium for m in self.materials):
                raise _err(
                    "bill of materials",
                    "steel_aluminium",
                    None,
                    "add a [steel_aluminium] table with the producer's purchases (Art. 6), or flag steel/aluminium "
                    "materials.",
                )
        for name in ("rvc_threshold_pct", "tariff_shift"):
            if automotive and getattr(self, name) is not None:
                fix = f"applies to kind = 'other_good' only, not {self.kind}."
                raise _err("product", name, getattr(self, name), fix)
        if automotive and self.de_minimis:
            raise _err("product", "de_minimis", True, "is an option for kind = 'other_good' only; remove it.")
        if self.rvc_method not in ("either", "net_cost", "transaction_value"):
            raise _err("product", "rvc_method", self.rvc_method, "must be 'either', 'net_cost' or 'transaction_value'.")
        if self.rvc_threshold_pct is not None:
            v = self.rvc_threshold_pct
            if isinstance(v, bool) or not isinstance(v, int | float) or not 0 <= v <= 100:
                raise _err("product", "rvc_threshold_pct", v, "must be a percentage between 0 and 100 (e.g. 60).")
            if self.rvc_method == "net_cost" and self.net_cost_usd is None:
                raise _err("product", "net_cost_usd", None, "is required when rvc_method = 'net_cost'.")
        if self.tariff_shift not in (None, "chapter", "heading", "subheading"):
            raise _err("product", "tariff_shift", self.tariff_shift, "must be 'chapter', 'heading' or 'subheading'.")
        if self.kind is ProductKind.OTHER_GOOD and self.rvc_threshold_pct is None and self.tariff_shift is None:
            raise _err(
                "product",
                "rvc_threshold_pct",
                None,
                "an other_good needs its Annex 4-B rule: set rvc_threshold_pct and/or tariff_shift.",
            )

    @property
    def non_originating_usd(self) -> float:
        """VNM: the value of non-originating materials (Art. 4.5)."""
        return sum(m.value_usd for m in self.materials if not m.originating)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BillOfMaterials:
        """Build from the parsed TOML mapping; unknown or missing keys raise `BillOfMaterialsError`."""
        _known("bill of materials", data, {"product", "materials", "labour", "steel_aluminium", "notes"})
        product = data.get("product")
        if not isinstance(product, dict):
            raise _err("bill of materials", "product", product, "add a [product] table.")
        _known(
            "product",
            product,
            {"name", "hs_code", "kind", "transaction_value_usd", "net_cost_usd", "rvc_threshold_pct", "rvc_method"}
            | {"tariff_shift", "de_minimis"},
        )
        for req in ("name", "hs_code", "kind", "transaction_value_usd"):
            if req not in product:
                raise _err("product", req, None, f"is required; add `{req} = ...` to [product].")
        try:
            kind = ProductKind(product["kind"])
        except ValueError:
            kinds = ", ".join(k.value for k in ProductKind)
            raise _err("product", "kind", product["kind"], f"unknown kind; use one of {kinds}.") from None
        mats = data.get("materials", [])
        if not isinstance(mats, list):
            raise _err("bill of materials", "materials", mats, "write each material as a [[materials]] table.")
        labour = data.get("labour")
        steel = data.get("steel_aluminium")
        return cls(
            name=str(product["name"]),
            hs_code=product["hs_code"],
            kind=kind,
            transaction_value_usd=product["transaction_value_usd"],
            net_cost_usd=product.get("net_cost_usd"),
            materials=tuple(_material(k, m) for k, m in enumerate(mats)),
            labour=None if labour is None else _labour(labour),
            steel_aluminium=None if steel is None else _steel(steel),
            rvc_threshold_pct=product.get("rvc_threshold_pct"),
            rvc_method=product.get("rvc_method", "either"),
            tariff_shift=product.get("tariff_shift"),
            de_minimis=bool(product.get("de_minimis", False)),
            notes=tuple(str(n) for n in data.get("notes", ())),
        )


def _known(where: str, table: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        fix = f"unknown field; allowed fields: {', '.join(sorted(allowed))}."
        raise _err(where, unknown[0], table[unknown[0]], fix)


_MATERIAL_FIELDS = {"description", "hs_code", "value_usd", "originating", "origin", "core_part", "steel", "aluminium"}


def _material(k: int, m: Any) -> Material:
    where = f"materials[{k}]"
    if not isinstance(m, dict):
        raise _err("bill of materials", f"materials[{k}]", m, "must be a [[materials]] table.")
    _known(where, m, _MATERIAL_FIELDS)
    for req in ("description", "hs_code", "value_usd"):
        if req not in m:
            raise _err(where, req, None, f"is required; add `{req} = ...` to this [[materials]] table.")
    where = f"materials[{m['description']!r}]"
    origin = m.get("origin")
    if origin is not None and (not isinstance(origin, str) or not re.fullmatch(r"[A-Z]{3}", origin)):
        raise _err(where, "origin", origin, 'must be an ISO 3166 alpha-3 code such as "MEX" or "CHN".')
    if "originating" in m:
        if not isinstance(m["originating"], bool):
            raise _err(where, "originating", m["originating"], "must be true or false (no quotes).")
        originating = m["originating"]
    elif origin is not None:
        originating = origin in NORTH_AMERICAN_COUNTRIES
    else:
        raise _err(where, "originating", None, 'give `originating = true/false` or `origin = "ISO3"`.')
    flags = {}
    for flag in ("core_part", "steel", "aluminium"):
        if not isinstance(m.get(flag, False), bool):
            raise _err(where, flag, m[flag], "must be true or false (no quotes).")
        flags[flag] = m.get(flag, False)
    return Material(str(m["description"]), m["hs_code"], m["value_usd"], originating, origin, **flags)


def _labour(t: Any) -> LabourContent:
    if not isinstance(t, dict):
        raise _err("bill of materials", "labour", t, "must be a [labour] table.")
    keys = {"high_wage_material_manufacturing_share", "high_wage_technology_share", "high_wage_assembly_share"}
    _known("labour", t, keys)
    if "high_wage_material_manufacturing_share" not in t:
        raise _err("labour", "high_wage_material_manufacturing_share", None, "is required for a vehicle (Art. 7).")
    return LabourContent(
        t["high_wage_material_manufacturing_share"],
        t.get("high_wage_technology_share", 0.0),
        t.get("high_wage_assembly_share", 0.0),
    )


def _steel(t: Any) -> SteelAluminium:
    if not isinstance(t, dict):
        raise _err("bill of materials", "steel_aluminium", t, "must be a [steel_aluminium] table.")
    keys = [f"{m}_{f}" for m in ("steel", "aluminium") for f in ("purchases_usd", "north_american_share")]
    _known("steel_aluminium", t, set(keys))
    for k in keys:
        if k not in t:
            raise _err("steel_aluminium", k, None, f"is required; add `{k} = ...` to [steel_aluminium].")
    return SteelAluminium(*(t[k] for k in keys))


def parse_bom(text: str, origin: str = "<string>") -> BillOfMaterials:
    """Parse TOML text into a validated `BillOfMaterials`; errors are prefixed by ``origin``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BillOfMaterialsError(f"{origin}: not valid TOML ({exc}). Check quotes and brackets.") from None
    try:
        return BillOfMaterials.from_dict(data)
    except BillOfMaterialsError as exc:
        raise BillOfMaterialsError(f"{origin}: {exc}") from None


def _examples_dir():
    return resources.files("palanca.data").joinpath("shipped").joinpath("roo")


def list_examples() -> list[str]:
    """Names of the shipped example bills of materials."""
    return sorted(p.name[:-5] for p in _examples_dir().iterdir() if p.name.endswith(".toml"))


def load_bom(ref: str | Path) -> BillOfMaterials:
    """A BOM from a ``.toml`` path, or a shipped example by name (see `list_examples`)."""
    path = Path(ref)
    if str(ref).endswith(".toml"):
        if not path.is_file():
            raise BillOfMaterialsError(f"BOM file {str(ref)!r} does not exist; give the path to a .toml file.")
        return parse_bom(path.read_text(encoding="utf-8"), str(ref))
    names = list_examples()
    if str(ref) not in names:
        raise BillOfMaterialsError(
            f"example {str(ref)!r} is not shipped; known examples: {', '.join(names)}. Pass a path ending in .toml."
        )
    return parse_bom(_examples_dir().joinpath(f"{ref}.toml").read_text(encoding="utf-8"), f"example {ref}")
