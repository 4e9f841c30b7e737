"""Run a CLI command that stores its run, and read back what it printed and what it stored."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from palanca.cli import app
from palanca.store import get_run, list_runs

runner = CliRunner()


def run_and_read(store, *args: str) -> tuple[dict, object]:
    """``palanca ARGS --json --store STORE``: its JSON output and the one run it stored."""
    res = runner.invoke(app, [*args, "--json", "--store", str(store)])
    assert res.exit_code == 0, res.output
    (row,) = list_runs(store)
    return json.loads(res.stdout), get_run(row.run_id, store)


def plain(d):
    """``d`` as JSON would give it back (tuples as lists, numpy numbers as floats)."""
    return json.loads(json.dumps(d, default=float))
