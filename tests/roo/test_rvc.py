"""Regional value content (USMCA Art. 4.5) and the parts thresholds, on worked examples built from the treaty text."""

from __future__ import annotations

import pytest
from roo_helpers import materials

from palanca.roo import BillOfMaterials, Material, ProductKind, calc_rvc, check_origin, rule_for


def _good(kind, tv, nc, non_originating, originating=0.0, **kw) -> BillOfMaterials:
    kw.setdefault("transaction_value_allowed", True)
    return BillOfMaterials("good", "8708.40", kind, tv, nc, materials(non_originating, originating), **kw)


def test_transaction_value_worked_example_fails_by_500_usd():
    """Art. 4.5.2 with a 75% product-specific rule (transaction value method).

    TV 30,000, VNM 8,000 → RVC = (30,000 − 8,000)/30,000 × 100 = 73.33% → fails 75% by 1.67 points
    = 0.016667 × 30,000 = USD 500 of non-originating content to replace with originating content.
    """
    bom = BillOfMaterials(
        "oven",
        "8516.60",
        ProductKind.OTHER_GOOD,
        30_000,
        None,
        materials([5_000, 3_000], 12_000),
        rvc_threshold_pct=75,
        rvc_method="transaction_value",
    )
    r = check_origin(bom, as_of="2026-06-01")
    t = r.test("rvc_transaction_value")
    assert t.value_pp == pytest.approx(73.3333333, abs=1e-6)
    assert t.margin_pp == pytest.approx(-1.6666667, abs=1e-6)
    assert t.margin_usd == pytest.approx(-500.0)
    assert not t.passes and not r.qualifies and r.binding_test == "rvc_transaction_value"
    assert [t.name for t in r.tests] == ["rvc_transaction_value"]  # no net cost given, TV method only
    # the 5,000 material alone costs 16.67 points and flips the test; the 3,000 one (10 points) does too
    assert [(m.description, round(m.effect_pp, 4), m.flips) for m in r.deciding_materials] == [
        ("m1", 16.6667, True),
        ("m2", 10.0, True),
    ]


def test_net_cost_worked_example_and_the_relation_to_transaction_value():
    """Art. 4.5.3: TV 30,000, NC 27,000, VNM 8,000.

    RVC_NC = (27,000 − 8,000)/27,000 = 70.37%; RVC_TV = 73.33%. Both leave VNM = (1 − RVC/100) × base:
    0.2963 × 27,000 = 0.2667 × 30,000 = 8,000. With NC < TV the net-cost figure is the lower one.
    """
    assert calc_rvc(27_000, 8_000) == pytest.approx(70.370370, abs=1e-6)
    assert calc_rvc(30_000, 8_000) == pytest.approx(73.333333, abs=1e-6)
    for base in (27_000, 30_000):
        assert (1 - calc_rvc(base, 8_000) / 100) * base == pytest.approx(8_000)


@pytest.mark.parametrize("nc_over_tv", [0.5, 0.8, 0.9, 1.0])
@pytest.mark.parametrize("vnm_over_tv", [0.0, 0.1, 0.3, 0.45])
def test_net_cost_rvc_never_exceeds_transaction_value_rvc_when_nc_le_tv(nc_over_tv, vnm_over_tv):
    """RVC_TV − RVC_NC = 100·VNM·(1/NC − 1/TV) ≥ 0 when NC ≤ TV, with equality at NC = TV or VNM = 0."""
    tv = 10_000.0
    nc, vnm = nc_over_tv * tv, vnm_over_tv * tv
    gap = calc_rvc(tv, vnm) - calc_rvc(nc, vnm)
    assert gap == pytest.approx(100 * vnm * (1 / nc - 1 / tv), abs=1e-9)
    assert gap >= -1e-12


def test_core_part_passes_on_net_cost_although_transaction_value_fails():
    """Core part (Automotive Appendix Art. 3.2(d), Table A.2): 75% NC or 85% TV.

    TV 2,000, NC 1,800, VNM 400: RVC_TV = 1,600/2,000 = 80% → fails 85% by 5 points = USD 100;
    RVC_NC = 1,400/1,800 = 77.78% → passes 75% by 2.78 points = USD 50. Either method suffices (Art. 4.5.1).
    """
    r = check_origin(as_of="2026-06-01", bom=_good(ProductKind.CORE_PART, 2_000, 1_800, [400], 1_000))
    tv, nc = r.test("rvc_transaction_value"), r.test("rvc_net_cost")
    assert (tv.threshold_pp, nc.threshold_pp) == (85.0, 75.0)
    assert tv.value_pp == pytest.approx(80.0) and tv.margin_usd == pytest.approx(-100.0) and not tv.passes
    assert nc.value_pp == pytest.approx(77.777778, abs=1e-6) and nc.margin_usd == pytest.approx(50.0) and nc.passes
    assert r.qualifies and r.binding_test == "rvc_net_cost"
    assert r.deciding_materials[0].flips is False  # a passing test has nothing to flip


def test_principal_part_with_and_without_net_cost():
    """Principal part (Table B, GN 11(k)(iii)(D)(4)): 70% NC or 80% TV.

    TV 1,000, NC 900, VNM 210: RVC_TV = 79% → fails by 1 point (USD 10); RVC_NC = 690/900 = 76.67% → passes
    by 6.67 points (USD 60). Without a net cost only the TV method is available, and the part fails.
    """
    r = check_origin(as_of="2026-06-01", bom=_good(ProductKind.PRINCIPAL_PART, 1_000, 900, [210], 500))
    assert r.qualifies
    assert r.test("rvc_net_cost").margin_usd == pytest.approx(60.0)
    assert r.test("rvc_transaction_value").margin_usd == pytest.approx(-10.0)
    r2 = check_origin(as_of="2026-06-01", bom=_good(ProductKind.PRINCIPAL_PART, 1_000, None, [210], 500))
    assert not r2.qualifies and [t.name for t in r2.tests] == ["rvc_transaction_value"]
    assert r2.test("rvc_transaction_value").margin_pp == pytest.approx(-1.0)


def test_exactly_at_the_threshold_passes():
    """Complementary part (Table C; stages not read in the text): 65% NC or 75% TV. TV 500, VNM 125 → RVC_TV =
    75.00% exactly: passes with a zero margin; one more dollar (VNM 126 → 74.8%) fails by 0.2 points = USD 1."""
    at = check_origin(_good(ProductKind.COMPLEMENTARY_PART, 500, None, [125], 100), as_of="2026-06-01")
    at = at.test("rvc_transaction_value")
    assert at.passes and at.margin_pp == pytest.approx(0.0, abs=1e-12)
    over = check_origin(as_of="2026-06-01", bom=_good(ProductKind.COMPLEMENTARY_PART, 500, None, [126], 100))
    assert not over.qualifies and over.test("rvc_transaction_value").margin_usd == pytest.approx(-1.0)


def test_rules_in_force_mid_2026_with_references():
    """The stages in force on 1 June 2026 (GN 11(k)(iii)(B) and (D): final stages from 1 July 2023; heavy trucks
    64% from 1 July 2024, CUSMA RoO Regs s. 13, 8701.20)."""
    import datetime as dt

    d = dt.date(2026, 6, 1)
    got = {
        k: (
            rule_for(k, "net_cost", d).threshold_pct,
            getattr(rule_for(k, "transaction_value", d), "threshold_pct", None),
        )
        for k in (
            "passenger_vehicle",
            "light_truck",
            "heavy_truck",
            "core_part",
            "principal_part",
            "complementary_part",
        )
    }
    assert got == {
        "passenger_vehicle": (75.0, None),
        "light_truck": (75.0, None),
        "heavy_truck": (64.0, None),
        "core_part": (75.0, 85.0),
        "principal_part": (70.0, 80.0),
        "complementary_part": (65.0, 75.0),
    }
    assert all("App. Art" in rule_for(k, "net_cost", d).citation for k in got)


def test_tariff_shift_with_and_without_de_minimis():
    """Change of heading for an oven of HS 8516.60 (Annex 4-B style rule) and de minimis (Art. 4.12.1: 10% of TV).

    TV 1,000. Non-originating heating elements (8516.80, same heading 8516) worth 90 fail the shift; a
    non-originating controller (8537.10, heading 8537) worth 300 satisfies it. Failing value 90 = 9% of TV:
    without de minimis the good fails (margin −9 points = −USD 90); with it, it passes by 1 point = USD 10.
    At 110 (11%) it fails de minimis by 1 point = USD 10.
    """

    def oven(heating: float, **kw) -> BillOfMaterials:
        mats = (
            Material("heating elements", "8516.80", heating, False, origin="CHN"),
            Material("controller", "8537.10", 300, False, origin="KOR"),
            Material("cabinet", "7326.90", 400, True),
        )
        return BillOfMaterials(
            "oven", "8516.60", ProductKind.OTHER_GOOD, 1_000, None, mats, tariff_shift="heading", **kw
        )

    strict = check_origin(oven(90))
    assert not strict.qualifies and strict.test("tariff_shift").margin_usd == pytest.approx(-90.0)
    assert [m.description for m in strict.deciding_materials] == ["heating elements"]  # the controller shifts
    relieved = check_origin(oven(90, de_minimis=True))
    t = relieved.test("tariff_shift")
    assert relieved.qualifies and (t.value_pp, t.threshold_pp) == pytest.approx((9.0, 10.0))
    assert t.margin_usd == pytest.approx(10.0)
    assert check_origin(oven(90), de_minimis=True).qualifies  # the API option overrides the BOM
    over = check_origin(oven(110, de_minimis=True)).test("tariff_shift")
    assert not over.passes and over.margin_usd == pytest.approx(-10.0)
