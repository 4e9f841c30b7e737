"""Keep the on-disk trade-curve cache (and any results store) of these tests in temporary folders."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="session")
def _curve_cache(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("PALANCA_CACHE_DIR", str(tmp_path_factory.mktemp("palanca-cache")))
    mp.setenv("PALANCA_STORE", str(tmp_path_factory.mktemp("palanca-store") / "runs.duckdb"))
    yield
    mp.undo()
