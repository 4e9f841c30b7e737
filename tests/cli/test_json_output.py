"""Every command that prints a result has a ``--json`` form whose output parses and has the documented keys;
the commands that solve on a world take ``--world`` as a shipped name or an aggregated world's folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from palanca.cli import app
from palanca.data import GEGRAVITY_SAMPLE

runner = CliRunner()
MOCK = Path(__file__).parents[1] / "politics" / "mock"
HUMAN_ONLY = {"demo", "serve"}
COEF = (
    "lndist=-0.3898623,contiguity=0.891577,common_language=0.0326249,pta=0.4711383,"
    "international=-3.412584,constant=16.32434"
)
LEVERAGE_KEYS = {"scenario", "world", "between", "loss_ratio", "headline", "countries", "inputs"}

# (command, arguments after it ({tmp}: a temporary folder), "dict" or "list", top-level keys (of each record)).
CASES: list[tuple[str, list[str], str, set[str]]] = [
    ("bargain", ["--draws", "0", "--no-store"], "dict", {"deal", "gain_pct", "as_of"}),
    ("bargain timeline", ["--until", "2025-03-01"], "dict", {"rows", "scenario", "world"}),
    ("bargain backtest", [], "dict", {"rows", "brier_model", "brier_base_rate"}),
    ("flows fentanyl", [], "dict", {"levers", "fiscal_year"}),
    ("flows interdiction", [], "dict", {"arcs", "max_flow_before", "max_flow_after"}),
    ("flows migration", [], "dict", {"model", "policy_events"}),
    ("flows firearms", [], "dict", {"us_sourced_share", "seizure_rate"}),
    ("flows seizure-flows", [], "dict", {"years", "purity"}),
    ("flows values", [], "dict", {"fentanyl_enforcement", "firearms_action", "migration_enforcement"}),
    ("forecast deu", [str(MOCK / "deu_small.tsv")], "dict", {"forecasts", "mae", "model", "best_model"}),
    ("forecast cv", [str(MOCK / "deu_small.tsv"), "--folds", "2"], "dict", {"models", "folds", "issues"}),
    ("gravity estimate", [str(GEGRAVITY_SAMPLE)], "dict", {"coefficients", "std_errors", "converged", "nobs"}),
    (
        "gravity solve",
        [str(GEGRAVITY_SAMPLE), "--sigma", "5", "--reference-importer", "DEU", "--coef", COEF, "--no-store"],
        "list",
        set(),
    ),
    ("leverage", ["--draws", "0", "--no-store"], "dict", LEVERAGE_KEYS),
    ("policy timeline", [], "list", {"country", "effective"}),
    ("policy tariffs", [], "dict", {"as_of", "importer", "exporter", "sectors", "trade_weighted"}),
    ("policy etr", ["2025-06-01"], "list", {"as_of", "rate"}),
    ("remittances show", [], "dict", {"rows", "year", "by"}),
    ("remittances tax", ["--no-store"], "dict", {"national_change_usd_bn", "inputs"}),
    ("report", ["1", "-o", "{tmp}/report.html"], "dict", {"run_id", "html", "pdf"}),
    ("roo check", ["--example", "sedan-qualifies", "--as-of", "2026-06-01"], "dict", {"qualifies", "tests"}),
    ("roo rules", [], "list", {"id", "kind", "citation"}),
    ("roo examples", [], "list", set()),
    ("runs list", [], "list", {"run_id", "kind", "label", "created_at"}),
    ("runs show", ["1"], "dict", {"run_id", "kind", "params", "result"}),
    ("runs diff", ["1", "2"], "dict", {"a", "b", "inputs", "cells"}),
    ("runs export", ["1", "-o", "{tmp}/run.json"], "dict", {"run_id", "format", "path"}),
    ("runs delete", ["3"], "dict", {"run_id", "deleted"}),
    ("scenario list", [], "list", {"id", "title", "date", "variants"}),
    ("scenario show", ["us-tariff-25-mex"], "dict", {"id", "title", "tariffs"}),
    ("scenario run", ["us-tariff-25-mex"], "dict", LEVERAGE_KEYS),
    (
        "sweep",
        ["us-tariff-25-mex", "--vary", "us_tariff_mex=0.1,0.2", "--draws", "0", "--executor", "sync"],
        "dict",
        {"sweep_id", "points", "computed", "skipped", "run_ids", "grid"},
    ),
    ("tariff optimal", ["USA", "--target", "MEX"], "dict", {"imposer", "targets", "tariff", "welfare_pct"}),
    ("tariff war", ["--tol", "0.01"], "dict", {"players", "tariffs", "welfare_pct", "converged"}),
    ("validate cp2015", [], "list", {"case", "country", "welfare_pct"}),
    ("validate liberation-day", [], "list", {"case", "country", "welfare_pct"}),
    ("world list", [], "dict", {"worlds", "maps"}),
    ("world show", ["world2023"], "dict", {"name", "economies", "sectors", "digest"}),
    ("world flows", ["world2023", "--origin", "MEX", "--destination", "USA"], "dict", {"value_usd_m"}),
    ("world tariffs", ["world2023", "--importer", "USA", "--exporter", "MEX"], "dict", {"importer", "exporter"}),
    (
        "world aggregate",
        ["world2023", "--regions", "usmca-china", "--sectors", "goods-services"],
        "dict",
        {"name", "economies", "sectors"},
    ),
]


def _commands() -> dict[str, set[str]]:
    """Every command's name (``group sub``) and its option names."""
    root = typer.main.get_command(app)
    ctx = root.make_context("palanca", [], resilient_parsing=True)
    found: dict[str, set[str]] = {}

    def walk(cmd, name: str) -> None:
        opts = {o for p in cmd.params for o in getattr(p, "opts", ())}
        if hasattr(cmd, "commands"):
            if "--json" in opts:  # a group that also runs on its own (`palanca bargain`)
                found[name] = opts
            for sub in cmd.list_commands(ctx):
                walk(cmd.get_command(ctx, sub), f"{name} {sub}".strip())
        else:
            found[name] = opts

    walk(root, "")
    return found


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> dict[str, str]:
    """A store holding three scenario runs (ids 1, 2, 3), as the environment of each invocation."""
    env = {"PALANCA_STORE": str(tmp_path_factory.mktemp("store") / "runs.duckdb")}
    for _ in range(3):
        r = runner.invoke(app, ["scenario", "run", "us-tariff-25-mex"], env=env)
        assert r.exit_code == 0, r.output
    return env


def test_every_result_command_has_json_and_a_case():
    commands = _commands()
    missing = sorted(n for n, opts in commands.items() if n not in HUMAN_ONLY and "--json" not in opts)
    assert not missing, f"commands without --json: {missing}"
    untested = sorted(set(commands) - HUMAN_ONLY - {c for c, *_ in CASES})
    assert not untested, f"commands without a --json case: {untested}"


@pytest.mark.parametrize(("command", "args", "shape", "keys"), CASES, ids=[c for c, *_ in CASES])
def test_json_output(command, args, shape, keys, store, tmp_path):
    argv = [*command.split(), *(a.replace("{tmp}", str(tmp_path)) for a in args), "--json"]
    r = runner.invoke(app, argv, env=store)
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    if shape == "dict":
        assert isinstance(out, dict) and keys <= set(out), sorted(out)
    else:
        assert isinstance(out, list) and out
        if keys:
            assert keys <= set(out[0]), sorted(out[0])


def test_sweep_grid_table_and_records(store):
    argv = ["sweep", "us-tariff-25-mex", "--vary", "us_tariff_mex=0.05,0.15", "--draws", "2", "--executor", "sync"]
    r = runner.invoke(app, [*argv, "--json"], env=store)
    assert r.exit_code == 0, r.output
    grid = json.loads(r.stdout)["grid"]
    assert [g["us_tariff_mex"] for g in grid] == [0.05, 0.15]
    for g in grid:
        assert {"run_id", "USA_real_income_pct", "USA_low_pct", "USA_high_pct", "MEX_real_income_pct"} <= set(g)
        assert g["MEX_low_pct"] <= g["MEX_high_pct"]
    r = runner.invoke(app, argv, env=store)  # resumed: every point is in the store and still printed
    assert r.exit_code == 0, r.output
    assert "2 already in the store" in r.stdout
    assert "us_tariff_mex" in r.stdout and "MEX band" in r.stdout and "0.15" in r.stdout


@pytest.fixture(scope="module")
def aggregated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("world") / "agg"
    r = runner.invoke(app, ["world", "aggregate", "world2023", "--regions", "usmca-china", "--out", str(out)])
    assert r.exit_code == 0, r.output
    return out


AGG_NAME = "world2023:usmca-china"


def test_scenario_run_on_an_aggregated_world(aggregated, store):
    r = runner.invoke(app, ["scenario", "run", "us-tariff-25-mex", "--world", str(aggregated), "--json"], env=store)
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["world"].startswith(AGG_NAME)


def test_tariff_commands_on_an_aggregated_world(aggregated):
    r = runner.invoke(app, ["tariff", "war", "--world", str(aggregated), "--tol", "0.01", "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["players"] == ["USA", "MEX"] and "EU27" in out["welfare_pct"]
    r = runner.invoke(app, ["tariff", "optimal", "USA", "--target", "MEX", "--world", str(aggregated), "--json"])
    assert r.exit_code == 0, r.output
    assert "EU27" in json.loads(r.stdout)["welfare_pct"]


def test_sweep_on_an_aggregated_world(aggregated, store):
    argv = ["sweep", "us-tariff-25-mex", "--vary", "us_tariff_mex=0.1", "--draws", "0", "--executor", "sync"]
    r = runner.invoke(app, [*argv, "--world", str(aggregated), "--json"], env=store)
    assert r.exit_code == 0, r.output
    on_agg = json.loads(r.stdout)
    r = runner.invoke(app, [*argv, "--json"], env=store)
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["sweep_id"] != on_agg["sweep_id"]


def test_world_option_rejects_an_unknown_world(store):
    for argv in (
        ["scenario", "run", "us-tariff-25-mex", "--world", "no-such-world"],
        ["tariff", "war", "--world", "no-such-world"],
        ["sweep", "us-tariff-25-mex", "--vary", "us_tariff_mex=0.1", "--draws", "0", "--world", "no-such-world"],
    ):
        r = runner.invoke(app, argv, env=store)
        assert r.exit_code == 1 and "not shipped" in r.output, (argv, r.output)
