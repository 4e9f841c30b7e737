"""Property-based tests: random small worlds (2–4 countries, 1–3 sectors) solve consistently."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings

from palanca.model import Closure, Shock, solve
from palanca.testing import assert_equilibrium_consistent
from palanca.testing.strategies import shocks_for, worlds


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=worlds().flatmap(lambda w: shocks_for(w).map(lambda s: (w, s))))
def test_random_worlds_solve_and_clear_markets(data):
    world, shock = data
    for closure in (Closure.ZERO_DEFICIT, Closure.FIXED_DEFICIT):
        eq = solve(world, shock, closure=closure)
        assert eq.converged
        assert_equilibrium_consistent(eq, rtol=1e-8)
        assert np.all(eq.real_income_hat > 0)


@settings(max_examples=15, deadline=None)
@given(world=worlds())
def test_random_worlds_zero_shock_is_identity(world):
    eq = solve(world, Shock.none(), closure=Closure.FIXED_DEFICIT)
    np.testing.assert_allclose(eq.real_income_hat, 1.0, atol=1e-9)
    np.testing.assert_allclose(eq.trade_hat, 1.0, rtol=1e-7)
