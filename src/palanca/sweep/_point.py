"""One sweep task: a grid point's central solve plus a chunk of Monte Carlo elasticity draws.

It runs on a Dask worker (or in-process): the world is loaded there by name (cached per process),
so only the scenario value and a few numbers travel. Draw ``d`` uses the generator seeded by
``(seed, d)`` at every grid point (common random numbers), so any chunk reproduces alone.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import numpy as np

from palanca.data import load_world
from palanca.model import rebase, solve
from palanca.scenarios import Scenario, build_scenario

__all__ = ["solve_chunk"]


def solve_chunk(
    scenario: Scenario,
    theta_scale: float,
    countries: Sequence[str],
    draws: Sequence[int],
    seed: int,
    sigma: float,
) -> dict[str, Any]:
    """Real-income change (%) of ``countries``: the central value and one row per draw in ``draws``."""
    world = load_world(scenario.world)
    world = dataclasses.replace(world, theta=world.theta * theta_scale) if theta_scale != 1.0 else world
    built = build_scenario(scenario, world)
    base = rebase(built.world, closure=built.closure)
    idx = np.array([base.country_index(c) for c in countries])
    eq = solve(base, built.shock, closure=built.closure, baseline=base)
    solves, iters, resid, ok = 1, eq.iterations, eq.residual, eq.converged
    rows = []
    for d in draws:
        rng = np.random.default_rng([seed, d])
        wd = dataclasses.replace(base, theta=base.theta * np.exp(sigma * rng.standard_normal(base.n_sectors)))
        e = solve(wd, built.shock, closure=built.closure, baseline=wd, initial=eq)
        rows.append((100.0 * (e.real_income_hat[idx] - 1.0)).tolist())
        solves += 1
        iters, resid, ok = max(iters, e.iterations), max(resid, e.residual), ok and e.converged
    return {
        "central": (100.0 * (eq.real_income_hat[idx] - 1.0)).tolist(),
        "draws": list(draws),
        "samples": rows,
        "solves": solves,
        "solver": {"converged": bool(ok), "iterations": int(iters), "residual": float(resid)},
    }
