"""Bad bills of materials: every error names the field, the value and the fix."""

from __future__ import annotations

import pytest

from palanca.errors import BillOfMaterialsError
from palanca.roo import check_origin, load_bom, parse_bom

GOOD = """
[product]
name = "part"
hs_code = "8708.40"
kind = "core_part"
transaction_value_usd = 2000
net_cost_usd = 1800

[[materials]]
description = "gears"
hs_code = "8483.40"
value_usd = 400
originating = false
origin = "JPN"
"""


def _bad(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


def test_the_base_case_is_valid():
    assert check_origin(parse_bom(GOOD), as_of="2026-06-01").qualifies  # NC: 1,400/1,800 = 77.8% ≥ 75


@pytest.mark.parametrize(
    ("text", "match"),
    [
        (
            _bad('kind = "core_part"', 'kind = "truck"'),
            r"product\.kind = 'truck': unknown kind; use one of .*core_part",
        ),
        (_bad("transaction_value_usd = 2000\n", ""), r"product\.transaction_value_usd = None: is required; add"),
        (_bad("net_cost_usd = 1800", "net_cost_usd = -5"), r"product\.net_cost_usd = -5: must be positive"),
        (_bad("value_usd = 400", "value_usd = -1"), r"materials\['gears'\]\.value_usd = -1: must be zero or positive"),
        (_bad("value_usd = 400", 'value_usd = "400"'), r"value_usd = '400': must be a finite number"),
        (_bad('hs_code = "8483.40"', 'hs_code = "84"'), r"hs_code = '84': must be an HS code .* \"8708.40\""),
        (_bad('origin = "JPN"', 'origin = "Japan"'), r"origin = 'Japan': must be an ISO 3166 alpha-3 code"),
        (_bad("originating = false\n", ""), r"originating = None: give `originating = true/false` .* does not make"),
        (_bad("originating = false", 'originating = "false"'), r"originating = 'false': must be true or false"),
        (_bad("value_usd = 400", "value_usd = 400\ncolour = 1"), r"colour = 1: unknown field; allowed fields: "),
        (_bad('kind = "core_part"', 'kind = "core_part"\nde_minimis = true'), r"de_minimis = True: .*other_good"),
        (_bad('kind = "core_part"', 'kind = "passenger_vehicle"'), r"labour = None: add a \[labour\] table"),
        (_bad('kind = "core_part"', 'kind = "other_good"'), r"rvc_threshold_pct = None: .*set rvc_threshold_pct"),
        (GOOD.split("[[materials]]")[0], r"materials = \[\]: add at least one \[\[materials\]\] table"),
        ("[product\nname=", r"not valid TOML"),
    ],
)
def test_errors_name_field_value_and_fix(text, match):
    with pytest.raises(BillOfMaterialsError, match=match):
        parse_bom(text, "bom.toml")


def test_shares_outside_unit_interval_suggest_the_fraction():
    vehicle = _bad('kind = "core_part"', 'kind = "passenger_vehicle"') + (
        "\n[labour]\nhigh_wage_material_manufacturing_share = 28\n"
        "\n[steel_aluminium]\nsteel_purchases_usd = 1e9\nsteel_north_american_share = 0.8\n"
        "aluminium_purchases_usd = 1e8\naluminium_north_american_share = 0.8\n"
    )
    with pytest.raises(
        BillOfMaterialsError, match=r"labour\.high_wage_material_manufacturing_share = 28: .*Did you mean 0\.28\?"
    ):
        parse_bom(vehicle)
    with pytest.raises(BillOfMaterialsError, match=r"steel_north_american_share = -0\.1: must be a fraction"):
        parse_bom(
            vehicle.replace("= 28", "= 0.28").replace(
                "steel_north_american_share = 0.8", "steel_north_american_share = -0.1"
            )
        )


def test_errors_are_value_errors_prefixed_by_the_file(tmp_path):
    with pytest.raises(ValueError, match=r"^bom\.toml: product\.kind"):
        parse_bom(_bad('kind = "core_part"', 'kind = "x"'), "bom.toml")
    with pytest.raises(BillOfMaterialsError, match=r"does not exist; give the path to a \.toml file"):
        load_bom(tmp_path / "missing.toml")
    with pytest.raises(
        BillOfMaterialsError, match=r"example 'nope' is not shipped; known examples: rep-compact-crossover"
    ):
        load_bom("nope")


def test_de_minimis_refused_for_automotive_goods_and_short_hs_codes_for_a_shift():
    with pytest.raises(BillOfMaterialsError, match=r"de_minimis = True: .*other_good.*not core_part"):
        check_origin(parse_bom(GOOD), de_minimis=True)
    other = _bad('kind = "core_part"', 'kind = "other_good"\ntariff_shift = "subheading"').replace(
        'hs_code = "8483.40"', 'hs_code = "8483"'
    )
    with pytest.raises(BillOfMaterialsError, match=r"materials\['gears'\]\.hs_code = '8483': a subheading shift needs"):
        check_origin(parse_bom(other))
