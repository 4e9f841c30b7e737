"""The solver's lean path for a Monte Carlo over trade elasticities (real income only, same answer as `solve_from`).

This module is functional apart from `ThetaSolver`, which holds the theta-free parts of one counterfactual.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from palanca.model import _fast
from palanca.model._equilibrium import calc_cost_weights
from palanca.model._results import Equilibrium
from palanca.model._settle import _settle, start_vector
from palanca.model._shock import Closure, Shock, SolverOptions
from palanca.model._solver import _status
from palanca.model._world import World

__all__ = ["LeanAnswer", "ThetaSolver"]


@dataclasses.dataclass(frozen=True)
class LeanAnswer:
    """What the lean path returns: ``Equilibrium.real_income_hat`` (N) and the solve's iterations and residual."""

    real_income_hat: np.ndarray
    iterations: int
    residual: float


class ThetaSolver:
    """`solve_from` on one world and shock at many trade elasticities, returning real income only.

    A Monte Carlo over ``theta`` re-solves the same counterfactual on the same baseline many times;
    everything in `solve_from` that does not depend on ``theta`` (trade shares, cost weights, the
    entries the shock moves, baseline accounts) is computed once here. `real_income_hat` runs the same
    fixed point from the same start with the same arrays as ``solve_from(dataclasses.replace(world,
    theta=theta), ...)`` and evaluates ``Equilibrium.real_income_hat`` by the same formula, so the
    answer is the same to the last bits; it returns ``None`` whenever that solve would take any other
    route (the numpy path, a fallback, a verdict other than ``converged``), and the caller then runs
    `solve` itself.
    """

    def __init__(self, world: World, shock: Shock, *, closure: Closure, options: SolverOptions | None = None):
        options = options or SolverOptions()
        shock.check_against(world)
        self.world, self.shock, self.closure, self.options = world, shock, closure, options
        n, j = world.n_countries, world.n_sectors
        self.n, self.j = n, j
        self.beta = world.va_share
        self.alpha = world.final_share
        self.G = calc_cost_weights(self.beta, world.io)
        self.pi0 = world.trade_share
        self.tau1 = shock.tariff_or(world)
        kappa_hat = (1.0 + self.tau1) / (1.0 + world.tariff) * shock.trade_cost_hat_or_ones(world)
        # kappa_hat ** -theta is exactly 1 where kappa_hat is 1: only the moved entries need the power.
        self.moved = np.nonzero(kappa_hat != 1.0)
        self.kappa_moved = kappa_hat[self.moved]
        self.pi0_moved = self.pi0[self.moved]
        self.va0 = world.value_added_usd_m
        self.scale = float(self.va0.sum())
        self.producer = 1.0 / (1.0 + self.tau1)
        self.rebate = self.tau1 / (1.0 + self.tau1)
        self.num_index = None if options.numeraire == "world_gdp" else world.country_index(options.numeraire)
        self.conditional = closure is Closure.CONDITIONAL
        self.income0 = world.income_usd_m
        # The theta-free parts of _own_wage_elasticity, in its order of operations.
        X = world.trade_usd_m
        y = X.sum(axis=0)
        self.el_weight = world.va_share * y
        inner = (X * (1.0 - self.pi0)).sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            self.open_share = np.where(y > 0, inner / y, 0.0)
        self.el_norm = np.maximum(self.el_weight.sum(axis=1), 1e-300)

    def real_income_hat(self, theta: np.ndarray, initial: Equilibrium | None = None) -> np.ndarray | None:
        """``solve_from(...).real_income_hat`` at ``theta`` (N), or ``None`` where this lean path does not apply."""
        r = self.answer(theta, initial)
        return None if r is None else r.real_income_hat

    def answer(self, theta: np.ndarray, initial: Equilibrium | None = None) -> LeanAnswer | None:
        """`real_income_hat` with the solve's iteration count and residual, or ``None``."""
        world, shock, closure, options = self.world, self.shock, self.closure, self.options
        n, j, scale, beta, G, va0 = self.n, self.j, self.scale, self.beta, self.G, self.va0
        theta = np.array(theta, dtype=np.float64, copy=True)
        if theta.shape != (j,) or not np.all(np.isfinite(theta)) or np.any(theta <= 0):
            return None
        A = self.pi0.copy()
        A[self.moved] = self.pi0_moved * self.kappa_moved ** (-theta[self.moved[2]])
        has_spend = A.sum(axis=1) > 0
        el = (self.el_weight * theta * beta * self.open_share).sum(axis=1)
        step_scale = 1.0 / (1.0 + el / self.el_norm)
        warm = initial is not None and initial.wage_hat.shape == (n,) and initial.price_hat.shape == (n, j)
        z0 = start_vector(world, scale, n, initial if warm else None, lambda eq: (eq.wage_hat,))
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            fp = _fast.solver_fixed_point(
                z0, options, world=world, shock=shock, closure=closure, A=A, producer=self.producer,
                rebate=self.rebate, theta=theta, has_spend=has_spend, beta=beta, G=G, alpha=self.alpha, va0=va0,
                step_scale=step_scale, scale=scale, num_index=self.num_index, conditional=self.conditional,
            )  # fmt: skip
            if fp is None:
                return None
            lw, lP, X, _, _, income, deficit, residual = _settle(
                world, shock, closure, fp.x, A=A, theta=theta, has_spend=has_spend, beta=beta, G=G,
                producer=self.producer, tau1=self.tau1, va0=va0, scale=scale, conditional=self.conditional,
            )  # fmt: skip
            lean = dataclasses.replace(options, throw=False)
            converged, status = _status(world, shock, closure, lean, fp, residual, income, deficit, (lw, lP, X))
            if not converged or status != "converged":
                return None
            price_index_hat = np.exp((self.alpha * np.log(np.exp(lP))).sum(axis=1))
            return LeanAnswer((income / self.income0) / price_index_hat, int(fp.iterations), float(residual))
