"""The fast path (numba kernels) against the numpy solver step it reimplements.

The numpy step is taken from inside `solve_from` itself (the function handed to the fixed-point
routine) together with the arrays it closes over, so the kernels are compared with the reference
map, not with a copy of it.
"""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("numba")

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from palanca.data import load_world
from palanca.model import Closure, Shock, SolverOptions, _fast, _solver, rebase
from palanca.model._anderson import anderson_fixed_point
from palanca.testing.strategies import shocks_for, worlds

ARRAY_NAMES = (
    "A", "producer", "rebate", "theta", "has_spend", "beta", "G", "alpha", "va0", "step_scale", "scale", "num_index",
    "conditional",
)  # fmt: skip


def numpy_step(world, shock, closure, options=None):
    """The numpy step of `solve_from`, its starting point and the arrays it closes over."""
    got = {}
    original = _solver._fixed_point

    def spy(step, z0, opts):
        got["step"], got["z0"] = step, z0
        return original(step, z0, opts)

    _solver._fixed_point = spy
    fast = _fast.AVAILABLE
    _fast.AVAILABLE = False  # the numpy path runs whatever the world's size
    try:
        _solver.solve_from(world, shock, closure=closure, options=options or SolverOptions(throw=False))
    finally:
        _solver._fixed_point = original
        _fast.AVAILABLE = fast
    step = got["step"]
    cells = dict(zip(step.__code__.co_freevars, (c.cell_contents for c in step.__closure__), strict=True))
    if "rebate" not in cells:  # the numpy step applies the tariff-rebate kernel to tau1 itself
        cells["rebate"] = cells["tau1"] / (1.0 + cells["tau1"])
    arrays = {k: cells[k] for k in ARRAY_NAMES}
    return step, got["z0"], arrays


def kernel_args(world, shock, closure, arrays):
    deficit = world.deficit_usd_m if shock.deficit_usd_m is None else shock.deficit_usd_m
    phi = 1.0 + world.deficit_usd_m / world.value_added_usd_m
    return dict(arrays, deficit_rule=_fast.CLOSURE_CODES[closure.value], deficit=deficit, phi=phi)


def assert_same_step(world, shock, closure, rng, rtol=1e-12):
    step, z0, arrays = numpy_step(world, shock, closure)
    kw = kernel_args(world, shock, closure, arrays)
    n = world.n_countries
    nj = n * world.n_sectors
    points = [z0]
    for _ in range(3):  # nearby points: wages and prices moved, expenditure scaled
        z = z0.copy()
        z[: n + nj] += 0.05 * rng.standard_normal(n + nj)
        z[n + nj :] *= np.exp(0.05 * rng.standard_normal(nj))
        points.append(z)
    for z in points:
        with np.errstate(all="ignore"):
            ref = step(z)
        got = _fast.calc_step(z, **kw)
        np.testing.assert_allclose(got, ref, rtol=rtol, atol=rtol * max(1.0, float(np.max(np.abs(ref)))))


def assert_same_fixed_point(world, shock, closure, options=None):
    options = options or SolverOptions()
    step, z0, arrays = numpy_step(world, shock, closure, options)
    with np.errstate(all="ignore"):
        ref = anderson_fixed_point(
            step, z0, tol=options.tol, max_iter=options.max_iter, memory=options.memory, damping=options.damping
        )
    x, converged, iterations, _ = _fast.calc_fixed_point(
        z0,
        **kernel_args(world, shock, closure, arrays),
        tol=options.tol,
        max_iter=options.max_iter,
        memory=options.memory,
        damping=options.damping,
    )
    assert converged == ref.converged
    if ref.converged:
        assert abs(iterations - ref.iterations) <= max(2, ref.iterations // 20)
        np.testing.assert_allclose(x, ref.x, rtol=0, atol=1e-12 * max(1.0, float(np.max(np.abs(ref.x)))))


def us_mex_shock(world):
    tau = np.array(world.tariff)
    us, mx = world.country_index("USA"), world.country_index("MEX")
    tau[us, mx, :] = np.where(world.tradable, 0.25, tau[us, mx, :])
    tau[mx, us, :] = np.where(world.tradable, 0.25, tau[mx, us, :])
    return Shock(tariff=tau, label="25% both ways")


@pytest.fixture(scope="module", params=["cp1993", "world2023", "icio2022", "wiod2011"])
def shipped(request):
    world = load_world(request.param)
    return world, us_mex_shock(world)


@pytest.mark.parametrize("closure", list(Closure))
def test_step_equals_numpy_step_on_shipped_worlds(shipped, closure):
    world, shock = shipped
    assert_same_step(world, shock, closure, np.random.default_rng(7))


@pytest.mark.parametrize("closure", [Closure.ZERO_DEFICIT, Closure.OUTPUT_MULTIPLE])
def test_fixed_point_equals_numpy_anderson_on_shipped_worlds(shipped, closure):
    world, shock = shipped
    assert_same_fixed_point(rebase(world, closure=closure), shock, closure)


def test_fixed_point_with_country_numeraire_and_damping():
    world = load_world("cp1993")
    shock = us_mex_shock(world)
    assert_same_fixed_point(world, shock, Closure.FIXED_DEFICIT, SolverOptions(numeraire="USA"))
    assert_same_fixed_point(world, shock, Closure.FIXED_DEFICIT, SolverOptions(memory=0, damping=0.7, max_iter=4000))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), closure=st.sampled_from(list(Closure)))
def test_step_equals_numpy_step_on_random_worlds(data, closure):
    world = data.draw(worlds())
    shock = data.draw(shocks_for(world))
    assert_same_step(world, shock, closure, np.random.default_rng(0))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), closure=st.sampled_from([Closure.ZERO_DEFICIT, Closure.FIXED_DEFICIT, Closure.CONDITIONAL]))
def test_fixed_point_equals_numpy_anderson_on_random_worlds(data, closure):
    world = data.draw(worlds())
    shock = data.draw(shocks_for(world))
    assert_same_fixed_point(world, shock, closure, SolverOptions(throw=False))
