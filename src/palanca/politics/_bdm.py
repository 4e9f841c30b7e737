r"""Bueno de Mesquita's expected-utility ("challenge") model, in Scholz, Calbert & Smith's equations.

This module is functional. Actors have capability :math:`c_i`, salience :math:`s_i \in [0, 1]` and
position :math:`x_i`; distances are divided by the range of positions, :math:`d_{ij} = |x_i - x_j| / R`.

1. Votes of actor k between i's and j's positions, and i's probability of prevailing against j:

   .. math:: v^k_{ij} = c_k s_k (d_{kj} - d_{ki}), \qquad
             P_{ij} = \frac{\sum_{k:\, v^k_{ij} > 0} v^k_{ij}}{\sum_k |v^k_{ij}|}.

2. The median :math:`\mu` is the position that beats every other in these pairwise votes (the
   :math:`c_k s_k`-weighted median).
3. Utilities of i with risk exponent :math:`r_i` (success, failure, better, worse, status quo):

   .. math:: U^s = 2 - 4(0.5 - 0.5 d_{ij})^{r_i}, \quad U^f = 2 - 4(0.5 + 0.5 d_{ij})^{r_i},
             U^b = 2 - 4\bigl(0.5 - 0.25(d_{i\mu} + d_{ij})\bigr)^{r_i},
             U^w = 2 - 4\bigl(0.5 + 0.25(d_{i\mu} + d_{ij})\bigr)^{r_i}, \quad U^q = 2 - 4 (0.5)^{r_i}.

4. Expected utility of i challenging j:

   .. math:: E^i(U_{ij}) = s_j\bigl[P_{ij} U^s + (1 - P_{ij}) U^f\bigr] + (1 - s_j) U^s
             - Q U^q - (1 - Q)\bigl[T U^b + (1 - T) U^w\bigr],

   with Q the probability the status quo survives if i does not challenge (1 by default) and T the
   probability that a change would be for the better (1 by default).
5. Risk: with all :math:`r = 1`, :math:`S_i = \sum_{j \ne i} E^j(U_{ji})` is how much the others would
   gain by challenging i's position; with :math:`S^{max}_i, S^{min}_i` its extremes over the positions
   i could have taken (the actors' positions),
   :math:`R_i = (2 S_i - S^{max}_i - S^{min}_i)/(S^{max}_i - S^{min}_i)` and
   :math:`r_i = (1 - R_i/3)/(1 + R_i/3) \in [0.5, 2]`.
6. Offers (perfect information: :math:`E^j(U_{ji})` uses j's own risk): j's threat moves i to
   :math:`x_j` (*conflict*, :math:`E^j(U_{ji}) > E^i(U_{ij}) > 0`), to
   :math:`x_i + (x_j - x_i)\,|E^i(U_{ij}) / E^j(U_{ji})|` (*compromise*,
   :math:`E^j(U_{ji}) > 0 > E^i(U_{ij})`, :math:`|E^j(U_{ji})| > |E^i(U_{ij})|`), or to :math:`x_j`
   (*capitulation*, :math:`E^j(U_{ji}) > 0 > E^i(U_{ij})` otherwise). Each actor accepts, from the
   first non-empty kind in that order, the offer that moves it least. The forecast is the median
   of the last round.

References
----------
1. B. Bueno de Mesquita (1994), "Political forecasting: an expected utility method", in B. Bueno de
   Mesquita and F. N. Stokman (eds.), *European Community Decision Making*, Yale UP, ch. 4.
2. J. B. Scholz, G. J. Calbert, G. A. Smith (2011), "Unravelling Bueno De Mesquita's group decision
   model", *Journal of Theoretical Politics* 23(4): 510–531.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from palanca.politics._spatial import calc_weighted_median

__all__ = ["BdmRun", "BdmTerms", "bdm_expected_utility", "bdm_simulate"]


@dataclass(frozen=True)
class BdmTerms:
    """The terms of :math:`E^i(U_{ij})` for one ordered pair (see the module docstring)."""

    probability: float
    u_success: float
    u_failure: float
    u_better: float
    u_worse: float
    u_status_quo: float
    expected_utility: float


def _probability(x: np.ndarray, w: np.ndarray, rng: float) -> np.ndarray:
    """``P[i, j]``: probability that i's position prevails against j's (eq. 1), n x n."""
    dist = np.abs(x[:, None] - x[None, :]) / rng  # dist[k, m] = d_km
    v = w[:, None, None] * (dist[:, None, :] - dist[:, :, None])  # v[k, i, j] = w_k (d_kj - d_ki)
    num = np.clip(v, 0, None).sum(axis=0)
    den = np.abs(v).sum(axis=0)
    return np.divide(num, den, out=np.full_like(num, 0.5), where=den > 0)


def _utilities(d: np.ndarray, d_mu: np.ndarray, r: np.ndarray) -> tuple[np.ndarray, ...]:
    u_s = 2 - 4 * (0.5 - 0.5 * d) ** r
    u_f = 2 - 4 * (0.5 + 0.5 * d) ** r
    u_b = 2 - 4 * np.clip(0.5 - 0.25 * (d_mu + d), 0, None) ** r
    u_w = 2 - 4 * (0.5 + 0.25 * (d_mu + d)) ** r
    u_q = 2 - 4 * 0.5**r * np.ones_like(d)
    return u_s, u_f, u_b, u_w, u_q


def _eu_matrix(
    x: np.ndarray, c: np.ndarray, s: np.ndarray, r: np.ndarray, mu: float, rng: float, q: float, t: float
) -> np.ndarray:
    """``E[i, j] = E^i(U_ij)`` for all ordered pairs (eq. 4); zero on the diagonal."""
    p = _probability(x, c * s, rng)
    d = np.abs(x[:, None] - x[None, :]) / rng
    d_mu = np.repeat((np.abs(x - mu) / rng)[:, None], len(x), axis=1)
    u_s, u_f, u_b, u_w, u_q = _utilities(d, d_mu, r[:, None])
    e = s[None, :] * (p * u_s + (1 - p) * u_f) + (1 - s[None, :]) * u_s - q * u_q - (1 - q) * (t * u_b + (1 - t) * u_w)
    np.fill_diagonal(e, 0.0)
    return e


def bdm_expected_utility(
    x: np.ndarray,
    c: np.ndarray,
    s: np.ndarray,
    i: int,
    j: int,
    *,
    risk: np.ndarray | None = None,
    q: float = 1.0,
    t: float = 1.0,
) -> BdmTerms:
    """The terms of actor i's expected utility of challenging j (eqs. 1–4), for tests and reports."""
    x, c, s = (np.asarray(a, dtype=float) for a in (x, c, s))
    r = np.ones_like(x) if risk is None else np.asarray(risk, dtype=float)
    rng = float(x.max() - x.min()) or 1.0
    mu = calc_weighted_median(x, c * s)
    p = float(_probability(x, c * s, rng)[i, j])
    d = np.array(abs(x[i] - x[j]) / rng)
    u_s, u_f, u_b, u_w, u_q = (float(u) for u in _utilities(d, np.array(abs(x[i] - mu) / rng), r[i]))
    eu = s[j] * (p * u_s + (1 - p) * u_f) + (1 - s[j]) * u_s - q * u_q - (1 - q) * (t * u_b + (1 - t) * u_w)
    return BdmTerms(p, u_s, u_f, u_b, u_w, u_q, float(eu))


def _challenges_of(x: np.ndarray, c: np.ndarray, s: np.ndarray, i: int, rng: float, q: float, t: float) -> float:
    """``S_i = sum_j E^j(U_ji)`` with every risk exponent 1: what the others gain by challenging i."""
    w = c * s
    dist = np.abs(x[:, None] - x[None, :]) / rng
    v = w[:, None] * (dist[:, [i]] - dist)  # v[k, j]: k's vote for j's position over i's
    den = np.abs(v).sum(axis=0)
    p = np.divide(np.clip(v, 0, None).sum(axis=0), den, out=np.full(len(x), 0.5), where=den > 0)
    mu = calc_weighted_median(x, w)
    ones = np.ones(len(x))
    u_s, u_f, u_b, u_w, u_q = _utilities(dist[:, i], np.abs(x - mu) / rng, ones)
    e = s[i] * (p * u_s + (1 - p) * u_f) + (1 - s[i]) * u_s - q * u_q - (1 - q) * (t * u_b + (1 - t) * u_w)
    e[i] = 0.0
    return float(e.sum())


def _risk(x: np.ndarray, c: np.ndarray, s: np.ndarray, rng: float, q: float, t: float) -> np.ndarray:
    """Risk exponents r_i from the security of each actor's position (eq. 5)."""
    cand = np.unique(x)
    r = np.ones(len(x))
    for i in range(len(x)):
        totals = np.empty(len(cand))
        for k, y in enumerate(cand):
            xi = x.copy()
            xi[i] = y
            totals[k] = _challenges_of(xi, c, s, i, rng, q, t)
        own = totals[int(np.searchsorted(cand, x[i]))]
        hi, lo = totals.max(), totals.min()
        big_r = (2 * own - hi - lo) / (hi - lo) if hi - lo > 1e-12 else 0.0
        r[i] = (1 - big_r / 3) / (1 + big_r / 3)
    return r


def _round(
    x: np.ndarray, c: np.ndarray, s: np.ndarray, rng: float, q: float, t: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r = _risk(x, c, s, rng, q, t)
    mu = calc_weighted_median(x, c * s)
    e = _eu_matrix(x, c, s, r, mu, rng, q, t)
    new = x.copy()
    for i in range(len(x)):
        offers: tuple[list[float], list[float], list[float]] = ([], [], [])
        for j in range(len(x)):
            if j == i or x[j] == x[i]:
                continue
            e_ij, e_ji = e[i, j], e[j, i]
            if e_ji > e_ij > 0:
                offers[0].append(x[j])
            elif e_ji > 0 > e_ij and abs(e_ji) > abs(e_ij):
                offers[1].append(x[i] + (x[j] - x[i]) * abs(e_ij / e_ji))
            elif e_ji > 0 > e_ij:
                offers[2].append(x[j])
        for kind in offers:
            if kind:
                new[i] = min(kind, key=lambda o, xi=x[i]: abs(o - xi))
                break
    return new, r, e


@dataclass(frozen=True, eq=False)
class BdmRun:
    """Round-by-round result of the challenge model.

    Attributes
    ----------
    positions : ndarray, (rounds + 1) x n
        Positions at the start (row 0) and after each round.
    risk : ndarray, rounds x n
        Risk exponents used in each round.
    median, mean : ndarray, rounds + 1
        The :math:`c s`-weighted median (the model's forecast) and mean of each row of positions.
    """

    positions: np.ndarray
    risk: np.ndarray
    median: np.ndarray
    mean: np.ndarray

    @property
    def forecast(self) -> float:
        return float(self.median[-1])


def bdm_simulate(
    x: np.ndarray, c: np.ndarray, s: np.ndarray, *, rounds: int = 4, q: float = 1.0, t: float = 1.0
) -> BdmRun:
    """Run the challenge model for ``rounds`` rounds (stops early when no one moves).

    Parameters
    ----------
    x, c, s : ndarray(float, ndim=1), length n
        Positions, capabilities, saliences in [0, 1] of the actors taking part.
    rounds : int
    q, t : float
        Q and T of eq. 4.
    """
    x, c, s = (np.asarray(a, dtype=float).copy() for a in (x, c, s))
    rng = float(x.max() - x.min())
    w = c * s if (c * s).sum() > 0 else np.ones_like(c)
    pos, risks = [x.copy()], []
    if rng > 0:
        for _ in range(rounds):
            new, r, _e = _round(pos[-1], c, s, rng, q, t)
            risks.append(r)
            moved = not np.allclose(new, pos[-1])
            pos.append(new)
            if not moved:
                break
    p = np.array(pos)
    return BdmRun(
        positions=p,
        risk=np.array(risks) if risks else np.ones((0, len(x))),
        median=np.array([calc_weighted_median(row, w) for row in p]),
        mean=p @ w / w.sum(),
    )
