"""`palanca roo check | rules | examples`: USMCA rules of origin."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from palanca.cli._app import dumps_json
from palanca.cli._lazy import lazy
from palanca.errors import BillOfMaterialsError

check_origin = lazy("palanca._api", "check_origin")
list_examples = lazy("palanca._api", "list_examples")
load_bom = lazy("palanca._api", "load_bom")
parse_as_of = lazy("palanca._api", "parse_as_of")
rules_in_force = lazy("palanca._api", "rules_in_force")

app = typer.Typer(help="USMCA rules of origin for a bill of materials.", no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="Date of the rules, YYYY-MM-DD (default: today).")]


@app.command("check")
def check(
    bom: Annotated[Path | None, typer.Argument(help="Bill of materials (.toml).", show_default=False)] = None,
    example: Annotated[str | None, typer.Option("--example", help="Check a shipped BOM by name.")] = None,
    as_of: AsOfOpt = None,
    de_minimis: Annotated[
        bool | None,
        typer.Option("--de-minimis/--no-de-minimis", help="Apply the 10% de minimis rule (other goods); default: BOM."),
    ] = None,
    roll_up: Annotated[
        str | None, typer.Option("--roll-up", help="Core-part roll-up: 'panel' (2022 USMCA panel) or 'us'.")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Say whether a product qualifies as USMCA-originating, by how much, and which inputs decide it.

    Exit code 0: qualifies; 3: does not qualify; 1: the BOM or an option is invalid.
    """
    if (bom is None) == (example is None):
        raise BillOfMaterialsError(
            "give either a BOM file or --example NAME (not both); shipped examples: " + ", ".join(list_examples())
        )
    result = check_origin(
        load_bom(example if example is not None else bom), as_of=as_of, de_minimis=de_minimis, roll_up=roll_up
    )
    typer.echo(dumps_json(result.to_dict(), indent=1) if json_out else result.summary)
    if not result.qualifies:
        raise typer.Exit(3)


@app.command("rules")
def rules(as_of: AsOfOpt = None, json_out: JsonOpt = False) -> None:
    """List the regional-value-content rules in force on a date, each with its legal citation."""
    date = parse_as_of(as_of)
    found = rules_in_force(date)
    if json_out:
        typer.echo(dumps_json([r.to_dict() for r in found], indent=1))
        return
    typer.echo(f"USMCA RVC rules in force on {date.isoformat()}:")
    for r in found:
        until = r.effective_to.isoformat() if r.effective_to else "open"
        mark = "" if r.checked else "  [stage values not checked in the text]"
        typer.echo(
            f"  {r.kind:<20} {r.variant or '-':<20} {r.method:<18} {r.threshold_pct:>5.1f}%  "
            f"{r.effective_from.isoformat()}..{until}  {r.citation}{mark}"
        )


@app.command("examples")
def examples(json_out: JsonOpt = False) -> None:
    """List the shipped bills of materials."""
    names = list_examples()
    typer.echo(dumps_json(names) if json_out else "\n".join(names))
