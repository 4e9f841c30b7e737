"""`palanca forecast`: spatial forecasting models on negotiation data (DEU format)."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from palanca.cli._app import console
from palanca.cli._lazy import lazy

forecast = lazy("palanca.politics", "forecast")

app = typer.Typer(help="Forecast bargaining outcomes with spatial models.", no_args_is_help=True)


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
) -> None:
    """Forecast each issue of FILE; where FILE has outcomes, print each model's mean absolute error."""
    import numpy as np

    from palanca.data import read_deu, write_records_csv
    from palanca.politics import BEST_MODEL, ForecastModel

    scored = (
        ForecastModel.COMPROMISE,
        ForecastModel.MEDIAN,
        ForecastModel.NASH,
        ForecastModel.BDM,
        ForecastModel.EXCHANGE,
    )
    issues = read_deu(file)
    result = forecast(issues, ForecastModel(model.value))
    if out is not None:
        write_records_csv(out, result.records())
        console.print(f"wrote {issues.n_issues} forecasts ({result.model.value}) to {out}")
    n_scored = int(np.isfinite(issues.outcome).sum())
    if n_scored == 0:
        if out is None:
            for row in result.records():
                console.print(row, highlight=False)
        console.print(f"{issues.n_issues} issues, no outcomes: nothing to score.")
        return
    table = Table(title=f"Mean absolute error on {n_scored} issues with outcomes ({file.name})")
    table.add_column("model")
    table.add_column("MAE", justify="right")
    for m in scored:
        mae = result.mae if m is result.model else forecast(issues, m).mae
        mark = " (best)" if m is BEST_MODEL else ""
        table.add_row(m.value + mark, f"{mae:.2f}")
    console.print(table)
