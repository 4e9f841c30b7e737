r"""The structural-gravity baseline: modelled trade costs, multilateral resistances, a `World`.

Following Anderson and van Wincoop (2003) and Yotov et al. (2016, ch. 2) [1]_, trade costs are
built from the estimated gravity coefficients, :math:`t_{ij}^{1-\sigma} = \exp(\sum_k b_k
x_{ijk})`, and the multilateral resistances solve

.. math::
    P_j^{1-\sigma} = \sum_i \frac{t_{ij}^{1-\sigma}}{\Pi_i^{1-\sigma}} \frac{Y_i}{Y}, \qquad
    \Pi_i^{1-\sigma} = \sum_j \frac{t_{ij}^{1-\sigma}}{P_j^{1-\sigma}} \frac{E_j}{E},

normalised by :math:`P_{ref} = 1` for a reference importer. The modelled flows
:math:`X_{ij} = t_{ij}^{1-\sigma} E_j (Y_i/Y) / (P_j^{1-\sigma}\Pi_i^{1-\sigma})` have row and
column sums :math:`E_j` and :math:`Y_i E/Y`: they are the matrix scaling of :math:`t^{1-\sigma}`
to those margins, computed here by Sinkhorn iteration. That flow matrix is an exact equilibrium
of palanca's engine with one sector, value-added share one, no inputs and
:math:`\theta = \sigma - 1`, and becomes the baseline `World` every experiment is solved on.

References
----------
.. [1] Y. V. Yotov, R. Piermartini, J.-A. Monteiro and M. Larch, *An Advanced Guide to Trade
   Policy Analysis: The Structural Gravity Model*, WTO and UNCTAD, 2016, chapter 2.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

import numpy as np

from palanca.data import GravityData
from palanca.errors import ConvergenceError, DataFormatError, WorldValidationError
from palanca.model import World

__all__ = ["GravityBaseline", "calc_cost_index", "calc_matrix_scaling", "gravity_baseline"]

#: Coefficient names taken for a regression constant: a constant scales every t^(1-sigma) by the
#: same factor, which changes no modelled flow and no counterfactual, so it is accepted and unused.
CONSTANT_NAMES = frozenset({"constant", "const", "intercept", "Intercept", "_cons", "(Intercept)"})


def calc_cost_index(costs: np.ndarray, b: np.ndarray) -> np.ndarray:
    r"""``t^{1-sigma}[n, i] = exp(sum_k b_k x_k[n, i])`` from K x N x N costs and K coefficients."""
    return np.exp(np.tensordot(b, costs, axes=1))


def calc_matrix_scaling(
    T: np.ndarray, row: np.ndarray, col: np.ndarray, *, tol: float = 1e-14, max_iter: int = 20000
) -> tuple[np.ndarray, np.ndarray, int]:
    """Sinkhorn scaling: ``a, b`` with ``a[:, None] * T * b[None, :]`` having the given margins.

    ``row`` and ``col`` must have equal sums. Returns ``(a, b, iterations)``; raises
    `ConvergenceError` if the margins are not met to ``tol`` (relative) within ``max_iter``.
    """
    b = np.ones(T.shape[1])
    err = np.inf
    for it in range(1, max_iter + 1):
        a = row / (T @ b)
        cs = a @ T
        err = float(np.max(np.abs(cs * b / col - 1.0)))
        b = col / cs
        if err < tol:
            return a, b, it
    raise ConvergenceError(
        f"multilateral resistances did not converge: after {max_iter} Sinkhorn steps the largest "
        f"relative margin error is {err:.3g}. Check for countries with no positive trade cost terms.",
        iterations=max_iter,
        residual=err,
    )


@dataclass(frozen=True, eq=False)
class GravityBaseline:
    """A calibrated one-sector structural-gravity baseline and its palanca `World`.

    Attributes
    ----------
    data : GravityData
    coefficients : Mapping[str, float]
        ``b_k`` of the cost variables used (a constant, if given, is dropped).
    sigma : float
        Armington elasticity of substitution; the engine's trade elasticity is ``sigma - 1``.
    reference_importer : str
        The country whose inward multilateral resistance is 1.
    cost_index : ndarray, N x N
        ``t^{1-sigma}[n, i]`` (destination n, origin i).
    imr_power, omr_power : ndarray, N
        ``P_n^{1-sigma}`` and ``Pi_i^{1-sigma}`` at the baseline.
    world : World
        One sector, value-added share 1, no inputs, ``theta = sigma - 1``, the modelled flows.
    sinkhorn_iterations : int
    """

    data: GravityData
    coefficients: Mapping[str, float]
    sigma: float
    reference_importer: str
    cost_index: np.ndarray
    imr_power: np.ndarray
    omr_power: np.ndarray
    world: World
    sinkhorn_iterations: int

    @property
    def cost_names(self) -> tuple[str, ...]:
        return tuple(self.coefficients)

    @property
    def countries(self) -> tuple[str, ...]:
        return self.data.countries

    @cached_property
    def coefficient_vector(self) -> np.ndarray:
        return np.array([self.coefficients[k] for k in self.cost_names])

    @cached_property
    def costs(self) -> np.ndarray:
        """The K x N x N cost variables in the order of ``coefficients``."""
        return np.stack([self.data.cost(k) for k in self.cost_names])

    @property
    def imr(self) -> np.ndarray:
        """Inward multilateral resistance ``P_n`` (reference importer = 1), N."""
        return self.imr_power ** (1.0 / (1.0 - self.sigma))

    @property
    def omr(self) -> np.ndarray:
        """Outward multilateral resistance ``Pi_i``, N."""
        return self.omr_power ** (1.0 / (1.0 - self.sigma))

    @property
    def trade(self) -> np.ndarray:
        """Modelled baseline flows ``X[n, i]`` (destination n, origin i), N x N."""
        return self.world.trade_usd_m[:, :, 0]


def gravity_baseline(
    data: GravityData,
    coefficients: Mapping[str, float],
    *,
    sigma: float,
    reference_importer: str,
) -> GravityBaseline:
    """Build the structural-gravity baseline from estimated cost coefficients.

    Parameters
    ----------
    data : GravityData
        Output ``Y``, expenditure ``E`` and the cost variables (observed flows are not used:
        the baseline is built from *modelled* trade costs, as in gegravity).
    coefficients : Mapping[str, float]
        ``b_k`` for cost variables of ``data`` (a regression constant is accepted and ignored).
    sigma : float
        Elasticity of substitution, > 1.
    reference_importer : str
        ISO3 code whose inward multilateral resistance is normalised to one.

    Raises
    ------
    DataFormatError
        If a coefficient names no cost variable of the data.
    WorldValidationError
        If ``sigma <= 1``.
    """
    if not sigma > 1.0:
        raise WorldValidationError(f"sigma = {sigma}; the elasticity of substitution must exceed 1 (e.g. 5).")
    coefs = {k: float(v) for k, v in coefficients.items() if k not in CONSTANT_NAMES}
    unknown = [k for k in coefs if k not in data.cost_names]
    if unknown:
        raise DataFormatError(
            f"coefficient(s) {unknown} name no cost variable of the data; available: {', '.join(data.cost_names)}"
        )
    if not coefs:
        raise DataFormatError("no cost coefficients given; pass e.g. lndist=-0.39,pta=0.47.")
    ref = data.country_index(reference_importer)
    b = np.array(list(coefs.values()))
    costs = np.stack([data.cost(k) for k in coefs])
    T = calc_cost_index(costs, b)
    E = data.expenditure
    Y_model = data.output * (E.sum() / data.output.sum())  # output scaled to world expenditure
    a, bb, iters = calc_matrix_scaling(T, E, Y_model)
    X = a[:, None] * T * bb[None, :]
    # a_n = E_n / P_n^{1-sigma} up to a constant; normalise P_ref = 1
    imr_power = (E / a) / (E[ref] / a[ref])
    omr_power = (T * ((E / E.sum()) / imr_power)[:, None]).sum(axis=0)
    n = data.n_countries
    world = World(
        name=f"gravity:{data.source or 'table'}:{data.year}",
        year=int(data.year) if str(data.year).isdigit() else 0,
        countries=data.countries,
        sectors=("TOT",),
        sector_labels=("all goods (one-sector structural gravity)",),
        trade_usd_m=X[:, :, None],
        tariff=np.zeros((n, n, 1)),
        theta=np.array([sigma - 1.0]),
        va_share=np.ones((n, 1)),
        io=np.zeros((n, 1, 1)),
        final_share=np.ones((n, 1)),
        deficit_usd_m=X.sum(axis=1) - X.sum(axis=0),
        provenance={
            "source": data.source,
            "year": data.year,
            "model": "one-sector structural gravity (Yotov et al. 2016, ch. 2), modelled flows",
            "coefficients": dict(coefs),
            "sigma": sigma,
            "reference_importer": data.countries[ref],
            "units": "those of the data's trade, Y and E columns",
        },
    )
    return GravityBaseline(
        data=data,
        coefficients=MappingProxyType(coefs),
        sigma=float(sigma),
        reference_importer=data.countries[ref],
        cost_index=T,
        imr_power=imr_power,
        omr_power=omr_power,
        world=world,
        sinkhorn_iterations=iters,
    )
