"""Benchmark: one optimal-tariff and one tariff-war computation on world2023 (81 x 28).

    python bench/tariff.py [--repeat 3] [--world world2023] [--json]

Times `palanca.model.optimal_tariff(world, "USA")` (uniform US tariff on every partner's goods) and
`palanca.model.tariff_war(world, ("USA", "MEX"))` (Nash equilibrium of bilateral uniform tariffs),
each from a rebased baseline, and prints the median wall time, the number of equilibrium solves and
the results. Single-threaded BLAS is enforced; the 1-minute load average is printed beside the
figures because the machine may be shared.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

from palanca.data import load_world  # noqa: E402
from palanca.model import optimal_tariff, rebase, tariff_war  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--world", default="world2023")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    world = load_world(args.world)
    base = rebase(world)
    opt_s, war_s = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        opt = optimal_tariff(world, "USA", baseline=base)
        opt_s.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        war = tariff_war(world, ("USA", "MEX"), baseline=base)
        war_s.append(time.perf_counter() - t0)
    out = {
        "world": args.world,
        "repeat": args.repeat,
        "optimal_tariff_median_s": statistics.median(opt_s),
        "optimal_tariff_solves": opt.iterations,
        "optimal_us_tariff": opt.tariff,
        "tariff_war_median_s": statistics.median(war_s),
        "tariff_war_solves": war.evaluations,
        "tariff_war_rounds": war.iterations,
        "nash_tariffs": war.tariffs,
        "nash_welfare_pct": {c: war.welfare_pct[c] for c in war.tariffs},
        "load_average_1m": os.getloadavg()[0],
    }
    if args.json:
        print(json.dumps(out, indent=1))
        return
    print(f"world {args.world}, {args.repeat} repeats, load average {out['load_average_1m']:.2f} (shared machine)")
    print(
        f"optimal_tariff(USA): median {out['optimal_tariff_median_s']:.2f} s, {opt.iterations} solves, "
        f"t* = {100 * opt.tariff:.2f}%"
    )
    print(
        f"tariff_war(USA, MEX): median {out['tariff_war_median_s']:.2f} s, {war.evaluations} solves, "
        f"{war.iterations} rounds, " + ", ".join(f"{c} {100 * t:.2f}%" for c, t in war.tariffs.items())
    )


if __name__ == "__main__":
    main()
