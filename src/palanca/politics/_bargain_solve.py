r"""Solving the US–Mexico bargain: asymmetric Nash, Rubinstein on the Pareto frontier, Fearon's range.

The predicted deal is the asymmetric Nash solution with :math:`\beta_{US} = r_{MX}/(r_{US} + r_{MX})` and
the disagreement point at the inside options, subject to the outside-option principle: where it gives a
side less than its outside option (USMCA collapse), that side gets exactly its outside option and the other
the best deal compatible with it — the limit of Rubinstein's alternating offers with inside and outside
options as the time between offers shrinks (Binmore, Rubinstein & Wolinsky 1986; Muthoo 1999, ch. 5).
With annual offers the two Rubinstein offers (US proposes, Mexico proposes) bracket it, and they converge
to it as the period shrinks (`rubinstein_on_frontier` with ``period`` → 0).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from palanca.politics._bargain_payoffs import Payoffs, ThreatPoint
from palanca.politics._bargain_spec import BargainScenario
from palanca.politics._bargaining import (
    calc_fearon_range,
    calc_leverage_index,
    calc_nash_weight,
    calc_rubinstein,
)
from palanca.politics._trade_payoffs import TradeCurve

__all__ = ["fearon_range", "frontier", "rubinstein_on_frontier", "solve_core"]


def solve_core(
    sc: BargainScenario,
    curve: TradeCurve,
    threat: ThreatPoint,
    outside: tuple[float, float],
    credibility: tuple[float, float],
    start: np.ndarray | None = None,
    *,
    leverage: bool = True,
) -> dict[str, Any]:
    """Nash deal, gains, ideal gains and the leverage measures of one parameter set."""
    pay = Payoffs(sc, curve, threat, credibility, outside)
    p = sc.params
    beta = calc_nash_weight(p["bargaining.discount_rate_usa"], p["bargaining.discount_rate_mex"])
    sol = pay.nash(beta, pay.inside, start)
    binding = None
    if sol is not None:  # the outside-option principle (Muthoo 1999, ch. 5; Binmore, Rubinstein & Wolinsky 1986)
        for who in (0, 1):
            if sol[1 + who] < pay.outside[who] - 1e-9:
                alt = pay.best_given(who, pay.outside[who], sol[0])
                sol, binding = alt, ("USA", "MEX")[who]
                break
        if sol is not None and (sol[1] <= pay.inside[0] or sol[2] <= pay.inside[1]):
            sol = None  # no deal beats the dispute for both once the outside option is honoured
        if sol is not None and (sol[1] < pay.outside[0] - 1e-7 or sol[2] < pay.outside[1] - 1e-7):
            sol = None  # both outside options cannot be met: each side prefers collapse to any deal
    out: dict[str, Any] = {"pay": pay, "beta": beta, "sol": sol, "outside_binding": binding}
    nan = float("nan")
    if sol is None:
        out.update(
            leverage=nan, split=nan, usd_share=nan, gain=(0.0, 0.0), gain_usd=(0.0, 0.0), ideal=(nan, nan),
            gain_over_outside=(nan, nan), ideal_over_outside=(nan, nan),
        )  # fmt: skip
        return out
    z, us, mx = sol
    gain = (float(us - pay.inside[0]), float(mx - pay.inside[1]))
    usd = (gain[0] / 100 * sc.gdp_usd_bn["USA"], gain[1] / 100 * sc.gdp_usd_bn["MEX"])
    out.update(gain=gain, gain_usd=usd, usd_share=usd[0] / (usd[0] + usd[1]))
    if leverage:
        ideal = pay.ideal_gains(pay.inside, z)
        # The split of the surplus over the disagreement point: with a linear frontier it is exactly the Nash
        # weight whatever the threats, because the threats move the point the gains are measured from.
        out.update(ideal=ideal, split=_index(gain, ideal))
        # Leverage: the same normalisation from the outside option (USMCA collapse), which no threat moves, so
        # a threat that shifts the deal towards the threatener raises the threatener's index.
        g_out = (float(us - pay.outside[0]), float(mx - pay.outside[1]))
        i_out = pay.ideal_gains(pay.outside, z)
        out.update(gain_over_outside=g_out, ideal_over_outside=i_out, leverage=_index(g_out, i_out))
    else:
        out.update(ideal=(nan, nan), leverage=nan, split=nan, gain_over_outside=(nan, nan),
                   ideal_over_outside=(nan, nan))  # fmt: skip
    return out


def _index(gain: tuple[float, float], ideal: tuple[float, float]) -> float:
    """`calc_leverage_index` with gains clipped at zero (solver tolerance), NaN where it is undefined."""
    try:
        return calc_leverage_index(max(gain[0], 0.0), max(gain[1], 0.0), ideal[0], ideal[1])
    except ValueError:
        return float("nan")


def frontier(pay: Payoffs, d: tuple[float, float], n: int = 21) -> tuple[np.ndarray, np.ndarray]:
    """The individually rational Pareto frontier, traced by Nash solutions with weights in (0, 1).

    Points are sorted by the US payoff and replaced by their upper envelope from the right (the largest
    Mexican payoff at any US payoff at least as high), so the frontier is nonincreasing.
    """
    pts = [pay.nash(b, d) for b in np.linspace(0.02, 0.98, n)]
    u = np.array([q[1] for q in pts if q is not None])
    v = np.array([q[2] for q in pts if q is not None])
    order = np.argsort(u)
    u, v = u[order], np.maximum.accumulate(v[order][::-1])[::-1]
    return u, v


def rubinstein_on_frontier(
    pay: Payoffs,
    rates: tuple[float, float],
    gdp_usd_bn: tuple[float, float],
    *,
    period: float = 1.0,
    curve: tuple[np.ndarray, np.ndarray] | None = None,
) -> dict[str, Any]:
    """Rubinstein's two stationary offers on the frontier, with offers every ``period`` years.

    Discount factors :math:`\\delta_i = e^{-r_i \\Delta}`; inside options are flows over the period, the
    outside options (USMCA collapse) are open to the responder. Returns both offers' payoffs and each
    one's US share of the joint USD gain over the inside options.
    """
    u, v = frontier(pay, pay.inside) if curve is None else curve
    if len(u) < 2:
        return {}
    phi = lambda x: float(np.interp(x, u, v))  # noqa: E731
    phi_inv = lambda y: float(np.interp(-y, -v, u))  # noqa: E731
    delta = (math.exp(-rates[0] * period), math.exp(-rates[1] * period))
    (ua, va), (ub, vb) = calc_rubinstein(phi, phi_inv, delta, pay.inside, pay.outside, (u[0], u[-1]))

    def share(a: float, b: float) -> float:
        su, sm = (a - pay.inside[0]) / 100 * gdp_usd_bn[0], (b - pay.inside[1]) / 100 * gdp_usd_bn[1]
        return su / (su + sm) if su + sm > 0 else float("nan")

    no_out = calc_rubinstein(phi, phi_inv, delta, pay.inside, (-1e9, -1e9), (u[0], u[-1]))
    return {
        "period_years": period,
        "usa_pct_us_proposes": ua,
        "mex_pct_us_proposes": va,
        "usa_pct_mex_proposes": ub,
        "mex_pct_mex_proposes": vb,
        "usd_share_usa_us_proposes": share(ua, va),
        "usd_share_usa_mex_proposes": share(ub, vb),
        "outside_option_binding": bool(abs(no_out[0][0] - ua) > 1e-9 or abs(no_out[1][1] - vb) > 1e-9),
    }


def fearon_range(sc: BargainScenario, pay: Payoffs, gain_usd: tuple[float, float]) -> dict[str, float]:
    """Fearon's range: the stake is the joint gain (USD) plus what the war destroys; costs as shares of it."""
    gdp = sc.gdp_usd_bn
    stake = sum(gain_usd) + (
        (pay.inside[0] - pay.war[0]) / 100 * gdp["USA"] + (pay.inside[1] - pay.war[1]) / 100 * gdp["MEX"]
    )
    if not stake > 0:
        return {"low": float("nan"), "high": float("nan"), "stake_usd_bn": stake}
    c_us = max(0.0, -pay.war[0]) / 100 * gdp["USA"] / stake
    c_mx = max(0.0, -pay.war[1]) / 100 * gdp["MEX"] / stake
    lo, hi = calc_fearon_range(sc.params["fearon.p_usa_prevails"], c_us, c_mx)
    return {"low": lo, "high": hi, "cost_usa_share": c_us, "cost_mex_share": c_mx, "stake_usd_bn": stake}
