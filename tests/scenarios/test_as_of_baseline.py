"""The as-of baseline is an equilibrium at the as-of tariffs, and a scenario's effect is relative to it.

Exact hat algebra (Dekle, Eaton and Kortum 2008; Caliendo and Parro 2015, section 3.3): a counterfactual is
a ratio of two equilibria of one model. The baseline on a date is therefore the model solved from the data
(2023 flows at the pre-2025 tariffs) under the tariffs in force that day, not the 2023 flows relabelled with
those tariffs. Identities: no change where the scenario reproduces the as-of tariffs; the same answer whether
the scenario's tariffs are reached from the data in one step or through the as-of baseline in two.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from palanca.analysis import leverage
from palanca.data import load_world
from palanca.model import Shock, rebase, solve
from palanca.policy import applied_tariffs
from palanca.scenarios import build_scenario, load_scenario, parse_scenario

AS_OF = "2025-11-17"


@pytest.fixture(scope="module")
def w():
    return load_world("world2023")


def _scenario(extra: str = ""):
    return parse_scenario(f'id = "t"\ntitle = "t"\nas_of = "{AS_OF}"\n{extra}')


def test_the_as_of_baseline_is_the_model_solved_under_the_as_of_tariffs(w):
    b = build_scenario(_scenario(), w)
    tau = applied_tariffs(w, AS_OF)
    np.testing.assert_array_equal(b.world.tariff, tau)
    direct = solve(w, Shock(tariff=tau), closure=b.closure).to_world()
    np.testing.assert_allclose(b.world.trade_usd_m, direct.trade_usd_m, rtol=1e-9, atol=1e-6)
    # The 2023 flows are not kept: US imports from China fall under the 2025 tariffs on China.
    us, cn = w.country_index("USA"), w.country_index("CHN")
    assert b.world.trade_usd_m[us, cn].sum() < 0.9 * w.trade_usd_m[us, cn].sum()
    # It is an equilibrium: re-solving it at its own tariffs moves nothing.
    again = rebase(b.world, closure=b.closure)
    np.testing.assert_allclose(again.trade_usd_m, b.world.trade_usd_m, rtol=1e-8, atol=1e-6)


def test_a_scenario_that_sets_the_as_of_tariffs_changes_nothing(w):
    sc = _scenario(f'policy_date = "{AS_OF}"\n')  # the registry's tariffs of that day, written as the policy
    b = build_scenario(sc, w)
    np.testing.assert_array_equal(b.shock.tariff, b.world.tariff)
    r = leverage(sc, world=w, draws=0)
    for o in r.countries:
        assert o.real_income_pct == pytest.approx(0.0, abs=1e-8), o.country


def test_one_step_from_the_data_equals_two_steps_through_the_as_of_baseline(w):
    sc = _scenario('[[tariffs]]\nimposer = "USA"\ntargets = ["MEX"]\nsectors = ["goods"]\nrate = 0.25\n')
    b = build_scenario(sc, w)
    two = solve(b.world, b.shock, closure=b.closure)
    base = rebase(w, closure=b.closure)
    at_as_of = solve(w, Shock(tariff=b.world.tariff), closure=b.closure, baseline=base)
    one = solve(w, b.shock, closure=b.closure, baseline=base)
    np.testing.assert_allclose(two.real_income_hat, one.real_income_hat / at_as_of.real_income_hat, rtol=1e-9)
    np.testing.assert_allclose(two.trade_usd_m, one.trade_usd_m, rtol=1e-8, atol=1e-6)
    # and leverage reports exactly that ratio
    r = leverage(sc, world=w, draws=0)
    for o in r.countries:
        k = w.country_index(o.country)
        assert o.real_income_pct == pytest.approx(100 * (one.real_income_hat[k] / at_as_of.real_income_hat[k] - 1))


def test_the_effect_does_not_depend_on_the_route_to_the_as_of_tariffs(w):
    # Data -> tariffs of 1 Apr 2025 -> tariffs of AS_OF -> scenario equals data -> AS_OF -> scenario.
    sc = _scenario('[[tariffs]]\nimposer = "USA"\ntargets = ["MEX"]\nsectors = ["goods"]\nrate = 0.25\n')
    b = build_scenario(sc, w)
    mid = solve(w, Shock(tariff=applied_tariffs(w, "2025-04-01")), closure=b.closure).to_world()
    via = solve(mid, Shock(tariff=b.world.tariff), closure=b.closure, baseline=mid).to_world()
    np.testing.assert_allclose(via.trade_usd_m, b.world.trade_usd_m, rtol=1e-8, atol=1e-6)
    e_via = solve(via, b.shock, closure=b.closure, baseline=via)
    e = solve(b.world, b.shock, closure=b.closure, baseline=b.world)
    np.testing.assert_allclose(e_via.real_income_hat, e.real_income_hat, rtol=1e-9)


def test_baseline_at_other_elasticities_is_re_solved_from_the_data(w):
    b = build_scenario(load_scenario("us-tariff-25-mex"), w, as_of=AS_OF)
    theta = b.world.theta * 0.5
    wd = b.baseline_at(theta)
    direct = solve(dataclasses.replace(b.data_world, theta=theta), Shock(tariff=b.world.tariff), closure=b.closure)
    np.testing.assert_allclose(wd.trade_usd_m, direct.trade_usd_m, rtol=1e-8, atol=1e-6)
    assert not np.allclose(wd.trade_usd_m, b.world.trade_usd_m, rtol=1e-4)  # the as-of state depends on theta
