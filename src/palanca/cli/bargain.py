"""`palanca bargain`: the US–Mexico bargain on evidence (deal, gains, leverage, uncertainty, signposts)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer
from rich.table import Table

from palanca.cli._app import app, console, dumps_json
from palanca.cli._storeopts import NoStoreOpt, StoreOpt, save, timed

bargain_app = typer.Typer(
    help="The US–Mexico bargain: deal, gains, leverage and how they moved with events.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(bargain_app, name="bargain")


def run_bargain(*args, **kwargs):
    """`palanca._api.bargain`, imported when the command runs (it loads scipy.optimize)."""
    from palanca._api import bargain

    return bargain(*args, **kwargs)


def _as_of(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not an ISO date; write YYYY-MM-DD, e.g. 2026-06-30.") from None
    return value


ScenarioOpt = Annotated[
    str, typer.Option("--scenario", "-s", help="Shipped bargain spec (parameter file with sources).")
]
WorldOpt = Annotated[
    str | None, typer.Option("--world", help="Shipped world for the engine payoffs (default world if omitted).")
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", callback=_as_of, help="Use only events dated on or before this day (YYYY-MM-DD)."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the full result as JSON.")]


@bargain_app.callback()
def bargain(
    ctx: typer.Context,
    scenario: ScenarioOpt = "usmca-review-2026",
    world: WorldOpt = None,
    draws: Annotated[
        int | None, typer.Option("--draws", min=0, help="Monte Carlo draws (the file's if omitted; 0 skips it).")
    ] = None,
    seed: Annotated[
        int | None, typer.Option("--seed", min=0, max=2**63 - 1, help="Monte Carlo seed (the file's if omitted).")
    ] = None,
    as_of: AsOfOpt = None,
    judgement_values: Annotated[
        bool,
        typer.Option(
            "--judgement-values",
            help="Keep the spec's judgement for the cooperation values instead of palanca.flows' models.",
        ),
    ] = False,
    json_out: JsonOpt = False,
    store: StoreOpt = None,
    no_store: NoStoreOpt = False,
) -> None:
    """Predict the deal per dimension, each side's gain, the leverage index and what moves it."""
    if ctx.invoked_subcommand is not None:
        return
    kwargs = {"world": world, "draws": draws, "seed": seed}
    if as_of is not None:
        kwargs["as_of"] = as_of
    if judgement_values:
        kwargs["cooperation"] = False
    with timed() as timings:
        result = run_bargain(scenario, **kwargs)
    from palanca.store import record_bargain

    save(lambda: record_bargain(result, timings), store, no_store, quiet=json_out)
    if json_out:
        typer.echo(dumps_json(result.to_dict(), indent=1, default=float))
        return
    console.print(result.summary(), highlight=False)
    if not result.tornado:
        return
    table = Table(title="Tornado: the US leverage index at each parameter's low / high")
    for col in ("parameter", "basis", "low", "high", "index at low", "index at high", "swing"):
        table.add_column(col, justify="left" if col in ("parameter", "basis") else "right")
    for row in result.tornado[:8]:
        table.add_row(
            str(row["parameter"]),
            str(row["basis"]).split(":")[0],
            f"{row['low']:.4g}",
            f"{row['high']:.4g}",
            f"{row['leverage_at_low']:.3f}",
            f"{row['leverage_at_high']:.3f}",
            f"{row['swing']:+.3f}",
        )
    console.print(table)


@bargain_app.command("timeline")
def timeline(
    scenario: ScenarioOpt = "usmca-review-2026",
    world: WorldOpt = None,
    until: Annotated[
        str | None, typer.Option("--until", callback=_as_of, help="Last event date to include (YYYY-MM-DD).")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Re-run the forecast at each US–Mexico event date: how the predicted deal and probabilities moved."""
    from palanca._api import bargain_timeline

    res = bargain_timeline(scenario, world=world, until=until)
    if json_out:
        typer.echo(dumps_json(res.to_dict(), indent=1, default=float))
        return
    table = Table(title=f"Bargain as of each US–Mexico event: {res.scenario} (world {res.world})")
    cols = ("date", "event", "US cred.", "MX cred.", "tariff", "fentanyl", "migration", "leverage", "P(confirm)")
    for col in cols:
        table.add_column(col, justify="left" if col in ("date", "event") else "right")
    for r in res.rows:
        table.add_row(
            str(r["date"]),
            str(r["event"]),
            f"{r['credibility_usa']:.2f}",
            f"{r['credibility_mex']:.2f}",
            f"{r['us_tariff']:.3f}",
            f"{r['mex_fentanyl_enforcement']:.2f}",
            f"{r['mex_migration_enforcement']:.2f}",
            f"{r['leverage_usa']:.3f}",
            f"{r['p_confirmed_next_review']:.2f} ({r['next_review_year']})",
        )
    console.print(table)


@bargain_app.command("backtest")
def backtest(
    as_of: AsOfOpt = None,
    weight: Annotated[
        float, typer.Option("--base-rate-weight", min=0.0, max=1.0, help="Weight of other dyads' record.")
    ] = 0.5,
    json_out: JsonOpt = False,
) -> None:
    """Brier scores of the credibility model's forecast of each past episode vs the pooled base rate."""
    from palanca._api import bargain_backtest

    res = bargain_backtest(as_of=as_of, base_rate_weight=weight)
    if json_out:
        typer.echo(dumps_json(res.to_dict(), indent=1, default=float))
        return
    table = Table(title=f"Execution forecasts at each episode's start ({res.n} episodes)")
    for col in ("episode", "start", "outcome", "score", "p model", "p base rate"):
        table.add_column(col, justify="left" if col in ("episode", "outcome") else "right")
    for r in res.rows:
        table.add_row(
            str(r["episode"]),
            str(r["start"]),
            str(r["outcome"]),
            f"{r['score']:.1f}",
            f"{r['p_model']:.3f}",
            f"{r['p_base_rate']:.3f}",
        )
    console.print(table)
    console.print(
        f"Brier score: model {res.brier_model:.4f}, base rate {res.brier_base_rate:.4f} (lower is better; "
        "0.25 is a constant 0.5 on a binary outcome)",
        highlight=False,
    )
