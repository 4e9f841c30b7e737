r"""Equilibrium conditions of the Caliendo–Parro model as pure array functions.

This module is functional: every ``calc_*`` function takes ndarrays and returns ndarrays, touches
no files and no module state. Notation follows Caliendo and Parro (2015) [1]_; hats are ratios
new/old ("exact hat algebra", Dekle, Eaton and Kortum 2008 [2]_).

Notation (code name — Caliendo–Parro symbol — meaning):

==============================  =========================  ==============================================
``va_share`` (``beta``)          :math:`\gamma_n^j`          value-added share of sector j's gross output
``io``                           :math:`\gamma_n^{k,j}/(1-\gamma_n^j)`  share of input k in j's intermediates
``G`` = `calc_cost_weights`      :math:`\gamma_n^{k,j}`      share of input k in the cost of j
``final_share`` (``alpha``)      :math:`\alpha_n^j`          final-demand share
``theta``                        :math:`\theta^j`            trade elasticity (Fréchet dispersion)
``trade_share`` (``pi``)         :math:`\pi_{ni}^j`          destination n's expenditure share on origin i
``tariff`` (``tau``)             :math:`\tau_{ni}^j`         n's ad-valorem tariff on i's sector-j goods
==============================  =========================  ==============================================

DESIGN.md's ``gamma[n, k, j]`` (the share of input sector k in j's intermediate costs) is ``io`` here.
The solver's fixed-point map (`palanca.model._solver`) is composed of these kernels; its compiled fast
path (`palanca.model._fast`) implements the same map and is tested against it.

Shapes: N countries, J sectors. ``lw`` (N,) log wage changes; ``lP`` (N, J) log sectoral price-index
changes; ``X`` (N, J) counterfactual expenditure by destination and sector (tariff-inclusive,
USD millions); three-dimensional arrays are ``[destination n, origin i, sector j]``.

References
----------
.. [1] L. Caliendo and F. Parro, "Estimates of the Trade and Welfare Effects of NAFTA",
   Review of Economic Studies 82(1): 1–44, 2015. doi:10.1093/restud/rdu035.
.. [2] R. Dekle, J. Eaton and S. Kortum, "Global Rebalancing with Gravity", IMF Staff Papers
   55(3): 511–540, 2008.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "calc_cost_weights",
    "calc_expenditure",
    "calc_gross_output",
    "calc_log_unit_cost",
    "calc_price_index",
    "calc_tariff_rebate_share",
    "calc_trade_shares",
]


def calc_cost_weights(va_share: np.ndarray, io: np.ndarray) -> np.ndarray:
    r"""Input cost shares in gross output, ``G[n, k, j] = io[n, k, j] (1 - beta[n, j])``.

    ``G[n, k, j]`` is :math:`\gamma_n^{k,j}` of [1]_ (share of input ``k`` in the cost of
    producing one unit of ``j``). Shape N x J x J.
    """
    return io * (1.0 - va_share)[:, None, :]


def calc_log_unit_cost(lw: np.ndarray, lP: np.ndarray, va_share: np.ndarray, G: np.ndarray) -> np.ndarray:
    r"""Log change of the cost of the input bundle, N x J ([1]_, eq. 10).

    .. math:: \hat c_n^j = \hat w_n^{\gamma_n^j} \prod_k (\hat P_n^k)^{\gamma_n^{k,j}}

    ``lw`` is N (one wage per country) or N x J (sector-specific wages: labour fixed by sector).
    """
    lw_nj = lw[:, None] if lw.ndim == 1 else lw
    return va_share * lw_nj + np.einsum("nkj,nk->nj", G, lP)


def calc_price_index(
    A: np.ndarray, lc: np.ndarray, theta: np.ndarray, buys: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    r"""Sectoral price-index changes ([1]_, eq. 11).

    .. math:: \hat P_n^j = \Big[\sum_i \pi_{ni}^j (\hat\kappa_{ni}^j \hat c_i^j)^{-\theta^j}
              \Big]^{-1/\theta^j}

    Parameters
    ----------
    A : ndarray, N x N x J
        ``pi[n, i, j] * kappa_hat[n, i, j] ** -theta[j]``.
    lc : ndarray, N x J
        Log unit-cost changes by origin and sector.
    theta : ndarray, J
    buys : ndarray of bool, N x J, optional
        Destinations that buy the sector at all (``A.sum(axis=1) > 0``). Where a destination buys
        nothing the price index is undefined; it is reported as unchanged (``lP = 0``), and its trade
        shares stay zero.

    Returns
    -------
    lP : ndarray, N x J
        Log price-index changes by destination and sector.
    e : ndarray, N x J
        ``c_hat ** -theta`` by origin and sector (reused for trade shares).
    """
    e = np.exp(-theta * lc)
    S = np.einsum("nij,ij->nj", A, e)
    if buys is not None:
        S = np.where(buys, S, 1.0)
    return -np.log(S) / theta, e


def calc_trade_shares(A: np.ndarray, e: np.ndarray, lP: np.ndarray, theta: np.ndarray) -> np.ndarray:
    r"""Counterfactual expenditure shares ``pi'[n, i, j]`` ([1]_, eq. 12).

    .. math:: \pi_{ni}^{j\prime} = \pi_{ni}^j
              \Big[\frac{\hat c_i^j \hat\kappa_{ni}^j}{\hat P_n^j}\Big]^{-\theta^j}
    """
    return A * e[None, :, :] * np.exp(theta * lP)[:, None, :]


def calc_gross_output(producer_share: np.ndarray, X: np.ndarray) -> np.ndarray:
    r"""Gross output by origin and sector, N x J.

    ``Y[i, j] = sum_n X[n, j] pi'[n, i, j] / (1 + tau'[n, i, j])``.

    ``producer_share`` is ``pi' / (1 + tau')`` (N x N x J); result N x J.
    """
    return np.einsum("nij,nj->ij", producer_share, X)


def calc_tariff_rebate_share(pi: np.ndarray, tariff: np.ndarray) -> np.ndarray:
    r"""Tariff revenue per unit of expenditure, N x J.

    ``rho[n, j] = sum_i pi[n, i, j] tau[n, i, j] / (1 + tau[n, i, j])``.
    """
    return np.einsum("nij,nij->nj", pi, tariff / (1.0 + tariff))


def calc_expenditure(
    Y: np.ndarray,
    G: np.ndarray,
    final_share: np.ndarray,
    income: np.ndarray,
) -> np.ndarray:
    r"""Goods-market clearing: expenditure by destination and sector ([1]_, eq. 7).

    .. math:: X_n^{j\prime} = \sum_k \gamma_n^{j,k} Y_n^{k\prime} + \alpha_n^j I_n'

    with :math:`I_n' = \hat w_n w_n L_n + R_n' + D_n'` passed in as ``income`` (N,).
    """
    return np.einsum("njk,nk->nj", G, Y) + final_share * income[:, None]
