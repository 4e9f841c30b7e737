"""`palanca forecast deu`: exit codes, printed errors, the CSV written, the arguments passed to the API."""

from __future__ import annotations

import csv
from pathlib import Path
from unittest import mock

import pytest
from typer.testing import CliRunner

from palanca.cli import app

MOCK = Path(__file__).parent / "mock"
runner = CliRunner()


def test_prints_mae_per_model_and_writes_csv(tmp_path):
    out = tmp_path / "pred.csv"
    res = runner.invoke(app, ["forecast", "deu", str(MOCK / "deu_small.tsv"), "--model", "nash", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "compromise (best)" in res.output and "29.44" in res.output  # (10 + 48.89) / 2
    rows = list(csv.DictReader(out.open()))
    assert list(rows[0]) == ["isnr", "prediction", "low", "high"]  # Nash gives the bargaining set
    assert [r["isnr"] for r in rows] == ["d1i1", "d1i2", "d2i1"]


def test_file_without_outcomes(tmp_path):
    out = tmp_path / "p.csv"
    res = runner.invoke(app, ["forecast", "deu", str(MOCK / "deu_no_out.tsv"), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "no outcomes" in res.output
    assert next(iter(csv.DictReader(out.open())))["isnr"] == "d1i1"


def test_bad_file_exits_1_without_traceback():
    res = runner.invoke(app, ["forecast", "deu", str(MOCK / "deu_bad.tsv")])
    assert res.exit_code == 1 and "is not a number" in res.output and "Traceback" not in res.output


def test_passes_model_to_api():
    from palanca.cli import forecast as cli_forecast
    from palanca.politics import forecast as real

    with mock.patch.object(cli_forecast, "forecast", wraps=real) as spy:
        res = runner.invoke(app, ["forecast", "deu", str(MOCK / "deu_no_out.tsv"), "--model", "exchange"])
    assert res.exit_code == 0, res.output
    assert spy.call_args_list[0].args[1].value == "exchange"


def test_json_output_has_forecasts_and_each_models_mae():
    import json

    res = runner.invoke(app, ["forecast", "deu", str(MOCK / "deu_small.tsv"), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["model"] == "compromise" and [r["isnr"] for r in out["forecasts"]] == ["d1i1", "d1i2", "d2i1"]
    assert out["mae"]["compromise"] == pytest.approx((10 + (60 - 20 / 1.8)) / 2)  # by hand, as in the API test
    assert set(out["mae"]) == {"compromise", "median", "nash", "bdm", "exchange"}
    res = runner.invoke(app, ["forecast", "deu", str(MOCK / "deu_no_out.tsv"), "--json"])
    assert json.loads(res.output)["mae"]["compromise"] is None  # nothing to score: null, not NaN


def test_cv_json_scores_models_by_dossier():
    import json

    res = runner.invoke(app, ["forecast", "cv", str(MOCK / "deu_small.tsv"), "--folds", "2", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["dossiers"] == 1 and out["models"][0]["model"] == "compromise"
    assert out["models"][0]["cv_mae"] == pytest.approx((10 + (60 - 20 / 1.8)) / 2)
