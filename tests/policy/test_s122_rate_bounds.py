"""The Section 122 surcharge rate is finite, within 0..0.15 (the statutory cap), and warned about off its dates."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from palanca.cli import app
from palanca.cli._app import dumps_json
from palanca.data import load_world
from palanca.errors import PalancaWarning, PolicyError
from palanca.policy import applied_tariffs

runner = CliRunner()


@pytest.mark.parametrize("rate", ["nan", "inf", "-inf"])
def test_non_finite_s122_rate_is_refused(rate):
    r = runner.invoke(app, ["policy", "tariffs", "--s122-rate", rate, "--json"])
    assert r.exit_code == 1
    assert "must be a finite number" in r.output
    assert "NaN" not in r.stdout


def test_percent_s122_rate_is_refused_with_the_fraction():
    r = runner.invoke(app, ["policy", "tariffs", "--s122-rate", "15"])
    assert r.exit_code == 1
    assert "statutory maximum" in r.output and "give 0.15" in r.output


def test_negative_s122_rate_names_the_surcharge_not_the_deals():
    r = runner.invoke(app, ["policy", "tariffs", "--s122-rate", "-1"])
    assert r.exit_code == 1
    assert "Section 122 surcharge rate = -1" in r.output and "deals" not in r.output


def test_s122_rate_off_its_dates_warns():
    with pytest.warns(PalancaWarning, match="not in force on 2025-06-01"):
        applied_tariffs(load_world("world2023"), "2025-06-01", overrides={"us-s122-surcharge": 0.1})


def test_s122_rate_at_the_cap_is_accepted():
    r = runner.invoke(app, ["policy", "tariffs", "--s122-rate", "0.15", "--as-of", "2026-03-01", "--json"])
    assert r.exit_code == 0, r.output
    json.loads(r.stdout)
    with pytest.raises(PolicyError):
        applied_tariffs(load_world("world2023"), "2026-03-01", overrides={"us-s122-surcharge": 0.16})


def test_cli_json_never_writes_nan():
    with pytest.raises(RuntimeError, match="non-finite"):
        dumps_json({"x": float("nan")})
