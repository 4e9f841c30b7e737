"""Scaling: solve time and memory on random worlds of growing size (N countries x J sectors).

For each size, in a fresh process: a random world (`palanca.testing.random_world`, fixed seed),
its model-consistent baseline (`rebase`), then a counterfactual that raises every tariff by 10
points, solved ``--repeat`` times on the default path (compiled where numba is installed) and on
the numpy reference path; also the value-added breakdown of one exporter
(`palanca.model.calc_va_content_of`). Prints medians, iteration counts, the peak
resident memory of the process and the 1-minute load average; ``--json`` prints one JSON object.

    python bench/scaling.py [--sizes 31x40,81x28,150x28,200x50] [--repeat 5] [--json]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402


def one(n: int, j: int, repeat: int) -> dict[str, object]:
    import numpy as np

    from palanca.model import Closure, Shock, _fast, calc_va_content_of, rebase, solve
    from palanca.testing import random_world

    world = random_world(np.random.default_rng(2026), n, j)
    closure = Closure.FIXED_DEFICIT
    t0 = time.perf_counter()
    base = rebase(world, closure=closure)
    first_s = time.perf_counter() - t0  # where the fast path starts here, this includes numba's start-up
    t0 = time.perf_counter()
    rebase(world, closure=closure)
    rebase_s = time.perf_counter() - t0
    tau = np.array(base.tariff) + 0.10 * (1.0 - np.eye(n))[:, :, None]
    shock = Shock(tariff=tau, label="+10 points everywhere")
    out: dict[str, object] = {"n": n, "j": j, "first_rebase_s": first_s, "rebase_s": rebase_s}
    available = _fast.AVAILABLE
    _fast.START_AFTER_S = 0.0  # the fast path from the first solve (a fresh process starts it later)
    for label, fast in (("default", available), ("numpy", False)):
        _fast.AVAILABLE = fast
        solve(world, shock, closure=closure, baseline=base)  # warm-up
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            eq = solve(world, shock, closure=closure, baseline=base)
            times.append(time.perf_counter() - t0)
        out[f"{label}_median_s"] = statistics.median(times)
        out[f"{label}_iterations"] = eq.iterations
    _fast.AVAILABLE = available
    out["fast_path"] = available
    t0 = time.perf_counter()
    calc_va_content_of(base.trade_share, base.tariff, base.va_share, base.io, 0)
    out["va_breakdown_s"] = time.perf_counter() - t0
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["load_average_1min"] = os.getloadavg()[0]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="31x40,81x28,150x28,200x50")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        n, j = (int(v) for v in a.one.split("x"))
        print(json.dumps(one(n, j, a.repeat)))
        return
    rows = []
    for size in a.sizes.split(","):
        proc = subprocess.run(
            [sys.executable, __file__, "--one", size, "--repeat", str(a.repeat)],
            capture_output=True,
            text=True,
            check=True,
        )
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    if a.json:
        print(json.dumps(rows, indent=1))
        return
    print("| N x J | solve (default) | solve (numpy) | iterations | rebase (first) | VA breakdown | peak RSS | load |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(
            f"| {r['n']} x {r['j']} | {r['default_median_s'] * 1e3:.0f} ms | {r['numpy_median_s'] * 1e3:.0f} ms | "
            f"{r['default_iterations']} / {r['numpy_iterations']} | "
            f"{r['rebase_s'] * 1e3:.0f} ms ({r['first_rebase_s'] * 1e3:.0f} ms) | "
            f"{r['va_breakdown_s'] * 1e3:.0f} ms | {r['peak_rss_mb']:.0f} MB | {r['load_average_1min']:.1f} |"
        )


if __name__ == "__main__":
    main()
