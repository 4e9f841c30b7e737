"""Benchmark: gegravity's documented experiment (Canada–Japan agreement, 30 countries) on palanca.

Times (medians) one experiment solve on a built baseline (`solve_gravity`: cost change, engine
solve, results), the baseline build, the whole ``palanca gravity solve`` command as a process,
and, when gegravity is installed, gegravity's ``OneSectorGE.simulate()`` and its whole
documented script as a process, on the same machine. ``--json`` prints one JSON object.

    python bench/gravity.py [--repeat 50] [--cli-repeat 7] [--json]

Single-threaded BLAS is enforced so the figures are "one core".
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from palanca.data import GEGRAVITY_SAMPLE, gravity_arrays, read_gravity_table  # noqa: E402
from palanca.gravity import gravity_baseline, parse_cost_change, solve_gravity  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
COEF = {
    "lndist": -0.3898623,
    "contiguity": 0.891577,
    "common_language": 0.0326249,
    "pta": 0.4711383,
    "international": -3.412584,
}
SETS = ("pta[CAN,JPN]=1", "pta[JPN,CAN]=1")


def _cli_command(out: Path) -> list[str]:
    exe = shutil.which("palanca", path=str(Path(sys.executable).parent)) or shutil.which("palanca")
    head = [exe] if exe else [sys.executable, "-c", "from palanca.cli import main; main()"]
    coef = ",".join(f"{k}={v}" for k, v in COEF.items()) + ",constant=16.32434"
    args = ["gravity", "solve", str(GEGRAVITY_SAMPLE), "--sigma", "5", "--reference-importer", "DEU"]
    args += ["--coef", coef, "--out", str(out)]
    for s in SETS:
        args += ["--set", s]
    return head + args


def _time_process(cmd: list[str], repeat: int, cpu: list[float] | None = None) -> list[float]:
    """Wall times of ``repeat`` runs; CPU times (user + sys of the child) appended to ``cpu``.

    On a shared, loaded machine the wall time includes waiting for a core; the CPU time does not.
    """
    times = []
    for _ in range(repeat):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        if cpu is not None:
            cpu.append((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime))
    return times


def _gegravity(repeat: int, script_repeat: int) -> dict[str, float]:
    """gegravity's simulate() (fresh model each time: it mutates) and its script as a process."""
    if importlib.util.find_spec("gegravity") is None:
        return {}
    spec = importlib.util.spec_from_file_location(
        "ref", REPO / "tests" / "gravity" / "reference" / "make_gegravity_reference.py"
    )
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    import warnings

    warnings.simplefilter("ignore")
    times = []
    for _ in range(repeat):
        model = ref.prepare_gegravity(GEGRAVITY_SAMPLE)
        t0 = time.perf_counter()
        model.simulate()
        times.append(time.perf_counter() - t0)
    script = (
        "import warnings; warnings.simplefilter('ignore'); import importlib.util as u; "
        f"s = u.spec_from_file_location('r', {str(spec.origin)!r}); m = u.module_from_spec(s); "
        "s.loader.exec_module(m); r = m.run_gegravity(); "
        "r.country_results.to_csv('/dev/null'); r.bilateral_trade_results.to_csv('/dev/null')"
    )
    proc_cpu: list[float] = []
    proc = _time_process([sys.executable, "-c", script], script_repeat, proc_cpu)
    return {
        "gegravity_simulate_median_s": statistics.median(times),
        "gegravity_script_median_s": statistics.median(proc),
        "gegravity_script_cpu_median_s": statistics.median(proc_cpu),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--cli-repeat", type=int, default=7)
    parser.add_argument("--gegravity-repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    table = read_gravity_table(GEGRAVITY_SAMPLE)
    changes = [parse_cost_change(s) for s in SETS]
    build = []
    for _ in range(max(args.repeat // 5, 3)):
        t0 = time.perf_counter()
        base = gravity_baseline(gravity_arrays(table, list(COEF)), COEF, sigma=5.0, reference_importer="DEU")
        build.append(time.perf_counter() - t0)
    solve_gravity(base, changes)  # warm-up
    solves, iters = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        res = solve_gravity(base, changes)
        res.country_records()
        solves.append(time.perf_counter() - t0)
        iters.append(res.equilibrium.iterations)
    cli_cpu: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        cli = _time_process(_cli_command(Path(tmp) / "results.csv"), args.cli_repeat, cli_cpu)
    out = {
        "solve_median_s": statistics.median(solves),
        "solve_min_s": min(solves),
        "engine_iterations": int(statistics.median(iters)),
        "baseline_build_median_s": statistics.median(build),
        "cli_median_s": statistics.median(cli),
        "cli_min_s": min(cli),
        "cli_cpu_median_s": statistics.median(cli_cpu),
        "load_average_1min": os.getloadavg()[0],
        "experiment": "gegravity documented example: pta[CAN,JPN]=pta[JPN,CAN]=1, sigma 5, ref DEU, 30 countries",
        **_gegravity(args.gegravity_repeat, min(args.cli_repeat, 3)),
    }
    if "gegravity_simulate_median_s" in out:
        out["speedup_simulate"] = out["gegravity_simulate_median_s"] / out["solve_median_s"]
    if args.json:
        print(json.dumps(out))
        return
    print(
        f"experiment solve: median {out['solve_median_s'] * 1e3:.2f} ms ({out['engine_iterations']} engine "
        f"iterations); baseline build {out['baseline_build_median_s'] * 1e3:.1f} ms; "
        f"`palanca gravity solve` as a process: median {out['cli_median_s']:.2f} s wall, "
        f"{out['cli_cpu_median_s']:.2f} s CPU (load average {out['load_average_1min']:.1f})"
    )
    if "gegravity_simulate_median_s" in out:
        print(
            f"gegravity 0.3 simulate(): median {out['gegravity_simulate_median_s']:.3f} s "
            f"({out['speedup_simulate']:.0f}x slower); its documented script as a process: "
            f"{out['gegravity_script_median_s']:.2f} s"
        )


if __name__ == "__main__":
    main()
