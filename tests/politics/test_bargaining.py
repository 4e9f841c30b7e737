"""Bargaining kernels against closed forms; the US–Mexico bargain's invariants (red line, optimality,
Rubinstein around Nash, unit-free leverage) and its CLI."""

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
    calc_leverage_index,
    calc_nash_weight,
    calc_rubinstein,
    calc_rubinstein_split,
    calc_threat_credibility,
    load_bargain_scenario,
    prepare_bargain,
    rubinstein_on_frontier,
    solve_bargain,
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
    for dt in (1e-2, 1e-3, 1e-4):
        xa, _ = calc_rubinstein_split(1.0, (math.exp(-dt), math.exp(-dt)))
        assert abs(xa - 0.5) < dt
    xa, _ = calc_rubinstein_split(1.0, (math.exp(-1e-5), math.exp(-1e-5)), inside=(0.3, 0.1))
    assert xa == pytest.approx(0.3 + 0.6 / 2, abs=1e-4)


def test_rubinstein_limit_asymmetric_weights():
    # unequal rates r_A = 1, r_B = 3: limit share r_B / (r_A + r_B) = 0.75 (Binmore, Rubinstein & Wolinsky 1986)
    dt = 1e-5
    xa, _ = calc_rubinstein_split(1.0, (math.exp(-dt), math.exp(-3 * dt)))
    assert xa == pytest.approx(calc_nash_weight(1.0, 3.0), abs=1e-4)
    assert calc_nash_weight(1.0, 3.0) == 0.75


def test_inside_and_outside_options():
    xa, _ = calc_rubinstein_split(1.0, (0.9, 0.8), inside=(0.2, 0.1))
    assert xa == pytest.approx(0.2 + (0.2 / 0.28) * 0.7, abs=1e-10)
    delta = (0.9, 0.9)  # outside-option principle (Muthoo 1999, ch. 5)
    assert calc_rubinstein_split(1.0, delta, outside=(0.0, 0.3))[0] == pytest.approx(1 / 1.9, abs=1e-10)
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
    assert calc_fearon_range(0.9, 0.1, 0.3) == pytest.approx((0.8, 1.0))
    assert calc_threat_credibility(0.05, 0.05, 0.6, 0.02) == pytest.approx(0.3)


def test_leverage_index_is_unit_free_by_hand():
    # g = (1, 3), G = (2, 12): normalised (0.5, 0.25) -> 0.5 / 0.75 = 2/3; US in cents (x100): same
    assert calc_leverage_index(1.0, 3.0, 2.0, 12.0) == pytest.approx(2 / 3)
    assert calc_leverage_index(100.0, 3.0, 200.0, 12.0) == pytest.approx(2 / 3)
    with pytest.raises(ValueError, match="ideal gains must be positive"):
        calc_leverage_index(1.0, 1.0, 0.0, 1.0)


@pytest.fixture(scope="module")
def prepared():
    return prepare_bargain("usmca-review-2026", world=WORLD, as_of="2026-06-30")


@pytest.fixture(scope="module")
def result(prepared):
    inp, curve = prepared
    return solve_bargain(inp, curve, draws=30, seed=1)


def test_trade_curve_from_engine_and_cache():
    curve = trade_payoff_curve(WORLD, (0.0, 0.1, 0.2, 0.3), (0.25,))
    assert curve.value("USA", 0.0) == 0.0 and curve.value("MEX", 0.0) == 0.0  # the USMCA reference
    assert np.all(np.diff(curve.mex_pct[0]) < 0)  # a higher US tariff always hurts Mexico
    from palanca.politics._trade_payoffs import _curve, _key

    _curve.cache_clear()  # the on-disk cache (a temporary folder in tests) answers without solving
    again = trade_payoff_curve(WORLD, (0.0, 0.1, 0.2, 0.3), (0.25,))
    assert again.solves == 0
    np.testing.assert_array_equal(again.usa_pct, curve.usa_pct)
    with mock.patch("palanca.politics._trade_payoffs._version", return_value="9.9.9"):
        assert _key("trade-curve", WORLD, "ab" * 20, [1]) != _key("trade-curve", WORLD, "ab" * 20, [1]).replace(
            "9.9.9", "0"
        )
        assert "v9.9.9" in _key("trade-curve", WORLD, "ab" * 20, [1])  # keyed by palanca version


def test_deal_respects_bounds_and_beats_disagreement(result):
    d = result.deal
    assert d is not None
    assert d.usa_pct > result.disagreement[0] and d.mex_pct > result.disagreement[1]
    assert 0 <= d.terms["us_tariff"] <= 0.30
    g, u = result.gain_usd_bn, result.gain_pct
    assert g["USA"] == pytest.approx(u["USA"] / 100 * result.scenario.gdp_usd_bn["USA"])
    assert result.usd_share_usa == pytest.approx(g["USA"] / (g["USA"] + g["MEX"]))
    # the index is the normalised-gain share over the outside option, recomputed from the reported gains
    go, io = result.gain_over_outside_pct, result.ideal_gain_over_outside_pct
    assert result.leverage_usa == pytest.approx(calc_leverage_index(go["USA"], go["MEX"], io["USA"], io["MEX"]))
    # the surplus split is the same normalisation over the disagreement point
    ig = result.ideal_gain_pct
    assert result.surplus_split_usa == pytest.approx(calc_leverage_index(u["USA"], u["MEX"], ig["USA"], ig["MEX"]))
    assert 0 < u["USA"] <= ig["USA"] + 1e-9 and 0 < u["MEX"] <= ig["MEX"] + 1e-9


def test_deal_maximises_the_nash_product(prepared, result):
    from palanca.politics._bargain_payoffs import Payoffs

    inp, curve = prepared
    cred = (inp.credibility_usa.mean, inp.credibility_mex.mean)
    pay = Payoffs(inp.scenario, curve, inp.threat, cred, inp.outside_pct)
    d = result.disagreement

    def log_nash(z):
        us, mx = pay(z)
        return -np.inf if us <= d[0] or mx <= d[1] else 0.5 * math.log(us - d[0]) + 0.5 * math.log(mx - d[1])

    best = log_nash(np.array(list(result.deal.terms.values())))
    rng = np.random.default_rng(0)
    for _ in range(2000):
        assert log_nash(rng.random(5) * pay.upper) <= best + 1e-9


def test_rubinstein_brackets_nash_and_converges_as_delta_tends_to_one(prepared, result):
    """Binmore, Rubinstein & Wolinsky (1986): as the time between offers shrinks, both Rubinstein offers
    tend to the asymmetric Nash solution with beta = r_MX / (r_US + r_MX); with annual offers the proposer's
    advantage puts Nash between them."""
    from palanca.politics._bargain_payoffs import Payoffs
    from palanca.politics._bargain_solve import frontier

    inp, curve = prepared
    sc = inp.scenario
    pay = Payoffs(sc, curve, inp.threat, (inp.credibility_usa.mean, inp.credibility_mex.mean), inp.outside_pct)
    front = frontier(pay, pay.inside)
    rates = (sc.params["bargaining.discount_rate_usa"], sc.params["bargaining.discount_rate_mex"])
    gdp = (sc.gdp_usd_bn["USA"], sc.gdp_usd_bn["MEX"])
    nash = result.usd_share_usa
    gaps = []
    for period in (1.0, 0.1, 0.01):
        r = rubinstein_on_frontier(pay, rates, gdp, period=period, curve=front)
        lo, hi = r["usd_share_usa_mex_proposes"], r["usd_share_usa_us_proposes"]
        assert lo <= nash + 1e-6 and nash <= hi + 1e-6
        gaps.append(hi - lo)
    assert gaps[0] > gaps[1] > gaps[2]
    assert gaps[2] < 0.01 * gaps[0] * 10  # the gap shrinks in proportion to the period
    assert result.rubinstein["usd_share_usa_mex_proposes"] <= nash <= result.rubinstein["usd_share_usa_us_proposes"]


def test_red_line_never_crossed():
    sc = load_bargain_scenario().with_params(sovereignty__value_usa_pct=5.0, sovereignty__cost_mex_pct=0.001)
    inp, curve = prepare_bargain(sc, world=WORLD)
    res = solve_bargain(inp, curve, draws=10, seed=2, sensitivity=False)
    assert res.deal.terms["us_security_ops"] <= sc.params["sovereignty.red_line"] + 1e-12
    assert res.red_line_binding
    assert res.monte_carlo["us_security_ops_p95"] <= sc.params["sovereignty.red_line"] + 1e-12
    assert res.cliff_deal.terms["us_security_ops"] <= sc.params["sovereignty.red_line"] + 1e-12


def test_more_patient_side_captures_more():
    base = load_bargain_scenario()
    lev = []
    for r_mx in (0.05, 0.20):
        inp, curve = prepare_bargain(base.with_params(bargaining__discount_rate_mex=r_mx), world=WORLD)
        lev.append(solve_bargain(inp, curve, sensitivity=False).leverage_usa)
    assert lev[1] > lev[0]


def test_timeline_and_monte_carlo(prepared, result):
    rows = result.timeline
    assert [r["year"] for r in rows] == list(range(2026, 2037))  # as of 30 Jun 2026 the 1 Jul review is next
    q = result.scenario.params["usmca.confirm_probability"]
    assert rows[0]["p_confirmed_by"] == pytest.approx(q)
    assert rows[-1]["p_terminated"] == pytest.approx((1 - q) ** 11)
    mc = result.monte_carlo
    assert mc["leverage_usa_p05"] <= mc["leverage_usa_p50"] <= mc["leverage_usa_p95"]
    inp, curve = prepared
    again = solve_bargain(inp, curve, draws=30, seed=1).monte_carlo
    assert again == mc  # seeded


def test_inputs_are_model_values_or_labelled_judgement(result):
    """Every input has a basis; the cooperation values equal palanca.flows' (US$bn / GDP), not typed in."""
    from palanca.flows import cooperation_values

    inputs = result.inputs
    for key, rec in inputs.items():
        basis = str(rec["basis"])
        assert basis.startswith(("judgement", "cited", "model")), key
        if basis.startswith("judgement"):
            lo, hi = rec["range"]
            assert lo <= rec["value"] <= hi and hi > lo, key
    cv = cooperation_values()
    gdp = result.scenario.gdp_usd_bn
    fen = inputs["fentanyl.value_usa_pct"]
    assert fen["value"] == pytest.approx(100 * cv.fentanyl_enforcement.central_usd_bn_per_year / gdp["USA"])
    assert fen["range"][1] == pytest.approx(100 * cv.fentanyl_enforcement.high_usd_bn_per_year / gdp["USA"])
    gun = inputs["firearms.value_mex_pct"]
    assert gun["value"] == pytest.approx(100 * cv.firearms_action.central_usd_bn_per_year / gdp["MEX"])
    assert inputs["credibility.usa_tariff_threat"]["basis"].startswith("model")
    assert inputs["threat_point"]["basis"].startswith("model")
    # the fixed numbers of the spec (threat and counter-tariff, deal-space bounds, GDPs) are listed too
    for key in ("trade.threat_tariff", "trade.counter_tariff", "trade.max_tariff", "sovereignty.red_line",
                "gdp_usd_bn.USA", "gdp_usd_bn.MEX"):  # fmt: skip
        assert inputs[key]["basis"].startswith("cited"), key


def test_threat_point_fallback_is_labelled():
    with mock.patch("palanca.politics._bargain_inputs.engine_threats", return_value=None):
        inp, _curve = prepare_bargain("usmca-review-2026", world=WORLD)
    assert inp.threat.method.startswith("fallback")
    assert inp.threat.tariffs == {"USA_on_MEX": 0.25, "MEX_on_USA": 0.25}


def test_bad_parameter_names_the_field():
    with pytest.raises(ScenarioError, match=r"usmca.confirm_probability = 1.5; a probability"):
        load_bargain_scenario().with_params(usmca__confirm_probability=1.5)
    with pytest.raises(DataFormatError, match="is not shipped"):
        bargain("no-such-scenario", world=WORLD)
    with pytest.raises(ScenarioError, match="as_of = '2026-02-30' is not an ISO date"):
        bargain("usmca-review-2026", world=WORLD, as_of="2026-02-30")


def test_cli_json_as_of_and_exit_codes():
    runner = CliRunner()
    outs = []
    for day in ("2026-06-30", "2026-12-01"):
        res = runner.invoke(app, ["bargain", "--world", WORLD, "--as-of", day, "--draws", "4", "--json", "--no-store"])
        assert res.exit_code == 0, res.output
        outs.append(json.loads(res.output))
    assert outs[0]["as_of"] == "2026-06-30" and outs[1]["as_of"] == "2026-12-01"
    assert outs[0]["usmca_timeline"][0]["year"] == 2026 and outs[1]["usmca_timeline"][0]["year"] == 2027
    assert set(outs[0]["deal"]["terms"]) == {
        "us_tariff", "mex_migration_enforcement", "mex_fentanyl_enforcement", "us_firearms_action", "us_security_ops"
    }  # fmt: skip
    assert "unit-free" in outs[0]["leverage_meaning"].lower()
    bad = runner.invoke(app, ["bargain", "--as-of", "30/06/2026", "--no-store"])
    assert bad.exit_code == 2  # usage
    dom = runner.invoke(app, ["bargain", "--scenario", "nope", "--no-store"])
    assert dom.exit_code == 1 and "not shipped" in dom.output and "Traceback" not in dom.output
    # a date before the event log has no record to read credibility from: a domain error, not a silent prior
    early = runner.invoke(app, ["bargain", "--world", WORLD, "--as-of", "1990-01-01", "--draws", "0", "--no-store"])
    assert early.exit_code == 1 and "precedes the event log" in early.output and "Traceback" not in early.output
    neg = runner.invoke(app, ["bargain", "--world", WORLD, "--draws", "-1", "--no-store"])
    assert neg.exit_code == 2 and "Traceback" not in neg.output


def test_cli_draws_zero_and_arguments():
    from palanca.cli import bargain as cli_bargain
    from palanca.politics import bargain as real

    runner = CliRunner()
    with mock.patch.object(cli_bargain, "run_bargain", wraps=real) as spy:
        res = runner.invoke(app, ["bargain", "--world", WORLD, "--draws", "0", "--seed", "3", "--no-store"])
    assert res.exit_code == 0, res.output
    assert "US leverage index" in res.output and "MC interval" not in res.output
    assert spy.call_args.args == ("usmca-review-2026",)
    assert spy.call_args.kwargs == {"world": WORLD, "draws": 0, "seed": 3}


def test_outside_option_principle_on_the_bargain(prepared, result):
    """A US outside option above its Nash payoff binds: the US gets exactly it (Muthoo 1999, ch. 5), Mexico
    the best deal compatible with it, and Rubinstein's offers converge there as the period shrinks."""
    from dataclasses import replace

    inp, curve = prepared
    w_us = result.deal.usa_pct + 0.005
    res = solve_bargain(replace(inp, outside_pct=(w_us, -10.0)), curve, sensitivity=False)
    assert res.outside_binding == "USA"
    assert res.deal.usa_pct == pytest.approx(w_us, abs=1e-6)
    assert res.deal.mex_pct < result.deal.mex_pct
    from palanca.politics._bargain_payoffs import Payoffs
    from palanca.politics._bargain_solve import frontier

    sc = inp.scenario
    pay = Payoffs(sc, curve, inp.threat, (inp.credibility_usa.mean, inp.credibility_mex.mean), (w_us, -10.0))
    front = frontier(pay, pay.inside)
    rates = (sc.params["bargaining.discount_rate_usa"], sc.params["bargaining.discount_rate_mex"])
    gdp = (sc.gdp_usd_bn["USA"], sc.gdp_usd_bn["MEX"])
    r = rubinstein_on_frontier(pay, rates, gdp, period=0.001, curve=front)
    assert r["outside_option_binding"]
    assert r["usd_share_usa_mex_proposes"] <= res.usd_share_usa + 1e-6 <= r["usd_share_usa_us_proposes"] + 2e-6
    assert r["usd_share_usa_us_proposes"] - r["usd_share_usa_mex_proposes"] < 2e-3
    # both outside options above the frontier: no deal (each prefers collapse)
    none = solve_bargain(replace(inp, outside_pct=(w_us, result.deal.mex_pct)), curve, sensitivity=False)
    assert none.deal is None


def test_no_deal_gives_none_not_nan_and_a_clean_json():
    """Mexico's enforcement costs so high that no deal beats the dispute: the result says so, no NaN."""
    sc = load_bargain_scenario().with_params(
        migration__cost_mex_pct=50.0, fentanyl__cost_mex_pct=50.0, sovereignty__cost_mex_pct=50.0,
        firearms__cost_usa_pct=50.0, usmca__pause_cost_mex_pct=0.0, usmca__pause_cost_usa_pct=0.0,
    )  # fmt: skip
    inp, curve = prepare_bargain(sc, world=WORLD, cooperation=False)
    res = solve_bargain(inp, curve, draws=3, seed=0, sensitivity=False)
    d = res.to_dict()
    json.dumps(d, allow_nan=False)  # raises on NaN
    assert res.deal is None and d["deal"] is None
    assert d["leverage_usa"] is None and d["usd_share_usa"] is None and "No deal" in res.summary()


def test_cli_saves_the_run_to_the_store(tmp_path):
    store = tmp_path / "runs.duckdb"
    res = CliRunner().invoke(app, ["bargain", "--world", WORLD, "--draws", "0", "--store", str(store)])
    assert res.exit_code == 0, res.output
    from palanca.store import list_runs

    runs = list_runs(store)
    assert len(runs) == 1 and runs[0].kind == "bargain"


def test_cli_judgement_values_and_timeline():
    from palanca.cli import bargain as cli_bargain
    from palanca.politics import bargain as real

    runner = CliRunner()
    with mock.patch.object(cli_bargain, "run_bargain", wraps=real) as spy:
        res = runner.invoke(
            app, ["bargain", "--world", WORLD, "--draws", "0", "--judgement-values", "--json", "--no-store"]
        )
    assert res.exit_code == 0, res.output
    assert spy.call_args.kwargs["cooperation"] is False
    spec = load_bargain_scenario()
    out = json.loads(res.output)
    assert out["inputs"]["fentanyl.value_usa_pct"]["value"] == spec.params["fentanyl.value_usa_pct"]
    assert out["inputs"]["fentanyl.value_usa_pct"]["basis"] == "judgement"
    tl = runner.invoke(app, ["bargain", "timeline", "--world", WORLD, "--until", "2019-06-07", "--json"])
    assert tl.exit_code == 0, tl.output
    rows = json.loads(tl.output)["rows"]
    assert [r["date"] for r in rows] == ["2018-05-31", "2018-06-01", "2019-05-17", "2019-05-30", "2019-06-07"]


def test_as_of_sets_the_policy_baseline_of_the_engine_payoffs():
    """--as-of reaches the scenario builder: the tariffs in force behind the payoffs are those of that day."""
    from palanca.politics import _trade_payoffs as tp

    with mock.patch.object(tp, "build_scenario", wraps=tp.build_scenario) as spy:
        inp, curve = prepare_bargain("usmca-review-2026", world=WORLD, as_of="2019-06-01")
    assert curve.policy_as_of == "2019-06-01"
    assert any(c.kwargs.get("as_of") == "2019-06-01" for c in spy.call_args_list)
    assert inp.as_of.isoformat() == "2019-06-01"


def test_disagreement_keeps_the_tariffs_in_force(prepared):
    """A dispute in which no new threat is carried out leaves the tariffs in force (Section 232 and the rest),
    not the reference's zero bilateral tariffs: d = pi_US * threat + (1 - pi_US) * status quo - pause cost."""
    from dataclasses import replace

    from palanca.politics._bargain_payoffs import Payoffs
    from palanca.politics._trade_payoffs import engine_status_quo

    inp, curve = prepared
    assert inp.threat.status_quo_pct == pytest.approx(engine_status_quo(curve.world, curve.policy_as_of))
    p = inp.scenario.params
    pause = (p["usmca.pause_cost_usa_pct"], p["usmca.pause_cost_mex_pct"])
    threat = replace(inp.threat, status_quo_pct=(0.04, -0.9))
    k = p["trade.payoff_scale"]
    none = Payoffs(inp.scenario, curve, threat, (0.0, 0.4), inp.outside_pct)
    assert none.inside == pytest.approx((k * 0.04 - pause[0], k * -0.9 - pause[1]))
    half = Payoffs(inp.scenario, curve, threat, (0.5, 0.4), inp.outside_pct)
    expected = tuple(0.5 * w + 0.5 * k * q - c for w, q, c in zip(half.war, (0.04, -0.9), pause, strict=True))
    assert half.inside == pytest.approx(expected)
