"""Published comparators sorted by kind, so each is shown only beside a palanca figure of the same kind.

This module is functional. A comparator (``source``, ``country``, ``measure``, ``value_pct`` or ``value_usd_bn``,
``note``) is one of: a GDP effect in % (beside palanca's real-income change, % of income, a year, long run), a
manufacturing effect in % (beside palanca's manufacturing gross output change), or a dollar figure (beside palanca's
USD a year; flagged when the source's figure is cumulative over several years).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from palanca.report._records import group_output

__all__ = ["comparator_rows", "gdp_pct_comparators", "kind_of", "manufacturing_comparators"]


def kind_of(c: Mapping[str, Any]) -> str:
    """``"manufacturing"``, ``"gdp_pct"``, ``"usd"`` or ``"other"``."""
    measure = str(c.get("measure", "")).lower()
    if "manufactur" in measure and c.get("value_pct") is not None:
        return "manufacturing"
    if c.get("value_pct") is not None and ("gdp" in measure or "income" in measure):
        return "gdp_pct"
    if c.get("value_usd_bn") is not None:
        return "usd"
    return "other"


def _horizon(c: Mapping[str, Any]) -> str:
    note = str(c.get("note", "")).lower()
    if "cumulative" in note:
        return "cumulative over several years (as the source states)"
    if "peak" in note:
        return "peak deviation (dynamic model)"
    if "long-run" in note or "long run" in note:
        return "long run"
    if "by 20" in note:
        return "by the year the source names"
    return "as the source states (see note)"


def gdp_pct_comparators(result: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [c for c in result.get("comparators") or [] if kind_of(c) == "gdp_pct"]


def manufacturing_comparators(result: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [c for c in result.get("comparators") or [] if kind_of(c) == "manufacturing"]


def comparator_rows(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per comparator: the published figure with its unit and horizon, and palanca's of the same kind."""
    countries = {r["country"]: r for r in result.get("countries") or []}
    out = []
    for c in result.get("comparators") or []:
        mine = countries.get(c.get("country"))
        kind = kind_of(c)
        if kind == "usd":
            published = f"{c['value_usd_bn']:+,.0f} USD bn"
        elif c.get("value_pct") is not None:
            published = f"{c['value_pct']:+.1f}%"
        else:
            published = "–"
        if mine is None:
            ours = "country not reported"
        elif kind == "manufacturing":
            v = group_output(result, "manufacturing", c["country"])
            ours = "–" if v is None else f"{v:+.1f}% (manufacturing gross output, long run)"
        elif kind == "usd":
            ours = f"{mine['total_usd_bn']:+,.1f} USD bn a year (real income, all channels, long run)"
            if "cumulative" in str(c.get("note", "")).lower():
                ours += "; not comparable as it stands: the published figure adds up several years"
        else:
            lr, sr = mine["real_income_pct"], mine["short_run_pct"]
            ours = f"{lr:+.2f}% of income a year (long run), {sr:+.2f}% (short run)"
        out.append(
            {
                "country": c.get("country"),
                "published measure": c.get("measure"),
                "published value": published,
                "horizon": _horizon(c),
                "source": c.get("source"),
                "note": c.get("note"),
                "palanca, same kind of measure": ours,
            }
        )
    return out
