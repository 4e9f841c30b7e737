"""`palanca bargain`: the US–Mexico bargain with engine payoffs (deal, surplus, leverage, uncertainty)."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from palanca.cli._app import app, console
from palanca.cli._storeopts import NoStoreOpt, StoreOpt, save, timed


def run_bargain(*args, **kwargs):
    """`palanca.politics.bargain`, imported when the command runs (it loads scipy.optimize)."""
    from palanca.politics import bargain

    return bargain(*args, **kwargs)


@app.command("bargain")
def bargain(
    scenario: Annotated[
        str, typer.Option("--scenario", "-s", help="Shipped scenario (parameter file with sources).")
    ] = "usmca-review-2026",
    world: Annotated[
        str | None, typer.Option("--world", help="Shipped world for the trade payoffs (default world if omitted).")
    ] = None,
    draws: Annotated[
        int | None, typer.Option("--draws", min=0, help="Monte Carlo draws (the file's if omitted).")
    ] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Monte Carlo seed (the file's if omitted).")] = None,
    fentanyl_from_flows: Annotated[
        bool,
        typer.Option(
            "--fentanyl-from-flows",
            help="Value Mexico's fentanyl enforcement with palanca's drug-market model (deaths averted x VSL).",
        ),
    ] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print the full result as JSON.")] = False,
    store: StoreOpt = None,
    no_store: NoStoreOpt = False,
) -> None:
    """Predict the deal per dimension, each side's surplus, the leverage index and what moves it."""
    if fentanyl_from_flows:
        from palanca.politics import load_bargain_scenario, with_fentanyl_value_from_flows

        scenario_value = with_fentanyl_value_from_flows(load_bargain_scenario(scenario))
    with timed() as timings:
        result = run_bargain(scenario_value if fentanyl_from_flows else scenario, world=world, draws=draws, seed=seed)
    from palanca.store import record_bargain

    params = {"scenario": scenario, "world": world, "draws": draws, "seed": seed}
    save(lambda: record_bargain(result, params, timings), store, no_store, quiet=json_out)
    if json_out:
        typer.echo(json.dumps(result.to_dict(), indent=1, default=float))
        return
    console.print(result.summary(), highlight=False)
    table = Table(title="Tornado: US share of the joint surplus at each parameter's low / high")
    for col in ("parameter", "low", "high", "leverage at low", "leverage at high", "swing"):
        table.add_column(col, justify="left" if col == "parameter" else "right")
    for row in result.tornado[:8]:
        table.add_row(
            str(row["parameter"]),
            f"{row['low']:g}",
            f"{row['high']:g}",
            f"{row['leverage_at_low']:.3f}",
            f"{row['leverage_at_high']:.3f}",
            f"{row['swing']:+.3f}",
        )
    console.print(table)
