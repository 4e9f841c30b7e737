"""Cells and tables of a report: numbers to at most 4 significant digits, readable column names, no raw JSON.

This module is functional: every function takes plain values from a stored ``to_dict()`` record and returns HTML text.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["fmt", "kv_table", "label_for", "table"]

# Column and key names of the stored records, said in words (unit last, after a comma).
_LABELS = {
    "country": "country",
    "real_income_pct": "real income, % (long run)",
    "real_income_usd_bn": "real income, USD bn a year",
    "real_income_usd_per_capita": "real income, USD per person a year",
    "low_pct": "5% band, %",
    "high_pct": "95% band, %",
    "median_pct": "median over draws, %",
    "short_run_pct": "real income, % (short run)",
    "gdp_usd_bn": "GDP, USD bn",
    "other_channels_usd_bn": "other channels, USD bn a year",
    "total_usd_bn": "all channels, USD bn a year",
    "total_pct_gdp": "all channels, % of GDP",
    "state": "Mexican state",
    "us_state": "US state",
    "name": "name",
    "change_usd_m": "change, USD m a year",
    "change_pct_flows": "change, % of remittances received",
    "change_pct_state_gdp": "change, % of state GDP",
    "exposure_weight": "exposure weight w",
    "change_usd_m_low": "5% band, USD m",
    "change_usd_m_high": "95% band, USD m",
    "export_share_a_to_b": "share of {a}'s goods exports going to {b}",
    "export_share_b_to_a": "share of {b}'s goods exports going to {a}",
    "import_share_a_from_b": "share of {a}'s goods imports coming from {b}",
    "import_share_b_from_a": "share of {b}'s goods imports coming from {a}",
    "hhi_exports_a": "concentration of {a}'s exports by partner (HHI, 0-1)",
    "hhi_exports_b": "concentration of {b}'s exports by partner (HHI, 0-1)",
    "trade_gdp_a": "{a}'s goods trade, share of GDP",
    "trade_gdp_b": "{b}'s goods trade, share of GDP",
    "bilateral_goods_trade_usd_bn": "bilateral goods trade, USD bn",
    "salience": "salience (bilateral trade's weight in both economies, 0-1)",
    "symmetry": "symmetry (0: one-sided, 0.5: symmetric)",
    "gross_exports_usd_bn": "gross exports, USD bn",
    "domestic_share": "domestic value-added share",
    "foreign_share": "foreign value-added share",
    "year": "year",
}


def label_for(key: str, **names: str) -> str:
    """The words for a record key (``{a}``/``{b}`` filled from ``names``); unknown keys lose their underscores."""
    text = _LABELS.get(key)
    if text is None:
        text = key.replace("_usd_bn", ", USD bn").replace("_pct", ", %").replace("_", " ")
    try:
        return text.format(**names)
    except (KeyError, IndexError):
        return text


def fmt(v: Any, key: str = "") -> str:
    """One table cell as text: numbers to at most 4 significant digits, years without a thousands separator."""
    if v is None:
        return "–"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int):
        return str(v) if "year" in key or abs(v) < 10_000 else f"{v:,}"
    if isinstance(v, float):
        if not math.isfinite(v):
            return str(v)
        if v == 0:
            return "0"
        if abs(v) >= 1e4:
            return f"{round(v, 3 - math.floor(math.log10(abs(v)))):,.0f}"
        if abs(v) < 1e-6:
            return f"{v:.3e}"
        digits = max(0, 3 - math.floor(math.log10(abs(v))))
        text = f"{v:,.{digits}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(v, Mapping):
        return "; ".join(f"{label_for(str(k))} {fmt(x, str(k))}" for k, x in v.items() if not isinstance(x, Mapping))
    if isinstance(v, list | tuple):
        return ", ".join(fmt(x, key) for x in v[:12]) + (" …" if len(v) > 12 else "")
    return str(v)


def _cell(v: Any, key: str, title: str | None = None) -> str:
    num = isinstance(v, int | float) and not isinstance(v, bool)
    attr = " class='n'" if num else ""
    if title:
        attr += f" title='{html.escape(title, quote=True)}'"
    return f"<td{attr}>{html.escape(fmt(v, key))}</td>"


def table(
    rows: Sequence[Mapping[str, Any]],
    caption: str = "",
    columns: Sequence[str] | None = None,
    names: Mapping[str, str] | None = None,
    hover: Mapping[str, str] | None = None,
) -> str:
    """An HTML table of ``rows`` (dicts); ``columns`` picks and orders keys; nested values become text, not JSON.

    ``hover`` maps a column to another key whose value is shown on hover over that column's cells (e.g. the sector
    code behind a sector name).
    """
    if not rows:
        return ""
    cols = list(columns) if columns else list(dict.fromkeys(k for r in rows for k in r))
    names = dict(names or {})
    hover = dict(hover or {})
    head = "".join(f"<th>{html.escape(label_for(c, **names))}</th>" for c in cols)
    body = "".join(
        "<tr>" + "".join(_cell(r.get(c), c, str(r.get(hover[c])) if c in hover else None) for c in cols) + "</tr>"
        for r in rows
    )
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def kv_table(d: Mapping[str, Any], caption: str = "", names: Mapping[str, str] | None = None) -> str:
    """A two-column table (what, value) of a flat record; nested records are flattened one level with a prefix."""
    rows = []
    names = dict(names or {})
    for k, v in d.items():
        if isinstance(v, Mapping) and all(not isinstance(x, Mapping | list) for x in v.values()):
            rows += [
                {"what": f"{label_for(k, **names)}: {label_for(str(k2), **names)}", "value": x} for k2, x in v.items()
            ]
        elif not isinstance(v, Mapping):
            rows.append({"what": label_for(k, **names), "value": v})
    if not rows:
        return ""
    body = "".join(f"<tr><td>{html.escape(r['what'])}</td>{_cell(r['value'], r['what'])}</tr>" for r in rows)
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr><th>what</th><th>value</th></tr></thead><tbody>{body}</tbody></table>"
