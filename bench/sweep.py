"""Sweep speed: throughput (solves/s) and the speed-up from 1 to 2 Dask workers.

Runs the same sweep (us-tariff-25-mex, a tariff grid × elasticity draws) on a LocalCluster with 1
and then 2 worker processes, each into a fresh temporary store, ``--repeat`` times, and prints the
medians. "compute" excludes the cluster's start-up; "wall" includes it.

    .venv/bin/python bench/sweep.py [--points 8] [--draws 40] [--repeat 1] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
from pathlib import Path

from palanca.scenarios import load_scenario
from palanca.sweep import Vary, sweep


def run(workers: int, points: int, draws: int) -> dict[str, float]:
    sc = load_scenario("us-tariff-25-mex")
    grid = [Vary("us_tariff_mex", tuple(round(0.05 * k, 4) for k in range(points)))]
    with tempfile.TemporaryDirectory() as tmp:
        r = sweep(sc, grid, draws=draws, executor="local", workers=workers, chunk=10, store=Path(tmp) / "s.duckdb")
    return {"solves": r.solves, "wall_s": r.wall_s, "compute_s": r.compute_s}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--points", type=int, default=8)
    ap.add_argument("--draws", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    out: dict[str, object] = {"points": a.points, "draws": a.draws, "repeat": a.repeat}
    for w in (1, 2):
        runs = [run(w, a.points, a.draws) for _ in range(a.repeat)]
        solves = runs[0]["solves"]
        out[f"workers_{w}"] = {
            "solves": solves,
            "median_wall_s": statistics.median(r["wall_s"] for r in runs),
            "median_compute_s": statistics.median(r["compute_s"] for r in runs),
            "solves_per_s": solves / statistics.median(r["compute_s"] for r in runs),
        }
    w1, w2 = out["workers_1"], out["workers_2"]  # type: ignore[index]
    out["speedup_compute"] = w1["median_compute_s"] / w2["median_compute_s"]
    out["speedup_wall"] = w1["median_wall_s"] / w2["median_wall_s"]
    if a.json:
        print(json.dumps(out, indent=1))
        return
    for w in (1, 2):
        r = out[f"workers_{w}"]  # type: ignore[index]
        print(
            f"{w} worker(s): {r['solves']} solves, compute {r['median_compute_s']:.1f} s "
            f"({r['solves_per_s']:.1f} solves/s), wall {r['median_wall_s']:.1f} s"
        )
    print(f"speed-up 1 -> 2 workers: {out['speedup_compute']:.2f}x compute, {out['speedup_wall']:.2f}x wall")


if __name__ == "__main__":
    main()
