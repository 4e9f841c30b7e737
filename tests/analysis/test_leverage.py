"""The leverage report: definitions, reproducibility, bands, dependence indices."""

from __future__ import annotations

import json
from unittest import mock

import numpy as np
import pytest
from typer.testing import CliRunner

from palanca._api import leverage as api_leverage
from palanca.analysis import calc_dependence, leverage
from palanca.cli import app
from palanca.data import load_world
from palanca.data._reference import load_population_m
from palanca.model import rebase
from palanca.scenarios import build_scenario, load_scenario


def result_scenario():
    return load_scenario("us-tariff-30-mex-retaliation")


@pytest.fixture(scope="module")
def result():
    return leverage(result_scenario(), draws=12, seed=7)


def test_usd_and_per_capita_follow_from_the_percent(result):
    built = build_scenario(result_scenario(), load_world("world2023"))
    w = rebase(built.world, closure=built.closure)  # the model-consistent as-of baseline's incomes
    for c in result.countries:
        n = w.country_index(c.country)
        assert c.real_income_usd_bn == pytest.approx(c.real_income_pct / 100 * w.income_usd_m[n] / 1e3, rel=1e-6)
        pop = load_population_m()[c.country]
        assert c.real_income_usd_per_capita == pytest.approx(c.real_income_usd_bn * 1e3 / pop, rel=1e-9)


def test_mexico_loses_more_than_the_us_as_a_share_of_income(result):
    usa, mex = result.outcome("USA"), result.outcome("MEX")
    assert mex.real_income_pct < usa.real_income_pct < 0.05
    h = result.headline
    if usa.low_pct <= 0.0 <= usa.high_pct:  # the US effect cannot be told from zero: no ratio is given
        assert h.verdict == "indistinguishable" and result.loss_ratio is None
    else:
        assert h.verdict == "ratio"
        assert result.loss_ratio == pytest.approx(mex.real_income_pct / usa.real_income_pct)
    for c in result.countries:
        assert c.low_pct <= c.median_pct <= c.high_pct


def test_reproducible_by_seed(result):
    again = leverage(load_scenario("us-tariff-30-mex-retaliation"), draws=12, seed=7)
    assert [c.low_pct for c in again.countries] == [c.low_pct for c in result.countries]
    other = leverage(load_scenario("us-tariff-30-mex-retaliation"), draws=12, seed=8)
    assert [c.low_pct for c in other.countries] != [c.low_pct for c in result.countries]


def test_json_has_stable_keys(result):
    d = json.loads(json.dumps(result.to_dict()))
    assert {"scenario", "between", "loss_ratio", "headline", "countries"} <= set(d)
    assert d["headline"]["verdict"] in {"ratio", "indistinguishable", "opposite_signs"}
    assert {
        "country",
        "real_income_pct",
        "real_income_usd_bn",
        "real_income_usd_per_capita",
        "low_pct",
        "high_pct",
    } <= set(d["countries"][0])
    assert d["between"] == ["USA", "MEX"]


def test_dependence_indices_by_hand():
    w = load_world("world2023")
    d = calc_dependence(w, "USA", "MEX")
    goods = [w.sector_index(s) for s in w.sectors if s != "D35T98"]
    X = w.trade_usd_m[:, :, goods].sum(axis=2)
    us, mx = w.country_index("USA"), w.country_index("MEX")
    mx_exports = X[:, mx].sum() - X[mx, mx]
    assert d.export_share_b_to_a == pytest.approx(X[us, mx] / mx_exports)
    assert 0.0 < d.symmetry <= 1.0 and 0.0 < d.salience <= 1.0
    assert d.hhi_exports_b > d.hhi_exports_a  # Mexico's exports are far more concentrated
    # BACI 2023: Mexico is 15.8% of US goods imports, 77% of Mexico's goods exports go to the US
    assert d.import_share_a_from_b == pytest.approx(0.155, abs=0.01)
    assert d.export_share_b_to_a == pytest.approx(0.77, abs=0.01)


def test_remittance_tax_joins_mexicos_loss():
    r = api_leverage("us-tariff-25-mex", draws=0, remittance_tax=0.05)
    mex = r.outcome("MEX")
    assert mex.other_channels_usd_bn < 0
    assert mex.total_usd_bn == pytest.approx(mex.real_income_usd_bn + mex.other_channels_usd_bn)
    assert r.outcome("USA").other_channels_usd_bn == 0.0


def test_cli_passes_arguments_to_the_api(result):
    runner = CliRunner()
    with mock.patch("palanca.cli.leverage.api_leverage", return_value=result) as api:
        res = runner.invoke(
            app,
            [
                "leverage",
                "--scenario",
                "usmca-collapse",
                "--between",
                "usa",
                "can",
                "--draws",
                "3",
                "--seed",
                "5",
                "--json",
            ],
        )
    assert res.exit_code == 0, res.output
    args, kwargs = api.call_args
    assert args == ("usmca-collapse", ("USA", "CAN"))
    assert kwargs["draws"] == 3 and kwargs["seed"] == 5
    assert json.loads(res.output)["scenario"] == "us-tariff-30-mex-retaliation"


def test_cli_unknown_scenario_is_a_clean_error():
    res = CliRunner().invoke(app, ["leverage", "--scenario", "nope", "--draws", "0"])
    assert res.exit_code == 1
    assert "known ids" in res.output and "Traceback" not in res.output


def test_short_run_differs_from_long_run(result):
    mex = result.outcome("MEX")
    assert not np.isclose(mex.short_run_pct, mex.real_income_pct)


def test_comparators_are_printed_beside_the_matching_palanca_figure():
    r = api_leverage("us-tariff-25-mex", draws=0)
    text = r.summary
    manuf = r.group_output_pct("manufacturing", "MEX")
    assert f"manufacturing gross output {manuf:+.1f}%" in text  # ifo's -13% beside palanca's sector figure
    assert "PIIE" in text and "EY (2025)" in text
    assert manuf < 0
