"""`palanca runs …` and the saving of runs by the run commands (CliRunner; one real engine run)."""

from __future__ import annotations

import json
from pathlib import Path
from unittest import mock

from typer.testing import CliRunner

from palanca.cli import app
from palanca.scenarios import load_scenario, parse_scenario
from palanca.store import get_run, list_runs

runner = CliRunner()


def test_scenario_run_saves_full_input_and_runs_commands_work(tmp_path):
    store = tmp_path / "s.duckdb"
    res = runner.invoke(app, ["scenario", "run", "us-tariff-25-mex", "--store", str(store)])
    assert res.exit_code == 0, res.output
    assert f"saved run 1 to {store}" in res.output
    run = get_run(1, store)
    assert run.kind == "scenario" and run.info.world == "world2023"
    assert parse_scenario(run.scenario_toml) == load_scenario("us-tariff-25-mex")
    assert len(run.world_digest) == 64 and run.solver["converged"] is True
    assert run.timings["wall_s"] > 0
    mex = next(c for c in run.result["countries"] if c["country"] == "MEX")
    assert mex["real_income_pct"] < 0

    res = runner.invoke(app, ["remittances", "tax", "--draws", "50", "--store", str(store)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["runs", "list", "--store", str(store), "--json"])
    assert [r["kind"] for r in json.loads(res.output)] == ["remittance_tax", "scenario"]
    res = runner.invoke(app, ["runs", "show", "1", "--store", str(store)])
    assert res.exit_code == 0 and "us-tariff-25-mex" in res.output and "countries" in res.output
    res = runner.invoke(app, ["runs", "diff", "1", "2", "--store", str(store)])
    assert res.exit_code == 0 and "input kind: 'scenario' → 'remittance_tax'" in res.output
    out = tmp_path / "one.parquet"
    res = runner.invoke(app, ["runs", "export", "1", "--format", "parquet", "-o", str(out), "--store", str(store)])
    assert res.exit_code == 0 and out.stat().st_size > 0
    res = runner.invoke(app, ["runs", "delete", "2", "--store", str(store)])
    assert res.exit_code == 0
    res = runner.invoke(app, ["runs", "show", "2", "--store", str(store)])
    assert res.exit_code == 1 and "run 2 is not in the store" in res.output


def test_no_store_saves_nothing(tmp_path):
    store = tmp_path / "s.duckdb"
    res = runner.invoke(app, ["remittances", "tax", "--draws", "20", "--store", str(store), "--no-store"])
    assert res.exit_code == 0, res.output
    assert list_runs(store) == [] and not store.exists()


def test_export_cli_passes_its_arguments_to_the_api(tmp_path):
    with mock.patch("palanca.cli.runs.export_run", return_value=Path("x.csv")) as api:
        res = runner.invoke(app, ["runs", "export", "5", "--format", "csv", "-o", "x.csv", "--store", "s.duckdb"])
    assert res.exit_code == 0, res.output
    api.assert_called_once_with(5, "csv", Path("x.csv"), Path("s.duckdb"), overwrite=False)
