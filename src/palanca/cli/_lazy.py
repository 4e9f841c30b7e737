"""Stand-ins for API functions that import their module on first call, so that start-up stays light.

A command module binds ``name = lazy("palanca.pkg", "name")`` at module level and calls ``name(...)``
in the command; the heavy package (pandas, scipy, duckdb behind it) is imported only when a
command that needs it runs, and tests can still patch ``palanca.cli.<group>.name``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["lazy"]


def lazy(module: str, name: str) -> Callable[..., Any]:
    """A callable that imports ``module`` when first called and forwards to ``module.name``."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"`{module}.{name}`, imported on first call."
    return call
