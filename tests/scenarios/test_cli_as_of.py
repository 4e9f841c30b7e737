"""`palanca scenario run --as-of`: the baseline date reaches the builder; a bad date is a clean error."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from palanca.cli import app

runner = CliRunner()


def _mex(args: list[str]) -> float:
    res = runner.invoke(app, ["scenario", "run", "us-tariff-25-mex", "--no-store", "--json", *args])
    assert res.exit_code == 0, res.output
    return next(c["real_income_pct"] for c in json.loads(res.output)["countries"] if c["country"] == "MEX")


def test_as_of_changes_the_baseline_of_a_scenario():
    # The same 25% tariff costs Mexico a different share of income on the 2024 baseline and on the
    # baseline of 1 June 2025 (IEEPA 25% on the non-USMCA share and Section 232 already in force).
    before, during = _mex(["--as-of", "2024-12-31"]), _mex(["--as-of", "2025-06-01"])
    assert before < 0 and during < 0
    assert abs(before - during) > 0.01


def test_bad_as_of_is_a_clean_error():
    res = runner.invoke(app, ["scenario", "run", "us-tariff-25-mex", "--no-store", "--as-of", "June"])
    assert res.exit_code == 1
    assert "as_of = 'June': is not an ISO date" in res.output and "Traceback" not in res.output
