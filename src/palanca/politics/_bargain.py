r"""The US–Mexico bargain: issue linkage between trade, migration, security and firearms, on evidence.

One entry point, `bargain`, returns a read-only `BargainResult`. Its inputs come from palanca's models
wherever one computes them (`resolve_inputs`): the trade payoffs, the threat point (tariff war) and the
outside option (USMCA collapse, MFN) from the engine; the cooperation values from `palanca.flows`; the
threat credibilities from the dated event log (Beta posteriors, only events up to ``as_of``). Everything
else is judgement from the shipped spec file, with a range. Roles: spec (`_bargain_spec`), payoffs
(`_bargain_payoffs`), inputs (`_bargain_inputs`), solve (`_bargain_solve`), results (`_bargain_results`),
uncertainty (`_bargain_uncertainty`), signposts (`_signposts`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from palanca._inputs import RunInputs
from palanca.analysis._uncertainty import MAX_DRAWS
from palanca.data import load_coercion_events, load_world
from palanca.errors import ScenarioError
from palanca.politics._bargain_inputs import BargainInputs, cooperation_digest, resolve_inputs
from palanca.politics._bargain_results import BargainResult, Deal
from palanca.politics._bargain_solve import fearon_range, frontier, rubinstein_on_frontier, solve_core
from palanca.politics._bargain_spec import DIMENSIONS, FIXED, BargainScenario, load_bargain_scenario
from palanca.politics._bargain_uncertainty import monte_carlo, tornado, usmca_timeline
from palanca.politics._credibility import parse_as_of
from palanca.politics._trade_payoffs import TradeCurve, trade_payoff_curve

__all__ = ["bargain", "prepare_bargain", "scenario_record", "solve_bargain"]


def prepare_bargain(
    scenario: BargainScenario | str = "usmca-review-2026",
    *,
    world: str | None = None,
    as_of: str | dt.date | None = None,
    cooperation: bool = True,
) -> tuple[BargainInputs, TradeCurve]:
    """The scenario's engine trade curve and its model-computed inputs as of a date."""
    sc = load_bargain_scenario(scenario) if isinstance(scenario, str) else scenario
    p = sc.params
    date = parse_as_of(as_of)
    if date is not None:
        first = min((e.date for e in load_coercion_events()), default=None)
        if first is None or date < first:
            raise ScenarioError(
                f"as_of = {date.isoformat()} precedes the event log (first event {first}); the bargain needs a "
                "dated record of threats: choose a date on or after it."
            )
    policy = None if date is None else date.isoformat()
    curve = trade_payoff_curve(world, sc.tariff_grid, (p["trade.counter_tariff"],), as_of=policy)
    return resolve_inputs(sc, curve, as_of=date, cooperation=cooperation), curve


def solve_bargain(
    inp: BargainInputs,
    curve: TradeCurve,
    *,
    draws: int = 0,
    seed: int = 0,
    sensitivity: bool = True,
) -> BargainResult:
    """Solve prepared inputs: deal, gains, leverage, Rubinstein, Fearon, timeline; tornado and MC optional."""
    if draws < 0:
        raise ScenarioError(f"draws = {draws}; the Monte Carlo needs a nonnegative number of draws (0 skips it).")
    if draws > MAX_DRAWS:
        raise ScenarioError(f"draws = {draws}: at most {MAX_DRAWS:,} Monte Carlo draws; give e.g. --draws 300.")
    sc = inp.scenario
    p = sc.params
    cred = (inp.credibility_usa.mean, inp.credibility_mex.mean)
    core = solve_core(sc, curve, inp.threat, inp.outside_pct, cred)
    pay = core["pay"]
    nan = float("nan")
    deal, rub, fear, red = None, {}, {"low": nan, "high": nan}, False
    if core["sol"] is not None:
        z, us, mx = core["sol"]
        deal = Deal(dict(zip(DIMENSIONS, (float(v) for v in z), strict=True)), us, mx)
        red = bool(z[4] >= p["sovereignty.red_line"] - 1e-6)
        rates = (p["bargaining.discount_rate_usa"], p["bargaining.discount_rate_mex"])
        gdp = (sc.gdp_usd_bn["USA"], sc.gdp_usd_bn["MEX"])
        rub = rubinstein_on_frontier(pay, rates, gdp, curve=frontier(pay, pay.inside))
        fear = fearon_range(sc, pay, core["gain_usd"])
    timeline, cliff = usmca_timeline(sc, pay, core["beta"], core["sol"] is not None, inp.as_of)
    start = None if core["sol"] is None else core["sol"][0]
    torn = tornado(inp, curve, start) if sensitivity else ()
    mc = monte_carlo(inp, curve, draws, seed, start) if sensitivity or draws else {"draws": 0}
    inputs: dict[str, dict[str, Any]] = {
        k: {"value": p[k], "range": list(sc.ranges[k]), "basis": sc.basis.get(k, "judgement")} for k in sc.ranges
    }
    for key in FIXED:
        inputs[key] = {
            "value": p[key],
            "range": [],
            "basis": f"cited: fixed in the spec file {sc.name}.toml, source in its comment (no range)",
        }
    for who, gdp in sc.gdp_usd_bn.items():
        inputs[f"gdp_usd_bn.{who}"] = {
            "value": gdp,
            "range": [],
            "basis": f"cited: players.{who}.gdp_usd_bn of the spec file {sc.name}.toml (USD conversion only)",
        }
    inputs["credibility.usa_tariff_threat"] = {
        "value": cred[0],
        "range": list(inp.credibility_usa.credibility_interval()),
        "basis": "model: palanca.politics.threat_credibility (event log, Beta posteriors, 90% interval)",
    }
    inputs["credibility.mex_counter_tariff"] = {
        "value": cred[1],
        "range": list(inp.credibility_mex.credibility_interval()),
        "basis": "model: palanca.politics.threat_credibility (event log, Beta posteriors, 90% interval)",
    }
    inputs["threat_point"] = {"value": list(pay.war), "range": [], "basis": f"model: {inp.threat.method}"}
    inputs["status_quo"] = {
        "value": list(pay.status_quo),
        "range": [],
        "basis": "model: engine (palanca.model.solve) on the tariffs in force on the as-of date, vs the reference",
    }
    inputs["outside_option"] = {"value": list(inp.outside_pct), "range": [], "basis": f"model: {inp.outside_method}"}
    return BargainResult(
        scenario=sc,
        world=curve.world,
        as_of=None if inp.as_of is None else inp.as_of.isoformat(),
        deal=deal,
        disagreement=pay.inside,
        outside=pay.outside,
        beta_usa=core["beta"],
        gain_pct={"USA": core["gain"][0], "MEX": core["gain"][1]},
        gain_usd_bn={"USA": core["gain_usd"][0], "MEX": core["gain_usd"][1]},
        ideal_gain_pct={"USA": core["ideal"][0], "MEX": core["ideal"][1]},
        leverage_usa=core["leverage"],
        usd_share_usa=core["usd_share"],
        credibility={
            "usa_tariff_threat": inp.credibility_usa.to_dict(),
            "mex_counter_tariff": inp.credibility_mex.to_dict(),
        },
        threat_point={
            "method": inp.threat.method,
            "war_pct": list(pay.war),
            "status_quo_pct": list(pay.status_quo),
            "tariffs": dict(inp.threat.tariffs),
        },
        rubinstein=rub,
        fearon=fear,
        red_line_binding=red,
        timeline=timeline,
        cliff_deal=cliff,
        tornado=torn,
        monte_carlo=mc,
        inputs=inputs,
        engine_solves=curve.solves,
        outside_binding=core["outside_binding"],
        surplus_split_usa=core["split"],
        gain_over_outside_pct={"USA": core["gain_over_outside"][0], "MEX": core["gain_over_outside"][1]},
        ideal_gain_over_outside_pct={"USA": core["ideal_over_outside"][0], "MEX": core["ideal_over_outside"][1]},
    )


def bargain(
    scenario: BargainScenario | str = "usmca-review-2026",
    *,
    world: str | None = None,
    draws: int | None = None,
    seed: int | None = None,
    as_of: str | dt.date | None = None,
    cooperation: bool = True,
) -> BargainResult:
    """Predict the bargain of a scenario: deal, gains, leverage, sensitivity and the review timeline.

    Parameters
    ----------
    scenario : BargainScenario or str
        A scenario value or the name of a shipped bargain spec.
    world : str, optional
        Shipped world for the engine payoffs (default world when omitted).
    draws, seed : int, optional
        Monte Carlo size and seed (the spec file's when omitted); ``draws=0`` skips the Monte Carlo.
    as_of : str or datetime.date, optional
        Use only the events dated on or before it (ISO date): the coercion event log for credibility, and
        the policy registry for the tariffs in force behind the engine payoffs.
    cooperation : bool
        Take the cooperation values from `palanca.flows` (default); False keeps the spec's judgement.

    Raises
    ------
    ScenarioError
        If a parameter is invalid, ``as_of`` is not an ISO date or ``draws`` is negative.
    """
    inp, curve = prepare_bargain(scenario, world=world, as_of=as_of, cooperation=cooperation)
    sc = inp.scenario
    n_draws = sc.mc_draws if draws is None else int(draws)
    mc_seed = sc.mc_seed if seed is None else int(seed)
    result = solve_bargain(inp, curve, draws=n_draws, seed=mc_seed)
    params = {
        "scenario": scenario_record(sc),
        "draws": n_draws,
        "seed": mc_seed,
        "as_of": None if inp.as_of is None else inp.as_of.isoformat(),
        "cooperation": cooperation,
    }
    if cooperation:  # the flows model's inputs behind the cooperation values: its data and its assumptions
        params["data_digest"] = cooperation_digest()
    run = RunInputs("bargain", params, world=curve.world, world_digest=load_world(curve.world).digest)
    return dataclasses.replace(result, run_inputs=run)


def scenario_record(sc: BargainScenario) -> dict[str, Any]:
    """The bargain scenario as a JSON-ready record that ``BargainScenario(**record)`` reads back."""
    return {
        "name": sc.name,
        "params": dict(sc.params),
        "ranges": {k: list(v) for k, v in sc.ranges.items()},
        "gdp_usd_bn": dict(sc.gdp_usd_bn),
        "tariff_grid": list(sc.tariff_grid),
        "review_date": sc.review_date,
        "basis": dict(sc.basis),
        "mc_draws": sc.mc_draws,
        "mc_seed": sc.mc_seed,
    }
