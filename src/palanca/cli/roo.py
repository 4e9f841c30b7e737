"""`palanca roo check BOM.toml | --example NAME` and `palanca roo examples`: USMCA rules of origin."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from palanca.roo import check_origin, list_examples, load_bom
from palanca.errors import BillOfMaterialsError

app = typer.Typer(help="USMCA rules of origin for a bill of materials.", no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


@app.command("check")
def check(
    bom: Annotated[Path | None, typer.Argument(help="Bill of materials (.toml).", show_default=False)] = None,
    example: Annotated[str | None, typer.Option("--example", help="Check a shipped example BOM by name.")] = None,
    de_minimis: Annotated[
        bool | None,
        typer.Option("--de-minimis/--no-de-minimis", help="Apply the 10% de minimis rule (other goods); default: BOM."),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Say whether a product qualifies as USMCA-originating, by how much, and which inputs decide it.

    Exit code 0: qualifies; 2: does not qualify; 1: the BOM is invalid.
    """
    if (bom is None) == (example is None):
        raise BillOfMaterialsError(
            "give either a BOM file or --example NAME (not both); shipped examples: " + ", ".join(list_examples())
        )
    result = check_origin(load_bom(example if example is not None else bom), de_minimis=de_minimis)
    if json_out:
        typer.echo(json.dumps(result.to_dict(), indent=1))
    else:
        typer.echo(result.summary)
    if not result.qualifies:
        raise typer.Exit(2)


@app.command("examples")
def examples(json_out: JsonOpt = False) -> None:
    """List the shipped example bills of materials."""
    names = list_examples()
    typer.echo(json.dumps(names) if json_out else "\n".join(names))
