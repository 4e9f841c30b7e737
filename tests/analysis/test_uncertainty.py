"""The one uncertainty module: per-draw seeding, set and within-set uncertainty, failures, one band."""

from __future__ import annotations

import numpy as np
import pytest

from palanca.analysis import leverage
from palanca.analysis._uncertainty import (
    MAX_FAILED_SHARE,
    band,
    check_failures,
    elasticity_prior,
    run_draws,
)
from palanca.data import elasticity_sets, load_world
from palanca.errors import ConvergenceError, MonteCarloError, ScenarioError
from palanca.scenarios import load_scenario
from palanca.store import get_run, list_runs
from palanca.sweep import Vary, sweep

SETS = {"A": np.array([2.0, 4.0]), "B": np.array([8.0, 1.0]), "C": np.array([5.0, 5.0])}


def test_draw_d_depends_only_on_seed_and_d():
    p = elasticity_prior(np.array([4.0, 4.0]), SETS, sigma=0.3)
    a = [p.draw(7, d) for d in range(10)]
    b = [p.draw(7, d) for d in reversed(range(10))][::-1]  # another order (or chunking)
    for (ta, ca), (tb, cb) in zip(a, b, strict=True):
        np.testing.assert_array_equal(ta, tb)
        assert ca == cb
    assert not np.array_equal(p.draw(7, 0)[0], p.draw(8, 0)[0])
    with pytest.raises(ScenarioError, match="seed = -1"):
        p.draw(-1, 0)


def test_set_uncertainty_and_within_set_noise():
    # sigma = 0: every draw is exactly one of the sets, and over many draws each set appears
    p0 = elasticity_prior(np.array([4.0, 4.0]), SETS, sigma=0.0)
    drawn = [p0.draw(0, d) for d in range(60)]
    for theta, code in drawn:
        np.testing.assert_array_equal(theta, SETS[code])
    assert {c for _, c in drawn} == set(SETS)
    # within-set noise only: log(theta / centre) has standard deviation sigma
    p1 = elasticity_prior(np.array([4.0, 4.0]), SETS, sigma=0.25, span_sets=False)
    z = np.log(np.array([p1.draw(1, d)[0] for d in range(4000)]) / 4.0)
    assert z.std() == pytest.approx(0.25, rel=0.05)
    assert p1.draw(1, 0)[1] is None


def test_band_is_the_5_50_95_percentiles():
    s = np.arange(101, dtype=float)[:, None] * np.array([1.0, -1.0])
    lo, med, hi = band(s, np.zeros(2))
    np.testing.assert_allclose(lo, [5.0, -95.0])
    np.testing.assert_allclose(med, [50.0, -50.0])
    np.testing.assert_allclose(hi, [95.0, -5.0])
    c = np.array([1.0, 2.0])
    assert all(np.array_equal(x, c) for x in band(np.empty((0, 2)), c))


def test_failed_draws_are_retried_counted_and_named():
    p = elasticity_prior(np.array([4.0, 4.0]), SETS, sigma=0.1)
    calls = []

    def solve_theta(theta, retry):
        calls.append(retry)
        d = len([c for c in calls if not c]) - 1
        if d == 2:
            raise ConvergenceError("no", iterations=1, residual=1.0)  # fails twice: counted
        if d == 4 and not retry:
            return None  # fails once: the retry rescues it
        return theta

    mc = run_draws(solve_theta, p, 0, range(6))
    assert (mc.draws, mc.converged_draws, mc.failed, mc.retried) == (6, 5, (2,), 2)
    check_failures(len(mc.failed), mc.draws, sigma=0.1)  # 1 of 6 is under the stated share
    with pytest.raises(MonteCarloError, match=r"3 of 6 elasticity draws did not converge .* smaller --sigma"):
        check_failures(3, 6, sigma=5.0)
    assert MAX_FAILED_SHARE == 0.25


def test_same_seed_gives_the_same_band_in_leverage_and_sweep(tmp_path):
    sc = load_scenario("us-tariff-25-mex")
    lev = leverage(sc, draws=6, seed=11)
    store = tmp_path / "s.duckdb"
    sweep(sc, [Vary("theta_scale", (1.0,))], draws=6, seed=11, chunk=4, executor="sync", store=store)
    run = get_run(list_runs(store, kind="sweep_point")[0].run_id, store)
    for row in run.result["countries"]:
        if row["country"] not in ("USA", "MEX"):
            continue
        o = lev.outcome(row["country"])
        assert (row["low_pct"], row["median_pct"], row["high_pct"]) == pytest.approx(
            (o.low_pct, o.median_pct, o.high_pct), abs=1e-7
        )
    assert run.result["converged_draws"] == lev.converged_draws == 6 and run.result["failed_draws"] == []


def test_leverage_reports_the_spread_across_sets_beside_the_band():
    w = load_world("world2023")
    lev = leverage(load_scenario("us-tariff-25-mex"), draws=4, seed=0)
    assert set(lev.by_set) == set(elasticity_sets(w))
    # the no-noise answer under the world's own set is the central estimate
    own = w.provenance["elasticities"]
    assert lev.by_set[own]["MEX"] == pytest.approx(lev.outcome("MEX").real_income_pct, abs=1e-6)
    assert "across the elasticity sets" in lev.summary
    u = lev.to_dict()["uncertainty"]
    assert u["spans_elasticity_sets"] is True and u["failed_draws"] == []


@pytest.mark.slow
def test_default_band_spans_most_published_sets():
    """With set uncertainty on, the 5-95% band of Mexico's loss covers most of the eight sets' answers
    (the within-set-only band covered one of eight)."""
    lev = leverage(load_scenario("us-tariff-25-mex"), draws=200, seed=0)
    o = lev.outcome("MEX")
    inside = [k for k, v in lev.by_set.items() if o.low_pct - 1e-9 <= v["MEX"] <= o.high_pct + 1e-9]
    assert len(inside) >= 6
