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


def test_the_subtotals_match_three_independent_solves_and_share_the_interaction_equally(war):
    # Shapley, two players: s_T = v_T + (v_TR - v_T - v_R) / 2, with each v solved on its own.
    from palanca import build_scenario, load_world, rebase, solve
    from palanca.scenarios._schema import ElasticitySet

    sc = dataclasses.replace(load_scenario("us-tariff-30-mex-retaliation"), elasticities=ElasticitySet.LONG_RUN)
    world = load_world(sc.world)

    def v(s):
        b = build_scenario(s, world)
        base = rebase(b.world, closure=b.closure)
        e = solve(base, b.shock, closure=b.closure, baseline=base)
        return {c: 100 * (e.real_income_hat[base.country_index(c)] - 1) for c in ("USA", "MEX")}

    joint, t, r = v(sc), v(dataclasses.replace(sc, retaliation=())), v(dataclasses.replace(sc, tariffs=()))
    st = war.subtotals
    for c in ("USA", "MEX"):
        k = st.countries.index(c)
        inter = joint[c] - t[c] - r[c]
        assert st.interaction_pct[k] == pytest.approx(inter, abs=1e-9)
        assert st.tariffs_pct[k] == pytest.approx(t[c] + inter / 2, abs=1e-9)
        assert st.retaliation_pct[k] == pytest.approx(r[c] + inter / 2, abs=1e-9)
    assert "interaction" in war.summary and "interaction_pct" in war.to_dict()["subtotals_by_shock"]["countries"][0]
