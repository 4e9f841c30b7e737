"""Who holds the leverage: a scenario's losses on each side, with uncertainty and dependence.

The real-income change of each country is the engine's exact ``I_hat / P_hat`` (income = value
added + tariff revenue + deficit, deflated by the consumer price index). In USD it is that change
times baseline income (an equivalent-variation measure at baseline prices). *Sensitivity* and
*vulnerability* follow Keohane and Nye (1977, *Power and Interdependence*): the loss with short-run
trade elasticities (little room to adjust) versus long-run ones. Uncertainty: the Monte Carlo of
`palanca.analysis.uncertainty` (draw ``d`` seeded by ``(seed, d)``; by default each draw picks one of
the world's published elasticity sets and adds ``sigma`` log-points of within-set noise), reported
as a 5–95% band with the answer under each set beside it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from palanca._inputs import RunInputs
from palanca._summary import Summary
from palanca.analysis._dependence import DependenceIndices, calc_dependence, calc_partner_input_share
from palanca.analysis._headline import Headline, SideEffect, headline
from palanca.analysis._subtotals import ShockSubtotals, shock_subtotals
from palanca.analysis._uncertainty import (
    DEFAULT_SIGMA,
    MonteCarlo,
    band,
    check_failures,
    elasticity_prior,
    run_draws,
)
from palanca.analysis._valueadded import TIVA_CHN_SHARE_MEX_MANUFACTURING, ExportContent, decompose_exports
from palanca.data import elasticity_sets, load_world, with_elasticities
from palanca.data._reference import load_population_m
from palanca.errors import ConvergenceError, ScenarioError
from palanca.model import Equilibrium, SolverOptions, World, calc_va_content_of, rebase, solve, solve_short_run
from palanca.scenarios import Scenario, build_scenario, sector_groups
from palanca.scenarios._schema import ElasticitySet

__all__ = ["CountryOutcome", "LeverageResult", "leverage"]

_WATCH = ("CAN", "CHN")
_GROUPS = ("autos", "electronics", "agriculture", "energy", "basic_metals", "manufacturing", "services")


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
        return headline(sides[0], sides[1])

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
                    "gdp_usd_bn": c.gdp_usd_bn,
                    "other_channels_usd_bn": c.other_channels_usd_bn,
                    "total_usd_bn": c.total_usd_bn,
                    "total_pct_gdp": c.total_pct_gdp,
                }
                for c in self.countries
            ],
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


def _by_set(
    base: World, built, codes: list[str], idx: np.ndarray, eq: Equilibrium
) -> dict[str, dict[str, float]]:  # fmt: skip
    """Real-income change (%) of ``codes`` under each stored elasticity set, no noise."""
    out: dict[str, dict[str, float]] = {}
    for code in elasticity_sets(base):
        wk = with_elasticities(base, code)
        try:
            e = solve(wk, built.shock, closure=built.closure, baseline=wk, initial=eq)
        except ConvergenceError:
            continue
        out[code] = {c: float(100.0 * (e.real_income_hat[n] - 1.0)) for c, n in zip(codes, idx, strict=True)}
    return out


def leverage(
    scenario: Scenario,
    between: tuple[str, str] = ("USA", "MEX"),
    *,
    world: World | None = None,
    draws: int = 500,
    seed: int = 0,
    sigma: float = DEFAULT_SIGMA,
    span_sets: bool = True,
    other_channels: Mapping[str, Mapping[str, float]] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> LeverageResult:
    """Run ``scenario`` and report who loses what, with 5–95% bands over trade elasticities.

    Parameters
    ----------
    scenario : Scenario
    between : (str, str)
        The pair compared (default USA, MEX); Canada and China are reported too where present.
    world : World, optional
        Overrides the scenario's world.
    draws : int
        Monte Carlo draws over the elasticities (0: no bands).
    seed : int
    sigma : float
        Log-standard deviation of the within-set noise of each sector's elasticity draw.
    span_sets : bool
        Draw the elasticity set too (set uncertainty across the world's published sets; default).
        ``False``: noise around the world's own elasticities only.
    other_channels : mapping, optional
        Non-trade losses to add to the trade loss, ``{channel: {ISO3: USD bn}}`` (e.g. a remittance
        tax from `palanca.flows.remittance_tax`).
    progress : callable, optional
        Called as ``progress(done, total)`` after each draw.
    """
    if draws < 0:
        raise ScenarioError(f"draws = {draws}: must be 0 or more.")
    if seed < 0:
        raise ScenarioError(f"seed = {seed}: the seed must be 0 or more.")
    if sigma < 0:
        raise ScenarioError(f"sigma = {sigma}: the log-standard deviation must be ≥ 0.")
    if between[0] == between[1]:
        raise ScenarioError(f"between = {between}: give two different countries.")
    long_run = dataclasses.replace(scenario, elasticities=ElasticitySet.LONG_RUN)
    built = build_scenario(long_run, world or load_world(scenario.world))
    base = rebase(built.world, closure=built.closure)
    eq = solve(base, built.shock, closure=built.closure, baseline=base)
    # The short run: labour fixed by sector with an employment margin and one-year trade elasticities
    # (palanca.model.solve_short_run: Boehm, Levchenko and Pandalai-Nayar 2023; Ignatenko et al. 2025).
    eq_sr = solve_short_run(base, built.shock, closure=built.closure, baseline=base)
    # The old "theta x scale" short run, kept only as a labelled low-elasticity sensitivity.
    low_world = dataclasses.replace(base, theta=base.theta * scenario.short_run_theta_scale)
    eq_low = solve(low_world, built.shock, closure=built.closure, baseline=low_world, initial=eq)

    codes = [c for c in (*between, *_WATCH) if c in base.countries]
    codes = list(dict.fromkeys(codes))
    for c in between:
        base.country_index(c)  # raises UnknownCountryError naming the known codes
    idx = np.array([base.country_index(c) for c in codes])

    retry_options = SolverOptions(max_iter=20000)

    def solve_theta(theta: np.ndarray, retry: bool) -> np.ndarray | None:
        # The as-of baseline solved at the central elasticities, as in palanca.sweep: the band is over the
        # scenario's response (BuiltScenario.baseline_at re-solves the as-of state itself for other thetas).
        wd = dataclasses.replace(base, theta=theta)
        if retry:  # cold start, larger iteration cap (the solver's own fallbacks run inside)
            e = solve(wd, built.shock, closure=built.closure, baseline=wd, options=retry_options)
        else:
            e = solve(wd, built.shock, closure=built.closure, baseline=wd, initial=eq)
        ok = e.converged and bool(np.all(np.isfinite(e.real_income_hat)) and np.all(e.real_income_hat > 0))
        return 100.0 * (e.real_income_hat[idx] - 1.0) if ok else None

    prior = elasticity_prior(base.theta, elasticity_sets(base), sigma=sigma, span_sets=span_sets)
    mc: MonteCarlo = run_draws(solve_theta, prior, seed, range(draws), progress=progress)
    check_failures(len(mc.failed), mc.draws, sigma=sigma)
    central = 100.0 * (eq.real_income_hat[idx] - 1.0)
    subtotals = shock_subtotals(long_run, world or load_world(scenario.world), tuple(codes), central)
    lo, med, hi = band(mc.samples, central)
    by_set = _by_set(base, built, codes, idx, eq) if draws > 0 else {}

    pop = load_population_m()
    income = base.income_usd_m
    extra = {k: dict(v) for k, v in (other_channels or {}).items()}
    outcomes = []
    decomp = eq.decomposition
    for k, (c, n) in enumerate(zip(codes, idx, strict=True)):
        usd_bn = float((eq.real_income_hat[n] - 1.0) * income[n] / 1e3)
        outcomes.append(
            CountryOutcome(
                country=c,
                real_income_pct=float(central[k]),
                real_income_usd_bn=usd_bn,
                real_income_usd_per_capita=(usd_bn * 1e9 / (pop[c] * 1e6)) if c in pop else None,
                low_pct=float(lo[k]),
                high_pct=float(hi[k]),
                median_pct=float(med[k]),
                short_run_pct=float(100.0 * (eq_sr.welfare_hat[n] - 1.0)),
                gdp_usd_bn=float(base.value_added_usd_m[n] / 1e3),
                other_channels_usd_bn=float(sum(v.get(c, 0.0) for v in extra.values())),
                cpi_pct=float(100.0 * (eq.price_index_hat[n] - 1.0)),
                real_wage_pct=float(100.0 * (eq.real_wage_hat[n] - 1.0)),
                tariff_revenue_change_usd_bn=float(decomp["tariff_revenue"][n] * income[n] / 1e3),
                terms_of_trade_pct=float(100.0 * decomp["terms_of_trade"][n]),
                volume_of_trade_pct=float(100.0 * decomp["volume_of_trade"][n]),
                short_run_employment_pct=float(100.0 * (eq_sr.employment_hat[n] - 1.0)),
                low_elasticity_pct=float(100.0 * (eq_low.real_income_hat[n] - 1.0)),
            )
        )

    a, b = (base.country_index(c) for c in between)
    out_hat = eq.gross_output_hat
    # One record per sector and country of the pair (no measure is named by a country in a key).
    pair = ((a, b), (b, a))
    sectors = tuple(
        {
            "sector": s,
            "label": base.sector_labels[j],
            "country": base.countries[n],
            "partner": base.countries[m],
            "output_pct": float(100.0 * (out_hat[n, j] - 1.0)),
            "export_pct": float(100.0 * (eq.trade_hat[m, n, j] - 1.0)),  # n's exports to m
            "exports_usd_bn": float(base.trade_usd_m[m, n, j] / 1e3),  # baseline
        }
        for j, s in enumerate(base.sectors)
        for n, m in pair
    )
    groups_def = sector_groups(base)
    groups = []
    for g in _GROUPS:
        if g not in groups_def:
            continue
        js = [base.sector_index(s) for s in groups_def[g]]
        y0, y1 = base.gross_output_usd_m[:, js].sum(axis=1), eq.gross_output_usd_m[:, js].sum(axis=1)
        groups += [
            {"group": g, "country": c, "output_pct": float(100 * (y1[n] / y0[n] - 1))}
            for c, n in zip(codes, idx, strict=True)
            if y0[n] > 0
        ]
    auto = groups_def.get("autos")
    auto_share = None
    if auto and "USA" in base.countries and "MEX" in base.countries:
        auto_share = calc_partner_input_share(base, "USA", auto[0], "MEX")
    va = va_all = va_manuf = None
    if base.n_countries * base.n_sectors <= 4000:
        s_idx = base.country_index(between[1])
        own = calc_va_content_of(base.trade_share, base.tariff, base.va_share, base.io, s_idx)
        va = decompose_exports(base, between[1], between[0], exporter_content=own)
        va_all = decompose_exports(base, between[1], between[0], scope="all", exporter_content=own)
        va_manuf = decompose_exports(base, between[1], None, scope="manufacturing", exporter_content=own)
    return LeverageResult(
        scenario=scenario,
        between=(between[0], between[1]),
        world_name=base.name,
        countries=tuple(outcomes),
        sectors=sectors,
        groups=tuple(groups),
        dependence=calc_dependence(base, between[0], between[1]),
        us_auto_inputs_from_mex_share=auto_share,
        value_added=va,
        value_added_all=va_all,
        value_added_manufacturing=va_manuf,
        draws=draws,
        seed=seed,
        sigma=sigma,
        converged_draws=mc.converged_draws,
        failed_draws=mc.failed,
        span_sets=prior.spans_sets,
        by_set=by_set,
        equilibrium=eq,
        other_channels=extra,
        subtotals=subtotals,
        build_log=built.log,
        inputs=RunInputs(
            "leverage",
            {
                "scenario": scenario.to_dict(),
                "between": list(between),
                "draws": draws,
                "seed": seed,
                "sigma": sigma,
                "span_sets": span_sets,
                "as_of": scenario.as_of or None,
                "closure": built.closure.value,
                "solver_options": dataclasses.asdict(SolverOptions()),
                "other_channels": extra,
            },
            world=base.name,
            world_digest=base.digest,
        ),
    )
