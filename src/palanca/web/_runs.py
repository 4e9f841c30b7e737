"""The dashboard's read endpoints over the store: pages of runs, one run, its CSV, its report, a sweep's grid.

Everything here reads the stored record only; nothing is solved while a run is shown. The report is
rendered by a function handed to `create_app` (the interfaces' layer wires it), so this package does not
import the report package; without one, the run says which CLI command writes it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Path, Query
from fastapi.responses import HTMLResponse, JSONResponse, Response

from palanca.errors import StoreError
from palanca.store import StoredRun, count_runs, get_run, list_runs, list_sweep_points

__all__ = ["REPORT_CSP", "add_read_routes"]

# A report is a stand-alone page with its own inline plotly: it runs sandboxed (an opaque origin, so its
# scripts cannot read the dashboard's token or call the API) and may load nothing from anywhere.
REPORT_CSP = (
    "sandbox allow-scripts allow-downloads allow-popups; default-src 'none'; script-src 'unsafe-inline'; "
    "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'"
)
_SWEEP_ID = r"^[0-9A-Za-z_-]{1,64}$"
_MAX_SWEEP_POINTS = 2000


def _safe_cell(v: Any) -> Any:
    """A text cell that a spreadsheet would read as a formula is written with a leading apostrophe."""
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"-?[\d.eE+-]+", v):
        return "'" + v
    return v


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows([[_safe_cell(c) for c in r] for r in rows])
    return buf.getvalue()


def _attachment(text: str, name: str) -> Response:
    return Response(
        text, media_type="text/csv; charset=utf-8", headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def _tables(run: StoredRun) -> list[str]:
    return list(dict.fromkeys(r[0] for r in run.rows))


def add_read_routes(app: FastAPI, store: Any, report: Callable[[StoredRun], str] | None) -> None:
    """Register ``/api/runs`` (paged, filtered), ``/api/runs/{id}`` and its ``csv``/``report``, ``/api/sweeps/{id}``."""

    @app.get("/api/runs")
    def runs(
        limit: int = Query(50, ge=1, le=1000),
        offset: int = Query(0, ge=0),
        kind: str | None = Query(None, max_length=40),
        q: str | None = Query(None, max_length=120),
    ) -> JSONResponse:
        """Runs newest first; ``q`` keeps labels containing it (any case); ``X-Total-Count`` counts the matches."""
        match = {"kind": kind or None, "label_contains": q or None}
        page = [r.to_dict() for r in list_runs(store, limit=limit, offset=offset, **match)]
        return JSONResponse(page, headers={"X-Total-Count": str(count_runs(store, **match))})

    @app.get("/api/runs/{run_id}")
    def run_detail(run_id: int) -> dict[str, Any]:
        r = get_run(run_id, store)
        return {
            **r.info.to_dict(),
            "params": r.params,
            "result": r.result,
            "scenario_toml": r.scenario_toml,
            "tables": _tables(r),
            "csv_url": f"/api/runs/{run_id}/csv",
            "report_url": f"/api/runs/{run_id}/report" if report is not None else None,
            "report_command": f"palanca report {run_id} -o report-{run_id}.html",
        }

    @app.get("/api/runs/{run_id}/csv")
    def run_csv(run_id: int, table: str | None = Query(None, max_length=80)) -> Response:
        """The stored run's result cells as a long table: ``table, row, column, value, text``."""
        r = get_run(run_id, store)
        rows = [list(c) for c in r.rows if table is None or c[0] == table]
        if table is not None and not rows:
            raise StoreError(f"run {run_id} has no table {table!r}; it has: {', '.join(_tables(r))}.")
        name = f"palanca-run-{run_id}" + (f"-{re.sub(r'[^A-Za-z0-9_-]', '_', table)}" if table else "") + ".csv"
        return _attachment(_csv(["table", "row", "column", "value", "text"], rows), name)

    @app.get("/api/runs/{run_id}/report", response_class=HTMLResponse)
    def run_report(run_id: int) -> Response:
        if report is None:
            raise StoreError(f"this dashboard renders no reports; write it with `palanca report {run_id}`.")
        html = report(get_run(run_id, store))
        return HTMLResponse(html, headers={"Content-Security-Policy": REPORT_CSP})

    def _sweep_points(sweep_id: str) -> list[StoredRun]:
        points = list_sweep_points(sweep_id, store, limit=_MAX_SWEEP_POINTS)
        if not points:
            raise StoreError(f"sweep {sweep_id!r} has no points in the store; `palanca runs list` shows the runs.")
        return points

    @app.get("/api/sweeps/{sweep_id}")
    def sweep(sweep_id: str = Path(pattern=_SWEEP_ID)) -> dict[str, Any]:
        """Every stored point of a sweep: its values and the real-income change per country."""
        pts = _sweep_points(sweep_id)
        first = pts[0]
        return {
            "sweep_id": sweep_id,
            "scenario": first.info.label.split(" [")[0],
            "world": first.info.world,
            "vary": first.params.get("vary", {}),
            "draws": first.params.get("draws"),
            "seed": first.params.get("seed"),
            "sigma": first.params.get("sigma"),
            "csv_url": f"/api/sweeps/{sweep_id}/csv",
            "points": [
                {
                    "run_id": p.run_id,
                    "point": p.result.get("point", {}),
                    "countries": p.result.get("countries", []),
                    "converged": p.info.converged,
                }
                for p in pts
            ],
        }

    @app.get("/api/sweeps/{sweep_id}/csv")
    def sweep_csv(sweep_id: str = Path(pattern=_SWEEP_ID)) -> Response:
        """One line per point and country: the varied values, the central change and its 5-95% band (%)."""
        pts = _sweep_points(sweep_id)
        names = list(pts[0].params.get("vary", {}) or pts[0].result.get("point", {}))
        cols = ["real_income_pct", "low_pct", "median_pct", "high_pct"]
        rows = [
            [p.run_id, *(p.result.get("point", {}).get(n) for n in names), c.get("country"), *(c.get(k) for k in cols)]
            for p in pts
            for c in p.result.get("countries", [])
        ]
        return _attachment(_csv(["run_id", *names, "country", *cols], rows), f"palanca-sweep-{sweep_id}.csv")
