r"""Welfare and its decomposition into terms-of-trade and volume-of-trade effects (functional).

Caliendo and Parro (2015, section 4.1, eq. 20) write the welfare effect of a small tariff change
in country n as

.. math::
    d\ln W_n = \frac{1}{I_n}\sum_j\sum_i \big(E_{ni}^j\, d\ln c_n^j - M_{ni}^j\, d\ln c_i^j\big)
             + \frac{1}{I_n}\sum_j\sum_i \tau_{ni}^j M_{ni}^j\big(d\ln M_{ni}^j - d\ln c_i^j\big),

terms of trade plus volume of trade, with :math:`E_{ni}^j` the exports of n to i and
:math:`M_{ni}^j` the imports of n from i at producer prices, and :math:`I_n` income. Table 2 of
the paper evaluates this first-order expression for the discrete 1993 -> 2005 change with baseline
flows, baseline tariffs and linear changes (:math:`d\ln x \approx \hat x - 1`); we do the same,
and so reproduce the published table. The exact real-income change, :math:`\hat I_n/\hat P_n`,
is reported beside it by `Equilibrium.real_income_hat`; for large shocks the two differ.
Each term is returned per partner and sector, so the country totals decompose exactly.
"""

from __future__ import annotations

import numpy as np

__all__ = ["calc_tot_vot"]


def calc_tot_vot(
    M0: np.ndarray,
    M1: np.ndarray,
    tau0: np.ndarray,
    cost_hat: np.ndarray,
    income0: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Terms-of-trade and volume-of-trade contributions, each N x N x J ([n, partner i, sector j]).

    Parameters
    ----------
    M0, M1 : ndarray, N x N x J
        Imports ``M[n, i, j]`` of n from i at producer prices, baseline and counterfactual.
    tau0 : ndarray, N x N x J
        Baseline tariffs.
    cost_hat : ndarray, N x J
        Change of unit costs by origin and sector.
    income0 : ndarray, N
        Baseline income ``I_n`` (value added plus tariff revenue plus deficit).

    Returns
    -------
    tot, vot : ndarray, N x N x J
        Contributions as fractions of baseline income; sum over (i, j) for the country totals.
        ``tot[n, i, j] = (E[n, i, j] (c_hat[n, j] - 1) - M[n, i, j] (c_hat[i, j] - 1)) / I[n]`` and
        ``vot[n, i, j] = tau[n, i, j] M[n, i, j] (M_hat[n, i, j] - c_hat[i, j]) / I[n]``.
    """
    E0 = np.swapaxes(M0, 0, 1)  # E[n, i, j] = M[i, n, j]
    dc = cost_hat - 1.0
    M_hat = np.divide(M1, M0, out=np.ones_like(M0), where=M0 > 0)
    tot = E0 * dc[:, None, :] - M0 * dc[None, :, :]
    vot = tau0 * M0 * (M_hat - cost_hat[None, :, :])
    return tot / income0[:, None, None], vot / income0[:, None, None]
