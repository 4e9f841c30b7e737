"""Benchmark: a 500-draw leverage run on the shipped world (target ≤ 8 s on 2 cores).

python bench/leverage.py [--scenario us-tariff-25-mex] [--draws 500] [--repeat 1] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

from palanca._api import leverage
from palanca.data import load_world


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scenario", default="us-tariff-25-mex")
    ap.add_argument("--draws", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    load_world("world2023")  # loading is not part of the run
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        r = leverage(args.scenario, draws=args.draws, seed=0)
        times.append(time.perf_counter() - t0)
    out = {
        "scenario": args.scenario,
        "draws": args.draws,
        "median_s": statistics.median(times),
        "per_draw_ms": 1e3 * statistics.median(times) / max(args.draws, 1),
        "iterations_central": r.equilibrium.iterations,
        "mex_real_income_pct": r.outcome("MEX").real_income_pct,
        "mex_band_pct": [r.outcome("MEX").low_pct, r.outcome("MEX").high_pct],
        "load_1min": os.getloadavg()[0],
    }
    if args.json:
        print(json.dumps(out))
    else:
        print(
            f"leverage {args.scenario}, {args.draws} draws on world2023 (81 x 28): median "
            f"{out['median_s']:.1f} s ({out['per_draw_ms']:.0f} ms per draw); MEX "
            f"{out['mex_real_income_pct']:+.2f}% [{out['mex_band_pct'][0]:+.2f}, {out['mex_band_pct'][1]:+.2f}] "
            f"(load {out['load_1min']:.2f})"
        )


if __name__ == "__main__":
    main()
