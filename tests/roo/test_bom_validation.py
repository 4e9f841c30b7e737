"""Inputs that would otherwise give a normal-looking verdict; each is a clean error naming the field, the value
and the fix."""

from __future__ import annotations

import pytest
from roo_helpers import PUMP

from palanca.errors import BillOfMaterialsError
from palanca.roo import parse_bom

VEHICLE_TAIL = """
[labour]
high_wage_material_manufacturing_share = 0.60
high_wage_technology_share = 0.30
high_wage_assembly_share = 0.15

[steel_aluminium]
steel_purchases_usd = 1e9
steel_north_american_share = 0.8
aluminium_purchases_usd = 1e8
aluminium_north_american_share = 0.8
"""


def _with(old: str, new: str) -> str:
    assert old in PUMP
    return PUMP.replace(old, new)


def test_quoted_boolean_de_minimis_is_an_error():
    """de_minimis = "false" is a string, which used to count as true and flip the verdict."""
    with pytest.raises(BillOfMaterialsError, match=r"product\.de_minimis = 'false': must be true or false, without"):
        parse_bom(_with('tariff_shift = "heading"', 'tariff_shift = "heading"\nde_minimis = "false"'), "bom.toml")


def test_quoted_boolean_material_flags_are_errors():
    with pytest.raises(BillOfMaterialsError, match=r"core_part = 'true': must be true or false"):
        parse_bom(PUMP + 'core_part = "true"\n')


def test_net_cost_above_transaction_value_is_an_error():
    with pytest.raises(BillOfMaterialsError, match=r"product\.net_cost_usd = 1200: exceeds transaction_value_usd"):
        parse_bom(_with("net_cost_usd = 900", "net_cost_usd = 1200"))


def test_materials_worth_more_than_net_cost_is_an_error():
    """A VNM of 4,500 on a net cost of 900 gave RVC = −400%; materials are part of the cost, so this is a unit or
    data error."""
    with pytest.raises(
        BillOfMaterialsError, match=r"product\.net_cost_usd = 900: is below the materials' total value 4500"
    ):
        parse_bom(
            _with("value_usd = 300", "value_usd = 4500").replace(
                "transaction_value_usd = 1000", "transaction_value_usd = 5000"
            )
        )


def test_labour_shares_summing_above_one_is_an_error():
    """0.60 + 0.30 + 0.15 = 1.05 is not three shares of one net cost: the technology
    share is R&D + IT wages over production wages (29 CFR 810.200) and the assembly credit is a single 5-point credit
    (29 CFR 810.300), so the assembly "share" is refused with the fix."""
    text = PUMP.replace('kind = "other_good"', 'kind = "passenger_vehicle"').replace(
        'hs_code = "8413.70"', 'hs_code = "8703.23"'
    )
    for line in ("rvc_threshold_pct = 60\n", "rvc_net_cost_threshold_pct = 50\n", 'tariff_shift = "heading"\n'):
        text = text.replace(line, "")
    with pytest.raises(
        BillOfMaterialsError,
        match=r"labour\.high_wage_assembly_share = 0\.15: .*single 5-point credit.*assembly_credit",
    ):
        parse_bom(text + VEHICLE_TAIL)


def test_material_manufacturing_share_above_one_is_an_error():
    with pytest.raises(
        BillOfMaterialsError, match=r"high_wage_material_manufacturing_share = 1\.05: must be a fraction"
    ):
        parse_bom(
            PUMP.replace('kind = "other_good"', 'kind = "passenger_vehicle"')
            .replace('hs_code = "8413.70"', 'hs_code = "8703.23"')
            .replace("rvc_threshold_pct = 60\n", "")
            .replace("rvc_net_cost_threshold_pct = 50\n", "")
            .replace('tariff_shift = "heading"\n', "")
            + VEHICLE_TAIL.replace("0.60", "1.05").replace("high_wage_assembly_share = 0.15\n", "")
        )


def test_rvc_threshold_written_as_a_fraction_is_an_error():
    with pytest.raises(BillOfMaterialsError, match=r"rvc_threshold_pct = 0\.6: looks like a fraction; .* e\.g\. 60"):
        parse_bom(_with("rvc_threshold_pct = 60", "rvc_threshold_pct = 0.6"))


def test_country_of_supply_no_longer_makes_a_material_originating():
    """USMCA Art. 4.2: originating status comes from the production rules, not the supplier's country."""
    with pytest.raises(BillOfMaterialsError, match=r"originating = None: give `originating = true/false`"):
        parse_bom(_with("originating = false", 'origin = "MEX"'))
