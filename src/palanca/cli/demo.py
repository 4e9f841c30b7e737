"""`palanca demo`: the headline analysis on the shipped data (what `make demo` runs)."""

from __future__ import annotations

from typing import Annotated

import typer

from palanca._api import leverage
from palanca.analysis import validate_cp2015
from palanca.cli._app import app, console

HEADLINE = "us-tariff-25-mex"


@app.command("demo")
def demo(
    draws: Annotated[int, typer.Option(min=0, help="Monte Carlo draws over trade elasticities.")] = 200,
) -> None:
    """Run the headline leverage analysis on the shipped data and print the result."""
    check = validate_cp2015()
    console.rule("palanca demo")
    console.print(
        f"Engine check: NAFTA (Caliendo & Parro 2015, Table 2) reproduced within "
        f"{check.max_abs_error_pp():.4f} pp (run `palanca validate cp2015` for the table).",
        highlight=False,
    )
    console.rule(f"Who holds the leverage? Scenario {HEADLINE}")
    result = leverage(HEADLINE, ("USA", "MEX"), draws=draws, seed=0, remittance_tax=0.01)
    console.print(result.summary, highlight=False, soft_wrap=True)
