r"""One-issue spatial models: compromise, weighted median, Nash bargaining from a reference point.

This module is functional: every function takes the present actors' arrays of one issue
(positions ``x``, capabilities ``c``, saliences ``s`` in [0, 1]) and returns numbers.

References
----------
1. F. N. Stokman, R. Van Oosten (1994), "The exchange of voting positions", in B. Bueno de Mesquita
   and F. N. Stokman (eds.), *European Community Decision Making*, Yale UP (the compromise model).
2. C. H. Achen (2006), "Institutional realism and bargaining models", in R. Thomson et al. (eds.),
   *The European Union Decides*, CUP, ch. 4 (compromise as Nash bargaining; the Nash model with
   the reference point as disagreement).
3. D. Black (1948), "On the rationale of group decision-making", *J. Political Economy* 56(1).
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize_scalar

__all__ = ["calc_compromise", "calc_nash_reference", "calc_weighted_median"]


def _weights(c: np.ndarray, s: np.ndarray) -> np.ndarray:
    w = np.asarray(c, dtype=float) * np.asarray(s, dtype=float)
    return w if w.sum() > 0 else np.ones_like(w)


def calc_compromise(x: np.ndarray, c: np.ndarray, s: np.ndarray) -> float:
    r"""Compromise model: :math:`\hat o = \sum_i c_i s_i x_i / \sum_i c_i s_i` (ref. 1).

    With all weights zero the unweighted mean is returned.
    """
    w = _weights(c, s)
    return float(np.dot(w, x) / w.sum())


def calc_weighted_median(x: np.ndarray, w: np.ndarray) -> float:
    r"""Weighted median: the position where the cumulative weight first reaches half (ref. 3).

    In one dimension with linear (or any symmetric single-peaked) utilities this is the position
    that beats every other in pairwise votes weighted by ``w`` (the median voter). Where the
    cumulative weight equals exactly half at a position, the midpoint to the next one is returned.
    """
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    if w.sum() <= 0:
        w = np.ones_like(w)
    order = np.argsort(x, kind="stable")
    xs, cw = x[order], np.cumsum(w[order])
    half = cw[-1] / 2.0
    k = int(np.searchsorted(cw, half - 1e-12 * cw[-1]))
    if np.isclose(cw[k], half, rtol=1e-12, atol=0) and k + 1 < len(xs):
        return float((xs[k] + xs[k + 1]) / 2.0)
    return float(xs[k])


def calc_nash_reference(x: np.ndarray, c: np.ndarray, s: np.ndarray, rp: float) -> tuple[float, float, float]:
    r"""Asymmetric Nash bargaining solution with the reference point as disagreement (ref. 2).

    Utilities are quadratic losses :math:`u_i(o) = -s_i (o - x_i)^2`; the solution maximises

    .. math:: \sum_{i:\, w_i > 0} w_i \log\bigl(u_i(o) - u_i(rp)\bigr), \qquad w_i = c_i s_i,

    over the outcomes every actor with positive weight prefers to ``rp`` (the bargaining set:
    :math:`o` strictly between ``rp`` and :math:`2 x_i - rp` for each actor). If that set is empty
    (actors on both sides of ``rp``, or one at ``rp``), the reference point is Pareto-optimal and is
    the solution. Without a reference point the limit of a very bad disagreement applies, which with
    quadratic utilities is the compromise model (ref. 2), and the interval is NaN.

    Returns
    -------
    (prediction, low, high)
        The solution and the bargaining set's bounds.
    """
    x = np.asarray(x, dtype=float)
    w = np.asarray(c, dtype=float) * np.asarray(s, dtype=float)
    if not np.isfinite(rp):
        return calc_compromise(x, c, s), float("nan"), float("nan")
    keep = w > 0
    if not keep.any():
        return float(rp), float(rp), float(rp)
    x, w = x[keep], w[keep]
    if np.all(x > rp):
        lo, hi = float(rp), float(np.min(2 * x - rp))
    elif np.all(x < rp):
        lo, hi = float(np.max(2 * x - rp)), float(rp)
    else:
        return float(rp), float(rp), float(rp)

    def neg(o: float) -> float:
        gain = (rp - x) ** 2 - (o - x) ** 2
        return float(-np.dot(w, np.log(np.maximum(gain, 1e-300))))

    res = minimize_scalar(neg, bounds=(lo, hi), method="bounded", options={"xatol": 1e-9 * max(1.0, hi - lo)})
    return float(res.x), lo, hi
