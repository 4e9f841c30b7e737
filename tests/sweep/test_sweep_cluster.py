"""A sweep on a Dask cluster of separate processes (``dask scheduler`` + ``dask worker`` on loopback),
as on several machines: the numbers equal the in-process sweep's."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("dask.distributed")

from palanca.scenarios import load_scenario
from palanca.store import get_run
from palanca.sweep import Vary, sweep

SC = "us-tariff-25-mex"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _dask_cli() -> list[str]:
    exe = shutil.which("dask", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "distributed.cli.dask_spec"]


@pytest.fixture
def cluster(tmp_path):
    """A scheduler and one worker process of two single-threaded workers, on 127.0.0.1."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    log = tmp_path / "dask.log"
    with open(log, "w") as out:
        procs = [
            subprocess.Popen(
                [*_dask_cli(), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=tmp_path,
            )
        ]
        time.sleep(1.0)
        procs.append(
            subprocess.Popen(
                [*_dask_cli(), "worker", address, "--nworkers", "2", "--nthreads", "1", "--no-dashboard"],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=tmp_path,
            )
        )
        try:
            from dask.distributed import Client

            with Client(address, timeout=60) as client:
                client.wait_for_workers(2, timeout=90)
            yield f"dask://127.0.0.1:{port}"
        finally:
            for p in reversed(procs):
                p.terminate()
            for p in reversed(procs):
                try:
                    p.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    p.kill()


@pytest.mark.slow
def test_sweep_on_separate_worker_processes_gives_the_sync_numbers(tmp_path, cluster):
    sc = load_scenario(SC)
    grid = [Vary("us_tariff_mex", (0.1, 0.3))]
    a = sweep(sc, grid, draws=4, chunk=2, executor="sync", store=tmp_path / "a.duckdb")
    b = sweep(sc, grid, draws=4, chunk=2, executor=cluster, store=tmp_path / "b.duckdb")
    assert (b.n_points, b.computed, b.solves) == (a.n_points, a.computed, a.solves)
    ra = {get_run(i, tmp_path / "a.duckdb").info.point_key: get_run(i, tmp_path / "a.duckdb") for i in a.run_ids}
    rb = {get_run(i, tmp_path / "b.duckdb").info.point_key: get_run(i, tmp_path / "b.duckdb") for i in b.run_ids}
    assert set(ra) == set(rb) == {"us_tariff_mex=0.1", "us_tariff_mex=0.3"}
    for k in ra:
        for ca, cb in zip(ra[k].result["countries"], rb[k].result["countries"], strict=True):
            assert ca == pytest.approx(cb, abs=1e-12)
