"""One sweep task: a grid point's central solve plus a chunk of Monte Carlo elasticity draws.

It runs on a Dask worker (or in-process): the world is loaded there by name (cached per process),
so only the scenario value and a few numbers travel. The draws come from the one uncertainty
module (`palanca.analysis._uncertainty`): draw ``d`` uses the generator seeded by ``(seed, d)`` at
every grid point (common random numbers), so any chunk reproduces alone and `palanca.leverage`
with the same seed, sigma and world draws the same elasticities.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import numpy as np

from palanca.analysis._uncertainty import elasticity_prior, run_draws
from palanca.data import elasticity_sets, load_world
from palanca.model import SolverOptions, rebase, solve
from palanca.scenarios import Scenario, build_scenario

__all__ = ["solve_chunk"]

_RETRY = SolverOptions(max_iter=20000)


def solve_chunk(
    scenario: Scenario,
    theta_scale: float,
    countries: Sequence[str],
    draws: Sequence[int],
    seed: int,
    sigma: float,
    span_sets: bool = True,
) -> dict[str, Any]:
    """Real-income change (%) of ``countries``: the central value and one row per converged draw.

    ``failed`` lists the draws of the chunk that did not converge after the retry.
    """
    world = load_world(scenario.world)
    world = dataclasses.replace(world, theta=world.theta * theta_scale) if theta_scale != 1.0 else world
    built = build_scenario(scenario, world)
    base = rebase(built.world, closure=built.closure)
    idx = np.array([base.country_index(c) for c in countries])
    eq = solve(base, built.shock, closure=built.closure, baseline=base)
    stats = {"solves": 1, "iterations": eq.iterations, "residual": eq.residual}

    def solve_theta(theta: np.ndarray, retry: bool) -> np.ndarray | None:
        wd = dataclasses.replace(base, theta=theta)
        if retry:
            e = solve(wd, built.shock, closure=built.closure, baseline=wd, options=_RETRY)
        else:
            e = solve(wd, built.shock, closure=built.closure, baseline=wd, initial=eq)
        stats["solves"] += 1
        ok = e.converged and bool(np.all(np.isfinite(e.real_income_hat)) and np.all(e.real_income_hat > 0))
        if ok:
            stats["iterations"] = max(stats["iterations"], e.iterations)
            stats["residual"] = max(stats["residual"], e.residual)
        return 100.0 * (e.real_income_hat[idx] - 1.0) if ok else None

    sets = elasticity_sets(world) if span_sets else {}
    prior = elasticity_prior(base.theta, sets, sigma=sigma, span_sets=span_sets, scale=theta_scale)
    mc = run_draws(solve_theta, prior, seed, draws)
    kept = [d for d in draws if d not in set(mc.failed)]
    return {
        "central": (100.0 * (eq.real_income_hat[idx] - 1.0)).tolist(),
        "draws": kept,
        "samples": mc.samples.tolist(),
        "sets": list(mc.sets),
        "failed": list(mc.failed),
        "solves": stats["solves"],
        "solver": {"converged": bool(eq.converged), "iterations": int(stats["iterations"]),
                   "residual": float(stats["residual"])},
    }  # fmt: skip
