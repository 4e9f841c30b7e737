"""`palanca runs list | show ID | diff ID1 ID2 | export ID | delete ID`: the results store."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from palanca.cli._app import console, dumps_json
from palanca.cli._lazy import lazy
from palanca.cli._storeopts import StoreOpt

delete_run = lazy("palanca.store", "delete_run")
diff_runs = lazy("palanca.store", "diff_runs")
export_run = lazy("palanca.store", "export_run")
get_run = lazy("palanca.store", "get_run")
list_runs = lazy("palanca.store", "list_runs")
resolve_store_path = lazy("palanca.store", "resolve_store_path")

app = typer.Typer(help="Saved runs: list, show, compare, export and delete.", no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


class Format(enum.StrEnum):
    CSV = "csv"
    PARQUET = "parquet"
    JSON = "json"


@app.command("list")
def list_cmd(
    store: StoreOpt = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Only this kind (leverage, scenario, …).")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Show the newest N runs.")] = 50,
    json_out: JsonOpt = False,
) -> None:
    """List saved runs, newest first."""
    runs = list_runs(store, kind=kind, limit=limit)
    if json_out:
        typer.echo(dumps_json([r.to_dict() for r in runs], indent=1))
        return
    cols = ("id", "kind", "label", "created", "world", "seed", "wall s", "converged")
    rows = [
        (
            str(r.run_id),
            r.kind,
            r.label,
            f"{r.created_at:%Y-%m-%d %H:%M:%S}",
            r.world or "-",
            "-" if r.seed is None else str(r.seed),
            "-" if r.wall_s is None else f"{r.wall_s:.2f}",
            "-" if r.converged is None else str(r.converged),
        )
        for r in runs
    ]
    # Ids, kinds and labels are never cut; where the terminal is too narrow for every column, the optional ones
    # go (last first) and the caption says where to see them.
    keep = list(range(len(cols)))
    widths = [max([len(c), *(len(row[k]) for row in rows)]) for k, c in enumerate(cols)]
    while len(keep) > 4 and sum(widths[k] + 3 for k in keep) + 1 > console.width:
        keep.pop()
    dropped = [cols[k] for k in range(len(cols)) if k not in keep]
    caption = f"not shown at this width: {', '.join(dropped)} (widen the terminal or use --json)" if dropped else None
    table = Table(title=f"runs in {resolve_store_path(store)}", caption=caption)
    for k in keep:
        col = cols[k]
        table.add_column(col, justify="right" if col in ("id", "seed", "wall s") else "left", no_wrap=k < 3)
    for row in rows:
        table.add_row(*(row[k] for k in keep))
    console.print(table)


@app.command("show")
def show(
    run_id: Annotated[int, typer.Argument(help="Run id.")], store: StoreOpt = None, json_out: JsonOpt = False
) -> None:
    """A run's inputs, provenance and result tables."""
    run = get_run(run_id, store)
    if json_out:
        typer.echo(dumps_json(run.to_dict(), indent=1, default=str, ensure_ascii=False))
        return
    console.print(run.summary, highlight=False, soft_wrap=True)


@app.command("diff")
def diff(
    a: Annotated[int, typer.Argument(help="First run id.")],
    b: Annotated[int, typer.Argument(help="Second run id.")],
    store: StoreOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """What changed between two runs: inputs, scenario lines and result cells (b − a)."""
    d = diff_runs(a, b, store)
    if json_out:
        typer.echo(dumps_json(d.to_dict(), indent=1, default=str))
        return
    console.print(d.summary, highlight=False, soft_wrap=True)


@app.command("export")
def export(
    run_id: Annotated[int, typer.Argument(help="Run id.")],
    fmt: Annotated[Format, typer.Option("--format", help="csv or parquet (tidy results) or json (everything).")] = (
        Format.JSON
    ),
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output file (default run-ID.FORMAT).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")] = False,
    store: StoreOpt = None,
    json_out: Annotated[bool, typer.Option("--json", help='Print {"run_id", "format", "path"} as JSON.')] = False,
) -> None:
    """Write a run to a file (an existing file is replaced only with --force)."""
    path = export_run(run_id, fmt.value, out or Path(f"run-{run_id}.{fmt.value}"), store, overwrite=force)
    if json_out:
        typer.echo(dumps_json({"run_id": run_id, "format": fmt.value, "path": str(path)}, indent=1, ensure_ascii=False))
        return
    console.print(f"wrote {path}", highlight=False)


@app.command("delete")
def delete(
    run_id: Annotated[int, typer.Argument(help="Run id.")],
    store: StoreOpt = None,
    json_out: Annotated[bool, typer.Option("--json", help='Print {"run_id", "deleted": true} as JSON.')] = False,
) -> None:
    """Delete a run and its results."""
    delete_run(run_id, store)
    if json_out:
        typer.echo(dumps_json({"run_id": run_id, "deleted": True}, indent=1))
        return
    console.print(f"deleted run {run_id}", highlight=False)
