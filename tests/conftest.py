"""Shared fixtures. Tests that read ../shared/data skip with a clear reason where it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"raw public data not found at {SHARED_DATA} (only the build scripts need it)")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _isolated_results_store(tmp_path_factory, monkeypatch):
    """Runs that commands save go to a per-session temporary store, never the user's own."""
    monkeypatch.setenv("PALANCA_STORE", str(tmp_path_factory.getbasetemp() / "palanca-test-store.duckdb"))
