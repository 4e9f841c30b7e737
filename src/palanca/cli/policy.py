"""`palanca policy timeline | tariffs | etr`: the dated registry of tariff actions and the tariffs as of a date."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from palanca.cli._app import console, dumps_json
from palanca.cli._lazy import lazy

load_world = lazy("palanca._api", "load_world")
effective_tariff_rate = lazy("palanca._api", "effective_tariff_rate")
newest_date = lazy("palanca._api", "newest_date")
parse_date = lazy("palanca._api", "parse_date")
tariffs_between = lazy("palanca._api", "tariffs_between")
timeline = lazy("palanca._api", "timeline")

app = typer.Typer(
    help="US and Mexican tariff actions 2025-26 and the applied tariffs as of a date.", no_args_is_help=True
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="ISO date (default: the newest date in the registry).")]
WorldOpt = Annotated[str, typer.Option("--world", help="Shipped world whose baseline tariffs and flows are used.")]
S122Opt = Annotated[
    float | None,
    typer.Option("--s122-rate", help="Read the Section 122 surcharge at this rate (fraction; 0.15 = 15%)."),
]


@app.command("timeline")
def timeline_cmd(
    country: Annotated[str | None, typer.Option("--country", help="Only actions imposed by or on this ISO3.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Every action in date order: authority, scope, rate, dates, legal status and sources."""
    if country is not None:
        load_world("world2023").country_index(country)  # an unknown code is an error naming the known ones
    acts = timeline(country)
    if json_out:
        typer.echo(dumps_json([a.to_dict() for a in acts], indent=1))
        return
    table = Table(title=f"tariff actions{f' (imposed by or on {country})' if country else ''}")
    for col in ("effective", "end", "by", "authority", "status", "rate", "action"):
        table.add_column(col)
    for a in acts:
        rate = "" if a.is_event else (f"floor {a.floor_rate:.0%}" if a.floor_targets else f"{a.rate:+.1%}")
        if a.mode == "floor_at":
            rate = "5-50% (by sector)"
        table.add_row(
            a.effective.isoformat(),
            a.end.isoformat() if a.end else "",
            a.country,
            a.authority,
            a.status.value,
            rate,
            a.title,
        )
    console.print(table)


@app.command("tariffs")
def tariffs_cmd(
    importer: Annotated[str, typer.Option("--importer", help="ISO3 of the importer.")] = "USA",
    exporter: Annotated[str, typer.Option("--exporter", help="ISO3 of the exporter.")] = "MEX",
    as_of: AsOfOpt = None,
    world: WorldOpt = "world2023",
    s122_rate: S122Opt = None,
    json_out: JsonOpt = False,
) -> None:
    """The importer's applied rate on each of the exporter's sectors on a date (USMCA shares applied)."""
    on = parse_date(as_of) if as_of else newest_date()
    overrides = {} if s122_rate is None else {"us-s122-surcharge": s122_rate}
    out = tariffs_between(load_world(world), importer, exporter, on, overrides=overrides)
    if json_out:
        typer.echo(dumps_json(out, indent=1))
        return
    table = Table(title=f"{importer} tariffs on {exporter} as of {out['as_of']} (baseline: {world})")
    for col in ("sector", "label", "baseline", "as of"):
        table.add_column(col)
    for s in out["sectors"]:
        table.add_row(s["sector"], s["label"], f"{s['baseline']:.1%}", f"{s['rate']:.1%}")
    console.print(table)
    console.print(
        f"trade-weighted: {out['trade_weighted']:.2%} (baseline {out['baseline_trade_weighted']:.2%})", highlight=False
    )


@app.command("etr")
def etr_cmd(
    dates: Annotated[list[str], typer.Argument(help="ISO dates.")],
    importer: Annotated[str, typer.Option("--importer", help="ISO3 of the importer.")] = "USA",
    world: WorldOpt = "world2023",
    s122_rate: S122Opt = None,
    json_out: JsonOpt = False,
) -> None:
    """The importer's average effective tariff rate on goods on each date (pre-substitution weights)."""
    w = load_world(world)
    overrides = {} if s122_rate is None else {"us-s122-surcharge": s122_rate}
    out = [
        {"as_of": parse_date(d).isoformat(), "rate": effective_tariff_rate(w, d, importer, overrides=overrides)}
        for d in dates
    ]
    if json_out:
        typer.echo(dumps_json(out, indent=1))
        return
    for r in out:
        console.print(f"{r['as_of']}: {r['rate']:.2%}", highlight=False)
