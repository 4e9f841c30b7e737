"""Benchmark: one NAFTA counterfactual on the Caliendo–Parro world (31 x 40) and a 200-draw
Monte Carlo over trade elasticities. Prints medians; `--json` prints one JSON object.

    python bench/nafta.py [--repeat 30] [--draws 200] [--json]

Single-threaded BLAS is enforced so the figure is "one core".
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import dataclasses  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from palanca.analysis import nafta_shock  # noqa: E402
from palanca.data import cp1993_world, cp_tariffs, read_cp2015  # noqa: E402
from palanca.model import Closure, rebase, solve  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--draws", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2015)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    files = read_cp2015()
    world = cp1993_world(files)
    shock = nafta_shock(world, cp_tariffs(files.tariffs2005_pct))
    closure = Closure.ZERO_DEFICIT
    base = rebase(world, closure=closure)
    solve(world, shock, closure=closure, baseline=base)  # warm-up

    times, iters = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        eq = solve(world, shock, closure=closure, baseline=base)
        times.append(time.perf_counter() - t0)
        iters.append(eq.iterations)
    t0 = time.perf_counter()
    rebase(world, closure=closure)
    rebase_s = time.perf_counter() - t0

    rng = np.random.default_rng(args.seed)
    mex = world.country_index("MEX")
    welfare = []
    t0 = time.perf_counter()
    for _ in range(args.draws):
        theta = world.theta * rng.lognormal(0.0, 0.1, size=world.n_sectors)
        w = dataclasses.replace(world, theta=theta)
        b = rebase(w, closure=closure)  # each draw re-solves its own baseline (theta changes it)
        welfare.append(float(solve(w, shock, closure=closure, baseline=b).welfare_first_order[mex]))
    mc_s = time.perf_counter() - t0

    out = {
        "median_s": statistics.median(times),
        "min_s": min(times),
        "iterations": int(statistics.median(iters)),
        "rebase_s": rebase_s,
        "mc_draws": args.draws,
        "mc_seconds": mc_s,
        "mc_draws_per_s": args.draws / mc_s,
        "mc_mex_welfare_pct_p5_p50_p95": [100 * float(q) for q in np.percentile(welfare, [5, 50, 95])],
        "world": f"cp1993 {world.n_countries}x{world.n_sectors}",
    }
    if args.json:
        print(json.dumps(out))
    else:
        print(
            f"NAFTA counterfactual (31 x 40): median {out['median_s'] * 1e3:.1f} ms, "
            f"min {out['min_s'] * 1e3:.1f} ms, {out['iterations']} iterations "
            f"(re-solving the baseline: {rebase_s * 1e3:.1f} ms)"
        )
        p5, p50, p95 = out["mc_mex_welfare_pct_p5_p50_p95"]
        print(
            f"Monte Carlo over theta (lognormal, 10% s.d.): {args.draws} draws in {mc_s:.2f} s = "
            f"{out['mc_draws_per_s']:.1f} draws/s (each draw: baseline re-solve + counterfactual); "
            f"MEX welfare {p50:.2f}% [{p5:.2f}, {p95:.2f}]"
        )


if __name__ == "__main__":
    main()
