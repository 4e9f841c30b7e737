"""Sweep speed: throughput (solves/s), the speed-up from 1 to 2 workers, and the workers' user and
system CPU time and page faults.

Runs the same sweep (us-tariff-25-mex, a tariff grid × elasticity draws) on 1 and then 2 worker
processes, each into a fresh temporary store, ``--repeat`` times, and prints the medians. The workers
are those of ``--executor local`` (`palanca.sweep._pool.LocalPool`, started with `LOCAL_WORKER_ENV`);
with ``--compare-dask`` also a Dask ``LocalCluster`` configured for sweeps
(`palanca.sweep._run.local_cluster_config`, reached as ``--executor dask://…``), and with
``--compare-nanny-default`` that cluster with the workers' environment of Dask's default
``MALLOC_TRIM_THRESHOLD_=65536``. "compute" excludes the workers' start-up and one-off readying
(`palanca.sweep._point.warm_worker`: world loaded, compiled solver loaded; timed apart as "warm-up");
CPU times and page faults are the workers' own over the compute (``getrusage`` in each worker, summed).
The 1-minute load average is printed beside the figures: on a shared machine the speed-up is bounded
by the free cores.

    .venv/bin/python bench/sweep.py [--points 8] [--draws 40] [--chunk 10] [--repeat 1]
        [--compare-dask] [--compare-nanny-default] [--json]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from palanca.scenarios import load_scenario
from palanca.sweep import Vary, sweep
from palanca.sweep._point import warm_worker
from palanca.sweep._pool import LocalPool
from palanca.sweep._run import LOCAL_WORKER_ENV, local_cluster_config
from palanca.sweep._worker import cpu_usage


@contextlib.contextmanager
def _workers(kind: str, workers: int, env: dict[str, str]) -> Iterator[tuple[Any, Any]]:
    """``(object with .run(fn, *args), the sweep's executor)`` for the local pool or a Dask LocalCluster."""
    if kind == "pool":
        with LocalPool(workers, env) as pool:
            yield pool, pool
        return
    import dask
    from dask.distributed import Client, LocalCluster

    for k in env:  # the nanny lets this process's environment override its config, and leaks into it
        os.environ.pop(k, None)
    with (
        dask.config.set(local_cluster_config(env)),
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        yield client, "dask://" + cluster.scheduler_address.removeprefix("tcp://")


def run(kind: str, workers: int, points: int, draws: int, chunk: int, env: dict[str, str]) -> dict[str, float]:
    sc = load_scenario("us-tariff-25-mex")
    grid = [Vary("us_tariff_mex", tuple(round(0.05 * k, 4) for k in range(points)))]
    with _workers(kind, workers, env) as (client, executor), tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        client.run(warm_worker, sc.world)  # what sweep() does first: the workers' one-off start-up, timed apart
        warmup = time.perf_counter() - t0
        before = client.run(cpu_usage)
        r = sweep(sc, grid, draws=draws, executor=executor, chunk=chunk, store=Path(tmp) / "s.duckdb")
        after = client.run(cpu_usage)
    user = sum(after[w][0] - before[w][0] for w in after)
    system = sum(after[w][1] - before[w][1] for w in after)
    faults = sum(after[w][2] - before[w][2] for w in after)
    return {
        "solves": r.solves,
        "wall_s": r.wall_s,
        "warmup_s": warmup,
        "compute_s": r.compute_s,
        "user_s": user,
        "sys_s": system,
        "minor_faults": faults,
    }


def measure(kind: str, points: int, draws: int, chunk: int, repeat: int, env: dict[str, str]) -> dict[str, object]:
    out: dict[str, object] = {}
    for w in (1, 2):
        runs = [run(kind, w, points, draws, chunk, env) for _ in range(repeat)]
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        out[f"workers_{w}"] = {
            "solves": runs[0]["solves"],
            "median_wall_s": med["wall_s"],
            "median_warmup_s": med["warmup_s"],
            "median_compute_s": med["compute_s"],
            "solves_per_s": runs[0]["solves"] / med["compute_s"],
            "user_s": med["user_s"],
            "sys_s": med["sys_s"],
            "sys_over_user": med["sys_s"] / med["user_s"] if med["user_s"] > 0 else float("nan"),
            "minor_faults": int(med["minor_faults"]),
            "load_average_1min": os.getloadavg()[0],
        }
    w1, w2 = out["workers_1"], out["workers_2"]  # type: ignore[index]
    out["speedup_compute"] = w1["median_compute_s"] / w2["median_compute_s"]
    out["speedup_wall"] = w1["median_wall_s"] / w2["median_wall_s"]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--points", type=int, default=8)
    ap.add_argument("--draws", type=int, default=40)
    ap.add_argument("--chunk", type=int, default=10, help="draws per task")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--compare-dask", action="store_true", help="also on a Dask LocalCluster configured for sweeps")
    ap.add_argument("--compare-nanny-default", action="store_true", help="also on a Dask LocalCluster, Dask's env")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    envs = {"local_pool": ("pool", dict(LOCAL_WORKER_ENV))}
    if a.compare_dask:
        envs["dask_local_cluster"] = ("dask", dict(LOCAL_WORKER_ENV))
    if a.compare_nanny_default:
        blas = {k: v for k, v in LOCAL_WORKER_ENV.items() if not k.startswith("MALLOC")}
        envs["dask_nanny_default"] = ("dask", {"MALLOC_TRIM_THRESHOLD_": "65536", **blas})
    out: dict[str, object] = {"points": a.points, "draws": a.draws, "chunk": a.chunk, "repeat": a.repeat}
    for name, (kind, env) in envs.items():
        out[name] = measure(kind, a.points, a.draws, a.chunk, a.repeat, env)
    if a.json:
        print(json.dumps(out, indent=1))
        return
    for name in envs:
        res = out[name]  # type: ignore[index]
        print(f"workers: {name}")
        for w in (1, 2):
            r = res[f"workers_{w}"]
            print(
                f"  {w} worker(s): {r['solves']} solves, compute {r['median_compute_s']:.1f} s "
                f"({r['solves_per_s']:.1f} solves/s), warm-up {r['median_warmup_s']:.2f} s, "
                f"wall {r['median_wall_s']:.1f} s; workers' CPU user {r['user_s']:.1f} s, "
                f"sys {r['sys_s']:.2f} s ({100 * r['sys_over_user']:.1f}%), "
                f"{r['minor_faults']} page faults; load {r['load_average_1min']:.1f}"
            )
        print(f"  speed-up 1 -> 2 workers: {res['speedup_compute']:.2f}x compute, {res['speedup_wall']:.2f}x wall")


if __name__ == "__main__":
    main()
