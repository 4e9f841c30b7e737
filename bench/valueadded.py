"""Value-added breakdown: time and peak memory of one exporter's value-added origin
(`palanca.model.calc_va_content_of`, what `palanca.analysis.decompose_exports` uses) and of the full
content table (`calc_va_content`), one fresh process per case; ``--inverse`` also times the dense
Leontief inverse they replace (avoid it at 200 x 50: about 60 s and 4 GB).

    python bench/valueadded.py [--cases world2023,200x50] [--repeat 3] [--inverse] [--json]

Single-threaded BLAS is enforced so the figure is "one core"; the 1-minute load average is printed.
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


def one(case: str, what: str, repeat: int) -> dict[str, object]:
    import numpy as np

    from palanca.model import calc_leontief, calc_mrio_coefficients, calc_va_content, calc_va_content_of

    if "x" in case:
        from palanca.testing import random_world

        n, j = (int(v) for v in case.split("x"))
        world = random_world(np.random.default_rng(2026), n, j)
    else:
        from palanca.data import load_world

        world = load_world(case)
    args = (world.trade_share, world.tariff, world.va_share, world.io)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        if what == "exporter":
            calc_va_content_of(*args, world.n_countries - 1)
        elif what == "table":
            calc_va_content(*args)
        else:
            calc_leontief(calc_mrio_coefficients(*args)[0])
        times.append(time.perf_counter() - t0)
    return {
        "case": f"{case} ({world.n_countries} x {world.n_sectors})",
        "what": what,
        "median_s": statistics.median(times),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_before_mb": rss0,
        "load_average_1min": os.getloadavg()[0],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", default="world2023,200x50")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--inverse", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        print(json.dumps(one(a.one[0], a.one[1], a.repeat)))
        return
    rows = []
    for case in a.cases.split(","):
        for what in ("exporter", "table", *(("inverse",) if a.inverse else ())):
            cmd = [sys.executable, __file__, "--one", case, what, "--repeat", str(a.repeat)]
            proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
            rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    if a.json:
        print(json.dumps(rows, indent=1))
        return
    for r in rows:
        print(
            f"{r['case']}, {r['what']}: median {r['median_s']:.3f} s, peak RSS {r['peak_rss_mb']:.0f} MB "
            f"({r['rss_before_mb']:.0f} MB before); load {r['load_average_1min']:.1f}"
        )


if __name__ == "__main__":
    main()
