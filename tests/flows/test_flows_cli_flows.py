"""`palanca flows`: exit codes, output, JSON, and the arguments passed to the API."""

from __future__ import annotations

import json
from unittest import mock

import pytest
from typer.testing import CliRunner

from palanca.cli import app
from palanca.flows import Markup

runner = CliRunner()


def test_fentanyl_text_names_sources():
    res = runner.invoke(app, ["flows", "fentanyl", "--markup", "both"])
    assert res.exit_code == 0, res.output
    for word in (
        "CBP",
        "CDC/NCHS",
        "NFLIS",
        "assumption",
        "Rydell & Everingham",
        "additive",
        "multiplic. (sensitivity)",
        "not reproduced",
    ):
        assert word in res.output


def test_fentanyl_json_one_lever():
    res = runner.invoke(app, ["flows", "fentanyl", "--lever", "treatment", "--markup", "additive", "--json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert [r["lever"] for r in d["levers"]] == ["treatment"]
    assert d["rydell_everingham_1994"]["published_ratio"] > 7


def test_fentanyl_passes_arguments_to_api():
    with mock.patch("palanca.cli.flows.fentanyl_levers") as api:
        api.return_value.summary = "ok"
        res = runner.invoke(
            app,
            [
                "flows",
                "fentanyl",
                "--lever",
                "border-interdiction",
                "--spend",
                "2",
                "--markup",
                "multiplicative",
                "--no-store",  # a mocked result has no inputs to save
            ],
        )
    assert res.exit_code == 0, res.output
    api.assert_called_once_with(
        ("border-interdiction",), spend_usd_bn=2.0, markups=(Markup.MULTIPLICATIVE,), fiscal_year=2023
    )


def test_fentanyl_bad_year_exits_1():
    res = runner.invoke(app, ["flows", "fentanyl", "--fiscal-year", "2030"])
    assert res.exit_code == 1 and "choose one of" in res.output


@pytest.mark.parametrize("spend", ["inf", "nan", "-1", "1e15", "0"])
def test_fentanyl_absurd_spend_exits_1_naming_field_value_and_fix(spend):
    res = runner.invoke(app, ["flows", "fentanyl", "--spend", spend])
    assert res.exit_code == 1, res.output
    assert "spend_usd_bn must lie in" in res.output and "--spend 1.0" in res.output
    assert "Traceback" not in res.output and "RuntimeWarning" not in res.output


@pytest.mark.parametrize("budget", ["inf", "nan", "-1"])
def test_interdiction_bad_budget_exits_1_with_fix(budget):
    res = runner.invoke(app, ["flows", "interdiction", "--budget", budget])
    assert res.exit_code == 1, res.output
    assert "budget must be" in res.output and "--budget 2" in res.output and "Traceback" not in res.output


def test_interdiction_help_names_the_optional_solvers():
    res = runner.invoke(app, ["flows", "interdiction", "--help"])
    assert res.exit_code == 0 and "pyomo" in res.output and "(needs palanca)" not in res.output


def test_interdiction_json():
    res = runner.invoke(app, ["flows", "interdiction", "--budget", "2", "--json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert d["budget"] == 2 and len(d["interdicted"]) <= 2
    assert d["max_flow_after"] < d["max_flow_before"]


def test_interdiction_without_opt_extra_names_the_fix():
    err = ImportError("network interdiction needs pyomo and highspy, which are optional: pip install 'palanca[opt]'")
    with mock.patch("palanca.cli.flows.interdict_corridors", side_effect=err):
        res = runner.invoke(app, ["flows", "interdiction", "--budget", "1"])
    assert res.exit_code == 2 and "palanca[opt]" in res.output


def test_values_and_seizure_flows_commands():
    res = runner.invoke(app, ["flows", "values", "--json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert set(d) == {"fentanyl_enforcement", "migration_enforcement", "firearms_action", "inputs"}
    assert d.pop("inputs")["call"] == "cooperation_values"
    for v in d.values():
        assert v["low_usd_bn_per_year"] <= v["central_usd_bn_per_year"] <= v["high_usd_bn_per_year"]
    res = runner.invoke(app, ["flows", "seizure-flows"])
    assert res.exit_code == 0 and "s=25%" in res.output and "CBP" in res.output
