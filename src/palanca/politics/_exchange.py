r"""Stokman's exchange model: pairs of actors trade positions across issues they weigh differently.

This module is functional. On each issue a of a dossier the expected outcome is the compromise
:math:`O_a = \sum_k c_k s_{ka} x_{ka} / W_a`, :math:`W_a = \sum_k c_k s_{ka}`. An exchange between
actors i and j on issues (a, b) has j move toward i on a (by :math:`\delta_a`) and i toward j on b
(by :math:`\delta_b`); the outcomes shift by :math:`A = c_j s_{ja}\delta_a / W_a` and
:math:`B = c_i s_{ib}\delta_b / W_b`, and with linear utilities the gains are

.. math:: G_i = s_{ia} A - s_{ib} B, \qquad G_j = s_{jb} B - s_{ja} A .

Both gain iff :math:`s_{ia} s_{jb} > s_{ib} s_{ja}` (i cares relatively more about a). The exchange
rate equalises the gains, :math:`A (s_{ia} + s_{ja}) = B (s_{ib} + s_{jb})`, and the volume is the
largest one for which neither actor moves past the other's position. Each round executes the
exchanges in decreasing order of gain, each (actor, issue) position at most once; rounds repeat
until no exchange gains more than ``tol``. The forecast is the compromise of the final positions.

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
    """Positions after the exchanges of one dossier.

    Parameters
    ----------
    x : ndarray(float, ndim=2), shape issues x actors
        Positions; NaN where an actor takes no part.
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
    (positions, n_exchanges)
        Final positions (NaN kept where absent) and the number of exchanges executed.
    """
    x = np.array(x, dtype=float, copy=True)
    s = np.asarray(s, dtype=float)
    n_issues, _n_act = x.shape
    present = np.isfinite(x) & (s > 0) & (c[None, :] > 0)
    done = 0
    if n_issues < 2:
        return x, 0
    for _ in range(rounds):
        w = np.where(present, c[None, :] * s, 0.0)
        tot = w.sum(axis=1)
        cands = []
        for a in range(n_issues):
            for b in range(n_issues):
                if a == b or tot[a] <= 0 or tot[b] <= 0:
                    continue
                idx = np.flatnonzero(present[a] & present[b])
                xa, xb, sa, sb = x[a, idx], x[b, idx], s[a, idx], s[b, idx]
                # i indexes rows, j columns: j moves on a toward i, i moves on b toward j
                ok = (
                    (xa[:, None] != xa[None, :])
                    & (xb[:, None] != xb[None, :])
                    & (sa[:, None] * sb[None, :] > sb[:, None] * sa[None, :])
                )
                if not ok.any():
                    continue
                rho = (sb[:, None] + sb[None, :]) / (sa[:, None] + sa[None, :])
                a_max = w[a, idx][None, :] * np.abs(xa[:, None] - xa[None, :]) / tot[a]
                b_max = w[b, idx][:, None] * np.abs(xb[:, None] - xb[None, :]) / tot[b]
                shift_b = np.minimum(b_max, a_max / rho)
                shift_a = rho * shift_b
                gain = sa[:, None] * shift_a - sb[:, None] * shift_b
                for ii, jj in np.argwhere(ok & (gain > tol)):
                    cands.append(
                        (
                            float(gain[ii, jj]),
                            a,
                            b,
                            int(idx[ii]),
                            int(idx[jj]),
                            shift_a[ii, jj],
                            shift_b[ii, jj],
                        )
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
            x[a, j] += np.sign(x[a, i] - x[a, j]) * min(delta_a, abs(x[a, i] - x[a, j]))
            x[b, i] += np.sign(x[b, j] - x[b, i]) * min(delta_b, abs(x[b, j] - x[b, i]))
            moved += 1
        done += moved
        if moved == 0:
            break
    return x, done
