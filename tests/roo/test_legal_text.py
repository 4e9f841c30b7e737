"""Worked examples built from the legal text, and the fixes they pin down: each test cites its source."""

from __future__ import annotations

import dataclasses

import pytest
from roo_helpers import materials, vehicle
from typer.testing import CliRunner

from palanca.cli import app
from palanca.errors import BillOfMaterialsError
from palanca.roo import (
    BillOfMaterials,
    ProductKind,
    calc_lost_preference,
    calc_non_us_content,
    check_origin,
    load_bom,
)

runner = CliRunner()

PUMP = """
[product]
name = "Pump"
hs_code = "8413.70"
kind = "other_good"
transaction_value_usd = 1000
net_cost_usd = 900
rvc_threshold_pct = 60
rvc_net_cost_threshold_pct = 50

[[materials]]
description = "Motor"
hs_code = "8501.52"
value_usd = 430.2
originating = false
"""

DE_MINIMIS = """
[product]
name = "Pump housing assembly"
hs_code = "8413.70"
kind = "other_good"
transaction_value_usd = 1000
tariff_shift = "heading"
de_minimis = true

[[materials]]
description = "Impeller"
hs_code = "8413.91"
value_usd = {impeller}
originating = false

[[materials]]
description = "Bolts"
hs_code = "7318.15"
value_usd = 500
originating = false
"""

TRACTOR = """
[product]
name = "Road tractor"
hs_code = "8701.21"
kind = "heavy_truck"
transaction_value_usd = 110000
net_cost_usd = 100000

[labour]
high_wage_material_manufacturing_share = 0.35
high_wage_technology_share = 0.10
assembly_credit_declared = true

[steel_aluminium]
steel_purchases_usd = 1e9
steel_north_american_share = 0.8
steel_melted_poured_share = 0.75
aluminium_purchases_usd = 1e8
aluminium_north_american_share = 0.8

[[materials]]
description = "Engine"
hs_code = "8408.20"
value_usd = 20000
originating = true
core_part = true

[[materials]]
description = "Imported components"
hs_code = "8708.99"
value_usd = 34000
originating = false
"""


def _cli(tmp_path, text, *args):
    path = tmp_path / "bom.toml"
    path.write_text(text, encoding="utf-8")
    return runner.invoke(app, ["roo", "check", str(path), *args])


def test_cli_worked_examples_exit_0_when_they_qualify_and_3_when_they_do_not(tmp_path):
    """Pump: 60% TV / 50% NC rule (GN 11(o) ch. 84), RVC_NC = (900 − 430.2)/900 = 52.2% → qualifies (USMCA Art.
    4.5.1, 4.5.3). De minimis: the same-heading impeller at 9% of TV ≤ 10% → qualifies, at 11% → does not (Art.
    4.12.1; CUSMA RoO Regs s. 5(1)(a)(i)). Road tractor at 66% NC: 64% from 1 July 2024, 70% from 1 July 2027
    (CUSMA RoO Regs s. 13, 8701.20)."""
    assert _cli(tmp_path, PUMP, "--as-of", "2026-12-01").exit_code == 0
    assert _cli(tmp_path, DE_MINIMIS.format(impeller=90), "--as-of", "2026-12-01").exit_code == 0
    assert _cli(tmp_path, DE_MINIMIS.format(impeller=110), "--as-of", "2026-12-01").exit_code == 3
    assert _cli(tmp_path, TRACTOR, "--as-of", "2026-12-01").exit_code == 0
    late = _cli(tmp_path, TRACTOR, "--as-of", "2027-08-01")
    assert late.exit_code == 3 and "66.00% ≥  70.0%" in late.stdout


def test_sedan_with_one_non_originating_core_part_fails_unless_the_super_core_carries_it():
    """App. Art. 3.7 (as cited by the 2022 panel) / CUSMA RoO Regs s. 14(4): each Table A.1 part originating, or the
    parts taken as one (super-core) at the Table A.2 NC threshold. The shipped sedan's Japanese steering system is
    non-originating: it fails individually and passes as a super-core (84.75% ≥ 75%)."""
    sc = load_bom("sedan-qualifies")
    individual = dataclasses.replace(sc, core_parts_method="individual")
    assert not check_origin(individual, as_of="2026-12-01").qualifies
    r = check_origin(sc, as_of="2026-12-01")
    assert r.qualifies and r.test("core_parts_super_core").value_pp == pytest.approx(84.75)


def test_super_core_before_entry_into_force_is_a_clean_error(tmp_path):
    """GN 11(k)(iii)(B): the Table A.2 stages begin on 1 July 2020; before that no super-core threshold exists. The
    check must name the date (exit 1), not fail internally (exit 70)."""
    with pytest.raises(BillOfMaterialsError, match=r"as_of = 2020-06-30: no Table A\.2 core-part rule"):
        check_origin(load_bom("sedan-qualifies"), as_of="2020-06-30")
    r = runner.invoke(app, ["roo", "check", "--example", "sedan-qualifies", "--as-of", "2020-06-30"])
    assert r.exit_code == 1 and "internal error" not in r.output


@pytest.mark.parametrize("kind", [ProductKind.PRINCIPAL_PART, ProductKind.HEAVY_TRUCK_PART])
def test_alternative_staging_is_refused_outside_its_scope(kind):
    """CUSMA RoO Regs s. 19(1), (4): the regime covers passenger vehicles and light trucks ((a)) and their Table A.1
    parts ((b)); for any other kind the flag is refused at construction, not reported as a missing rule."""
    with pytest.raises(BillOfMaterialsError, match=r"alternative_staging = True: an alternative staging regime"):
        BillOfMaterials("part", "8708.99", kind, 1_000, 900, materials([300], 100), alternative_staging=True)
    with pytest.raises(BillOfMaterialsError, match=r"alternative_staging = True"):
        vehicle(kind=ProductKind.HEAVY_TRUCK, alternative_staging=True)


def test_compression_ignition_passenger_vehicles_are_article_10_1_vehicles():
    """HTSUS GN 11, other vehicles (A)(1): a passenger vehicle of 8703 with a compression-ignition engine as the
    primary motor of propulsion needs 62.5% NC, not the 75% of App. Art. 3.1. A diesel of 8703.31 declared a
    passenger vehicle is refused; as an Art. 10.1 vehicle at 70% NC RVC it qualifies."""
    with pytest.raises(BillOfMaterialsError, match=r"hs_code = '8703\.31': .*App\. Art\. 10\.1 vehicle at 62\.5%"):
        dataclasses.replace(vehicle(), hs_code="8703.31")
    diesel = BillOfMaterials(
        "diesel car", "8703.31", ProductKind.OTHER_VEHICLE, 30_000, 27_000, materials([8_100], 10_000)
    )
    r = check_origin(diesel, as_of="2026-12-01")
    assert r.test("rvc_net_cost").threshold_pp == 62.5 and r.qualifies


def test_other_vehicle_paragraph_must_fit_the_heading():
    """HTSUS GN 11, other vehicles (B)(1): 8701 except 8701.20, 8705 and 8706 are at 60% (Art. 10.2); (A)(1): the
    Art. 10 vehicles of 8703 are at 62.5% (Art. 10.1); a road tractor of 8701.20 is a heavy truck (Regs s. 13)."""
    mats = materials([30_000], 20_000)
    with pytest.raises(BillOfMaterialsError, match=r"article_10_paragraph = 1: a vehicle of heading 8701"):
        BillOfMaterials("farm tractor", "8701.92", ProductKind.OTHER_VEHICLE, 110_000, 100_000, mats)
    with pytest.raises(BillOfMaterialsError, match=r"article_10_paragraph = 2: the vehicles of heading 8703"):
        BillOfMaterials(
            "motorhome", "8703.24", ProductKind.OTHER_VEHICLE, 110_000, 100_000, mats, article_10_paragraph=2
        )
    with pytest.raises(BillOfMaterialsError, match=r"8701\.20 is a heavy truck"):
        BillOfMaterials("tractor", "8701.21", ProductKind.OTHER_VEHICLE, 110_000, 100_000, mats)


@pytest.mark.parametrize(("hs", "threshold"), [("8407.34", 62.5), ("8708.40", 62.5), ("8708.50", 60.0)])
def test_table_f_parts_of_article_10_1_vehicles(hs, threshold):
    """HTSUS GN 11, other vehicles (A)(2): 62.5% only for engines of 8407/8408 and goods of 8708.40 for use in an
    Art. 10.1 vehicle; (B)(3): the other Table F goods at 60%. An axle at 61% NC qualifies."""
    part = BillOfMaterials(
        "part", hs, ProductKind.OTHER_VEHICLE_PART, 5_000, 4_000, materials([1_560], 1_000), article_10_paragraph=1
    )
    r = check_origin(part, as_of="2026-12-01")
    assert r.test("rvc_net_cost").threshold_pp == threshold and r.qualifies is (threshold == 60.0)


def test_bearings_are_outside_the_table_f_rule():
    """HTSUS GN 11, other vehicles (B)(3) excepts bearings of 8482.10-8482.80 and goods of 8483.20 and 8483.30."""
    with pytest.raises(BillOfMaterialsError, match=r"hs_code = '8482\.10': bearings"):
        BillOfMaterials("bearing", "8482.10", ProductKind.OTHER_VEHICLE_PART, 100, 90, materials([10], 10))


def test_section_232_is_zero_before_each_proclamation_takes_effect():
    """Proclamation 10908 cl. (1): automobiles from 3 April 2025; Proclamation 10984: medium- and heavy-duty vehicles
    from 1 November 2025. Before those days nothing is taxed."""
    sedan = load_bom("sedan-qualifies")
    assert calc_non_us_content(sedan, as_of="2025-04-02").taxed_share == 0.0
    assert calc_non_us_content(sedan, as_of="2025-04-03").taxed_share == pytest.approx(0.82)
    tractor = load_bom("rep-heavy-truck-tractor")
    assert calc_non_us_content(tractor, as_of="2025-10-31").taxed_share == 0.0
    late = calc_non_us_content(tractor, as_of="2025-11-01")
    assert late.in_force and late.taxed_share > 0 and "10984" in late.citation


def test_lost_preference_adds_no_section_232_before_it_applies():
    """A product that stops qualifying before 3 April 2025 pays MFN only: Proclamation 10908 cl. (1) is not in force
    (as of 2024-12-01 the pickup's loss adds its MFN rate and nothing for Section 232)."""
    pickup = load_bom("rep-pickup-light-truck")
    lost = calc_lost_preference([pickup], [1.0], [0.25], as_of="2024-12-01", rvc_uplift_pp=10.0)
    assert lost.compliant_share_after == 0.0 and lost.added_tariff_rate == pytest.approx(0.25)


@pytest.mark.parametrize(
    "bom",
    [
        BillOfMaterials("bus", "8702.10", ProductKind.OTHER_VEHICLE, 110_000, 100_000, materials([30_000], 20_000)),
        BillOfMaterials(
            "pump",
            "8413.70",
            ProductKind.OTHER_GOOD,
            1_000,
            900,
            materials([300], 100),
            rvc_threshold_pct=60,
            rvc_method="transaction_value",
        ),
    ],
)
def test_section_232_treatment_is_refused_where_the_proclamations_do_not_settle_it(bom):
    """Proclamation 10908 covers passenger vehicles and light trucks ("collectively, automobiles") and listed parts;
    buses of 8702 pay 10% under Proclamation 10984 (HTSUS 9903.74.02). An Art. 10 vehicle or an other good does not
    get the automobile rule (25% on non-U.S. content, or on its full value): it is refused."""
    bom = dataclasses.replace(bom, materials=tuple(dataclasses.replace(m, origin="MEX") for m in bom.materials))
    with pytest.raises(BillOfMaterialsError, match=r"does not determine the Section 232 treatment"):
        calc_non_us_content(bom, as_of="2026-12-01")


def test_material_description_and_product_name_must_be_text(tmp_path):
    """A list or a number is refused, not turned into text (e.g. "['Engine']")."""
    r = _cli(tmp_path, PUMP.replace('description = "Motor"', 'description = ["Motor"]'))
    assert r.exit_code == 1 and "materials[0].description = ['Motor']: must be a non-empty text" in r.output
    r = _cli(tmp_path, PUMP.replace('name = "Pump"', "name = 5"))
    assert r.exit_code == 1 and "product.name = 5: must be a non-empty text" in r.output


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("originating = false", 'originating = "false"', "originating = 'false': must be true or false"),
        ("net_cost_usd = 900", "net_cost_usd = 1100", "net_cost_usd = 1100: exceeds transaction_value_usd"),
        ("value_usd = 430.2", "value_usd = -5", "value_usd = -5: must be zero or positive"),
        ("rvc_threshold_pct = 60", "rvc_threshold_pct = 0.6", "looks like a fraction"),
        ('hs_code = "8501.52"\n', "", "materials[0].hs_code = None: is required"),
    ],
)
def test_hostile_inputs_are_clean_errors_with_exit_1(tmp_path, old, new, message):
    r = _cli(tmp_path, PUMP.replace(old, new), "--as-of", "2026-12-01")
    assert r.exit_code == 1 and message in r.output and "Traceback" not in r.output


def test_self_including_and_binary_boms_are_clean_errors(tmp_path):
    loop = tmp_path / "loop.toml"
    loop.write_text(PUMP.replace("originating = false", 'bom = "loop.toml"'), encoding="utf-8")
    r = runner.invoke(app, ["roo", "check", str(loop)])
    assert r.exit_code == 1 and "includes itself" in r.output
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00\xff\xfe\x00")
    r = runner.invoke(app, ["roo", "check", str(binary)])
    assert r.exit_code == 1 and "not UTF-8 text" in r.output


@pytest.mark.parametrize(
    ("kind", "hs"),
    [
        (ProductKind.PASSENGER_VEHICLE, "8703.10"),
        (ProductKind.PASSENGER_VEHICLE, "8704.31"),
        (ProductKind.LIGHT_TRUCK, "8704.22"),
        (ProductKind.HEAVY_TRUCK, "8704.10"),
        (ProductKind.HEAVY_TRUCK, "8703.23"),
    ],
)
def test_vehicle_kinds_must_match_their_subheadings(kind, hs):
    """CUSMA RoO Regs s. 13: 8703.10 has its own rule (60% TV or 50% NC); the passenger-vehicle rule is for
    8703.21-8703.90. HTSUS GN 11, other vehicles (A)(1) and (B)(1): off-road trucks of 8704.21/.31 and of 8704.22,
    .23, .32, .90 and dumpers of 8704.10 are Art. 10 vehicles, so light trucks are the (on-road) 8704.21/.31 and
    heavy trucks 8701.20, 8704.22/.23/.32/.90 and their chassis. A kind that does not fit its tariff line is refused
    rather than given that kind's threshold (e.g. 75% for a golf cart of 8703.10)."""
    with pytest.raises(BillOfMaterialsError, match=rf"hs_code = '{hs}': a {kind.value} is classified in"):
        vehicle(kind=kind, hs_code=hs)


def test_transaction_value_flag_is_refused_where_no_tv_method_exists():
    """CUSMA RoO Regs s. 13: the vehicle rules are "under the net cost method"; the flag is refused on a vehicle rather
    than ignored, which would suggest a TV calculation had been made."""
    with pytest.raises(BillOfMaterialsError, match=r"transaction_value_allowed = True: .*net cost only"):
        vehicle(transaction_value_allowed=True)
