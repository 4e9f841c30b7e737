"""`palanca sweep SCENARIO --vary NAME=START:STOP:STEP --draws N [--executor local|dask://HOST:PORT] [--workers N]`.

After the sweep the grid is printed: one row per grid point (the varied values) with the central real-income
change (%) of the USA and Mexico and its 5–95% band over the draws. With ``--json`` the summary object carries
the same rows under ``"grid"``, one record per point: the varied names with their values, ``run_id``, and
``{USA,MEX}_real_income_pct``, ``{USA,MEX}_low_pct``, ``{USA,MEX}_high_pct``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from palanca.cli._app import app, console, dumps_json, err_console
from palanca.cli._lazy import lazy
from palanca.cli._options import ScenarioWorldOpt
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
PAIR = ("USA", "MEX")


def _grid_records(result: Any, varies: list[Any], store: Path | None) -> list[dict[str, Any]]:
    """One record per grid point in grid order: the varied values, the run id and the pair's figures."""
    from palanca.store import get_run, list_runs
    from palanca.sweep import grid_points, point_key

    by_key = {r.point_key: r.run_id for r in list_runs(store, sweep_id=result.sweep_id)}
    records = []
    for p in grid_points(varies):
        run_id = by_key.get(point_key(p))
        if run_id is None:
            continue
        countries = {c["country"]: c for c in get_run(run_id, store).result.get("countries", [])}
        rec: dict[str, Any] = {**p, "run_id": run_id}
        for c in PAIR:
            fig = countries.get(c, {})
            for key in ("real_income_pct", "low_pct", "high_pct"):
                rec[f"{c}_{key}"] = fig.get(key)
        records.append(rec)
    return records


def _grid_table(records: list[dict[str, Any]], names: list[str]) -> Table:
    table = Table(title="sweep grid: real income change (%), central [5–95% band over the draws]")
    for n in names:
        table.add_column(n, justify="right", no_wrap=True)
    for c in PAIR:
        table.add_column(f"{c} %", justify="right", no_wrap=True)
        table.add_column(f"{c} band", justify="right", no_wrap=True)

    def num(v: Any, fmt: str) -> str:
        return "-" if v is None else format(v, fmt)

    for rec in records:
        cells = [num(rec[n], "g") for n in names]
        for c in PAIR:
            cells.append(num(rec[f"{c}_real_income_pct"], "+.3f"))
            cells.append(f"[{num(rec[f'{c}_low_pct'], '+.3f')}, {num(rec[f'{c}_high_pct'], '+.3f')}]")
        table.add_row(*cells)
    return table


@contextlib.contextmanager
def _sigterm_as_ctrl_c() -> Iterator[None]:
    """A SIGTERM (from ``timeout``, a job scheduler, a container's stop) ends the sweep as Ctrl-C does: the
    finished points are saved and the workers ended, instead of the process dying with them unsaved."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


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
        str, typer.Option("--executor", help="local (worker processes here), dask://HOST:PORT, or sync (no workers).")
    ] = "local",
    workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes of --executor local.")] = 2,
    chunk: Annotated[int, typer.Option("--chunk", min=1, help="Draws per task.")] = 25,
    world: ScenarioWorldOpt = None,
    store: StoreOpt = None,
    json_out: Annotated[
        bool, typer.Option("--json", help='Print the sweep summary and its grid (under "grid") as JSON.')
    ] = False,
) -> None:
    """Grid × Monte Carlo draws in parallel; each point saved to the store as it finishes (resumable).

    Prints the grid: each point's varied values with the USA's and Mexico's real-income change and band.
    """
    sc = load_scenario(scenario)
    if world is not None:
        from palanca._api import load_world

        load_world(world)  # a clean error for an unknown name or a folder that is not a world
        sc = dataclasses.replace(sc, world=str(Path(world).resolve()) if Path(world).is_dir() else world)
    varies = [parse_vary(v) for v in vary]
    with (
        _sigterm_as_ctrl_c(),
        Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total} points"),
            TimeRemainingColumn(),
            console=err_console,
            transient=True,
        ) as bar,
    ):
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
    records = _grid_records(result, varies, store)
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
            "grid": records,
        }
        typer.echo(dumps_json(out, indent=1))
        return
    console.print(result.summary, highlight=False, soft_wrap=True)
    console.print(_grid_table(records, [v.name for v in varies]))
    console.print(f"points: `palanca runs list --kind sweep_point` (sweep id {result.sweep_id})", highlight=False)
