"""`palanca flows`: the fentanyl market and its levers, corridor interdiction, migration, firearms."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from palanca.cli._app import dumps_json
from palanca.cli._lazy import lazy
from palanca.cli._storeopts import NoStoreOpt, StoreOpt, save, timed

fentanyl_levers = lazy("palanca._api", "fentanyl_levers")
firearms_account = lazy("palanca._api", "firearms_account")
interdict_corridors = lazy("palanca._api", "interdict_corridors")
migration_overview = lazy("palanca._api", "migration_overview")
fentanyl_flows = lazy("palanca._api", "fentanyl_flows")
cooperation_values = lazy("palanca._api", "cooperation_values")

app = typer.Typer(
    help="Non-trade flows: fentanyl, interdiction, migration, firearms, and what cooperation is worth.",
    no_args_is_help=True,
)

# The keys of `palanca.flows.LEVERS`, spelled out so that start-up imports no model code
# (tests/cli/test_startup.py holds the two equal).
LEVER_KEYS = ("precursor-controls", "mexican-enforcement", "border-interdiction", "treatment")
Lever = StrEnum("Lever", {k.upper().replace("-", "_"): k for k in LEVER_KEYS})  # type: ignore[misc]


class MarkupChoice(StrEnum):
    ADDITIVE = "additive"
    MULTIPLICATIVE = "multiplicative"
    BOTH = "both"


def _save(result, timings, store, no_store: bool, json_out: bool) -> None:
    from palanca.store import record_flows

    save(lambda: record_flows(result, timings), store, no_store, quiet=json_out)


def _emit(result, json_out: bool) -> None:
    if json_out:
        typer.echo(dumps_json(result.to_dict(), indent=1, ensure_ascii=False, default=float))
    else:
        typer.echo(result.summary)


@app.command("fentanyl")
def fentanyl(
    lever: Annotated[
        list[Lever] | None,
        typer.Option("--lever", help="A policy lever (repeat for several; default: all four)."),
    ] = None,
    spend: Annotated[float, typer.Option("--spend", help="Annual spending per lever, US$ billions.")] = 1.0,
    markup: Annotated[
        MarkupChoice,
        typer.Option(
            "--markup",
            help="Caulkins–Reuter markup rule: additive (central), multiplicative (sensitivity) or both.",
        ),
    ] = MarkupChoice.ADDITIVE,
    fiscal_year: Annotated[int, typer.Option("--fiscal-year", help="Calibration year (CBP FY, 2019–2023).")] = 2023,
    json_out: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    store: StoreOpt = None,
    no_store: NoStoreOpt = False,
) -> None:
    """The fentanyl supply chain calibrated to CBP, CDC and NFLIS data: levers, costs, deaths averted."""
    from palanca._api import Markup

    markups = (Markup.ADDITIVE, Markup.MULTIPLICATIVE) if markup is MarkupChoice.BOTH else (Markup(markup.value),)
    levers = tuple(v.value for v in lever) if lever else None
    with timed() as timings:
        result = fentanyl_levers(levers, spend_usd_bn=spend, markups=markups, fiscal_year=fiscal_year)
    _save(result, timings, store, no_store, json_out)
    _emit(result, json_out)


@app.command("interdiction")
def interdiction(
    budget: Annotated[float, typer.Option("--budget", help="Number of network arcs the interdictor can remove.")] = 1,
    fiscal_year: Annotated[int, typer.Option("--fiscal-year", help="Year of the CBP seizures (FY).")] = 2025,
    json_out: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    store: StoreOpt = None,
    no_store: NoStoreOpt = False,
) -> None:
    """Wood (1993) max-flow interdiction on the fentanyl corridor network (needs the optional pyomo and highspy)."""
    try:
        with timed() as timings:
            result = interdict_corridors(budget, fiscal_year=fiscal_year)
    except ImportError as exc:
        raise typer.BadParameter(str(exc)) from None
    _save(result, timings, store, no_store, json_out)
    _emit(result, json_out)


@app.command("migration")
def migration(
    json_out: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    store: StoreOpt = None,
    no_store: NoStoreOpt = False,
) -> None:
    """Southwest-border encounters by year and citizenship, policy events, and the enforcement-effort model."""
    with timed() as timings:
        result = migration_overview()
    _save(result, timings, store, no_store, json_out)
    _emit(result, json_out)


@app.command("firearms")
def firearms(
    json_out: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    store: StoreOpt = None,
    no_store: NoStoreOpt = False,
) -> None:
    """Southbound firearms: UNODC seizures, the GAO's 70% US-sourced share, the implied flow."""
    with timed() as timings:
        result = firearms_account()
    _save(result, timings, store, no_store, json_out)
    _emit(result, json_out)


@app.command("seizure-flows")
def seizure_flows(
    json_out: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    store: StoreOpt = None,
    no_store: NoStoreOpt = False,
) -> None:
    """Fentanyl reaching the SW border under 5/10/25% seizure rates, deaths per kg, the implied rate."""
    with timed() as timings:
        result = fentanyl_flows()
    _save(result, timings, store, no_store, json_out)
    _emit(result, json_out)


@app.command("values")
def values(
    json_out: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    store: StoreOpt = None,
    no_store: NoStoreOpt = False,
) -> None:
    """What each side's cooperation is worth a year (US$bn, with ranges): the bargaining model's inputs."""
    with timed() as timings:
        result = cooperation_values()
    _save(result, timings, store, no_store, json_out)
    _emit(result, json_out)
