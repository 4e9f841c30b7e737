"""The ``--store PATH`` / ``--no-store`` options every run command shares, and the one save call."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from palanca.cli._app import err_console

__all__ = ["NoStoreOpt", "StoreOpt", "save", "timed"]

StoreOpt = Annotated[
    Path | None,
    typer.Option("--store", help="Results store (DuckDB file); default $PALANCA_STORE or ~/.local/share/palanca."),
]
NoStoreOpt = Annotated[bool, typer.Option("--no-store", help="Do not save this run in the results store.")]


@contextmanager
def timed() -> Iterator[dict[str, float]]:
    """Measure the wall time of the block into ``timings["wall_s"]``."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    try:
        yield timings
    finally:
        timings["wall_s"] = time.perf_counter() - t0


def save(make_record: Callable[[], Any], store: Path | None, no_store: bool, *, quiet: bool = False) -> int | None:
    """Save the record ``make_record()`` builds (unless ``--no-store``) and say where on stderr (unless quiet)."""
    if no_store:
        return None
    from palanca.store import resolve_store_path, save_run

    try:
        record = make_record()
    except Exception as exc:  # a result that cannot be recorded must not hide the result itself
        err_console.print(f"[yellow]warning:[/yellow] run not saved: its record could not be built ({exc})")
        return None
    run_id = save_run(record, store)
    if not quiet:
        err_console.print(f"saved run {run_id} to {resolve_store_path(store)}", highlight=False, soft_wrap=True)
    return run_id
