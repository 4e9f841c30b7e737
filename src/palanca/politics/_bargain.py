r"""The US–Mexico bargain: issue linkage between trade, migration and security.

Deal space :math:`z = (t, e_m, e_f, e_g, s)`: the US tariff on Mexican goods (the agreement's
status), Mexico's migration and fentanyl/cartel enforcement, US action against southbound firearms
(fractions of a maximal effort) and US security operations on Mexican soil, bounded by Mexico's
red line :math:`s \le \bar s` (a hard constraint: no solution crosses it). Payoffs, in % of real
income equivalents,

.. math:: U_{US} = k\,T_{US}(t) + v_m e_m + v_f e_f - c_g e_g^2 + v_s s, \qquad
          U_{MX} = k\,T_{MX}(t) - c_m e_m^2 - c_f e_f^2 + b_f e_f + v_g e_g - c_s s^2,

where :math:`T` are the engine's real-income curves (`trade_payoff_curve`) and :math:`k` a
payoff scale. The dispute (inside option) is the threatened tariff war weighted by each threat's
credibility, less the investment-pause cost; the outside option is USMCA collapse. Solutions: the
asymmetric Nash solution with :math:`\beta_{US} = r_{MX}/(r_{US} + r_{MX})`, Rubinstein
alternating offers at annual reviews on the Pareto frontier, and the Fearon range.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

import numpy as np
from scipy.optimize import minimize

from palanca.data import load_bargain_parameters
from palanca.errors import ScenarioError
from palanca.politics._bargaining import (
    calc_fearon_range,
    calc_nash_weight,
    calc_rubinstein,
    calc_threat_credibility,
)
from palanca.politics._trade_payoffs import TradeCurve, trade_payoff_curve

__all__ = ["DIMENSIONS", "BargainResult", "BargainScenario", "Deal", "bargain", "load_bargain_scenario"]

DIMENSIONS = (
    "us_tariff",
    "mex_migration_enforcement",
    "mex_fentanyl_enforcement",
    "us_firearms_action",
    "us_security_ops",
)

# uncertain parameters: "section.key" of the TOML file
_UNCERTAIN = (
    "trade.payoff_scale",
    "migration.value_usa_pct",
    "migration.cost_mex_pct",
    "fentanyl.value_usa_pct",
    "fentanyl.cost_mex_pct",
    "fentanyl.benefit_mex_pct",
    "firearms.value_mex_pct",
    "firearms.cost_usa_pct",
    "sovereignty.value_usa_pct",
    "sovereignty.cost_mex_pct",
    "bargaining.discount_rate_usa",
    "bargaining.discount_rate_mex",
    "credibility.usa_audience_cost_pct",
    "credibility.usa_legal_durability",
    "credibility.mex_audience_cost_pct",
    "credibility.mex_legal_durability",
    "fearon.p_usa_prevails",
    "usmca.confirm_probability",
    "usmca.pause_cost_mex_pct",
    "usmca.pause_cost_usa_pct",
)
_FIXED = (
    "trade.threat_tariff",
    "trade.counter_tariff",
    "trade.max_tariff",
    "trade.collapse_us_tariff",
    "trade.collapse_mx_tariff",
    "sovereignty.red_line",
    "credibility.scale_pct",
    "usmca.last_year",
)


@dataclass(frozen=True)
class BargainScenario:
    """A bargaining scenario: flat parameters ``"section.key" -> value`` and their ranges.

    Build it with `load_bargain_scenario`; change it with ``with_params`` (a new value).
    """

    name: str
    params: Mapping[str, float]
    ranges: Mapping[str, tuple[float, float]]
    gdp_usd_bn: Mapping[str, float]
    tariff_grid: tuple[float, ...]
    review_date: str
    mc_draws: int = 300
    mc_seed: int = 0
    sources: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))
        object.__setattr__(self, "ranges", MappingProxyType(dict(self.ranges)))
        for key in (*_UNCERTAIN, *_FIXED):
            if key not in self.params:
                raise ScenarioError(f"scenario {self.name!r} lacks parameter {key!r}; add it to the TOML file.")
        p = self.params
        for key in _UNCERTAIN:
            if key.endswith(("_pct", "payoff_scale")) and p[key] < 0:
                raise ScenarioError(f"{key} = {p[key]}; valuations and costs must be nonnegative.")
        for key in ("credibility.usa_legal_durability", "credibility.mex_legal_durability", "fearon.p_usa_prevails",
                    "usmca.confirm_probability"):  # fmt: skip
            if not 0 <= p[key] <= 1:
                raise ScenarioError(f"{key} = {p[key]}; a probability must lie in [0, 1].")
        for key in ("bargaining.discount_rate_usa", "bargaining.discount_rate_mex"):
            if not p[key] > 0:
                raise ScenarioError(f"{key} = {p[key]}; discount rates must be positive (0.1 = 10% a year).")
        if not 0 <= p["sovereignty.red_line"] <= 1:
            raise ScenarioError(f"sovereignty.red_line = {p['sovereignty.red_line']}; it must lie in [0, 1].")
        if any(p[k] > max(self.tariff_grid) + 1e-12 for k in ("trade.threat_tariff", "trade.max_tariff",
                                                                "trade.collapse_us_tariff")):  # fmt: skip
            raise ScenarioError(
                f"a tariff exceeds the top of trade.tariff_grid ({max(self.tariff_grid)}); extend the grid."
            )

    def with_params(self, **changes: float) -> BargainScenario:
        """A new scenario with parameters replaced; keys use ``__`` for the dot (``fentanyl__value_usa_pct``).

        A value outside its uncertainty range widens the range to include it.
        """
        new = dict(self.params)
        for k, v in changes.items():
            key = k.replace("__", ".")
            if key not in new:
                raise ScenarioError(f"unknown parameter {key!r}; known: {', '.join(sorted(new))}")
            new[key] = float(v)
        ranges = dict(self.ranges)
        for key, (lo, hi) in self.ranges.items():  # a value set outside its range widens the range
            ranges[key] = (min(lo, new[key]), max(hi, new[key]))
        return replace(self, params=new, ranges=ranges)


def load_bargain_scenario(name: str = "usmca-review-2026") -> BargainScenario:
    """Read a shipped scenario file (see ``src/palanca/data/shipped/politics/<name>.toml``)."""
    raw = load_bargain_parameters(name)
    params: dict[str, float] = {}
    ranges: dict[str, tuple[float, float]] = {}
    for section, body in raw.items():
        if section in ("scenario", "players", "monte_carlo") or not isinstance(body, dict):
            continue
        for key, val in body.items():
            full = f"{section}.{key}"
            if isinstance(val, dict):
                params[full] = float(val["value"])
                lo, hi = (float(v) for v in val["range"])
                if not lo <= params[full] <= hi:
                    raise ScenarioError(f"{full}: value {params[full]} lies outside its range [{lo}, {hi}].")
                ranges[full] = (lo, hi)
            elif isinstance(val, int | float) and not isinstance(val, bool):
                params[full] = float(val)
    try:
        gdp = {c: float(v["gdp_usd_bn"]) for c, v in raw["players"].items()}
        grid = tuple(float(g) for g in raw["trade"]["tariff_grid"])
        review = str(raw["usmca"]["review_date"])
    except KeyError as exc:
        raise ScenarioError(f"scenario {name!r} lacks {exc}; see usmca-review-2026.toml for the layout.") from None
    mc = raw.get("monte_carlo", {})
    return BargainScenario(
        name=name,
        params=params,
        ranges=ranges,
        gdp_usd_bn=gdp,
        tariff_grid=grid,
        review_date=review,
        mc_draws=int(mc.get("draws", 300)),
        mc_seed=int(mc.get("seed", 0)),
        sources={"file": f"{name}.toml", "description": raw.get("scenario", {}).get("description", "")},
    )


@dataclass(frozen=True)
class Deal:
    """A point of the deal space with both payoffs (% of real income equivalents)."""

    terms: Mapping[str, float]
    usa_pct: float
    mex_pct: float


class _Payoffs:
    """Payoff functions of one scenario on one trade curve (internal)."""

    def __init__(self, sc: BargainScenario, curve: TradeCurve) -> None:
        p = sc.params
        self.p, self.curve, self.k = p, curve, p["trade.payoff_scale"]
        self.upper = np.array([p["trade.max_tariff"], 1.0, 1.0, 1.0, p["sovereignty.red_line"]])
        tr = lambda who, t, c=0.0: self.k * curve.value(who, t, c)  # noqa: E731
        thr, ret = p["trade.threat_tariff"], p["trade.counter_tariff"]
        scale = p["credibility.scale_pct"]
        # Mexico retaliates once the US tariff is in force: its execution cost from the engine
        cost_mx = tr("MEX", thr) - tr("MEX", thr, ret)
        self.p_mex = calc_threat_credibility(
            p["credibility.mex_audience_cost_pct"], cost_mx, p["credibility.mex_legal_durability"], scale
        )
        war_us = self.p_mex * tr("USA", thr, ret) + (1 - self.p_mex) * tr("USA", thr)
        war_mx = self.p_mex * tr("MEX", thr, ret) + (1 - self.p_mex) * tr("MEX", thr)
        self.cost_us_exec = tr("USA", 0.0) - war_us
        self.p_usa = calc_threat_credibility(
            p["credibility.usa_audience_cost_pct"],
            self.cost_us_exec,
            p["credibility.usa_legal_durability"],
            scale,
        )
        self.war = (war_us, war_mx)
        self.inside = (
            self.p_usa * war_us + (1 - self.p_usa) * tr("USA", 0.0) - p["usmca.pause_cost_usa_pct"],
            self.p_usa * war_mx + (1 - self.p_usa) * tr("MEX", 0.0) - p["usmca.pause_cost_mex_pct"],
        )
        cu, cm = p["trade.collapse_us_tariff"], p["trade.collapse_mx_tariff"]
        self.outside = (tr("USA", cu, cm), tr("MEX", cu, cm))

    def __call__(self, z: np.ndarray) -> tuple[float, float]:
        p = self.p
        t, em, ef, eg, s = z
        us = (
            self.k * self.curve.value("USA", t)
            + p["migration.value_usa_pct"] * em
            + p["fentanyl.value_usa_pct"] * ef
            - p["firearms.cost_usa_pct"] * eg**2
            + p["sovereignty.value_usa_pct"] * s
        )
        mx = (
            self.k * self.curve.value("MEX", t)
            - p["migration.cost_mex_pct"] * em**2
            - p["fentanyl.cost_mex_pct"] * ef**2
            + p["fentanyl.benefit_mex_pct"] * ef
            + p["firearms.value_mex_pct"] * eg
            - p["sovereignty.cost_mex_pct"] * s**2
        )
        return us, mx

    def gradients(self, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """d U_US / dz and d U_MX / dz (one-sided slope of the piecewise-linear trade curve)."""
        p = self.p
        t, em, ef, eg, s = z
        grid = self.curve.tariff_grid
        k = int(np.clip(np.searchsorted(grid, t, side="right") - 1, 0, len(grid) - 2))
        dt = grid[k + 1] - grid[k]
        su = self.k * (self.curve.usa_pct[0, k + 1] - self.curve.usa_pct[0, k]) / dt
        sm = self.k * (self.curve.mex_pct[0, k + 1] - self.curve.mex_pct[0, k]) / dt
        gu = np.array(
            [su, p["migration.value_usa_pct"], p["fentanyl.value_usa_pct"], -2 * p["firearms.cost_usa_pct"] * eg,
             p["sovereignty.value_usa_pct"]]
        )  # fmt: skip
        dm_f = p["fentanyl.benefit_mex_pct"] - 2 * p["fentanyl.cost_mex_pct"] * ef
        gm = np.array(
            [sm, -2 * p["migration.cost_mex_pct"] * em, dm_f, p["firearms.value_mex_pct"],
             -2 * p["sovereignty.cost_mex_pct"] * s]
        )  # fmt: skip
        return gu, gm

    def nash(
        self, beta: float, d: tuple[float, float], start: np.ndarray | None = None
    ) -> tuple[np.ndarray, float, float] | None:
        """Maximise beta log(U_US - d_US) + (1 - beta) log(U_MX - d_MX) on the box; None if no gain.

        Two starts (no tariff, half the top tariff), or one warm ``start`` plus the no-tariff start.
        """
        bounds = [(0.0, float(u)) for u in self.upper]

        def neg(z: np.ndarray) -> tuple[float, np.ndarray]:
            us, mx = self(z)
            gu, gm = us - d[0], mx - d[1]
            du, dm = self.gradients(z)
            if gu <= 0 or gm <= 0:  # outside the individually rational set: a steep, continuous wall
                pen = 1e6 + 1e3 * (max(0.0, -gu) + max(0.0, -gm))
                grad = -1e3 * ((du if gu <= 0 else 0.0) + (dm if gm <= 0 else 0.0))
                return pen, np.asarray(grad, dtype=float) * np.ones(5)
            return -(beta * math.log(gu) + (1 - beta) * math.log(gm)), -(beta * du / gu + (1 - beta) * dm / gm)

        best = None
        starts = [np.array([t0, 0.5, 0.5, 0.5, 0.5 * self.upper[4]]) for t0 in (0.0, 0.5 * self.upper[0])]
        if start is not None:
            starts = [np.clip(start, 0.0, self.upper), starts[0]]
        for z0 in starts:
            res = minimize(neg, z0, jac=True, method="TNC", bounds=bounds)
            if best is None or res.fun < best.fun:
                best = res
        assert best is not None
        if best.fun >= 1e6:
            return None
        z = np.clip(best.x, 0.0, self.upper)  # the red line is a bound: never crossed
        us, mx = self(z)
        return z, us, mx


@dataclass(frozen=True, eq=False)
class BargainResult:
    """The predicted bargain of one scenario (see `bargain`).

    All payoffs are % of real income equivalents (per year, permanent); USD figures use the
    scenario's GDPs. ``leverage_usa`` is the US share of the joint surplus in USD.
    """

    scenario: BargainScenario
    world: str
    deal: Deal | None
    disagreement: tuple[float, float]
    outside: tuple[float, float]
    beta_usa: float
    credibility: Mapping[str, float]
    surplus_pct: Mapping[str, float]
    surplus_usd_bn: Mapping[str, float]
    leverage_usa: float
    rubinstein: Mapping[str, Any]
    fearon: Mapping[str, float]
    red_line_binding: bool
    timeline: tuple[Mapping[str, float], ...]
    cliff_deal: Deal | None
    tornado: tuple[Mapping[str, Any], ...]
    monte_carlo: Mapping[str, Any]
    engine_solves: int

    def to_dict(self) -> dict[str, Any]:
        def deal(d: Deal | None) -> Any:
            return None if d is None else {"terms": dict(d.terms), "usa_pct": d.usa_pct, "mex_pct": d.mex_pct}

        return {
            "scenario": self.scenario.name,
            "world": self.world,
            "deal": deal(self.deal),
            "disagreement_pct": {"USA": self.disagreement[0], "MEX": self.disagreement[1]},
            "outside_option_pct": {"USA": self.outside[0], "MEX": self.outside[1]},
            "nash_weight_usa": self.beta_usa,
            "credibility": dict(self.credibility),
            "surplus_pct": dict(self.surplus_pct),
            "surplus_usd_bn": dict(self.surplus_usd_bn),
            "leverage_usa": self.leverage_usa,
            "red_line_binding": self.red_line_binding,
            "rubinstein": dict(self.rubinstein),
            "fearon": dict(self.fearon),
            "usmca_timeline": [dict(r) for r in self.timeline],
            "deal_at_2036_cliff": deal(self.cliff_deal),
            "tornado": [dict(r) for r in self.tornado],
            "monte_carlo": dict(self.monte_carlo),
            "engine_solves": self.engine_solves,
        }

    def summary(self) -> str:
        lines = [f"Bargain: {self.scenario.name} (trade payoffs from world {self.world!r})"]
        if self.deal is None:
            lines.append("No deal: no point of the deal space improves on the dispute for both sides.")
            return "\n".join(lines)
        lines.append("Predicted deal (asymmetric Nash, disagreement = credibility-weighted tariff war):")
        for k, v in self.deal.terms.items():
            lines.append(f"  {k:28s} {v:8.3f}")
        lines.append(
            f"Surplus: USA {self.surplus_pct['USA']:+.3f}% ({self.surplus_usd_bn['USA']:+.1f} bn USD), "
            f"MEX {self.surplus_pct['MEX']:+.3f}% ({self.surplus_usd_bn['MEX']:+.1f} bn USD)"
        )
        mc = self.monte_carlo
        lines.append(
            f"Leverage index (US share of joint surplus): {self.leverage_usa:.3f} "
            f"[90% MC interval {mc['leverage_usa_p05']:.3f}–{mc['leverage_usa_p95']:.3f}]"
        )
        lines.append(
            f"Threat credibility: US tariff {self.credibility['usa_tariff_threat']:.2f}, "
            f"Mexican counter-tariff {self.credibility['mex_counter_tariff']:.2f}"
        )
        r = self.rubinstein
        lines.append(
            f"Rubinstein (annual reviews, US proposes): US surplus share {r['leverage_usa_us_proposes']:.3f}; "
            f"outside option binding: {r['outside_option_binding']}"
        )
        f = self.fearon
        lines.append(f"Fearon range for the US share of the stake: [{f['low']:.3f}, {f['high']:.3f}]")
        lines.append(f"Red line binding: {self.red_line_binding}")
        top = ", ".join(f"{t['parameter']} ({t['swing']:+.3f})" for t in self.tornado[:3])
        lines.append(f"What moves leverage most: {top}")
        lines.append(
            f"P(confirmed at the {self.scenario.review_date} review) = {self.timeline[0]['p_confirmed_by']:.2f}"
        )
        return "\n".join(lines)


def _solve_core(sc: BargainScenario, curve: TradeCurve, start: np.ndarray | None = None) -> dict[str, Any]:
    pay = _Payoffs(sc, curve)
    p = sc.params
    beta = calc_nash_weight(p["bargaining.discount_rate_usa"], p["bargaining.discount_rate_mex"])
    sol = pay.nash(beta, pay.inside, start)
    out: dict[str, Any] = {"pay": pay, "beta": beta, "sol": sol}
    if sol is None:
        out.update(leverage=float("nan"), surplus=(0.0, 0.0))
        return out
    _z, us, mx = sol
    s_pct = (us - pay.inside[0], mx - pay.inside[1])
    s_usd = (s_pct[0] / 100 * sc.gdp_usd_bn["USA"], s_pct[1] / 100 * sc.gdp_usd_bn["MEX"])
    out.update(surplus=s_pct, surplus_usd=s_usd, leverage=s_usd[0] / (s_usd[0] + s_usd[1]))
    return out


def _frontier(pay: _Payoffs, d: tuple[float, float], n: int = 21) -> tuple[np.ndarray, np.ndarray]:
    """The individually rational Pareto frontier, traced by Nash solutions with weights in (0, 1)."""
    pts = [pay.nash(b, d) for b in np.linspace(0.02, 0.98, n)]
    u = np.array([q[1] for q in pts if q is not None])
    v = np.array([q[2] for q in pts if q is not None])
    order = np.argsort(u)
    u, v = u[order], np.maximum.accumulate(v[order][::-1])[::-1]  # upper envelope: nonincreasing
    return u, v


def with_fentanyl_value_from_flows(scenario: BargainScenario) -> BargainScenario:
    """The scenario with the US value of Mexico's fentanyl enforcement taken from `palanca.flows`.

    `palanca.flows.mexican_enforcement_value(1.0)` gives the US deaths averted by one unit of Mexican
    enforcement (US$1bn a year of effort in the flows model's levers) valued at the VSL. We map the
    bargain's maximal effort (``fentanyl`` level 1) to that unit — a stated assumption — and convert to
    % of US real income with the scenario's US GDP. The additive and multiplicative markup rules of the
    drug-market model bound the range; the central value is their geometric mean.
    """
    from palanca.flows import mexican_enforcement_value

    gdp = scenario.gdp_usd_bn["USA"]
    lo, hi = sorted(
        100.0 * mexican_enforcement_value(1.0, markup=m).value_usd / 1e9 / gdp for m in ("additive", "multiplicative")
    )
    key = "fentanyl.value_usa_pct"
    return replace(
        scenario,
        params={**scenario.params, key: math.sqrt(lo * hi)},
        ranges={**scenario.ranges, key: (lo, hi)},
    )


def bargain(
    scenario: BargainScenario | str = "usmca-review-2026",
    *,
    world: str | None = None,
    draws: int | None = None,
    seed: int | None = None,
) -> BargainResult:
    """Predict the bargain of a scenario: deal, surplus, leverage, sensitivity and the review timeline.

    Parameters
    ----------
    scenario : BargainScenario or str
        A scenario value or the name of a shipped one.
    world : str, optional
        Shipped world for the trade payoffs (default world when omitted).
    draws, seed : int, optional
        Monte Carlo size and seed (the scenario file's when omitted).
    """
    sc = load_bargain_scenario(scenario) if isinstance(scenario, str) else scenario
    p = sc.params
    curve = trade_payoff_curve(world, sc.tariff_grid, (p["trade.counter_tariff"], p["trade.collapse_mx_tariff"]))
    core = _solve_core(sc, curve)
    pay: _Payoffs = core["pay"]
    credibility = {"usa_tariff_threat": pay.p_usa, "mex_counter_tariff": pay.p_mex}
    fearon_stake = None
    if core["sol"] is None:
        deal = None
        rub: dict[str, Any] = {}
        red = False
    else:
        z, us, mx = core["sol"]
        deal = Deal(dict(zip(DIMENSIONS, (float(v) for v in z), strict=True)), us, mx)
        red = bool(z[4] >= p["sovereignty.red_line"] - 1e-6)
        # Rubinstein with annual periods on the frontier
        u, v = _frontier(pay, pay.inside)
        phi = lambda x: float(np.interp(x, u, v))  # noqa: E731
        phi_inv = lambda y: float(np.interp(-y, -v, u))  # noqa: E731
        delta = (math.exp(-p["bargaining.discount_rate_usa"]), math.exp(-p["bargaining.discount_rate_mex"]))
        (ua, va), (ub, vb) = calc_rubinstein(phi, phi_inv, delta, pay.inside, pay.outside, (u[0], u[-1]))
        gdp = sc.gdp_usd_bn

        def share(a: float, b: float) -> float:
            su, sm = (a - pay.inside[0]) / 100 * gdp["USA"], (b - pay.inside[1]) / 100 * gdp["MEX"]
            return su / (su + sm) if su + sm > 0 else float("nan")

        no_out = calc_rubinstein(phi, phi_inv, delta, pay.inside, (-1e9, -1e9), (u[0], u[-1]))
        rub = {
            "usa_pct_us_proposes": ua,
            "mex_pct_us_proposes": va,
            "usa_pct_mex_proposes": ub,
            "mex_pct_mex_proposes": vb,
            "leverage_usa_us_proposes": share(ua, va),
            "leverage_usa_mex_proposes": share(ub, vb),
            "outside_option_binding": bool(abs(no_out[0][0] - ua) > 1e-9 or abs(no_out[1][1] - vb) > 1e-9),
        }
        # Fearon: the stake is the joint surplus (USD); war costs relative to the deal's status quo
        stake = sum(core["surplus_usd"]) + (
            (pay.inside[0] - pay.war[0]) / 100 * gdp["USA"] + (pay.inside[1] - pay.war[1]) / 100 * gdp["MEX"]
        )
        c_us = max(0.0, -pay.war[0]) / 100 * gdp["USA"] / stake
        c_mx = max(0.0, -pay.war[1]) / 100 * gdp["MEX"] / stake
        lo, hi = calc_fearon_range(p["fearon.p_usa_prevails"], c_us, c_mx)
        fearon_stake = {
            "low": lo,
            "high": hi,
            "cost_usa_share": c_us,
            "cost_mex_share": c_mx,
            "stake_usd_bn": stake,
        }
    timeline, cliff = _usmca_timeline(sc, pay, core)
    start = None if core["sol"] is None else core["sol"][0]
    tornado = _tornado(sc, curve, start)
    mc = _monte_carlo(
        sc, curve, draws if draws is not None else sc.mc_draws, sc.mc_seed if seed is None else seed, start
    )
    surplus = core["surplus"]
    usd = core.get("surplus_usd", (0.0, 0.0))
    return BargainResult(
        scenario=sc,
        world=curve.world,
        deal=deal,
        disagreement=pay.inside,
        outside=pay.outside,
        beta_usa=core["beta"],
        credibility=credibility,
        surplus_pct={"USA": surplus[0], "MEX": surplus[1]},
        surplus_usd_bn={"USA": usd[0], "MEX": usd[1]},
        leverage_usa=core["leverage"],
        rubinstein=rub,
        fearon=fearon_stake or {"low": float("nan"), "high": float("nan")},
        red_line_binding=red,
        timeline=timeline,
        cliff_deal=cliff,
        tornado=tornado,
        monte_carlo=mc,
        engine_solves=curve.solves,
    )


def _usmca_timeline(
    sc: BargainScenario, pay: _Payoffs, core: dict[str, Any]
) -> tuple[tuple[dict[str, float], ...], Deal | None]:
    """Annual reviews from the review date to the last year: confirmation odds and pause costs.

    Each review confirms with probability q (a deal existing); every year unconfirmed costs each
    side its investment-pause cost. At the last review the alternative to confirming is collapse,
    so the deal there is the Nash solution with the outside options as disagreement (the cliff).
    """
    p = sc.params
    q = p["usmca.confirm_probability"] if core["sol"] is not None else 0.0
    first = int(sc.review_date[:4])
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
    rows[-1]["p_terminated"] = unconfirmed
    cliff = pay.nash(core["beta"], pay.outside)
    cliff_deal = (
        None if cliff is None else Deal(dict(zip(DIMENSIONS, map(float, cliff[0]), strict=True)), cliff[1], cliff[2])
    )
    return tuple(rows), cliff_deal


def _tornado(sc: BargainScenario, curve: TradeCurve, start: np.ndarray | None) -> tuple[dict[str, Any], ...]:
    rows = []
    for key, (lo, hi) in sc.ranges.items():
        vals = []
        for v in (lo, hi):
            c = _solve_core(replace(sc, params={**sc.params, key: v}), curve, start)
            tariff = float(c["sol"][0][0]) if c["sol"] is not None else float("nan")
            vals.append((c["leverage"], tariff))
        rows.append(
            {
                "parameter": key,
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


def _monte_carlo(
    sc: BargainScenario, curve: TradeCurve, draws: int, seed: int, start: np.ndarray | None
) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    keys = list(sc.ranges)
    lev, deals, no_deal = [], [], 0
    for _ in range(draws):
        params = dict(sc.params)
        for k in keys:
            lo, hi = sc.ranges[k]
            params[k] = float(rng.triangular(lo, sc.params[k], hi)) if hi > lo else lo
        c = _solve_core(replace(sc, params=params), curve, start)
        if c["sol"] is None:
            no_deal += 1
            continue
        lev.append(c["leverage"])
        deals.append(c["sol"][0])
    out: dict[str, Any] = {"draws": draws, "seed": seed, "p_deal": 1 - no_deal / max(draws, 1)}
    if lev:
        lev_a, deal_a = np.array(lev), np.array(deals)
        out.update(
            leverage_usa_p05=float(np.percentile(lev_a, 5)),
            leverage_usa_p50=float(np.percentile(lev_a, 50)),
            leverage_usa_p95=float(np.percentile(lev_a, 95)),
            p_us_captures_majority=float(np.mean(lev_a > 0.5)),
        )
        for k, name in enumerate(DIMENSIONS):
            out[f"{name}_p05"] = float(np.percentile(deal_a[:, k], 5))
            out[f"{name}_p95"] = float(np.percentile(deal_a[:, k], 95))
        out["p_tariff_above_10pct"] = float(np.mean(deal_a[:, 0] > 0.10))
    return out
