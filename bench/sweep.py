"""Sweep speed: throughput (solves/s), the speed-up from 1 to 2 Dask workers, and the workers'
user and system CPU time and page faults.

Runs the same sweep (us-tariff-25-mex, a tariff grid × elasticity draws) on a LocalCluster of 1 and
then 2 worker processes, each into a fresh temporary store, ``--repeat`` times, and prints the
medians. The cluster starts as ``--executor local`` starts it (`palanca.sweep._run.local_cluster_config`:
the workers' allocator settings `LOCAL_WORKER_ENV` and the cluster's `LOCAL_DASK_CONFIG`) and, with
``--compare-nanny-default``, also with the workers' environment of Dask's default
``MALLOC_TRIM_THRESHOLD_=65536``. "compute" excludes the cluster's start-up and the workers' one-off
readying (`palanca.sweep._point.warm_worker`: world loaded, compiled solver loaded; timed apart as
"warm-up"); CPU times and page faults are the workers' own over the compute (``getrusage`` in each
worker, summed). The 1-minute load average is printed beside the figures: on a shared machine the
speed-up is bounded by the free cores.

    .venv/bin/python bench/sweep.py [--points 8] [--draws 40] [--chunk 10] [--repeat 1]
        [--compare-nanny-default] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

from palanca.scenarios import load_scenario
from palanca.sweep import Vary, sweep
from palanca.sweep._point import warm_worker
from palanca.sweep._run import LOCAL_WORKER_ENV, local_cluster_config


def _usage() -> tuple[float, float, int]:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime, r.ru_stime, r.ru_minflt


def run(workers: int, points: int, draws: int, chunk: int, env: dict[str, str]) -> dict[str, float]:
    import dask
    from dask.distributed import Client, LocalCluster

    sc = load_scenario("us-tariff-25-mex")
    grid = [Vary("us_tariff_mex", tuple(round(0.05 * k, 4) for k in range(points)))]
    for k in env:  # the nanny lets this process's environment override its config, and leaks into it
        os.environ.pop(k, None)
    with (
        dask.config.set(local_cluster_config(env)),
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
        tempfile.TemporaryDirectory() as tmp,
    ):
        t0 = time.perf_counter()
        client.run(warm_worker, sc.world)  # what sweep() does first: the workers' one-off start-up, timed apart
        warmup = time.perf_counter() - t0
        before = client.run(_usage)
        address = cluster.scheduler_address.removeprefix("tcp://")
        r = sweep(sc, grid, draws=draws, executor=f"dask://{address}", chunk=chunk, store=Path(tmp) / "s.duckdb")
        after = client.run(_usage)
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


def measure(points: int, draws: int, chunk: int, repeat: int, env: dict[str, str]) -> dict[str, object]:
    out: dict[str, object] = {}
    for w in (1, 2):
        runs = [run(w, points, draws, chunk, env) for _ in range(repeat)]
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
    ap.add_argument("--compare-nanny-default", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    envs = {"palanca": dict(LOCAL_WORKER_ENV)}
    if a.compare_nanny_default:
        envs["nanny_default"] = {
            "MALLOC_TRIM_THRESHOLD_": "65536",
            **{k: v for k, v in LOCAL_WORKER_ENV.items() if not k.startswith("MALLOC")},
        }
    out: dict[str, object] = {"points": a.points, "draws": a.draws, "chunk": a.chunk, "repeat": a.repeat}
    for name, env in envs.items():
        out[name] = measure(a.points, a.draws, a.chunk, a.repeat, env)
    if a.json:
        print(json.dumps(out, indent=1))
        return
    for name in envs:
        res = out[name]  # type: ignore[index]
        print(f"worker environment: {name}")
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
