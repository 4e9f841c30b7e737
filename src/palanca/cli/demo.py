"""`palanca demo`: the headline analysis on the shipped data (what `make demo` runs)."""

from __future__ import annotations

from palanca.cli._app import app, console
from palanca.cli.validate import cp2015


@app.command("demo")
def demo() -> None:
    """Run the headline analysis on the shipped data and print the result."""
    console.rule("palanca demo — engine validation: NAFTA in Caliendo & Parro (2015)")
    cp2015(json_out=False)
