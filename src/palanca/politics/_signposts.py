"""Signposts: the bargain re-run at each dated event, and the backtest of the credibility forecasts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from palanca.data import load_coercion_events
from palanca.errors import ScenarioError
from palanca.politics._bargain import prepare_bargain, solve_bargain
from palanca.politics._bargain_results import finite_or_none
from palanca.politics._bargain_spec import DIMENSIONS, BargainScenario
from palanca.politics._credibility import Backtest, backtest_credibility, parse_as_of

__all__ = ["BargainTimeline", "bargain_backtest", "bargain_timeline"]


@dataclass(frozen=True)
class BargainTimeline:
    """The predicted deal and probabilities after each US–Mexico event (one row per event date)."""

    scenario: str
    world: str
    rows: tuple[dict[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        return finite_or_none({"scenario": self.scenario, "world": self.world, "rows": [dict(r) for r in self.rows]})

    def summary(self) -> str:
        head = (
            f"{'date':10s}  {'event':34s} {'US cred':>7s} {'MX cred':>7s} {'tariff':>6s} {'fent.':>5s} "
            f"{'migr.':>5s} {'lever.':>6s} {'P(conf)':>7s}"
        )
        lines = [f"Bargain timeline: {self.scenario} (world {self.world!r})", head]
        for r in self.rows:
            lines.append(
                f"{r['date']:10s}  {r['event'][:34]:34s} {r['credibility_usa']:7.2f} {r['credibility_mex']:7.2f} "
                f"{r['us_tariff']:6.3f} {r['mex_fentanyl_enforcement']:5.2f} {r['mex_migration_enforcement']:5.2f} "
                f"{r['leverage_usa']:6.3f} {r['p_confirmed_next_review']:7.2f}"
            )
        return "\n".join(lines)


def bargain_timeline(
    scenario: BargainScenario | str = "usmca-review-2026",
    *,
    world: str | None = None,
    until: str | dt.date | None = None,
) -> BargainTimeline:
    """Re-run the bargain as of each date on which a US–Mexico event happened (up to ``until``).

    The engine payoffs are solved once; each row only changes what the event log says (credibility) and
    the review calendar. No tornado or Monte Carlo per row.
    """
    stop = parse_as_of(until)
    events = load_coercion_events()
    dates: dict[dt.date, list[str]] = {}
    for e in events:
        if {e.threatener, e.target} == {"USA", "MEX"} and (stop is None or e.date <= stop):
            dates.setdefault(e.date, []).append(f"{e.episode}: {e.kind}" + (f" {e.outcome}" if e.outcome else ""))
    if not dates:
        raise ScenarioError(
            f"no US–Mexico event in the log up to {stop}; the first is "
            f"{min(e.date for e in events if {e.threatener, e.target} == {'USA', 'MEX'})}."
        )
    rows = []
    name, world_name = "", ""
    for date in sorted(dates):
        inp, curve = prepare_bargain(scenario, world=world, as_of=date)
        res = solve_bargain(inp, curve, draws=0, sensitivity=False)
        name, world_name = res.scenario.name, res.world
        terms = res.deal.terms if res.deal is not None else {}
        rows.append(
            {
                "date": date.isoformat(),
                "event": "; ".join(dates[date]),
                "credibility_usa": inp.credibility_usa.mean,
                "credibility_mex": inp.credibility_mex.mean,
                "leverage_usa": res.leverage_usa,
                "usd_share_usa": res.usd_share_usa,
                "p_confirmed_next_review": res.timeline[0]["p_confirmed_by"] if res.timeline else float("nan"),
                "next_review_year": res.timeline[0]["year"] if res.timeline else None,
                **{k: float(terms.get(k, float("nan"))) for k in DIMENSIONS},
            }
        )
    return BargainTimeline(name, world_name, tuple(rows))


def bargain_backtest(*, as_of: str | dt.date | None = None, base_rate_weight: float = 0.5) -> Backtest:
    """Brier scores of the credibility model's forecast of each past episode vs the pooled base rate."""
    return backtest_credibility(load_coercion_events(), base_rate_weight=base_rate_weight, as_of=parse_as_of(as_of))
