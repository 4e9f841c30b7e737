"""`solve` on the fast path equals `solve` on the numpy reference path (same iterations, 1e-12)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

pytest.importorskip("numba")

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from palanca.data import load_world
from palanca.model import Closure, Shock, SolverOptions, _fast, _solver, rebase, solve
from palanca.testing.strategies import shocks_for, worlds


def solve_both(world, shock, closure, options=None):
    """The solve on the fast path (from the first solve) and on the numpy path, and whether the
    fast one really skipped the numpy iteration."""
    options = options or SolverOptions(throw=False)
    base = rebase(world, closure=closure, options=options)
    numpy_calls = []
    original = _solver._fixed_point

    def spy(step, z0, opts):
        numpy_calls.append(1)
        return original(step, z0, opts)

    start, available = _fast.START_AFTER_S, _fast.AVAILABLE
    _solver._fixed_point = spy
    try:
        _fast.START_AFTER_S = 0.0
        fast = solve(world, shock, closure=closure, options=options, baseline=base)
        used_fast = not numpy_calls
        _fast.AVAILABLE = False
        ref = solve(world, shock, closure=closure, options=options, baseline=base)
    finally:
        _solver._fixed_point = original
        _fast.START_AFTER_S, _fast.AVAILABLE = start, available
    return fast, ref, used_fast


def assert_same(fast, ref, atol=1e-12):
    assert fast.converged == ref.converged and fast.status == ref.status
    if not ref.converged:
        return
    assert abs(fast.iterations - ref.iterations) <= max(2, ref.iterations // 20)
    for a, b in (
        (fast.wage_hat, ref.wage_hat),
        (fast.price_hat, ref.price_hat),
        (fast.real_income_hat, ref.real_income_hat),
        (fast.trade_share, ref.trade_share),
    ):
        np.testing.assert_allclose(a, b, rtol=0, atol=atol)
    scale = float(np.sum(ref.expenditure_usd_m))
    np.testing.assert_allclose(fast.expenditure_usd_m / scale, ref.expenditure_usd_m / scale, rtol=0, atol=atol)


@pytest.mark.parametrize("closure", list(Closure))
def test_solve_is_the_same_on_both_paths_on_cp1993(closure):
    world = load_world("cp1993")
    tau = np.array(world.tariff)
    us, mx, ca = (world.country_index(c) for c in ("USA", "MEX", "CAN"))
    for a in (us, mx, ca):
        for b in (us, mx, ca):
            if a != b:
                tau[a, b, :] = 0.0
    # The conditional closure contracts slowly (about 80 iterations): at the default tolerance (1e-11 on the
    # step) the two paths stop 1e-11 apart, so compare them solved to 1e-13.
    options = SolverOptions(throw=False, tol=1e-13 if closure is Closure.CONDITIONAL else 1e-11)
    fast, ref, used_fast = solve_both(world, Shock(tariff=tau, label="NAFTA"), closure, options)
    assert used_fast and ref.converged
    if closure is Closure.CONDITIONAL:
        # Solved to 1e-13, a step size near rounding: the paths' last iterations differ by a few where their
        # floating-point operations are ordered differently; the answers agree to 1e-12 (below).
        assert abs(fast.iterations - ref.iterations) <= 5
    else:
        assert fast.iterations == ref.iterations
    assert_same(fast, ref)


def test_solve_is_the_same_on_both_paths_on_world2023():
    world = load_world("world2023")
    tau = np.array(world.tariff)
    tau[world.country_index("USA"), world.country_index("MEX"), :] = 0.25
    fast, ref, used_fast = solve_both(world, Shock(tariff=tau, label="25%"), Closure.FIXED_DEFICIT)
    assert used_fast and ref.converged and fast.iterations == ref.iterations
    assert_same(fast, ref)


def test_one_off_solves_do_not_import_numba():
    """In a fresh process, one cp1993 solve stays on numpy (numba not even imported); a 200 x 50 one would not."""
    code = (
        "import sys\n"
        "from palanca.data import load_world\n"
        "from palanca.model import Closure, _fast, rebase\n"
        "rebase(load_world('cp1993'), closure=Closure.ZERO_DEFICIT)\n"
        "print('numba' in sys.modules, _fast._worth_it(200 * 200 * 50))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.split() == ["False", "True"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), closure=st.sampled_from(list(Closure)))
def test_solve_is_the_same_on_both_paths_on_random_worlds(data, closure):
    world = data.draw(worlds())
    shock = data.draw(shocks_for(world))
    fast, ref, _ = solve_both(world, shock, closure)
    assert_same(fast, ref, atol=1e-10)
