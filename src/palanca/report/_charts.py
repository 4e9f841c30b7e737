"""Plotly figures built from stored ``to_dict()`` records (no economics: the numbers are the run's).

Each ``fig_*`` function takes a result record (or part of it) and returns a ``plotly`` figure, or
``None`` when the record lacks what the chart needs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

__all__ = [
    "fig_bargaining_range",
    "fig_bilateral_trade",
    "fig_leverage_comparison",
    "fig_real_income",
    "fig_remittance_states",
    "fig_sector_heatmap",
]

_LAYOUT = {"template": "plotly_white", "margin": {"l": 60, "r": 20, "t": 50, "b": 50}, "height": 420}


def fig_real_income(result: Mapping[str, Any]) -> go.Figure | None:
    """Real-income change by country (%), with the 5–95% band over elasticity draws and the short run."""
    rows = result.get("countries") or []
    if not rows:
        return None
    names = [r["country"] for r in rows]
    central = [r["real_income_pct"] for r in rows]
    fig = go.Figure(
        go.Bar(
            x=names,
            y=central,
            name="long run (central)",
            error_y={
                "type": "data",
                "symmetric": False,
                "array": [r["high_pct"] - r["real_income_pct"] for r in rows],
                "arrayminus": [r["real_income_pct"] - r["low_pct"] for r in rows],
            },
            marker_color=["#b2182b" if v < 0 else "#2166ac" for v in central],
        )
    )
    fig.add_trace(
        go.Scatter(
            x=names, y=[r["short_run_pct"] for r in rows], mode="markers", name="short run", marker_symbol="diamond"
        )
    )
    u = result.get("uncertainty") or {}
    fig.update_layout(
        title=f"Real-income change, % (bands: 5–95% over {u.get('draws', 0)} elasticity draws)",
        yaxis_title="% of real income",
        **_LAYOUT,
    )
    return fig


def fig_leverage_comparison(result: Mapping[str, Any]) -> go.Figure | None:
    """The two sides compared: trade loss and total loss (incl. other channels), % of GDP and USD bn."""
    rows = {r["country"]: r for r in result.get("countries") or []}
    pair = [c for c in result.get("between") or [] if c in rows]
    if len(pair) != 2:
        return None
    fig = go.Figure()
    fig.add_trace(go.Bar(x=pair, y=[rows[c]["real_income_pct"] for c in pair], name="trade, long run (% income)"))
    fig.add_trace(go.Bar(x=pair, y=[rows[c]["short_run_pct"] for c in pair], name="trade, short run (% income)"))
    fig.add_trace(go.Bar(x=pair, y=[rows[c]["total_pct_gdp"] for c in pair], name="all channels (% GDP)"))
    comps = [c for c in result.get("comparators") or [] if c.get("country") in pair and c.get("value_pct") is not None]
    if comps:
        fig.add_trace(
            go.Scatter(
                x=[c["country"] for c in comps],
                y=[c["value_pct"] for c in comps],
                mode="markers",
                marker={"symbol": "x", "size": 11, "color": "black"},
                name="published (comparators)",
                text=[f"{c['source']}: {c['measure']}" for c in comps],
            )
        )
    usd = ", ".join(f"{c} {rows[c]['total_usd_bn']:+,.1f} bn USD" for c in pair)
    ratio = result.get("loss_ratio")
    fig.update_layout(
        title=f"Who loses more? {usd}" + (f" (loss ratio {ratio:.1f}×)" if isinstance(ratio, int | float) else ""),
        barmode="group",
        yaxis_title="%",
        **_LAYOUT,
    )
    return fig


def _sector_cols(result: Mapping[str, Any]) -> list[str]:
    rows = result.get("sectors") or []
    return [k for k in (rows[0] if rows else {}) if "_pct_" in k]


def fig_sector_heatmap(result: Mapping[str, Any]) -> go.Figure | None:
    """Sectoral effects (% change of output and bilateral exports) as a heatmap, sectors × measures."""
    rows = result.get("sectors") or []
    cols = _sector_cols(result)
    if not rows or not cols:
        return None
    z = [[r[c] for c in cols] for r in rows]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[c.replace("_pct_", " % ").replace("_", " ") for c in cols],
            y=[f"{r['sector']} {str(r.get('label', ''))[:28]}" for r in rows],
            colorscale="RdBu",
            zmid=0,
            colorbar={"title": "%"},
        )
    )
    fig.update_layout(title="Sectoral effects, % change", **{**_LAYOUT, "height": max(420, 22 * len(rows))})
    return fig


def fig_bilateral_trade(result: Mapping[str, Any]) -> go.Figure | None:
    """Bilateral exports by sector between the pair, % change, both directions."""
    rows = result.get("sectors") or []
    cols = [c for c in _sector_cols(result) if c.startswith("exports_pct_")]
    if not rows or not cols:
        return None
    fig = go.Figure()
    for c in cols:
        a, _, b = c.removeprefix("exports_pct_").partition("_to_")
        fig.add_trace(go.Bar(y=[r["sector"] for r in rows], x=[r[c] for r in rows], name=f"{a} → {b}", orientation="h"))
    fig.update_layout(
        title="Bilateral trade changes by sector, %",
        barmode="group",
        xaxis_title="% change of exports",
        **{**_LAYOUT, "height": max(420, 26 * len(rows))},
    )
    return fig


def fig_remittance_states(states: Sequence[Mapping[str, Any]], rate: float | None = None) -> go.Figure | None:
    """Remittance-tax incidence by Mexican state: change as % of state GDP (with USD m in the hover)."""
    if not states:
        return None
    rows = sorted(states, key=lambda s: s["change_pct_state_gdp"])
    fig = go.Figure(
        go.Bar(
            x=[s["state"] for s in rows],
            y=[s["change_pct_state_gdp"] for s in rows],
            text=[f"{s['change_usd_m']:,.0f} m USD" for s in rows],
            marker_color="#b2182b",
        )
    )
    title = "Remittance tax: incidence by Mexican state, % of state GDP"
    fig.update_layout(title=title + (f" (tax {rate:.1%})" if rate else ""), yaxis_title="% of state GDP", **_LAYOUT)
    return fig


def fig_bargaining_range(result: Mapping[str, Any]) -> go.Figure | None:
    """The bargaining range in payoff space (% of real income): disagreement, outside options, the deal."""
    dis, out = result.get("disagreement_pct"), result.get("outside_option_pct")
    if not dis or not out:
        return None
    fig = go.Figure()
    pts = [("disagreement (tariff war)", dis["USA"], dis["MEX"]), ("outside options", out["USA"], out["MEX"])]
    for key, label in (("deal", "predicted deal (Nash)"), ("deal_at_2036_cliff", "deal at the 2036 cliff")):
        d = result.get(key)
        if d:
            pts.append((label, d["usa_pct"], d["mex_pct"]))
    for name, x, y in pts:
        fig.add_trace(go.Scatter(x=[x], y=[y], mode="markers+text", text=[name], textposition="top center", name=name))
    fear = result.get("fearon") or {}
    sub = ""
    if "low" in fear and "high" in fear:
        sub = f"; Fearon range of US shares {fear['low']:.2f}–{fear['high']:.2f}"
    fig.update_layout(
        title=f"Bargaining range: US leverage index {result.get('leverage_usa', float('nan')):.2f}{sub}",
        xaxis_title="USA payoff, % real income",
        yaxis_title="MEX payoff, % real income",
        **_LAYOUT,
    )
    return fig
