"""The solver never reports a non-equilibrium as converged, and falls back before it gives up."""

from __future__ import annotations

import numpy as np
import pytest

from palanca.data import list_worlds, load_world
from palanca.errors import ConvergenceError
from palanca.model import Closure, Shock, SolverOptions, World, solve, solve_from


def _surplus_world() -> World:
    """Two one-sector economies; A exports 90% of its output and runs a surplus of 80% of it."""
    X = np.zeros((2, 2, 1))
    X[0, 0, 0], X[1, 0, 0] = 10.0, 90.0  # A's sales at home and to B
    X[1, 1, 0], X[0, 1, 0] = 100.0, 10.0  # B's sales at home and to A
    deficit = X.sum(axis=0)[:, 0] * 0 + np.array([X[0, :, 0].sum() - X[:, 0, 0].sum(), 0.0])
    deficit[1] = -deficit[0]
    return World(
        name="surplus",
        year=2023,
        countries=("AAA", "BBB"),
        sectors=("G",),
        sector_labels=("goods",),
        trade_usd_m=X,
        tariff=np.zeros((2, 2, 1)),
        theta=np.array([4.0]),
        va_share=np.ones((2, 1)),
        io=np.zeros((2, 1, 1)),
        final_share=np.ones((2, 1)),
        deficit_usd_m=deficit,
    )


def test_fixed_surplus_that_cannot_be_financed_is_not_converged():
    # B's prohibitive tariff on A: A cannot earn its fixed surplus back, so income = VA + D falls
    # below zero. Such a fixed point is no equilibrium and must never be reported as converged.
    w = _surplus_world()
    tau = np.zeros((2, 2, 1))
    tau[1, 0, 0] = 20.0
    shock = Shock(tariff=tau, label="prohibitive tariff on the surplus economy")
    eq = solve(w, shock, closure=Closure.FIXED_DEFICIT, options=SolverOptions(throw=False))
    assert not eq.converged
    assert eq.status in {"non_positive_income", "non_finite", "max_iter"}
    with pytest.raises(ConvergenceError, match=r"(positive income.*AAA.*zero_deficit)|did not converge"):
        solve(w, shock, closure=Closure.FIXED_DEFICIT)
    # the same shock has an equilibrium once the surplus may adjust
    ok = solve(w, shock, closure=Closure.ZERO_DEFICIT)
    assert ok.converged and np.all(ok.income_usd_m > 0)


def test_zero_deficit_resolve_of_world2023_converges_with_defaults():
    eq = solve(load_world("world2023"), closure=Closure.ZERO_DEFICIT)
    assert eq.converged and eq.status == "converged"
    assert eq.residual < 1e-8


def test_a_cycling_anderson_iteration_falls_back_to_damping(monkeypatch):
    # Anderson mixing can cycle (it did on the zero-deficit re-solve of an earlier world2023 build:
    # 3000 iterations, residual 6e-4); the solver must then switch method, not raise.
    import palanca.model._solver as solver_mod
    from palanca.model._anderson import FixedPointResult, anderson_fixed_point

    def cycling(g, x0, **kw):
        if kw.get("memory", 0) > 0:
            return FixedPointResult(np.asarray(x0), False, kw["max_iter"], 0.5)
        return anderson_fixed_point(g, x0, **kw)

    w = load_world("cp1993")
    base = solve(w, closure=Closure.ZERO_DEFICIT).to_world()
    tau = np.array(base.tariff)
    tau[base.country_index("USA"), base.country_index("MEX"), base.tradable] = 0.25
    shock = Shock(tariff=tau, label="25% US tariff on Mexico")
    ref = solve_from(base, shock, closure=Closure.ZERO_DEFICIT, options=SolverOptions())
    monkeypatch.setattr(solver_mod, "anderson_fixed_point", cycling)
    monkeypatch.setattr(solver_mod._fast, "AVAILABLE", False)  # the cycling iteration is the numpy one
    eq = solve_from(base, shock, closure=Closure.ZERO_DEFICIT, options=SolverOptions())
    assert eq.converged and eq.method == "damped" and eq.iterations > 10
    np.testing.assert_allclose(eq.real_income_hat, ref.real_income_hat, rtol=1e-9)
    with pytest.raises(ConvergenceError, match="did not converge"):
        solve_from(base, shock, closure=Closure.ZERO_DEFICIT, options=SolverOptions(fallback=False))


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(list_worlds()))
@pytest.mark.parametrize("closure", list(Closure))
def test_every_shipped_world_solves_under_every_closure(name, closure):
    world = load_world(name)
    eq = solve(world, closure=closure)
    assert eq.converged, (name, closure, eq.status)
    assert np.all(eq.income_usd_m > 0)
    # re-solved at its own policy, the model reproduces itself: a zero shock changes nothing
    again = solve(eq.to_world(), closure=closure)
    np.testing.assert_allclose(again.real_income_hat, 1.0, atol=1e-8)
