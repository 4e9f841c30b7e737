"""Optimal tariffs and tariff wars from the as-of baseline of the scenarios (`palanca.optimal_tariff`, `tariff_war`).

The registry's dates: an action is in force from its ``effective`` date (the first day collected) until its
``end`` (the first day no longer collected). The first action of 2025 (IEEPA on China) takes effect on
4 February 2025, so on 3 February 2025 the tariffs in force are the world's own, and the answer must be the
model's on world2023; on 1 June 2025 the IEEPA tariff on non-USMCA Mexican goods and the Section 232 tariffs
are in force, and Mexico's best response to them differs.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

import palanca
from palanca.data import load_world
from palanca.errors import PolicyError, ScenarioError
from palanca.model import optimal_tariff, tariff_war
from palanca.policy import applied_tariffs, newest_date

PRE_2025 = "2025-02-03"
IN_FORCE_2025 = "2025-06-01"


@pytest.fixture(scope="module")
def world():
    return load_world("world2023")


def test_the_dates_mean_what_the_tests_assume(world):
    assert np.array_equal(applied_tariffs(world, PRE_2025), world.tariff)
    assert not np.array_equal(applied_tariffs(world, "2025-02-04"), world.tariff)
    usa, mex = world.country_index("USA"), world.country_index("MEX")
    assert (applied_tariffs(world, IN_FORCE_2025)[usa, mex] > world.tariff[usa, mex]).any()


def test_optimal_tariff_before_2025_is_the_world2023_answer(world):
    base = optimal_tariff(world, "MEX")
    res = palanca.optimal_tariff("world2023", "MEX", as_of=PRE_2025)
    assert res.tariff == pytest.approx(base.tariff, abs=1e-6)
    assert res.welfare_pct["MEX"] == pytest.approx(base.welfare_pct["MEX"], abs=1e-6)
    assert res.inputs.params["as_of"] == PRE_2025 and "none beyond the world's 2023" in res.inputs.params["baseline"]
    assert res.inputs.params["data_digest"] == world.digest


def test_optimal_tariff_against_the_2025_tariffs_differs(world):
    base = optimal_tariff(world, "MEX")
    res = palanca.optimal_tariff("world2023", "MEX", as_of=IN_FORCE_2025)
    assert res.converged and not res.at_bound
    # Mexico's best response to the US tariffs of June 2025: 16.36% against 15.68% on the 2023 tariffs
    assert res.tariff == pytest.approx(0.1636, abs=5e-4) and base.tariff == pytest.approx(0.1568, abs=5e-4)
    assert res.inputs.params["as_of"] == IN_FORCE_2025
    assert res.inputs.world_digest != world.digest  # the game is played from the solved as-of baseline


def test_nash_tariffs_before_2025_are_the_world2023_anchors(world):
    base = tariff_war(world)
    res = palanca.tariff_war("world2023", as_of=PRE_2025)
    # Nash tariffs on world2023's own tariffs: USA 11.64%, MEX 10.63% (docs/politics.md)
    assert round(100 * res.tariffs["USA"], 2) == 11.64 and round(100 * res.tariffs["MEX"], 2) == 10.63
    for c in ("USA", "MEX"):
        assert res.tariffs[c] == pytest.approx(base.tariffs[c], abs=1e-6)
    assert res.inputs.call == "tariff_war" and res.inputs.params["players"] == ("USA", "MEX")


def test_the_default_date_is_the_scenarios_default():
    from palanca.testing import random_world

    w = random_world(np.random.default_rng(7), 3, 2)
    res = palanca.optimal_tariff(w, w.countries[0])
    assert res.inputs.params["as_of"] == newest_date().isoformat()
    assert "world_source" not in res.inputs.params  # a world given as a value has no name to reload


def test_bad_dates_and_built_baselines_are_refused(world):
    with pytest.raises(PolicyError, match=r"as_of = '2025-13-01': not an ISO date"):
        palanca.optimal_tariff(world, "USA", as_of="2025-13-01")
    built = dataclasses.replace(world, provenance={**world.provenance, "tariffs_as_of": "2025-06-01"})
    with pytest.raises(ScenarioError, match="already carries the tariffs in force on 2025-06-01"):
        palanca.tariff_war(built, as_of="2025-06-01")
