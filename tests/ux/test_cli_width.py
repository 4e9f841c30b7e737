"""At 80 columns the CLI shows whole ids (scenario ids, run labels): they are what the user types next."""

from __future__ import annotations

from typer.testing import CliRunner

from palanca.cli import app
from palanca.scenarios import list_scenarios
from palanca.store import RunRecord, save_run

runner = CliRunner()


def test_scenario_list_shows_every_id_whole_at_80_columns(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    res = runner.invoke(app, ["scenario", "list"], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    assert max(len(line) for line in res.output.splitlines()) <= 80
    assert "…" not in res.output
    for sc in list_scenarios():
        assert sc.id in res.output, sc.id


def test_runs_list_shows_whole_labels_at_80_columns(tmp_path):
    store = tmp_path / "s.duckdb"
    label = "us-tariff-30-mex-retaliation/usmca-exempt"
    save_run(RunRecord(kind="leverage", label=label, params={}, result={}), store)
    res = runner.invoke(app, ["runs", "list", "--store", str(store)], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    assert label in res.output and "…" not in res.output
    assert max(len(line) for line in res.output.splitlines()) <= 80
    assert "not shown at this width" in res.output  # what was left out is said
    wide = runner.invoke(app, ["runs", "list", "--store", str(store)], env={"COLUMNS": "200"})
    assert "converged" in wide.output and "not shown" not in wide.output
