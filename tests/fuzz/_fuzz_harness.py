"""Run the CLI in-process and classify what came back: the documented exit codes, tracebacks, stored runs."""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from palanca.cli import app

__all__ = ["DOCUMENTED_EXIT_CODES", "Outcome", "invoke", "stored_run_count"]

DOCUMENTED_EXIT_CODES = frozenset({0, 1, 2, 3})


@dataclass(frozen=True)
class Outcome:
    """One CLI invocation: exit code, stdout+stderr, and whether an exception escaped the CLI."""

    rc: int
    output: str
    escaped: str | None  # the traceback of an exception the CLI did not turn into a message

    @property
    def traceback(self) -> bool:
        return self.escaped is not None or "Traceback (most recent call last)" in self.output

    @property
    def clean(self) -> bool:
        return self.rc in DOCUMENTED_EXIT_CODES and not self.traceback


def invoke(args: Sequence[str], *, cwd: Path | None = None) -> Outcome:
    """``palanca ARGS`` in this process (stdin empty), with stdout and stderr together."""
    runner = CliRunner()
    res = runner.invoke(app, [str(a) for a in args], catch_exceptions=True)
    escaped = None
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        escaped = "".join(traceback.format_exception(res.exception))
    return Outcome(res.exit_code, res.output, escaped)


def stored_run_count(store: Path) -> int:
    """Runs in ``store`` (0 where the file does not exist)."""
    from palanca.store import list_runs

    return len(list_runs(store)) if store.exists() else 0
