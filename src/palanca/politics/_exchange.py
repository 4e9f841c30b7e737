r"""Stokman's exchange model: pairs of actors trade voting positions across issues they weigh differently.

This module is functional. Each actor has a *true* position :math:`x_{ka}` (what it wants; fixed) and a
*voting* position :math:`v_{ka}` (what it supports; starts at :math:`x_{ka}` and moves in exchanges). On
each issue a of a dossier the expected outcome is the compromise of the voting positions,
:math:`O_a = \sum_k c_k s_{ka} v_{ka} / W_a`, :math:`W_a = \sum_k c_k s_{ka}`.

An exchange between i and j on issues (a, b) has j move its vote on a toward i (shifting :math:`O_a` by
:math:`A = c_j s_{ja}\delta_a / W_a`) and i its vote on b toward j (:math:`B = c_i s_{ib}\delta_b / W_b`).
It is possible only if

* i and j sit on **opposite sides of the expected outcome on both issues** (their true positions,
  :math:`(x_{ia} - O_a)(x_{ja} - O_a) < 0` and likewise on b), so that each wants the outcome moved the
  way the other's concession moves it (Stokman & Van Oosten 1994, the exchange condition), and
* i cares relatively more about a: :math:`s_{ia} s_{jb} > s_{ib} s_{ja}`.

With linear utilities the gains are :math:`G_i = s_{ia} A - s_{ib} B` and :math:`G_j = s_{jb} B - s_{ja} A`;
the exchange rate equalises them, :math:`A (s_{ia} + s_{ja}) = B (s_{ib} + s_{jb})`, and the volume is
the largest for which neither voting position passes the other actor's voting position. Each round
executes the exchanges in decreasing order of gain, each (actor, issue) at most once, and recomputes the
outcomes; rounds repeat until no exchange gains more than ``tol``. The forecast is the compromise of the
final voting positions; true positions never change.

References
----------
1. F. N. Stokman, R. Van Oosten (1994), "The exchange of voting positions: an object-oriented
   model of policy networks", in B. Bueno de Mesquita and F. N. Stokman (eds.), *European Community
   Decision Making*, Yale UP, ch. 5.
2. F. N. Stokman, R. Thomson (2004), "Winners and losers in the European Union", *European Union
   Politics* 5(1): 5–23.
"""

from __future__ import annotations

import numpy as np

__all__ = ["exchange_positions"]


def exchange_positions(
    x: np.ndarray, c: np.ndarray, s: np.ndarray, *, rounds: int = 10, tol: float = 1e-9
) -> tuple[np.ndarray, int]:
    """Voting positions after the exchanges of one dossier.

    Parameters
    ----------
    x : ndarray(float, ndim=2), shape issues x actors
        True positions; NaN where an actor takes no part. Not modified.
    c : ndarray(float, ndim=1), length actors
        Capabilities.
    s : ndarray(float, ndim=2), shape issues x actors
        Saliences in [0, 1].
    rounds : int
        Cap on rounds of exchange.
    tol : float
        Smallest gain (salience x scale units) that counts as an exchange.

    Returns
    -------
    (voting_positions, n_exchanges)
        Final voting positions (NaN kept where absent) and the number of exchanges executed.
    """
    true = np.array(x, dtype=float, copy=True)
    true.setflags(write=False)
    vote = np.array(x, dtype=float, copy=True)
    s = np.asarray(s, dtype=float)
    c = np.asarray(c, dtype=float)
    n_issues, _n_act = vote.shape
    present = np.isfinite(vote) & (s > 0) & (c[None, :] > 0)
    done = 0
    if n_issues < 2:
        return vote, 0
    w = np.where(present, c[None, :] * s, 0.0)
    tot = w.sum(axis=1)
    for _ in range(rounds):
        outcome = np.array([np.dot(w[a, present[a]], vote[a, present[a]]) / tot[a] if tot[a] > 0 else np.nan
                            for a in range(n_issues)])  # fmt: skip
        cands = []
        for a in range(n_issues):
            for b in range(n_issues):
                if a == b or tot[a] <= 0 or tot[b] <= 0:
                    continue
                idx = np.flatnonzero(present[a] & present[b])
                xa, xb = true[a, idx] - outcome[a], true[b, idx] - outcome[b]
                va, vb, sa, sb = vote[a, idx], vote[b, idx], s[a, idx], s[b, idx]
                # i indexes rows, j columns: j moves its vote on a toward i, i its vote on b toward j
                ok = (
                    (xa[:, None] * xa[None, :] < 0)
                    & (xb[:, None] * xb[None, :] < 0)
                    & (va[:, None] != va[None, :])
                    & (vb[:, None] != vb[None, :])
                    & (sa[:, None] * sb[None, :] > sb[:, None] * sa[None, :])
                )
                if not ok.any():
                    continue
                rho = (sb[:, None] + sb[None, :]) / (sa[:, None] + sa[None, :])
                a_max = w[a, idx][None, :] * np.abs(va[:, None] - va[None, :]) / tot[a]
                b_max = w[b, idx][:, None] * np.abs(vb[:, None] - vb[None, :]) / tot[b]
                shift_b = np.minimum(b_max, a_max / rho)
                shift_a = rho * shift_b
                gain = sa[:, None] * shift_a - sb[:, None] * shift_b
                for ii, jj in np.argwhere(ok & (gain > tol)):
                    cands.append(
                        (float(gain[ii, jj]), a, b, int(idx[ii]), int(idx[jj]), shift_a[ii, jj], shift_b[ii, jj])
                    )
        if not cands:
            break
        used: set[tuple[int, int]] = set()
        moved = 0
        for _gain, a, b, i, j, shift_a, shift_b in sorted(cands, key=lambda t: -t[0]):
            if {(a, i), (a, j), (b, i), (b, j)} & used:
                continue
            used |= {(a, i), (a, j), (b, i), (b, j)}
            delta_a = shift_a * tot[a] / w[a, j]
            delta_b = shift_b * tot[b] / w[b, i]
            vote[a, j] += np.sign(vote[a, i] - vote[a, j]) * min(delta_a, abs(vote[a, i] - vote[a, j]))
            vote[b, i] += np.sign(vote[b, j] - vote[b, i]) * min(delta_b, abs(vote[b, j] - vote[b, i]))
            moved += 1
        done += moved
        if moved == 0:
            break
    return vote, done
