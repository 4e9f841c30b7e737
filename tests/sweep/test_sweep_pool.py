"""The local pool of sweep workers: each point's baseline solved once and copied where its chunks go,
baselines dropped when a point is done, a stopped worker named, errors that cross the process boundary,
Ctrl-C left to the parent."""

from __future__ import annotations

import os
import signal

import numpy as np
import pytest

from palanca.data import load_world
from palanca.errors import ConvergenceError, ScenarioError
from palanca.scenarios import load_scenario
from palanca.sweep._grid import apply_point, point_key
from palanca.sweep._point import prepare_point, solve_draws, warm_worker
from palanca.sweep._pool import LocalPool, _portable, worker_log

SC = "us-tariff-25-mex"
COUNTRIES = ("USA", "MEX")


def _tasks(points):
    sc = load_scenario(SC)
    digest = load_world(sc.world).digest
    return [(p, (apply_point(sc, p)[0], 1.0, COUNTRIES, digest), 0.25) for p in points]


def test_points_are_prepared_once_copied_where_needed_and_dropped_when_done():
    # one point, two workers: the first solves its baseline, the second gets a copy for the chunks left
    points = [{"us_tariff_mex": 0.25}]
    chunks = [[2 * k, 2 * k + 1] for k in range(20)]
    with LocalPool(2) as pool:
        pool.run(warm_worker, "world2023")
        out = list(pool.dispatch(_tasks(points), chunks, 0, True))
        logs = pool.run(worker_log)
    assert sorted(tuple(part["draws"]) for _, part in out) == [tuple(c) for c in chunks]  # each chunk once
    prepared = [k for log in logs.values() for k in log["prepared"]]
    received = [k for log in logs.values() for k in log["received"]]
    assert prepared == ["us_tariff_mex=0.25"]  # one baseline solve
    assert received == ["us_tariff_mex=0.25"]  # and one copy, to the other worker
    assert all(log["chunks"] > 0 for log in logs.values())  # both computed
    assert all(log["holds"] == [] for log in logs.values())  # nothing held once the point is done
    # the copied baseline gives the numbers of the original
    ref = prepare_point(*_tasks(points)[0][1])
    for _, part in out:
        want = solve_draws(ref, part["draws"], 0, 0.25)
        np.testing.assert_allclose(part["samples"], want["samples"], rtol=0, atol=1e-12)


def test_many_points_each_prepared_once_on_the_worker_that_computes_them_first():
    points = [{"us_tariff_mex": t} for t in (0.05, 0.15, 0.25, 0.35, 0.45)]
    chunks = [[0, 1], [2, 3], [4, 5]]
    with LocalPool(2) as pool:
        out = list(pool.dispatch(_tasks(points), chunks, 0, True))
        logs = pool.run(worker_log)
    for p in points:  # every chunk of every point came back once
        assert sorted(tuple(part["draws"]) for q, part in out if q == p) == [tuple(c) for c in chunks]
    prepared = sorted(k for log in logs.values() for k in log["prepared"])
    assert prepared == sorted(point_key(p) for p in points)
    assert sum(log["chunks"] for log in logs.values()) == len(points) * len(chunks)
    assert all(log["holds"] == [] for log in logs.values())


def test_a_stopped_worker_is_named_and_the_pool_still_closes():
    with LocalPool(2) as pool:
        pids = pool.run(os.getpid)
        os.kill(pids["local-1"], signal.SIGKILL)
        with pytest.raises(ScenarioError, match=r"^sweep worker local-1 was killed by signal 9 .* run the same sweep"):
            pool.run(os.getpid)


def test_workers_leave_ctrl_c_to_the_parent():
    with LocalPool(1) as pool:
        assert list(pool.run(signal.getsignal, signal.SIGINT).values()) == [signal.SIG_IGN]


def test_errors_cross_to_the_parent_with_their_type_and_figures():
    err = _portable(ConvergenceError("no fixed point", iterations=7, residual=0.5))
    assert isinstance(err, ConvergenceError) and (err.iterations, err.residual) == (7, 0.5)

    class Odd(Exception):
        def __init__(self, a, b):
            super().__init__(f"{a}/{b}")

    odd = _portable(Odd(1, 2))  # a type the parent could not re-make from its pickle
    assert type(odd) is RuntimeError and str(odd) == "Odd: 1/2"
    with LocalPool(1) as pool, pytest.raises(ScenarioError, match="at least one worker"):
        LocalPool(0)
    with LocalPool(1) as pool, pytest.raises(FileNotFoundError):
        pool.run(os.stat, "/no/such/file")
