"""Scaling: solve time and memory on random worlds of growing size (N countries x J sectors), and of one
optimal-tariff and one tariff-war computation.

For each size, in a fresh process: a random world (`palanca.testing.random_world`, fixed seed),
its model-consistent baseline (`rebase`), then a counterfactual that raises every tariff by 10
points, solved ``--repeat`` times on the default path (compiled where numba is installed) and on
the numpy reference path; also the value-added breakdown of one exporter
(`palanca.model.calc_va_content_of`). Then, each in a fresh process on world2023 (81 x 28), one
optimal-tariff computation (`palanca.model.optimal_tariff(world, "USA")`) and one USA–MEX tariff
war (`palanca.model.tariff_war`), the cases of `bench/tariff.py`. Prints medians, iteration (or
solve) counts, the peak resident memory of each process and the 1-minute load average; ``--json``
prints one JSON object.

    python bench/scaling.py [--sizes 31x40,81x28,150x28,200x50] [--repeat 5] [--no-strategic] [--json]
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


def strategic(kind: str, repeat: int) -> dict[str, object]:
    from palanca.data import load_world
    from palanca.model import optimal_tariff, rebase, tariff_war

    world = load_world("world2023")
    base = rebase(world)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        if kind == "optimal":
            r = optimal_tariff(world, "USA", baseline=base)
            solves, result = r.iterations, {"USA": r.tariff}
        else:
            r = tariff_war(world, ("USA", "MEX"), baseline=base)
            solves, result = r.evaluations, dict(r.tariffs)
        times.append(time.perf_counter() - t0)
    return {
        "case": kind,
        "n": world.n_countries,
        "j": world.n_sectors,
        "median_s": statistics.median(times),
        "solves": solves,
        "tariffs": result,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "load_average_1min": os.getloadavg()[0],
    }


def _fresh(args: list[str]) -> dict[str, object]:
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="31x40,81x28,150x28,200x50")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-strategic", action="store_true", help="skip the optimal-tariff and tariff-war rows")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one in ("optimal", "war"):
        print(json.dumps(strategic(a.one, max(1, min(a.repeat, 3)))))
        return
    if a.one:
        n, j = (int(v) for v in a.one.split("x"))
        print(json.dumps(one(n, j, a.repeat)))
        return
    rows = [_fresh(["--one", size, "--repeat", str(a.repeat)]) for size in a.sizes.split(",")]
    cases = [] if a.no_strategic else [_fresh(["--one", k, "--repeat", str(a.repeat)]) for k in ("optimal", "war")]
    if a.json:
        print(json.dumps({"sizes": rows, "strategic": cases}, indent=1))
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
    if cases:
        print()
        print("| computation (world2023, 81 x 28) | time | equilibrium solves | result | peak RSS | load |")
        print("| --- | --- | --- | --- | --- | --- |")
        for c in cases:
            name = "optimal US tariff" if c["case"] == "optimal" else "USA–MEX tariff war (Nash)"
            res = ", ".join(f"{k} {100 * v:.2f}%" for k, v in c["tariffs"].items())
            print(
                f"| {name} | {c['median_s']:.2f} s | {c['solves']} | {res} | {c['peak_rss_mb']:.0f} MB | "
                f"{c['load_average_1min']:.1f} |"
            )


if __name__ == "__main__":
    main()
