"""`palanca validate`: reproduce published tables with the engine."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from palanca.analysis import CP2015_TABLE2, NAFTA, validate_cp2015
from palanca.cli._app import console

app = typer.Typer(help="Reproduce published results with palanca's engine.", no_args_is_help=True)


@app.command("cp2015")
def cp2015(
    json_out: Annotated[bool, typer.Option("--json", help="Print all 31 regions x 2 cases as JSON records.")] = False,
) -> None:
    """NAFTA (1993 -> 2005 tariffs among CAN, MEX, USA) vs Caliendo & Parro (2015), Table 2."""
    result = validate_cp2015()
    records = result.records()
    if json_out:
        keys = ("case", "country", "welfare_pct", "tot_pct", "vot_pct", "real_wage_pct")
        typer.echo(json.dumps([{k: r[k] for k in keys} for r in records], indent=1))
        return
    table = Table(
        title="NAFTA tariff changes, Caliendo & Parro (2015, ReStud) Table 2 — palanca (paper)",
        caption="welfare = terms of trade + volume of trade (first order, as in the paper); "
        f"largest gap to the paper: {result.max_abs_error_pp():.4f} pp",
    )
    for col in (
        "case",
        "country",
        "welfare %",
        "terms of trade %",
        "volume of trade %",
        "real wage %",
        "exact real income %",
    ):
        table.add_column(col, justify="right" if "%" in col else "left")
    for r in records:
        if r["country"] not in NAFTA:
            continue
        paper = CP2015_TABLE2.get((str(r["case"]), str(r["country"])), {})

        def cell(key: str, r=r, paper=paper) -> str:
            mine = f"{float(r[key]):+.2f}"
            return f"{mine} ({paper[key]:+.2f})" if key in paper else mine

        table.add_row(
            str(r["case"]),
            str(r["country"]),
            cell("welfare_pct"),
            cell("tot_pct"),
            cell("vot_pct"),
            cell("real_wage_pct"),
            f"{float(r['real_income_exact_pct']):+.2f}",
        )
    console.print(table)
