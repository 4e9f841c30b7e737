"""Sweep tasks: a grid point's baseline and central solve (`prepare_point`, once per point) and a
chunk of Monte Carlo elasticity draws around it (`solve_draws`); `solve_chunk` is the two together.

They run on a Dask worker (or in-process): the world is loaded there by name (cached per process)
and its digest checked against the client's, so only the scenario value and a few numbers travel.
The draws come from the one uncertainty module (`palanca.analysis._uncertainty`): draw ``d`` uses
the generator seeded by ``(seed, d)`` at every grid point (common random numbers), so any chunk
reproduces alone and `palanca.leverage` with the same seed, sigma and world draws the same
elasticities.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from palanca.analysis._uncertainty import elasticity_prior, run_draws, solve_draw
from palanca.data import elasticity_sets, load_world
from palanca.errors import WorldValidationError
from palanca.model import Closure, Equilibrium, Shock, World, rebase, solve
from palanca.scenarios import Scenario, build_scenario

__all__ = ["PreparedPoint", "prepare_point", "solve_chunk", "solve_draws"]


@dataclass(frozen=True)
class PreparedPoint:
    """A grid point's world (elasticities scaled), model-consistent baseline, shock and central solve."""

    world: World
    base: World
    shock: Shock
    closure: Closure
    central: Equilibrium
    idx: tuple[int, ...]
    theta_scale: float


def prepare_point(
    scenario: Scenario, theta_scale: float, countries: Sequence[str], digest: str | None = None
) -> PreparedPoint:
    """Build the point's scenario, re-solve its baseline and solve it at the central elasticities.

    ``digest``: the client's digest of the scenario's world; a worker whose copy differs refuses.
    """
    world = load_world(scenario.world)
    if digest is not None and world.digest != digest:
        raise WorldValidationError(
            f"world {scenario.world!r} on this worker has digest {world.digest}, the client's has {digest}: "
            "install the same palanca version (and data) on every worker of the cluster."
        )
    world = dataclasses.replace(world, theta=world.theta * theta_scale) if theta_scale != 1.0 else world
    built = build_scenario(scenario, world)
    base = rebase(built.world, closure=built.closure)
    eq = solve(base, built.shock, closure=built.closure, baseline=base)
    idx = tuple(base.country_index(c) for c in countries)
    return PreparedPoint(world, base, built.shock, built.closure, eq, idx, theta_scale)


def solve_chunk(
    scenario: Scenario,
    theta_scale: float,
    countries: Sequence[str],
    draws: Sequence[int],
    seed: int,
    sigma: float,
    span_sets: bool = True,
) -> dict[str, Any]:
    """`solve_draws` on a freshly prepared point; ``solves`` counts the central solve too."""
    out = solve_draws(prepare_point(scenario, theta_scale, countries), draws, seed, sigma, span_sets)
    return {**out, "solves": out["solves"] + 1}


def solve_draws(
    point: PreparedPoint, draws: Sequence[int], seed: int, sigma: float, span_sets: bool = True
) -> dict[str, Any]:
    """Real-income change (%) of the point's countries: the central value and one row per converged draw.

    ``failed`` lists the draws of the chunk that did not converge after the retry; ``solves`` counts
    the draws' solves (not the central one, solved once per point by `prepare_point`).
    """
    world, base, eq, theta_scale = point.world, point.base, point.central, point.theta_scale
    idx = np.array(point.idx, dtype=np.int64)
    stats = {"solves": 0, "iterations": eq.iterations, "residual": eq.residual}

    def solve_theta(theta: np.ndarray, retry: bool) -> np.ndarray | None:
        e = solve_draw(base, point.shock, point.closure, theta, retry=retry, initial=eq)
        stats["solves"] += 1
        if e is None:
            return None
        stats["iterations"] = max(stats["iterations"], e.iterations)
        stats["residual"] = max(stats["residual"], e.residual)
        return 100.0 * (e.real_income_hat[idx] - 1.0)

    sets = elasticity_sets(world) if span_sets else {}
    prior = elasticity_prior(base.theta, sets, sigma=sigma, span_sets=span_sets, scale=theta_scale)
    mc = run_draws(solve_theta, prior, seed, draws)
    failed = set(mc.failed)
    kept = [d for d in draws if d not in failed]
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
