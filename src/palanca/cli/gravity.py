"""`palanca gravity`: PPML estimation and gegravity-style GE experiments on palanca's engine.

Imports of the gravity API (and pyfixest, for ``estimate``) happen inside the commands, so that
``palanca`` starts as fast without them.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from palanca.cli._app import console, dumps_json
from palanca.cli._storeopts import NoStoreOpt, StoreOpt, save, timed

app = typer.Typer(
    help="Structural gravity: PPML estimation and gegravity-style GE experiments, on palanca's engine.",
    no_args_is_help=True,
)


class GravityClosure(enum.StrEnum):
    """The two structural-gravity equilibria (see `palanca.model.Closure`)."""

    CONDITIONAL = "conditional"
    OUTPUT_MULTIPLE = "output_multiple"


@app.command("estimate")
def estimate(
    data: Annotated[Path, typer.Argument(help="Long gravity table (csv/dlm): exporter, importer, year, trade, …")],
    formula: Annotated[
        str | None,
        typer.Option(
            "--formula",
            help="pyfixest formula 'trade ~ x1 + x2 | exporter + importer' (default: the gegravity "
            "specification lndist, contiguity, common_language, pta, international).",
        ),
    ] = None,
    vcov: Annotated[
        str, typer.Option("--vcov", help="hetero (robust), iid, or CRV1:<column> to cluster (CRV1:pair).")
    ] = "hetero",
    out: Annotated[
        Path | None, typer.Option("--out", help="Write the estimate as JSON (input of solve --coef-from).")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the estimate as JSON.")] = False,
) -> None:
    """PPML with exporter and importer fixed effects (pyfixest), with the existence check."""
    from palanca._api import DEFAULT_FORMULA, estimate_ppml, read_gravity_table

    result = estimate_ppml(read_gravity_table(data), formula or DEFAULT_FORMULA, vcov=vcov)
    if out is not None:
        out.write_text(result.to_json() + "\n")
    if json_out:
        typer.echo(result.to_json())
    else:
        typer.echo(result.summary())
        if out is not None:
            console.print(f"wrote {out}", highlight=False)


@app.command("solve")
def solve(
    data: Annotated[Path, typer.Argument(help="Long gravity table with exporter, importer, year, trade, Y, E.")],
    sigma: Annotated[float, typer.Option("--sigma", help="Elasticity of substitution (> 1), e.g. 5.")],
    reference_importer: Annotated[
        str, typer.Option("--reference-importer", help="ISO3 whose inward multilateral resistance is 1.")
    ],
    coef: Annotated[str | None, typer.Option("--coef", help="Cost coefficients, 'lndist=-0.39,pta=0.47,…'.")] = None,
    coef_from: Annotated[
        Path | None, typer.Option("--coef-from", help="JSON written by `palanca gravity estimate --out`.")
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="Cost change 'VAR[ORIGIN,DESTINATION]=VALUE' (repeatable; '*' or 'A+B' allowed).",
        ),
    ] = None,
    year: Annotated[str | None, typer.Option("--year", help="Year to use if the table has several.")] = None,
    closure: Annotated[
        GravityClosure,
        typer.Option(
            "--closure",
            help="output_multiple: the full-endowment GE, Yotov et al. (2016) iterated to convergence "
            "(default); conditional: gegravity 0.3's one-round results exactly.",
        ),
    ] = GravityClosure.OUTPUT_MULTIPLE,
    out: Annotated[Path | None, typer.Option("--out", help="Write the per-country results as CSV.")] = None,
    bilateral_out: Annotated[
        Path | None, typer.Option("--bilateral-out", help="Write bilateral trade changes as CSV.")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the per-country results as JSON.")] = False,
    store: StoreOpt = None,
    no_store: NoStoreOpt = False,
) -> None:
    """A cost-variable experiment (e.g. a new agreement) in one-sector structural gravity."""
    from palanca._api import (
        Closure,
        PPMLResult,
        gravity_experiment,
        parse_coefficients,
        parse_cost_change,
        write_records_csv,
    )

    if coef is None and coef_from is None:
        raise typer.BadParameter("give the cost coefficients with --coef or --coef-from.", param_hint="--coef")
    coefficients: dict[str, float] = {}
    if coef_from is not None:
        if not coef_from.is_file():
            raise typer.BadParameter(f"{coef_from} does not exist.", param_hint="--coef-from")
        coefficients.update(PPMLResult.from_json(coef_from.read_text()).coefficients)
    if coef is not None:
        coefficients.update(parse_coefficients(coef))
    with timed() as timings:
        result = gravity_experiment(
            data,
            coefficients,
            [parse_cost_change(s) for s in set_ or ()],
            sigma=sigma,
            reference_importer=reference_importer,
            year=year,
            closure=Closure(closure.value),
        )
    from palanca.store import record_gravity

    save(lambda: record_gravity(result, timings), store, no_store, quiet=json_out)
    records = result.country_records()
    if out is not None:
        write_records_csv(out, records)
    if bilateral_out is not None:
        write_records_csv(bilateral_out, result.bilateral_records())
    if json_out:
        typer.echo(dumps_json(records, indent=1))
        return
    typer.echo(result.summary())
    for path in (out, bilateral_out):
        if path is not None:
            console.print(f"wrote {path}", highlight=False)
