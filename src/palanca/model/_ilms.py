r"""The one-sector model of Ignatenko, Lashkaripour, Macedoni and Simonovska (2025) [1]_ (functional).

A gravity model with an employment margin, a fiscal use of tariff revenue, incomplete tariff
pass-through and endogenous trade deficits, calibrated to 194 economies. Notation (paper, section 2):
``X[j, i]`` are sales of exporter j to importer i (note: *origin first*, as in the paper), ``E_i``
expenditure, ``Y_i`` factor income, ``T_i = E_i - Y_i`` transfers, ``lambda[j, i] = X[j, i] / E_i``.

Parameters (the paper's baseline calibration):

- trade elasticity :math:`\varepsilon = 4`;
- labour-supply (Frisch) elasticity :math:`\kappa = 0.5`;
- :math:`\psi = 0.67/\varepsilon`, the scale elasticity of a Melitz–Pareto model with shape
  :math:`\theta = \varepsilon / 0.67`;
- :math:`\nu_i`, the share of a destination's spending on imports that accrues to the destination
  (local distribution), calibrated on a US / rest-of-world aggregate to the paper's targets 0.26 (US)
  and 0.12 (rest of the world);
- pass-through :math:`\varphi_i = 1 + \tilde\varphi_i`,
  :math:`\tilde\varphi_i = (1+\theta)/((1-\nu_i)\theta) - 1/\theta - 1`.

Equilibrium in changes (unknowns :math:`\hat w, \hat E, \hat L`, each N):

.. math::
    \lambda_{ji}' \propto \lambda_{ji} (\hat w_j \hat L_j^{-\psi})^{-\varepsilon}
        (1 + t_{ji})^{-\varepsilon\varphi_i}, \qquad
    \hat P_i = (\hat E_i / \hat w_i)^{1-\varphi_i} S_i^{-1/\varepsilon}, \quad
    S_i = \sum_j \lambda_{ji}(\hat w_j \hat L_j^{-\psi})^{-\varepsilon}(1+t_{ji})^{-\varepsilon\varphi_i}

    \hat w_i \hat L_i Y_i = \sum_k (1-\nu_k) X_{ik}' + \nu_i \sum_j X_{ji}', \quad
    E_i' = R_i' + \hat w_i \hat L_i Y_i + T_i \frac{\sum_k Y_k'}{\sum_k Y_k}, \quad
    \hat L_i = \Big(\frac{1-\tau_i'}{1-\tau_i}\frac{\hat w_i}{\hat P_i}\Big)^{\kappa}

with :math:`X_{ji}' = \lambda_{ji}' E_i' / (1 + t_{ji})`, tariff revenue :math:`R_i'`, and one
labour-market equation replaced by the numeraire :math:`\sum_i (\hat P_i - 1) E_i = 0`. Fiscal
closure: under ``INCOME_TAX`` the revenue replaces a pre-existing income tax of the same size,
:math:`\tau_i = R_i'/Y_i'`, :math:`\tau_i' = 0`; under ``LUMP_SUM``, :math:`\tau = \tau' = 0`.
Welfare (equivalent variation with GHH preferences):
:math:`\hat W_i = \delta_i \hat E_i/\hat P_i + (1-\delta_i)\hat w_i\hat L_i/\hat P_i`,
:math:`\delta_i = E_i / (E_i - \kappa(1-\tau_i) Y_i/(1+\kappa))`.

The equations were checked term by term against the authors' replication code (MATLAB, as
redistributed in a Python port), which is how the paper's tables were produced.

References
----------
.. [1] A. Ignatenko, A. Lashkaripour, L. Macedoni and I. Simonovska, "Making America Great Again?
   The Economic Impacts of Liberation Day Tariffs", Journal of International Economics 157: 104138,
   2025. doi:10.1016/j.jinteco.2025.104138. NBER WP 33771.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

import numpy as np

from palanca.errors import ConvergenceError, WorldValidationError

__all__ = [
    "IlmsEquilibrium",
    "IlmsParams",
    "IlmsWorld",
    "TaxUse",
    "calc_ilms_nu",
    "calc_ilms_optimal_tariff",
    "calc_ilms_retaliation_tariff",
    "solve_ilms",
]


class TaxUse(enum.StrEnum):
    """Fiscal use of tariff revenue: rebated lump-sum, or used to abolish an income tax of its size."""

    LUMP_SUM = "lump_sum"
    INCOME_TAX = "income_tax"


@dataclass(frozen=True)
class IlmsParams:
    """Parameters of [1]_; defaults are the paper's baseline calibration."""

    eps: float = 4.0  # trade elasticity (paper, section 3)
    kappa: float = 0.5  # labour-supply elasticity (paper, section 3)
    pareto_ratio: float = 0.67  # theta = eps / 0.67; psi = 0.67 / eps (paper, section 3)
    nu_target_us: float = 0.26  # calibration targets for nu (replication package, solve_nu)
    nu_target_row: float = 0.12

    def __post_init__(self) -> None:
        for name in ("eps", "pareto_ratio"):
            if not (np.isfinite(getattr(self, name)) and getattr(self, name) > 0):
                raise WorldValidationError(f"{name} = {getattr(self, name)}; it must be positive and finite.")
        if not (np.isfinite(self.kappa) and self.kappa >= 0):
            raise WorldValidationError(f"kappa = {self.kappa}; a labour-supply elasticity must be >= 0 (0: fixed).")

    @property
    def psi(self) -> float:
        return self.pareto_ratio / self.eps

    @property
    def theta(self) -> float:
        return self.eps / self.pareto_ratio


def calc_ilms_nu(X: np.ndarray, Y: np.ndarray, home: int, params: IlmsParams) -> np.ndarray:
    """Calibrate ``nu`` on a two-region (``home`` vs the rest) aggregate of ``X`` and ``Y``; returns (rest, home)."""
    from scipy import optimize

    n = X.shape[0]
    agg = np.zeros((2, n))
    agg[0, :] = 1.0
    agg[0, home] = 0.0
    agg[1, home] = 1.0
    Xa, Ya = agg @ X @ agg.T, agg @ Y

    def excess(nu: np.ndarray) -> np.ndarray:
        E = Ya + (1 - nu) * (Xa.sum(axis=1) - ((1 - nu)[:, None] * Xa).sum(axis=1))
        r11 = (E[0] - Xa[1, 0]) / (E[0] - Xa[1, 0] + Xa[0, 1])
        r22 = (E[1] - Xa[0, 1]) / (E[1] - Xa[0, 1] + Xa[1, 0])
        return np.array(
            [
                (1 - r11) * nu[1] + r11 * nu[0] - params.nu_target_row,
                r22 * nu[1] + (1 - r22) * nu[0] - params.nu_target_us,
            ]
        )

    sol = optimize.root(excess, np.array([0.1, 0.24]), tol=1e-12)
    return np.maximum(sol.x, 0.0)


@dataclass(frozen=True, eq=False)
class IlmsWorld:
    """Baseline of [1]_: 194 economies, aggregate goods trade, GDP.

    Parameters
    ----------
    countries : tuple of str, length N
    trade : ndarray, N x N
        ``X[j, i]`` exports of j to i (any currency unit), zero diagonal.
    gdp : ndarray, N
        GDP in the same unit as ``trade``.
    home : str
        The economy whose ``nu`` is calibrated separately (the paper: USA).
    params : IlmsParams
    """

    countries: tuple[str, ...]
    trade: np.ndarray
    gdp: np.ndarray
    home: str = "USA"
    params: IlmsParams = IlmsParams()
    # derived at construction (paper, section 3): nu, flows with domestic sales, E, Y, T, phi
    nu: np.ndarray = field(init=False, repr=False)
    flows: np.ndarray = field(init=False, repr=False)
    expenditure: np.ndarray = field(init=False, repr=False)
    income: np.ndarray = field(init=False, repr=False)
    transfers: np.ndarray = field(init=False, repr=False)
    phi: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        n = len(self.countries)
        X = np.array(self.trade, dtype=float)
        if X.shape != (n, n) or np.asarray(self.gdp).shape != (n,):
            raise WorldValidationError(
                f"trade must be {n}x{n} and gdp length {n}; got {X.shape}, {np.shape(self.gdp)}."
            )
        if np.any(X < 0) or not np.all(np.isfinite(X)) or np.any(~(np.asarray(self.gdp) > 0)):
            raise WorldValidationError("trade must be finite and nonnegative and gdp positive; clean the inputs.")
        if self.home not in self.countries:
            raise WorldValidationError(f"home {self.home!r} is not among the countries.")
        np.fill_diagonal(X, 0.0)
        object.__setattr__(self, "trade", X)
        object.__setattr__(self, "gdp", np.array(self.gdp, dtype=float))
        h = self.countries.index(self.home)
        nu2 = calc_ilms_nu(X, self.gdp, h, self.params)
        nu = np.full(n, nu2[0])
        nu[h] = nu2[1]
        # Transfers and domestic sales from the GDP data (paper, section 3; replication code step 1)
        imports = X.sum(axis=0)
        T = (1 - nu) * (imports - ((1 - nu)[None, :] * X).sum(axis=1))
        full = X.copy()
        np.fill_diagonal(full, np.maximum(self.gdp + T - imports, 0.0))
        E = full.sum(axis=0)
        Y = ((1 - nu)[None, :] * full).sum(axis=1) + nu * E
        object.__setattr__(self, "nu", nu)
        object.__setattr__(self, "flows", full)
        object.__setattr__(self, "expenditure", E)
        object.__setattr__(self, "income", Y)
        object.__setattr__(self, "transfers", E - Y)
        th = self.params.theta
        object.__setattr__(self, "phi", 1.0 + (1 + th) / ((1 - nu) * th) - 1 / th - 1)

    def index(self, code: str) -> int:
        if code not in self.countries:
            raise WorldValidationError(f"country {code!r} is not in this world; use an ISO3 code such as 'USA'.")
        return self.countries.index(code)


@dataclass(frozen=True, eq=False)
class IlmsEquilibrium:
    """Changes relative to the baseline, percent; each array length N."""

    welfare_pct: np.ndarray
    deficit_pct: np.ndarray
    employment_pct: np.ndarray
    prices_pct: np.ndarray
    revenue_share: np.ndarray  # tariff revenue / baseline expenditure
    wage_hat: np.ndarray
    converged: bool
    residual: float


def _system(z: np.ndarray, w: IlmsWorld, t: np.ndarray, tax: TaxUse, full: bool = False):
    p = w.params
    n = len(w.countries)
    wh, Eh, Lh = np.abs(z[:n]), np.abs(z[n : 2 * n]), np.abs(z[2 * n :])
    lam = w.flows / w.expenditure[None, :]
    A = lam * ((wh / Lh**p.psi) ** (-p.eps))[:, None] * (1 + t) ** (-p.eps * w.phi[None, :])
    S = A.sum(axis=0)
    lam1 = A / S[None, :]
    E1 = w.expenditure * Eh
    Y1 = wh * Lh * w.income
    P = (Eh / wh) ** (1 - w.phi) * S ** (-1 / p.eps)
    X1 = lam1 * E1[None, :] / (1 + t)
    R = (lam1 * (t / (1 + t)) * E1[None, :]).sum(axis=0)
    if tax is TaxUse.INCOME_TAX:
        tau0, tau_hat = R / Y1, 1.0 / (1.0 - R / Y1)
    else:
        tau0, tau_hat = np.zeros(n), np.ones(n)
    labour = ((1 - w.nu)[None, :] * X1).sum(axis=1) + w.nu * X1.sum(axis=0) - Y1
    labour[-1] = np.mean((P - 1) * w.expenditure)
    budget = R + Y1 + w.transfers * (Y1.sum() / w.income.sum()) - E1
    supply = Lh - (tau_hat * wh / P) ** p.kappa
    scale = w.expenditure.mean()
    res = np.concatenate([labour / scale, budget / scale, supply])
    if not full:
        return res
    delta = w.expenditure / (w.expenditure - p.kappa * (1 - tau0) * w.income / (1 + p.kappa))
    W = delta * Eh / P + (1 - delta) * wh * Lh / P
    D0 = w.flows.sum(axis=0) - w.flows.sum(axis=1)
    D1 = X1.sum(axis=0) - X1.sum(axis=1)
    return res, (W, D0, D1, Lh, P, R, wh)


def solve_ilms(
    world: IlmsWorld, tariff: np.ndarray, *, tax: TaxUse = TaxUse.INCOME_TAX, tol: float = 1e-10
) -> IlmsEquilibrium:
    """Solve the model of [1]_ for tariffs ``t[j, i]`` (importer i's tariff on exporter j's goods).

    Raises `ConvergenceError` if the root finder (MINPACK hybrid, then Levenberg–Marquardt) does
    not reach ``tol`` on the scaled equilibrium conditions.
    """
    from scipy import optimize

    n = len(world.countries)
    t = np.asarray(tariff, dtype=float)
    if t.shape != (n, n) or np.any(t <= -1) or not np.all(np.isfinite(t)):
        raise WorldValidationError(f"tariff must be a finite {n}x{n} array above -1 (t[exporter, importer]).")
    z0 = np.ones(3 * n)
    sol = optimize.root(_system, z0, args=(world, t, tax), method="hybr", tol=1e-13)
    res = float(np.max(np.abs(_system(sol.x, world, t, tax))))
    if res > tol:
        sol = optimize.root(_system, sol.x, args=(world, t, tax), method="lm", tol=1e-14)
        res = float(np.max(np.abs(_system(sol.x, world, t, tax))))
    _, (W, D0, D1, L, P, R, wh) = _system(sol.x, world, t, tax, full=True)
    converged = bool(res <= tol and np.all(np.isfinite(W)) and np.all(L > 0))
    if not converged:
        raise ConvergenceError(
            f"the Liberation Day model did not solve: largest scaled residual {res:.3g} (tol {tol:.1e}). "
            "Check that tariffs are fractions (0.25 for 25%).",
            iterations=int(getattr(sol, "nfev", 0)),
            residual=res,
        )
    return IlmsEquilibrium(
        welfare_pct=100 * (W - 1),
        deficit_pct=100 * (D1 - D0) / np.abs(D0),
        employment_pct=100 * (L - 1),
        prices_pct=100 * (P - 1),
        revenue_share=R / world.expenditure,
        wage_hat=wh,
        converged=converged,
        residual=res,
    )


def calc_ilms_optimal_tariff(world: IlmsWorld, imposer: str, *, denominator: str = "expenditure") -> float:
    r"""The paper's closed-form unilaterally optimal uniform tariff of ``imposer`` ([1]_, section 4).

    .. math:: t_i^* = \frac{1}{(1 + \varepsilon\,\delta_i)\,\varphi_i - 1}, \qquad
              \delta_i = \frac{\sum_{j\ne i} X_{ij}(1-\nu_j)(1-\lambda_{ij})}{(1-\nu_i)(E_i - X_{ii})},

    evaluated at the baseline, as the paper does. ``denominator="income"`` uses :math:`Y_i - X_{ii}`,
    as the replication code does for the optimal tariff in the retaliation case. On the paper's data
    the two give 21.8% (expenditure; the rate behind Table 1 case 3) and 18.5% (income); the paper
    prints 19%. Neither is the exact welfare maximum of the model (25.1% with income-tax relief).
    """
    if denominator not in ("expenditure", "income"):
        raise WorldValidationError(f"denominator = {denominator!r}; use 'expenditure' or 'income'.")
    i = world.index(imposer)
    X, nu = world.flows, world.nu
    lam = X / world.expenditure[None, :]
    others = np.arange(len(world.countries)) != i
    num = (X[i, others] * (1 - nu[others]) * (1 - lam[i, others])).sum()
    base = world.expenditure[i] if denominator == "expenditure" else world.income[i]
    delta = num / ((1 - nu[i]) * (base - X[i, i]))
    return float(1.0 / ((1 + delta * world.params.eps) * world.phi[i] - 1))


def calc_ilms_retaliation_tariff(world: IlmsWorld, against: str) -> np.ndarray:
    r"""Each economy's optimal retaliatory tariff on ``against``'s goods, length N ([1]_, section 5).

    The rest of the world is treated as one region R facing ``against`` (h), on the two-region
    aggregate on which ``nu`` is calibrated, and applies the optimal-tariff formula of
    `calc_ilms_optimal_tariff` from R's side:
    :math:`t_j = 1/((1+\varepsilon\,\delta_R)\varphi_j - 1)`,
    :math:`\delta_R = X_{Rh}(1-\nu_h)(1-\lambda_{Rh}) / ((1-\nu_R)(Y_R - X_{RR}))`. With it the
    model reproduces the authors' country results for USTR tariffs with optimal retaliation (their
    ``output_map_retal.csv``: USA welfare -0.745%). The entry of ``against`` itself is zero.
    """
    h = world.index(against)
    n = len(world.countries)
    agg = np.zeros((2, n))
    agg[0, :] = 1.0
    agg[0, h] = 0.0
    agg[1, h] = 1.0
    Xa, Ya = agg @ world.flows @ agg.T, agg @ world.income
    nu_rest, nu_home = float(np.delete(world.nu, h).mean()), float(world.nu[h])
    lam = Xa / Xa.sum(axis=0, keepdims=True)
    delta = Xa[0, 1] * (1 - nu_home) * (1 - lam[0, 1]) / ((1 - nu_rest) * (Ya[0] - Xa[0, 0]))
    t = 1.0 / ((1 + delta * world.params.eps) * world.phi - 1)
    t[h] = 0.0
    return t
