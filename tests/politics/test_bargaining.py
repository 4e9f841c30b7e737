"""Bargaining kernels against closed forms; the US–Mexico bargain's invariants (red line, optimality)."""

from __future__ import annotations

import json
import math
from unittest import mock

import numpy as np
import pytest
from typer.testing import CliRunner

from palanca.cli import app
from palanca.errors import DataFormatError, ScenarioError
from palanca.politics import (
    bargain,
    calc_fearon_range,
    calc_nash_weight,
    calc_rubinstein,
    calc_rubinstein_split,
    calc_threat_credibility,
    load_bargain_scenario,
    trade_payoff_curve,
)

WORLD = "cp1993"  # small and fast; the CLI's default world is the modern one


def test_rubinstein_closed_form_without_options():
    # x_A = (1 - d_B) / (1 - d_A d_B); equal deltas: 1 / (1 + delta)
    xa, xb = calc_rubinstein_split(1.0, (0.9, 0.8))
    assert xa == pytest.approx((1 - 0.8) / (1 - 0.72), abs=1e-10)
    assert xb == pytest.approx(0.9 * xa, abs=1e-10)  # B offers A exactly A's value of waiting
    assert calc_rubinstein_split(1.0, (0.9, 0.9))[0] == pytest.approx(1 / 1.9, abs=1e-10)


def test_rubinstein_limit_is_symmetric_nash_split():
    # delta -> 1 with equal rates: the split tends to the Nash solution with equal weights, 1/2
    for dt in (1e-2, 1e-3, 1e-4):
        xa, _ = calc_rubinstein_split(1.0, (math.exp(-dt), math.exp(-dt)))
        assert abs(xa - 0.5) < dt
    # with inside options the limit is d_A + (pi - d_A - d_B) / 2
    xa, _ = calc_rubinstein_split(1.0, (math.exp(-1e-5), math.exp(-1e-5)), inside=(0.3, 0.1))
    assert xa == pytest.approx(0.3 + 0.6 / 2, abs=1e-4)


def test_rubinstein_limit_asymmetric_weights():
    # unequal rates r_A = 1, r_B = 3: limit share r_B / (r_A + r_B) = 0.75 = calc_nash_weight
    dt = 1e-5
    xa, _ = calc_rubinstein_split(1.0, (math.exp(-dt), math.exp(-3 * dt)))
    assert xa == pytest.approx(calc_nash_weight(1.0, 3.0), abs=1e-4)
    assert calc_nash_weight(1.0, 3.0) == 0.75


def test_inside_options_closed_form():
    # x_A = d_A + (1 - delta_B) / (1 - delta_A delta_B) (pi - d_A - d_B)
    xa, _ = calc_rubinstein_split(1.0, (0.9, 0.8), inside=(0.2, 0.1))
    assert xa == pytest.approx(0.2 + (0.2 / 0.28) * 0.7, abs=1e-10)


def test_outside_option_principle():
    delta = (0.9, 0.9)
    # B's outside option 0.3 < what B gets as responder without it (0.9/1.9 = 0.4737): irrelevant
    assert calc_rubinstein_split(1.0, delta, outside=(0.0, 0.3))[0] == pytest.approx(1 / 1.9, abs=1e-10)
    # 0.6 > 0.4737: binding, B gets exactly its outside option when A proposes
    assert calc_rubinstein_split(1.0, delta, outside=(0.0, 0.6))[0] == pytest.approx(0.4, abs=1e-10)


def test_rubinstein_on_concave_frontier_tends_to_nash():
    # frontier v = 1 - u^2, d = 0: symmetric Nash maximises log u + log(1 - u^2) -> u = 1/sqrt(3)
    phi, phi_inv = (lambda u: 1 - u * u), (lambda v: math.sqrt(max(0.0, 1 - v)))
    dt = 1e-4
    (ua, va), _ = calc_rubinstein(phi, phi_inv, (math.exp(-dt), math.exp(-dt)), (0.0, 0.0), (-1.0, -1.0), (0.0, 1.0))
    assert ua == pytest.approx(1 / math.sqrt(3), abs=1e-3)
    assert va == pytest.approx(2 / 3, abs=1e-3)


def test_fearon_range_and_credibility_closed_forms():
    assert calc_fearon_range(0.6, 0.1, 0.2) == pytest.approx((0.5, 0.8))
    assert calc_fearon_range(0.9, 0.1, 0.3) == pytest.approx((0.8, 1.0))  # clipped to the issue
    # at audience cost = execution cost the logistic is 1/2: probability = durability / 2
    assert calc_threat_credibility(0.05, 0.05, 0.6, 0.02) == pytest.approx(0.3)
    assert calc_threat_credibility(1.0, 0.0, 0.6, 0.02) == pytest.approx(0.6)


@pytest.fixture(scope="module")
def result():
    return bargain("usmca-review-2026", world=WORLD, draws=40, seed=1)


def test_trade_curve_from_engine():
    curve = trade_payoff_curve(WORLD, (0.0, 0.1, 0.2, 0.3), (0.25,))
    assert curve.value("USA", 0.0) == 0.0 and curve.value("MEX", 0.0) == 0.0  # the USMCA reference
    assert np.all(np.diff(curve.mex_pct[0]) < 0)  # a higher US tariff always hurts Mexico
    assert curve.solves == 1 + 4 * 2 - 1
    from palanca.politics._trade_payoffs import _curve

    _curve.cache_clear()  # the on-disk cache (a temporary folder in tests) answers without solving
    again = trade_payoff_curve(WORLD, (0.0, 0.1, 0.2, 0.3), (0.25,))
    assert again.solves == 0
    np.testing.assert_array_equal(again.usa_pct, curve.usa_pct)


def test_deal_respects_bounds_and_beats_disagreement(result):
    d = result.deal
    assert d is not None
    assert d.usa_pct > result.disagreement[0] and d.mex_pct > result.disagreement[1]
    assert 0 <= d.terms["us_tariff"] <= 0.30
    assert result.leverage_usa == pytest.approx(
        result.surplus_usd_bn["USA"] / (result.surplus_usd_bn["USA"] + result.surplus_usd_bn["MEX"])
    )


def test_deal_maximises_the_nash_product(result):
    # independent check: no random feasible point has a larger Nash product
    from palanca.politics._bargain import _Payoffs

    sc = result.scenario
    pay = _Payoffs(sc, trade_payoff_curve(WORLD, sc.tariff_grid, (0.25, 0.05)))
    d = result.disagreement

    def log_nash(z):
        us, mx = pay(z)
        return -np.inf if us <= d[0] or mx <= d[1] else 0.5 * math.log(us - d[0]) + 0.5 * math.log(mx - d[1])

    best = log_nash(np.array(list(result.deal.terms.values())))
    rng = np.random.default_rng(0)
    for _ in range(2000):
        assert log_nash(rng.random(5) * pay.upper) <= best + 1e-9


def test_red_line_never_crossed():
    sc = load_bargain_scenario().with_params(sovereignty__value_usa_pct=5.0, sovereignty__cost_mex_pct=0.001)
    res = bargain(sc, world=WORLD, draws=30, seed=2)
    assert res.deal.terms["us_security_ops"] <= sc.params["sovereignty.red_line"] + 1e-12
    assert res.red_line_binding
    assert res.monte_carlo["us_security_ops_p95"] <= sc.params["sovereignty.red_line"] + 1e-12
    assert res.cliff_deal.terms["us_security_ops"] <= sc.params["sovereignty.red_line"] + 1e-12


def test_more_patient_side_captures_more():
    base = load_bargain_scenario()
    lo = bargain(base.with_params(bargaining__discount_rate_mex=0.05), world=WORLD, draws=0).leverage_usa
    hi = bargain(base.with_params(bargaining__discount_rate_mex=0.20), world=WORLD, draws=0).leverage_usa
    assert hi > lo


def test_timeline_and_monte_carlo(result):
    rows = result.timeline
    assert [r["year"] for r in rows] == list(range(2026, 2037))
    q = result.scenario.params["usmca.confirm_probability"]
    assert rows[0]["p_confirmed_by"] == pytest.approx(q)
    assert rows[-1]["p_terminated"] == pytest.approx((1 - q) ** 11)
    mc = result.monte_carlo
    assert mc["leverage_usa_p05"] <= mc["leverage_usa_p50"] <= mc["leverage_usa_p95"]
    again = bargain("usmca-review-2026", world=WORLD, draws=40, seed=1).monte_carlo
    assert again == mc  # seeded


def test_bad_parameter_names_the_field():
    with pytest.raises(ScenarioError, match=r"usmca.confirm_probability = 1.5; a probability"):
        load_bargain_scenario().with_params(usmca__confirm_probability=1.5)
    with pytest.raises(DataFormatError, match="is not shipped"):
        bargain("no-such-scenario", world=WORLD)


def test_cli_json_and_arguments():
    runner = CliRunner()
    res = runner.invoke(
        app, ["bargain", "--scenario", "usmca-review-2026", "--world", WORLD, "--draws", "10", "--json"]
    )
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert set(out["deal"]["terms"]) == {
        "us_tariff", "mex_migration_enforcement", "mex_fentanyl_enforcement", "us_firearms_action", "us_security_ops"
    }  # fmt: skip
    assert 0 <= out["leverage_usa"] <= 1
    from palanca.cli import bargain as cli_bargain
    from palanca.politics import bargain as real

    with mock.patch.object(cli_bargain, "run_bargain", wraps=real) as spy:
        res = runner.invoke(app, ["bargain", "--world", WORLD, "--draws", "5", "--seed", "3"])
    assert res.exit_code == 0, res.output
    assert "Leverage index" in res.output
    assert spy.call_args.args == ("usmca-review-2026",)
    assert spy.call_args.kwargs == {"world": WORLD, "draws": 5, "seed": 3}


def test_fentanyl_value_from_the_flows_model():
    """The US value of Mexico's fentanyl enforcement = deaths averted x VSL / US GDP, bounded by the
    additive and multiplicative markup rules of the drug-market model."""
    from palanca.flows import mexican_enforcement_value
    from palanca.politics import load_bargain_scenario, with_fentanyl_value_from_flows

    sc = load_bargain_scenario("usmca-review-2026")
    new = with_fentanyl_value_from_flows(sc)
    gdp = sc.gdp_usd_bn["USA"]
    add = 100 * mexican_enforcement_value(1.0, markup="additive").value_usd / 1e9 / gdp
    mult = 100 * mexican_enforcement_value(1.0, markup="multiplicative").value_usd / 1e9 / gdp
    lo, hi = new.ranges["fentanyl.value_usa_pct"]
    assert (lo, hi) == pytest.approx(tuple(sorted((add, mult))))
    assert new.params["fentanyl.value_usa_pct"] == pytest.approx((add * mult) ** 0.5)
    assert sc.params["fentanyl.value_usa_pct"] == 0.18  # the original value is untouched


def test_cli_fentanyl_from_flows_passes_the_revalued_scenario():
    from palanca.cli import bargain as cli_bargain
    from palanca.politics import bargain as real
    from palanca.politics import load_bargain_scenario, with_fentanyl_value_from_flows

    expected = with_fentanyl_value_from_flows(load_bargain_scenario("usmca-review-2026"))
    with mock.patch.object(cli_bargain, "run_bargain", wraps=real) as spy:
        res = CliRunner().invoke(app, ["bargain", "--world", WORLD, "--draws", "3", "--fentanyl-from-flows"])
    assert res.exit_code == 0, res.output
    passed = spy.call_args.args[0]
    assert passed.params["fentanyl.value_usa_pct"] == pytest.approx(expected.params["fentanyl.value_usa_pct"])
