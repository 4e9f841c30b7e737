"""Monte Carlo sizes and noise are bounded, and a run whose failures already exceed the limit stops at once."""

from __future__ import annotations

import numpy as np
import pytest

from palanca.analysis._uncertainty import MAX_DRAWS, MAX_SIGMA, elasticity_prior, run_draws
from palanca.errors import MonteCarloError, ScenarioError
from palanca.model import SolverOptions
from palanca.model._solver import _fixed_point


def _prior(sigma: float = 0.25):
    return elasticity_prior(np.array([4.0, 5.0]), {}, sigma=sigma)


def test_draws_above_the_cap_are_refused_before_any_work():
    calls = []
    with pytest.raises(ScenarioError, match=r"draws = 1000000000: must be between 0 and 100,000"):
        run_draws(lambda t, r: calls.append(t), _prior(), 0, range(1_000_000_000))
    assert not calls and MAX_DRAWS == 100_000


@pytest.mark.parametrize("sigma", [5.0, float("nan"), -0.1])
def test_sigma_outside_zero_to_the_maximum_is_refused(sigma):
    with pytest.raises(ScenarioError, match=rf"between 0 and {MAX_SIGMA:g} log-points"):
        _prior(sigma)


def test_failing_draws_stop_the_run_once_the_failure_limit_is_passed():
    calls = []

    def solve_theta(theta, retry):
        calls.append(retry)
        return None

    with pytest.raises(MonteCarloError, match=r"3 of the first 3 of 20 elasticity draws did not converge"):
        run_draws(solve_theta, _prior(), 0, range(20), max_failures=2)
    assert len(calls) == 6  # three draws, each tried twice


def test_leverage_refuses_sigma_and_draws_above_their_maxima_at_once():
    from palanca.analysis import leverage
    from palanca.scenarios import load_scenario

    sc = load_scenario("us-tariff-25-mex")
    with pytest.raises(ScenarioError, match="sigma = 5"):
        leverage(sc, draws=20, sigma=5.0)
    with pytest.raises(ScenarioError, match="draws = 1000000000"):
        leverage(sc, draws=1_000_000_000)


def test_a_diverging_fixed_point_gives_up_without_running_to_max_iter():
    def step(z):  # a map with no fixed point that never shrinks its step: z -> z + 1
        return z + 1.0

    fp, _ = _fixed_point(step, np.zeros(3), SolverOptions(max_iter=20000, memory=0))
    assert not fp.converged
    assert fp.iterations < 5000
