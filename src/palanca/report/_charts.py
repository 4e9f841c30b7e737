"""Plotly figures built from stored ``to_dict()`` records (no economics: the numbers are the run's).

Each ``fig_*`` function takes a result record (or part of it) and returns a ``plotly`` figure, or ``None`` when the
record lacks what the chart needs. Sectors are shown by name with the code on hover; each measure gets its own panel
and its own colour scale; published comparators appear only beside a palanca figure of the same kind.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from palanca.report._comparators import gdp_pct_comparators, manufacturing_comparators
from palanca.report._records import group_output, sector_table

__all__ = [
    "fig_bargaining_range",
    "fig_bilateral_trade",
    "fig_leverage_comparison",
    "fig_manufacturing_comparison",
    "fig_real_income",
    "fig_remittance_states",
    "fig_sector_panels",
    "sector_name",
]

_LAYOUT = {"template": "plotly_white", "margin": {"l": 60, "r": 20, "t": 60, "b": 50}, "height": 420}
_LOSS, _GAIN = "#b2182b", "#2166ac"


def sector_name(row: Mapping[str, Any], width: int = 42) -> str:
    """A sector's label (shortened to ``width`` characters), else its code."""
    label = str(row.get("label") or row.get("sector") or "")
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


def fig_real_income(result: Mapping[str, Any]) -> go.Figure | None:
    """Real-income change by country (%), with the 5–95% band over elasticity draws and the short run."""
    rows = result.get("countries") or []
    if not rows:
        return None
    u = result.get("uncertainty") or {}
    draws = int(u.get("draws") or 0)
    names = [r["country"] for r in rows]
    central = [r["real_income_pct"] for r in rows]
    bar = go.Bar(
        x=names,
        y=central,
        name="long run (central)",
        marker_color=[_LOSS if v < 0 else _GAIN for v in central],
        hovertemplate="%{x}: %{y:.3f}% of real income<extra>long run</extra>",
    )
    if draws:
        bar.error_y = {
            "type": "data",
            "symmetric": False,
            "array": [max(0.0, r["high_pct"] - r["real_income_pct"]) for r in rows],
            "arrayminus": [max(0.0, r["real_income_pct"] - r["low_pct"]) for r in rows],
        }
    fig = go.Figure(bar)
    fig.add_trace(
        go.Scatter(
            x=names,
            y=[r["short_run_pct"] for r in rows],
            mode="markers",
            name="short run",
            marker={"symbol": "diamond", "size": 10, "color": "#444"},
            hovertemplate="%{x}: %{y:.3f}%<extra>short run</extra>",
        )
    )
    band = f"whiskers: 5–95% over {draws} elasticity draws" if draws else "no draws: central estimate only"
    fig.update_layout(title=f"Real-income change, % of income, a year ({band})", yaxis_title="% of real income")
    fig.update_layout(**_LAYOUT)
    return fig


def fig_leverage_comparison(result: Mapping[str, Any]) -> go.Figure | None:
    """The two sides in % of income or GDP: trade (long and short run), all channels, and GDP-% comparators."""
    rows = {r["country"]: r for r in result.get("countries") or []}
    pair = [c for c in result.get("between") or [] if c in rows]
    if len(pair) != 2:
        return None
    fig = go.Figure()
    fig.add_trace(go.Bar(x=pair, y=[rows[c]["real_income_pct"] for c in pair], name="trade, long run (% of income)"))
    fig.add_trace(go.Bar(x=pair, y=[rows[c]["short_run_pct"] for c in pair], name="trade, short run (% of income)"))
    if any(rows[c].get("other_channels_usd_bn") for c in pair):
        fig.add_trace(go.Bar(x=pair, y=[rows[c]["total_pct_gdp"] for c in pair], name="all channels (% of GDP)"))
    comps = [c for c in gdp_pct_comparators(result) if c["country"] in pair]
    if comps:
        fig.add_trace(
            go.Scatter(
                x=[c["country"] for c in comps],
                y=[c["value_pct"] for c in comps],
                mode="markers",
                marker={"symbol": "x", "size": 12, "color": "black"},
                name="published GDP effect, % (horizon in the table below)",
                text=[f"{c['source']}: {c['note']}" for c in comps],
                hovertemplate="%{y:.1f}% of GDP — %{text}<extra></extra>",
            )
        )
    usd = ", ".join(f"{c} {rows[c]['total_usd_bn']:+,.1f} USD bn a year" for c in pair)
    fig.update_layout(title=f"The two sides, % of income: {usd}", barmode="group", yaxis_title="% of income or GDP")
    fig.update_layout(**_LAYOUT)
    return fig


def fig_manufacturing_comparison(result: Mapping[str, Any]) -> go.Figure | None:
    """Published manufacturing effects beside palanca's manufacturing output change (its own axis, not % of income)."""
    comps = manufacturing_comparators(result)
    manuf = {c["country"]: group_output(result, "manufacturing", c["country"]) for c in comps}
    comps = [c for c in comps if manuf[c["country"]] is not None]
    if not comps:
        return None
    fig = go.Figure()
    countries = list(dict.fromkeys(c["country"] for c in comps))
    fig.add_trace(
        go.Bar(
            x=countries,
            y=[manuf[c] for c in countries],
            name="palanca: manufacturing gross output, % (long run)",
        )
    )
    fig.add_trace(
        go.Bar(
            x=[c["country"] for c in comps],
            y=[c["value_pct"] for c in comps],
            name="published: " + "; ".join(sorted({c["measure"] for c in comps})) + ", %",
            text=[c["source"] for c in comps],
            hovertemplate="%{y:.1f}% — %{text}<extra></extra>",
        )
    )
    fig.update_layout(title="Manufacturing, % change (not % of income)", barmode="group", yaxis_title="% change")
    fig.update_layout(**{**_LAYOUT, "height": 360})
    return fig


def fig_sector_panels(result: Mapping[str, Any]) -> go.Figure | None:
    """Output change (left) and bilateral export change (right) by sector, %, each panel on its own colour scale."""
    rows, measures = sector_table(result)
    out_cols, exp_cols = measures["output"], measures["exports"]
    if not rows or not (out_cols or exp_cols):
        return None
    panels = [(c, t) for c, t in ((out_cols, "gross output, % change"), (exp_cols, "exports, % change")) if c]
    fig = make_subplots(
        rows=1, cols=len(panels), shared_yaxes=True, subplot_titles=[t for _, t in panels], horizontal_spacing=0.14
    )
    names = [sector_name(r) for r in rows]
    codes = [[str(r.get("sector"))] * max(len(out_cols), len(exp_cols)) for r in rows]
    for k, (cols, title) in enumerate(panels, start=1):
        z = [[float(r[c]) for c, _ in cols] for r in rows]
        zmax = max((abs(v) for line in z for v in line), default=1.0) or 1.0
        axis = "coloraxis" if k == 1 else f"coloraxis{k}"
        fig.add_trace(
            go.Heatmap(
                z=z,
                x=[short for _, short in cols],
                y=names,
                coloraxis=axis,
                customdata=[line[: len(cols)] for line in codes],
                text=[[f"{v:+.1f}" for v in line] for line in z],
                texttemplate="%{text}",
                hovertemplate="%{y} (%{customdata})<br>%{x}: %{z:+.2f}%<extra>" + title + "</extra>",
            ),
            row=1,
            col=k,
        )
        fig.layout[axis] = {
            "colorscale": "RdBu",
            "cmin": -zmax,
            "cmax": zmax,
            "colorbar": {"title": "%", "x": (0.43 if k == 1 else 1.0), "len": 0.9},
        }
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(title="Sectoral effects (hover for the sector code)")
    fig.update_layout(**{**_LAYOUT, "height": max(460, 24 * len(rows)), "margin": {"l": 290, "r": 40, "t": 80}})
    return fig


def fig_bilateral_trade(result: Mapping[str, Any]) -> go.Figure | None:
    """Bilateral exports by sector between the pair, % change, both directions (sector names; code on hover)."""
    rows, measures = sector_table(result)
    cols = measures["exports"]
    if not rows or not cols:
        return None
    fig = go.Figure()
    for c, short in cols:
        fig.add_trace(
            go.Bar(
                y=[sector_name(r) for r in rows],
                x=[r[c] for r in rows],
                name=short,
                orientation="h",
                customdata=[r.get("sector") for r in rows],
                hovertemplate="%{y} (%{customdata}): %{x:+.2f}%<extra>" + short + "</extra>",
            )
        )
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(title="Bilateral exports by sector, % change", barmode="group", xaxis_title="% change of exports")
    fig.update_layout(**{**_LAYOUT, "height": max(460, 30 * len(rows)), "margin": {"l": 290, "r": 20, "t": 60}})
    return fig


def fig_remittance_states(states: Sequence[Mapping[str, Any]], rate: float | None = None) -> go.Figure | None:
    """Remittance-tax incidence by Mexican state as a tile-grid map: change as % of state GDP (USD m on hover)."""
    from palanca.report._maps import fig_state_tiles

    if not states:
        return None
    values = {s["state"]: s["change_pct_state_gdp"] for s in states}
    hover = {s["state"]: f"{s['change_usd_m']:+,.1f} USD m a year" for s in states}
    title = "Remittance tax: incidence by Mexican state, % of state GDP" + (f" (tax {rate:.1%})" if rate else "")
    return fig_state_tiles("MEX", values, title, "% of state GDP", hover=hover, by="name")


def fig_remittance_us_states(us_states: Sequence[Mapping[str, Any]]) -> go.Figure | None:
    """Where the lost remittances were sent from: change by US state of origin, USD m a year (tile-grid map)."""
    from palanca.report._maps import fig_state_tiles

    rows = [s for s in us_states if s.get("us_state") not in (None, "XX")]
    if not rows:
        return None
    values = {s["us_state"]: s["change_usd_m"] for s in rows}
    title = "Remittance tax: change by US state of origin, USD m a year"
    return fig_state_tiles("USA", values, title, "USD m", by="code")


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
        fig.add_trace(
            go.Scatter(
                x=[x],
                y=[y],
                mode="markers+text",
                text=[name],
                textposition="top center",
                name=name,
                marker={"size": 12},
                hovertemplate=f"{name}<br>USA %{{x:+.3f}}%, MEX %{{y:+.3f}}%<extra></extra>",
            )
        )
    xs, ys = [p[1] for p in pts], [p[2] for p in pts]
    pad_x, pad_y = 0.25 * (max(xs) - min(xs) or 1.0), 0.15 * (max(ys) - min(ys) or 1.0)
    fig.update_xaxes(range=[min(xs) - pad_x, max(xs) + pad_x])
    fig.update_yaxes(range=[min(ys) - pad_y, max(ys) + pad_y])
    fear = result.get("fearon") or {}
    sub = ""
    if "low" in fear and "high" in fear:
        sub = f"; Fearon range of US shares {fear['low']:.2f}–{fear['high']:.2f}"
    fig.update_layout(
        title=f"Bargaining range: US leverage index {result.get('leverage_usa', float('nan')):.2f}{sub}",
        xaxis_title="USA payoff, % of real income",
        yaxis_title="MEX payoff, % of real income",
    )
    fig.update_layout(**_LAYOUT)
    return fig
