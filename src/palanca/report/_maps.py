"""Tile-grid maps of the Mexican and US states (one square per state; layout from `palanca.data.load_state_tiles`).

A tile-grid map needs no geometry, so the report stays self-contained and offline, and small states stay visible.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import plotly.graph_objects as go

from palanca._api import load_state_tiles

__all__ = ["fig_state_tiles"]


def fig_state_tiles(
    country: str,
    values: Mapping[str, float],
    title: str,
    unit: str,
    *,
    hover: Mapping[str, str] | None = None,
    by: str = "name",
) -> go.Figure | None:
    """A tile-grid map of ``values`` (keyed by state ``name`` or ``code``, per ``by``) for ``country``.

    Losses are red, gains blue (a diverging scale centred on zero when both occur); states without a value are
    grey. The tile shows the state's code and value; the hover shows its name, value and ``hover`` text.
    """
    tiles = load_state_tiles(country)
    if not values:
        return None
    n_rows = max(t.row for t in tiles) + 1
    n_cols = max(t.col for t in tiles) + 1
    z: list[list[float | None]] = [[None] * n_cols for _ in range(n_rows)]
    text: list[list[str]] = [[""] * n_cols for _ in range(n_rows)]
    tip: list[list[str]] = [[""] * n_cols for _ in range(n_rows)]
    missing = []
    hover = dict(hover or {})
    for t in tiles:
        key = t.name if by == "name" else t.code
        v = values.get(key)
        if v is None or not math.isfinite(v):
            missing.append(t)
            continue
        z[t.row][t.col] = float(v)
        text[t.row][t.col] = f"<b>{t.code}</b><br>{v:+.3g}"
        extra = hover.get(key, "")
        tip[t.row][t.col] = f"{t.name} ({t.code}): {v:+.4g} {unit}" + (f"<br>{extra}" if extra else "")
    vals = [v for line in z for v in line if v is not None]
    zmax = max((abs(v) for v in vals), default=1.0) or 1.0
    # One-signed values get a one-sided scale (all of it used); mixed signs a diverging scale centred on zero.
    if vals and max(vals) <= 0:
        scale, lo, hi = "Reds_r", -zmax, 0.0
    elif vals and min(vals) >= 0:
        scale, lo, hi = "Blues", 0.0, zmax
    else:
        scale, lo, hi = "RdBu", -zmax, zmax
    fig = go.Figure(
        go.Heatmap(
            z=z,
            text=text,
            customdata=tip,
            texttemplate="%{text}",
            textfont={"size": 11},
            hovertemplate="%{customdata}<extra></extra>",
            colorscale=scale,
            zmin=lo,
            zmax=hi,
            xgap=3,
            ygap=3,
            colorbar={"title": unit},
            hoverongaps=False,
        )
    )
    if missing:
        fig.add_trace(
            go.Scatter(
                x=[t.col for t in missing],
                y=[t.row for t in missing],
                mode="markers+text",
                marker={"symbol": "square", "size": 38, "color": "#e0e0e0"},
                text=[t.code for t in missing],
                hovertext=[f"{t.name}: no value in this run" for t in missing],
                hoverinfo="text",
                showlegend=False,
            )
        )
    fig.update_xaxes(visible=False, range=[-0.5, n_cols - 0.5])
    fig.update_yaxes(visible=False, autorange="reversed", scaleanchor="x", range=[n_rows - 0.5, -0.5])
    fig.update_layout(
        title=title,
        template="plotly_white",
        height=90 + 62 * n_rows,
        margin={"l": 20, "r": 20, "t": 60, "b": 20},
        plot_bgcolor="white",
    )
    return fig
