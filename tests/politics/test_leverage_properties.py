"""Property: the leverage index does not change when one side's currency or scale changes.

Kernel (hypothesis): multiplying one side's gain and ideal gain by k > 0 leaves the index unchanged.
End to end: Mexico's whole utility multiplied by k (payoffs, disagreement point, outside option) gives the
same Nash deal and the same index (Nash's scale-invariance axiom, Nash 1950), while the USD share moves
when only Mexico's GDP (its currency unit) is rescaled.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from palanca.politics import calc_leverage_index, prepare_bargain, solve_bargain
from palanca.politics._bargain_payoffs import Payoffs

hypothesis = pytest.importorskip("hypothesis")
st = hypothesis.strategies

WORLD = "cp1993"
pos = st.floats(min_value=1e-3, max_value=1e3, allow_nan=False)


@hypothesis.given(g_a=pos, g_b=pos, frac_a=st.floats(0.01, 1.0), frac_b=st.floats(0.01, 1.0), k=pos)
@hypothesis.settings(max_examples=200, deadline=None)
def test_index_invariant_to_rescaling_one_side(g_a, g_b, frac_a, frac_b, k):
    ideal_a, ideal_b = g_a / frac_a, g_b / frac_b
    base = calc_leverage_index(g_a, g_b, ideal_a, ideal_b)
    assert calc_leverage_index(k * g_a, g_b, k * ideal_a, ideal_b) == pytest.approx(base, rel=1e-9)
    assert calc_leverage_index(g_a, k * g_b, ideal_a, k * ideal_b) == pytest.approx(base, rel=1e-9)
    assert 0 < base < 1


class _ScaledMexico(Payoffs):
    """Mexico's utility in other units: every Mexican payoff times k."""

    def __init__(self, pay: Payoffs, k: float) -> None:
        self.__dict__.update(pay.__dict__)
        self._base, self._k = pay, k
        self.inside = (pay.inside[0], k * pay.inside[1])
        self.outside = (pay.outside[0], k * pay.outside[1])

    def __call__(self, z):
        us, mx = self._base(z)
        return us, self._k * mx

    def gradients(self, z):
        gu, gm = self._base.gradients(z)
        return gu, self._k * gm


@pytest.mark.parametrize("k", [0.05, 18.0])  # e.g. a rescaled unit, or pesos per dollar
def test_deal_and_index_invariant_when_mexicos_utility_is_rescaled(k):
    inp, curve = prepare_bargain("usmca-review-2026", world=WORLD)
    cred = (inp.credibility_usa.mean, inp.credibility_mex.mean)
    pay = Payoffs(inp.scenario, curve, inp.threat, cred, inp.outside_pct)
    scaled = _ScaledMexico(pay, k)
    z0, us0, mx0 = pay.nash(0.5, pay.inside)
    z1, us1, mx1 = scaled.nash(0.5, scaled.inside, z0)
    np.testing.assert_allclose(z1, z0, atol=2e-3)
    ideal0 = pay.ideal_gains(pay.inside, z0)
    ideal1 = scaled.ideal_gains(scaled.inside, z1)
    lev0 = calc_leverage_index(us0 - pay.inside[0], mx0 - pay.inside[1], *ideal0)
    lev1 = calc_leverage_index(us1 - scaled.inside[0], mx1 - scaled.inside[1], *ideal1)
    assert lev1 == pytest.approx(lev0, abs=2e-3)
    # the reported index normalises from the outside option: as unit-free as the split over the inside option
    out0 = pay.ideal_gains(pay.outside, z0)
    out1 = scaled.ideal_gains(scaled.outside, z1)
    idx0 = calc_leverage_index(us0 - pay.outside[0], mx0 - pay.outside[1], *out0)
    idx1 = calc_leverage_index(us1 - scaled.outside[0], mx1 - scaled.outside[1], *out1)
    assert idx1 == pytest.approx(idx0, abs=2e-3)


@hypothesis.given(
    beta=st.floats(0.05, 0.95), pie=st.floats(0.5, 10.0), d_a=st.floats(-3.0, 0.2), d_b=st.floats(-3.0, 0.2)
)
@hypothesis.settings(max_examples=100, deadline=None)
def test_split_over_the_disagreement_point_is_blind_to_threats(beta, pie, d_a, d_b):
    """On a linear frontier u + v = pie the Nash gains over d are beta and 1 - beta of the surplus and the ideal
    gains are the whole surplus, so the split over d equals beta whatever d is (Nash 1950; Kalai & Smorodinsky
    1975): a threat that moves d cannot show in it. Measured from a fixed outside option, it does."""
    hypothesis.assume(pie - d_a - d_b > 0.1)
    s = pie - d_a - d_b
    g_a, g_b = beta * s, (1 - beta) * s
    assert calc_leverage_index(g_a, g_b, s, s) == pytest.approx(beta)
    w = (-4.0, -4.0)  # outside options below every d: the deal is Nash's
    u, v = d_a + g_a, d_b + g_b
    ideal_w = (pie - w[1] - w[0], pie - w[0] - w[1])
    idx = calc_leverage_index(u - w[0], v - w[1], *ideal_w)
    # a higher threat point for A (d_a up by 0.1) raises A's index from the outside option
    u2, v2 = d_a + 0.1 + beta * (s - 0.1), d_b + (1 - beta) * (s - 0.1)
    assert calc_leverage_index(u2 - w[0], v2 - w[1], *ideal_w) > idx


def test_more_credible_us_threat_never_lowers_us_leverage():
    """Muthoo (1999), ch. 5 / Binmore, Rubinstein & Wolinsky (1986): a higher inside option raises that side's
    payoff. The US threat's credibility raises the US disagreement payoff, so the US leverage index must not fall
    as it rises (it used to, because the index was measured from the disagreement point itself)."""
    from palanca.politics._bargain_solve import solve_core

    inp, curve = prepare_bargain("usmca-review-2026", world=WORLD)
    p_mx = inp.credibility_mex.mean
    cores = [solve_core(inp.scenario, curve, inp.threat, inp.outside_pct, (c, p_mx)) for c in (0.1, 0.4, 0.7, 1.0)]
    lev = [c["leverage"] for c in cores]
    us = [c["sol"][1] for c in cores]
    assert all(b >= a - 1e-9 for a, b in itertools.pairwise(us)), us
    assert all(b >= a - 2e-3 for a, b in itertools.pairwise(lev)), lev
    assert lev[-1] > lev[0] + 0.02, lev


def test_gdp_rescaling_moves_the_usd_share_not_the_index():
    from dataclasses import replace

    inp, curve = prepare_bargain("usmca-review-2026", world=WORLD)
    a = solve_bargain(inp, curve, sensitivity=False)
    sc2 = replace(inp.scenario, gdp_usd_bn={"USA": inp.scenario.gdp_usd_bn["USA"], "MEX": 10 * 1789.1})
    b = solve_bargain(replace(inp, scenario=sc2), curve, sensitivity=False)
    assert b.leverage_usa == pytest.approx(a.leverage_usa, abs=1e-9)
    assert b.usd_share_usa < a.usd_share_usa - 0.05
