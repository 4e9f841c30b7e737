"""The CLI's one error handler: documented exit codes, messages verbatim (never rich markup), no traceback,
and a result that could not be saved is printed before the failure is reported."""

from __future__ import annotations

import json
import sys

import pytest
import typer
from typer.testing import CliRunner

from palanca.cli import app
from palanca.cli._app import EXIT_ERROR, EXIT_INTERNAL, EXIT_NEGATIVE, EXIT_USAGE, _PalancaGroup
from palanca.errors import BillOfMaterialsError
from palanca.store import RunRecord, list_runs, save_run

runner = CliRunner()
SCENARIO = """id = "{id}"
title = "t"
date = "2025-02-01"
world = "world2023"
closure = "fixed_deficit"

[[tariffs]]
imposer = "USA"
targets = ["MEX"]
sectors = ["goods"]
rate = 0.25
label = "{label}"
"""


def _toy_app(exc: BaseException) -> typer.Typer:
    toy = typer.Typer(cls=_PalancaGroup, pretty_exceptions_enable=False)

    @toy.command("boom")
    def boom() -> None:
        raise exc

    @toy.command("other")
    def other() -> None:
        pass

    return toy


def test_domain_error_message_keeps_its_brackets_and_exits_1():
    msg = "the [product] table is missing; see [labour] and [[materials]], or [/] and [bold]x"
    res = runner.invoke(_toy_app(BillOfMaterialsError(msg)), ["boom"])
    assert res.exit_code == EXIT_ERROR == 1
    assert f"error: {msg}" in res.output and "Traceback" not in res.output


def test_a_bug_is_one_line_with_exit_70_and_no_traceback():
    res = runner.invoke(_toy_app(TypeError("unsupported operand [x]")), ["boom"])
    assert res.exit_code == EXIT_INTERNAL == 70
    assert "internal error (TypeError: unsupported operand [x]). This is a bug in palanca" in res.output
    assert "Traceback" not in res.output


def test_a_missing_optional_module_names_its_extra():
    exc = ModuleNotFoundError("No module named 'pyfixest'", name="pyfixest")
    res = runner.invoke(_toy_app(exc), ["boom"])
    assert res.exit_code == 1 and "pip install 'palanca[gravity]'" in res.output


def test_serve_without_the_web_extra_shows_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import uvicorn now raises ImportError
    res = runner.invoke(app, ["serve"])
    assert res.exit_code == 1 and "pip install 'palanca[web]'" in res.output


def test_usage_error_is_2():
    res = runner.invoke(app, ["runs", "list", "--no-such-option"])
    assert res.exit_code == EXIT_USAGE == 2
    res = runner.invoke(app, ["runs", "show", "[/]"])
    assert res.exit_code == 2 and "Traceback" not in res.output


def test_a_product_that_does_not_qualify_exits_3():
    assert runner.invoke(app, ["roo", "check", "--example", "sedan-qualifies"]).exit_code == 0
    res = runner.invoke(app, ["roo", "check", "--example", "sedan-fails-lvc"])
    assert res.exit_code == EXIT_NEGATIVE == 3, res.output


def test_labels_with_markup_do_not_break_run_listing(tmp_path):
    store = tmp_path / "s.duckdb"
    label = "a [/] b [bold]c[/bold] [link=x]d"
    save_run(RunRecord(kind="scenario", label=label, params={"scenario": label}, result={"x": 1.0}), store)
    for args in (["runs", "list"], ["runs", "show", "1"]):
        res = runner.invoke(app, [*args, "--store", str(store)], env={"COLUMNS": "400"})
        assert res.exit_code == 0, res.output
        assert label in res.output


def test_scenario_run_with_markup_in_id_and_label_saves_and_exits_0(tmp_path):
    store = tmp_path / "s.duckdb"
    (tmp_path / "x[").mkdir()
    path = tmp_path / "x[" / "]y.toml"  # the path reads ".../x[/]y.toml"
    path.write_text(SCENARIO.format(id="odd[/]id", label="IEEPA [/] 25% [red]"))
    res = runner.invoke(app, ["scenario", "run", str(path), "--store", str(store)])
    assert res.exit_code == 0, res.output
    assert [r.kind for r in list_runs(store)] == ["scenario"]


def test_failed_save_prints_the_result_first_then_the_reason(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    store = blocker / "s.duckdb"
    res = runner.invoke(app, ["remittances", "tax", "--draws", "5", "--store", str(store)])
    assert res.exit_code == 1
    out = res.output
    assert "error: the result above was not saved: store" in out and "a-file" in out
    assert out.index("error: the result above was not saved") > out.index("remittance")
    assert "Traceback" not in out


def test_failed_save_keeps_the_json_result_on_stdout(tmp_path):
    corrupt = tmp_path / "s.duckdb"
    corrupt.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    res = runner.invoke(app, ["remittances", "tax", "--draws", "5", "--json", "--store", str(corrupt)])
    assert res.exit_code == 1
    body = res.output[: res.output.index("error:")]
    assert json.loads(body)  # the whole result came first, as JSON
    assert "an SQLite database, not a palanca results store" in res.output


def test_non_utf8_and_deeply_nested_scenario_files_are_clean_errors(tmp_path):
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(SCENARIO.format(id="x", label="caf\xe9").encode("latin-1"))
    res = runner.invoke(app, ["scenario", "run", str(bad), "--no-store"])
    assert res.exit_code == 1 and f"{bad} is not UTF-8 text (byte b'\\xe9'" in res.output
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    res = runner.invoke(app, ["scenario", "run", str(deep), "--no-store"])
    assert res.exit_code == 1 and "nested too deeply" in res.output and "Traceback" not in res.output


@pytest.mark.parametrize(
    "args",
    [
        ["report", "1", "-o", "{blocker}/r.html"],
        ["runs", "export", "1", "-o", "{blocker}/r.json"],
    ],
)
def test_unwritable_output_paths_are_named(tmp_path, args):
    store = tmp_path / "s.duckdb"
    save_run(RunRecord(kind="leverage", label="x", params={}, result={"x": 1.0}), store)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    res = runner.invoke(app, [a.format(blocker=blocker) for a in args] + ["--store", str(store)])
    assert res.exit_code == 1 and "cannot write" in res.output and str(blocker) in res.output


def test_export_refuses_to_overwrite_without_force(tmp_path):
    store = tmp_path / "s.duckdb"
    save_run(RunRecord(kind="leverage", label="x", params={}, result={"x": 1.0}), store)
    out = tmp_path / "r.json"
    out.write_text("keep")
    res = runner.invoke(app, ["runs", "export", "1", "-o", str(out), "--store", str(store)])
    assert res.exit_code == 1 and "already exists; pass --force" in res.output and out.read_text() == "keep"
    res = runner.invoke(app, ["runs", "export", "1", "-o", str(out), "--force", "--store", str(store)])
    assert res.exit_code == 0 and json.loads(out.read_text())["run_id"] == 1
