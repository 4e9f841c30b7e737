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
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from palanca.analysis._uncertainty import DrawSolver, elasticity_prior, run_draws
from palanca.data import elasticity_sets, load_world
from palanca.errors import ConvergenceError, WorldValidationError
from palanca.model import Closure, Equilibrium, Shock, World, rebase, solve, warm_up
from palanca.scenarios import Scenario, build_scenario

__all__ = ["PreparedPoint", "at_point", "prepare_point", "solve_chunk", "solve_draws", "warm_worker"]


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

    def __sizeof__(self) -> int:
        """Bytes of the arrays it holds (what moving it to another process costs; Dask's scheduler asks)."""
        return _array_bytes(self)


def _array_bytes(obj: Any, depth: int = 0) -> int:
    if isinstance(obj, np.ndarray):
        return int(obj.nbytes)
    if depth > 3 or not dataclasses.is_dataclass(obj):
        return 0
    return sum(_array_bytes(getattr(obj, f.name), depth + 1) for f in dataclasses.fields(obj))


def at_point(exc: BaseException, key: str) -> BaseException:
    """``exc`` with its message prefixed by the grid point whose task raised it (same type where it can be)."""
    message = f"grid point {key}: {exc}"
    try:
        if isinstance(exc, ConvergenceError):
            return ConvergenceError(message, iterations=exc.iterations, residual=exc.residual)
        return type(exc)(message)
    except Exception:  # an exception type that cannot be re-made from a message: the original
        return exc


def _checked_world(name: str, digest: str | None) -> World:
    """The world ``name`` as this process loads it, refused when its digest is not the client's."""
    world = load_world(name)
    if digest is not None and world.digest != digest:
        raise WorldValidationError(
            f"world {name!r} on this worker has digest {world.digest}, the client's has {digest}: "
            "install the same palanca version (and data) on every worker of the cluster."
        )
    return world


def warm_worker(world: str, digest: str | None = None) -> float:
    """Ready this worker for a sweep on ``world``: load it (refusing a digest other than the client's) and
    the solver's compiled kernels (`palanca.model.warm_up`); returns the seconds it took.

    The sweep runs this on every worker before it submits any task, so a worker with another copy of the
    world fails the sweep at once and the one-off start-up costs are not paid inside the first tasks.
    """
    t0 = time.perf_counter()
    warm_up(_checked_world(world, digest))
    return time.perf_counter() - t0


def prepare_point(
    scenario: Scenario, theta_scale: float, countries: Sequence[str], digest: str | None = None
) -> PreparedPoint:
    """Build the point's scenario, re-solve its baseline and solve it at the central elasticities.

    ``digest``: the client's digest of the scenario's world; a worker whose copy differs refuses.
    """
    world = _checked_world(scenario.world, digest)
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

    The draws are solved as `palanca.leverage` solves them (`palanca.analysis._uncertainty.DrawSolver`,
    to `~palanca.analysis._uncertainty.DRAW_TOL`), so a point and a leverage run with the same seed agree.

    ``failed`` lists the draws of the chunk that did not converge after the retry; ``solves`` counts
    the draws' solves (not the central one, solved once per point by `prepare_point`).
    """
    world, base, eq, theta_scale = point.world, point.base, point.central, point.theta_scale
    solve_theta = DrawSolver(base, point.shock, point.closure, eq, np.array(point.idx, dtype=np.int64))
    sets = elasticity_sets(world) if span_sets else {}
    prior = elasticity_prior(base.theta, sets, sigma=sigma, span_sets=span_sets, scale=theta_scale)
    mc = run_draws(solve_theta, prior, seed, draws)
    failed = set(mc.failed)
    kept = [d for d in draws if d not in failed]
    return {
        "central": (100.0 * (eq.real_income_hat[solve_theta.idx] - 1.0)).tolist(),
        "draws": kept,
        "samples": mc.samples.tolist(),
        "sets": list(mc.sets),
        "failed": list(mc.failed),
        "solves": solve_theta.solves,
        "solver": {"converged": bool(eq.converged), "iterations": solve_theta.iterations,
                   "residual": solve_theta.residual},
    }  # fmt: skip
