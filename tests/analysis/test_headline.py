"""The leverage headline gives a ratio of losses only where it means something."""

from __future__ import annotations

import numpy as np
import pytest

from palanca.analysis._headline import SideEffect, headline


def _side(c, pct, lo=None, hi=None, usd=None):
    return SideEffect(c, pct, lo, hi, usd if usd is not None else pct * 10)


def test_a_side_whose_band_contains_zero_gets_no_ratio():
    # the default 25% tariff: MEX -1.81%, USA +0.001% with a band of -0.01..+0.01% (a ratio of 1,695x was printed)
    h = headline(_side("USA", 0.001, -0.01, 0.01, -0.3), _side("MEX", -1.81, -2.02, -1.60, -27.0))
    assert h.verdict == "indistinguishable" and h.ratio is None
    assert "USA's effect is indistinguishable from zero" in h.text and "ratio" in h.text


def test_without_draws_a_change_that_rounds_to_zero_gets_no_ratio():
    h = headline(_side("MEX", -0.004), _side("USA", -0.2))
    assert h.verdict == "indistinguishable" and h.ratio is None and "0 draws" in h.text


def test_opposite_signs_get_no_ratio():
    # --between USA JPN printed "ratio -8.8x"
    h = headline(_side("USA", -0.05, -0.07, -0.03), _side("JPN", 0.44, 0.30, 0.60))
    assert h.verdict == "opposite_signs" and h.ratio is None and "gains" in h.text


def test_both_losing_gives_the_ratio_the_dollar_shares_and_a_band_from_the_draws():
    rng = np.random.default_rng(1)
    draws = np.column_stack([-0.1 + 0.01 * rng.standard_normal(200), -1.0 + 0.1 * rng.standard_normal(200)])
    a, b = _side("USA", -0.1, -0.12, -0.08, -26.7), _side("MEX", -1.0, -1.2, -0.8, -24.7)
    h = headline(a, b, draws)
    assert h.verdict == "ratio" and h.ratio == pytest.approx(10.0)
    assert h.ratio_low < h.ratio < h.ratio_high
    assert sum(h.loss_share) == pytest.approx(1.0)
    assert h.loss_share[0] == pytest.approx(26.7 / 51.4)  # nearly symmetric dollar losses, unlike the % ratio
    assert "Shares of the joint dollar loss: USA 52%, MEX 48%" in h.text


def test_to_dict_names_the_verdict_and_omits_the_ratio_where_there_is_none():
    d = headline(_side("USA", 0.0, -0.01, 0.01), _side("MEX", -1.8, -2.0, -1.6)).to_dict()
    assert d["verdict"] == "indistinguishable" and d["ratio"] is None and d["ratio_band"] is None


def test_a_leverage_run_with_draws_gives_the_ratio_its_band_from_those_draws():
    from palanca.analysis import leverage
    from palanca.scenarios import load_scenario

    r = leverage(load_scenario("us-tariff-30-mex-retaliation"), draws=6, seed=3)
    assert len(r.between_draws_pct) == r.converged_draws == 6
    h = r.headline
    if h.verdict == "ratio":
        ratios = [b / a for a, b in r.between_draws_pct]
        assert min(ratios) <= h.ratio_low <= h.ratio_high <= max(ratios)
        assert r.to_dict()["headline"]["ratio_band"] == [h.ratio_low, h.ratio_high]


def test_the_ratio_band_is_the_5_95_range_over_every_draw_including_sign_reversals():
    # The band is np.percentile(b/a, [5, 95]) over all draws; a draw whose first side moved the other way keeps its
    # (negative) ratio rather than being dropped, which would narrow the band.
    draws = np.column_stack([np.r_[np.full(18, -0.1), 0.02, 0.02], np.full(20, -1.0)])
    h = headline(_side("USA", -0.1, -0.11, -0.01), _side("MEX", -1.0, -1.1, -0.9), draws)
    expected = np.percentile(draws[:, 1] / draws[:, 0], [5, 95])
    assert h.verdict == "ratio" and [h.ratio_low, h.ratio_high] == pytest.approx(list(expected))
    assert h.ratio_low < 0


def test_both_sides_indistinguishable_from_zero_reads_in_the_plural():
    h = headline(_side("USA", 0.001, -0.01, 0.01), _side("MEX", 0.01, -0.03, 0.05))
    assert h.verdict == "indistinguishable"
    assert "USA's and MEX's effects are indistinguishable from zero (their bands contain zero)" in h.text


def test_a_ratio_without_draws_says_it_has_no_band():
    h = headline(_side("USA", -0.1), _side("MEX", -1.9))
    assert h.verdict == "ratio" and h.ratio_low is None and "(no band: 0 draws)" in h.text
