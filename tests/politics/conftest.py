"""Keep the on-disk trade-curve cache of these tests in a temporary folder."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="session")
def _curve_cache(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("PALANCA_CACHE_DIR", str(tmp_path_factory.mktemp("palanca-cache")))
    yield
    mp.undo()
