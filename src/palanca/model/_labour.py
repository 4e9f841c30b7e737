r"""Labour-market and fiscal closures: the employment margin, specific factors, the use of tariff revenue.

This module is functional apart from the two value types. The employment margin follows Ignatenko,
Lashkaripour, Macedoni and Simonovska (2025) [1]_: households with GHH preferences supply labour
with elasticity :math:`\kappa` to the after-tax real wage,

.. math:: \hat L_n = \Big(\hat\tau_n\,\frac{\hat w_n}{\hat P_n}\Big)^{\kappa}, \qquad
          \hat\tau_n = \frac{1 - \tau_n'}{1 - \tau_n},

where :math:`\tau` is a labour-income tax. Under ``Fiscal.LUMP_SUM`` tariff revenue is rebated and the
tax does not move (:math:`\hat\tau = 1`); under ``Fiscal.INCOME_TAX`` the rise of tariff revenue
as a share of the wage bill, :math:`\rho_n = R_n'/(w_n L_n)' - R_n/(w_n L_n)`, finances a cut of the
income tax, :math:`\tau_n' = \tau_n - \rho_n`. With no rate from data (``income_tax_rate=None``) the
pre-existing tax is the one the revenue replaces entirely, :math:`\tau_n = \rho_n`,
:math:`\tau_n' = 0`, as in [1]_ (where baseline tariffs are zero).
Welfare is the equivalent variation of [1]_,

.. math:: \hat W_n = \delta_n \frac{\hat I_n}{\hat P_n} + (1 - \delta_n) \frac{\hat w_n \hat L_n}{\hat P_n},
          \qquad \delta_n = \frac{I_n}{I_n - \kappa (1 - \tau_n) VA_n / (1 + \kappa)},

which is the real-income change when :math:`\kappa = 0`. With ``specific=True`` labour cannot move
between sectors (a specific-factors short run): each sector has its own wage, the employment
margin applies sector by sector, and labour-market clearing holds in every sector.

References
----------
.. [1] A. Ignatenko, A. Lashkaripour, L. Macedoni and I. Simonovska, "Making America Great Again?
   The Economic Impacts of Liberation Day Tariffs", Journal of International Economics 157: 104138,
   2025 (section 2; kappa = 0.5 in the baseline calibration).
.. [2] C. E. Boehm, A. A. Levchenko and N. Pandalai-Nayar, "The Long and Short (Run) of Trade
   Elasticities", American Economic Review 113(4): 861–905, 2023 (tariff-exclusive trade elasticity
   -0.76 one year after a tariff change, about -2 in the long run).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import numpy as np

from palanca.errors import WorldValidationError

__all__ = [
    "BLP2023_SHORT_TO_LONG",
    "ILMS2025_KAPPA",
    "Fiscal",
    "Labour",
    "calc_labour_supply",
    "calc_tax_hat",
    "calc_welfare_hat",
]

#: Labour-supply elasticity of Ignatenko et al. (2025, JIE), baseline calibration.
ILMS2025_KAPPA = 0.5
#: Ratio of the short-run (one-year) to the long-run trade elasticity, Boehm, Levchenko &
#: Pandalai-Nayar (2023, AER): 0.76 / 2.0 (their long run ranges 1.75 to 2.25, i.e. 0.34 to 0.43).
BLP2023_SHORT_TO_LONG = 0.76 / 2.0


class Fiscal(enum.StrEnum):
    """Use of tariff revenue: ``LUMP_SUM`` rebate, or ``INCOME_TAX`` (a cut of a labour-income tax)."""

    LUMP_SUM = "lump_sum"
    INCOME_TAX = "income_tax"


@dataclass(frozen=True, eq=False)
class Labour:
    """The labour-market closure of a solve.

    Parameters
    ----------
    elasticity : float
        :math:`\\kappa`, elasticity of labour supply to the after-tax real wage; 0 (default) is the
        fixed labour of Caliendo–Parro, 0.5 the calibration of [1]_.
    specific : bool
        Labour fixed by sector (specific factors, a short run); default mobile across sectors.
    fiscal : Fiscal
        Use of tariff revenue (matters only through labour supply and welfare weights).
    income_tax_rate : ndarray or None, length N
        Pre-existing labour-income tax rates (fractions) from data; ``None`` uses the convention
        of [1]_ (the revenue replaces a tax of its own size).
    """

    elasticity: float = 0.0
    specific: bool = False
    fiscal: Fiscal = Fiscal.LUMP_SUM
    income_tax_rate: np.ndarray | None = None

    def __post_init__(self) -> None:
        if not (0.0 <= float(self.elasticity) <= 10.0):
            raise WorldValidationError(
                f"labour.elasticity = {self.elasticity}; a labour-supply elasticity lies in [0, 10] "
                "(0 fixes labour; 0.5 is the calibration of Ignatenko et al. 2025)."
            )
        object.__setattr__(self, "fiscal", Fiscal(self.fiscal))
        if self.income_tax_rate is not None:
            rate = np.array(self.income_tax_rate, dtype=np.float64, copy=True)
            if np.any(~np.isfinite(rate)) or np.any((rate < 0) | (rate >= 1)):
                raise WorldValidationError(
                    "labour.income_tax_rate must be fractions in [0, 1) (0.2 for 20%); got "
                    f"min {np.nanmin(rate):.4g}, max {np.nanmax(rate):.4g}."
                )
            rate.setflags(write=False)
            object.__setattr__(self, "income_tax_rate", rate)

    @property
    def fixed(self) -> bool:
        """True for the Caliendo–Parro labour market (fixed, mobile labour)."""
        return self.elasticity == 0.0 and not self.specific


def calc_tax_hat(
    labour: Labour, revenue: np.ndarray, revenue0: np.ndarray, wage_bill: np.ndarray, wage_bill0: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``(tau_hat, tau0)``: change of the net-of-tax rate and the pre-existing rate, each N.

    The tax cut is the rise of tariff revenue as a share of the wage bill,
    ``R'/(wL)' - R/(wL)``, so that total revenue stays a constant share of the wage bill (and the
    result does not depend on the numeraire); with no baseline tariffs it is ``R'/(wL)'`` as in [1]_.
    """
    n = revenue.shape[0]
    if labour.fiscal is Fiscal.LUMP_SUM:
        tau0 = np.zeros(n) if labour.income_tax_rate is None else labour.income_tax_rate
        return np.ones(n), tau0
    cut = revenue / wage_bill - revenue0 / wage_bill0
    if labour.income_tax_rate is None:
        tau0, tau1 = cut, np.zeros(n)
    else:
        tau0 = labour.income_tax_rate
        tau1 = tau0 - cut
    return (1.0 - tau1) / (1.0 - tau0), tau0


def calc_labour_supply(kappa: float, lw: np.ndarray, lP: np.ndarray, tau_hat: np.ndarray) -> np.ndarray:
    r"""Log employment change :math:`\kappa(\ln\hat w + \ln\hat\tau - \ln\hat P)`, shape of ``lw``.

    ``lw`` is N (mobile labour) or N x J (specific factors); ``lP`` and ``tau_hat`` are N.
    """
    real = np.log(tau_hat) - lP
    return kappa * (lw + (real[:, None] if lw.ndim == 2 else real))


def calc_welfare_hat(
    kappa: float,
    income_hat: np.ndarray,
    wage_bill_hat: np.ndarray,
    price_hat: np.ndarray,
    income0: np.ndarray,
    va0: np.ndarray,
    tau0: np.ndarray,
) -> np.ndarray:
    """Equivalent-variation welfare change of [1]_ (module docstring), N; real income when kappa = 0."""
    delta = income0 / (income0 - kappa * (1.0 - tau0) * va0 / (1.0 + kappa))
    return (delta * income_hat + (1.0 - delta) * wage_bill_hat) / price_hat
