"""An aggregate, stage-by-stage drug-market model with the risks-and-prices markup structure.

This module is functional: `calc_prices` and `calc_market` are kernels on arrays; `SupplyChain`
and `MarketPolicy` are frozen values; `simulate_market` is the one entry point.

A supply chain has stages :math:`k = 0..K-1` (for fentanyl: precursors imported into Mexico,
synthesis, crossing into the US, retail). Each stage loses a fraction :math:`s_k` of what passes
through it to seizures, and sells at :math:`p_k` (USD per pure kg). To deliver one kg, stage k buys
:math:`1/(1-s_k)` kg from stage k−1, so the cost of replacing seized product is built into prices
(Reuter & Kleiman 1986). Enforcement adds a cost :math:`\\Delta c_k` (USD per kg: seized assets,
compensation for arrest risk) and/or raises :math:`s_k`. How upstream costs reach the retail price
is the question of Caulkins & Reuter (1998, 2010):

- additive: :math:`p_k' = p'_{k-1}/(1-s'_k) + m_k + \\Delta c_k`, with the baseline markup
  :math:`m_k = p_k - p_{k-1}/(1-s_k)` fixed in dollars: a dollar of cost upstream adds about a dollar
  at retail, so upstream controls barely move retail prices;
- multiplicative: :math:`p_k' = \\mu_k\\,(p'_{k-1}/(1-s'_k)) + \\Delta c_k` then marked up downstream,
  with :math:`\\mu_k = p_k (1-s_k)/p_{k-1}` fixed: a 10% cost increase upstream is a 10% price
  increase at retail.

Stage 0 buys at :math:`p_{-1} = p_0 (1-s_0)` (its own acquisition cost). Demand has constant
elasticity :math:`\\eta<0`, and demand-side programmes shift it by a fraction :math:`\\delta`:
:math:`Q' = Q\\,(1-\\delta)\\,(P'/P)^{\\eta}`. Deaths scale with consumption:
:math:`D' = D\\,(Q'/Q)^{\\lambda}` (:math:`\\lambda = 1` by default: an assumption).

References
----------
1. P. Reuter and M. Kleiman (1986), "Risks and Prices: An Economic Analysis of Drug Enforcement",
   *Crime and Justice* 7: 289–340.
2. J. P. Caulkins and P. Reuter (1998), "What Price Data Tell Us about Drug Markets", *Journal of
   Drug Issues* 28(3): 593–612; and (2010), "How Drug Enforcement Affects Drug Prices", *Crime and
   Justice* 39(1): 213–271 (additive vs multiplicative markups).
3. C. P. Rydell and S. S. Everingham (1994), *Controlling Cocaine: Supply Versus Demand Programs*,
   RAND MR-331-ONDCP/A/DPRC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from palanca.errors import ScenarioError

__all__ = [
    "MarketOutcome",
    "MarketPolicy",
    "Markup",
    "SupplyChain",
    "calc_market",
    "calc_prices",
    "simulate_market",
]

MAX_SEIZURE_RATE = 0.95


class Markup(StrEnum):
    """How a cost added at one stage reaches the retail price (Caulkins & Reuter)."""

    ADDITIVE = "additive"
    MULTIPLICATIVE = "multiplicative"


def _ro(values: object) -> np.ndarray:
    arr = np.array(values, dtype=np.float64)
    arr.setflags(write=False)
    return arr


@dataclass(frozen=True)
class SupplyChain:
    """A calibrated baseline drug market (one year).

    Attributes
    ----------
    stages : tuple of str, K
    price_usd_per_kg : ndarray, K
        Price at the output of each stage, USD per pure kg (rising along the chain).
    seizure_rate : ndarray, K
        Share of the product passing through each stage that is seized, in [0, 0.95].
    consumption_kg : float
        Retail consumption, pure kg per year.
    deaths : float
        Deaths per year attributed to this drug at baseline.
    elasticity : float
        Price elasticity of demand :math:`\\eta \\le 0`.
    deaths_elasticity : float
        :math:`\\lambda` in :math:`D' = D (Q'/Q)^{\\lambda}`.
    assumptions : tuple of str
        Every assumption and data source behind the numbers, for rendering.
    """

    stages: tuple[str, ...]
    price_usd_per_kg: np.ndarray
    seizure_rate: np.ndarray
    consumption_kg: float
    deaths: float
    elasticity: float
    deaths_elasticity: float = 1.0
    assumptions: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        p, s = _ro(self.price_usd_per_kg), _ro(self.seizure_rate)
        object.__setattr__(self, "price_usd_per_kg", p)
        object.__setattr__(self, "seizure_rate", s)
        k = len(self.stages)
        if p.shape != (k,) or s.shape != (k,):
            raise ScenarioError(f"SupplyChain: {k} stages need {k} prices and seizure rates; got {p.shape}, {s.shape}")
        if np.any(p <= 0) or np.any(np.diff(p) < 0):
            raise ScenarioError(f"SupplyChain.price_usd_per_kg must be > 0 and non-decreasing along the chain; got {p}")
        if np.any((s < 0) | (s > MAX_SEIZURE_RATE)):
            raise ScenarioError(f"SupplyChain.seizure_rate must lie in [0, {MAX_SEIZURE_RATE}]; got {s}")
        if np.any(p[1:] < p[:-1] / (1 - s[1:])):
            raise ScenarioError(
                "SupplyChain: each stage's price must cover the replacement of seized input, "
                f"p_k ≥ p_(k-1)/(1 - s_k); got prices {p} and seizure rates {s}"
            )
        if not (self.consumption_kg > 0 and self.deaths >= 0 and self.elasticity <= 0):
            raise ScenarioError(
                "SupplyChain needs consumption_kg > 0, deaths ≥ 0 and elasticity ≤ 0; got "
                f"{self.consumption_kg}, {self.deaths}, {self.elasticity}"
            )


@dataclass(frozen=True)
class MarketPolicy:
    """Changes to the baseline market: seizure-rate increases, added costs, a demand shift.

    Attributes
    ----------
    seizure_rate_delta : ndarray, K
        Added to each stage's seizure rate (capped at 0.95).
    cost_usd_per_kg : ndarray, K
        Cost added per kg at each stage's output (enforcement risk, seized assets).
    demand_shift : float
        Fraction by which demand falls at every price (treatment, prevention), in [0, 1).
    label : str
    """

    seizure_rate_delta: np.ndarray
    cost_usd_per_kg: np.ndarray
    demand_shift: float = 0.0
    label: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "seizure_rate_delta", _ro(self.seizure_rate_delta))
        object.__setattr__(self, "cost_usd_per_kg", _ro(self.cost_usd_per_kg))
        if not 0 <= self.demand_shift < 1:
            raise ScenarioError(f"MarketPolicy.demand_shift must lie in [0, 1); got {self.demand_shift}")


def calc_prices(p: np.ndarray, s: np.ndarray, s_new: np.ndarray, dc: np.ndarray, markup: Markup | str) -> np.ndarray:
    """New stage prices after seizure rates change to ``s_new`` and costs ``dc`` are added (module eqs).

    Parameters
    ----------
    p, s : ndarray, K
        Baseline prices (USD per kg) and seizure rates.
    s_new, dc : ndarray, K
        New seizure rates and added costs (USD per kg).
    markup : Markup

    Returns
    -------
    ndarray, K
    """
    markup = Markup(markup)
    out = np.empty_like(p, dtype=np.float64)
    prev, prev_new = p[0] * (1 - s[0]), p[0] * (1 - s[0])  # stage 0 buys at its own acquisition cost
    for k in range(p.size):
        base_input = prev / (1 - s[k])
        new_input = prev_new / (1 - s_new[k])
        if markup is Markup.ADDITIVE:
            out[k] = new_input + (p[k] - base_input) + dc[k]
        else:
            out[k] = (p[k] / base_input) * new_input + dc[k]
        prev, prev_new = p[k], out[k]
    return out


def calc_market(
    q: float, p_retail: float, p_retail_new: float, eta: float, demand_shift: float, s_new: np.ndarray
) -> tuple[float, np.ndarray]:
    """Consumption under constant-elasticity demand and the quantities entering each stage.

    Returns ``(Q', X)`` with :math:`Q' = Q(1-\\delta)(P'/P)^{\\eta}` and
    :math:`X_k = Q' / \\prod_{j \\ge k} (1 - s'_j)` (kg entering stage k).
    """
    q_new = q * (1 - demand_shift) * (p_retail_new / p_retail) ** eta
    survive = np.cumprod((1 - s_new)[::-1])[::-1]
    return q_new, q_new / survive


@dataclass(frozen=True, eq=False)
class MarketOutcome:
    """A market after a policy, beside its baseline. Money in USD, quantities in pure kg per year."""

    chain: SupplyChain
    policy: MarketPolicy
    markup: Markup
    price_usd_per_kg: np.ndarray
    seizure_rate: np.ndarray
    consumption_kg: float
    entering_kg: np.ndarray
    baseline_entering_kg: np.ndarray
    deaths: float

    @property
    def retail_price_change_pct(self) -> float:
        return 100 * (self.price_usd_per_kg[-1] / self.chain.price_usd_per_kg[-1] - 1)

    @property
    def consumption_change_pct(self) -> float:
        return 100 * (self.consumption_kg / self.chain.consumption_kg - 1)

    @property
    def deaths_averted(self) -> float:
        return self.chain.deaths - self.deaths

    @property
    def seized_kg(self) -> np.ndarray:
        return self.entering_kg * self.seizure_rate


def simulate_market(chain: SupplyChain, policy: MarketPolicy, markup: Markup | str = Markup.ADDITIVE) -> MarketOutcome:
    """Apply ``policy`` to ``chain``: prices by the markup rule, then demand, flows and deaths."""
    k = len(chain.stages)
    if policy.seizure_rate_delta.shape != (k,) or policy.cost_usd_per_kg.shape != (k,):
        raise ScenarioError(
            f"MarketPolicy arrays must have one entry per stage ({k}: {', '.join(chain.stages)}); got "
            f"{policy.seizure_rate_delta.shape} and {policy.cost_usd_per_kg.shape}"
        )
    s_new = np.clip(chain.seizure_rate + policy.seizure_rate_delta, 0.0, MAX_SEIZURE_RATE)
    p_new = calc_prices(chain.price_usd_per_kg, chain.seizure_rate, s_new, policy.cost_usd_per_kg, markup)
    q_new, entering = calc_market(
        chain.consumption_kg,
        chain.price_usd_per_kg[-1],
        p_new[-1],
        chain.elasticity,
        policy.demand_shift,
        s_new,
    )
    _, base_entering = calc_market(
        chain.consumption_kg,
        chain.price_usd_per_kg[-1],
        chain.price_usd_per_kg[-1],
        0.0,
        0.0,
        chain.seizure_rate,
    )
    deaths = chain.deaths * (q_new / chain.consumption_kg) ** chain.deaths_elasticity
    return MarketOutcome(
        chain=chain,
        policy=policy,
        markup=Markup(markup),
        price_usd_per_kg=_ro(p_new),
        seizure_rate=_ro(s_new),
        consumption_kg=float(q_new),
        entering_kg=_ro(entering),
        baseline_entering_kg=_ro(base_entering),
        deaths=float(deaths),
    )
