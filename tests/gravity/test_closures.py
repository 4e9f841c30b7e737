"""The engine closures added for structural gravity, on random multi-sector worlds."""

from __future__ import annotations

import numpy as np
import pytest

from palanca.model import Closure, Shock, solve
from palanca.testing import random_world


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_output_multiple_keeps_expenditure_a_common_multiple_of_value_added(seed):
    w = random_world(np.random.default_rng(seed), 4, 2)
    d_hat = np.exp(np.random.default_rng(seed + 10).uniform(-0.2, 0.2, size=w.trade_usd_m.shape))
    eq = solve(w, Shock(trade_cost_hat=d_hat), closure=Closure.OUTPUT_MULTIPLE)
    base = eq.world
    assert abs(eq.deficit_usd_m.sum()) < 1e-8 * base.value_added_usd_m.sum()
    phi0 = 1 + base.deficit_usd_m / base.value_added_usd_m
    phi1 = 1 + eq.deficit_usd_m / eq.value_added_usd_m
    ratio = phi1 / phi0  # one world adding-up factor, the same for every country
    np.testing.assert_allclose(ratio, ratio[0], rtol=1e-9)


@pytest.mark.parametrize("seed", [0, 1])
def test_conditional_zero_shock_is_identity_and_clears_at_baseline_value_added(seed):
    w = random_world(np.random.default_rng(seed), 3, 2)
    eq = solve(w, None, closure=Closure.CONDITIONAL)
    np.testing.assert_allclose(eq.wage_hat, 1.0, atol=1e-9)
    np.testing.assert_allclose(eq.real_income_hat, 1.0, atol=1e-9)
    d_hat = np.full(w.trade_usd_m.shape, 1.1)
    d_hat[np.arange(3), np.arange(3), :] = 1.0
    eq = solve(w, Shock(trade_cost_hat=d_hat), closure=Closure.CONDITIONAL)
    labour = (eq.world.va_share * eq.gross_output_usd_m).sum(axis=1)
    np.testing.assert_allclose(labour, eq.world.value_added_usd_m, rtol=1e-9)
    np.testing.assert_allclose(eq.deficit_usd_m, eq.world.deficit_usd_m)
