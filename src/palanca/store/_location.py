"""Where the results store lives: ``--store PATH`` > ``PALANCA_STORE`` > the XDG data directory."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["default_store_path", "resolve_store_path"]

ENV_VAR = "PALANCA_STORE"


def default_store_path() -> Path:
    """``$XDG_DATA_HOME/palanca/palanca.duckdb`` (``~/.local/share/palanca/palanca.duckdb`` by default)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "palanca" / "palanca.duckdb"


def resolve_store_path(store: str | os.PathLike[str] | None = None) -> Path:
    """The store file to use: an explicit path, else ``$PALANCA_STORE``, else `default_store_path`."""
    if store is not None and str(store):
        return Path(store).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return default_store_path()
