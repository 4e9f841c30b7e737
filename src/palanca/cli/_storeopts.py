"""The ``--store PATH`` / ``--no-store`` options every run command shares, and the one save call.

A save never throws the result away: when the record cannot be built or written (seed out of range,
read-only folder, full disk, damaged or foreign store), `save` does not raise; the failure is reported
after the command has printed its result, as ``error: the result above was not saved: REASON``, and
the command exits 1.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from palanca.cli._app import defer_error, err_console
from palanca.errors import StoreError

__all__ = ["NoStoreOpt", "StoreOpt", "save", "timed", "with_eta"]

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


def _duration(s: float) -> str:
    return f"{s:.0f} s" if s < 120 else f"{s / 60:.0f} min" if s < 7200 else f"{s / 3600:.1f} h"


def with_eta(
    progress: Callable[[int, int], None],
    console: Any,
    *,
    what: str = "draws",
    min_total: int = 1000,
    after_s: float = 2.0,
) -> Callable[[int, int], None]:
    """Wrap a ``progress(done, total)`` callback so that a long run (``total >= min_total``) prints, once, early
    on, how long it will take at the speed measured so far."""
    t0 = time.perf_counter()
    said = False

    def tick(done: int, total: int) -> None:
        nonlocal said
        progress(done, total)
        if said or total < min_total or done <= 0:
            return
        elapsed = time.perf_counter() - t0
        if elapsed >= after_s or done >= 50:
            said = True
            console.print(
                f"{total} {what}: about {_duration(elapsed / done * (total - done))} to go at "
                f"{elapsed / done:.2g} s each (Ctrl-C stops; fewer {what} with --draws).",
                highlight=False,
            )

    return tick


def save(make_record: Callable[[], Any], store: Path | None, no_store: bool, *, quiet: bool = False) -> int | None:
    """Save the record ``make_record()`` builds (unless ``--no-store``) and say where on stderr (unless quiet).

    Returns the run id, or ``None`` when not saved; a failure is reported after the result (see module).
    """
    if no_store:
        return None
    from palanca.store import resolve_store_path, save_run

    try:
        record = make_record()
    except Exception as exc:  # a result that cannot be recorded must not hide the result itself
        defer_error(f"the result above was not saved: its record could not be built ({exc})")
        return None
    try:
        run_id = save_run(record, store)
    except StoreError as exc:
        defer_error(f"the result above was not saved: {exc}")
        return None
    except Exception as exc:  # an unexpected failure must not hide the result either
        defer_error(f"the result above was not saved: {type(exc).__name__}: {exc}")
        return None
    if not quiet:
        err_console.print(f"saved run {run_id} to {resolve_store_path(store)}", highlight=False, soft_wrap=True)
    return run_id
