r"""Bueno de Mesquita's expected-utility ("challenge") model, in Scholz, Calbert & Smith's (2011) reading.

This module is functional. Actors have capability :math:`c_i`, salience :math:`s_i \in [0, 1]`, position
:math:`x_i` and risk exponent :math:`r_i`; distances are divided by the range of positions,
:math:`d_{ij} = |x_i - x_j| / R`.

1. Votes. Actor k's vote for i's position over j's weighs its own (risk-transformed) distances,
   :math:`v^k_{ij} = c_k s_k (d_{kj}^{r_k} - d_{ki}^{r_k})`, and the probability that i prevails over j
   divides the votes for i by the votes cast over *every* ordered pair of actors' positions:

   .. math:: P_{ij} = \frac{\sum_k \max(0, v^k_{ij})}{\sum_k \sum_{a, b} |v^k_{ab}|}, \qquad P_{ii} = 0.

2. The median :math:`\mu` is the :math:`c_k s_k`-weighted median (the pairwise-vote winner with
   :math:`r = 1`).
3. Utilities, from the point of view of actor p (its risk exponent :math:`r_p`) of a challenge
   between positions at distance :math:`d`:
   :math:`U^s = 2 - 4(0.5 - 0.5 d)^{r_p}`, :math:`U^f = 2 - 4(0.5 + 0.5 d)^{r_p}`,
   :math:`U^b = 2 - 4(0.5 - 0.25(d_{i\mu} + d))^{r_p}`, :math:`U^w = 2 - 4(0.5 + 0.25(d_{i\mu} + d))^{r_p}`,
   :math:`U^q = 2 - 4 (0.5)^{r_p}`.
4. Expected utility of i challenging j as p perceives it,

   .. math:: E_p(U_{ij}) = s_j\bigl[P_{ij} U^s + (1 - P_{ij}) U^f\bigr] + (1 - s_j) U^s
             - Q U^q - (1 - Q)\bigl[T U^b + (1 - T) U^w\bigr].

   Actor i compares its own :math:`E_i(U_{ij})` with its estimate of the opponent's
   :math:`E_i(U_{ji})` — both with **i's** risk exponent (bounded rationality: i projects its risk
   attitude onto the other).
5. Risk. With every :math:`r = 1`, the danger to i is :math:`S_i = \sum_{j \ne i} E_i(U_{ji})`;
   normalised over the **actors**,
   :math:`R_i = (2 S_i - \max_k S_k - \min_k S_k) / (\max_k S_k - \min_k S_k)` and
   :math:`r_i = (1 - R_i/3)/(1 + R_i/3) \in [0.5, 2]`.
6. Offers received by i from j (:math:`x_j \ne x_i`): *confrontation* if
   :math:`E_i(U_{ji}) > E_i(U_{ij}) > 0` (i moves to :math:`x_j`); *compromise* if
   :math:`E_i(U_{ji}) > 0 > E_i(U_{ij})` and :math:`E_i(U_{ji}) > |E_i(U_{ij})|` (i moves to
   :math:`x_i + (x_j - x_i)|E_i(U_{ij})/E_i(U_{ji})|`); *capitulation* if
   :math:`E_i(U_{ji}) > 0 > E_i(U_{ij})` otherwise (to :math:`x_j`). i accepts, from the first non-empty
   kind in that order, the offer that moves it least (the paper's rule; ``compromise="scholz_code"``
   instead picks the compromise closest to the salience-weighted point between the two, as the
   authors' code does). All actors move at once; the forecast is the median of the last round.

The equations follow Scholz, Calbert & Smith (2011) as implemented by the public replication of
J. McKibben (ref. 3), which reproduces the paper's round-by-round results on the 1994 EU emissions case;
the emissions test checks palanca against that replication round by round.

References
----------
1. B. Bueno de Mesquita (1994), "Political forecasting: an expected utility method", in B. Bueno de
   Mesquita and F. N. Stokman (eds.), *European Community Decision Making*, Yale UP, ch. 4.
2. J. B. Scholz, G. J. Calbert, G. A. Smith (2011), "Unravelling Bueno De Mesquita's group decision
   model", *Journal of Theoretical Politics* 23(4): 510–531.
3. J. McKibben, ``jmckib/bdm-scholz-expected-utility-model`` (GitHub), ``bdm_scholz_model.py`` @ 55f63e9.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from palanca.errors import ScenarioError
from palanca.politics._spatial import calc_weighted_median

__all__ = ["BdmRun", "BdmTerms", "bdm_expected_utility", "bdm_simulate"]


@dataclass(frozen=True)
class BdmTerms:
    """The terms of :math:`E_i(U_{ij})` for one ordered pair (see the module docstring)."""

    probability: float
    u_success: float
    u_failure: float
    u_better: float
    u_worse: float
    u_status_quo: float
    expected_utility: float


def _probability(x: np.ndarray, w: np.ndarray, r: np.ndarray, rng: float) -> np.ndarray:
    """``P[i, j]`` (eq. 1), n x n, with each voter's risk exponent and the all-pairs denominator."""
    dist = np.abs(x[:, None] - x[None, :]) / rng  # dist[k, m] = d_km
    dr = dist ** r[:, None]  # voter k's transformed distances
    v = w[:, None, None] * (dr[:, None, :] - dr[:, :, None])  # v[k, i, j] = w_k (d_kj^r_k - d_ki^r_k)
    den = np.abs(v).sum()
    p = np.clip(v, 0, None).sum(axis=0) / den if den > 0 else np.zeros((len(x), len(x)))
    p[x[:, None] == x[None, :]] = 0.0
    return p


def _utilities(d: np.ndarray, d_mu: np.ndarray, r: np.ndarray) -> tuple[np.ndarray, ...]:
    u_s = 2 - 4 * (0.5 - 0.5 * d) ** r
    u_f = 2 - 4 * (0.5 + 0.5 * d) ** r
    u_b = 2 - 4 * np.clip(0.5 - 0.25 * (d_mu + d), 0, None) ** r
    u_w = 2 - 4 * (0.5 + 0.25 * (d_mu + d)) ** r
    u_q = 2 - 4 * 0.5**r * np.ones_like(d)
    return u_s, u_f, u_b, u_w, u_q


def _eu_pair_matrices(
    x: np.ndarray, c: np.ndarray, s: np.ndarray, r: np.ndarray, rng: float, q: float, t: float
) -> tuple[np.ndarray, np.ndarray]:
    """``own[i, j] = E_i(U_ij)`` and ``opp[i, j] = E_i(U_ji)`` (eq. 4), both with i's risk; zero diagonals."""
    w = c * s
    p = _probability(x, w, r, rng)
    mu = calc_weighted_median(x, w)
    d = np.abs(x[:, None] - x[None, :]) / rng
    d_mu = np.abs(x - mu) / rng
    ri = r[:, None]
    u_s, u_f, u_b, u_w, u_q = _utilities(d, d_mu[:, None], ri)
    own = (
        s[None, :] * (p * u_s + (1 - p) * u_f) + (1 - s[None, :]) * u_s - q * u_q - (1 - q) * (t * u_b + (1 - t) * u_w)
    )
    ub_j, uw_j = _utilities(d, d_mu[None, :], ri)[2:4]  # the challenger j's better/worse, i's risk
    opp = s[:, None] * (p.T * u_s + (1 - p.T) * u_f) + (1 - s[:, None]) * u_s - q * u_q
    opp = opp - (1 - q) * (t * ub_j + (1 - t) * uw_j)
    np.fill_diagonal(own, 0.0)
    np.fill_diagonal(opp, 0.0)
    return own, opp


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
    """The terms of actor i's expected utility of challenging j, as i perceives it (eqs. 1–4)."""
    x, c, s = (np.asarray(a, dtype=float) for a in (x, c, s))
    r = np.ones_like(x) if risk is None else np.asarray(risk, dtype=float)
    rng = float(x.max() - x.min()) or 1.0
    mu = calc_weighted_median(x, c * s)
    p = float(_probability(x, c * s, r, rng)[i, j])
    d = np.array(abs(x[i] - x[j]) / rng)
    u_s, u_f, u_b, u_w, u_q = (float(u) for u in _utilities(d, np.array(abs(x[i] - mu) / rng), r[i]))
    eu = s[j] * (p * u_s + (1 - p) * u_f) + (1 - s[j]) * u_s - q * u_q - (1 - q) * (t * u_b + (1 - t) * u_w)
    return BdmTerms(p, u_s, u_f, u_b, u_w, u_q, float(eu))


def _risk(x: np.ndarray, c: np.ndarray, s: np.ndarray, rng: float, q: float, t: float) -> np.ndarray:
    """Risk exponents r_i from the danger to each position, normalised over the actors (eq. 5)."""
    _own, opp = _eu_pair_matrices(x, c, s, np.ones(len(x)), rng, q, t)
    danger = opp.sum(axis=1)  # S_i = sum_j E_i(U_ji)
    hi, lo = danger.max(), danger.min()
    big_r = (2 * danger - hi - lo) / (hi - lo) if hi - lo > 1e-12 else np.zeros(len(x))
    return (1 - big_r / 3) / (1 + big_r / 3)


def _round(
    x: np.ndarray, c: np.ndarray, s: np.ndarray, rng: float, q: float, t: float, compromise: str
) -> tuple[np.ndarray, np.ndarray]:
    r = _risk(x, c, s, rng, q, t)
    own, opp = _eu_pair_matrices(x, c, s, r, rng, q, t)
    new = x.copy()
    for i in range(len(x)):
        kinds: tuple[list[tuple[float, float]], ...] = ([], [], [])  # (position, compromise key)
        for j in range(len(x)):
            if j == i or x[j] == x[i]:
                continue
            e_ij, e_ji = own[i, j], opp[i, j]
            if e_ji > e_ij > 0:
                kinds[0].append((x[j], 0.0))
            elif e_ji > 0 > e_ij and e_ji > abs(e_ij):
                key = (abs(e_ij) * x[i] + abs(e_ji) * x[j]) / (abs(e_ij) + abs(e_ji))
                kinds[1].append((x[i] + (x[j] - x[i]) * abs(e_ij / e_ji), key))
            elif e_ji > 0 > e_ij:
                kinds[2].append((x[j], 0.0))
        for k, kind in enumerate(kinds):
            if kind:
                if k == 1 and compromise == "scholz_code":
                    new[i] = min(kind, key=lambda o: o[1])[0]
                else:
                    new[i] = min(kind, key=lambda o, xi=x[i]: abs(o[0] - xi))[0]
                break
    return new, r


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
    x: np.ndarray,
    c: np.ndarray,
    s: np.ndarray,
    *,
    rounds: int = 4,
    q: float = 1.0,
    t: float = 1.0,
    compromise: str = "least_move",
) -> BdmRun:
    """Run the challenge model for ``rounds`` rounds (stops early when no one moves).

    Parameters
    ----------
    x, c, s : ndarray(float, ndim=1), length n
        Positions, capabilities, saliences in [0, 1] of the actors taking part.
    rounds : int
    q, t : float
        Q and T of eq. 4.
    compromise : {"least_move", "scholz_code"}
        Which compromise offer an actor accepts (module docstring, point 6).
    """
    if compromise not in ("least_move", "scholz_code"):
        raise ScenarioError(f"compromise = {compromise!r}; use 'least_move' (the paper) or 'scholz_code'.")
    x, c, s = (np.asarray(a, dtype=float).copy() for a in (x, c, s))
    rng = float(x.max() - x.min())
    w = c * s if (c * s).sum() > 0 else np.ones_like(c)
    pos, risks = [x.copy()], []
    if rng > 0 and (c * s).sum() > 0:
        for _ in range(rounds):
            new, r = _round(pos[-1], c, s, rng, q, t, compromise)
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
