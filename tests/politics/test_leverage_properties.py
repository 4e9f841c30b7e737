"""Property: the leverage index does not change when one side's currency or scale changes.

Kernel (hypothesis): multiplying one side's gain and ideal gain by k > 0 leaves the index unchanged.
End to end: Mexico's whole utility multiplied by k (payoffs, disagreement point, outside option) gives the
same Nash deal and the same index (Nash's scale-invariance axiom, Nash 1950), while the USD share moves
when only Mexico's GDP (its currency unit) is rescaled.
"""

from __future__ import annotations

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


def test_gdp_rescaling_moves_the_usd_share_not_the_index():
    from dataclasses import replace

    inp, curve = prepare_bargain("usmca-review-2026", world=WORLD)
    a = solve_bargain(inp, curve, sensitivity=False)
    sc2 = replace(inp.scenario, gdp_usd_bn={"USA": inp.scenario.gdp_usd_bn["USA"], "MEX": 10 * 1789.1})
    b = solve_bargain(replace(inp, scenario=sc2), curve, sensitivity=False)
    assert b.leverage_usa == pytest.approx(a.leverage_usa, abs=1e-9)
    assert b.usd_share_usa < a.usd_share_usa - 0.05
