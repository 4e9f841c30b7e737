"""`palanca world`: list, show, query and aggregate the shipped worlds."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from palanca.cli._app import console, dumps_json
from palanca.cli._lazy import lazy

aggregate = lazy("palanca._api", "aggregate")
bilateral_flow = lazy("palanca._api", "bilateral_flow")
bilateral_tariffs = lazy("palanca._api", "bilateral_tariffs")
list_region_maps = lazy("palanca._api", "list_region_maps")
list_worlds = lazy("palanca._api", "list_worlds")
load_region_map = lazy("palanca._api", "load_region_map")
load_world = lazy("palanca._api", "load_world")
with_elasticities = lazy("palanca._api", "with_elasticities")
world_summary = lazy("palanca._api", "world_summary")
write_world = lazy("palanca._api", "write_world")

app = typer.Typer(
    help="The shipped worlds: list, show, bilateral flows and tariffs, aggregation.", no_args_is_help=True
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


@app.command("list")
def list_(json_out: JsonOpt = False) -> None:
    """The shipped worlds and region/sector maps."""
    worlds = list_worlds()
    if json_out:
        typer.echo(dumps_json({"worlds": worlds, "maps": list_region_maps()}, indent=1))
        return
    table = Table(title="shipped worlds")
    table.add_column("name")
    table.add_column("description")
    for name, desc in worlds.items():
        table.add_row(name, desc)
    console.print(table)
    maps = Table(title="shipped maps (for `palanca world aggregate`)")
    maps.add_column("name")
    maps.add_column("kind: groups")
    for name, desc in list_region_maps().items():
        maps.add_row(name, desc)
    console.print(maps)


@app.command("show")
def show(
    name: Annotated[str, typer.Argument(help="World name, e.g. world2023.")],
    elasticities: Annotated[str | None, typer.Option(help="Elasticity set (CP, FGO, BSY, …).")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Year, economies, sectors, sources, GDP and trade totals of a world."""
    world = load_world(name)
    if elasticities:
        world = with_elasticities(world, elasticities)
    s = world_summary(world)
    if json_out:
        typer.echo(dumps_json(s, indent=1, default=str))
        return
    console.print(
        Text.assemble((s["name"], "bold"), f" — {s['year']}, {s['n_economies']} economies x {s['n_sectors']} sectors")
    )
    console.print(f"elasticities: {s['elasticities']}")
    console.print(f"world value added: ${s['world_value_added_usd_m'] / 1e6:,.2f} tn")
    console.print(f"international trade: ${s['international_trade_usd_m'] / 1e6:,.2f} tn", highlight=False)
    if s["international_goods_trade_usd_m"] is not None:
        console.print(f"  of which goods: ${s['international_goods_trade_usd_m'] / 1e6:,.2f} tn")
    console.print(f"tariff revenue: ${s['tariff_revenue_usd_m'] / 1e3:,.1f} bn")
    table = Table(title="largest economies (value added, $bn)")
    table.add_column("economy")
    table.add_column("value added", justify="right")
    for c, v in s["largest_economies_value_added_usd_m"].items():
        table.add_row(c, f"{v / 1e3:,.0f}")
    console.print(table)
    console.print("economies: " + " ".join(s["economies"]), highlight=False)
    console.print("sectors: " + ", ".join(f"{k} ({v})" for k, v in s["sectors"].items()), highlight=False)


@app.command("flows")
def flows(
    name: Annotated[str, typer.Argument(help="World name, e.g. world2023.")],
    origin: Annotated[str, typer.Option(help="Exporting economy (ISO3).")],
    destination: Annotated[str, typer.Option(help="Importing economy (ISO3).")],
    sector: Annotated[
        list[str] | None,
        typer.Option(help="Sector code or group (goods, autos, energy, …); repeatable. Default: all."),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Bilateral flow origin -> destination at producer prices, USD millions."""
    value = bilateral_flow(load_world(name), origin, destination, sector)
    if json_out:
        typer.echo(dumps_json({"value_usd_m": value}))
        return
    what = ", ".join(sector) if sector else "all sectors"
    console.print(f"{origin.upper()} -> {destination.upper()} ({what}): ${value / 1e3:,.1f} bn", highlight=False)


@app.command("tariffs")
def tariffs(
    name: Annotated[str, typer.Argument(help="World name, e.g. world2023.")],
    importer: Annotated[str, typer.Option(help="Importing economy that sets the tariff (ISO3).")],
    exporter: Annotated[str, typer.Option(help="Exporting economy whose goods are taxed (ISO3).")],
    json_out: JsonOpt = False,
) -> None:
    """Baseline applied tariffs of IMPORTER on EXPORTER by sector (fractions), trade-weighted mean and MFN."""
    t = bilateral_tariffs(load_world(name), importer.upper(), exporter.upper())
    if json_out:
        typer.echo(dumps_json(t, indent=1))
        return
    tw = "n/a" if t["trade_weighted"] is None else f"{t['trade_weighted']:.1%}"
    console.print(f"{t['importer']} tariffs on {t['exporter']} ({name}): trade-weighted {tw}", highlight=False)
    table = Table()
    for col in ("sector", "label", "applied", "MFN", "imports $bn"):
        table.add_column(col, justify="left" if col in ("sector", "label") else "right")
    for r in t["sectors"]:
        mfn = "" if r["mfn"] is None else f"{r['mfn']:.1%}"
        table.add_row(r["sector"], r["label"][:40], f"{r['rate']:.1%}", mfn, f"{r['imports_usd_m'] / 1e3:,.1f}")
    console.print(table)


@app.command("aggregate")
def aggregate_(
    name: Annotated[str, typer.Argument(help="World name, e.g. world2023.")],
    regions: Annotated[str | None, typer.Option(help="Region map: shipped name or TOML file.")] = None,
    sectors: Annotated[str | None, typer.Option(help="Sector map: shipped name or TOML file.")] = None,
    out: Annotated[Path | None, typer.Option(help="Folder to write the aggregated world to (Parquet).")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Aggregate a world to regions and/or broad sectors, keeping its accounts consistent."""
    rmap = load_region_map(regions) if regions else None
    smap = load_region_map(sectors) if sectors else None
    agg = aggregate(load_world(name), rmap, smap)
    if out is not None:
        write_world(agg, out)
    s = world_summary(agg)
    if json_out:
        typer.echo(dumps_json(s, indent=1, default=str))
        return
    table = Table(title=f"{agg.name}: exports (rows) to destinations (columns), $bn")
    table.add_column("origin \\ destination")
    for c in agg.countries:
        table.add_column(c, justify="right")
    X = agg.trade_usd_m.sum(axis=2)
    for i, c in enumerate(agg.countries):
        table.add_row(c, *[f"{X[n, i] / 1e3:,.0f}" for n in range(agg.n_countries)])
    console.print(table)
    console.print("sectors: " + ", ".join(agg.sectors), highlight=False)
    console.print("goods sectors: " + (", ".join(s["goods_sectors"]) or "none"), highlight=False)
    for k, m in s["mixed_sectors"].items():
        console.print(
            f"[yellow]mixed: {k} merges goods ({', '.join(m['goods'])}) with other sectors ({', '.join(m['other'])});"
            " it is not a goods sector, so a tariff on goods does not tax it[/yellow]",
            highlight=False,
        )
    named = [g for g in s["sector_groups"] if g not in ("all", "goods", "services")]
    console.print("sector groups kept: " + (", ".join(named) or "none"), highlight=False)
    if s["sector_groups_absent"]:
        console.print(
            "sector groups absent (the map splits them): " + ", ".join(s["sector_groups_absent"]), highlight=False
        )
    if out is not None:
        console.print(f"written to {out}")
