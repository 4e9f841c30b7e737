"""A typo in a scenario id, variant, world name, country or sector code gets the closest known name suggested."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from palanca.cli import app
from palanca.data import load_world
from palanca.errors import DataFormatError, ScenarioError, UnknownCountryError, UnknownSectorError
from palanca.scenarios import load_scenario

runner = CliRunner()


@pytest.mark.parametrize(
    ("call", "error", "suggestion"),
    [
        (lambda: load_scenario("us-tarif-25-mex"), ScenarioError, "did you mean 'us-tariff-25-mex'?"),
        (lambda: load_scenario("us-tariff-25-mex/usmca-exemp"), ScenarioError, "did you mean 'usmca-exempt'?"),
        (lambda: load_world("wolrd2023"), DataFormatError, "did you mean 'world2023'?"),
        (lambda: load_world().country_index("MXE"), UnknownCountryError, "did you mean 'MEX'?"),
        (lambda: load_world().sector_index("C92"), UnknownSectorError, "did you mean 'C29'?"),
    ],
)
def test_suggestion_in_the_domain_error(call, error, suggestion):
    with pytest.raises(error) as info:
        call()
    assert suggestion in str(info.value)


def test_no_suggestion_when_nothing_is_close():
    with pytest.raises(UnknownCountryError) as info:
        load_world().country_index("QQQ")
    assert "did you mean" not in str(info.value) and "known ISO3 codes" in str(info.value)


def test_cli_prints_the_suggestion_and_exits_1():
    res = runner.invoke(app, ["scenario", "show", "usmca-colapse"])
    assert res.exit_code == 1
    assert "did you mean 'usmca-collapse'?" in res.output
    res = runner.invoke(app, ["leverage", "--between", "USA", "MXE", "--draws", "0", "--no-store"])
    assert res.exit_code == 1 and "did you mean 'MEX'?" in res.output
