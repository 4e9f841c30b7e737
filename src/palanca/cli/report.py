"""`palanca report ID [-o report.html] [--pdf]`: a self-contained HTML report of a stored run."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from palanca.cli._app import app, console, dumps_json, err_console
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
    json_out: Annotated[
        bool, typer.Option("--json", help='Print {"run_id", "html", "pdf"} as JSON (pdf: the PDF path or null).')
    ] = False,
) -> None:
    """Charts, tables and sources of a stored run in one HTML file that works offline."""
    path = write_report(run_id, out or Path(f"report-{run_id}.html"), store)
    if not json_out:
        console.print(f"wrote {path}", highlight=False, soft_wrap=True)
    pdf_path = None
    if pdf:
        if find_pdf_engine() is None:
            msg = "no PDF engine found (apt-get install chromium); wrote the HTML only."
            (err_console if json_out else console).print(msg, highlight=False)
        else:
            pdf_path = write_pdf(path, path.with_suffix(".pdf"))
            if not json_out:
                console.print(f"wrote {pdf_path}", highlight=False, soft_wrap=True)
    if json_out:
        out_obj = {"run_id": run_id, "html": str(path), "pdf": None if pdf_path is None else str(pdf_path)}
        typer.echo(dumps_json(out_obj, indent=1, ensure_ascii=False))
