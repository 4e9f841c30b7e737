"""A Dask ``LocalCluster`` configured as for sweeps (`palanca.sweep._run.local_cluster_config`), for the tests
of the Dask dispatch that `--executor dask://HOST:PORT` uses."""

from __future__ import annotations

import pytest


@pytest.fixture
def dask_client():
    """A client of a two-worker, one-thread-each Dask LocalCluster (worker processes)."""
    pytest.importorskip("dask.distributed")
    import dask
    from dask.distributed import Client, LocalCluster

    from palanca.sweep._run import local_cluster_config

    with (
        dask.config.set(local_cluster_config()),
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        yield client
