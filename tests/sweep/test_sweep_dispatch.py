"""Handing chunks to workers as they free up: each point's baseline solved once, the work spread over
the workers, the finished points kept when a sweep stops on an error, and the workers readied first."""

from __future__ import annotations

import sys

import pytest

from palanca.data import load_world
from palanca.errors import WorldValidationError
from palanca.scenarios import load_scenario
from palanca.store import list_runs
from palanca.sweep import Vary, sweep
from palanca.sweep import _run as run_module
from palanca.sweep._dispatch import dispatch
from palanca.sweep._grid import apply_point
from palanca.sweep._point import prepare_point, warm_worker
from palanca.sweep._pool import LocalPool

SC = "us-tariff-25-mex"
COUNTRIES = ("USA", "MEX")


def test_each_point_is_prepared_once_and_both_dask_workers_compute(dask_client):
    from dask.distributed import get_task_stream  # dask_client skips without the dask extra

    sc = load_scenario(SC)
    digest = load_world(sc.world).digest
    points = [{"us_tariff_mex": t} for t in (0.05, 0.15, 0.25, 0.35)]
    tasks = [(p, (apply_point(sc, p)[0], 1.0, COUNTRIES, digest), 0.25) for p in points]
    chunks = [[0, 1], [2, 3], [4, 5]]
    prepared: dict[str, object] = {}
    with get_task_stream(dask_client) as ts:
        out = list(dispatch(dask_client, tasks, chunks, 0, True, prepared))
    assert len(out) == len(points) * len(chunks)
    for p in points:  # every chunk of every point came back once
        got = sorted(tuple(part["draws"]) for q, part in out if q == p)
        assert got == [tuple(c) for c in chunks]
    names = [str(t["key"][0] if isinstance(t["key"], tuple) else t["key"]) for t in ts.data]
    assert sum(n.startswith("prepare_point") for n in names) == len(points)  # one baseline per point
    per_worker = {}
    for t in ts.data:
        if "solve_draws" in str(t["key"]):
            per_worker[t["worker"]] = per_worker.get(t["worker"], 0) + 1
    assert len(per_worker) == 2  # both workers computed (how many each depends on the machine's load)


def test_a_sweep_that_stops_on_an_error_keeps_its_finished_points(tmp_path, monkeypatch):
    sc = load_scenario(SC)
    calls = {"n": 0}
    real = run_module.solve_draws

    def failing(prep, *a, **k):
        calls["n"] += 1
        if calls["n"] == 3:  # the first chunk of the second point
            raise RuntimeError("a worker died")
        return real(prep, *a, **k)

    monkeypatch.setattr(run_module, "solve_draws", failing)
    monkeypatch.setattr(run_module, "SAVE_EVERY_S", 1e9)  # nothing would be saved before the end
    store = tmp_path / "s.duckdb"
    with pytest.raises(RuntimeError, match="a worker died"):
        sweep(sc, [Vary("us_tariff_mex", (0.1, 0.2))], draws=4, chunk=2, executor="sync", store=store)
    assert [r.point_key for r in list_runs(store, kind="sweep_point")] == ["us_tariff_mex=0.1"]


def test_finished_points_are_saved_together(tmp_path, monkeypatch):
    saves = []
    real = run_module.save_runs

    def counting(records, store):
        saves.append(len(records))
        return real(records, store)

    monkeypatch.setattr(run_module, "save_runs", counting)
    monkeypatch.setattr(run_module, "SAVE_EVERY_S", 1e9)
    r = sweep(
        load_scenario(SC), [Vary("us_tariff_mex", (0.1, 0.2, 0.3))], draws=2, chunk=2, executor="sync",
        store=tmp_path / "s.duckdb",
    )  # fmt: skip
    assert saves == [3] and r.computed == 3 and len(set(r.run_ids)) == 3


def test_warm_worker_loads_the_world_and_refuses_another_copy():
    world = load_world("world2023")
    assert warm_worker("world2023", world.digest) >= 0.0
    with pytest.raises(WorldValidationError, match=r"on this worker has digest .* the client's has 0000"):
        warm_worker("world2023", "0000")


def test_a_prepared_point_tells_dask_its_size():
    prep = prepare_point(load_scenario(SC), 1.0, COUNTRIES)
    arrays = prep.base.trade_usd_m.nbytes + prep.base.tariff.nbytes + prep.central.trade_share.nbytes
    assert sys.getsizeof(prep) >= arrays  # what Dask's sizeof reads for an object it does not know


def test_a_long_point_does_not_hold_back_the_points_finished_before_it(tmp_path, monkeypatch):
    import types

    from palanca.store import done_point_keys, scenario_to_toml

    clock = [0.0]
    monkeypatch.setattr(run_module, "time", types.SimpleNamespace(perf_counter=lambda: clock[0]))
    monkeypatch.setattr(run_module, "SAVE_EVERY_S", 10.0)
    real = run_module.solve_draws
    seen: list[set[str]] = []
    sid = []
    calls = [0]

    def timed(prep, draws, *a, **k):
        calls[0] += 1
        n = calls[0]
        if n == 1:
            clock[0] += 11.0  # the first point finishes after SAVE_EVERY_S: saved at once
        elif n >= 5:  # the third point's chunks take 20 s each
            if n == 6:
                seen.append(done_point_keys(sid[0], store))
            clock[0] += 20.0
        return real(prep, draws, *a, **k)

    sc = load_scenario(SC)
    grid = [Vary("us_tariff_mex", (0.1, 0.2, 0.3))]
    store = tmp_path / "s.duckdb"
    spec = {"vary": {"us_tariff_mex": [0.1, 0.2, 0.3]}, "draws": 4, "seed": 0, "sigma": 0.25}
    sid.append(run_module._sweep_id(scenario_to_toml(sc), spec))
    monkeypatch.setattr(run_module, "solve_draws", timed)
    r = sweep(sc, grid, draws=4, chunk=2, executor="sync", store=store)
    assert r.sweep_id == sid[0] and r.computed == 3
    # the second point finished 20 s (> SAVE_EVERY_S) before the third point's last chunk started
    assert seen == [{"us_tariff_mex=0.1", "us_tariff_mex=0.2"}]


def test_a_failing_point_is_named_in_the_error_on_every_executor(tmp_path, monkeypatch, dask_client):
    sc = load_scenario(SC)
    digest = load_world(sc.world).digest
    points = [{"us_tariff_mex": 0.1}, {"us_tariff_mex": 0.2}]
    # on workers: the second point's baseline is asked for with another world's digest, which its worker refuses
    digests = (digest, "0000")
    tasks = [(p, (apply_point(sc, p)[0], 1.0, COUNTRIES, d), 0.25) for p, d in zip(points, digests, strict=True)]
    with pytest.raises(WorldValidationError) as err:  # on Dask workers
        list(dispatch(dask_client, tasks, [[0, 1]], 0, True, {}))
    assert str(err.value).startswith("grid point us_tariff_mex=0.2: world 'world2023' on this worker has digest")
    # in-process: the same prefix
    real = run_module.prepare_point

    def refuse_second(scenario, *a, **k):
        if scenario.tariffs[0].rate == 0.2:
            raise WorldValidationError("no equilibrium here")
        return real(scenario, *a, **k)

    monkeypatch.setattr(run_module, "prepare_point", refuse_second)
    with pytest.raises(WorldValidationError, match=r"^grid point us_tariff_mex=0.2: no equilibrium here$"):
        sweep(sc, [Vary("us_tariff_mex", (0.1, 0.2))], draws=2, chunk=2, executor="sync", store=tmp_path / "s.duckdb")
    assert [r.point_key for r in list_runs(tmp_path / "s.duckdb", kind="sweep_point")] == ["us_tariff_mex=0.1"]


def test_a_cluster_without_workers_is_refused_after_a_wait(monkeypatch):
    pytest.importorskip("dask.distributed")
    from dask.distributed import Client, LocalCluster

    from palanca.errors import ScenarioError
    from palanca.sweep import _dispatch

    monkeypatch.setattr(_dispatch, "WAIT_FOR_WORKERS_S", 1.0)
    sc = load_scenario(SC)
    tasks = [({"us_tariff_mex": 0.1}, (apply_point(sc, {"us_tariff_mex": 0.1})[0], 1.0, COUNTRIES, None), 0.25)]
    with (
        LocalCluster(n_workers=0, processes=False, dashboard_address=None) as cluster,
        Client(cluster) as client,
        pytest.raises(ScenarioError, match=r"no worker for 1 s: start workers with `dask worker"),
    ):
        list(dispatch(client, tasks, [[0]], 0, True, {}))


def test_a_dask_worker_that_joins_mid_sweep_is_readied_before_its_chunks(monkeypatch):
    pytest.importorskip("dask.distributed")
    import dask
    from dask.distributed import Client, LocalCluster, get_task_stream

    from palanca.sweep import _dispatch

    monkeypatch.setattr(_dispatch, "REFRESH_S", 0.0)  # look for new workers at every finished chunk
    sc = load_scenario(SC)
    digest = load_world(sc.world).digest
    points = [{"us_tariff_mex": t} for t in (0.05, 0.1, 0.15, 0.2, 0.25, 0.3)]
    tasks = [(p, (apply_point(sc, p)[0], 1.0, COUNTRIES, digest), 0.25) for p in points]
    chunks = [[2 * k, 2 * k + 1] for k in range(10)]  # long enough (about 5 s) for the new worker to start
    with (
        dask.config.set(run_module.local_cluster_config()),
        LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
        get_task_stream(client) as ts,
    ):
        first = set(client.nthreads())
        client.run(warm_worker, sc.world, digest)  # as sweep() readies the workers present at the start
        out = []
        for item in dispatch(client, tasks, chunks, 0, True, {}):
            out.append(item)
            if len(out) == 1:
                cluster.scale(2)
                client.wait_for_workers(2, timeout=120)
    assert len(out) == len(points) * len(chunks)
    (new,) = {t["worker"] for t in ts.data} - first
    mine = sorted((t["startstops"][0]["start"], str(t["key"])) for t in ts.data if t["worker"] == new)
    assert "warm_worker" in mine[0][1]  # readied first
    assert any("solve_draws" in key for _, key in mine[1:])  # then it computed chunks


def test_a_failing_point_is_named_in_the_error_on_the_local_pool():
    sc = load_scenario(SC)
    digest = load_world(sc.world).digest
    points = [{"us_tariff_mex": 0.1}, {"us_tariff_mex": 0.2}]
    digests = (digest, "0000")  # the second point's baseline is asked for with another world's digest
    tasks = [(p, (apply_point(sc, p)[0], 1.0, COUNTRIES, d), 0.25) for p, d in zip(points, digests, strict=True)]
    with LocalPool(1) as pool, pytest.raises(WorldValidationError) as err:
        list(pool.dispatch(tasks, [[0, 1]], 0, True))
    assert str(err.value).startswith("grid point us_tariff_mex=0.2: world 'world2023' on this worker has digest")
