"""Small random worlds under random tariffs, trade costs and deficits: a solve either converges to an
equilibrium with positive, finite incomes and real-income changes, or says it did not (never a converged
result with non-positive income or NaN)."""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from palanca.errors import ConvergenceError, WorldValidationError
from palanca.model import Closure, SolverOptions, solve
from palanca.testing.strategies import shocks_for, worlds


@st.composite
def cases(draw):
    world = draw(worlds(max_countries=4, max_sectors=3))
    shock = draw(shocks_for(world))
    if draw(st.booleans()):  # large imbalances: one country's deficit moved by up to its whole income
        rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
        va = np.asarray(world.value_added_usd_m)
        gdp = va.sum(axis=1) if va.ndim == 2 else va
        d = rng.uniform(-1.0, 1.0, size=world.n_countries) * gdp
        shock = dataclasses.replace(shock, deficit_usd_m=d - d.mean())
    closure = draw(st.sampled_from([Closure.FIXED_DEFICIT, Closure.ZERO_DEFICIT]))
    return world, shock, closure


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(cases())
def test_converged_means_positive_finite_income(case):
    world, shock, closure = case
    try:
        eq = solve(world, shock, closure=closure, options=SolverOptions(throw=False, max_iter=600))
    except (ConvergenceError, WorldValidationError):
        return  # refused or not converged, and said so
    if eq.converged:
        assert np.all(np.isfinite(eq.income_usd_m)) and np.all(eq.income_usd_m > 0), eq.income_usd_m
        assert np.all(np.isfinite(eq.real_income_hat)) and np.all(eq.real_income_hat > 0)
    else:
        assert eq.status != "converged"
