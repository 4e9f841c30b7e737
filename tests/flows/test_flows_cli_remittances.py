"""`palanca remittances`: exit codes, output, JSON keys, and the arguments passed to the API."""

from __future__ import annotations

import json
from unittest import mock

from typer.testing import CliRunner

from palanca.cli import app
from palanca.flows import Horizon

runner = CliRunner()


def test_show_state_table():
    res = runner.invoke(app, ["remittances", "show", "--by", "state"])
    assert res.exit_code == 0, res.output
    assert "Chiapas" in res.output and "INEGI" in res.output


def test_show_json_us_state():
    res = runner.invoke(app, ["remittances", "show", "--by", "us-state", "--json"])
    assert res.exit_code == 0
    rows = json.loads(res.output)["rows"]
    assert rows[0]["us_state"].startswith("California")


def test_tax_json_has_required_keys():
    res = runner.invoke(app, ["remittances", "tax", "--rate", "0.01", "--draws", "200", "--json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert d["rate"] == 0.01
    assert d["national_change_usd_bn"]["low"] <= d["national_change_usd_bn"]["high"] < 0
    assert len(d["states"]) == 32


def test_tax_text_names_its_sources():
    res = runner.invoke(app, ["remittances", "tax", "--rate", "0.05", "--draws", "100"])
    assert res.exit_code == 0
    for word in ("Banxico", "BBVA Research (2025)", "IMF WP/22/218", "assumption", "INEGI", "Hindcast"):
        assert word in res.output
    assert "as cited in" not in res.output and " issue " not in res.output.lower()


def test_tax_bad_rate_exits_1_without_traceback():
    res = runner.invoke(app, ["remittances", "tax", "--rate", "2"])
    assert res.exit_code == 1
    assert "rate must lie in" in res.output and "Traceback" not in res.output


def test_tax_absurd_draws_exit_1_not_memory_error():
    res = runner.invoke(app, ["remittances", "tax", "--draws", "100000000000", "--no-store"])
    assert res.exit_code == 1, res.output
    assert "draws must lie in" in res.output and "--draws 2000" in res.output
    assert "MemoryError" not in res.output and "Traceback" not in res.output


def test_tax_negative_seed_exits_1_naming_the_fix():
    res = runner.invoke(app, ["remittances", "tax", "--seed", "-1", "--draws", "10", "--no-store"])
    assert res.exit_code == 1, res.output
    assert "seed must lie in" in res.output and "--seed 0" in res.output and "Traceback" not in res.output


def test_tax_passes_arguments_to_api():
    with mock.patch("palanca.cli.remittances.remittance_tax") as api:
        api.return_value.summary = "ok"
        res = runner.invoke(
            app,
            [
                "remittances",
                "tax",
                "--rate",
                "0.035",
                "--cash-share",
                "1",
                "--elasticity",
                "-1.2",
                "--seed",
                "3",
                "--no-store",
            ],
        )
    assert res.exit_code == 0
    api.assert_called_once_with(
        0.035,
        cash_share=1.0,
        elasticity=-1.2,
        substitution=None,
        horizon=Horizon.FIRST_YEAR,
        year=2025,
        draws=2000,
        seed=3,
    )
