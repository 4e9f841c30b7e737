"""`palanca tariff optimal|war` and `palanca validate liberation-day`: arguments reach the API; bad input exits 1."""

from __future__ import annotations

from unittest import mock

import pytest
from typer.testing import CliRunner

from palanca.cli import app
from palanca.errors import ConvergenceError, WorldValidationError

runner = CliRunner()


def test_optimal_passes_the_labour_closure_to_the_api():
    err = WorldValidationError("stop here")
    with mock.patch("palanca._api.optimal_tariff", side_effect=err) as api:
        res = runner.invoke(
            app, ["tariff", "optimal", "usa", "--labour-elasticity", "0.5", "--fiscal", "income_tax", "--json"]
        )
    assert res.exit_code == 1 and "stop here" in res.output and "Traceback" not in res.output
    args, kwargs = api.call_args
    assert args[1] == "USA"
    assert kwargs["labour_elasticity"] == 0.5 and kwargs["fiscal"] == "income_tax"


@pytest.mark.parametrize("command", [["optimal", "MEX"], ["war", "--players", "USA", "MEX"]])
def test_the_as_of_date_reaches_the_api(command):
    err = WorldValidationError("stop here")
    name = "optimal_tariff" if command[0] == "optimal" else "tariff_war"
    with mock.patch(f"palanca._api.{name}", side_effect=err) as api:
        res = runner.invoke(app, ["tariff", *command, "--as-of", "2025-06-01", "--json"])
    assert res.exit_code == 1 and "stop here" in res.output
    assert api.call_args.kwargs["as_of"] == "2025-06-01"
    with mock.patch(f"palanca._api.{name}", side_effect=err) as api:
        runner.invoke(app, ["tariff", *command, "--json"])
    assert api.call_args.kwargs["as_of"] is None  # the API's default: the newest date of the registry


@pytest.mark.parametrize("rate", ["nan", "inf", "-2", "-1"])
def test_war_rejects_a_fixed_rate_that_is_not_a_fraction(rate):
    res = runner.invoke(app, ["tariff", "war", "--players", "MEX", "--fixed", f"USA={rate}", "--json"])
    assert res.exit_code == 1, res.output
    assert "fixed['USA']" in res.output and "Traceback" not in res.output


@pytest.mark.parametrize(
    "argv",
    [
        ["tariff", "optimal", "ZZZ"],
        ["tariff", "optimal", "USA", "--bounds", "0,nan"],
        ["tariff", "optimal", "USA", "--target", "USA"],
        ["tariff", "optimal", "USA", "--as-of", "2025-13-01"],
        ["tariff", "war", "--as-of", "yesterday"],
        ["tariff", "war", "--players", "USA,USA"],
        ["tariff", "war", "--players", "USA", "--fixed", "USA=0.2"],
        ["tariff", "war", "--players", "USA MEX", "--world", "nowhere"],
    ],
)
def test_bad_tariff_arguments_exit_1_with_a_message(argv):
    res = runner.invoke(app, argv)
    assert res.exit_code == 1, res.output
    assert "error" in res.output.lower() and "Traceback" not in res.output


def test_validate_liberation_day_reports_a_failed_solve():
    err = ConvergenceError("the Liberation Day model did not solve", iterations=3, residual=1.0)
    with mock.patch("palanca.analysis.validate_liberation_day", side_effect=err):
        res = runner.invoke(app, ["validate", "liberation-day"])
    assert res.exit_code == 1
    assert "did not solve" in res.output and "Traceback" not in res.output
