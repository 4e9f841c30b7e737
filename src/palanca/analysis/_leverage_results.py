"""`LeverageResult` and `CountryOutcome`: the read-only result of `palanca.analysis.leverage`, with its record.

Tables are records whose keys never name a country (``sectors``: one per sector and country of the pair;
``groups``: one per sector group and country); ``inputs`` holds the exact inputs that made the result.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field

from palanca._inputs import RunInputs
from palanca._summary import Summary
from palanca.analysis._dependence import DependenceIndices
from palanca.analysis._headline import Headline, SideEffect, headline
from palanca.analysis._subtotals import ShockSubtotals
from palanca.analysis._valueadded import TIVA_CHN_SHARE_MEX_MANUFACTURING, ExportContent
from palanca.model import Equilibrium
from palanca.scenarios import Scenario

__all__ = ["CountryOutcome", "LeverageResult"]

# What each number of a country's record is, for readers of the JSON.
_UNITS = {
    "*_pct": "percent change from the baseline (long run unless named); decomposition terms in % of baseline income",
    "*_usd_bn": "billions of US dollars a year at baseline prices",
    "real_income_usd_per_capita": "US dollars a year per person",
    "real_income_pct": "exact real-income change I_hat / P_hat - 1, I = value added + tariff revenue + deficit",
    "low_pct, high_pct, median_pct": "5th, 95th and 50th percentiles over the elasticity draws (the central value "
    "when there are none)",
    "short_run_pct": "short-run welfare change with the employment margin (equivalent variation), not I/P",
    "short_run_employment_pct": "short-run employment change",
    "low_elasticity_pct": "long-run model with the trade elasticities scaled by the scenario's short_run_theta_scale",
    "terms_of_trade_pct, volume_of_trade_pct": "first-order terms of Caliendo and Parro (2015, eq. 20), baseline "
    "flows and tariffs",
    "higher_order_pct": "real_income_pct - terms_of_trade_pct - volume_of_trade_pct",
    "tariff_revenue_change_usd_bn": "counterfactual less baseline tariff revenue (inside the volume-of-trade term)",
    "cpi_pct": "Cobb-Douglas consumer price index, prod_j P_hat_j ** alpha_j",
}


@dataclass(frozen=True)
class CountryOutcome:
    """One country's loss (negative) or gain (positive) under the scenario."""

    country: str
    real_income_pct: float
    real_income_usd_bn: float
    real_income_usd_per_capita: float | None
    low_pct: float
    high_pct: float
    median_pct: float
    short_run_pct: float
    gdp_usd_bn: float
    other_channels_usd_bn: float = 0.0
    # What explains the long-run figure (Caliendo-Parro eq. 20 terms, % of baseline income), and the short run's
    # employment change (specific factors with an employment margin), and the old low-elasticity sensitivity.
    cpi_pct: float = 0.0
    real_wage_pct: float = 0.0
    tariff_revenue_change_usd_bn: float = 0.0
    terms_of_trade_pct: float = 0.0
    volume_of_trade_pct: float = 0.0
    short_run_employment_pct: float = 0.0
    low_elasticity_pct: float = 0.0

    @property
    def total_usd_bn(self) -> float:
        """Trade loss plus the non-trade channels (e.g. a remittance tax)."""
        return self.real_income_usd_bn + self.other_channels_usd_bn

    @property
    def total_pct_gdp(self) -> float:
        return 100.0 * self.total_usd_bn / self.gdp_usd_bn


@dataclass(frozen=True)
class LeverageResult(Summary):
    """The leverage report of one scenario between two countries (read-only)."""

    scenario: Scenario
    between: tuple[str, str]
    world_name: str
    countries: tuple[CountryOutcome, ...]
    # ``{"sector", "label", "country", "partner", "output_pct", "export_pct", "exports_usd_bn"}`` per sector and
    # country of the pair; ``{"group", "country", "output_pct"}`` per sector group and country.
    sectors: tuple[dict[str, object], ...]
    groups: tuple[dict[str, object], ...]
    dependence: DependenceIndices
    us_auto_inputs_from_mex_share: float | None
    value_added: ExportContent | None
    draws: int
    seed: int
    sigma: float
    converged_draws: int
    equilibrium: Equilibrium = field(repr=False)
    other_channels: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    subtotals: ShockSubtotals | None = None
    # Per-draw % changes of the two sides (converged draws, in order): the band of the headline's ratio.
    between_draws_pct: tuple[tuple[float, float], ...] = ()
    # The full record (``to_dict()``) of each added channel's own result, by the same channel name, so that a
    # stored run can be rendered (e.g. the remittance tax by state) without re-running that channel's model.
    channel_details: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    build_log: tuple[str, ...] = ()
    failed_draws: tuple[int, ...] = ()
    span_sets: bool = True
    by_set: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    value_added_all: ExportContent | None = None
    value_added_manufacturing: ExportContent | None = None
    # The exact inputs that made this result (`palanca.RunInputs`): the store saves them as the run's parameters.
    inputs: RunInputs | None = None

    @property
    def baseline(self) -> str:
        """Which tariffs the as-of baseline holds, as the scenario builder says it (e.g. "tariffs in force on
        2026-07-24 (palanca policy registry)"); empty where the build log does not say."""
        return next((line.removeprefix("baseline: ") for line in self.build_log if line.startswith("baseline: ")), "")

    @property
    def summary(self) -> str:
        """The report as plain text (the CLI prints it; HTML reports reuse `to_dict`)."""
        from palanca.analysis._leverage_summary import render_leverage

        return render_leverage(self)

    def __str__(self) -> str:
        return self.summary

    def to_frame(self, table: str = "countries"):  # -> pandas.DataFrame
        """A table of the result as a labelled DataFrame: ``countries`` (default), ``sectors``, ``groups`` or
        ``by_elasticity_set`` (see `palanca.analysis._frames.leverage_frame`)."""
        from palanca.analysis._frames import leverage_frame

        return leverage_frame(self, table)

    def group_output_pct(self, group: str, country: str) -> float | None:
        """Gross-output change (%) of a sector group in a country (None where not reported)."""
        rows = (g["output_pct"] for g in self.groups if g["group"] == group and g["country"] == country)
        return next((float(v) for v in rows), None)  # type: ignore[arg-type]

    def outcome(self, country: str) -> CountryOutcome:
        for c in self.countries:
            if c.country == country:
                return c
        raise KeyError(country)

    @property
    def headline(self) -> Headline:
        """Who loses what, with a ratio of losses only where it means something (see `palanca.analysis.headline`)."""
        sides = []
        for c in self.between:
            o = self.outcome(c)
            band = self.draws > 0
            sides.append(
                SideEffect(
                    country=c,
                    pct=o.real_income_pct,
                    low_pct=o.low_pct if band else None,
                    high_pct=o.high_pct if band else None,
                    usd_bn=o.real_income_usd_bn,
                )
            )
        return headline(sides[0], sides[1], self.between_draws_pct or None)

    @property
    def loss_ratio(self) -> float | None:
        """Second country's real-income change over the first's, both as % of income.

        ``None`` unless both sides move in the same direction and neither effect is indistinguishable from zero
        (its band contains zero, or without draws it rounds to 0.00%); `headline` says which case applies.
        """
        return self.headline.ratio

    def to_dict(self) -> dict[str, object]:
        """JSON-ready record with stable keys (see the CLI's ``--json``)."""
        return {
            "scenario": self.scenario.id,
            "title": self.scenario.title,
            "world": self.world_name,
            "baseline": self.baseline,
            "build_log": list(self.build_log),
            "between": list(self.between),
            "loss_ratio": self.loss_ratio,
            "headline": self.headline.to_dict(),
            "countries": [
                {
                    "country": c.country,
                    "real_income_pct": c.real_income_pct,
                    "real_income_usd_bn": c.real_income_usd_bn,
                    "real_income_usd_per_capita": c.real_income_usd_per_capita,
                    "low_pct": c.low_pct,
                    "high_pct": c.high_pct,
                    "median_pct": c.median_pct,
                    "short_run_pct": c.short_run_pct,
                    "short_run_employment_pct": c.short_run_employment_pct,
                    "low_elasticity_pct": c.low_elasticity_pct,
                    "cpi_pct": c.cpi_pct,
                    "real_wage_pct": c.real_wage_pct,
                    "tariff_revenue_change_usd_bn": c.tariff_revenue_change_usd_bn,
                    "terms_of_trade_pct": c.terms_of_trade_pct,
                    "volume_of_trade_pct": c.volume_of_trade_pct,
                    "higher_order_pct": c.real_income_pct - c.terms_of_trade_pct - c.volume_of_trade_pct,
                    "gdp_usd_bn": c.gdp_usd_bn,
                    "other_channels_usd_bn": c.other_channels_usd_bn,
                    "total_usd_bn": c.total_usd_bn,
                    "total_pct_gdp": c.total_pct_gdp,
                }
                for c in self.countries
            ],
            "units": _UNITS,
            "sectors": list(self.sectors),
            "groups": list(self.groups),
            "dependence": self.dependence.as_dict(),
            "us_auto_inputs_from_mex_share": self.us_auto_inputs_from_mex_share,
            "value_added": None if self.value_added is None else self.value_added.to_dict(),
            "value_added_goods_and_services": None if self.value_added_all is None else self.value_added_all.to_dict(),
            "value_added_manufacturing_to_world": None
            if self.value_added_manufacturing is None
            else {**self.value_added_manufacturing.to_dict(), "comparator": TIVA_CHN_SHARE_MEX_MANUFACTURING},
            "uncertainty": {
                "draws": self.draws,
                "seed": self.seed,
                "theta_log_sd": self.sigma,
                "converged_draws": self.converged_draws,
                "failed_draws": list(self.failed_draws),
                "spans_elasticity_sets": self.span_sets,
                "real_income_pct_by_elasticity_set": {k: dict(v) for k, v in self.by_set.items()},
            },
            "other_channels_usd_bn": {k: dict(v) for k, v in self.other_channels.items()},
            "subtotals_by_shock": None if self.subtotals is None else self.subtotals.to_dict(),
            "other_channels_detail": {k: dict(v) for k, v in self.channel_details.items()},
            "comparators": [dataclasses.asdict(c) for c in self.scenario.comparators],
            "sources": list(self.scenario.sources),
            "inputs": None if self.inputs is None else self.inputs.to_dict(),
            "solver": {
                "converged": self.equilibrium.converged,
                "iterations": self.equilibrium.iterations,
                "residual": self.equilibrium.residual,
            },
        }
