"""The bargaining model's interface: one value per cooperation channel, each a valid range with sources."""

from __future__ import annotations

import dataclasses

import pytest

from palanca.errors import ScenarioError
from palanca.flows import ChannelValue, CooperationValues, cooperation_values, migration_value_range
from palanca.flows._migration import COST_PER_APPREHENSION_USD
from palanca.flows._values import CHANNELS, FIREARM_HOMICIDES_MX_2023, MX_US_INCOME_RATIO, VSL_RANGE_USD


@pytest.fixture(scope="module")
def values() -> CooperationValues:
    return cooperation_values()


def test_every_channel_is_an_ordered_range_with_sources(values):
    for name in CHANNELS:
        v = getattr(values, name)
        assert isinstance(v, ChannelValue) and v.channel == name
        assert 0 <= v.low_usd_bn_per_year <= v.central_usd_bn_per_year <= v.high_usd_bn_per_year
        assert v.method.endswith(".") and len(v.sources) >= 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        values.fentanyl_enforcement.central_usd_bn_per_year = 0.0  # type: ignore[misc]
    assert set(values.to_dict()) == {*CHANNELS, "inputs"}  # the channels, and the inputs that made them


def test_vsl_band_is_dot_guidance():
    # US DOT: US$13.2m for base year 2023; DOT 2015 memo: sensitivity US$5.2m and US$13.0m around US$9.4m
    lo, c, hi = VSL_RANGE_USD
    assert c == 13.2e6
    assert lo / c == pytest.approx(5.2 / 9.4) and hi / c == pytest.approx(13.0 / 9.4)


def test_migration_value_is_averted_apprehensions_times_cost(values):
    r = migration_value_range()
    m = values.migration_enforcement
    assert m.identified is r.identified
    assert m.central_usd_bn_per_year == pytest.approx(r.averted * COST_PER_APPREHENSION_USD[1] / 1e9)
    assert m.high_usd_bn_per_year == pytest.approx(r.averted_high * COST_PER_APPREHENSION_USD[2] / 1e9)
    # ICE FY2017 adult bed rate US$132.90/day × 43.7 days average stay
    assert COST_PER_APPREHENSION_USD[1] == pytest.approx(5807.73)


def test_unidentified_migration_effect_gets_a_range_down_to_zero(values):
    m = values.migration_enforcement
    if not m.identified:
        assert m.low_usd_bn_per_year == 0.0
        assert m.high_usd_bn_per_year > 3 * m.central_usd_bn_per_year


def test_firearms_value_by_hand(values):
    # INEGI 2023: 31,062 homicides, 70.0% by firearm; GAO-21-322: 70% US-sourced; central share averted 0.15
    f = values.firearms_action
    assert FIREARM_HOMICIDES_MX_2023 == pytest.approx(21_743.4)
    by_hand = 21_743.4 * 0.70 * 0.15 * 13.2e6 * MX_US_INCOME_RATIO / 1e9
    assert f.central_usd_bn_per_year == pytest.approx(by_hand)
    assert not f.identified


def test_channel_value_validation():
    with pytest.raises(ScenarioError, match="low ≤ central ≤ high"):
        ChannelValue("firearms_action", 1.0, 2.0, 3.0, False, "m.", ("s",))
    with pytest.raises(ScenarioError, match="not one of"):
        ChannelValue("tariffs", 1.0, 0.0, 3.0, False, "m.", ("s",))


def test_fentanyl_value_is_deaths_averted_times_vsl(values):
    from palanca.flows import mexican_enforcement_value

    f = values.fentanyl_enforcement
    central = mexican_enforcement_value(1.0, markup="additive")
    assert f.central_usd_bn_per_year == pytest.approx(central.deaths_averted * 13.2e6 / 1e9)
    # additive markups are the central case; the multiplicative sensitivity is far above the whole range
    multiplicative = mexican_enforcement_value(1.0, markup="multiplicative").value_usd / 1e9
    assert multiplicative > 5 * f.high_usd_bn_per_year
