"""Core parts: each Table A.1 part originating, the super-core option, the roll-up readings, the battery exception.

Legal text: App. Arts. 3.7-3.9 (core parts of passenger vehicles and light trucks; the panel in *United States —
Automotive Rules of Origin*, final report of 14 December 2022, cites these paragraphs), GN 11(k)(iii)(C) and CUSMA
RoO Regs s. 14(2)-(3) (a Table A.1 part is originating only if it meets the Table A.2 RVC, except a propulsion
battery of 8507.60, which follows its own rule), App. Art. 4.4 (heavy-truck core parts).
"""

from __future__ import annotations

import dataclasses

import pytest
from roo_helpers import vehicle

from palanca.errors import BillOfMaterialsError
from palanca.roo import Material, ProductKind, check_origin, load_bom

AS_OF = "2026-06-01"


def test_sedan_with_a_japanese_steering_system_fails_unless_the_super_core_carries_it():
    """The shipped sedan buys its steering system (USD 500) from Japan, non-originating.

    One by one (Art. 3.7): a core part is not originating, so the vehicle is not, whatever its RVC; the steering
    system alone would flip it. As a super-core: core parts' net cost 12,000 (engine 4,000, transmission 2,500,
    body 3,000, axles 1,200, suspension 800, steering 500) with non-originating content 600 + 400 + 150 + 100 + 80
    + 500 = 1,830 → (12,000 − 1,830)/12,000 = 84.75% ≥ 75%: every core part counts as originating.
    """
    bom = load_bom("sedan-qualifies")
    one_by_one = check_origin(bom, as_of=AS_OF, core_parts_method="individual")
    assert not one_by_one.qualifies and one_by_one.binding_test == "core_parts_originating"
    t = one_by_one.test("core_parts_originating")
    assert t.margin_usd == pytest.approx(-500.0)
    assert [(m.description, m.flips) for m in one_by_one.deciding_materials] == [("Steering system", True)]
    assert any("Steering system" in n for n in one_by_one.notes)
    sc = check_origin(bom, as_of=AS_OF)
    assert bom.core_parts_method == "super_core" and sc.qualifies
    assert sc.test("core_parts_super_core").value_pp == pytest.approx((12_000 - 1_830) / 120)


def test_super_core_that_misses_75_percent_fails():
    """Core parts 10,000 with 2,600 non-originating content → 74% < 75%: fails by 1 point = USD 100."""
    mats = (
        Material("engine", "8407.34", 6_000, True, core_part=True, non_originating_content_usd=2_000),
        Material("steering", "8708.94", 600, False, "JPN", core_part=True),
        Material("axles", "8708.50", 3_400, True, core_part=True, non_originating_content_usd=0),
        Material("rest", "8708.99", 10_000, True),
    )
    r = check_origin(vehicle(mats=mats, core_parts_method="super_core"), as_of=AS_OF)
    t = r.test("core_parts_super_core")
    assert t.value_pp == pytest.approx(74.0) and t.margin_usd == pytest.approx(-100.0)
    assert not r.qualifies and r.binding_test == "core_parts_super_core"


def test_roll_up_panel_reading_and_us_reading():
    """Vehicle RVC of the shipped sedan (NC 27,000). Panel reading (USMCA Art. 4.5.4, CUSMA RoO Regs s. 14(1)):
    originating core parts count in full, VNM = the non-core non-originating materials 1,200 + 1,500 + 600 + 500
    = 3,800 → 85.93%. U.S. reading: the 1,830 of non-originating content in the core parts stays in → VNM 5,630
    → 79.15%."""
    bom = load_bom("sedan-qualifies")
    panel, us = check_origin(bom, as_of=AS_OF), check_origin(bom, as_of=AS_OF, roll_up="us")
    assert panel.non_originating_usd == pytest.approx(3_800) and us.non_originating_usd == pytest.approx(5_630)
    assert panel.test("rvc_net_cost").value_pp == pytest.approx((27_000 - 3_800) / 270)
    assert us.test("rvc_net_cost").value_pp == pytest.approx((27_000 - 5_630) / 270)
    assert any("United States contests" in n for n in panel.notes)
    assert any("panel rejected" in n for n in us.notes)


def test_the_us_reading_can_decide_the_verdict():
    """NC 27,000; one originating core part worth 10,000 carrying 2,000 non-originating content; other
    non-originating materials 5,000. Panel: (27,000 − 5,000)/27,000 = 81.5% passes; U.S.: 20,000/27,000 = 74.1%
    fails 75% by 0.93 points = USD 250."""
    mats = (
        Material("engine", "8407.34", 10_000, True, core_part=True, non_originating_content_usd=2_000),
        Material("imports", "8708.99", 5_000, False),
        Material("local", "8708.99", 5_000, True),
    )
    assert check_origin(vehicle(mats=mats), as_of=AS_OF).qualifies
    us = check_origin(vehicle(mats=mats), as_of=AS_OF, roll_up="us")
    assert not us.qualifies and us.test("rvc_net_cost").margin_usd == pytest.approx(-250.0)


def test_us_reading_needs_the_content_of_originating_core_parts():
    mats = (Material("engine", "8407.34", 4_000, True, core_part=True), Material("rest", "8708.99", 9_000, True))
    with pytest.raises(BillOfMaterialsError, match=r"materials\['engine'\]\.non_originating_content_usd = None"):
        check_origin(vehicle(mats=mats), as_of=AS_OF, roll_up="us")


def test_propulsion_battery_is_outside_the_super_core_and_must_be_originating():
    """GN 11(k)(iii)(C): a propulsion battery of 8507.60 is excepted from the Table A.2 RVC, so the super-core
    cannot carry it. A non-originating battery fails the vehicle although the other core parts pass 75%."""
    mats = (
        Material("battery pack", "8507.60", 9_000, False, "KOR", core_part=True, propulsion_battery=True),
        Material("drive unit", "8501.33", 3_000, True, core_part=True, non_originating_content_usd=300),
        Material("rest", "8708.99", 5_000, True),
    )
    r = check_origin(vehicle(mats=mats, core_parts_method="super_core"), as_of=AS_OF)
    assert r.test("core_parts_super_core").passes  # 2,700 / 3,000 = 90%
    bat = r.test("core_parts_originating")
    assert bat.label == "Propulsion battery originating" and not bat.passes and not r.qualifies
    assert bat.margin_usd == pytest.approx(-9_000.0)


def test_a_propulsion_battery_qualifies_under_its_own_rule_not_table_a2():
    """A battery pack (8507.60) whose RVC is 55% NC: Table A.2's 75% does not apply to a propulsion battery
    (GN 11(k)(iii)(C)), which follows its own product-specific rule (CUSMA RoO Regs s. 14(3)), so a battery BOM
    without its rule is refused rather than failed at 75%; with a change-of-subheading rule its
    non-originating cells of 8507.60 fail the shift, while a rule of 'change of subheading or RVC 50% NC' passes."""
    from palanca.roo import BillOfMaterials

    mats = (Material("cells", "8507.60", 4_500, False, "KOR"), Material("pack", "8537.10", 3_000, True))
    kw = dict(
        name="pack",
        hs_code="8507.60",
        kind=ProductKind.CORE_PART,
        transaction_value_usd=11_000,
        net_cost_usd=10_000,
        materials=mats,
    )
    with pytest.raises(BillOfMaterialsError, match=r"excepted from the Table A\.2 thresholds"):
        BillOfMaterials(**kw)  # Table A.2 (75%) does not apply: GN 11(k)(iii)(C)
    shift_only = check_origin(BillOfMaterials(**kw, tariff_shift="subheading"), as_of=AS_OF)
    assert not shift_only.qualifies and any("own product-specific rule" in n for n in shift_only.notes)
    either = BillOfMaterials(**kw, tariff_shift="subheading", rvc_net_cost_threshold_pct=50, rvc_method="net_cost")
    assert check_origin(either, as_of=AS_OF).qualifies


def test_heavy_truck_core_parts_one_by_one():
    """App. Art. 4.4: a heavy truck with a non-originating engine fails even though its RVC (NC 100,000, VNM
    20,000 → 80%) clears 64%; the super-core option is not available for heavy trucks."""
    mats = (
        Material("engine", "8408.20", 20_000, False, "DEU", core_part=True),
        Material("cab", "8707.90", 30_000, True, core_part=True),
    )
    truck = vehicle(ProductKind.HEAVY_TRUCK, 120_000, 100_000, mats, core_parts_method="super_core")
    r = check_origin(truck, as_of=AS_OF)
    assert r.test("rvc_net_cost").value_pp == pytest.approx(80.0) and r.test("rvc_net_cost").threshold_pp == 64.0
    assert not r.qualifies and r.binding_test == "core_parts_originating"
    assert "core_parts_super_core" not in [t.name for t in r.tests]


def test_originating_status_from_a_parts_own_bom(tmp_path):
    """A material with ``bom = "transmission.toml"`` takes its status from that BOM as of the same date: the
    shipped transmission fails 75% NC (72%), so the sedan that uses it fails one by one."""
    from importlib import resources

    src = resources.files("palanca.data").joinpath("shipped", "roo")
    (tmp_path / "transmission.toml").write_text(src.joinpath("transmission-core-part.toml").read_text("utf-8"))
    sedan = src.joinpath("sedan-qualifies.toml").read_text("utf-8")
    block = sedan[sedan.index('description = "Transmission"') :]
    block = block[: block.index("[[materials]]")]
    new = block.replace("originating = true", 'bom = "transmission.toml"').replace(
        "non_originating_content_usd = 400\n", ""
    )
    path = tmp_path / "sedan.toml"
    path.write_text(sedan.replace(block, new).replace('"super_core"', '"individual"'), encoding="utf-8")
    r = check_origin(load_bom(path), as_of=AS_OF)
    assert not r.qualifies and any("Transmission: not originating per its own bill" in n for n in r.notes)
    assert any(m.description == "Transmission" for m in r.deciding_materials)


def test_a_bom_that_includes_itself_is_refused(tmp_path):
    path = tmp_path / "loop.toml"
    text = load_text("transmission-core-part").replace("originating = false", 'bom = "loop.toml"', 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BillOfMaterialsError, match="includes itself"):
        load_bom(path)


def test_super_core_is_a_value_of_the_bom():
    bom = load_bom("sedan-qualifies")
    with pytest.raises(BillOfMaterialsError, match=r"core_parts_method = 'pooled': must be one of"):
        dataclasses.replace(bom, core_parts_method="pooled")


def load_text(name: str) -> str:
    from importlib import resources

    return resources.files("palanca.data").joinpath("shipped", "roo", f"{name}.toml").read_text(encoding="utf-8")
