"""`palanca remittances`: the remittance series and the US remittance-tax scenario."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from palanca.cli._app import dumps_json
from palanca.cli._lazy import lazy
from palanca.cli._storeopts import NoStoreOpt, StoreOpt, save, timed

remittance_overview = lazy("palanca._api", "remittance_overview")
remittance_tax = lazy("palanca._api", "remittance_tax")

app = typer.Typer(help="Remittances to Mexico (Banxico): series, exposure by state, a US tax.", no_args_is_help=True)


# The values of `palanca.flows.RemittanceViewBy` and `palanca.flows.Horizon`, spelled out so that
# start-up imports no model code (tests/cli/test_startup.py holds them equal).
class ViewByChoice(StrEnum):
    STATE = "state"
    US_STATE = "us-state"
    YEAR = "year"


class HorizonChoice(StrEnum):
    FIRST_QUARTER = "first-quarter"
    FIRST_YEAR = "first-year"
    LONG_RUN = "long-run"


@app.command("show")
def show(
    by: Annotated[
        ViewByChoice,
        typer.Option("--by", help="state (Mexican, most exposed first), us-state (origin) or year."),
    ] = ViewByChoice.STATE,
    year: Annotated[int, typer.Option("--year", help="Year of the state views (2014 to the latest complete).")] = 2024,
    json_out: Annotated[bool, typer.Option("--json", help="Print the rows as JSON.")] = False,
    store: StoreOpt = None,
    no_store: NoStoreOpt = False,
) -> None:
    """Totals, growth, remittances as % of GDP and per person (Banxico, INEGI, CONAPO)."""
    from palanca._api import RemittanceViewBy
    from palanca.store import record_flows

    with timed() as timings:
        view = remittance_overview(RemittanceViewBy(by.value), year=year)
    save(lambda: record_flows(view, timings), store, no_store, quiet=json_out)
    if json_out:
        typer.echo(dumps_json(view.to_dict(), indent=1, ensure_ascii=False))
        return
    typer.echo(view.summary)


@app.command("tax")
def tax(
    rate: Annotated[float, typer.Option("--rate", help="Tax as a fraction of the amount sent (0.01 = 1%).")] = 0.01,
    cash_share: Annotated[
        float | None,
        typer.Option("--cash-share", help="Fix the cash-funded (taxed) share; default 0.5, drawn 0.3-0.9 (judgement)."),
    ] = None,
    elasticity: Annotated[
        float | None,
        typer.Option(
            "--elasticity",
            help="Fix the horizon's cost elasticity (≤ 0); default: short run -2.0 to -1.0, long run -2.0 to -0.3.",
        ),
    ] = None,
    horizon: Annotated[
        HorizonChoice, typer.Option("--horizon", help="first-quarter, first-year (default) or long-run response.")
    ] = HorizonChoice.FIRST_YEAR,
    substitution: Annotated[
        float | None,
        typer.Option(
            "--substitution",
            help="Fix the share of taxed flows moving to exempt channels; default 0.25-0.75.",
        ),
    ] = None,
    year: Annotated[int, typer.Option("--year", help="Baseline year of flows (Banxico).")] = 2025,
    draws: Annotated[int, typer.Option("--draws", help="Monte Carlo draws for the 5-95% band.")] = 2000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed ≥ 0 (results reproduce by seed).")] = 0,
    json_out: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    store: StoreOpt = None,
    no_store: NoStoreOpt = False,
) -> None:
    """A US tax on remittances: national loss with bands, by Mexican state and US state of origin."""
    from palanca._api import Horizon

    with timed() as timings:
        result = remittance_tax(
            rate,
            cash_share=cash_share,
            elasticity=elasticity,
            substitution=substitution,
            horizon=Horizon(horizon.value),
            year=year,
            draws=draws,
            seed=seed,
        )
    from palanca.store import record_remittance_tax

    save(lambda: record_remittance_tax(result, timings), store, no_store, quiet=json_out)
    if json_out:
        typer.echo(dumps_json(result.to_dict(), indent=1, ensure_ascii=False))
        return
    typer.echo(result.summary)
