"""Benchmark: one NAFTA counterfactual on the Caliendo–Parro world (31 x 40) and a 200-draw
Monte Carlo over trade elasticities. Prints medians; `--json` prints one JSON object.

    python bench/nafta.py [--repeat 30] [--draws 200] [--json]

Single-threaded BLAS is enforced so the figure is "one core". The solve is timed on the default
path (the compiled fast path where numba is installed) and, in the same run and alternating with
it, on the numpy reference path; both iteration counts and the largest difference of the results
are printed. The floor is the iteration count times the fastest fused step alone (what the solve
would cost if Anderson mixing, set-up and results were free). The 1-minute load average is printed
beside the figures: the machine may be shared.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import contextlib  # noqa: E402
import dataclasses  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from palanca.analysis import nafta_shock  # noqa: E402
from palanca.data import cp1993_world, cp_tariffs, read_cp2015  # noqa: E402
from palanca.model import Closure, _fast, _solver, rebase, solve  # noqa: E402


@contextlib.contextmanager
def numpy_path():
    """Run the solver on the numpy reference path (the fast path switched off)."""
    available = _fast.AVAILABLE
    _fast.AVAILABLE = False
    try:
        yield
    finally:
        _fast.AVAILABLE = available


def step_floor_s(base, shock, closure, repeat: int = 300) -> float:
    """Fastest single fused step (seconds) on the arrays of this solve; nan without numba."""
    if not _fast.AVAILABLE:
        return float("nan")
    _fast._compile()
    got = {}
    original = _solver._fixed_point

    def spy(step, z0, options):
        got["step"], got["z0"] = step, z0
        return original(step, z0, options)

    _solver._fixed_point = spy
    try:
        with numpy_path():
            _solver.solve_from(base, shock, closure=closure, options=_solver.SolverOptions())
    finally:
        _solver._fixed_point = original
    step = got["step"]
    cells = dict(zip(step.__code__.co_freevars, (c.cell_contents for c in step.__closure__), strict=True))
    cells.setdefault("rebate", cells["tau1"] / (1.0 + cells["tau1"]))  # the step applies the kernel to tau1
    names = ("A", "producer", "rebate", "theta", "has_spend", "beta", "G", "alpha", "va0", "step_scale")
    arrays = _fast._arrays(*(cells[k] for k in names), base.deficit_usd_m, np.ones(base.n_countries))
    n, j = base.n_countries, base.n_sectors
    z = np.ascontiguousarray(got["z0"])
    out = np.empty_like(z)
    work = [np.empty((n, j)) for _ in range(5)]
    num = -1 if cells["num_index"] is None else int(cells["num_index"])
    code = _fast.CLOSURE_CODES[closure.value]
    args = (*arrays[:9], float(cells["scale"]), num, bool(cells["conditional"]), code, *arrays[9:], *work)
    _fast._step(z, out, *args)
    best = float("inf")
    for _ in range(7):
        t0 = time.perf_counter()
        for _ in range(repeat):
            _fast._step(z, out, *args)
        best = min(best, (time.perf_counter() - t0) / repeat)
    return best


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
    load0 = os.getloadavg()[0]
    _fast.START_AFTER_S = 0.0  # time the fast path from the first solve (it starts later in a fresh process)
    eq = solve(world, shock, closure=closure, baseline=base)  # warm-up (compiles or loads the kernels)
    with numpy_path():
        ref = solve(world, shock, closure=closure, baseline=base)

    times, ref_times = [], []
    for _ in range(args.repeat):  # alternate the two paths so that both see the same load
        t0 = time.perf_counter()
        eq = solve(world, shock, closure=closure, baseline=base)
        times.append(time.perf_counter() - t0)
        with numpy_path():
            t0 = time.perf_counter()
            ref = solve(world, shock, closure=closure, baseline=base)
            ref_times.append(time.perf_counter() - t0)
    diff = max(
        float(np.max(np.abs(a - b)))
        for a, b in (
            (eq.wage_hat, ref.wage_hat),
            (eq.price_hat, ref.price_hat),
            (eq.real_income_hat, ref.real_income_hat),
            (eq.expenditure_usd_m / eq.expenditure_usd_m.sum(), ref.expenditure_usd_m / ref.expenditure_usd_m.sum()),
        )
    )
    floor = eq.iterations * step_floor_s(base, shock, closure)
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
        "iterations": eq.iterations,
        "method": eq.method,
        "numpy_median_s": statistics.median(ref_times),
        "numpy_min_s": min(ref_times),
        "numpy_iterations": ref.iterations,
        "speedup": statistics.median(ref_times) / statistics.median(times),
        "max_abs_diff_vs_numpy": diff,
        "floor_s": floor,
        "fast_path": _fast.AVAILABLE,
        "rebase_s": rebase_s,
        "mc_draws": args.draws,
        "mc_seconds": mc_s,
        "mc_draws_per_s": args.draws / mc_s if mc_s > 0 else float("nan"),
        "mc_mex_welfare_pct_p5_p50_p95": [100 * float(q) for q in np.percentile(welfare, [5, 50, 95])]
        if welfare
        else [],
        "world": f"cp1993 {world.n_countries}x{world.n_sectors}",
        "load_average_1min": [load0, os.getloadavg()[0]],
    }
    if args.json:
        print(json.dumps(out))
        return
    print(
        f"NAFTA counterfactual (31 x 40): median {out['median_s'] * 1e3:.1f} ms, min {out['min_s'] * 1e3:.1f} ms, "
        f"{out['iterations']} iterations ({'fast path' if out['fast_path'] else 'numpy path'}); numpy path "
        f"{out['numpy_median_s'] * 1e3:.1f} ms, {out['numpy_iterations']} iterations; x{out['speedup']:.1f}; "
        f"results differ by {diff:.1e}; floor {floor * 1e3:.1f} ms (re-solving the baseline: {rebase_s * 1e3:.1f} ms); "
        f"load {load0:.1f} -> {out['load_average_1min'][1]:.1f}"
    )
    if welfare:
        p5, p50, p95 = out["mc_mex_welfare_pct_p5_p50_p95"]
        print(
            f"Monte Carlo over theta (lognormal, 10% s.d.): {args.draws} draws in {mc_s:.2f} s = "
            f"{out['mc_draws_per_s']:.1f} draws/s (each draw: baseline re-solve + counterfactual); "
            f"MEX welfare {p50:.2f}% [{p5:.2f}, {p95:.2f}]"
        )


if __name__ == "__main__":
    main()
