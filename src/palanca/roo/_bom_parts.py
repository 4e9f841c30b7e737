"""The parts of a bill of materials: the product kind, a material, labour content, steel and aluminium, and the
checks of their fields (frozen values validated at construction; `_bom` assembles them into a `BillOfMaterials`).

Every error names the field, the value and the fix.
"""

from __future__ import annotations

import enum
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from palanca.errors import BillOfMaterialsError
from palanca.roo._iso3166 import origin_problem

if TYPE_CHECKING:  # pragma: no cover
    from palanca.roo._bom import BillOfMaterials

__all__ = ["LabourContent", "Material", "ProductKind", "SteelAluminium"]

_HS = re.compile(r"^\d{4}(\.?\d{2}){0,3}$")


class ProductKind(enum.StrEnum):
    """What the product is, which selects the rules that apply (`palanca roo rules`)."""

    PASSENGER_VEHICLE = "passenger_vehicle"
    LIGHT_TRUCK = "light_truck"
    HEAVY_TRUCK = "heavy_truck"
    OTHER_VEHICLE = "other_vehicle"
    CORE_PART = "core_part"
    PRINCIPAL_PART = "principal_part"
    COMPLEMENTARY_PART = "complementary_part"
    HEAVY_TRUCK_PART = "heavy_truck_part"
    OTHER_VEHICLE_PART = "other_vehicle_part"
    OTHER_GOOD = "other_good"

    @property
    def is_vehicle(self) -> bool:
        """Passenger vehicles, light and heavy trucks: the vehicles of App. Arts. 3-7 (LVC, steel, core parts)."""
        return self in (ProductKind.PASSENGER_VEHICLE, ProductKind.LIGHT_TRUCK, ProductKind.HEAVY_TRUCK)

    @property
    def is_automotive_part(self) -> bool:
        return self in (
            ProductKind.CORE_PART,
            ProductKind.PRINCIPAL_PART,
            ProductKind.COMPLEMENTARY_PART,
            ProductKind.HEAVY_TRUCK_PART,
            ProductKind.OTHER_VEHICLE_PART,
        )


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


def _flag(where: str, name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise _err(where, name, value, 'must be true or false, without quotes (a quoted "false" is text).')
    return value


def _percent(where: str, name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _err(where, name, value, "must be a percentage between 1 and 100, e.g. 60 for 60%.")
    if 0 < value < 1:
        raise _err(where, name, value, f"looks like a fraction; write percentages in points, e.g. {value * 100:g}.")
    if not 1 <= value <= 100:
        raise _err(where, name, value, "must be a percentage between 1 and 100, e.g. 60 for 60%.")
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
    description, hs_code : str
    value_usd : float
        Value of the material (USMCA Art. 4.6), USD per unit of the product.
    originating : bool or None
        Stated originating status; None when ``sub_bom`` decides it.
    sub_bom : BillOfMaterials or None
        The material's own bill of materials.
    origin : str or None
        ISO3 country where the material was produced (wholly obtained, produced entirely or substantially
        transformed), for U.S.-content accounting only.
    core_part : bool
        A part of Table A.1 (passenger vehicles and light trucks) or a heavy-truck core part (App. Art. 4.4).
    propulsion_battery : bool
        A battery of 8507.60 that is the primary source of propulsion power (GN 11(k)(iii)(C); CUSMA RoO Regs
        s. 14(2)-(3)): its originating status follows its own product-specific rule, not Table A.2.
    non_originating_content_usd : float or None
        For an originating part: the value of the non-originating materials inside it (its own VNM). Needed by the
        super-core option and by the U.S. reading of the roll-up.
    part_net_cost_usd : float or None
        The part's own net cost, for the super-core option (defaults to ``value_usd``).
    steel, aluminium : bool
        Raw steel or aluminium inputs (App. Art. 6), used when no ``[steel_aluminium]`` purchases are given.
    """

    description: str
    hs_code: str
    value_usd: float
    originating: bool | None
    origin: str | None = None
    core_part: bool = False
    propulsion_battery: bool = False
    non_originating_content_usd: float | None = None
    part_net_cost_usd: float | None = None
    steel: bool = False
    aluminium: bool = False
    sub_bom: BillOfMaterials | None = None

    def __post_init__(self) -> None:
        where = f"materials[{self.description!r}]"
        _number(where, "value_usd", self.value_usd)
        _hs(where, self.hs_code)
        if (self.originating is None) == (self.sub_bom is None):
            raise _err(
                where,
                "originating",
                self.originating,
                "give exactly one of `originating = true/false` (a certification of origin) or `bom = "
                '"part.toml"`; the supplier\'s country does not decide originating status (USMCA Art. 4.2).',
            )
        if self.originating is not None:
            _flag(where, "originating", self.originating)
        if self.origin is not None and (problem := origin_problem(self.origin)):
            raise _err(where, "origin", self.origin, problem)
        for name in ("core_part", "propulsion_battery", "steel", "aluminium"):
            _flag(where, name, getattr(self, name))
        if self.propulsion_battery and not self.hs_code.replace(".", "").startswith("850760"):
            raise _err(where, "propulsion_battery", True, "applies to batteries of subheading 8507.60 only.")
        if self.non_originating_content_usd is not None:
            v = _number(where, "non_originating_content_usd", self.non_originating_content_usd)
            if v > self.value_usd:
                raise _err(where, "non_originating_content_usd", v, f"exceeds the part's value_usd {self.value_usd:g}.")
        if self.part_net_cost_usd is not None:
            _number(where, "part_net_cost_usd", self.part_net_cost_usd, positive=True)


@dataclass(frozen=True)
class LabourContent:
    """The labour-value-content inputs of a vehicle (App. Art. 7).

    Attributes
    ----------
    material_manufacturing_share : float
        High-wage (≥ US$16/hour) material and manufacturing expenditures as a share of the vehicle's net cost.
    technology_share : float
        Annual North American wages for R&D and IT as a share of annual North American production wages (App. Art.
        7.3; 29 CFR 810.200); counts for at most 10 points.
    assembly_credit_declared : bool
        The producer operates (or has a long-term contract with) a high-wage engine, transmission or advanced-battery
        assembly plant in North America of the minimum annual capacity: a single 5-point credit (29 CFR 810.300).
        palanca does not check the plant or its capacity.
    """

    material_manufacturing_share: float
    technology_share: float = 0.0
    assembly_credit_declared: bool = False

    def __post_init__(self) -> None:
        names = ("material_manufacturing_share", "technology_share")
        for name in names:
            _share("labour", f"high_wage_{name}", getattr(self, name))
        _flag("labour", "assembly_credit_declared", self.assembly_credit_declared)


@dataclass(frozen=True)
class SteelAluminium:
    """The vehicle producer's annual purchases of steel and aluminium (App. Art. 6).

    ``steel_melted_poured_share``: the share of steel purchases that is originating *and* melted and poured in North
    America; required for checks on or after 1 July 2027.
    """

    steel_purchases_usd: float
    steel_north_american_share: float
    aluminium_purchases_usd: float
    aluminium_north_american_share: float
    steel_melted_poured_share: float | None = None

    def __post_init__(self) -> None:
        for metal in ("steel", "aluminium"):
            _number("steel_aluminium", f"{metal}_purchases_usd", getattr(self, f"{metal}_purchases_usd"))
            _share("steel_aluminium", f"{metal}_north_american_share", getattr(self, f"{metal}_north_american_share"))
        if self.steel_melted_poured_share is not None:
            v = _share("steel_aluminium", "steel_melted_poured_share", self.steel_melted_poured_share)
            if v > self.steel_north_american_share + 1e-12:
                raise _err(
                    "steel_aluminium",
                    "steel_melted_poured_share",
                    v,
                    "cannot exceed steel_north_american_share (melted and poured steel is a part of it).",
                )
