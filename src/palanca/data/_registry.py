"""The shipped worlds: names, loaders and a cache keyed by name."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from palanca.errors import DataFormatError
from palanca.model import World

__all__ = ["DEFAULT_WORLD", "list_worlds", "load_world", "register_world"]

DEFAULT_WORLD = "world2023"  # the 2023 world economy, 81 economies x 28 sectors (issue 8)

_LOADERS: dict[str, tuple[Callable[[], World], str]] = {}


def register_world(name: str, loader: Callable[[], World], description: str) -> None:
    """Make a shipped world loadable by name (used by the data builders' modules)."""
    _LOADERS[name] = (loader, description)


def list_worlds() -> dict[str, str]:
    """Names of the shipped worlds with one-line descriptions."""
    _ensure_registered()
    return {name: desc for name, (_, desc) in sorted(_LOADERS.items())}


@cache
def load_world(name: str = DEFAULT_WORLD) -> World:
    """Load a shipped world by name (cached: worlds are immutable values).

    Raises
    ------
    DataFormatError
        If ``name`` is not a shipped world; the message lists the names that are.
    """
    _ensure_registered()
    if name not in _LOADERS:
        raise DataFormatError(
            f"world {name!r} is not shipped with palanca; choose one of: {', '.join(sorted(_LOADERS))}"
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
