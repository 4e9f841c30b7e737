r"""Two-player bargaining kernels: asymmetric Nash, Rubinstein with inside and outside options,
the Fearon bargaining range and threat credibility.

This module is functional: numbers and callables in, numbers out.

References
----------
1. J. Nash (1950), "The bargaining problem", *Econometrica* 18(2): 155–162.
2. A. Rubinstein (1982), "Perfect equilibrium in a bargaining model", *Econometrica* 50(1): 97–109.
3. K. Binmore, A. Rubinstein, A. Wolinsky (1986), "The Nash bargaining solution in economic
   modelling", *RAND J. Economics* 17(2): 176–188 (the limit as the period shrinks is the
   asymmetric Nash solution with weights from the discount rates and disagreement at the inside
   options).
4. A. Muthoo (1999), *Bargaining Theory with Applications*, CUP, ch. 5–6 (inside options and the
   outside-option principle).
5. E. Kalai, M. Smorodinsky (1975), "Other solutions to Nash's bargaining problem", *Econometrica*
   43(3): 513–518 (the ideal point: each side's best individually rational payoff).
6. J. D. Fearon (1995), "Rationalist explanations for war", *International Organization* 49(3).
7. J. D. Fearon (1994), "Domestic political audiences and the escalation of international
   disputes", *American Political Science Review* 88(3) (audience costs).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.optimize import brentq

__all__ = [
    "calc_fearon_range",
    "calc_leverage_index",
    "calc_nash_weight",
    "calc_rubinstein",
    "calc_rubinstein_split",
    "calc_threat_credibility",
]


def calc_nash_weight(rate_a: float, rate_b: float) -> float:
    r"""Bargaining power of A in the Rubinstein limit: :math:`\beta_A = r_B / (r_A + r_B)` (ref. 3)."""
    return rate_b / (rate_a + rate_b)


def calc_rubinstein(
    frontier: Callable[[float], float],
    frontier_inv: Callable[[float], float],
    delta: tuple[float, float],
    inside: tuple[float, float],
    outside: tuple[float, float],
    bracket: tuple[float, float],
) -> tuple[tuple[float, float], tuple[float, float]]:
    r"""Stationary subgame-perfect offers of alternating-offers bargaining on a Pareto frontier.

    A proposes :math:`(u_A, \varphi(u_A))`, B proposes :math:`(u_B, \varphi(u_B))`, with

    .. math:: \varphi(u_A) = \max\bigl(w_B,\ (1 - \delta_B) d_B + \delta_B \varphi(u_B)\bigr), \qquad
              u_B = \max\bigl(w_A,\ (1 - \delta_A) d_A + \delta_A u_A\bigr),

    where :math:`d` are the inside options (flow payoffs while the dispute lasts, as per-period
    values) and :math:`w` the outside options (walking away, open to the responder): the
    outside-option principle (ref. 4) — an outside option matters only when it beats what the
    player gets without it. The composite map :math:`u_A \mapsto u_A'` is a monotone contraction
    (modulus :math:`\delta_A \delta_B`); its fixed point is found by bracketing (Brent), which stays
    exact as the discount factors tend to one.

    Parameters
    ----------
    frontier : callable
        :math:`\varphi`: B's utility at A's utility on the frontier (decreasing).
    frontier_inv : callable
        Its inverse.
    delta, inside, outside : (A, B) pairs
    bracket : (low, high)
        A's utilities between which the fixed point lies (the frontier's domain).

    Returns
    -------
    ((u_A, v_A), (u_B, v_B))
        The utilities of (A, B) when A proposes and when B proposes.
    """
    da, db = delta

    def responder_a(u_a: float) -> float:
        return max(outside[0], (1 - da) * inside[0] + da * u_a)

    def gap(u_a: float) -> float:
        v_a = max(outside[1], (1 - db) * inside[1] + db * frontier(responder_a(u_a)))
        return frontier_inv(v_a) - u_a

    u_a = float(brentq(gap, bracket[0], bracket[1], xtol=1e-14, rtol=1e-14))
    u_b = responder_a(u_a)
    return (u_a, frontier(u_a)), (u_b, frontier(u_b))


def calc_rubinstein_split(
    pie: float,
    delta: tuple[float, float],
    inside: tuple[float, float] = (0.0, 0.0),
    outside: tuple[float, float] = (0.0, 0.0),
) -> tuple[float, float]:
    r"""A's share when A proposes and when B proposes, for a pie split linearly (``v = pie - u``).

    Without outside options the closed form is
    :math:`x_A = d_A + \frac{1 - \delta_B}{1 - \delta_A \delta_B}(\pi - d_A - d_B)` (ref. 4).
    """
    big = 10.0 * (abs(pie) + sum(map(abs, inside)) + sum(map(abs, outside)) + 1.0)
    (ua, _), (ub, _) = calc_rubinstein(lambda u: pie - u, lambda v: pie - v, delta, inside, outside, (-big, big))
    return ua, ub


def calc_fearon_range(p_a: float, cost_a: float, cost_b: float) -> tuple[float, float]:
    r"""Fearon's bargaining range on a [0, 1] issue where A prefers 1 (ref. 6).

    Conflict gives A the lottery :math:`p_A - c_A` and B :math:`1 - p_A - c_B` (costs as shares of
    the stake); every split :math:`x \in [p_A - c_A,\ p_A + c_B] \cap [0, 1]` is preferred by both.
    """
    return max(0.0, p_a - cost_a), min(1.0, p_a + cost_b)


def calc_threat_credibility(audience_cost: float, execution_cost: float, durability: float, scale: float) -> float:
    r"""Probability that a threat is carried out (and survives legal challenge).

    .. math:: \Pr = L \cdot \frac{1}{1 + \exp\bigl(-(a - c)/\sigma\bigr)}

    with audience cost of backing down :math:`a` (ref. 7), net cost of executing the threat to the
    threatener :math:`c` (from the engine), legal durability :math:`L \in [0, 1]` and scale
    :math:`\sigma > 0`, all in the same units (% of real income equivalents).
    """
    return float(durability / (1.0 + np.exp(-(audience_cost - execution_cost) / scale)))


def calc_leverage_index(gain_a: float, gain_b: float, ideal_a: float, ideal_b: float) -> float:
    r"""A's unit-free leverage: its share of the two sides' *normalised* gains,

    .. math:: L_A = \frac{g_A / G_A}{g_A / G_A + g_B / G_B},

    where :math:`g` is each side's gain over the disagreement point in the deal and :math:`G` the
    largest gain it could get in any deal the other accepts (the Kalai–Smorodinsky ideal point, ref. 5).
    Multiplying one side's utility by a positive constant (its currency, its GDP scale) multiplies its
    :math:`g` and :math:`G` alike, so :math:`L` does not change; nor does adding a constant (gains are
    differences). :math:`L_A = 1/2` means each side got the same fraction of the most it could get
    (the Kalai–Smorodinsky split); above 1/2, A got closer to its best feasible deal than B.
    """
    if not (ideal_a > 0 and ideal_b > 0):
        raise ValueError(f"ideal gains must be positive; got {ideal_a}, {ideal_b} (no individually rational deal).")
    na, nb = gain_a / ideal_a, gain_b / ideal_b
    if na + nb <= 0:
        raise ValueError(f"normalised gains sum to {na + nb}; the deal does not improve on disagreement.")
    return float(na / (na + nb))
