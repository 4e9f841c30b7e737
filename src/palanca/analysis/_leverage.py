"""Who holds the leverage: a scenario's losses on each side, with uncertainty and dependence.

The real-income change of each country is the engine's exact ``I_hat / P_hat`` (income = value
added + tariff revenue + deficit, deflated by the consumer price index). In USD it is that change
times baseline income (an equivalent-variation measure at baseline prices). *Sensitivity* and
*vulnerability* follow Keohane and Nye (1977, *Power and Interdependence*): the loss with short-run
trade elasticities (little room to adjust) versus long-run ones. Uncertainty: the Monte Carlo of
`palanca.analysis.uncertainty` (draw ``d`` seeded by ``(seed, d)``; by default each draw picks one of
the world's published elasticity sets and adds ``sigma`` log-points of within-set noise), reported
as a 5–95% band with the answer under each set beside it. The draws are solved to a tolerance of
`palanca.analysis._uncertainty.DRAW_TOL` (1e-9 on the largest relative step, against 1e-11 for the central
answer): it moves each draw's real-income change by about 1e-7 percentage points and the band by less, far
below the two decimals it is reported to, and saves a fifth of the Monte Carlo's time.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

import numpy as np

from palanca._inputs import RunInputs
from palanca.analysis._dependence import calc_dependence, calc_partner_input_share
from palanca.analysis._leverage_results import CountryOutcome, LeverageResult
from palanca.analysis._subtotals import shock_subtotals
from palanca.analysis._uncertainty import (
    DEFAULT_SIGMA,
    DRAW_TOL,
    MAX_FAILED_SHARE,
    DrawSolver,
    MonteCarlo,
    band,
    check_draws,
    check_failures,
    check_sigma,
    elasticity_prior,
    run_draws,
)
from palanca.analysis._valueadded import decompose_exports
from palanca.data import elasticity_sets, load_world, with_elasticities
from palanca.data._reference import load_population_m
from palanca.errors import ConvergenceError, ScenarioError
from palanca.model import Equilibrium, SolverOptions, World, calc_va_content_of, rebase, solve, solve_short_run
from palanca.scenarios import Scenario, build_scenario, sector_groups
from palanca.scenarios._schema import ElasticitySet

__all__ = ["CountryOutcome", "LeverageResult", "leverage"]

_WATCH = ("CAN", "CHN")
_GROUPS = ("autos", "electronics", "agriculture", "energy", "basic_metals", "manufacturing", "services")


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
    check_draws(draws)
    if seed < 0:
        raise ScenarioError(f"seed = {seed}: the seed must be 0 or more.")
    check_sigma(sigma)
    if between[0] == between[1]:
        raise ScenarioError(f"between = {between}: give two different countries.")
    long_run = dataclasses.replace(scenario, elasticities=ElasticitySet.LONG_RUN)
    data_world = world or load_world(scenario.world)
    built = build_scenario(long_run, data_world)
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

    # The draws need only the real income of `codes` (DrawSolver: the lean path at DRAW_TOL, else solve_draw).
    # The as-of baseline is solved at the central elasticities, as in palanca.sweep: the band is over the
    # scenario's response (BuiltScenario.baseline_at re-solves the as-of state itself for other thetas).
    solve_theta = DrawSolver(base, built.shock, built.closure, eq, idx)
    prior = elasticity_prior(base.theta, elasticity_sets(base), sigma=sigma, span_sets=span_sets)
    mc: MonteCarlo = run_draws(
        solve_theta, prior, seed, range(draws), progress=progress, max_failures=int(MAX_FAILED_SHARE * draws)
    )
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
        if "manufacturing" in groups_def:  # an aggregate that splits manufacturing has no such scope
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
        between_draws_pct=tuple((float(r[0]), float(r[1])) for r in mc.samples[:, :2]) if draws else (),
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
                "draw_tol": DRAW_TOL,
                # The world the baseline was built from (deterministic, unlike the bits of a re-solved baseline).
                "data_digest": data_world.digest,
                "other_channels": extra,
            },
            world=base.name,
            world_digest=base.digest,
        ),
    )
