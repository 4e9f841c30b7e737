"""The words at the top of a report: a three-sentence summary from the stored numbers, how to read it, the methods.

This module is functional: each function takes a stored ``to_dict()`` record and returns plain text. No figure is
computed here beyond picking, sorting and rounding the record's own numbers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["DOCS_URL", "how_to_read", "methods", "summary_sentences"]

DOCS_URL = "https://github.com/palanca/palanca/blob/main/docs/"

_METHODS = {
    "leverage": [("leverage.md", "The leverage report"), ("model.md", "The engine"), ("elasticities.md", "Bands")],
    "remittance_tax": [("flows.md", "Remittances, migration, drugs, firearms")],
    "bargain": [("politics.md", "Bargaining and forecasting")],
}

_HOW = {
    "leverage": [
        "Each figure is a change against the baseline world with the tariffs in force on the scenario's date, "
        "once the economy has adjusted (long run); the short run uses smaller trade elasticities (less room to "
        "switch suppliers).",
        "Negative numbers are losses. Real income is income deflated by the consumer price index, in % of the "
        "country's income and in USD a year at baseline prices.",
        "Bands are the 5–95% range over draws of the trade elasticities; where a band contains zero the effect "
        "cannot be told from zero, and no ratio of losses is given.",
        "Sector panels each have their own colour scale: compare colours within a panel, not across panels.",
        "Published comparators are shown only beside a palanca figure of the same kind, with the unit and horizon.",
    ],
    "remittance_tax": [
        "The change is in the remittances Mexico receives, in USD a year at the stated horizon; negative is a loss.",
        "By state, the loss is shown as % of the state's GDP: the same dollar loss matters more in a poorer state.",
        "The band is the 5–95% range over draws of the parameters listed under Assumptions.",
        "The maps are tile grids: one square per state, placed roughly where the state lies; area means nothing.",
    ],
    "bargain": [
        "Payoffs are changes in real income, % a year, against the status quo; the deal is the Nash bargaining "
        "solution inside the range bounded by each side's disagreement payoff (a tariff war) and outside option.",
        "The US leverage index is unit-free: 0.5 means each side got the same fraction of its best feasible deal; "
        "above 0.5 the US got closer to its best.",
        "Deal terms are levels of each dimension (tariff as a fraction, enforcement and action from 0 to 1).",
        "Parameters marked judgement are the scenario file's assumptions; the tornado shows which matter most.",
    ],
}

_GENERIC_HOW = ["Negative numbers are losses. Tables list the stored run's records as they were saved."]


def _kind(kind: str) -> str:
    return "leverage" if kind in ("leverage", "scenario", "sweep_point") else kind


def methods(kind: str) -> list[tuple[str, str]]:
    """(url, title) of the documentation pages on the run kind's model family."""
    pages = _METHODS.get(_kind(kind), [("index.md", "palanca documentation")])
    return [(DOCS_URL + page, title) for page, title in pages]


def how_to_read(kind: str) -> list[str]:
    return list(_HOW.get(_kind(kind), _GENERIC_HOW))


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.)])\s+(?=[A-Z])", text.strip()) if s.strip()]


def _leverage(r: Mapping[str, Any]) -> list[str]:
    head = r.get("headline") or {}
    parts = _sentences(str(head.get("text") or ""))
    title = r.get("title") or r.get("scenario")
    first = f"Under “{title}”, in the long run {parts[0]}" if parts else f"Scenario {title}."
    verdict = parts[-1] if len(parts) > 1 else ""
    rows = {c["country"]: c for c in r.get("countries") or []}
    pair = [c for c in r.get("between") or [] if c in rows]
    extra = [
        f"{name} ({', '.join(f'{c} {v:+,.2f} USD bn a year' for c, v in by.items())})"
        for name, by in (r.get("other_channels_usd_bn") or {}).items()
    ]
    short = ", ".join(f"{c} {rows[c]['short_run_pct']:+.2f}%" for c in pair)
    third = f"In the short run (less room to adjust) the changes are {short} of income"
    third += f"; channels added to trade: {'; '.join(extra)}" if extra else "; no channel beyond trade is added"
    return [first, verdict, third + "."] if verdict else [first, third + "."]


def _remittance(r: Mapping[str, Any]) -> list[str]:
    nat = r.get("national_change_usd_bn") or {}
    states = sorted(r.get("states") or [], key=lambda s: s["change_pct_state_gdp"])[:3]
    top = ", ".join(f"{s['state']} ({s['change_pct_state_gdp']:+.3f}%)" for s in states)
    rate = float(r.get("rate") or 0.0)
    return [
        f"A US tax of {rate:.1%} on cash-funded remittances to Mexico changes what Mexico receives by "
        f"{nat.get('central', 0.0):+,.3f} USD bn a year ({r.get('horizon')} response; 5–95%: "
        f"{nat.get('low', 0.0):+,.3f} to {nat.get('high', 0.0):+,.3f}), {r.get('national_change_pct', 0.0):+.2f}% of "
        f"the {r.get('baseline_usd_bn', 0.0):,.2f} USD bn received in {r.get('year')}.",
        f"That is {r.get('national_change_pct_gdp', 0.0):+.3f}% of Mexico's GDP (INEGI {r.get('gdp_year')}), while "
        f"the US collects {r.get('us_tax_revenue_usd_bn', 0.0):,.3f} USD bn a year in excise revenue.",
        f"The states that lose most as a share of their GDP are {top}.",
    ]


def _bargain(r: Mapping[str, Any]) -> list[str]:
    deal, dis = r.get("deal") or {}, r.get("disagreement_pct") or {}
    mc = r.get("monte_carlo") or {}
    out = []
    if deal:
        out.append(
            f"The predicted deal (Nash bargaining, scenario {r.get('scenario')}) leaves the USA at "
            f"{deal.get('usa_pct', 0.0):+.3f}% and Mexico at {deal.get('mex_pct', 0.0):+.3f}% of real income a year, "
            f"against {dis.get('USA', 0.0):+.3f}% and {dis.get('MEX', 0.0):+.3f}% in a tariff war."
        )
    else:
        out.append(f"No deal is predicted in scenario {r.get('scenario')}: the bargaining range is empty.")
    band = ""
    if mc.get("leverage_usa_p05") is not None:
        band = f" (5–95% over {mc.get('draws')} draws: {mc['leverage_usa_p05']:.2f} to {mc['leverage_usa_p95']:.2f})"
    lev = r.get("leverage_usa")
    share = r.get("usd_share_usa")
    out.append(
        (f"The US leverage index is {lev:.2f}{band}" if isinstance(lev, int | float) else "No leverage index")
        + (f", and the US takes {share:.0%} of the joint dollar gain." if isinstance(share, int | float) else ".")
    )
    terms = (deal or {}).get("terms") or {}
    if terms:
        said = ", ".join(
            f"{k.replace('_', ' ').replace('us ', 'US ').replace('mex ', 'Mexican ')} "
            + (f"{v:.1%}" if "tariff" in k else f"{v:.2f}")
            for k, v in terms.items()
        )
        p = (
            f"; a deal is reached in {mc['p_deal']:.0%} of the Monte Carlo draws"
            if mc.get("p_deal") is not None
            else ""
        )
        out.append(f"Deal terms: {said}{p}.")
    return out


def summary_sentences(kind: str, result: Mapping[str, Any]) -> list[str]:
    """Up to three sentences that say what the run found, from its stored numbers only."""
    k = _kind(kind)
    if k == "leverage" and result.get("countries"):
        return _leverage(result)
    if k == "remittance_tax" and result.get("states"):
        return _remittance(result)
    if k == "bargain":
        return _bargain(result)
    title = result.get("title") or result.get("label") or kind
    return [f"Stored {kind} run: {title}. Its records are listed below as saved."]
