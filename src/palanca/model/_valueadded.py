r"""Input–output algebra on a `World`: the implied multi-regional IO table and value-added content.

This module is functional (``calc_*`` functions on ndarrays). Under the proportionality assumption
that every user in country ``i`` sources input ``k`` from origins in the shares ``pi[i, :, k]``
(as the Caliendo–Parro model does), the inter-country technical coefficients are

.. math:: A_{(m,k),(i,j)} = \gamma_i^{k,j}\,\frac{\pi_{im}^k}{1+\tau_{im}^k},

the value of origin-``m`` input ``k`` (at producer prices) per unit of sector ``(i, j)`` output,
with :math:`\gamma_i^{k,j} = io_{i,k,j}(1-\beta_i^j)`. The Leontief inverse
:math:`B = (I - A)^{-1}` (Miller and Blair 2009, eq. 2.10) gives the value-added content of a unit
of output by origin: :math:`V B` with :math:`V = \mathrm{diag}(\beta)`; the tariffs paid on
intermediate inputs are a third component, :math:`T B` with
:math:`T_{(i,j)} = \sum_k \gamma_i^{k,j}\sum_m \pi_{im}^k \tau_{im}^k/(1+\tau_{im}^k)`,
so that every column of :math:`(V + T) B` sums to one.

Rows and columns are ordered origin-major: index ``i * J + j``.

References
----------
R. E. Miller and P. D. Blair, *Input–Output Analysis: Foundations and Extensions*, 2nd ed., 2009.
"""

from __future__ import annotations

import numpy as np

__all__ = ["calc_leontief", "calc_mrio_coefficients", "calc_va_content"]


def calc_mrio_coefficients(
    trade_share: np.ndarray, tariff: np.ndarray, va_share: np.ndarray, io: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Inter-country coefficients ``A`` (NJ x NJ) and the intermediate tariff wedge ``T`` (NJ,).

    Parameters
    ----------
    trade_share : ndarray, N x N x J
        ``pi[destination, origin, sector]``, tariff-inclusive expenditure shares.
    tariff : ndarray, N x N x J
    va_share : ndarray, N x J
    io : ndarray, N x J x J
        ``io[n, k, j]``: share of input k in sector j's intermediate costs.
    """
    n, _, j = trade_share.shape
    G = io * (1.0 - va_share)[:, None, :]  # [i, k, j]
    src = trade_share / (1.0 + tariff)  # [i, m, k] producer value from m per unit spent by i on k
    # A[m, k, i, j] = src[i, m, k] * G[i, k, j]
    A = np.einsum("imk,ikj->mkij", src, G).reshape(n * j, n * j)
    wedge = np.einsum("imk,imk->ik", trade_share, tariff / (1.0 + tariff))  # [i, k]
    T = np.einsum("ik,ikj->ij", wedge, G).reshape(n * j)
    return A, T


def calc_leontief(A: np.ndarray) -> np.ndarray:
    """Leontief inverse ``B = (I - A)^{-1}`` (NJ x NJ)."""
    return np.linalg.inv(np.eye(A.shape[0]) - A)


def calc_va_content(
    trade_share: np.ndarray, tariff: np.ndarray, va_share: np.ndarray, io: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Value-added content of one dollar of each origin–sector's output, by source country.

    Returns
    -------
    content : ndarray, N x N x J
        ``content[c, i, j]``: share of the value of country ``i``'s sector-``j`` output that is
        value added in country ``c`` (``c == i``: domestic value added).
    tariff_content : ndarray, N x J
        Share paid as tariffs on intermediate inputs along the chain.
        ``content.sum(axis=0) + tariff_content == 1``.
    """
    n, _, j = trade_share.shape
    A, T = calc_mrio_coefficients(trade_share, tariff, va_share, io)
    B = calc_leontief(A)
    VB = va_share.reshape(n * j)[:, None] * B  # [(c, k), (i, j)]
    content = VB.reshape(n, j, n, j).sum(axis=1)  # [c, i, j]
    return content, (T @ B).reshape(n, j)
