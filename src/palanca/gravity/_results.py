r"""`GravityResults`: the structural-gravity statistics of an engine equilibrium.

Every statistic is the hat-algebra form of the definitions in Yotov et al. (2016, ch. 2) and
gegravity 0.3 (``Country._construct_country_measures``), computed from the engine's factory-gate
price changes :math:`\hat p_i` (``wage_hat``), inward multilateral resistance changes
:math:`\hat P_j` (``price_hat``: the consumer price index of the one sector) and the expenditure
shares the engine cleared markets with:

.. math::
    \hat\Pi_i^{1-\sigma} = \sum_j \frac{X_{ij}}{Y_i}\,
        \frac{\hat t_{ij}^{1-\sigma}\,\hat e_j}{\hat P_j^{1-\sigma}}, \qquad
    \hat X_{ij} = \frac{\hat t_{ij}^{1-\sigma}\,\hat E_j\,\hat Y_i/\hat Y}
        {\hat P_j^{1-\sigma}\,\hat\Pi_i^{1-\sigma}},

with output quantities fixed (:math:`\hat Y_i = \hat p_i`), expenditure a fixed multiple of
output (:math:`\hat E_j = \hat p_j`), terms of trade and real GDP :math:`\hat p_i/\hat P_i`, and
welfare the change of real expenditure :math:`\hat E_i/\hat P_i`.

**Welfare convention.** ``welfare_pct = 100 (E'/P' ÷ E/P − 1)``: positive is a gain.
gegravity's "welfare statistic" is the inverse ratio, ``(E/P)/(E'/P')`` (above 1 is a loss);
``welfare_statistic`` returns it for comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from palanca._inputs import RunInputs
from palanca.gravity._baseline import GravityBaseline
from palanca.model import Equilibrium

__all__ = ["COUNTRY_COLUMNS", "GravityResults"]

#: Columns of the per-country table, in order (percent changes).
COUNTRY_COLUMNS = (
    "welfare_pct",
    "terms_of_trade_pct",
    "factory_gate_price_pct",
    "gdp_pct",
    "foreign_exports_pct",
    "foreign_imports_pct",
    "intranational_trade_pct",
    "inward_mr_pct",
    "outward_mr_pct",
)


def _pct(x: np.ndarray) -> np.ndarray:
    return 100.0 * (x - 1.0)


@dataclass(frozen=True, eq=False)
class GravityResults:
    """A structural-gravity counterfactual, solved by palanca's engine.

    Attributes
    ----------
    baseline : GravityBaseline
    equilibrium : Equilibrium
        The engine's result (``world`` is ``baseline.world``).
    cost_index_hat : ndarray, N x N
        ``t_hat^{1-sigma}[n, i]`` (destination n, origin i).
    label : str
    """

    baseline: GravityBaseline
    equilibrium: Equilibrium
    cost_index_hat: np.ndarray
    label: str = ""
    # The exact inputs of the call that made this result (`palanca.RunInputs`), set by `gravity_experiment`.
    inputs: RunInputs | None = None

    # ------------------------------------------------------------------ engine quantities
    @property
    def countries(self) -> tuple[str, ...]:
        return self.baseline.countries

    @property
    def converged(self) -> bool:
        return self.equilibrium.converged

    @cached_property
    def factory_gate_price_hat(self) -> np.ndarray:
        """``p_hat_i``, N (reference importer's consumer price fixed)."""
        return np.asarray(self.equilibrium.wage_hat)

    @cached_property
    def imr_hat(self) -> np.ndarray:
        """Inward multilateral resistance change ``P_hat_j``, N."""
        return np.asarray(self.equilibrium.price_hat[:, 0])

    @cached_property
    def omr_hat(self) -> np.ndarray:
        """Outward multilateral resistance change ``Pi_hat_i``, N (from its definition)."""
        one_minus_sigma = 1.0 - self.baseline.sigma
        X0 = self.baseline.trade  # [n, i]
        e0 = X0.sum(axis=1)
        e1 = np.asarray(self.equilibrium.expenditure_usd_m[:, 0])
        e_hat = (e1 / e1.sum()) / (e0 / e0.sum())
        weight = X0 / X0.sum(axis=0, keepdims=True)  # X_ij / Y_i, [n, i]
        power = (weight * (self.cost_index_hat * (e_hat / self.imr_hat**one_minus_sigma)[:, None])).sum(axis=0)
        return power ** (1.0 / one_minus_sigma)

    # ------------------------------------------------------------------ gravity statistics
    @property
    def output_hat(self) -> np.ndarray:
        """Output value change, ``p_hat`` (quantities fixed), N."""
        return self.factory_gate_price_hat

    @property
    def expenditure_hat(self) -> np.ndarray:
        """Expenditure change, ``p_hat`` (expenditure a fixed multiple of output), N."""
        return self.factory_gate_price_hat

    @cached_property
    def terms_of_trade_hat(self) -> np.ndarray:
        """Factory-gate over consumer price, ``p_hat / P_hat``, N."""
        return self.factory_gate_price_hat / self.imr_hat

    @property
    def gdp_hat(self) -> np.ndarray:
        """Real GDP ``Y / P`` change, N (equal to the terms of trade with output quantities fixed)."""
        return self.output_hat / self.imr_hat

    @property
    def welfare_hat(self) -> np.ndarray:
        """Real expenditure ``E / P`` change, N; above 1 is a gain."""
        return self.expenditure_hat / self.imr_hat

    @property
    def welfare_statistic(self) -> np.ndarray:
        """gegravity's welfare statistic ``(E/P) / (E'/P')`` (above 1 is a loss), N."""
        return 1.0 / self.welfare_hat

    @cached_property
    def trade_hat(self) -> np.ndarray:
        """Bilateral flow changes ``X_hat[n, i]`` (destination n, origin i), N x N."""
        one_minus_sigma = 1.0 - self.baseline.sigma
        y0 = self.baseline.data.output
        p = self.factory_gate_price_hat
        world_output_hat = (p @ y0) / y0.sum()
        return (
            self.cost_index_hat
            * (self.expenditure_hat / self.imr_hat**one_minus_sigma)[:, None]
            * ((self.output_hat / world_output_hat) / self.omr_hat**one_minus_sigma)[None, :]
        )

    @cached_property
    def trade(self) -> np.ndarray:
        """Counterfactual flows ``X'[n, i]`` in the data's units, N x N."""
        return self.baseline.trade * self.trade_hat

    def _foreign(self, axis: int) -> np.ndarray:
        off = 1.0 - np.eye(len(self.countries))
        return (self.trade * off).sum(axis=axis) / (self.baseline.trade * off).sum(axis=axis)

    @property
    def foreign_exports_hat(self) -> np.ndarray:
        return self._foreign(0)

    @property
    def foreign_imports_hat(self) -> np.ndarray:
        return self._foreign(1)

    @property
    def intranational_trade_hat(self) -> np.ndarray:
        return np.diagonal(self.trade_hat).copy()

    # ------------------------------------------------------------------ rendering
    def country_records(self) -> list[dict[str, Any]]:
        """One record per country with the `COUNTRY_COLUMNS` in percent."""
        cols = {
            "welfare_pct": _pct(self.welfare_hat),
            "terms_of_trade_pct": _pct(self.terms_of_trade_hat),
            "factory_gate_price_pct": _pct(self.factory_gate_price_hat),
            "gdp_pct": _pct(self.gdp_hat),
            "foreign_exports_pct": _pct(self.foreign_exports_hat),
            "foreign_imports_pct": _pct(self.foreign_imports_hat),
            "intranational_trade_pct": _pct(self.intranational_trade_hat),
            "inward_mr_pct": _pct(self.imr_hat),
            "outward_mr_pct": _pct(self.omr_hat),
        }
        return [{"country": c, **{k: float(v[i]) for k, v in cols.items()}} for i, c in enumerate(self.countries)]

    def bilateral_records(self) -> list[dict[str, Any]]:
        """One record per ordered pair: exporter, importer, baseline and new flow, change in percent."""
        X0, X1, hat = self.baseline.trade, self.trade, self.trade_hat
        return [
            {
                "exporter": o,
                "importer": d,
                "baseline_trade": float(X0[n, i]),
                "counterfactual_trade": float(X1[n, i]),
                "trade_change_pct": float(100.0 * (hat[n, i] - 1.0)),
            }
            for i, o in enumerate(self.countries)
            for n, d in enumerate(self.countries)
        ]

    def summary(self, rows: int | None = None) -> str:
        """Plain-text table of the country results, largest welfare changes first."""
        recs = sorted(self.country_records(), key=lambda r: -abs(r["welfare_pct"]))[:rows]
        short = ("welfare", "ToT", "factory p", "real GDP", "fgn exports", "fgn imports", "intranat.")
        head = f"{'country':8s}" + "".join(f"{c:>12s}" for c in short)
        lines = [
            f"{self.label or 'structural gravity counterfactual'}: sigma {self.baseline.sigma:g}, reference "
            f"importer {self.baseline.reference_importer}, closure {self.equilibrium.closure.value}, "
            f"{self.equilibrium.iterations} iterations; percent changes, welfare > 0 is a gain",
            head,
        ]
        lines += [f"{r['country']:8s}" + "".join(f"{r[c]:12.6f}" for c in COUNTRY_COLUMNS[:7]) for r in recs]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()
