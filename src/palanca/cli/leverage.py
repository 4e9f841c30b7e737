"""`palanca leverage`: the headline report — who loses what, with uncertainty."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

from palanca.cli._app import app, console, dumps_json, err_console
from palanca.cli._lazy import lazy
from palanca.cli._storeopts import NoStoreOpt, StoreOpt, save, timed, with_eta

api_leverage = lazy("palanca._api", "leverage")
record_leverage = lazy("palanca.store", "record_leverage")


@app.command("leverage")
def leverage_cmd(
    scenario: Annotated[str, typer.Option(help="Scenario id (ID or ID/VARIANT) or a .toml path.")] = (
        "us-tariff-25-mex"
    ),
    between: Annotated[tuple[str, str], typer.Option(help="The two countries compared (ISO3).")] = ("USA", "MEX"),
    draws: Annotated[int, typer.Option(min=0, help="Monte Carlo draws over trade elasticities.")] = 500,
    seed: Annotated[int, typer.Option(min=0, max=2**63 - 1, help="Random seed (results reproduce by seed).")] = 0,
    sigma: Annotated[float, typer.Option(min=0.0, help="Within-set log-s.d. of each elasticity draw.")] = 0.25,
    span_sets: Annotated[
        bool,
        typer.Option(
            "--span-sets/--within-set-only",
            help="Draw across the published elasticity sets as well as within-set noise (default).",
        ),
    ] = True,
    remittance_tax: Annotated[
        float | None, typer.Option(help="Add a US remittance tax at this rate (e.g. 0.01) to Mexico's loss.")
    ] = None,
    world: Annotated[
        str | None,
        typer.Option(help="World: a shipped name or a folder from `palanca world aggregate … --out DIR`."),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    store: StoreOpt = None,
    no_store: NoStoreOpt = False,
) -> None:
    """Who holds the leverage under a scenario: losses on each side, bands, dependence, VA origin."""
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
        disable=draws == 0,
    ) as bar:
        task = bar.add_task("elasticity draws", total=draws)
        with timed() as timings:
            result = api_leverage(
                scenario,
                (between[0].upper(), between[1].upper()),
                draws=draws,
                seed=seed,
                sigma=sigma,
                span_sets=span_sets,
                remittance_tax=remittance_tax,
                world=world,
                progress=with_eta(lambda done, total: bar.update(task, completed=done), bar.console),
            )
    save(lambda: record_leverage(result, timings), store, no_store, quiet=json_out)
    if json_out:
        typer.echo(dumps_json(result.to_dict(), indent=1))
        return
    console.print(result.summary, highlight=False, soft_wrap=True)
