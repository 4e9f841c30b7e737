"""`palanca tariff`: exit codes, JSON shape, and that the CLI passes its arguments to the API."""

from __future__ import annotations

import json

import numpy as np
from typer.testing import CliRunner

from palanca.cli import app
from palanca.testing import random_world


def test_war_json_on_a_small_world(monkeypatch):
    import palanca._api as api

    world = random_world(np.random.default_rng(7), 3, 2)
    seen = {}
    original = api.tariff_war

    def spy(w, players, **kw):
        seen.update(players=players, **kw)
        return original(world, players, **kw)

    monkeypatch.setattr(api, "tariff_war", spy)
    a, b = world.countries[:2]
    out = CliRunner().invoke(app, ["tariff", "war", "--world", "any", "--players", a, b, "--json"])
    assert out.exit_code == 0, out.output
    got = json.loads(out.output)
    assert seen["players"] == (a, b)
    assert set(got["tariffs"]) == {a, b} and got["converged"] is True
    assert got["iterations"] >= 1 and set(got["welfare_pct"]) == set(world.countries)


def test_bad_inputs_exit_1_or_2_without_traceback():
    runner = CliRunner()
    out = runner.invoke(app, ["tariff", "war", "--players", "USA", "XXX"])
    assert out.exit_code == 1 and "Traceback" not in out.output and "XXX" in out.output
    out = runner.invoke(app, ["tariff", "war", "--fixed", "USA=abc"])
    assert out.exit_code == 2
    out = runner.invoke(app, ["tariff", "optimal", "USA", "--bounds", "0.5,0.1"])
    assert out.exit_code == 1 and "bounds" in out.output


def test_cli_fiscal_choices_are_the_models():
    from palanca.cli import tariff
    from palanca.model import Fiscal

    assert [m.value for m in tariff.Fiscal] == [m.value for m in Fiscal]


def test_labour_options_reach_the_api(monkeypatch):
    import palanca._api as api

    world = random_world(np.random.default_rng(7), 3, 2)
    seen = {}
    original = api.tariff_war

    def spy(w, players, **kw):
        seen.update(kw)
        return original(world, players, **kw)

    monkeypatch.setattr(api, "tariff_war", spy)
    a, b = world.countries[:2]
    args = ["tariff", "war", "--players", a, b, "--labour-elasticity", "0.5", "--fiscal", "income_tax", "--json"]
    out = CliRunner().invoke(app, args)
    assert out.exit_code == 0, out.output
    assert seen["labour_elasticity"] == 0.5 and seen["fiscal"] == "income_tax"
