"""Sweeps: --vary grammar, points applied to scenarios, results vs the leverage API, resume, Dask, CLI."""

from __future__ import annotations

import dataclasses
import json
from unittest import mock

import pytest
from typer.testing import CliRunner

from palanca.analysis import leverage
from palanca.cli import app
from palanca.errors import ScenarioError
from palanca.scenarios import load_scenario
from palanca.store import delete_run, get_run, list_runs
from palanca.sweep import Vary, apply_point, grid_points, parse_vary, point_key, sweep

runner = CliRunner()
SC = "us-tariff-25-mex"


def test_parse_vary_grammar():
    v = parse_vary("us_tariff_mex=0:0.5:0.05")
    assert v.name == "us_tariff_mex" and len(v.values) == 11 and v.values[0] == 0 and v.values[-1] == 0.5
    assert parse_vary("theta_scale=0.5,1,2").values == (0.5, 1.0, 2.0)
    with pytest.raises(ScenarioError, match=r"not a known name\. Known names — us_tariff_mex"):
        parse_vary("tariff_usa=0:1:0.1")
    with pytest.raises(ScenarioError, match="is not START:STOP:STEP"):
        parse_vary("us_tariff_mex=0:0.5:-1")
    with pytest.raises(ScenarioError, match="write rates as fractions"):
        parse_vary("us_tariff_mex=25")
    with pytest.raises(ScenarioError, match=r"theta_scale: value 0\.0 must be > 0"):
        parse_vary("theta_scale=0")
    pts = grid_points([parse_vary("us_tariff_mex=0.1,0.2"), parse_vary("theta_scale=1,2")])
    assert len(pts) == 4 and {point_key(p) for p in pts} == {
        "theta_scale=1,us_tariff_mex=0.1",
        "theta_scale=2,us_tariff_mex=0.1",
        "theta_scale=1,us_tariff_mex=0.2",
        "theta_scale=2,us_tariff_mex=0.2",
    }


def test_values_that_make_one_grid_point_are_refused():
    with pytest.raises(ScenarioError, match=r"--vary us_tariff_mex: the values 0.1 and 0.1 are the same grid point"):
        grid_points([Vary("us_tariff_mex", (0.1, 0.2, 0.1))])
    with pytest.raises(ScenarioError, match=r"the values 0.1 and 0.10000000001 are the same grid point"):
        grid_points([Vary("us_tariff_mex", (0.1, 0.10000000001))])
    assert len(grid_points([Vary("us_tariff_mex", (0.1, 0.1000001))])) == 2


def test_an_unknown_executor_is_refused_before_anything_is_stored(tmp_path):
    store = tmp_path / "s.duckdb"
    for bad in ("bogus", "dask://", "tcp://host:8786"):
        with pytest.raises(ScenarioError, match=r"--executor .*: use local, dask://HOST:PORT or sync"):
            sweep(load_scenario(SC), [Vary("us_tariff_mex", (0.1,))], draws=2, executor=bad, store=store)
    assert not store.exists()


def test_a_dask_scheduler_that_does_not_answer_is_named(tmp_path, monkeypatch):
    pytest.importorskip("dask.distributed")
    import dask

    with (
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
        pytest.raises(
            ScenarioError, match=r"--executor 'dask://127.0.0.1:1': no Dask scheduler answered .* --executor local"
        ),
    ):
        sweep(load_scenario(SC), [Vary("us_tariff_mex", (0.1,))], draws=2, executor="dask://127.0.0.1:1",
              store=tmp_path / "s.duckdb")  # fmt: skip


def test_a_sweep_with_every_point_saved_starts_no_workers(tmp_path, monkeypatch):
    from palanca.sweep import _run

    sc, grid, store = load_scenario(SC), [Vary("us_tariff_mex", (0.1,))], tmp_path / "s.duckdb"
    first = sweep(sc, grid, draws=2, chunk=2, executor="sync", store=store)

    def no_workers(*a, **k):
        raise AssertionError("workers were started")

    monkeypatch.setattr(_run, "_executor", no_workers)
    again = sweep(sc, grid, draws=2, chunk=2, executor="local", store=store)
    assert (first.computed, again.computed, again.skipped) == (1, 0, 1)


def test_apply_point_sets_the_right_blocks():
    sc = load_scenario(SC)
    new, scale, sig = apply_point(sc, {"us_tariff_mex": 0.4, "theta_scale": 0.5})
    assert [b.rate for b in new.tariffs] == [0.4, 0.4] and scale == 0.5 and sig is None
    ret = load_scenario("us-tariff-30-mex-retaliation")
    new = apply_point(ret, {"mex_tariff_usa": 0.1})[0]
    blocks = [b for b in (*new.tariffs, *new.retaliation) if b.imposer == "MEX" and "USA" in b.targets]
    assert blocks and all(b.rate == 0.1 for b in blocks)
    bare = dataclasses.replace(sc, tariffs=())
    added = apply_point(bare, {"us_tariff_mex": 0.2})[0].tariffs
    assert len(added) == 1 and (added[0].imposer, added[0].targets, added[0].rate) == ("USA", ("MEX",), 0.2)


def test_sync_sweep_matches_leverage_api_and_resumes(tmp_path):
    store = tmp_path / "s.duckdb"
    sc = load_scenario(SC)
    grid = [Vary("us_tariff_mex", (0.1, 0.25))]
    r = sweep(sc, grid, draws=4, chunk=2, executor="sync", store=store)
    assert (r.n_points, r.computed, r.skipped, r.solves) == (2, 2, 0, 2 * (4 + 1))  # 1 central per point
    runs = list_runs(store, kind="sweep_point")
    assert len(runs) == 2 and {x.point_key for x in runs} == {"us_tariff_mex=0.1", "us_tariff_mex=0.25"}
    run = get_run(next(x.run_id for x in runs if x.point_key == "us_tariff_mex=0.25"), store)
    mex = next(c for c in run.result["countries"] if c["country"] == "MEX")
    # the 0.25 point of this scenario is the shipped one with energy at 25% too: solve it through the analysis API
    ref = leverage(apply_point(sc, {"us_tariff_mex": 0.25})[0], draws=0).outcome("MEX").real_income_pct
    assert mex["real_income_pct"] == pytest.approx(ref, abs=1e-8)
    assert mex["low_pct"] <= mex["median_pct"] <= mex["high_pct"] and run.result["draws"] == 4
    assert run.info.sweep_id == r.sweep_id and run.solver["converged"] is True

    again = sweep(sc, grid, draws=4, chunk=2, executor="sync", store=store)
    assert (again.computed, again.skipped, again.sweep_id) == (0, 2, r.sweep_id)
    delete_run(run.run_id, store)  # as if interrupted before this point was saved
    resumed = sweep(sc, grid, draws=4, chunk=4, executor="sync", store=store)
    assert (resumed.computed, resumed.skipped) == (1, 1)
    redo = get_run(resumed.run_ids[0], store)
    # draws use (seed, d) at every point: another chunking gives the same percentiles
    assert redo.result["countries"] == run.result["countries"]


@pytest.mark.parametrize("executor", ["local", "dask"])
def test_local_pool_and_dask_give_the_sync_numbers(tmp_path, executor, request):
    sc = load_scenario(SC)
    grid = [Vary("theta_scale", (0.5, 1.0))]
    a = sweep(sc, grid, draws=3, chunk=2, executor="sync", store=tmp_path / "a.duckdb")
    if executor == "dask":
        client = request.getfixturevalue("dask_client")
        executor = "dask://" + client.scheduler.address.removeprefix("tcp://")
    b = sweep(sc, grid, draws=3, chunk=2, executor=executor, workers=2, store=tmp_path / "b.duckdb")
    ra = {get_run(i, tmp_path / "a.duckdb").info.point_key: get_run(i, tmp_path / "a.duckdb") for i in a.run_ids}
    rb = {get_run(i, tmp_path / "b.duckdb").info.point_key: get_run(i, tmp_path / "b.duckdb") for i in b.run_ids}
    assert set(ra) == set(rb) == {"theta_scale=0.5", "theta_scale=1"}
    for k in ra:
        for ca, cb in zip(ra[k].result["countries"], rb[k].result["countries"], strict=True):
            assert ca == pytest.approx(cb, abs=1e-12)  # both executors warm the compiled solver first


def test_sweep_cli(tmp_path):
    store = tmp_path / "s.duckdb"
    args = ["sweep", SC, "--vary", "us_tariff_mex=0.2,0.3", "--draws", "2", "--executor", "sync"]
    res = runner.invoke(app, [*args, "--store", str(store), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["points"] == 2 and out["computed"] == 2 and len(list_runs(store)) == 2
    res = runner.invoke(app, ["sweep", SC, "--vary", "bogus=1", "--executor", "sync", "--store", str(store)])
    assert res.exit_code == 1 and "not a known name" in res.output


def test_sweep_cli_passes_arguments():
    with mock.patch("palanca.cli.sweep.sweep") as api:
        api.return_value.summary = "ok"
        api.return_value.sweep_id = "no-such-sweep"  # the grid read back from the store is then empty
        res = runner.invoke(
            app, ["sweep", SC, "--vary", "us_tariff_mex=0:0.5:0.05", "--draws", "200", "--workers", "2"]
        )
    assert res.exit_code == 0, res.output
    (sc, varies), kw = api.call_args
    assert sc.id == SC and varies[0].name == "us_tariff_mex" and len(varies[0].values) == 11
    assert kw["draws"] == 200 and kw["workers"] == 2 and kw["executor"] == "local"
