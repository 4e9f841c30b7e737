"""`palanca world …` commands."""

from __future__ import annotations

import json
from unittest import mock

from typer.testing import CliRunner

from palanca.cli import app

runner = CliRunner()


def test_world_list_and_show():
    r = runner.invoke(app, ["world", "list", "--json"])
    assert r.exit_code == 0
    out = json.loads(r.stdout)
    assert "world2023" in out["worlds"] and "usmca-china" in out["maps"]
    r = runner.invoke(app, ["world", "show", "world2023", "--json"])
    assert r.exit_code == 0
    s = json.loads(r.stdout)
    assert (s["year"], s["n_economies"], s["n_sectors"], s["elasticities"]) == (2023, 81, 28, "FGO")
    r = runner.invoke(app, ["world", "show", "world2023", "--elasticities", "CP"])
    assert r.exit_code == 0 and "CP" in r.stdout


def test_world_flows_json_matches_baci():
    r = runner.invoke(app, ["world", "flows", "world2023", "--origin", "MEX", "--destination", "USA",
                            "--sector", "goods", "--json"])  # fmt: skip
    assert r.exit_code == 0
    assert json.loads(r.stdout)["value_usd_m"] == __import__("pytest").approx(459_146.17, rel=1e-6)


def test_world_flows_passes_arguments_to_the_api():
    with mock.patch("palanca.cli.world.bilateral_flow", return_value=1.5) as f:
        r = runner.invoke(app, ["world", "flows", "world2023", "--origin", "MEX", "--destination", "USA",
                                "--sector", "C29", "--sector", "C26", "--json"])  # fmt: skip
    assert r.exit_code == 0 and json.loads(r.stdout) == {"value_usd_m": 1.5}
    _, origin, dest, sectors = f.call_args.args
    assert (origin, dest, sectors) == ("MEX", "USA", ["C29", "C26"])


def test_world_errors_exit_1():
    r = runner.invoke(app, ["world", "flows", "world2023", "--origin", "XXX", "--destination", "USA"])
    assert r.exit_code == 1 and "not in world" in r.output
    r = runner.invoke(app, ["world", "show", "nope"])
    assert r.exit_code == 1 and "not shipped" in r.output


def test_world_aggregate(tmp_path):
    r = runner.invoke(app, ["world", "aggregate", "world2023", "--regions", "usmca-china",
                            "--sectors", "goods-services", "--out", str(tmp_path / "agg")])  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "EU27" in r.stdout and (tmp_path / "agg" / "flows.parquet").exists()
