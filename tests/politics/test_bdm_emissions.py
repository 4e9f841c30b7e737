"""Bueno de Mesquita's expected-utility model on the 1994 EU vehicle-emission-standards example.

Inputs: Bueno de Mesquita (1994) via Scholz, Calbert & Smith (2011, J. Theoretical Politics 23(4)),
shipped in src/palanca/data/shipped/politics/. Hand computations (capability x salience w):
NL .064, BE .032, LU .006, DE .128, FR .096, IT .096, UK .144, IE .005, DK .050, EL .056; total .677.
At 4: .248, at 7: .093, at 10: .336. Mean (4*.248 + 7*.093 + 10*.336)/.677 = 5.003/.677 = 7.39;
cumulative weight reaches half (.3385) at 7 (.248 + .093 = .341): median 7.
"""

from __future__ import annotations

import numpy as np
import pytest

from palanca.data import load_bdm_emissions
from palanca.politics import bdm_expected_utility, bdm_simulate, calc_compromise, calc_weighted_median


@pytest.fixture(scope="module")
def case():
    e = load_bdm_emissions()
    return e.position[0], e.capability, e.salience[0], list(e.actors)


def test_weighted_mean_and_median(case):
    x, c, s, _ = case
    assert round(calc_compromise(x, c, s), 2) == 7.39
    assert calc_weighted_median(x, c * s) == 7.0


def test_expected_utility_netherlands_vs_france_by_hand(case):
    x, c, s, names = case
    nl, fr = names.index("Netherlands"), names.index("France")
    # d = |4 - 10| / (10 - 4) = 1; r = 1: U_s = 2 - 4(0) = 2, U_f = 2 - 4(1) = -2, U_q = 2 - 4(.5) = 0.
    # Votes NL vs FR: actors at 4 support NL (.248), at 10 FR (.336), at 7 are indifferent:
    p = 0.248 / (0.248 + 0.336)
    t = bdm_expected_utility(x, c, s, nl, fr)
    assert t.probability == pytest.approx(p, abs=1e-12)
    assert (t.u_success, t.u_failure, t.u_status_quo) == pytest.approx((2.0, -2.0, 0.0))
    # E = s_FR [P*2 + (1-P)(-2)] + (1 - s_FR)*2 - 1*0 = .6 (4P - 2) + .8 = 0.619178...
    assert t.expected_utility == pytest.approx(0.6 * (4 * p - 2) + 0.8, abs=1e-12)
    assert t.expected_utility == pytest.approx(0.619178, abs=1e-6)
    # the reverse challenge: E = s_NL [4(1-P) - 2] + (1 - s_NL)*2 = 0.641096
    back = bdm_expected_utility(x, c, s, fr, nl)
    assert back.expected_utility == pytest.approx(0.8 * (4 * (1 - p) - 2) + 0.4, abs=1e-12)
    assert back.expected_utility == pytest.approx(0.641096, abs=1e-6)


def test_better_worse_terms_and_risk_by_hand(case):
    x, c, s, names = case
    nl, fr = names.index("Netherlands"), names.index("France")
    # d_NL,mu = |4 - 7|/6 = .5, d = 1: U_b = 2 - 4(.5 - .25*1.5) = 1.5, U_w = 2 - 4(.5 + .375) = -1.5
    t = bdm_expected_utility(x, c, s, nl, fr, q=0.5, t=1.0)
    assert (t.u_better, t.u_worse) == pytest.approx((1.5, -1.5))
    p = 0.248 / 0.584  # E = .6(4P - 2) + .8 - .5*0 - .5*1.5
    assert t.expected_utility == pytest.approx(0.6 * (4 * p - 2) + 0.8 - 0.75, abs=1e-12)
    # risk r = 2 for NL: U_s = 2 - 4*0^2 = 2, U_f = 2 - 4*1^2 = -2, U_q = 2 - 4*.25 = 1
    r = np.ones(len(x))
    r[nl] = 2.0
    t2 = bdm_expected_utility(x, c, s, nl, fr, risk=r)
    assert (t2.u_success, t2.u_failure, t2.u_status_quo) == pytest.approx((2.0, -2.0, 1.0))


def test_rounds_stay_in_range_and_start_at_data(case):
    x, c, s, _ = case
    run = bdm_simulate(x, c, s, rounds=4)
    np.testing.assert_array_equal(run.positions[0], x)
    assert run.mean[0] == pytest.approx(7.3899, abs=1e-4)
    assert run.positions.min() >= 4 and run.positions.max() <= 10
    assert np.all((run.risk >= 0.5 - 1e-12) & (run.risk <= 2 + 1e-12))
