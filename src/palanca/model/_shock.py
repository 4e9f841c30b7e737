"""Shocks, closures and solver options: the values that a counterfactual solve takes."""

from __future__ import annotations

import enum
from dataclasses import dataclass

import numpy as np

from palanca.errors import WorldValidationError
from palanca.model._world import World

__all__ = ["Closure", "Shock", "SolverOptions"]


class Closure(enum.StrEnum):
    """How trade imbalances behave in the counterfactual.

    ``ZERO_DEFICIT``
        Deficits are set to zero (Caliendo and Parro 2015, first step: purge the data's deficits):
        balanced trade, as in Ossa (2014, AER, section 4).
    ``FIXED_DEFICIT``
        Deficits stay at their baseline values in units of the numeraire (CP 2015, second case).
        With the default numeraire (world value added fixed) these are transfers fixed as a share
        of world GDP, the closure of Dekle, Eaton and Kortum (2008, IMF Staff Papers); with a
        country's CPI as numeraire they are fixed in that basket.
    ``OUTPUT_MULTIPLE``
        Each country's expenditure stays a fixed multiple of its value added,
        ``E_n = phi_n VA_n`` with ``phi_n = (VA_n + D_n) / VA_n``, rescaled by one world factor
        so that world expenditure equals world value added:
        ``E_n' = phi_n VA_n' sum_m VA_m' / sum_m phi_m VA_m'``. This is the full-endowment general
        equilibrium of structural gravity (Yotov, Piermartini, Monteiro and Larch 2016, ch. 2):
        the fixed point of their iterative procedure, whose multilateral-resistance system uses
        output and expenditure *shares*, so the adding-up is multiplicative.
    ``CONDITIONAL``
        Nominal value added and deficits stay at their baseline levels; wages (factory-gate
        prices) adjust until labour demand *at those nominal incomes* equals baseline value added.
        In one-sector structural gravity this is the "conditional" general equilibrium of Yotov et
        al. (2016), with the factory-gate prices implied by the new outward multilateral
        resistances, ``w_hat_i = Pi_i / Pi_i'``: the first round of their iterative procedure, and
        exactly what gegravity 0.3 (``OneSectorGE.simulate``) reports as its full GE (its full-GE
        system keeps baseline output and expenditure shares in the multilateral-resistance
        equations). Output value is not revalued in market clearing, so ``value_added_usd_m``
        (``w_hat * VA``) is a revaluation at new prices, not the wage bill of market clearing.
    """

    ZERO_DEFICIT = "zero_deficit"
    FIXED_DEFICIT = "fixed_deficit"
    OUTPUT_MULTIPLE = "output_multiple"
    CONDITIONAL = "conditional"


@dataclass(frozen=True)
class SolverOptions:
    """Options of the equilibrium solver.

    Parameters
    ----------
    tol : float
        Convergence tolerance on the largest relative change of wages, prices and expenditure
        between iterations (the reported residual is the labour-market excess demand relative to
        world value added).
    max_iter : int
        Iteration cap; reaching it raises `ConvergenceError` unless ``throw=False``.
    memory : int
        Depth of Anderson acceleration (0 turns it off: plain damped fixed-point iteration).
    damping : float
        Weight of the new iterate in plain fixed-point steps, in (0, 1].
    numeraire : str
        ``"world_gdp"`` keeps world value added fixed (under ``Closure.CONDITIONAL``, world value
        added revalued at the new wages); an ISO3 code keeps that country's aggregate consumer
        price index fixed, which in one-sector gravity is its inward multilateral resistance
        (gegravity's reference-importer normalisation, ``P_ref = 1``).
    throw : bool
        Raise `ConvergenceError` on failure (default); otherwise return the result with
        ``converged=False``.
    fallback : bool
        When the configured iteration fails, retry with plain damped iteration (damping 1, then
        0.5) and then Newton–Krylov before giving up (default); ``False`` stops after the first.
    """

    tol: float = 1e-11
    max_iter: int = 3000
    memory: int = 6
    damping: float = 1.0
    numeraire: str = "world_gdp"
    throw: bool = True
    fallback: bool = True

    def __post_init__(self) -> None:
        if not (self.tol > 0):
            raise WorldValidationError(f"tol = {self.tol}; the tolerance must be positive.")
        if self.max_iter < 1:
            raise WorldValidationError(f"max_iter = {self.max_iter}; it must be at least 1.")
        if not (0 < self.damping <= 1):
            raise WorldValidationError(f"damping = {self.damping}; it must lie in (0, 1].")
        if self.memory < 0:
            raise WorldValidationError(f"memory = {self.memory}; use 0 (off) or a positive depth.")


@dataclass(frozen=True, eq=False)
class Shock:
    """A policy or cost change relative to a `World`.

    Parameters
    ----------
    tariff : ndarray(float, ndim=3) or None, shape N x N x J
        New tariff levels ``tau'[n, i, j]`` as fractions; ``None`` keeps the world's tariffs.
    trade_cost_hat : ndarray(float, ndim=3) or None, shape N x N x J
        Iceberg trade-cost changes ``d_hat[n, i, j]`` (new/old, positive); ``None`` means no change.
    deficit_usd_m : ndarray(float, ndim=1) or None, length N
        New deficits (only with ``Closure.FIXED_DEFICIT``); ``None`` keeps the world's.
    label : str
        A short description carried into results.
    """

    tariff: np.ndarray | None = None
    trade_cost_hat: np.ndarray | None = None
    deficit_usd_m: np.ndarray | None = None
    label: str = ""

    def __post_init__(self) -> None:
        for name in ("tariff", "trade_cost_hat", "deficit_usd_m"):
            value = getattr(self, name)
            if value is not None:
                arr = np.array(value, dtype=np.float64, copy=True)
                arr.setflags(write=False)
                object.__setattr__(self, name, arr)
        if self.tariff is not None and np.any(self.tariff <= -1.0):
            idx = tuple(int(v) for v in np.argwhere(self.tariff <= -1.0)[0])
            raise WorldValidationError(
                f"tariff{idx} = {self.tariff[idx]:.4g} is ≤ −1 (−100%); tariffs are ad-valorem "
                "fractions (0.25 for 25%) and must exceed −1."
            )
        if self.trade_cost_hat is not None and np.any(~(self.trade_cost_hat > 0)):
            idx = tuple(int(v) for v in np.argwhere(~(self.trade_cost_hat > 0))[0])
            raise WorldValidationError(
                f"trade_cost_hat{idx} = {self.trade_cost_hat[idx]:.4g}; iceberg cost changes are "
                "ratios new/old and must be positive (1 = no change)."
            )

    @classmethod
    def none(cls, label: str = "baseline policy") -> Shock:
        """The empty shock: policy as in the world."""
        return cls(label=label)

    def check_against(self, world: World) -> None:
        """Raise `WorldValidationError` if the shock's shapes do not fit ``world``."""
        n, j = world.n_countries, world.n_sectors
        for name, shape in (("tariff", (n, n, j)), ("trade_cost_hat", (n, n, j)), ("deficit_usd_m", (n,))):
            value = getattr(self, name)
            if value is not None and value.shape != shape:
                raise WorldValidationError(
                    f"shock.{name} has shape {value.shape} but world {world.name!r} needs {shape} "
                    "(layout [destination, origin, sector])."
                )
            if value is not None and not np.all(np.isfinite(value)):
                raise WorldValidationError(f"shock.{name} contains non-finite values; every entry must be a number.")
        if self.deficit_usd_m is not None:
            total = float(self.deficit_usd_m.sum())
            if abs(total) > 1e-6 * max(float(world.value_added_usd_m.sum()), 1.0):
                raise WorldValidationError(f"shock.deficit_usd_m sums to {total:.6g}; deficits must sum to zero.")

    def tariff_or(self, world: World) -> np.ndarray:
        return world.tariff if self.tariff is None else self.tariff

    def trade_cost_hat_or_ones(self, world: World) -> np.ndarray:
        if self.trade_cost_hat is None:
            return np.ones_like(world.trade_usd_m)
        return self.trade_cost_hat
