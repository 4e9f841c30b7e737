"""`palanca serve` gives the dashboard the report renderer, so a stored run's report opens from the page."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

from fastapi.testclient import TestClient

from palanca.cli import app
from palanca.store import RunRecord, save_run

runner = CliRunner()


def test_serve_serves_the_report_of_a_stored_run(monkeypatch, tmp_path):
    store = tmp_path / "s.duckdb"
    run_id = save_run(
        RunRecord(kind="remittance_tax", label="a run", params={"rate": 0.01}, result={"rate": 0.01, "states": []}),
        store,
    )
    captured = {}

    def fake_run(dashboard, **kwargs):
        captured["app"] = dashboard

    monkeypatch.setattr("uvicorn.run", fake_run)
    res = runner.invoke(app, ["serve", "--store", str(store)])
    assert res.exit_code == 0, res.output
    client = TestClient(captured["app"], base_url="http://127.0.0.1")
    page = client.get(f"/api/runs/{run_id}/report")
    assert page.status_code == 200 and "<html" in page.text.lower()
