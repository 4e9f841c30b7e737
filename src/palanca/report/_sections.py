"""The body of a report for each run kind, built only from the stored record (nothing is re-run while rendering).

Each ``*_sections`` function takes a `StoredRun` and returns (HTML sections, sources cited).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from palanca.report import _charts as ch
from palanca.report._comparators import comparator_rows
from palanca.report._format import kv_table, table
from palanca.report._records import group_table, sector_table
from palanca.store import StoredRun

__all__ = ["bargain_sections", "generic_sections", "leverage_sections", "remittance_sections"]

_BANXICO = "Banxico, remittance income by Mexican state and by US state of origin (quarterly series)"


def _fig(fig: go.Figure | None) -> str:
    if fig is None:
        return ""
    return fig.to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False, "responsive": True})


def _h2(text: str) -> str:
    return f"<h2>{html.escape(text)}</h2>"


def _p(text: str) -> str:
    return f"<p class='note'>{html.escape(text)}</p>"


def _remittance_sources(rem: Mapping[str, Any]) -> list[str]:
    out = [_BANXICO]
    bench = rem.get("benchmark")
    if isinstance(bench, Mapping) and bench.get("source"):
        out.append(str(bench["source"]))
    return out


def _remittance_maps(rem: Mapping[str, Any]) -> list[str]:
    return [
        _fig(ch.fig_remittance_states(rem.get("states") or [], rem.get("rate"))),
        _fig(ch.fig_remittance_us_states(rem.get("us_states") or [])),
    ]


def leverage_sections(run: StoredRun) -> tuple[list[str], list[str]]:
    r = run.result
    between = list(r.get("between") or [])
    names = {"a": between[0], "b": between[1]} if len(between) == 2 else {}
    country_cols = [
        "country", "real_income_pct", "low_pct", "high_pct", "short_run_pct", "real_income_usd_bn",
        "real_income_usd_per_capita", "other_channels_usd_bn", "total_usd_bn", "total_pct_gdp", "gdp_usd_bn",
    ]  # fmt: skip
    out = [
        _h2("Real income by country") + _fig(ch.fig_real_income(r)),
        table(r.get("countries") or [], "Real-income change by country, a year", country_cols),
        _h2("The two sides") + _fig(ch.fig_leverage_comparison(r)),
        _h2("Sectoral effects") + _fig(ch.fig_sector_panels(r)),
        _h2("Bilateral trade by sector") + _fig(ch.fig_bilateral_trade(r)),
    ]
    rows, measures = sector_table(r)
    sectors = [{"sector name": s.get("label") or s.get("sector"), **s} for s in rows]
    cols = ["sector name", *[c for m in ("output", "exports", "exports_usd_bn") for c, _ in measures[m]]]
    out.append(table(sectors, "By sector (hover a name for its code)", cols, hover={"sector name": "sector"}))
    out.append(table(group_table(r), "Gross output by sector group, % change"))
    dependence = {k: v for k, v in (r.get("dependence") or {}).items() if k not in ("a", "b")}  # named in the rows
    out.append(_h2("Dependence (baseline trade)") + kv_table(dependence, names=names))
    share = r.get("us_auto_inputs_from_mex_share")
    if isinstance(share, int | float):
        out.append(_p(f"Share of US motor-vehicle intermediate inputs bought from Mexico: {share:.1%}."))
    va_parts = [
        kv_table(
            {
                k: v
                for k, v in va.items()
                if k not in ("method", "comparator", "label", "scope", "exporter", "importer")
            },
            str(va.get("label", "")),
        )
        for key in ("value_added", "value_added_goods_and_services", "value_added_manufacturing_to_world")
        if isinstance(va := r.get(key), Mapping)
    ]
    if va_parts:
        method = next((r[k].get("method") for k in ("value_added",) if isinstance(r.get(k), Mapping)), None)
        out.append(
            _h2("Value-added origin of exports") + "".join(va_parts) + (_p(f"Method: {method}.") if method else "")
        )
    by_set = ((r.get("uncertainty") or {}).get("real_income_pct_by_elasticity_set")) or {}
    if by_set:
        rows = [{"elasticity set": k, **{f"{c}, %": v for c, v in d.items()}} for k, d in by_set.items()]
        out.append(table(rows, "Real-income change under each published elasticity set, % (no noise)"))
    sources = list(r.get("sources") or [])
    details = r.get("other_channels_detail") or {}
    for name, rem in details.items():
        if isinstance(rem, Mapping) and rem.get("states"):
            out.append(_h2(f"Channel: {name}, by state") + "".join(_remittance_maps(rem)))
            sources += _remittance_sources(rem)
    if run.params.get("remittance_tax") and not details:
        out.append(
            _p("This run added a remittance tax but was stored without its by-state detail; re-run it to map it.")
        )
    if r.get("comparators"):
        out.append(_h2("Published comparators, each beside palanca's figure of the same kind"))
        out.append(table(comparator_rows(r)))
        out.append(_fig(ch.fig_manufacturing_comparison(r)))
        sources += sorted({c["source"] for c in r["comparators"]})
    return out, sources


def remittance_sections(run: StoredRun) -> tuple[list[str], list[str]]:
    r = run.result
    nat = r.get("national_change_usd_bn") or {}
    national = {
        "rate": r.get("rate"),
        "horizon": r.get("horizon"),
        "remittances received, USD bn": r.get("baseline_usd_bn"),
        "of which from the US, USD bn": r.get("baseline_from_us_usd_bn"),
        "change, USD bn a year (central)": nat.get("central"),
        "change, USD bn a year (5%)": nat.get("low"),
        "change, USD bn a year (95%)": nat.get("high"),
        "change, % of remittances": r.get("national_change_pct"),
        "change, % of Mexico's GDP": r.get("national_change_pct_gdp"),
        "US excise revenue, USD bn a year": r.get("us_tax_revenue_usd_bn"),
        "baseline year": r.get("year"),
        "GDP year": r.get("gdp_year"),
        "draws": r.get("draws"),
        "seed": r.get("seed"),
    }
    bench = {k: v for k, v in (r.get("benchmark") or {}).items() if k != "source"}
    params = [{"parameter": k, "value": v} for k, v in (r.get("parameters") or {}).items()]
    params += [{"parameter": f"{k} (drawn)", "value": f"{lo:g} to {hi:g}"} for k, (lo, hi) in
               (r.get("uncertain_parameters") or {}).items()]  # fmt: skip
    us = sorted(r.get("us_states") or [], key=lambda s: s["change_usd_m"])
    out = [
        _h2("Incidence by state") + "".join(_remittance_maps(r)),
        _h2("National effect") + kv_table(national),
        table(r.get("states") or [], "By Mexican state, most exposed first"),
        table(us[:20], "By US state of origin, 20 largest changes (XX: not allocated by Banxico)"),
        _h2("Benchmark: BBVA Research's 5% estimate") + kv_table(bench),
        _h2("Assumptions") + table(params),
        "".join(_p(n) for n in r.get("notes") or []),
    ]
    if isinstance(r.get("hindcast_2026"), Mapping):
        out.append(_h2("Hindcast: 2026 flows against the counterfactual") + kv_table(r["hindcast_2026"]))
    return out, _remittance_sources(r)


def bargain_sections(run: StoredRun) -> tuple[list[str], list[str]]:
    r = run.result
    out = [_h2("Bargaining range") + _fig(ch.fig_bargaining_range(r))]
    if r.get("leverage_meaning"):
        out.append(_p(str(r["leverage_meaning"])))
    if r.get("deal"):
        terms = [{"dimension": k.replace("_", " "), "deal": v} for k, v in r["deal"]["terms"].items()]
        cliff = (r.get("deal_at_2036_cliff") or {}).get("terms") or {}
        for row, k in zip(terms, r["deal"]["terms"], strict=True):
            row["deal at the 2036 cliff"] = cliff.get(k)
        out.append(table(terms, "Predicted deal terms"))
    gains = [
        {"country": c, "gain, % of income": (r.get("gain_pct") or {}).get(c),
         "gain, USD bn a year": (r.get("gain_usd_bn") or {}).get(c),
         "best feasible gain, %": (r.get("ideal_gain_pct") or {}).get(c),
         "disagreement, %": (r.get("disagreement_pct") or {}).get(c),
         "outside option, %": (r.get("outside_option_pct") or {}).get(c)}
        for c in ("USA", "MEX")
    ]  # fmt: skip
    out.append(_h2("Gains over disagreement") + table(gains))
    cred = [{"threat": k.replace("_", " "), **{x: y for x, y in v.items() if not isinstance(y, list)}}
            for k, v in (r.get("credibility") or {}).items()]  # fmt: skip
    if cred:
        cols = ["threat", "threatener", "target", "credibility", "credibility_p05", "credibility_p95",
                "execution_rate_mean", "legal_durability_mean", "episodes_against_target",
                "episodes_against_others"]  # fmt: skip
        out.append(_h2("Credibility of threats") + table(cred, columns=cols))
    for key, title in (("threat_point", "Threat point"), ("fearon", "Fearon range"), ("rubinstein", "Rubinstein"),
                       ("monte_carlo", "Monte Carlo")):  # fmt: skip
        if r.get(key):
            out.append(_h2(title) + kv_table(r[key]))
    inputs = [{"parameter": k, **v} for k, v in (r.get("inputs") or {}).items() if isinstance(v, Mapping)]
    if inputs:
        out.append(_h2("Inputs") + table(inputs, columns=["parameter", "value", "range", "basis"]))
    out.append(table(r.get("usmca_timeline") or [], "USMCA review timeline"))
    out.append(table(r.get("tornado") or [], "Tornado: what moves the US leverage index"))
    return out, ["palanca politics: shipped scenario " + str(r.get("scenario")) + " (its parameter file cites sources)"]


def generic_sections(run: StoredRun) -> tuple[list[str], list[str]]:
    out = []
    for name, v in run.result.items():
        if isinstance(v, list) and v and isinstance(v[0], Mapping):
            out.append(_h2(name.replace("_", " ")) + table(v[:200]))
    flat = {k: v for k, v in run.result.items() if not isinstance(v, list | Mapping)}
    if flat:
        out.insert(0, kv_table(flat))
    return out, []
