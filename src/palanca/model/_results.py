"""`Equilibrium`: the read-only result of a counterfactual solve."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from palanca._summary import Summary
from palanca.errors import ConvergenceError
from palanca.model._labour import Labour, calc_welfare_hat
from palanca.model._shock import Closure, Shock
from palanca.model._welfare import calc_tot_vot
from palanca.model._world import World

__all__ = ["Equilibrium"]


@dataclass(frozen=True, eq=False)
class Equilibrium(Summary):
    """A counterfactual equilibrium relative to a model-consistent baseline `World`.

    Changes are ratios new/old (``*_hat``); levels are in USD millions of the numeraire
    (world value added fixed by default). Derived statistics are cached properties.

    Attributes
    ----------
    world : World
        The baseline the changes are relative to.
    shock : Shock
    closure : Closure
    wage_hat : ndarray, N
    price_hat : ndarray, N x J
        Sectoral price-index changes by destination.
    cost_hat : ndarray, N x J
        Input-bundle cost changes by origin.
    trade_share : ndarray, N x N x J
        Counterfactual expenditure shares ``pi'[n, i, j]``.
    expenditure_usd_m : ndarray, N x J
        Counterfactual tariff-inclusive expenditure by destination and sector.
    tariff : ndarray, N x N x J
        Counterfactual tariffs.
    deficit_usd_m, income_usd_m : ndarray, N
    converged : bool
    iterations : int
    residual : float
        Largest labour-market excess demand relative to world value added.
    seconds : float
        Wall time of the solve.
    status : str
        ``"converged"``, ``"max_iter"`` (tolerance not met), ``"non_finite"`` or
        ``"non_positive_income"`` (a fixed point at which some income is ≤ 0 is no equilibrium).
    method : str
        The fixed-point method that produced the answer (``anderson``, ``damped``, ``newton_krylov``).
    labour : Labour or None
        Labour-market closure (``None``: fixed, mobile labour as in Caliendo–Parro).
    employment_hat : ndarray, N
        Employment change by country (ones with fixed labour; with specific factors, weighted by the
        baseline wage bill).
    employment_sector_hat, wage_sector_hat : ndarray, N x J
        Employment and wage changes by country and sector (with mobile labour the wage is common and
        employment moves between sectors).
    tax_hat, tax_rate0 : ndarray, N
        Change of the net-of-income-tax rate and the pre-existing tax (`palanca.model._labour`).
    """

    world: World
    shock: Shock
    closure: Closure
    wage_hat: np.ndarray
    price_hat: np.ndarray
    cost_hat: np.ndarray
    trade_share: np.ndarray
    expenditure_usd_m: np.ndarray
    tariff: np.ndarray
    deficit_usd_m: np.ndarray
    income_usd_m: np.ndarray
    converged: bool
    iterations: int
    residual: float
    seconds: float
    status: str = "converged"
    method: str = "anderson"
    labour: Labour | None = None
    employment_hat: np.ndarray | None = None
    employment_sector_hat: np.ndarray | None = None
    wage_sector_hat: np.ndarray | None = None
    tax_hat: np.ndarray | None = None
    tax_rate0: np.ndarray | None = None

    def __post_init__(self) -> None:
        for name in (
            "wage_hat",
            "price_hat",
            "cost_hat",
            "trade_share",
            "expenditure_usd_m",
            "tariff",
            "deficit_usd_m",
            "income_usd_m",
        ):
            arr = np.asarray(getattr(self, name), dtype=np.float64)
            arr.setflags(write=False)
            object.__setattr__(self, name, arr)
        n, j = self.price_hat.shape
        defaults = {
            "employment_hat": np.ones(n),
            "wage_sector_hat": np.repeat(np.asarray(self.wage_hat)[:, None], j, axis=1),
            "employment_sector_hat": None,
            "tax_hat": np.ones(n),
            "tax_rate0": np.zeros(n),
        }
        for name, default in defaults.items():
            value = getattr(self, name)
            if value is None and default is None and name == "employment_sector_hat":
                y0 = self.world.va_share * self.world.gross_output_usd_m
                y1 = self.world.va_share * self.gross_output_usd_m
                value = np.divide(y1, y0 * self.wage_sector_hat, out=np.ones_like(y0), where=y0 > 0)
            arr = np.array(default if value is None else value, dtype=np.float64)
            arr.setflags(write=False)
            object.__setattr__(self, name, arr)
        if self.converged and not (np.all(self.income_usd_m > 0) and np.all(np.isfinite(self.wage_hat))):
            raise ConvergenceError(
                "an equilibrium with non-positive or non-finite income cannot be marked converged "
                f"(incomes min {float(np.nanmin(self.income_usd_m)):.4g}); pass converged=False with its status.",
                iterations=self.iterations,
                residual=self.residual,
            )

    def __getstate__(self) -> dict[str, Any]:
        # A copy of the fields and the cached statistics taken in one step: the object may be pickled by one
        # thread (a baseline copied to another process) while another thread fills a cached property.
        return dict(self.__dict__)

    # ------------------------------------------------------------------ levels
    @cached_property
    def trade_usd_m(self) -> np.ndarray:
        """Counterfactual flows ``X'[n, i, j]`` at producer prices, N x N x J."""
        out = self.trade_share * self.expenditure_usd_m[:, None, :] / (1.0 + self.tariff)
        out.setflags(write=False)
        return out

    @cached_property
    def gross_output_usd_m(self) -> np.ndarray:
        """Counterfactual gross output by origin and sector, N x J."""
        return self.trade_usd_m.sum(axis=0)

    @cached_property
    def value_added_usd_m(self) -> np.ndarray:
        """Counterfactual value added (= wage bill ``w L``) by country."""
        return self.world.value_added_usd_m * self.wage_hat * self.employment_hat

    @cached_property
    def tariff_revenue_usd_m(self) -> np.ndarray:
        return (self.trade_usd_m * self.tariff).sum(axis=(1, 2))

    # ------------------------------------------------------------------ changes
    @cached_property
    def price_index_hat(self) -> np.ndarray:
        """Consumer price index change ``prod_j P_hat[n, j] ** alpha[n, j]``, N."""
        return np.exp((self.world.final_share * np.log(self.price_hat)).sum(axis=1))

    @cached_property
    def real_wage_hat(self) -> np.ndarray:
        """Real wage change ``w_hat / P_hat``, N."""
        return self.wage_hat / self.price_index_hat

    @cached_property
    def income_hat(self) -> np.ndarray:
        return self.income_usd_m / self.world.income_usd_m

    @cached_property
    def real_income_hat(self) -> np.ndarray:
        """Exact real-income change ``I_hat / P_hat`` with ``I = VA + R + D``, N; above 1 is a gain."""
        return self.income_hat / self.price_index_hat

    @cached_property
    def welfare_hat(self) -> np.ndarray:
        """Welfare change, N: equivalent variation with the employment margin (Ignatenko et al. 2025),
        the exact real-income change ``real_income_hat`` when labour is fixed."""
        kappa = 0.0 if self.labour is None else float(self.labour.elasticity)
        if kappa == 0.0:
            return self.real_income_hat
        return calc_welfare_hat(
            kappa,
            self.income_hat,
            self.wage_hat * self.employment_hat,
            self.price_index_hat,
            self.world.income_usd_m,
            self.world.value_added_usd_m,
            self.tax_rate0,
        )

    @cached_property
    def gross_output_hat(self) -> np.ndarray:
        y0 = self.world.gross_output_usd_m
        return np.divide(self.gross_output_usd_m, y0, out=np.ones_like(y0), where=y0 > 0)

    @cached_property
    def trade_hat(self) -> np.ndarray:
        """Bilateral flow changes ``X'[n, i, j] / X[n, i, j]`` (1 where the baseline is zero)."""
        x0 = self.world.trade_usd_m
        return np.divide(self.trade_usd_m, x0, out=np.ones_like(x0), where=x0 > 0)

    # ------------------------------------------------------------------ decomposition
    @cached_property
    def _tot_vot(self) -> tuple[np.ndarray, np.ndarray]:
        return calc_tot_vot(
            self.world.trade_usd_m,
            self.trade_usd_m,
            self.world.tariff,
            self.cost_hat,
            self.world.income_usd_m,
        )

    @property
    def terms_of_trade(self) -> np.ndarray:
        """Terms-of-trade contributions by [country, partner, sector], fractions of income."""
        return self._tot_vot[0]

    @property
    def volume_of_trade(self) -> np.ndarray:
        """Volume-of-trade contributions by [country, partner, sector], fractions of income."""
        return self._tot_vot[1]

    @cached_property
    def terms_of_trade_total(self) -> np.ndarray:
        return self.terms_of_trade.sum(axis=(1, 2))

    @cached_property
    def volume_of_trade_total(self) -> np.ndarray:
        return self.volume_of_trade.sum(axis=(1, 2))

    @cached_property
    def welfare_first_order(self) -> np.ndarray:
        """Welfare change as Caliendo–Parro's Table 2 reports it: terms of trade plus volume of
        trade (first order, baseline weights), as a fraction of income, N. Positive is a gain."""
        return self.terms_of_trade_total + self.volume_of_trade_total

    @cached_property
    def decomposition(self) -> dict[str, np.ndarray]:
        """What moves welfare, by country (fractions of baseline income), for reports.

        ``terms_of_trade`` and ``volume_of_trade`` (efficiency) are the first-order terms of
        Caliendo and Parro (2015, eq. 20); ``tariff_revenue`` is the change of tariff revenue over
        baseline income (part of the volume-of-trade term's mechanics, shown separately because a
        tariff's revenue is what offsets a near-zero terms-of-trade gain); ``employment`` is the
        labour-supply term ``(1 - delta) (L_hat - 1)`` of the welfare change with an employment
        margin (zero with fixed labour); ``welfare`` is `welfare_hat` - 1.
        """
        kappa = 0.0 if self.labour is None else float(self.labour.elasticity)
        income0 = self.world.income_usd_m
        if kappa > 0:
            va0 = self.world.value_added_usd_m
            delta = income0 / (income0 - kappa * (1.0 - self.tax_rate0) * va0 / (1.0 + kappa))
            employment = (1.0 - delta) * (self.employment_hat - 1.0)
        else:
            employment = np.zeros_like(income0)
        return {
            "terms_of_trade": self.terms_of_trade_total,
            "volume_of_trade": self.volume_of_trade_total,
            "tariff_revenue": (self.tariff_revenue_usd_m - self.world.tariff_revenue_usd_m) / income0,
            "employment": employment,
            "welfare": self.welfare_hat - 1.0,
        }

    # ------------------------------------------------------------------ rendering and labels
    def to_dict(self) -> dict[str, object]:
        """JSON-ready record: solver status and, by country, the main changes in % (new/old − 1, times 100)."""
        pct = {
            "real_income_pct": self.real_income_hat,
            "real_wage_pct": self.real_wage_hat,
            "price_index_pct": self.price_index_hat,
            "wage_pct": self.wage_hat,
            "employment_pct": self.employment_hat,
        }
        return {
            "world": self.world.name,
            "closure": self.closure.value,
            "status": self.status,
            "converged": bool(self.converged),
            "iterations": int(self.iterations),
            "residual": float(self.residual),
            "method": self.method,
            "countries": [
                {"country": c, **{k: float(100.0 * (v[n] - 1.0)) for k, v in pct.items()}}
                for n, c in enumerate(self.world.countries)
            ],
        }

    @property
    def summary(self) -> str:
        """Solver status and the countries whose real income moves most (the text `str()` and notebooks show)."""
        d = self.to_dict()
        rows = sorted(d["countries"], key=lambda r: -abs(r["real_income_pct"]))[:10]
        head = (
            f"Equilibrium on world {self.world.name} ({self.world.n_countries} countries x {self.world.n_sectors} "
            f"sectors), closure {self.closure.value}: {self.status} after {self.iterations} iterations "
            f"({self.method}), residual {self.residual:.1e}"
        )
        cols = f"{'country':8}{'real income':>12}{'real wage':>11}{'CPI':>9}{'wage':>9}{'employment':>12}"
        lines = [head, "", "Largest real-income changes, % (labelled arrays: .to_xarray())", cols]
        for r in rows:
            lines.append(
                f"{r['country']:8}{r['real_income_pct']:>+11.3f}%{r['real_wage_pct']:>+10.3f}%"
                f"{r['price_index_pct']:>+8.3f}%{r['wage_pct']:>+8.3f}%{r['employment_pct']:>+11.3f}%"
            )
        return "\n".join(lines)

    def to_xarray(self):  # -> xarray.Dataset (xarray is imported only here)
        """The arrays labelled by ``country``, ``sector`` and ``destination``/``origin`` as an `xarray.Dataset`.

        See `palanca.model._labels.equilibrium_to_xarray`.
        """
        from palanca.model._labels import equilibrium_to_xarray

        return equilibrium_to_xarray(self)

    # ------------------------------------------------------------------ conversion
    def to_world(self, name: str | None = None) -> World:
        """The counterfactual as a new `World` (model-consistent; usable as a baseline)."""
        w = self.world
        return World(
            name=name or w.name,
            year=w.year,
            countries=w.countries,
            sectors=w.sectors,
            sector_labels=w.sector_labels,
            trade_usd_m=self.trade_usd_m,
            tariff=self.tariff,
            theta=w.theta,
            va_share=w.va_share,
            io=w.io,
            final_share=w.final_share,
            deficit_usd_m=self.deficit_usd_m,
            provenance={**w.provenance, "solved": f"re-solved under closure {self.closure.value}"},
        )
