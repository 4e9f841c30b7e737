"""A scenario on an aggregated world folder starts from the tariffs in force, not from the world's 2023 tariffs.

The registry is applied on the source world (world2023) and aggregated (`palanca.policy.aggregate_source`), so
`us-tariff-25-mex` on an aggregate gives close to what it gives on the full world (-1.8191% for Mexico). On the
usmca-china regions (sectors kept) the gap is 0.0015 points (-1.8206%), from merging the third countries whose
goods compete with Mexico's; applying the registry directly to the merged regions would give -1.8310%. On the
goods-services sectors (all goods one sector) the gap is 0.008 points (-1.8115%); the aggregate's own 2023
tariffs give -2.4030%. The tolerances (0.005 and 0.05 points) are a few times the gaps and well below the
errors of the other baselines.
"""

from __future__ import annotations

import dataclasses
import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from palanca.analysis import leverage
from palanca.cli import app
from palanca.data import load_world
from palanca.errors import ScenarioError
from palanca.scenarios import build_scenario, load_scenario
from palanca.store import get_run

runner = CliRunner()
REGISTRY = "(palanca policy registry, on the source world world2023, aggregated)"


def _write(out, *maps: str):
    res = runner.invoke(app, ["world", "aggregate", "world2023", *maps, "--out", str(out)])
    assert res.exit_code == 0, res.output
    return out


@pytest.fixture(scope="module")
def regions_dir(tmp_path_factory):
    return _write(tmp_path_factory.mktemp("agg") / "uc", "--regions", "usmca-china")


@pytest.fixture(scope="module")
def sectors_dir(tmp_path_factory):
    return _write(tmp_path_factory.mktemp("agg") / "gs", "--sectors", "goods-services")


@pytest.fixture(scope="module")
def full_mex():
    return leverage(load_scenario("us-tariff-25-mex"), draws=0).outcome("MEX").real_income_pct


def _baseline(built) -> str:
    return next(line for line in built.log if line.startswith("baseline: "))


def test_regions_aggregate_uses_the_registry_on_the_source_world(regions_dir, full_mex):
    sc = load_scenario("us-tariff-25-mex")
    built = build_scenario(sc, load_world(regions_dir))
    assert _baseline(built) == f"baseline: tariffs in force on {built.as_of} {REGISTRY}"
    run = leverage(sc, draws=0, world=load_world(regions_dir))
    mex = run.outcome("MEX").real_income_pct
    assert full_mex == pytest.approx(-1.82, abs=0.005)
    assert mex == pytest.approx(full_mex, abs=0.005)
    # the figures of docs/policy.md's table, as printed there (three decimals)
    assert (round(mex, 3), round(run.outcome("USA").real_income_pct, 3)) == (-1.821, -0.018)


def test_sectors_aggregate_uses_the_registry_on_the_source_world(sectors_dir, full_mex):
    # us-tariff-25-mex names the energy group, which goods-services merges into GDS: the same 25% on all goods.
    sc = load_scenario("us-tariff-25-mex")
    one = dataclasses.replace(sc, tariffs=(dataclasses.replace(sc.tariffs[0], sectors=("goods",)),))
    built = build_scenario(one, load_world(sectors_dir))
    assert _baseline(built) == f"baseline: tariffs in force on {built.as_of} {REGISTRY}"
    run = leverage(one, draws=0, world=load_world(sectors_dir))
    mex = run.outcome("MEX").real_income_pct
    assert mex == pytest.approx(full_mex, abs=0.05)
    assert (round(mex, 3), round(run.outcome("USA").real_income_pct, 3)) == (-1.812, -0.036)  # docs/policy.md


def test_an_aggregate_that_its_source_does_not_reproduce_falls_back_and_says_why(regions_dir, tmp_path):
    stale = tmp_path / "stale"
    stale.mkdir()
    for f in regions_dir.iterdir():
        (stale / f.name).write_bytes(f.read_bytes())
    flows = pd.read_parquet(stale / "flows.parquet")
    flows["trade_usd_m"] *= 1.001
    flows.to_parquet(stale / "flows.parquet", index=False)
    world = load_world(stale)
    built = build_scenario(load_scenario("us-tariff-25-mex"), world)
    line = _baseline(built)
    assert line.startswith("baseline: the world's own tariffs")
    assert "does not reproduce its flows" in line and "another copy of world2023" in line
    assert "aggregate it again: palanca world aggregate world2023 --regions usmca-china --out DIR" in line
    assert (built.world.tariff == world.tariff).all()
    post = load_scenario("us-tariff-25-mex")
    post = dataclasses.replace(post, usmca_preferences=False)
    with pytest.raises(ScenarioError, match=r"reads the policy registry: .*does not reproduce its flows"):
        build_scenario(post, world)


def test_cli_prints_and_records_the_baseline(regions_dir, tmp_path):
    store = tmp_path / "runs.duckdb"
    res = runner.invoke(
        app, ["scenario", "run", "us-tariff-25-mex", "--world", str(regions_dir), "--store", str(store)]
    )
    assert res.exit_code == 0, res.output
    assert f"baseline: tariffs in force on 2026-07-24 {REGISTRY}" in " ".join(res.output.split())
    stored = get_run(1, store).result
    assert stored["baseline"] == f"tariffs in force on 2026-07-24 {REGISTRY}"
    res = runner.invoke(
        app, ["scenario", "run", "us-tariff-25-mex", "--world", str(regions_dir), "--no-store", "--json"]
    )
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["baseline"] == f"tariffs in force on 2026-07-24 {REGISTRY}"


def test_the_2023_tariff_rows_of_the_docs_table(sectors_dir):
    # before the first 2025 action the registry adds nothing: the baseline is each world's own 2023 tariffs
    sc = dataclasses.replace(load_scenario("us-tariff-25-mex"), as_of="2024-12-31")
    full = leverage(sc, draws=0)
    assert (round(full.outcome("MEX").real_income_pct, 3), round(full.outcome("USA").real_income_pct, 3)) == (
        -2.320,
        0.013,
    )
    one = dataclasses.replace(sc, tariffs=(dataclasses.replace(sc.tariffs[0], sectors=("goods",)),))
    agg = leverage(one, draws=0, world=load_world(sectors_dir))
    assert (round(agg.outcome("MEX").real_income_pct, 3), round(agg.outcome("USA").real_income_pct, 3)) == (
        -2.403,
        0.019,
    )
