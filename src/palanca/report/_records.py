"""Read the structured records of a stored leverage run into the tables and panels the report shows.

A leverage run stores one record per sector and country (``{"sector", "label", "country", "partner",
"output_pct", "export_pct", "exports_usd_bn"}``) and one per sector group and country (``{"group", "country",
"output_pct"}``). These helpers lay them out wide for display; column names are built from the fields and
never parsed back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["group_output", "group_table", "sector_table"]


def sector_table(result: Mapping[str, Any]) -> tuple[list[dict[str, Any]], dict[str, list[tuple[str, str]]]]:
    """One row per sector (``sector``, ``label``, then a column per measure and country) and the measure columns.

    The second value maps ``"output"``, ``"exports"`` and ``"exports_usd_bn"`` to ``(column, short name)``
    pairs, the short name being the country (``MEX``) or the direction (``MEX → USA``).
    """
    rows: dict[str, dict[str, Any]] = {}
    cols: dict[str, list[tuple[str, str]]] = {"output": [], "exports": [], "exports_usd_bn": []}
    for r in result.get("sectors") or []:
        if not isinstance(r, Mapping) or "country" not in r:
            continue
        row = rows.setdefault(str(r["sector"]), {"sector": r["sector"], "label": r.get("label")})
        c, way = str(r["country"]), f"{r['country']} → {r['partner']}"
        for measure, col, short, value in (
            ("output", f"gross output, % {c}", c, r.get("output_pct")),
            ("exports", f"exports, % {way}", way, r.get("export_pct")),
            ("exports_usd_bn", f"baseline exports, USD bn {way}", way, r.get("exports_usd_bn")),
        ):
            row[col] = value
            if (col, short) not in cols[measure]:
                cols[measure].append((col, short))
    return list(rows.values()), cols


def group_output(result: Mapping[str, Any], group: str, country: str) -> float | None:
    """Gross-output change (%) of a sector group in a country, None where the run has none."""
    for g in result.get("groups") or []:
        if isinstance(g, Mapping) and g.get("group") == group and g.get("country") == country:
            return float(g["output_pct"])
    return None


def group_table(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per sector group (``sector group``, then one column per country: % change of gross output)."""
    rows: dict[str, dict[str, Any]] = {}
    for g in result.get("groups") or []:
        if isinstance(g, Mapping) and "group" in g:
            name = str(g["group"])
            rows.setdefault(name, {"sector group": name.replace("_", " ")})[str(g["country"])] = g["output_pct"]
    return list(rows.values())
