"""Forecasting models against hand-computed small cases (each number worked out in the comments)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from palanca.data import read_deu
from palanca.errors import DataFormatError, PalancaError
from palanca.politics import (
    calc_compromise,
    calc_nash_reference,
    calc_weighted_median,
    cross_validate,
    exchange_positions,
    forecast,
)

MOCK = Path(__file__).parent / "mock"


def test_compromise_hand():
    # weights c*s = 3*1, 1*1 -> (0*3 + 100*1) / 4 = 25
    assert calc_compromise(np.array([0.0, 100.0]), np.array([3.0, 1.0]), np.array([1.0, 1.0])) == 25.0
    # all weights zero -> unweighted mean
    assert calc_compromise(np.array([0.0, 30.0]), np.array([1.0, 1.0]), np.array([0.0, 0.0])) == 15.0


def test_weighted_median_hand():
    # cumulative weights 1, 2, 5; half of 5 is 2.5, first reached at 20
    assert calc_weighted_median(np.array([10.0, 0.0, 20.0]), np.array([1.0, 1.0, 3.0])) == 20.0
    # exactly half at 0 -> midpoint to the next position
    assert calc_weighted_median(np.array([0.0, 10.0]), np.array([1.0, 1.0])) == 5.0


def test_weighted_median_beats_every_position_pairwise():
    rng = np.random.default_rng(3)
    for _ in range(50):
        x, w = rng.integers(0, 10, 7).astype(float), rng.random(7)
        med = calc_weighted_median(x, w)
        for y in x:  # votes with linear utilities: w_k (|x_k - y| - |x_k - med|) >= 0 in total
            assert np.dot(w, np.abs(x - y) - np.abs(x - med)) >= -1e-12


def test_nash_reference_hand():
    # rp = 0, positions 10 and 20, equal weights. Gains o(2x_i - o); maximise
    # 2 log o + log(20 - o) + log(40 - o) -> o^2 - 45 o + 400 = 0 -> o = (45 - sqrt(425)) / 2
    pred, lo, hi = calc_nash_reference(np.array([10.0, 20.0]), np.ones(2), np.ones(2), 0.0)
    assert pred == pytest.approx((45 - math.sqrt(425)) / 2, abs=1e-6)
    assert (lo, hi) == (0.0, 20.0)  # the bargaining set: both prefer o in (0, 2*10 - 0)


def test_nash_reference_pareto_optimal_status_quo():
    # actors on both sides of rp: no outcome improves on rp for everyone
    assert calc_nash_reference(np.array([0.0, 100.0]), np.ones(2), np.ones(2), 50.0) == (50.0, 50.0, 50.0)
    # no reference point: the limit of a very bad disagreement, the compromise
    pred, lo, _ = calc_nash_reference(np.array([0.0, 100.0]), np.array([3.0, 1.0]), np.ones(2), float("nan"))
    assert pred == 25.0 and math.isnan(lo)


def test_exchange_full_trade_hand():
    # actor 0 cares about issue a (0.9 vs 0.1), actor 1 about b. W_a = W_b = 1; rate rho = 1;
    # max outcome shifts 0.1*100 on both -> both move all the way; gain 0.9*10 - 0.1*10 = 8 each.
    x = np.array([[0.0, 100.0], [0.0, 100.0]])
    s = np.array([[0.9, 0.1], [0.1, 0.9]])
    final, n = exchange_positions(x, np.ones(2), s)
    np.testing.assert_allclose(final, [[0.0, 0.0], [100.0, 100.0]])
    assert n == 1


def test_exchange_partial_trade_hand():
    # s_a = (.8, .2), s_b = (.4, .6): rho = 1, A_max = .2*100 = 20, B_max = .4*100 = 40 -> shifts 20;
    # j moves 20/.2 = 100 on a (all the way), i moves 20/.4 = 50 on b; gains .8*20-.4*20 = .6*20-.2*20 = 8
    x = np.array([[0.0, 100.0], [0.0, 100.0]])
    s = np.array([[0.8, 0.2], [0.4, 0.6]])
    final, _ = exchange_positions(x, np.ones(2), s)
    np.testing.assert_allclose(final, [[0.0, 0.0], [50.0, 100.0]])


def test_exchange_needs_different_priorities():
    x = np.array([[0.0, 100.0], [0.0, 100.0]])
    s = np.array([[0.5, 0.5], [0.5, 0.5]])
    final, n = exchange_positions(x, np.ones(2), s)
    assert n == 0 and np.array_equal(final, x)


def test_exchange_needs_opposite_sides_of_the_outcome():
    """Stokman's condition: actors 0 and 1 differ in priorities, but on issue b both sit below the expected
    outcome (a heavy third actor at 100 pulls O_b to 68), so neither wants what the other's concession gives."""
    x = np.array([[0.0, 100.0, 50.0], [0.0, 40.0, 100.0]])
    s = np.array([[0.9, 0.1, 0.0], [0.1, 0.9, 1.0]])
    c = np.array([1.0, 1.0, 1.0])
    # O_b = (0.1*0 + 0.9*40 + 1*100) / 2 = 68: both traders below it; with actor 2 absent from a, O_a = 10
    final, n = exchange_positions(x, c, s)
    assert n == 0 and np.array_equal(final, x)
    # move actor 1 above O_b: now they are on opposite sides on both issues and trade
    x2 = x.copy()
    x2[1, 1] = 100.0
    x2[1, 2] = 50.0
    final2, n2 = exchange_positions(x2, c, s)
    assert n2 >= 1 and not np.array_equal(final2, x2)


def test_exchange_keeps_true_positions():
    x = np.array([[0.0, 100.0], [0.0, 100.0]])
    s = np.array([[0.8, 0.2], [0.4, 0.6]])
    before = x.copy()
    final, _ = exchange_positions(x, np.ones(2), s)
    np.testing.assert_array_equal(x, before)  # the caller's true positions are untouched
    assert not np.array_equal(final, x)


def test_read_deu_mock():
    issues = read_deu(MOCK / "deu_small.tsv")
    assert issues.actors == ("a", "b", "c")
    np.testing.assert_array_equal(issues.capability, [1.0, 2.0, 1.0])
    assert issues.dossier_ids == ("d1", "d1", "d2")
    # actor b's blank salience on d2i1 takes the mean of the others' (50, 50) -> 0.5
    assert issues.salience[2, 1] == 0.5 and issues.provenance["salience_filled_with_issue_mean"] == 1
    assert math.isnan(issues.outcome[2]) and math.isnan(issues.reference[2])


def test_forecast_mock_compromise_and_mae():
    issues = read_deu(MOCK / "deu_small.tsv")
    f = forecast(issues, "compromise")
    # d1i1: w = (1, 1, 1) -> 50; d1i2: w = (.2, 1.6) -> 20/1.8; d2i1: w = (.5, 1, .5) -> 20
    np.testing.assert_allclose(f.prediction, [50.0, 20 / 1.8, 20.0])
    assert f.mae == pytest.approx((10 + (60 - 20 / 1.8)) / 2)
    assert next(r.keys() for r in f.records()) == {"isnr", "prediction"}


@pytest.mark.parametrize("model", ["compromise", "median", "nash", "bdm", "exchange", "best"])
def test_every_model_runs_without_outcomes(model):
    issues = read_deu(MOCK / "deu_no_out.tsv")
    f = forecast(issues, model)
    assert np.all(np.isfinite(f.prediction)) and math.isnan(f.mae)


def test_bad_cell_names_line_and_column():
    with pytest.raises(DataFormatError, match=r"line 3, pb = 'abc' is not a number"):
        read_deu(MOCK / "deu_bad.tsv")


def test_unknown_model_lists_choices():
    with pytest.raises(PalancaError, match="choose one of: compromise, median"):
        forecast(read_deu(MOCK / "deu_small.tsv"), "oracle")


def test_cross_validation_compromise_against_itself():
    issues = read_deu(MOCK / "deu_small.tsv")
    cv = cross_validate(issues, ("compromise", "median"), folds=2, n_boot=50)
    assert cv.n_issues == 2 and cv.n_dossiers == 1
    assert cv.cv_mae[0] == pytest.approx(forecast(issues, "compromise").mae)
    np.testing.assert_array_equal(cv.diff_vs_compromise_ci[0], [0.0, 0.0])
