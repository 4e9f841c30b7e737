"""`palanca demo`: the headline analysis on the shipped data (what `make demo` runs)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from palanca.cli._app import app, console, err_console
from palanca.cli._storeopts import StoreOpt, timed
from palanca.errors import StoreError

HEADLINE = "us-tariff-25-mex"


def _steps() -> Progress:
    """A transient progress display on stderr (a bar where the total is known, else a spinner)."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )


@app.command("demo")
def demo(
    draws: Annotated[int, typer.Option(min=0, help="Monte Carlo draws over trade elasticities.")] = 200,
    report: Annotated[Path, typer.Option("--report", help="Where to write the headline HTML report.")] = Path(
        "palanca-report.html"
    ),
    store: StoreOpt = None,
) -> None:
    """Run the headline leverage analysis on the shipped data and print the result."""
    from palanca._api import leverage, validate_cp2015

    with _steps() as bar:
        task = bar.add_task("engine check (Caliendo-Parro 2015 NAFTA)", total=None)
        check = validate_cp2015()
        bar.remove_task(task)
    console.rule("palanca demo")
    console.print(
        f"Engine check: NAFTA (Caliendo & Parro 2015, Table 2) reproduced within "
        f"{check.max_abs_error_pp():.4f} pp (run `palanca validate cp2015` for the table).",
        highlight=False,
    )
    console.rule(f"Who holds the leverage? Scenario {HEADLINE}, plus a 1% US tax on remittances to Mexico")
    with timed() as timings, _steps() as bar:
        task = bar.add_task("elasticity draws", total=draws or None)
        result = leverage(
            HEADLINE,
            ("USA", "MEX"),
            draws=draws,
            seed=0,
            remittance_tax=0.01,
            progress=lambda done, total: bar.update(task, completed=done),
        )
    console.print(result.summary, highlight=False, soft_wrap=True)
    from palanca.report import write_report
    from palanca.store import record_leverage, save_run

    try:
        run_id = save_run(record_leverage(result, timings), store)
    except StoreError as exc:
        raise StoreError(f"the result above was not saved, so no report was written: {exc}") from None
    with _steps() as bar:
        bar.add_task("writing the report", total=None)
        path = write_report(run_id, report, store)
    console.rule("Report")
    console.print(f"Headline report (run {run_id}): {path.resolve()}", highlight=False, soft_wrap=True)
