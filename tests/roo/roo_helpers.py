"""Builders of small bills of materials for the rules-of-origin tests."""

from __future__ import annotations

from palanca.roo import BillOfMaterials, LabourContent, Material, ProductKind, SteelAluminium

PASSING_LABOUR = LabourContent(0.30, 0.10, assembly_credit_declared=True)  # LVC 45: passes 40 and 45
PASSING_METALS = SteelAluminium(1e9, 0.80, 1e8, 0.80)
MELTED = SteelAluminium(1e9, 0.80, 1e8, 0.80, steel_melted_poured_share=0.75)

# A one-material non-vehicle bill as TOML, for tests that append or replace a line.
PUMP = """
[product]
name = "pump"
hs_code = "8413.70"
kind = "other_good"
transaction_value_usd = 1000
net_cost_usd = 900
rvc_threshold_pct = 60
rvc_net_cost_threshold_pct = 50
tariff_shift = "heading"

[[materials]]
description = "motor"
hs_code = "8501.52"
value_usd = 300
originating = false
"""


def materials(non_originating: list[float], originating: float = 0.0, **flags) -> tuple[Material, ...]:
    """Non-originating materials of the given values (named m1, m2, …, HS 8708.99) plus one originating one."""
    out = [Material(f"m{k + 1}", "8708.99", v, False, **flags) for k, v in enumerate(non_originating)]
    if originating:
        out.append(Material("local", "8708.99", originating, True, **flags))
    return tuple(out)


def vehicle(kind=ProductKind.PASSENGER_VEHICLE, tv=30_000.0, nc=27_000.0, mats=None, **kw) -> BillOfMaterials:
    """A vehicle whose LVC, steel and aluminium pass unless overridden (HS 8703.23, 8704.31 or 8701.21 by kind)."""
    kw.setdefault("labour", PASSING_LABOUR)
    kw.setdefault("steel_aluminium", PASSING_METALS)
    hs = kw.pop("hs_code", _HS[kind])
    return BillOfMaterials("car", hs, kind, tv, nc, mats or materials([1000.0], 10_000.0), **kw)


_HS = {ProductKind.PASSENGER_VEHICLE: "8703.23", ProductKind.LIGHT_TRUCK: "8704.31", ProductKind.HEAVY_TRUCK: "8701.21"}
