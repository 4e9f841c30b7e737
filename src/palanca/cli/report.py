"""`palanca report ID [-o report.html] [--pdf]`: a self-contained HTML report of a stored run."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from palanca.cli._app import app, console
from palanca.cli._lazy import lazy
from palanca.cli._storeopts import StoreOpt

find_pdf_engine = lazy("palanca.report", "find_pdf_engine")
write_pdf = lazy("palanca.report", "write_pdf")
write_report = lazy("palanca.report", "write_report")


@app.command("report")
def report(
    run_id: Annotated[int, typer.Argument(help="Run id (see `palanca runs list`).")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="HTML file (default report-ID.html).")] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Also print a PDF beside it (needs Debian chromium).")] = False,
    store: StoreOpt = None,
) -> None:
    """Charts, tables and sources of a stored run in one HTML file that works offline."""
    path = write_report(run_id, out or Path(f"report-{run_id}.html"), store)
    console.print(f"wrote {path}", highlight=False, soft_wrap=True)
    if pdf:
        if find_pdf_engine() is None:
            console.print("no PDF engine found (apt-get install chromium); wrote the HTML only.", highlight=False)
            return
        console.print(f"wrote {write_pdf(path, path.with_suffix('.pdf'))}", highlight=False, soft_wrap=True)
