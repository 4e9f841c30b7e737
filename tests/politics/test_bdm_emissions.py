"""Bueno de Mesquita's expected-utility model on the 1994 EU vehicle-emission-standards example.

Inputs: Bueno de Mesquita (1994) via Scholz, Calbert & Smith (2011, J. Theoretical Politics 23(4)),
shipped in src/palanca/data/shipped/politics/. Hand computations (capability x salience w):
NL .064, BE .032, LU .006, DE .128, FR .096, IT .096, UK .144, IE .005, DK .050, EL .056; total .677.
At 4: .248, at 7: .093, at 10: .336. Mean (4*.248 + 7*.093 + 10*.336)/.677 = 5.003/.677 = 7.39;
cumulative weight reaches half (.3385) at 7 (.248 + .093 = .341): median 7.

Round-by-round reference: ``data/bdm_emissions_replication_rounds.json``, the output of the public
replication jmckib/bdm-scholz-expected-utility-model (its provenance is in the file).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from palanca.data import load_bdm_emissions
from palanca.politics import bdm_expected_utility, bdm_simulate, calc_compromise, calc_weighted_median
from palanca.politics._bdm import _eu_pair_matrices, _risk

REPLICATION = json.loads((Path(__file__).parent / "data" / "bdm_emissions_replication_rounds.json").read_text())


@pytest.fixture(scope="module")
def case():
    e = load_bdm_emissions()
    return e.position[0], e.capability, e.salience[0], list(e.actors)


def test_weighted_mean_and_median(case):
    x, c, s, _ = case
    assert round(calc_compromise(x, c, s), 2) == 7.39
    assert calc_weighted_median(x, c * s) == 7.0


def test_expected_utility_netherlands_vs_france_by_hand(case):
    """P over the all-pairs vote denominator (r = 1). Per voter at 4 (four actors at 4, three at 7, three at
    10; distances 0, .5, 1): sum over ordered pairs |d_b - d_a| = 4*3*2*.5 + 4*3*2*1 + 3*3*2*.5 = 45; at 10
    likewise 45; at 7 (distances .5 to seven actors, 0 to three): 7*3*2*.5 = 21. Denominator
    45*.248 + 21*.093 + 45*.336 = 28.233; votes for NL's 4 over FR's 10: the actors at 4, .248."""
    x, c, s, names = case
    nl, fr = names.index("Netherlands"), names.index("France")
    p = 0.248 / 28.233
    t = bdm_expected_utility(x, c, s, nl, fr)
    assert t.probability == pytest.approx(p, rel=1e-12)
    # d = 1, r = 1: U_s = 2, U_f = -2, U_q = 0; E = s_FR [2P - 2(1-P)] + (1 - s_FR) 2 = .6(4P - 2) + .8
    assert (t.u_success, t.u_failure, t.u_status_quo) == pytest.approx((2.0, -2.0, 0.0))
    assert t.expected_utility == pytest.approx(0.6 * (4 * p - 2) + 0.8, rel=1e-12)
    assert t.expected_utility == pytest.approx(-0.378918, abs=1e-6)


def test_opponents_expected_utility_uses_the_perceivers_risk(case):
    """E_NL(U_FR,NL) is France's challenge as the Netherlands sees it: NL's risk exponent, not France's."""
    x, c, s, names = case
    nl, fr = names.index("Netherlands"), names.index("France")
    r = np.ones(len(x))
    r[nl], r[fr] = 2.0, 0.5
    _own, opp = _eu_pair_matrices(x, c, s, r, 6.0, 1.0, 1.0)
    p_fr = float(bdm_expected_utility(x, c, s, fr, nl, risk=r).probability)
    # with r_NL = 2 at d = 1: U_s = 2 - 4*0 = 2, U_f = 2 - 4*1 = -2, U_q = 2 - 4*.25 = 1
    expected = s[nl] * (p_fr * 2 + (1 - p_fr) * -2) + (1 - s[nl]) * 2 - 1.0
    assert opp[nl, fr] == pytest.approx(expected, rel=1e-12)
    as_france_sees_it = bdm_expected_utility(x, c, s, fr, nl, risk=r).expected_utility  # r_FR = 0.5
    assert abs(opp[nl, fr] - as_france_sees_it) > 0.1


def test_risk_is_normalised_over_actors(case):
    x, c, s, _ = case
    r = _risk(x, c, s, 6.0, 1.0, 1.0)
    big_r = 3 * (1 - r) / (1 + r)  # invert r = (1 - R/3)/(1 + R/3)
    assert big_r.max() == pytest.approx(1.0) and big_r.min() == pytest.approx(-1.0)  # extremes over actors
    assert np.all((r >= 0.5 - 1e-12) & (r <= 2 + 1e-12))


@pytest.mark.parametrize("rule", ["scholz_code", "least_move"])
def test_rounds_match_the_published_replication(case, rule):
    x, c, s, names = case
    assert names == REPLICATION["actors"]
    ref = REPLICATION[rule]
    run = bdm_simulate(x, c, s, rounds=len(ref) - 1, compromise=rule)
    assert run.positions.shape[0] == len(ref)
    for k, row in enumerate(ref):
        np.testing.assert_allclose(run.positions[k], row["positions"], atol=1e-9, err_msg=f"round {k}")
        assert run.mean[k] == pytest.approx(row["mean"], abs=1e-9)
        assert run.median[k] == pytest.approx(row["median"], abs=1e-9)
        if row["risk"] is not None:
            np.testing.assert_allclose(run.risk[k - 1], row["risk"], atol=1e-9)
    # round 1 of the replication: median 8.42, mean 7.46 (shipped data's PROVENANCE.md)
    assert round(run.median[1], 2) == 8.42 and round(run.mean[1], 2) == 7.46


def test_actors_do_not_swap_sides(case):
    """The strict-standards bloc (NL, DE, DK at 4) and the lax bloc (FR, IT, UK at 10) hold their
    positions through four rounds; only the middle actors move."""
    x, c, s, names = case
    run = bdm_simulate(x, c, s, rounds=4)
    for name in ("Netherlands", "Germany", "Denmark"):
        assert np.all(run.positions[:, names.index(name)] == 4.0)
    for name in ("France", "Italy", "UK"):
        assert np.all(run.positions[:, names.index(name)] == 10.0)


def test_bad_compromise_rule(case):
    x, c, s, _ = case
    with pytest.raises(ValueError, match="compromise = 'nearest'"):
        bdm_simulate(x, c, s, compromise="nearest")
