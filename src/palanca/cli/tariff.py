"""`palanca tariff`: optimal tariffs, optimal retaliation and tariff wars on a shipped or aggregated world.

Both commands play the game from the as-of baseline of the scenarios (`--as-of DATE`): the model solved
under the tariffs in force that day; the players' rates replace theirs, everyone else's stay.
"""

from __future__ import annotations

import enum
from typing import Annotated

import typer
from rich.table import Table

from palanca.cli._app import console, dumps_json
from palanca.cli._storeopts import NoStoreOpt, StoreOpt, save, timed


class Closure(enum.StrEnum):
    """The values of `palanca.model.Closure` (start-up imports no model code; a test holds them equal)."""

    ZERO_DEFICIT = "zero_deficit"
    FIXED_DEFICIT = "fixed_deficit"
    OUTPUT_MULTIPLE = "output_multiple"
    CONDITIONAL = "conditional"


class Fiscal(enum.StrEnum):
    """The values of `palanca.model.Fiscal` (start-up imports no model code)."""

    LUMP_SUM = "lump_sum"
    INCOME_TAX = "income_tax"


app = typer.Typer(help="Optimal tariffs and tariff wars (Nash equilibria of best-responding tariffs).")

WorldOpt = Annotated[
    str,
    typer.Option(
        "--world", help="World: a shipped name (see `palanca world list`) or a folder from `palanca world aggregate`."
    ),
]
ClosureOpt = Annotated[Closure, typer.Option(help="Treatment of trade imbalances.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Baseline date (ISO): the tariffs in force that day (`palanca policy timeline`), as for a scenario; "
        "default the newest date of the registry; a date before 2025-02-04 gives the world's own tariffs.",
    ),
]


def _bounds(text: str) -> tuple[float, float]:
    try:
        lo, hi = (float(v) for v in text.split(","))
    except ValueError:
        raise typer.BadParameter(f"{text!r}; give two fractions separated by a comma, e.g. 0,1") from None
    return lo, hi


def _model_closure(closure: Closure):
    from palanca._api import Closure as ModelClosure

    return ModelClosure(closure.value)


BoundsOpt = Annotated[str, typer.Option(help="Search interval of the rate, fractions 'LOW,HIGH'.")]
KappaOpt = Annotated[
    float,
    typer.Option(min=0.0, max=10.0, help="Labour-supply elasticity (0: fixed labour; 0.5: Ignatenko et al. 2025)."),
]
FiscalOpt = Annotated[Fiscal, typer.Option(help="Use of tariff revenue (with an employment margin).")]


def _rows(welfare: dict[str, float], employment: dict[str, float], show: list[str]) -> Table:
    table = Table(show_header=True)
    table.add_column("country")
    table.add_column("welfare %", justify="right")
    table.add_column("employment %", justify="right")
    for c in show:
        table.add_row(c, f"{welfare[c]:+.3f}", f"{employment[c]:+.3f}")
    return table


@app.command("optimal")
def optimal(
    imposer: Annotated[str, typer.Argument(help="ISO3 code of the government choosing the tariff.")],
    world: WorldOpt = "world2023",
    as_of: AsOfOpt = None,
    targets: Annotated[
        list[str] | None, typer.Option("--target", help="Taxed economy (repeat); default all others.")
    ] = None,
    closure: ClosureOpt = Closure.FIXED_DEFICIT,
    bounds: BoundsOpt = "0,1",
    labour_elasticity: KappaOpt = 0.0,
    fiscal: FiscalOpt = Fiscal.LUMP_SUM,
    json_out: JsonOpt = False,
    store: StoreOpt = None,
    no_store: NoStoreOpt = False,
) -> None:
    """The uniform tariff that maximises IMPOSER's welfare, others' tariffs as in force on the as-of date."""
    from palanca._api import optimal_tariff

    with timed() as timings:
        res = optimal_tariff(
            world,
            imposer.upper(),
            tuple(t.upper() for t in targets) if targets else None,
            as_of=as_of,
            closure=_model_closure(closure),
            bounds=_bounds(bounds),
            labour_elasticity=labour_elasticity,
            fiscal=fiscal.value,
        )
    from palanca.store import record_optimal_tariff

    save(lambda: record_optimal_tariff(res, timings), store, no_store, quiet=json_out)
    if json_out:
        typer.echo(dumps_json(res.to_dict(), indent=1))
        return
    console.print(f"baseline: {res.inputs.params['baseline']}", highlight=False)
    console.print(
        f"optimal uniform tariff of {res.imposer} on {len(res.targets)} economies ({world}, {closure.value}): "
        f"{100 * res.tariff:.2f}%  (converged {res.converged}, {res.iterations} solves"
        + (", at a search bound" if res.at_bound else "")
        + ")",
        highlight=False,
    )
    shown = [res.imposer] + [c for c in ("USA", "MEX", "CAN", "CHN") if c in res.welfare_pct and c != res.imposer]
    console.print(_rows(res.welfare_pct, res.employment_pct, shown))


@app.command("war", context_settings={"allow_extra_args": True})
def war(
    ctx: typer.Context,
    world: WorldOpt = "world2023",
    as_of: AsOfOpt = None,
    players: Annotated[
        str, typer.Option("--players", help="ISO3 codes of the best-responding players: --players USA MEX.")
    ] = "USA,MEX",
    fixed: Annotated[
        list[str] | None,
        typer.Option("--fixed", help="A non-responding imposer as ISO3=RATE, e.g. USA=0.25 (optimal retaliation)."),
    ] = None,
    targets: Annotated[str, typer.Option(help="'players' (tax each other) or 'all' (tax every economy).")] = "players",
    closure: ClosureOpt = Closure.FIXED_DEFICIT,
    bounds: BoundsOpt = "0,1",
    tol: Annotated[float, typer.Option(min=1e-8, help="Convergence tolerance on the rates (fractions).")] = 1e-4,
    max_rounds: Annotated[int, typer.Option(min=1, help="Rounds of best responses at most.")] = 50,
    labour_elasticity: KappaOpt = 0.0,
    fiscal: FiscalOpt = Fiscal.LUMP_SUM,
    json_out: JsonOpt = False,
    store: StoreOpt = None,
    no_store: NoStoreOpt = False,
) -> None:
    """Nash equilibrium of uniform tariffs among the players; everyone else keeps the tariffs of the as-of date."""
    from palanca._api import tariff_war

    fixed_rates: dict[str, float] = {}
    for item in fixed or []:
        code, _, rate = item.partition("=")
        try:
            fixed_rates[code.upper()] = float(rate)
        except ValueError:
            raise typer.BadParameter(f"--fixed {item!r}; write ISO3=RATE with a fraction, e.g. USA=0.25") from None
    if targets not in ("players", "all"):
        raise typer.BadParameter(f"--targets {targets!r}; use 'players' or 'all'")
    extra = [a for a in ctx.args if not a.startswith("-")]
    if len(extra) != len(ctx.args):
        raise typer.BadParameter(f"unexpected arguments {ctx.args}")
    names = tuple(p.upper() for tok in [players, *extra] for p in tok.replace(",", " ").split())
    with timed() as timings:
        res = tariff_war(
            world,
            names,
            as_of=as_of,
            fixed=fixed_rates or None,
            targets=targets,
            closure=_model_closure(closure),
            bounds=_bounds(bounds),
            tol=tol,
            max_rounds=max_rounds,
            labour_elasticity=labour_elasticity,
            fiscal=fiscal.value,
        )
    from palanca.store import record_tariff_war

    save(lambda: record_tariff_war(res, timings), store, no_store, quiet=json_out)
    if json_out:
        typer.echo(dumps_json(res.to_dict(), indent=1))
        return
    console.print(f"baseline: {res.inputs.params['baseline']}", highlight=False)
    rates = ", ".join(f"{k} {100 * v:.2f}%" for k, v in res.tariffs.items())
    console.print(
        f"Nash tariffs ({world}, {closure.value}): {rates}  "
        f"(converged {res.converged} after {res.iterations} rounds, {res.evaluations} solves"
        + (f"; at a search bound: {', '.join(res.at_bound)}" if res.at_bound else "")
        + ")",
        highlight=False,
    )
    console.print(_rows(res.welfare_pct, res.employment_pct, list(res.tariffs)))
