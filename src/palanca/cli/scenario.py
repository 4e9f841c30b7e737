"""`palanca scenario list | show ID | run ID`: the shipped scenario library."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from palanca.cli._app import console, dumps_json
from palanca.cli._lazy import lazy
from palanca.cli._options import ScenarioWorldOpt
from palanca.cli._storeopts import NoStoreOpt, StoreOpt, save, timed

leverage = lazy("palanca._api", "leverage")
list_scenarios = lazy("palanca._api", "list_scenarios")
load_scenario = lazy("palanca._api", "load_scenario")

app = typer.Typer(help="The scenario library: list, show and run what-ifs.", no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


@app.command("list")
def list_cmd(json_out: JsonOpt = False) -> None:
    """List the shipped scenarios and their variants."""
    items = [
        {"id": s.id, "title": s.title, "date": s.date, "variants": [v for v, _ in s.variants]} for s in list_scenarios()
    ]
    if json_out:
        typer.echo(dumps_json(items, indent=1))
        return
    table = Table(title="palanca scenario library")
    # Ids are never cut (they are what the user types next); the title and variants wrap around them.
    table.add_column("id", no_wrap=True, min_width=max((len(it["id"]) for it in items), default=2))
    table.add_column("date", no_wrap=True)
    table.add_column("title", ratio=2)
    table.add_column("variants", overflow="fold", ratio=1)
    for it in items:
        table.add_row(it["id"], it["date"], it["title"], ", ".join(it["variants"]))
    console.print(table)


@app.command("show")
def show(
    scenario_id: Annotated[str, typer.Argument(help="Scenario id (ID or ID/VARIANT) or a .toml path.")],
    json_out: JsonOpt = False,
) -> None:
    """Show a scenario's definition, sources and published comparators."""
    sc = load_scenario(scenario_id)
    if json_out:
        typer.echo(dumps_json(sc.to_dict(), indent=1, default=str))
        return
    console.print(Text.assemble((sc.id, "bold"), f" — {sc.title} ({sc.date}, world {sc.world}, {sc.closure.value})"))
    console.print(
        f"  baseline: tariffs in force on {sc.as_of or 'the newest date of the policy registry'}"
        + (
            f"; policy: the registry's tariffs of {', '.join(sc.policy_imposers)} on {sc.policy_date}"
            if sc.policy_date
            else ""
        )
        + "".join(f"; {k} at {v:.0%}" for k, v in sc.policy_overrides)
        + ("; USMCA exemptions lost" if not sc.usmca_preferences else "")
    )
    if sc.description:
        console.print(sc.description)
    for k, t in enumerate((*sc.tariffs, *sc.retaliation)):
        rate = "MFN schedule" if t.mode == "mfn" else f"{t.rate:.1%} ({t.mode})"
        console.print(
            f"  tariff {k}: {t.imposer} on {', '.join(t.targets)} [{', '.join(t.sectors)}] {rate}"
            + (" on the non-USMCA share" if t.non_compliant_only else "")
        )
    for c in sc.content_tariffs:
        console.print(
            f"  content tariff: {c.imposer} {c.rate:.0%} on the {'+'.join(c.content_origin)} "
            f"content of {', '.join(c.exporters)} goods"
        )
    for c in sc.trade_costs:
        console.print(
            f"  trade costs: {', '.join(c.exporters)} -> {', '.join(c.importers)} "
            f"[{', '.join(c.sectors)}] {c.change:+.1%}"
        )
    if sc.lost_agreement:
        console.print(f"  lost agreement among {', '.join(sc.lost_agreement)} (coefficient {sc.agreement_coefficient})")
    if sc.variants:
        console.print("variants: " + "; ".join(f"{sc.id}/{v} — {t}" for v, t in sc.variants))
    for s in sc.sources:
        console.print(f"  source: {s}")


AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="Baseline date (ISO): tariffs in force that day; default the scenario's, else the newest."
    ),
]


@app.command("run")
def run(
    scenario_id: Annotated[str, typer.Argument(help="Scenario id (ID or ID/VARIANT) or a .toml path.")],
    as_of: AsOfOpt = None,
    world: ScenarioWorldOpt = None,
    json_out: JsonOpt = False,
    store: StoreOpt = None,
    no_store: NoStoreOpt = False,
) -> None:
    """Solve a scenario once (central elasticities) relative to the as-of baseline; print real-income changes."""
    with timed() as timings:
        result = leverage(scenario_id, draws=0, as_of=as_of, world=world)
    from palanca.store import record_leverage

    save(lambda: record_leverage(result, timings, kind="scenario"), store, no_store, quiet=json_out)
    if json_out:
        typer.echo(dumps_json(result.to_dict(), indent=1, default=float))
        return
    console.print(result.summary, highlight=False, soft_wrap=True)
