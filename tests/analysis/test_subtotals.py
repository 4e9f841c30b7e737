"""Subtotals by shock: Shapley values of the tariffs and the retaliation add up to the joint effect."""

from __future__ import annotations

import dataclasses

import pytest

from palanca.analysis import leverage
from palanca.scenarios import load_scenario


@pytest.fixture(scope="module")
def war():
    return leverage(load_scenario("us-tariff-30-mex-retaliation"), draws=0)


def test_the_two_subtotals_add_up_to_the_joint_effect(war):
    st = war.subtotals
    assert st is not None
    for k, c in enumerate(st.countries):
        joint = war.outcome(c).real_income_pct
        assert st.tariffs_pct[k] + st.retaliation_pct[k] == pytest.approx(joint, abs=1e-9)


def test_the_tariffs_alone_are_the_scenario_without_its_retaliation(war):
    alone = leverage(dataclasses.replace(load_scenario("us-tariff-30-mex-retaliation"), retaliation=()), draws=0)
    st = war.subtotals
    for k, c in enumerate(st.countries):
        assert st.tariffs_alone_pct[k] == pytest.approx(alone.outcome(c).real_income_pct, abs=1e-9)
    assert alone.subtotals is None  # nothing to split without a retaliation block


def test_mexicos_counter_tariff_costs_the_us_and_the_tariff_costs_mexico(war):
    st = war.subtotals
    usa, mex = st.countries.index("USA"), st.countries.index("MEX")
    assert st.retaliation_pct[usa] < 0 and st.tariffs_pct[mex] < 0
    assert war.to_dict()["subtotals_by_shock"]["countries"][usa]["country"] == "USA"
