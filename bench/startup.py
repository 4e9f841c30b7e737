"""Whole-process times of CLI commands: ``palanca --help``, ``palanca validate cp2015`` and the gravity
bench case (``palanca gravity solve`` on gegravity's sample, as in `bench/gravity.py`).

Prints, for each command, the median wall time and the median CPU time (user + system of the
child) over ``--repeat`` runs, and the 1-minute load average: on a loaded machine the wall time
includes waiting for a core, the CPU time does not.

    python bench/startup.py [--repeat 7] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gravity import _cli_command


def _palanca() -> list[str]:
    exe = shutil.which("palanca", path=str(Path(sys.executable).parent)) or shutil.which("palanca")
    return [exe] if exe else [sys.executable, "-c", "from palanca.cli import main; main()"]


def _time(cmd: list[str], repeat: int) -> dict[str, float]:
    wall, cpu = [], []
    for _ in range(repeat):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        wall.append(time.perf_counter() - t0)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime))
    return {"median_wall_s": statistics.median(wall), "median_cpu_s": statistics.median(cpu)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    out: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        cases = {
            "palanca --help": [*_palanca(), "--help"],
            "palanca validate cp2015": [*_palanca(), "validate", "cp2015"],
            "palanca gravity solve (bench case)": _cli_command(Path(tmp) / "r.csv"),
        }
        for name, cmd in cases.items():
            out[name] = {**_time(cmd, a.repeat), "load_average_1min": os.getloadavg()[0]}
    if a.json:
        print(json.dumps(out, indent=1))
        return
    for name, r in out.items():
        print(
            f"{name}: median {r['median_wall_s']:.2f} s wall, {r['median_cpu_s']:.2f} s CPU "
            f"(load {r['load_average_1min']:.1f})"
        )


if __name__ == "__main__":
    main()
