"""Product-specific rules: other goods' NC threshold, shift or RVC, de minimis on total cost, TV only where the rule
has it, other vehicles, heavy-truck parts, the alternative staging regime, melt-and-pour, averaging."""

from __future__ import annotations

import pytest
from roo_helpers import MELTED, materials, vehicle

from palanca.errors import BillOfMaterialsError
from palanca.roo import BillOfMaterials, Material, ProductKind, SteelAluminium, average_rvc, check_origin, load_bom

AS_OF = "2026-06-01"


def _pump(**kw) -> BillOfMaterials:
    mats = (
        Material("motor", "8501.52", 300.2, False, "CHN"),
        Material("impeller", "8413.91", 130, False, "IND"),
        Material("housing", "7325.99", 200, True),
    )
    kw.setdefault("rvc_threshold_pct", 60)
    kw.setdefault("rvc_net_cost_threshold_pct", 50)
    return BillOfMaterials("pump", "8413.70", ProductKind.OTHER_GOOD, 1_000, 900, mats, **kw)


def test_pump_at_52_2_percent_net_cost_qualifies_under_a_60_tv_or_50_nc_rule():
    """Annex 4-B rules of the form "RVC of not less than 60 percent where the transaction value method is used, or
    50 percent where the net cost method is used" (HTSUS GN 11(o), e.g. the chapter 84 rules for 8402-8405).

    TV 1,000, NC 900, VNM 430.2: RVC_TV = 56.98% < 60 fails; RVC_NC = (900 − 430.2)/900 = 52.2% ≥ 50 passes by
    2.2 points = USD 19.8. Either method suffices (USMCA Art. 4.5.1): the pump qualifies.
    """
    r = check_origin(_pump(), as_of=AS_OF)
    nc, tv = r.test("rvc_net_cost"), r.test("rvc_transaction_value")
    assert nc.value_pp == pytest.approx(52.2) and nc.threshold_pp == 50.0 and nc.margin_usd == pytest.approx(19.8)
    assert tv.value_pp == pytest.approx(56.98) and not tv.passes
    assert r.qualifies


def test_other_good_net_cost_needs_its_own_threshold():
    with pytest.raises(
        BillOfMaterialsError, match=r"rvc_net_cost_threshold_pct = None: is required .*60% TV or 50% NC"
    ):
        _pump(rvc_net_cost_threshold_pct=None)


def test_tariff_shift_or_rvc_are_alternatives_unless_the_rule_says_and():
    """Annex 4-B rules read "(A) a change to ... from any other heading; or (B) ... provided there is an RVC of not
    less than ...". The pump's motor (8501) and impeller (8413.91, same heading 8413) are non-originating: the
    impeller (130 = 13% of TV) fails a change of heading, but the NC RVC of 52.2% passes: "or" → qualifies,
    "and" → fails on the shift."""
    either = check_origin(_pump(tariff_shift="heading"), as_of=AS_OF)
    assert either.qualifies and not either.test("tariff_shift").passes
    both = check_origin(_pump(tariff_shift="heading", shift_or_rvc="and"), as_of=AS_OF)
    assert not both.qualifies and both.binding_test == "tariff_shift"


def test_de_minimis_on_total_cost_basis():
    """Art. 4.12.1 / CUSMA RoO Regs s. 5(1)(a): failing non-originating materials ≤ 10% of the transaction value
    *or* of the total cost. Impeller 105 of TV 1,000 = 10.5% fails on TV; with total cost 1,100 it is 9.55% ≤ 10%
    and the good passes the shift by 0.45 points = USD 5 of total cost."""
    kw = dict(tariff_shift="heading", shift_or_rvc="and", de_minimis=True)
    mats = (Material("impeller", "8413.91", 105, False, "IND"), Material("motor", "8501.52", 200, True))
    base = dict(
        name="pump",
        hs_code="8413.70",
        kind=ProductKind.OTHER_GOOD,
        transaction_value_usd=1_000,
        materials=mats,
        rvc_threshold_pct=60,
        rvc_method="transaction_value",
    )
    on_tv = check_origin(BillOfMaterials(**base, **kw), as_of=AS_OF).test("tariff_shift")
    assert on_tv.value_pp == pytest.approx(10.5) and not on_tv.passes
    on_tc = check_origin(BillOfMaterials(**base, **kw, total_cost_usd=1_100), as_of=AS_OF).test("tariff_shift")
    assert on_tc.value_pp == pytest.approx(105 / 11) and on_tc.passes and on_tc.margin_usd == pytest.approx(5.0)
    assert "total cost" in on_tc.label


def test_transaction_value_only_where_the_product_specific_rule_has_it():
    """GN 11(k)(iii)(B): the TV thresholds apply "if the corresponding rule in subdivision (o) includes a
    transaction value method"; GN 11(o) chapter 87 rule 29 (8708.40 for passenger vehicles) is net cost only."""
    part = BillOfMaterials("gearbox", "8708.40", ProductKind.CORE_PART, 2_000, 1_800, materials([400], 1_000))
    assert [t.name for t in check_origin(part, as_of=AS_OF).tests] == ["rvc_net_cost"]
    with pytest.raises(BillOfMaterialsError, match=r"net_cost_usd = None: .*transaction_value_allowed = true"):
        check_origin(BillOfMaterials("gearbox", "8708.40", ProductKind.CORE_PART, 2_000, None, materials([400])))


@pytest.mark.parametrize(("paragraph", "passes"), [(1, False), (2, True)])
def test_other_vehicles_62_5_or_60_percent(paragraph, passes):
    """App. Art. 10 / CUSMA RoO Regs s. 13: a vehicle for 15 or fewer persons of 8702 needs 62.5% NC (Art. 10.1),
    one for 16 or more 60% (Art. 10.2). NC 100,000 with VNM 39,000 → 61% passes 60 and fails 62.5."""
    bus = BillOfMaterials(
        "bus",
        "8702.10",
        ProductKind.OTHER_VEHICLE,
        110_000,
        100_000,
        materials([39_000], 20_000),
        article_10_paragraph=paragraph,
    )
    r = check_origin(bus, as_of=AS_OF)
    assert r.test("rvc_net_cost").value_pp == pytest.approx(61.0) and r.qualifies is passes


@pytest.mark.parametrize(
    ("table", "day", "threshold"),
    [("D", "2026-06-01", 64.0), ("D", "2027-07-01", 70.0), ("E", "2026-06-01", 54.0), ("E", "2027-07-01", 60.0)],
)
def test_heavy_truck_parts_tables_d_and_e_by_date(table, day, threshold):
    """App. Arts. 4.2-4.3: heavy-truck parts of Table D at 60/64/70% NC and Table E at 50/54/60% NC on 1 July 2020,
    2024 and 2027 (final Table D stage as GN 11(o) ch. 87 rule 30: 70% NC for 8708.40 for use in a heavy truck)."""
    part = BillOfMaterials(
        "axle", "8708.50", ProductKind.HEAVY_TRUCK_PART, 5_000, 4_500, materials([1_500], 1_000), parts_table=table
    )
    t = check_origin(part, as_of=day).test("rvc_net_cost")
    assert t.threshold_pp == threshold and t.value_pp == pytest.approx(300 / 4.5)


def test_alternative_staging_regime_until_30_june_2025():
    """CUSMA RoO Regs s. 19(2), (4)(a): eligible vehicles need 62.5% NC from 1 July 2020 to 30 June 2025; after that
    the standard 75% applies. RVC 70%: passes under the regime in 2024, fails in 2026."""
    car = vehicle(mats=materials([8_100.0], 10_000.0), alternative_staging=True)  # (27,000 − 8,100)/27,000 = 70%
    in_regime = check_origin(car, as_of="2024-01-15")
    assert in_regime.qualifies and in_regime.test("rvc_net_cost").threshold_pp == 62.5
    after = check_origin(car, as_of=AS_OF)
    assert not after.qualifies and any("default period ended" in n for n in after.notes)


def test_steel_must_be_melted_and_poured_from_1_july_2027():
    """App. Art. 6 (footnote): from seven years after entry into force steel counts only if melted and poured in
    North America. 80% NA steel of which 65% melted and poured: passes 70% in 2026, fails in July 2027."""
    sa = SteelAluminium(1e9, 0.80, 1e8, 0.80, steel_melted_poured_share=0.65)
    assert check_origin(vehicle(steel_aluminium=sa), as_of="2027-06-30").test("steel").value_pp == pytest.approx(80)
    late = check_origin(vehicle(steel_aluminium=sa), as_of="2027-07-01")
    assert late.test("steel").value_pp == pytest.approx(65.0) and not late.qualifies
    with pytest.raises(BillOfMaterialsError, match=r"steel_melted_poured_share = None: from 1 July 2027"):
        check_origin(vehicle(), as_of="2027-07-01")
    assert check_origin(vehicle(steel_aluminium=MELTED), as_of="2027-07-01").qualifies


def test_assembly_credit_needs_its_declared_conditions():
    """29 CFR 810.300(a): "a single credit of five percent" for a high-wage engine, transmission or advanced-battery
    assembly plant in North America; undeclared, the sedan's LVC falls from 28 + 8 + 5 = 41 to 36 and fails 40."""
    import dataclasses

    bom = load_bom("sedan-qualifies")
    undeclared = dataclasses.replace(bom, labour=dataclasses.replace(bom.labour, assembly_credit_declared=False))
    r = check_origin(undeclared, as_of=AS_OF)
    assert r.test("lvc").value_pp == pytest.approx(36.0) and not r.qualifies


def test_averaging_over_units_is_the_unit_weighted_rvc():
    """App. Art. 5: averaged RVC = Σ u (NC − VNM) / Σ u NC. 70% and 80% vehicles of equal NC at 1:1 average 75%;
    at 1:3 units, (0.70 + 3 × 0.80)/4 = 77.5%."""
    low = vehicle(mats=materials([8_100.0], 10_000.0))
    high = vehicle(mats=materials([5_400.0], 10_000.0))
    assert average_rvc([low, high], [1, 1], as_of=AS_OF) == pytest.approx(75.0)
    assert average_rvc([low, high], [1, 3], as_of=AS_OF) == pytest.approx(77.5)
    with pytest.raises(BillOfMaterialsError, match="units"):
        average_rvc([low], [1, 2])


def test_as_of_accepts_iso_dates_and_refuses_others():
    assert check_origin(load_bom("sedan-qualifies"), as_of="2026-06-01").as_of == "2026-06-01"
    with pytest.raises(BillOfMaterialsError, match=r"as_of = '1 June': not a date; write it as YYYY-MM-DD"):
        check_origin(load_bom("sedan-qualifies"), as_of="1 June")
    with pytest.raises(BillOfMaterialsError, match="no passenger_vehicle net_cost rule is in force"):
        check_origin(vehicle(), as_of="2019-01-01")


def test_an_rvc_rule_that_leaves_nothing_to_compute_is_refused():
    """An NC threshold without a net cost (and no TV threshold or shift) would leave no test at all."""
    mats = (Material("motor", "8501.52", 300, False),)
    with pytest.raises(BillOfMaterialsError, match=r"rvc_method = 'either': leaves no RVC test to compute"):
        BillOfMaterials("pump", "8413.70", ProductKind.OTHER_GOOD, 1_000, None, mats, rvc_net_cost_threshold_pct=50)


def test_transaction_value_for_a_kind_without_a_tv_rule_is_refused():
    part = BillOfMaterials(
        "engine",
        "8407.34",
        ProductKind.OTHER_VEHICLE_PART,
        5_000,
        4_500,
        materials([1_000], 500),
        transaction_value_allowed=True,
    )
    with pytest.raises(BillOfMaterialsError, match=r"no transaction_value rule for other_vehicle_part"):
        check_origin(part, as_of=AS_OF)
