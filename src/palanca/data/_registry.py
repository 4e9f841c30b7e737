"""The shipped worlds: names, loaders and a cache keyed by name."""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

from palanca.errors import DataFormatError
from palanca.model import World

__all__ = ["DEFAULT_WORLD", "list_worlds", "load_world", "register_world"]

DEFAULT_WORLD = "world2023"  # the 2023 world economy, 81 economies x 28 sectors

_LOADERS: dict[str, tuple[Callable[[], World], str]] = {}


def register_world(name: str, loader: Callable[[], World], description: str) -> None:
    """Make a shipped world loadable by name (used by the data builders' modules)."""
    _LOADERS[name] = (loader, description)


def list_worlds() -> dict[str, str]:
    """Names of the shipped worlds with one-line descriptions."""
    _ensure_registered()
    return {name: desc for name, (_, desc) in sorted(_LOADERS.items())}


def load_world(name: str | os.PathLike[str] = DEFAULT_WORLD) -> World:
    """Load a shipped world by name (cached: worlds are immutable values), or a folder written by `write_world`.

    A folder (e.g. from ``palanca world aggregate … --out DIR``) is read each time with `read_world`.

    Raises
    ------
    DataFormatError
        If ``name`` is neither a shipped world nor a world folder; the message suggests the closest names.
    """
    path = Path(name)
    if path.is_dir():
        from palanca.data._shipped import read_world

        return read_world(path)
    return _load_shipped(str(name))


@cache
def _load_shipped(name: str) -> World:
    _ensure_registered()
    if name not in _LOADERS:
        close = difflib.get_close_matches(name, list(_LOADERS), n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise DataFormatError(
            f"world {name!r} is not shipped with palanca; {hint}choose one of: {', '.join(sorted(_LOADERS))}, "
            "or give a folder written by `palanca world aggregate … --out DIR`."
        )
    return _LOADERS[name][0]()


def _ensure_registered() -> None:
    if "world2023" not in _LOADERS:
        from palanca.data._worlds import register_shipped_worlds

        register_shipped_worlds(register_world)
    if "cp1993" not in _LOADERS:
        from palanca.data._cp2015 import cp1993_world

        register_world(
            "cp1993",
            cp1993_world,
            "Caliendo–Parro (2015) world: 31 regions x 40 sectors, 1993 trade and tariffs",
        )
