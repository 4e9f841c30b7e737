"""Vehicles: net-cost RVC, core parts, labour value content, steel and aluminium (Automotive Appendix, Arts. 3–7)."""

from __future__ import annotations

import dataclasses

import pytest
from roo_helpers import MELTED, materials, vehicle

from palanca.roo import (
    LabourContent,
    Material,
    ProductKind,
    SteelAluminium,
    calc_lvc,
    check_origin,
    load_bom,
)


def test_passenger_vehicle_rvc_net_cost_only_at_and_below_75():
    """App. Art. 3.1, GN 11(k)(iii): 75% from 1 July 2023 under the net cost method, no transaction-value alternative.

    NC 27,000, VNM 6,750 → (27,000 − 6,750)/27,000 = 75.00% exactly → passes with zero margin.
    VNM 7,020 → 19,980/27,000 = 74.00% → fails by 1 point = 0.01 × 27,000 = USD 270; the 1,500 material
    (5.56 points) flips it alone, the 270 one (exactly 1 point) too, the 100 one (0.37 points) does not.
    """
    at = check_origin(vehicle(mats=materials([6_750.0], 10_000.0)), as_of="2026-06-01")
    assert [t.name for t in at.tests][:1] == ["rvc_net_cost"]
    assert "rvc_transaction_value" not in [t.name for t in at.tests]
    assert at.qualifies and at.test("rvc_net_cost").margin_pp == pytest.approx(0.0, abs=1e-12)
    below = vehicle(mats=materials([1_500.0, 5_150.0, 270.0, 100.0], 10_000.0))  # VNM 7,020
    below = check_origin(below, as_of="2026-06-01")
    t = below.test("rvc_net_cost")
    assert sum(m.value_usd for m in below.deciding_materials) == pytest.approx(7_020.0)
    assert t.value_pp == pytest.approx(74.0) and t.margin_usd == pytest.approx(-270.0)
    assert not below.qualifies and below.binding_test == "rvc_net_cost"
    flips = {m.value_usd: m.flips for m in below.deciding_materials}
    assert flips[1_500.0] and flips[270.0] and not flips[100.0]
    effects = [m.effect_pp for m in below.deciding_materials]
    assert effects == sorted(effects, reverse=True)  # ranked by effect on the binding test


def test_heavy_truck_70_percent_from_july_2027_and_45_percent_lvc():
    """App. Art. 4.1: heavy trucks 70% NC from 1 July 2027 (64% before; CUSMA RoO Regs s. 13, 8701.20); LVC 45% with
    ≥ 30 points material & manufacturing.

    NC 100,000, VNM 30,000 → 70.00% passes; labour 30 + 10 + 5 (assembly credit) → LVC 45.00 passes exactly.
    Labour 29 + 11 (counts 10) + 5 → LVC 44 fails by 1 point = USD 1,000, material & manufacturing 29 < 30.
    """
    truck = vehicle(ProductKind.HEAVY_TRUCK, 120_000, 100_000, materials([30_000.0], 50_000.0), steel_aluminium=MELTED)
    ok = check_origin(truck, as_of="2027-07-01")
    assert ok.qualifies and ok.test("rvc_net_cost").value_pp == pytest.approx(70.0)
    assert ok.test("rvc_net_cost").threshold_pp == 70.0
    assert ok.test("lvc").value_pp == pytest.approx(45.0) and ok.test("lvc").threshold_pp == 45.0
    assert not [t for t in ok.tests if t.name.startswith("core_parts")]
    lab = LabourContent(0.29, 0.11, assembly_credit_declared=True)
    bad = check_origin(
        vehicle(ProductKind.HEAVY_TRUCK, 120_000, 100_000, materials([30_000.0]), labour=lab, steel_aluminium=MELTED),
        as_of="2027-07-01",
    )
    lvc, mm = bad.test("lvc"), bad.test("lvc_high_wage_material_manufacturing")
    assert lvc.value_pp == pytest.approx(44.0) and lvc.margin_usd == pytest.approx(-1_000.0)
    assert mm.threshold_pp == 30.0 and not mm.passes and not bad.qualifies


@pytest.mark.parametrize(
    ("kind", "mm", "tech", "assembly", "lvc", "passes"),
    [
        # passenger vehicle (App. Art. 7.1): 40 = 25 + ≤ 10 technology + 5 assembly credit
        (ProductKind.PASSENGER_VEHICLE, 0.25, 0.10, True, 40.0, True),  # exactly at the threshold
        (ProductKind.PASSENGER_VEHICLE, 0.35, 0.00, True, 40.0, True),  # technology is optional
        (ProductKind.PASSENGER_VEHICLE, 0.25, 0.20, False, 35.0, False),  # technology capped at 10 points
        (ProductKind.PASSENGER_VEHICLE, 0.24, 0.16, True, 39.0, False),  # 24 + 10 + 5, and 24 < 25
        (ProductKind.PASSENGER_VEHICLE, 0.40, 0.00, False, 40.0, True),  # material & manufacturing alone
        # light truck (App. Art. 7.2): 45 = 30 + ≤ 10 + 5
        (ProductKind.LIGHT_TRUCK, 0.28, 0.10, True, 43.0, False),
        (ProductKind.LIGHT_TRUCK, 0.30, 0.12, True, 45.0, True),
    ],
)
def test_labour_value_content_caps_and_floors(kind, mm, tech, assembly, lvc, passes):
    """LVC = 100·s_MM + min(100·s_T, 10) + 5·[assembly credit] (technology: R&D + IT wages / production wages, App.
    Art. 7.3 and 29 CFR 810.200; assembly: "a single credit of five percent", 29 CFR 810.300(a)); 100·s_MM must
    reach 25 (cars) or 30 (trucks)."""
    assert calc_lvc(mm, tech, assembly) == pytest.approx(lvc)
    r = check_origin(vehicle(kind, labour=LabourContent(mm, tech, assembly)), as_of="2026-06-01")
    assert r.test("lvc").value_pp == pytest.approx(lvc)
    assert r.qualifies is passes


def test_lvc_floor_margin_in_usd_of_net_cost():
    """Passenger vehicle, s_MM 0.249, s_T 0.10, assembly credit: LVC 39.9 and the 25-point floor fails by 0.1 point
    = 0.001 × NC 27,000 = USD 27 of high-wage material and manufacturing expenditure."""
    r = check_origin(vehicle(labour=LabourContent(0.249, 0.10, True)), as_of="2026-06-01")
    mm = r.test("lvc_high_wage_material_manufacturing")
    assert mm.margin_pp == pytest.approx(-0.1) and mm.margin_usd == pytest.approx(-27.0)
    assert dict(r.test("lvc").to_dict()["inputs"])["high_wage_material_manufacturing_share"] == 0.249


def test_steel_and_aluminium_70_percent():
    """Art. 6.1: ≥ 70% of the producer's steel and of its aluminium purchases originating.

    Steel 70.0% of USD 1bn → passes at the threshold. Aluminium 69.9% of USD 1bn → fails by 0.1 point
    = USD 1,000,000 of purchases to shift to North American suppliers; it is then the binding test.
    """
    r = check_origin(vehicle(steel_aluminium=SteelAluminium(1e9, 0.70, 1e9, 0.699)), as_of="2026-06-01")
    assert r.test("steel").passes and r.test("steel").margin_pp == pytest.approx(0.0, abs=1e-9)
    al = r.test("aluminium")
    assert not al.passes and al.margin_usd == pytest.approx(-1e6)
    assert not r.qualifies and r.binding_test == "aluminium" and r.deciding_test == "rvc_net_cost"


def test_steel_share_estimated_from_flagged_materials_when_purchases_absent():
    """Without [steel_aluminium], flagged materials give the shares: steel 1,500 originating of 2,000 = 75%."""
    mats = (
        Material("sheet", "7209.16", 1_500, True, steel=True),
        Material("bars", "7214.99", 500, False, steel=True),
        Material("castings", "7616.99", 600, True, aluminium=True),
        Material("rest", "8708.99", 10_000, True),
    )
    r = check_origin(vehicle(mats=mats, steel_aluminium=None), as_of="2026-06-01")
    assert r.test("steel").value_pp == pytest.approx(75.0) and r.test("aluminium").value_pp == pytest.approx(100.0)
    assert any("estimated from this bill of materials" in n for n in r.notes)


def test_results_and_boms_are_frozen_and_render():
    r = check_origin(load_bom("sedan-qualifies"), as_of="2026-06-01")
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.qualifies = False  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        load_bom("sedan-qualifies").net_cost_usd = 1.0  # type: ignore[misc]
    assert "QUALIFIES" in str(r) and "Binding test: Labour value content" in r.summary
    d = r.to_dict()
    assert set(d) == {
        "product",
        "hs_code",
        "kind",
        "qualifies",
        "as_of",
        "non_originating_usd",
        "binding_test",
        "deciding_test",
        "tests",
        "deciding_materials",
        "notes",
    }
    nc = next(t for t in d["tests"] if t["name"] == "rvc_net_cost")
    assert nc["threshold_pct"] == 75.0 and d["as_of"] == "2026-06-01"
    assert nc["inputs"] == {"net_cost_usd": 27_000.0, "non_originating_usd": 3_800.0}
