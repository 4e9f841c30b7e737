"""The local pool of sweep workers: each point's baseline solved once and copied where its chunks go,
baselines dropped when a point is done, a stopped worker named, errors that cross the process boundary,
Ctrl-C left to the parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from palanca.data import load_world
from palanca.errors import ConvergenceError, ScenarioError, WorldValidationError
from palanca.scenarios import load_scenario
from palanca.sweep._grid import apply_point, point_key
from palanca.sweep._point import prepare_point, solve_draws, warm_worker
from palanca.sweep._pool import LocalPool
from palanca.sweep._worker import portable, worker_log

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
    # the copied baseline gives the numbers of the original (solved here as on a worker: readied first)
    warm_worker("world2023")
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
    err = portable(ConvergenceError("no fixed point", iterations=7, residual=0.5))
    assert isinstance(err, ConvergenceError) and (err.iterations, err.residual) == (7, 0.5)

    class Odd(Exception):
        def __init__(self, a, b):
            super().__init__(f"{a}/{b}")

    odd = portable(Odd(1, 2))  # a type the parent could not re-make from its pickle
    assert type(odd) is RuntimeError and str(odd) == "Odd: 1/2"
    with pytest.raises(ScenarioError, match="at least one worker"):
        LocalPool(0)
    with LocalPool(1) as pool, pytest.raises(FileNotFoundError):
        pool.run(os.stat, "/no/such/file")


def test_a_pool_whose_dispatch_stopped_half_way_refuses_further_calls():
    sc_tasks = _tasks([{"us_tariff_mex": 0.1}, {"us_tariff_mex": 0.2}])
    bad = [sc_tasks[0], (sc_tasks[1][0], (*sc_tasks[1][1][:3], "0000"), 0.25)]  # the second: another digest
    with LocalPool(2) as pool:
        with pytest.raises(WorldValidationError, match=r"^grid point us_tariff_mex=0\.2: "):
            list(pool.dispatch(bad, [[0, 1], [2, 3]], 0, True))
        with pytest.raises(ScenarioError, match=r"stopped in the middle of a call .* open a new one"):
            pool.run(os.getpid)
    with LocalPool(1) as pool:  # a dispatch that ran to its end leaves the pool as it was
        list(pool.dispatch(sc_tasks, [[0]], 0, True))
        assert len(pool.run(os.getpid)) == 1
        with pytest.raises(ScenarioError, match="appear twice"):
            list(pool.dispatch([sc_tasks[0], sc_tasks[0]], [[0]], 0, True))


_ORPHAN = """
import os
from palanca.sweep._pool import LocalPool
if __name__ == "__main__":
    pool = LocalPool(2).__enter__()
    print(" ".join(str(p) for p in pool.run(os.getpid).values()), flush=True)
    os._exit(0)  # the parent dies without closing its pool
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return "State:\tZ" not in state  # a zombie has exited


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_workers_end_when_their_parent_dies(tmp_path):
    script = tmp_path / "orphan.py"
    script.write_text(_ORPHAN)
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=True)
    pids = [int(p) for p in out.stdout.split()]
    assert len(pids) == 2
    deadline = time.monotonic() + 10.0
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(p) for p in pids)
    assert "Traceback" not in out.stderr


def test_a_sigterm_to_the_sweep_command_is_handled_as_ctrl_c():
    import signal as signal_module

    from palanca.cli.sweep import _sigterm_as_ctrl_c

    before = signal_module.getsignal(signal_module.SIGTERM)
    with pytest.raises(KeyboardInterrupt), _sigterm_as_ctrl_c():  # so the finished points are saved first
        os.kill(os.getpid(), signal_module.SIGTERM)
        time.sleep(5)
    assert signal_module.getsignal(signal_module.SIGTERM) is before
