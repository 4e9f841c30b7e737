"""An aggregated world written with `palanca world aggregate … --out DIR` loads by path, in Python and the CLI."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from palanca.cli import app
from palanca.data import aggregate, elasticity_sets, load_region_map, load_world
from palanca.errors import DataFormatError

runner = CliRunner()


@pytest.fixture(scope="module")
def agg_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("agg") / "na"
    res = runner.invoke(app, ["world", "aggregate", "world2023", "--regions", "north-america", "--out", str(out)])
    assert res.exit_code == 0, res.output
    return out


def test_load_world_reads_the_folder_back_as_the_same_world(agg_dir):
    expected = aggregate(load_world("world2023"), load_region_map("north-america"), None)
    w = load_world(agg_dir)
    assert w.name == expected.name and w.countries == ("USA", "MEX", "CAN", "ROW")
    np.testing.assert_allclose(w.trade_usd_m, expected.trade_usd_m, rtol=1e-12)
    np.testing.assert_allclose(w.theta, expected.theta, rtol=1e-12)
    assert set(elasticity_sets(w)) == set(elasticity_sets(load_world("world2023")))  # the sets travel too
    assert load_world(str(agg_dir)).digest == w.digest


def test_leverage_runs_on_the_folder(agg_dir, tmp_path):
    res = runner.invoke(
        app,
        ["leverage", "--world", str(agg_dir), "--draws", "0", "--json", "--store", str(tmp_path / "s.duckdb")],
    )
    assert res.exit_code == 0, res.output
    d = json.loads(res.output[res.output.index("{") :])
    assert d["world"] == "world2023:north-america:sectors"
    assert {c["country"] for c in d["countries"]} == {"USA", "MEX", "CAN"}
    shown = runner.invoke(app, ["runs", "show", "1", "--json", "--store", str(tmp_path / "s.duckdb")])
    assert shown.exit_code == 0, shown.output
    run = json.loads(shown.output)
    assert run["world"] == "world2023:north-america:sectors" and len(run["world_digest"]) == 64  # saved, with digest


def test_unknown_world_suggests_the_closest_name():
    with pytest.raises(DataFormatError, match=r"did you mean 'world2023'\?"):
        load_world("world2032")
