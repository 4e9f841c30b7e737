"""The read endpoints behind the views: pages of runs, CSV of a run's cells, the sandboxed report, a sweep's grid."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from palanca.store import RunRecord, save_run
from palanca.web import create_app
from palanca.web._guard import CSP
from palanca.web._page import PAGE_JS
from palanca.web._runs import REPORT_CSP
from palanca.web._views import VIEWS_JS


def _record(label: str, kind: str = "scenario", **result) -> RunRecord:
    return RunRecord(kind=kind, label=label, params={}, result=result or {"x": 1.0})


@pytest.fixture()
def store(tmp_path):
    path = tmp_path / "s.duckdb"
    for k in range(12):
        save_run(_record(f"alpha {k}" if k % 2 else f"Beta {k}"), path)
    save_run(_record('=HYPERLINK("x")', countries=[{"country": "MEX", "note": "=1+1", "v": -0.5}]), path)
    return path


def _client(store, **kw) -> TestClient:
    return TestClient(create_app(store, **kw), raise_server_exceptions=False, base_url="http://127.0.0.1")


def test_runs_are_paged_and_filtered_by_label_and_kind(store):
    c = _client(store)
    page = c.get("/api/runs", params={"limit": 5, "offset": 5})
    assert page.status_code == 200 and page.headers["x-total-count"] == "13"
    assert [r["run_id"] for r in page.json()] == [8, 7, 6, 5, 4]
    beta = c.get("/api/runs", params={"q": "BETA"})
    assert beta.headers["x-total-count"] == "6" and all("Beta" in r["label"] for r in beta.json())
    assert c.get("/api/runs", params={"kind": "bargain"}).json() == []
    assert c.get("/api/runs", params={"q": "%"}).headers["x-total-count"] == "0"  # taken as text, not a pattern
    past = c.get("/api/runs", params={"q": "alpha", "offset": 40})
    assert past.json() == [] and past.headers["x-total-count"] == "6"
    assert c.get("/api/runs", params={"offset": -1}).status_code == 422


def test_csv_is_the_stored_cells_with_formulas_defused(store):
    c = _client(store)
    r = c.get("/api/runs/13/csv", params={"table": "countries"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"] == 'attachment; filename="palanca-run-13-countries.csv"'
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == ["table", "row", "column", "value", "text"]
    assert ["countries", "MEX", "note", "", "'=1+1"] in rows and ["countries", "MEX", "v", "-0.5", ""] in rows
    missing = c.get("/api/runs/13/csv", params={"table": "nope"})
    assert missing.status_code == 400 and "has no table 'nope'" in missing.json()["error"]


def test_the_report_is_served_sandboxed_only_when_a_renderer_is_given(store):
    plain = _client(store)
    d = plain.get("/api/runs/3").json()
    assert d["report_url"] is None and d["report_command"] == "palanca report 3 -o report-3.html"
    assert "palanca report 3" in plain.get("/api/runs/3/report").json()["error"]

    seen = []

    def render(run):
        seen.append(run.run_id)
        return "<html><body><script>1</script>run</body></html>"

    c = _client(store, report=render)
    assert c.get("/api/runs/3").json()["report_url"] == "/api/runs/3/report"
    r = c.get("/api/runs/3/report")
    assert r.status_code == 200 and seen == [3] and r.text.endswith("run</body></html>")
    assert r.headers.get_list("content-security-policy") == [REPORT_CSP]  # its own policy, not the page's too
    assert REPORT_CSP.startswith("sandbox allow-scripts") and "allow-same-origin" not in REPORT_CSP
    assert c.get("/api/runs/3").headers.get_list("content-security-policy") == [CSP]


def test_sweep_ids_are_checked(store):
    c = _client(store)
    assert c.get("/api/sweeps/a;b").status_code == 422
    r = c.get("/api/sweeps/0123abcd")
    assert r.status_code == 400 and "has no points" in r.json()["error"]


def test_the_scripts_never_parse_strings_as_html():
    for js in (PAGE_JS, VIEWS_JS):
        assert "innerHTML" not in js and "outerHTML" not in js and "insertAdjacentHTML" not in js
        assert "document.write" not in js and "eval(" not in js
