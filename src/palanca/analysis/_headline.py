"""The headline of a leverage report: who loses what, said only as precisely as the numbers allow.

This module is functional. A ratio of losses is reported only when both sides' effects have the same sign and
neither is indistinguishable from zero; otherwise the headline says which side's effect cannot be told from zero,
or that one side gains while the other loses. Dollar losses and each side's share of the joint loss lead, because a
ratio of percentages hides that equal dollar losses can be very unequal shares of income.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["Headline", "SideEffect", "headline"]

# Without draws there is no band; an effect smaller than this (in % of income) is reported as zero.
_ZERO_PCT_WITHOUT_BAND = 0.005


@dataclass(frozen=True)
class SideEffect:
    """One side's real-income change: central value, band (None without draws), dollars."""

    country: str
    pct: float
    low_pct: float | None
    high_pct: float | None
    usd_bn: float

    @property
    def indistinguishable_from_zero(self) -> bool:
        """The band contains zero (or, without a band, the change rounds to 0.00%)."""
        if self.low_pct is None or self.high_pct is None:
            return abs(self.pct) < _ZERO_PCT_WITHOUT_BAND
        return self.low_pct <= 0.0 <= self.high_pct


@dataclass(frozen=True)
class Headline:
    """The verdict and its sentence.

    ``verdict`` is one of ``"ratio"`` (both sides lose, or both gain, distinguishably from zero),
    ``"indistinguishable"`` (at least one side's effect cannot be told from zero), ``"opposite_signs"``.
    ``ratio`` (second side's % change over the first's) and its band are set only for ``"ratio"``; the band is the
    5–95% range of the per-draw ratio when per-draw values are available.
    """

    verdict: str
    text: str
    sides: tuple[SideEffect, SideEffect]
    ratio: float | None
    ratio_low: float | None
    ratio_high: float | None
    loss_share: tuple[float, float] | None

    def to_dict(self) -> dict[str, object]:
        return {
            "verdict": self.verdict,
            "text": self.text,
            "ratio": self.ratio,
            "ratio_band": None if self.ratio_low is None else [self.ratio_low, self.ratio_high],
            "share_of_joint_loss": None
            if self.loss_share is None
            else {self.sides[0].country: self.loss_share[0], self.sides[1].country: self.loss_share[1]},
        }


def _describe(s: SideEffect) -> str:
    verb = "loses" if s.pct < 0 else "gains"
    band = "" if s.low_pct is None else f" (5-95%: {s.low_pct:+.2f} to {s.high_pct:+.2f}%)"
    return f"{s.country} {verb} {abs(s.usd_bn):,.1f} USD bn a year, {abs(s.pct):.2f}% of its income{band}"


def headline(a: SideEffect, b: SideEffect, draws_pct: Sequence[Sequence[float]] | None = None) -> Headline:
    """The headline for sides ``a`` and ``b``.

    Parameters
    ----------
    a, b : SideEffect
        The two sides, in the order the user named them.
    draws_pct : array-like, shape (draws, 2), optional
        Per-draw % changes of ``a`` and ``b`` (the Monte Carlo's draws), for the band of the ratio.
    """
    lead = f"{_describe(a)}; {_describe(b)}."
    loss_share = None
    if a.usd_bn < 0 and b.usd_bn < 0:
        total = a.usd_bn + b.usd_bn
        loss_share = (a.usd_bn / total, b.usd_bn / total)
        lead += f" Shares of the joint dollar loss: {a.country} {loss_share[0]:.0%}, {b.country} {loss_share[1]:.0%}."
    zero = [s.country for s in (a, b) if s.indistinguishable_from_zero]
    if zero:
        banded = a.low_pct is not None
        if len(zero) == 1:
            subject = f"{zero[0]}'s effect is"
            basis = "its band contains zero" if banded else "it rounds to 0.00% (no band: 0 draws)"
        else:
            subject = f"{zero[0]}'s and {zero[1]}'s effects are"
            basis = "their bands contain zero" if banded else "they round to 0.00% (no band: 0 draws)"
        text = f"{lead} {subject} indistinguishable from zero ({basis}), so no ratio of losses is given."
        return Headline("indistinguishable", text, (a, b), None, None, None, loss_share)
    if np.sign(a.pct) != np.sign(b.pct):
        text = f"{lead} One side gains while the other loses: a ratio of losses has no meaning here."
        return Headline("opposite_signs", text, (a, b), None, None, None, loss_share)
    ratio = b.pct / a.pct
    low = high = None
    if draws_pct is not None:
        d = np.asarray(draws_pct, dtype=float)
        # Every draw counts, including one whose first side moved the other way (its ratio is negative):
        # dropping such draws would narrow the band.
        ok = np.isfinite(d).all(axis=1) & (d[:, 0] != 0.0)
        if ok.sum() >= 2:
            r = d[ok, 1] / d[ok, 0]
            low, high = (float(x) for x in np.percentile(r, [5, 95]))
    if low is not None:
        band = f" (5-95% over draws: {low:,.1f} to {high:,.1f})"
    else:
        band = " (no band: 0 draws)" if a.low_pct is None else ""
    kind = "losses" if a.pct < 0 else "gains"
    text = f"{lead} In % of own income, {b.country}'s {kind} are {ratio:,.1f} times {a.country}'s{band}."
    return Headline("ratio", text, (a, b), float(ratio), low, high, loss_share)
