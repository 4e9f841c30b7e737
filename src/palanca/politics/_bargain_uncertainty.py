"""Uncertainty of the bargain: one-at-a-time swings (tornado), Monte Carlo over the ranges and the
credibility posteriors, and the USMCA review timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import numpy as np

from palanca.politics._bargain_inputs import BargainInputs
from palanca.politics._bargain_payoffs import Payoffs
from palanca.politics._bargain_results import Deal
from palanca.politics._bargain_solve import solve_core
from palanca.politics._bargain_spec import DIMENSIONS, BargainScenario
from palanca.politics._credibility import threat_credibility
from palanca.politics._trade_payoffs import TradeCurve

__all__ = ["monte_carlo", "tornado", "usmca_timeline"]


def _credibility(inp: BargainInputs, weight: float) -> tuple[float, float]:
    us = threat_credibility(inp.events, "USA", "MEX", inp.as_of, base_rate_weight=weight)
    mx = threat_credibility(inp.events, "MEX", "USA", inp.as_of, base_rate_weight=weight)
    return us.mean, mx.mean


def tornado(inp: BargainInputs, curve: TradeCurve, start: np.ndarray | None) -> tuple[dict[str, Any], ...]:
    """The leverage index and deal tariff at each uncertain parameter's low and high (others central)."""
    sc = inp.scenario
    rows = []
    for key, (lo, hi) in sc.ranges.items():
        vals = []
        for v in (lo, hi):
            s2 = replace(sc, params={**sc.params, key: v})
            cred = (
                _credibility(inp, v)
                if key == "credibility.base_rate_weight"
                else _credibility(inp, sc.params["credibility.base_rate_weight"])
            )
            c = solve_core(s2, curve, inp.threat, inp.outside_pct, cred, start)
            tariff = float(c["sol"][0][0]) if c["sol"] is not None else float("nan")
            vals.append((c["leverage"], tariff))
        rows.append(
            {
                "parameter": key,
                "basis": sc.basis.get(key, "judgement"),
                "low": lo,
                "high": hi,
                "leverage_at_low": vals[0][0],
                "leverage_at_high": vals[1][0],
                "tariff_at_low": vals[0][1],
                "tariff_at_high": vals[1][1],
                "swing": vals[1][0] - vals[0][0],
            }
        )
    rows.sort(key=lambda r: -abs(r["swing"]) if np.isfinite(r["swing"]) else 0.0)
    return tuple(rows)


def monte_carlo(
    inp: BargainInputs, curve: TradeCurve, draws: int, seed: int, start: np.ndarray | None
) -> dict[str, Any]:
    """Draws of every range (triangular around the central value) and of the credibility posteriors.

    With ``draws = 0`` only the counts are reported.
    """
    sc = inp.scenario
    rng = np.random.default_rng(seed)
    lev, share, deals, no_deal, cred_draws = [], [], [], 0, []
    for _ in range(draws):
        params = dict(sc.params)
        for k, (lo, hi) in sc.ranges.items():
            params[k] = float(rng.triangular(lo, sc.params[k], hi)) if hi > lo else lo
        w = params["credibility.base_rate_weight"]
        p_us = float(threat_credibility(inp.events, "USA", "MEX", inp.as_of, base_rate_weight=w).sample(rng, 1)[0])
        p_mx = float(threat_credibility(inp.events, "MEX", "USA", inp.as_of, base_rate_weight=w).sample(rng, 1)[0])
        cred_draws.append(p_us)
        c = solve_core(replace(sc, params=params), curve, inp.threat, inp.outside_pct, (p_us, p_mx), start)
        if c["sol"] is None:
            no_deal += 1
            continue
        lev.append(c["leverage"])
        share.append(c["usd_share"])
        deals.append(c["sol"][0])
    out: dict[str, Any] = {"draws": draws, "seed": seed, "deals": len(lev)}
    if draws:
        out["p_deal"] = 1 - no_deal / draws
        out["usa_credibility_p05"] = float(np.percentile(cred_draws, 5))
        out["usa_credibility_p95"] = float(np.percentile(cred_draws, 95))
    if lev:
        lev_a, deal_a = np.array(lev), np.array(deals)
        out.update(
            leverage_usa_p05=float(np.percentile(lev_a, 5)),
            leverage_usa_p50=float(np.percentile(lev_a, 50)),
            leverage_usa_p95=float(np.percentile(lev_a, 95)),
            p_us_leverage_above_half=float(np.mean(lev_a > 0.5)),
            usd_share_usa_p05=float(np.percentile(share, 5)),
            usd_share_usa_p95=float(np.percentile(share, 95)),
        )
        for k, name in enumerate(DIMENSIONS):
            out[f"{name}_p05"] = float(np.percentile(deal_a[:, k], 5))
            out[f"{name}_p95"] = float(np.percentile(deal_a[:, k], 95))
        out["p_tariff_above_10pct"] = float(np.mean(deal_a[:, 0] > 0.10))
    return out


def usmca_timeline(
    sc: BargainScenario, pay: Payoffs, beta: float, has_deal: bool, as_of: dt.date | None
) -> tuple[tuple[dict[str, float], ...], Deal | None]:
    """Annual reviews from the first one after ``as_of`` to the last year: confirmation odds and pause costs.

    Each review confirms with probability q (a deal existing); every year unconfirmed costs each side
    its investment-pause cost. At the last review the alternative to confirming is collapse, so the deal
    there is the Nash solution with the outside options as disagreement (the cliff).
    """
    p = sc.params
    q = p["usmca.confirm_probability"] if has_deal else 0.0
    review = dt.date.fromisoformat(sc.review_date)
    first = review.year
    if as_of is not None and as_of >= review:
        first = as_of.year + (1 if as_of >= review.replace(year=as_of.year) else 0)
    rows = []
    unconfirmed, cost_us, cost_mx = 1.0, 0.0, 0.0
    for year in range(first, int(p["usmca.last_year"]) + 1):
        unconfirmed *= 1 - q
        cost_us += unconfirmed * p["usmca.pause_cost_usa_pct"]
        cost_mx += unconfirmed * p["usmca.pause_cost_mex_pct"]
        rows.append(
            {
                "year": year,
                "p_confirmed_by": 1 - unconfirmed,
                "expected_pause_cost_usa_pct": cost_us,
                "expected_pause_cost_mex_pct": cost_mx,
            }
        )
    if rows:
        rows[-1]["p_terminated"] = unconfirmed
    cliff = pay.nash(beta, pay.outside)
    cliff_deal = (
        None if cliff is None else Deal(dict(zip(DIMENSIONS, map(float, cliff[0]), strict=True)), cliff[1], cliff[2])
    )
    return tuple(rows), cliff_deal
