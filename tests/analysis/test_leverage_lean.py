"""The Monte Carlo's lean solver (`palanca.model._solver_draws.ThetaSolver`) gives what `solve` gives."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from palanca.analysis import leverage
from palanca.data import load_world
from palanca.model import _fast, rebase, solve
from palanca.model._solver_draws import ThetaSolver
from palanca.scenarios import build_scenario, load_scenario

pytest.importorskip("numba")


@pytest.fixture(scope="module")
def case():
    built = build_scenario(load_scenario("us-tariff-25-mex"), load_world("world2023"))
    base = rebase(built.world, closure=built.closure)
    eq = solve(base, built.shock, closure=built.closure, baseline=base)
    return built, base, eq


def test_lean_real_income_equals_the_full_solve(case, monkeypatch):
    built, base, eq = case
    monkeypatch.setattr(_fast, "START_AFTER_S", 0.0)  # the fast path from the first solve
    lean = ThetaSolver(base, built.shock, closure=built.closure)
    rng = np.random.default_rng(3)
    for _ in range(4):
        theta = base.theta * np.exp(0.3 * rng.standard_normal(base.n_sectors))
        wd = dataclasses.replace(base, theta=theta)
        full = solve(wd, built.shock, closure=built.closure, baseline=wd, initial=eq)
        got = lean.real_income_hat(theta, initial=eq)
        assert got is not None
        np.testing.assert_allclose(got, full.real_income_hat, rtol=0, atol=1e-12)


def test_lean_declines_what_it_cannot_solve(case):
    built, base, _ = case
    lean = ThetaSolver(base, built.shock, closure=built.closure)
    assert lean.real_income_hat(np.full(base.n_sectors, -1.0)) is None
    assert lean.real_income_hat(np.ones(base.n_sectors + 1)) is None


def test_band_with_and_without_the_lean_solver_agrees():
    scenario = load_scenario("us-tariff-25-mex")
    lean = leverage(scenario, draws=20, seed=1)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ThetaSolver, "answer", lambda self, theta, initial=None: None)
        full = leverage(scenario, draws=20, seed=1)
    assert lean.converged_draws == full.converged_draws == 20
    # The draws are solved to DRAW_TOL, the full path to the default tolerance: every draw and every
    # reported figure agree within 1e-4 percentage points (in fact about 1e-7).
    np.testing.assert_allclose(np.array(lean.between_draws_pct), np.array(full.between_draws_pct), rtol=0, atol=1e-5)
    for a, b in zip(lean.countries, full.countries, strict=True):
        for f in ("low_pct", "median_pct", "high_pct", "real_income_pct", "short_run_pct", "low_elasticity_pct"):
            assert getattr(a, f) == pytest.approx(getattr(b, f), abs=1e-5)
    assert lean.by_set == full.by_set
