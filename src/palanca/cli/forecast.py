"""`palanca forecast`: spatial forecasting models on negotiation data (DEU format)."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn
from rich.table import Table

from palanca.cli._app import console, dumps_json, err_console
from palanca.cli._lazy import lazy

forecast = lazy("palanca._api", "forecast")
cross_validate = lazy("palanca._api", "cross_validate")

app = typer.Typer(help="Forecast bargaining outcomes with spatial models.", no_args_is_help=True)
_SCORED = ("compromise", "median", "nash", "bdm", "exchange")


class ModelChoice(enum.StrEnum):
    """The values of `palanca.politics.ForecastModel` (start-up imports no model code; a test holds them equal)."""

    COMPROMISE = "compromise"
    MEDIAN = "median"
    NASH = "nash"
    BDM = "bdm"
    EXCHANGE = "exchange"
    BEST = "best"


@app.command("deu")
def deu(
    file: Annotated[Path, typer.Argument(help="DEU-format file (tab-separated; p<actor>, s<actor>, rp, out).")],
    model: Annotated[
        ModelChoice, typer.Option("--model", "-m", help="Model whose forecasts are written.")
    ] = ModelChoice.BEST,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="CSV to write: isnr, prediction[, low, high].")
    ] = None,
    json_out: Annotated[
        bool, typer.Option("--json", help="Print the forecasts and each model's MAE as one JSON object.")
    ] = False,
) -> None:
    """Forecast each issue of FILE; where FILE has outcomes, print each model's mean absolute error."""
    import numpy as np

    from palanca._api import BEST_MODEL, ForecastModel, read_deu, write_records_csv

    scored = tuple(ForecastModel(m) for m in _SCORED)
    issues = read_deu(file)
    result = forecast(issues, ForecastModel(model.value))
    if out is not None:
        write_records_csv(out, result.records())
        if not json_out:
            console.print(f"wrote {issues.n_issues} forecasts ({result.model.value}) to {out}")
    n_scored = int(np.isfinite(issues.outcome).sum())
    if json_out:
        maes = {m.value: float(result.mae if m is result.model else forecast(issues, m).mae) for m in scored}
        payload = {
            "file": file.name,
            "model": result.model.value,
            "best_model": BEST_MODEL.value,
            "issues": issues.n_issues,
            "issues_with_outcome": n_scored,
            "forecasts": result.records(),
            "mae": {k: (v if np.isfinite(v) else None) for k, v in maes.items()},
        }
        typer.echo(dumps_json(payload, indent=1))
        return
    if n_scored == 0:
        if out is None:
            for row in result.records():
                console.print(row, highlight=False)
        console.print(f"{issues.n_issues} issues, no outcomes: nothing to score.")
        return
    table = Table(title=f"Mean absolute error on {n_scored} issues with outcomes ({file.name})")
    table.add_column("model")
    table.add_column("MAE", justify="right")
    with Progress(TextColumn("{task.description}"), BarColumn(), console=err_console, transient=True) as bar:
        maes = {
            m: result.mae if m is result.model else forecast(issues, m).mae
            for m in bar.track(scored, description="scoring each model")
        }
    for m in scored:
        mae = maes[m]
        mark = " (best)" if m is BEST_MODEL else ""
        table.add_row(m.value + mark, f"{mae:.2f}")
    console.print(table)


@app.command("cv")
def cv(
    file: Annotated[Path, typer.Argument(help="DEU-format file with outcomes ('out').")],
    folds: Annotated[int, typer.Option("--folds", min=2, help="Folds (dossiers are never split).")] = 10,
    seed: Annotated[
        int, typer.Option("--seed", min=0, max=2**63 - 1, help="Seed of the fold assignment and the bootstrap.")
    ] = 0,
    json_out: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score every model by dossier-grouped cross-validation, with a bootstrap interval against compromise."""
    from palanca._api import read_deu

    with err_console.status(f"cross-validating {len(_SCORED)} models over {folds} folds"):
        res = cross_validate(read_deu(file), _SCORED, folds=folds, seed=seed)
    if json_out:
        payload = {"issues": res.n_issues, "dossiers": res.n_dossiers, "folds": res.folds, "models": res.records()}
        typer.echo(dumps_json(payload, indent=1))
        return
    table = Table(title=f"Dossier CV on {res.n_issues} issues, {res.n_dossiers} dossiers, {res.folds} folds")
    for col in ("model", "MAE out of fold", "vs compromise, 95% CI"):
        table.add_column(col, justify="left" if col == "model" else "right")
    for r in res.records():
        table.add_row(
            str(r["model"]),
            f"{r['cv_mae']:.2f}",
            f"[{r['diff_vs_compromise_lo']:+.2f}, {r['diff_vs_compromise_hi']:+.2f}]",
        )
    console.print(table)
