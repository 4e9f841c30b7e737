"""`palanca sweep SCENARIO --vary NAME=START:STOP:STEP --draws N [--executor local|dask://HOST:PORT] [--workers N]`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

from palanca.cli._app import app, console, dumps_json, err_console
from palanca.cli._lazy import lazy
from palanca.cli._storeopts import StoreOpt

load_scenario = lazy("palanca._api", "load_scenario")
parse_vary = lazy("palanca._api", "parse_vary")
sweep = lazy("palanca._api", "sweep")

# `palanca.sweep.VARY_NAMES`, spelled out so that start-up imports no model code
# (tests/cli/test_startup.py holds the two equal).
VARY_NAMES = {
    "us_tariff_mex": "rate of the USA's tariff blocks on MEX (fraction)",
    "mex_tariff_usa": "rate of MEX's tariff blocks on the USA (fraction)",
    "theta_scale": "factor on every trade elasticity (> 0)",
    "sigma": "log-s.d. of the Monte Carlo elasticity draws (≥ 0)",
}
_VARY_HELP = "NAME=START:STOP:STEP or NAME=a,b,c (repeatable). Names: " + "; ".join(
    f"{k} ({v})" for k, v in VARY_NAMES.items()
)


@app.command("sweep")
def sweep_cmd(
    scenario: Annotated[str, typer.Argument(help="Scenario id (ID or ID/VARIANT) or a .toml path.")],
    vary: Annotated[list[str], typer.Option("--vary", help=_VARY_HELP)],
    draws: Annotated[int, typer.Option("--draws", min=0, help="Monte Carlo elasticity draws per point.")] = 200,
    seed: Annotated[
        int, typer.Option("--seed", min=0, max=2**63 - 1, help="Random seed (draw d uses (seed, d) at every point).")
    ] = 0,
    sigma: Annotated[float, typer.Option("--sigma", min=0.0, help="Log-s.d. of each elasticity draw.")] = 0.25,
    executor: Annotated[
        str, typer.Option("--executor", help="local (Dask LocalCluster), dask://HOST:PORT, or sync (no Dask).")
    ] = "local",
    workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes of the LocalCluster.")] = 2,
    chunk: Annotated[int, typer.Option("--chunk", min=1, help="Draws per task.")] = 25,
    store: StoreOpt = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the sweep summary as JSON.")] = False,
) -> None:
    """Grid × Monte Carlo draws in parallel; each point saved to the store as it finishes (resumable)."""
    sc = load_scenario(scenario)
    varies = [parse_vary(v) for v in vary]
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} points"),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task("sweep", total=None)
        result = sweep(
            sc,
            varies,
            draws=draws,
            seed=seed,
            sigma=sigma,
            executor=executor,
            workers=workers,
            chunk=chunk,
            store=store,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    if json_out:
        out = {
            "sweep_id": result.sweep_id,
            "points": result.n_points,
            "computed": result.computed,
            "skipped": result.skipped,
            "solves": result.solves,
            "wall_s": result.wall_s,
            "solves_per_s": result.solves_per_s,
            "run_ids": list(result.run_ids),
        }
        typer.echo(dumps_json(out, indent=1))
        return
    console.print(result.summary, highlight=False, soft_wrap=True)
    console.print(f"points: `palanca runs list --kind sweep_point` (sweep id {result.sweep_id})", highlight=False)
