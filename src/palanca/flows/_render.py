"""Plain-text rendering shared by the flows results (their ``summary``); no economics here."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["ParameterRange", "fmt", "text_table"]


@dataclass(frozen=True)
class ParameterRange:
    """An uncertain model parameter: central value, a range for Monte Carlo draws, and its source.

    Draws are uniform on ``[low, high]``; ``central`` is used for point estimates.
    """

    name: str
    central: float
    low: float
    high: float
    source: str

    def __post_init__(self) -> None:
        if not (self.low <= self.central <= self.high):
            raise ValueError(
                f"parameter {self.name!r}: need low ≤ central ≤ high; got {self.low}, {self.central}, {self.high}"
            )

    def describe(self) -> str:
        return f"{self.name} = {self.central:g} (range {self.low:g} to {self.high:g}; {self.source})"


def fmt(x: float | None, spec: str = ",.1f") -> str:
    """Format a number, printing ``n/a`` for None or NaN."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    return format(x, spec)


def text_table(
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    notes: Sequence[str] = (),
) -> str:
    """A fixed-width table: title, header, rule, rows (first column left-aligned), then notes."""
    widths = [max(len(h), *(len(r[k]) for r in rows)) if rows else len(h) for k, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()

    out = [title, line(headers), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in rows]
    out += [f"  {n}" for n in notes]
    return "\n".join(out)
