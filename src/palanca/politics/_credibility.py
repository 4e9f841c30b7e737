r"""Threat credibility from the record: execution rates and legal durability with Beta posteriors.

This module is functional: event logs (tuples of `palanca.data.CoercionEvent`) and dates in, numbers out.

An *episode* is a threat and what became of it. Its execution score is 1 if the threatened measure was
imposed, 1/2 if only in part (e.g. the 7 Mar 2025 exemption of USMCA-compliant goods) and 0 if it was
suspended or withdrawn; the latest ``outcome`` row known at the as-of date counts. With prior
:math:`\mathrm{Beta}(1, 1)` and fractional Bernoulli counts, the execution rate of threatener A against
target B after :math:`n` scored episodes with scores :math:`y_k` is

.. math:: \pi_{AB} \sim \mathrm{Beta}\Bigl(1 + \sum_k y_k + w \sum_l y_l,\;
          1 + \sum_k (1 - y_k) + w \sum_l (1 - y_l)\Bigr),

where :math:`l` runs over A's episodes against other targets (the base rate) with weight
:math:`w \in [0, 1]` (0: other dyads say nothing; 1: they count as much as this one) — a conjugate
power prior (Ibrahim & Chen 2000). Legal durability :math:`\lambda_A`, the chance an executed measure of A
survives in court, is :math:`\mathrm{Beta}(1/2 + n_{exec} - n_{struck}, 1/2 + n_{struck})` (Jeffreys prior)
over all of A's executed episodes. Threat credibility is :math:`\pi_{AB} \lambda_A` (independent draws).

References
----------
1. J. G. Ibrahim, M.-H. Chen (2000), "Power prior distributions for regression models", *Statistical
   Science* 15(1): 46–60.
2. A. Gelman et al. (2013), *Bayesian Data Analysis*, 3rd ed., CRC, ch. 2 (Beta–binomial; Jeffreys prior).
3. G. W. Brier (1950), "Verification of forecasts expressed in terms of probability", *Monthly Weather
   Review* 78(1): 1–3.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.stats import beta as beta_dist

from palanca.data import CoercionEvent
from palanca.errors import ScenarioError

__all__ = [
    "Backtest",
    "Credibility",
    "Episode",
    "backtest_credibility",
    "episodes_as_of",
    "parse_as_of",
    "threat_credibility",
]

_SCORE = {"executed": 1.0, "partly_executed": 0.5, "suspended": 0.0}


def parse_as_of(as_of: str | dt.date | None) -> dt.date | None:
    """An ISO date (``"2026-06-30"``) as a `datetime.date`; None stays None."""
    if as_of is None or isinstance(as_of, dt.date):
        return as_of
    try:
        return dt.date.fromisoformat(str(as_of))
    except ValueError:
        raise ScenarioError(f"as_of = {as_of!r} is not an ISO date; write YYYY-MM-DD, e.g. 2026-06-30.") from None


@dataclass(frozen=True)
class Episode:
    """A threat and what was known of it at a date (see the module docstring)."""

    episode: str
    threatener: str
    target: str
    start: dt.date
    outcome: str
    outcome_date: dt.date | None
    struck_down: bool

    @property
    def score(self) -> float | None:
        """Execution score (1, 1/2, 0), or None while the threat is pending."""
        return _SCORE.get(self.outcome)


def episodes_as_of(events: Sequence[CoercionEvent], as_of: dt.date | None = None) -> tuple[Episode, ...]:
    """The coercive episodes (USMCA reviews excluded) from the events dated on or before ``as_of``."""
    by: dict[str, list[CoercionEvent]] = {}
    for e in events:
        if (as_of is None or e.date <= as_of) and e.kind != "review":
            by.setdefault(e.episode, []).append(e)
    out = []
    for name, evs in by.items():
        evs.sort(key=lambda e: e.date)
        outs = [e for e in evs if e.kind == "outcome"]
        last = outs[-1] if outs else None
        out.append(
            Episode(
                episode=name,
                threatener=evs[0].threatener,
                target=evs[0].target,
                start=evs[0].date,
                outcome=last.outcome if last else "pending",
                outcome_date=last.date if last else None,
                struck_down=any(e.kind == "ruling" and e.outcome == "struck_down" for e in evs),
            )
        )
    return tuple(sorted(out, key=lambda p: p.start))


@dataclass(frozen=True)
class Credibility:
    """Beta posteriors of a threatener's execution rate against a target and of its legal durability.

    Attributes
    ----------
    execution : (alpha, beta)
    durability : (alpha, beta)
    n_dyad, n_base : int
        Scored episodes against this target and against others.
    as_of : datetime.date or None
    """

    threatener: str
    target: str
    execution: tuple[float, float]
    durability: tuple[float, float]
    n_dyad: int
    n_base: int
    base_rate_weight: float
    as_of: dt.date | None

    def __post_init__(self) -> None:
        if min(*self.execution, *self.durability) <= 0:
            raise ScenarioError(f"Beta parameters must be positive; got {self.execution}, {self.durability}.")

    @property
    def execution_mean(self) -> float:
        a, b = self.execution
        return a / (a + b)

    @property
    def durability_mean(self) -> float:
        a, b = self.durability
        return a / (a + b)

    @property
    def mean(self) -> float:
        """Threat credibility: mean execution rate x mean durability (independent posteriors)."""
        return self.execution_mean * self.durability_mean

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` draws of execution rate x durability."""
        return rng.beta(*self.execution, size=n) * rng.beta(*self.durability, size=n)

    def interval(self, level: float = 0.9) -> tuple[float, float]:
        """Equal-tailed interval of the execution rate."""
        lo, hi = beta_dist.ppf([(1 - level) / 2, (1 + level) / 2], *self.execution)
        return float(lo), float(hi)

    def credibility_interval(self, level: float = 0.9, n: int = 20_000) -> tuple[float, float]:
        """Equal-tailed interval of execution rate x durability (seeded draws, so reproducible)."""
        draws = self.sample(np.random.default_rng(0), n)
        lo, hi = np.percentile(draws, [50 * (1 - level), 50 * (1 + level)])
        return float(lo), float(hi)

    def to_dict(self) -> dict[str, object]:
        lo, hi = self.interval()
        clo, chi = self.credibility_interval()
        return {
            "threatener": self.threatener,
            "target": self.target,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "credibility": self.mean,
            "credibility_p05": clo,
            "credibility_p95": chi,
            "execution_rate_mean": self.execution_mean,
            "execution_rate_p05": lo,
            "execution_rate_p95": hi,
            "execution_beta": list(self.execution),
            "legal_durability_mean": self.durability_mean,
            "durability_beta": list(self.durability),
            "episodes_against_target": self.n_dyad,
            "episodes_against_others": self.n_base,
            "base_rate_weight": self.base_rate_weight,
        }


def threat_credibility(
    events: Sequence[CoercionEvent],
    threatener: str,
    target: str,
    as_of: dt.date | None = None,
    *,
    base_rate_weight: float = 0.5,
) -> Credibility:
    """Posterior credibility of ``threatener``'s threats against ``target`` from the events up to ``as_of``."""
    if not 0 <= base_rate_weight <= 1:
        raise ScenarioError(f"base_rate_weight = {base_rate_weight}; it must lie in [0, 1].")
    eps = [e for e in episodes_as_of(events, as_of) if e.threatener == threatener and e.score is not None]
    dyad = [e.score for e in eps if e.target == target]
    base = [e.score for e in eps if e.target != target]
    a = 1.0 + sum(dyad) + base_rate_weight * sum(base)
    b = 1.0 + sum(1 - y for y in dyad) + base_rate_weight * sum(1 - y for y in base)
    executed = [e for e in eps if e.score > 0]
    struck = sum(e.struck_down for e in executed)
    return Credibility(
        threatener=threatener,
        target=target,
        execution=(a, b),
        durability=(0.5 + len(executed) - struck, 0.5 + struck),
        n_dyad=len(dyad),
        n_base=len(base),
        base_rate_weight=base_rate_weight,
        as_of=as_of,
    )


@dataclass(frozen=True)
class Backtest:
    """Brier scores of one-step-ahead execution forecasts for past episodes (model vs base rate).

    Each episode is forecast at its start from the episodes whose outcome was known the day before;
    the model is `threat_credibility`'s execution rate for that dyad (with the base-rate prior), the
    baseline the pooled rate of all earlier episodes of every threatener (Beta(1, 1) prior).
    """

    rows: tuple[dict[str, object], ...]
    brier_model: float
    brier_base_rate: float
    n: int

    def to_dict(self) -> dict[str, object]:
        return {
            "brier_model": self.brier_model,
            "brier_base_rate": self.brier_base_rate,
            "episodes_scored": self.n,
            "rows": [dict(r) for r in self.rows],
        }


def backtest_credibility(
    events: Sequence[CoercionEvent], *, base_rate_weight: float = 0.5, as_of: dt.date | None = None
) -> Backtest:
    """Score forecasts of each episode's execution made at its start (ref. 3), up to ``as_of``."""
    final = [e for e in episodes_as_of(events, as_of) if e.score is not None]
    rows = []
    for ep in final:
        eve = ep.start - dt.timedelta(days=1)
        known = [e for e in episodes_as_of(events, eve) if e.score is not None and e.outcome_date is not None]
        p_model = threat_credibility(events, ep.threatener, ep.target, eve, base_rate_weight=base_rate_weight)
        a = 1.0 + sum(e.score for e in known)
        b = 1.0 + sum(1 - e.score for e in known)
        p_base = a / (a + b)
        y = float(ep.score)
        rows.append(
            {
                "episode": ep.episode,
                "start": ep.start.isoformat(),
                "outcome": ep.outcome,
                "score": y,
                "p_model": p_model.execution_mean,
                "p_base_rate": p_base,
                "episodes_known": len(known),
            }
        )
    if not rows:
        raise ScenarioError("no scored episode in the event log up to the as-of date; nothing to backtest.")
    pm = np.array([r["p_model"] for r in rows])
    pb = np.array([r["p_base_rate"] for r in rows])
    y = np.array([r["score"] for r in rows])
    return Backtest(
        rows=tuple(rows),
        brier_model=float(np.mean((pm - y) ** 2)),
        brier_base_rate=float(np.mean((pb - y) ** 2)),
        n=len(rows),
    )
