"""Accounting identities shared by the world builders (this module is functional).

Functions take ndarrays in the `World` layout (``[destination n, origin i, sector j]``) and return
ndarrays; no files, no labels.

References
----------
.. [1] L. Caliendo and F. Parro, "Estimates of the Trade and Welfare Effects of NAFTA",
   Review of Economic Studies 82(1): 1–44, 2015, eq. 7 (goods-market clearing).
"""

from __future__ import annotations

import numpy as np

__all__ = ["balance_io", "calc_expenditure_gap", "final_shares_from_flows", "raw_final_demand"]


def final_shares_from_flows(
    X: np.ndarray, tariff: np.ndarray, va_share: np.ndarray, io: np.ndarray, deficit: np.ndarray
) -> np.ndarray:
    r"""Final-demand shares implied by goods-market clearing ([1]_, eq. 7), N x J.

    .. math:: \alpha_n^j = \Big(X_n^j - \sum_k \gamma_n^{j,k} (1-\beta_n^k) Y_n^k\Big) / I_n,
              \qquad I_n = VA_n + R_n + D_n

    Negative values are set to zero and each row renormalised to sum to one (as in the authors'
    code); the rows sum to one before truncation because total absorption equals intermediate
    costs plus income.
    """
    raw = raw_final_demand(X, tariff, va_share, io, deficit)
    alpha = np.maximum(raw, 0.0)
    return alpha / alpha.sum(axis=1, keepdims=True)


def raw_final_demand(
    X: np.ndarray, tariff: np.ndarray, va_share: np.ndarray, io: np.ndarray, deficit: np.ndarray
) -> np.ndarray:
    """Final demand ``X_n^j - intermediate use`` divided by income, before truncation, N x J."""
    absorption = (X * (1.0 + tariff)).sum(axis=1)
    y = X.sum(axis=0)
    inter = np.einsum("njk,nk->nj", io, (1.0 - va_share) * y)
    income = (va_share * y).sum(axis=1) + (X * tariff).sum(axis=(1, 2)) + deficit
    return (absorption - inter) / income[:, None]


def calc_expenditure_gap(
    X: np.ndarray, tariff: np.ndarray, va_share: np.ndarray, io: np.ndarray, deficit: np.ndarray
) -> float:
    """Share of world final demand that truncating negative final demand removes (0 = exact data).

    This is the residual of the data against the model's goods-market identity: the sum of the
    negative parts of ``X_n^j - intermediate use`` relative to world final demand ``sum_n I_n``.
    """
    absorption = (X * (1.0 + tariff)).sum(axis=1)
    y = X.sum(axis=0)
    inter = np.einsum("njk,nk->nj", io, (1.0 - va_share) * y)
    final = absorption - inter
    return float(-np.minimum(final, 0.0).sum() / final.sum())


def balance_io(
    X: np.ndarray,
    tariff: np.ndarray,
    va_share: np.ndarray,
    io: np.ndarray,
    *,
    headroom: float = 0.0,
    max_iter: int = 2000,
    tol: float = 1e-10,
) -> tuple[np.ndarray, int]:
    r"""Adjust input shares so that intermediate use never exceeds absorption (capped RAS).

    For each country the intermediate-use matrix ``U[k, j] = io[k, j] (1 - beta[j]) Y[j]`` is
    rebalanced biproportionally: rows (input sectors) whose use exceeds ``(1 - headroom)`` times
    the sector's absorption are scaled down to that cap, then columns are rescaled to their
    intermediate costs ``(1 - beta[j]) Y[j]`` (so value-added shares are unchanged); repeat until
    no row exceeds its cap by more than ``tol`` (relative). This is RAS with inequality row
    constraints (Harthoorn and van Dalen 1987; Miller and Blair 2009, sec. 7.4). It is feasible
    whenever total intermediate costs are below total absorption, which holds when incomes are
    positive.

    Returns
    -------
    io : ndarray, N x J x J
        Balanced input shares (columns still sum to one).
    iterations : int
    """
    absorption = (X * (1.0 + tariff)).sum(axis=1)  # (N, J)
    y = X.sum(axis=0)
    cost = (1.0 - va_share) * y  # (N, J) intermediate costs by using sector
    U = io * cost[:, None, :]
    cap = (1.0 - headroom) * absorption
    it = 0
    for it in range(1, max_iter + 1):  # noqa: B007
        rows = U.sum(axis=2)
        over = rows > cap * (1.0 + tol) + 1e-12
        if not over.any():
            break
        r = np.where(over, cap / np.where(rows > 0, rows, 1.0), 1.0)
        U = U * r[:, :, None]
        cols = U.sum(axis=1)
        s = np.divide(cost, cols, out=np.ones_like(cost), where=cols > 0)
        # never scale a row that sits at its cap upwards: only the slack rows absorb the rescaling
        at_cap = U.sum(axis=2) >= cap * (1.0 - 1e-12)
        slack = U * (~at_cap)[:, :, None]
        fixed = U * at_cap[:, :, None]
        need = cost - fixed.sum(axis=1)
        have = slack.sum(axis=1)
        t = np.divide(need, have, out=np.ones_like(need), where=have > 0)
        U = fixed + slack * np.maximum(t, 0.0)[:, None, :]
        # columns whose slack rows cannot carry the cost fall back to the plain rescaling
        bad = (have <= 0) | (need < 0)
        if bad.any():
            U = np.where(bad[:, None, :], (fixed + slack) * s[:, None, :], U)
    col = U.sum(axis=1, keepdims=True)
    out = np.divide(U, col, out=io.copy(), where=col > 0)
    return out, it
