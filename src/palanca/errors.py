"""Domain exceptions of palanca, all in one module.

Each subclasses the matching builtin so that ``except ValueError`` still catches it. Messages
name the rule that was broken, the value that broke it, and the fix (see STYLE.md, section 5).
This module imports nothing from palanca, so every layer, ``model/`` included, may use it.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "BillOfMaterialsError",
    "ConvergenceError",
    "DataFormatError",
    "MissingDependencyError",
    "MonteCarloError",
    "PalancaError",
    "PalancaWarning",
    "PolicyError",
    "ScenarioError",
    "StoreCorruptError",
    "StoreError",
    "StoreForeignError",
    "StoreFullError",
    "StoreLockedError",
    "StoreReadOnlyError",
    "StoreSchemaError",
    "UnknownCountryError",
    "UnknownSectorError",
    "WorldValidationError",
]


class PalancaError(Exception):
    """Base class of every error palanca raises on purpose; the CLI prints these without a traceback."""


class PalancaWarning(UserWarning):
    """Input that is allowed but unusual enough to say so (a rate above 100%, duplicate blocks, dropped rows).

    The CLI prints each as ``warning: MESSAGE`` on stderr.
    """


class WorldValidationError(PalancaError, ValueError):
    """A `World` or shock violates an invariant (shape, sign, shares that must sum to one)."""


class UnknownCountryError(PalancaError, KeyError):
    """An ISO 3166 alpha-3 code that the world does not contain."""

    def __str__(self) -> str:  # KeyError quotes its argument; keep the message readable
        return str(self.args[0]) if self.args else ""


class UnknownSectorError(PalancaError, KeyError):
    """A sector code that the world does not contain."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class DataFormatError(PalancaError, ValueError):
    """A source file does not have the layout its reader expects (columns, shape, signs, labels)."""


class MissingDependencyError(PalancaError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""


class ScenarioError(PalancaError, ValueError):
    """A scenario file or value is invalid."""


class PolicyError(PalancaError, ValueError):
    """A tariff-policy registry entry or query (date, country, action) is invalid."""


class BillOfMaterialsError(PalancaError, ValueError):
    """A bill of materials for the rules-of-origin calculator is invalid."""


class StoreError(PalancaError, RuntimeError):
    """The results store cannot be read or written as asked."""


class StoreCorruptError(StoreError):
    """The store file is damaged (truncated, bit-flipped): DuckDB cannot read it."""


class StoreForeignError(StoreError):
    """The file is not a palanca results store (another DuckDB database, SQLite, any other file)."""


class StoreSchemaError(StoreError):
    """The store was written by a newer palanca (its schema version is above the one this release knows)."""


class StoreLockedError(StoreError):
    """Another process holds the store for writing and did not let go in time."""


class StoreReadOnlyError(StoreError):
    """The store (or the folder it would be made in) cannot be written: read-only filesystem or permissions."""


class StoreFullError(StoreError):
    """The disk holding the store is full; nothing was written."""


class MonteCarloError(PalancaError, RuntimeError):
    """Too many draws of a Monte Carlo failed to converge for its band to mean anything."""


class ConvergenceError(PalancaError, RuntimeError):
    """A solver stopped before meeting its tolerance.

    Attributes
    ----------
    iterations : int
        Iterations taken.
    residual : float
        Residual norm when the solver stopped.
    """

    def __init__(self, message: str, *, iterations: int, residual: float) -> None:
        super().__init__(message)
        self.iterations = iterations
        self.residual = residual

    def __reduce__(self) -> tuple[Any, ...]:
        # keyword-only arguments: re-made from the message and both attributes when sent to another process
        return (_convergence_error, (str(self), self.iterations, self.residual))


def _convergence_error(message: str, iterations: int, residual: float) -> ConvergenceError:
    return ConvergenceError(message, iterations=iterations, residual=residual)
