"""Invariants of the Caliendo–Parro engine (no external numbers needed)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from scipy import optimize

from palanca.data import load_world
from palanca.model import Closure, Shock, SolverOptions, World, rebase, solve
from palanca.testing import assert_equilibrium_consistent, random_world


@pytest.fixture(scope="module")
def cp():
    return load_world("cp1993")


@pytest.fixture(scope="module")
def us_tariff_shock(cp):
    tau = np.array(cp.tariff)
    us, mx = cp.country_index("USA"), cp.country_index("MEX")
    tau[us, mx, cp.tradable] = 0.25
    return Shock(tariff=tau, label="25% US tariff on Mexico")


@pytest.mark.parametrize("closure", list(Closure))
def test_zero_shock_changes_nothing(cp, closure):
    eq = solve(cp, None, closure=closure)
    assert eq.converged
    np.testing.assert_allclose(eq.wage_hat, 1.0, atol=1e-9)
    np.testing.assert_allclose(eq.price_hat, 1.0, atol=1e-9)
    np.testing.assert_allclose(eq.real_income_hat, 1.0, atol=1e-9)
    np.testing.assert_allclose(eq.trade_usd_m, eq.world.trade_usd_m, rtol=1e-8, atol=1e-6)
    assert np.abs(eq.welfare_first_order).max() < 1e-9


@pytest.mark.parametrize("closure", [Closure.ZERO_DEFICIT, Closure.FIXED_DEFICIT])
def test_market_clearing_and_trade_balance(cp, us_tariff_shock, closure):
    eq = solve(cp, us_tariff_shock, closure=closure)
    assert_equilibrium_consistent(eq)
    assert eq.residual < 1e-9
    # the baseline itself is an exact model equilibrium after the re-solve
    base = rebase(cp, closure=closure)
    assert np.abs(base.expenditure_residual_usd_m()).max() / base.value_added_usd_m.sum() < 1e-9


def test_world_gdp_is_the_numeraire(cp, us_tariff_shock):
    eq = solve(cp, us_tariff_shock, closure=Closure.FIXED_DEFICIT)
    assert eq.value_added_usd_m.sum() == pytest.approx(eq.world.value_added_usd_m.sum(), rel=1e-10)


def test_price_index_numeraire(cp, us_tariff_shock):
    opts = SolverOptions(numeraire="DEU")
    eq = solve(cp, us_tariff_shock, closure=Closure.ZERO_DEFICIT, options=opts)
    assert eq.price_index_hat[cp.country_index("DEU")] == pytest.approx(1.0, abs=1e-10)
    # real outcomes do not depend on the numeraire
    ref = solve(cp, us_tariff_shock, closure=Closure.ZERO_DEFICIT)
    np.testing.assert_allclose(eq.real_income_hat, ref.real_income_hat, rtol=1e-8)
    np.testing.assert_allclose(eq.real_wage_hat, ref.real_wage_hat, rtol=1e-8)


def test_scaling_nominal_values_changes_no_real_result(cp, us_tariff_shock):
    scaled = dataclasses.replace(cp, trade_usd_m=cp.trade_usd_m * 7.3, deficit_usd_m=cp.deficit_usd_m * 7.3)
    a = solve(cp, us_tariff_shock, closure=Closure.FIXED_DEFICIT)
    b = solve(scaled, us_tariff_shock, closure=Closure.FIXED_DEFICIT)
    np.testing.assert_allclose(b.real_income_hat, a.real_income_hat, rtol=1e-8)
    np.testing.assert_allclose(b.real_wage_hat, a.real_wage_hat, rtol=1e-8)
    np.testing.assert_allclose(b.trade_hat, a.trade_hat, rtol=1e-7)
    np.testing.assert_allclose(b.welfare_first_order, a.welfare_first_order, atol=1e-10)


def test_terms_of_trade_are_zero_sum_in_dollars(cp, us_tariff_shock):
    eq = solve(cp, us_tariff_shock, closure=Closure.ZERO_DEFICIT)
    usd = eq.terms_of_trade_total * eq.world.income_usd_m
    assert abs(usd.sum()) < 1e-8 * eq.world.value_added_usd_m.sum()
    # contributions by partner and sector add up to the totals
    np.testing.assert_allclose(eq.volume_of_trade.sum(axis=(1, 2)), eq.volume_of_trade_total)


def test_first_order_decomposition_is_the_derivative_of_real_income(cp):
    """For a small shock, ToT + VoT equals the exact real-income change to first order."""
    us, mx = cp.country_index("USA"), cp.country_index("MEX")
    errs = []
    for size in (0.01, 0.001):
        tau = np.array(cp.tariff)
        tau[us, mx, cp.tradable] += size
        eq = solve(cp, Shock(tariff=tau), closure=Closure.ZERO_DEFICIT)
        exact = np.log(eq.real_income_hat)
        errs.append(np.abs(eq.welfare_first_order - exact).max() / np.abs(exact).max())
    assert errs[1] < 0.01  # relative gap vanishes with the shock size
    assert errs[1] < errs[0] / 5


def test_symmetric_countries_get_symmetric_outcomes():
    rng = np.random.default_rng(3)
    w = random_world(rng, 2, 2, balanced=True)
    # make country 1 an exact mirror of country 0
    X = np.array(w.trade_usd_m)
    X[1, 1], X[1, 0] = X[0, 0], X[0, 1]
    tau = np.zeros_like(X)
    w = dataclasses.replace(
        w,
        trade_usd_m=X,
        tariff=tau,
        va_share=np.repeat(w.va_share[:1], 2, 0),
        io=np.repeat(w.io[:1], 2, 0),
        final_share=np.repeat(w.final_share[:1], 2, 0),
        deficit_usd_m=np.zeros(2),
    )
    shock = Shock(tariff=np.full_like(X, 0.1) * (1 - np.eye(2))[:, :, None])
    eq = solve(w, shock, closure=Closure.ZERO_DEFICIT)
    assert eq.real_income_hat[0] == pytest.approx(eq.real_income_hat[1], rel=1e-10)
    np.testing.assert_allclose(eq.price_hat[0], eq.price_hat[1], rtol=1e-10)


def _one_sector_world(rng, n):
    w = random_world(rng, n, 1, io_links=False, tariffs=False, balanced=True)
    return dataclasses.replace(w, deficit_usd_m=np.zeros(n))


def test_one_sector_reduces_to_armington_closed_form():
    """J = 1, beta = 1: welfare is pi_nn_hat ** (-1/theta) (Arkolakis, Costinot and
    Rodríguez-Clare 2012), and wages solve w_i L_i = sum_n pi'_ni w_n L_n (independent root)."""
    rng = np.random.default_rng(11)
    w = _one_sector_world(rng, 4)
    d_hat = np.exp(rng.normal(0, 0.2, size=w.trade_usd_m.shape))
    d_hat[np.arange(4), np.arange(4), :] = 1.0
    eq = solve(w, Shock(trade_cost_hat=d_hat), closure=Closure.ZERO_DEFICIT)
    theta = float(w.theta[0])
    pi_nn_hat = np.diagonal(eq.trade_share[:, :, 0]) / np.diagonal(w.trade_share[:, :, 0])
    np.testing.assert_allclose(eq.real_income_hat, pi_nn_hat ** (-1 / theta), rtol=1e-9)

    pi0, Y = w.trade_share[:, :, 0], w.value_added_usd_m
    A = pi0 * d_hat[:, :, 0] ** -theta

    def excess(lw_rest):
        lw = np.concatenate([[0.0], lw_rest])
        s = A * np.exp(-theta * lw)[None, :]
        pi1 = s / s.sum(axis=1, keepdims=True)
        wl = Y * np.exp(lw)
        return (pi1 * wl[:, None]).sum(axis=0)[1:] - wl[1:]

    sol = optimize.root(excess, np.zeros(3), tol=1e-13)
    w_rel = np.exp(np.concatenate([[0.0], sol.x]))
    np.testing.assert_allclose(eq.wage_hat / eq.wage_hat[0], w_rel, rtol=1e-8)


def test_convergence_failure_raises_with_diagnostics(cp, us_tariff_shock):
    from palanca.errors import ConvergenceError

    base = rebase(cp, closure=Closure.ZERO_DEFICIT)
    with pytest.raises(ConvergenceError, match=r"did not converge.*after 3 iterations.*max_iter"):
        solve(cp, us_tariff_shock, baseline=base, options=SolverOptions(max_iter=3, fallback=False))
    eq = solve(cp, us_tariff_shock, baseline=base, options=SolverOptions(max_iter=3, throw=False, fallback=False))
    assert not eq.converged
    assert eq.status == "max_iter"
    assert eq.iterations == 3


def test_anderson_off_matches_accelerated(cp, us_tariff_shock):
    base = rebase(cp, closure=Closure.ZERO_DEFICIT)
    fast = solve(cp, us_tariff_shock, baseline=base)
    slow = solve(
        cp,
        us_tariff_shock,
        baseline=base,
        options=SolverOptions(memory=0, damping=0.5, max_iter=20000, tol=1e-12),
    )
    assert slow.iterations > fast.iterations
    np.testing.assert_allclose(fast.real_income_hat, slow.real_income_hat, rtol=1e-8)


def test_world_is_immutable(cp):
    with pytest.raises(dataclasses.FrozenInstanceError):
        cp.name = "x"  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        cp.trade_usd_m[0, 0, 0] = 1.0


def test_baseline_must_match_world(cp):
    other = random_world(np.random.default_rng(0), 3, 2)
    with pytest.raises(ValueError, match="rebase"):
        solve(cp, None, baseline=other)


def test_world_validated_type_is_world(cp):
    assert isinstance(cp, World)
    assert cp.tradable.sum() == 20
