"""`palanca validate`: reproduce published tables with the engine."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from palanca.cli._app import console, dumps_json
from palanca.cli._lazy import lazy

validate_cp2015 = lazy("palanca._api", "validate_cp2015")

app = typer.Typer(help="Reproduce published results with palanca's engine.", no_args_is_help=True)


@app.command("cp2015")
def cp2015(
    json_out: Annotated[bool, typer.Option("--json", help="Print all 31 regions x 2 cases as JSON records.")] = False,
) -> None:
    """NAFTA (1993 -> 2005 tariffs among CAN, MEX, USA) vs Caliendo & Parro (2015), Table 2."""
    from palanca._api import CP2015_TABLE2, NAFTA

    result = validate_cp2015()
    records = result.records()
    if json_out:
        keys = ("case", "country", "welfare_pct", "tot_pct", "vot_pct", "real_wage_pct")
        typer.echo(dumps_json([{k: r[k] for k in keys} for r in records], indent=1))
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


@app.command("liberation-day")
def liberation_day(
    json_out: Annotated[
        bool, typer.Option("--json", help="Print all 194 economies x 6 cases as JSON records.")
    ] = False,
) -> None:
    """Liberation Day tariffs vs Ignatenko, Lashkaripour, Macedoni & Simonovska (2025, JIE), Table 1 and retaliation."""
    from palanca._api import ILMS2025_COUNTRY_RESULTS, ILMS2025_TABLE1_USA, validate_liberation_day

    result = validate_liberation_day()
    if json_out:
        typer.echo(dumps_json(result.records(), indent=1))
        return
    opt = result.us_optimal_tariff
    table = Table(
        title="Liberation Day tariffs, Ignatenko et al. (2025, JIE) — palanca (published)",
        caption=f"US optimal tariff, closed form at the baseline: {100 * opt['closed_form_expenditure']:.1f}% "
        f"(expenditure weights, Table 1 case 3), {100 * opt['closed_form_income']:.1f}% (income weights; "
        f"paper: 19%). Largest gap to the published figures: {result.max_abs_error_pp():.3f} pp",
    )
    for col in ("case", "country", "welfare %", "deficit %", "employment %", "CPI %"):
        table.add_column(col, justify="right" if "%" in col else "left")
    for case in result.equilibria:
        for country in ("USA", "MEX", "CAN", "CHN"):
            paper = dict(ILMS2025_COUNTRY_RESULTS.get((case, country), {}))
            if country == "USA" and case in ILMS2025_TABLE1_USA:
                paper.setdefault("welfare_pct", ILMS2025_TABLE1_USA[case])

            def cell(key: str, case=case, country=country, paper=paper) -> str:
                mine = f"{result.value(case, country, key):+.2f}"
                return f"{mine} ({paper[key]:+.2f})" if key in paper else mine

            table.add_row(
                case, country, cell("welfare_pct"), cell("deficit_pct"), cell("employment_pct"), cell("prices_pct")
            )
    console.print(table)
