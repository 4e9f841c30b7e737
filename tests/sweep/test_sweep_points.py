"""Sweep tasks: a point is prepared once (digest checked on the worker), its chunks reuse it;
local-cluster workers get the allocator settings."""

from __future__ import annotations

import os

import numpy as np
import pytest

from palanca.data import load_world
from palanca.errors import WorldValidationError
from palanca.scenarios import load_scenario
from palanca.sweep._point import prepare_point, solve_chunk, solve_draws
from palanca.sweep._run import LOCAL_WORKER_ENV, _executor

SC = "us-tariff-25-mex"
COUNTRIES = ("USA", "MEX")


def test_a_worker_with_another_world_refuses():
    sc = load_scenario(SC)
    with pytest.raises(WorldValidationError, match=r"on this worker has digest .* the client's has 0000"):
        prepare_point(sc, 1.0, COUNTRIES, digest="0000")
    assert prepare_point(sc, 1.0, COUNTRIES, digest=load_world(sc.world).digest).central.converged


def test_chunks_of_one_prepared_point_equal_fresh_chunks():
    sc = load_scenario(SC)
    prep = prepare_point(sc, 0.8, COUNTRIES)
    parts = [solve_draws(prep, ch, 3, 0.25) for ch in ([0, 1], [2])]
    fresh = [solve_chunk(sc, 0.8, COUNTRIES, ch, 3, 0.25) for ch in ([0, 1], [2])]
    for part, ref in zip(parts, fresh, strict=True):
        assert part["draws"] == ref["draws"] and part["solves"] + 1 == ref["solves"]
        np.testing.assert_allclose(part["central"], ref["central"], rtol=0, atol=1e-12)
        np.testing.assert_allclose(part["samples"], ref["samples"], rtol=0, atol=1e-12)


def test_local_workers_get_the_allocator_settings_and_this_process_keeps_its_own():
    before = dict(os.environ)
    with _executor("local", 1) as pool:
        env = {k: next(iter(pool.run(os.getenv, k).values())) for k in LOCAL_WORKER_ENV}
    assert env == {k: os.environ.get(k, v) for k, v in LOCAL_WORKER_ENV.items()}
    assert int(env["MALLOC_TRIM_THRESHOLD_"]) > 65536
    assert dict(os.environ) == before
