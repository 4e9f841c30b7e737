"""Start-up stays light: ``palanca --help`` imports no heavy package, and the closed choices that the
CLI spells out (so as not to import the API at start-up) equal the API's own."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("pandas", "scipy", "duckdb", "pyarrow", "numba", "dask")


def _modules_after(argv: list[str]) -> list[str]:
    code = (
        "import json, sys\n"
        "from palanca.cli import app\n"
        f"sys.argv = {['palanca', *argv]!r}\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert "Usage" in proc.stdout
    return json.loads(proc.stderr.strip().splitlines()[-1])


def test_help_imports_no_heavy_package():
    assert _modules_after(["--help"]) == []


def test_group_help_imports_no_heavy_package():
    for group in ("flows", "world", "tariff", "runs", "remittances", "forecast"):
        assert _modules_after([group, "--help"]) == [], group


def test_spelled_out_choices_equal_the_api():
    from palanca.cli import flows, forecast, remittances, tariff
    from palanca.cli import sweep as cli_sweep
    from palanca.flows import LEVERS, Horizon, RemittanceViewBy
    from palanca.model import Closure
    from palanca.politics import ForecastModel
    from palanca.sweep import VARY_NAMES

    assert tuple(flows.LEVER_KEYS) == tuple(LEVERS)
    assert [m.value for m in forecast.ModelChoice] == [m.value for m in ForecastModel]
    assert [m.value for m in remittances.ViewByChoice] == [m.value for m in RemittanceViewBy]
    assert [m.value for m in remittances.HorizonChoice] == [m.value for m in Horizon]
    assert [m.value for m in tariff.Closure] == [m.value for m in Closure]
    assert cli_sweep.VARY_NAMES == VARY_NAMES
