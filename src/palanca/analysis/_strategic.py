"""Optimal tariffs and tariff wars relative to the baseline of a date, each result with its inputs.

`palanca.model.optimal_tariff` and `palanca.model.tariff_war` play the game on the baseline they are
given. Here that baseline is the one every scenario runs on (`palanca.scenarios.as_of_baseline`): the
model solved from the world's data under the tariffs in force on ``as_of`` (`palanca.policy.applied_tariffs`:
the world's pre-2025 tariffs plus the registry's actions in force that day). The players' uniform rates
replace their tariffs of that day on their targets in the goods sectors; every other tariff of that day
stays in force, and welfare changes are measured from that day's baseline. The default date is the
scenarios' default, the newest date of the registry. On a date before the registry's first action
(4 February 2025) the baseline is the world's own tariffs, and the result is the model's on the world.
On an aggregated world the registry acts on the world it was aggregated from and its tariffs are aggregated
(`palanca.policy.registry_world`); a world without dated policy (sectors the registry cannot map, an aggregate
its source does not reproduce) keeps its own tariffs, as in a scenario.

Each function returns the model's result with its `RunInputs` (``result.inputs``): the call's options,
the resolved date, the digest of the world's data (``data_digest``) and of the baseline solved.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from palanca._inputs import RunInputs
from palanca.errors import ConvergenceError, PolicyError, ScenarioError
from palanca.model import Closure, Labour, OptimalTariff, SolverOptions, TariffWar, World
from palanca.model import optimal_tariff as _optimal_tariff
from palanca.model import tariff_war as _tariff_war
from palanca.policy import applied_tariffs, newest_date, parse_date, registry_world
from palanca.scenarios import as_of_baseline

__all__ = ["strategic_baseline", "strategic_optimal_tariff", "strategic_tariff_war"]


def strategic_baseline(world: World, as_of: str | None, closure: Closure) -> tuple[World, str, str]:
    """(the baseline solved under the tariffs in force on ``as_of``, the ISO date, how the baseline was made).

    ``world`` is the world of the data (its tariffs the pre-2025 baseline); ``as_of`` defaults to the
    newest date of the policy registry.
    """
    if world.provenance.get("tariffs_as_of"):
        raise ScenarioError(
            f"world {world.name!r} already carries the tariffs in force on {world.provenance['tariffs_as_of']} "
            "(it is a built scenario's baseline); pass the shipped world, whose tariffs are the pre-2025 "
            "baseline, and set the date with as_of."
        )
    date = parse_date(as_of if as_of is not None else newest_date(), "as_of").isoformat()
    try:
        on, to_world, where = registry_world(world)
        tariff = to_world(applied_tariffs(on, date))
        how = f"the tariffs in force on {date} (palanca policy registry{where})"
    except PolicyError as exc:
        tariff = world.tariff
        how = f"the world's own tariffs (no dated policy for this world: {exc})"
    else:
        if (tariff == world.tariff).all():
            how += f"; none beyond the world's {world.year} tariffs"
    try:
        base = as_of_baseline(world, tariff, closure)
    except ConvergenceError as exc:
        raise ScenarioError(
            f"as_of = {date!r}: the model does not solve under the tariffs in force that day: {exc}"
        ) from None
    return base, date, how


def _common(world: World, date: str, how: str, closure: Closure, bounds: tuple[float, float],
            tol: float, labour_elasticity: float, fiscal: str) -> dict[str, object]:  # fmt: skip
    return {
        "closure": Closure(closure).value,
        "bounds": [float(bounds[0]), float(bounds[1])],
        "tol": float(tol),
        "labour_elasticity": float(labour_elasticity),
        "fiscal": str(fiscal),
        "as_of": date,
        "baseline": how,
        "solver_options": dataclasses.asdict(SolverOptions()),
        # The world the baseline was solved from (deterministic, unlike the last bits of a re-solved baseline).
        "data_digest": world.digest,
    }


def strategic_optimal_tariff(
    world: World,
    imposer: str,
    targets: Sequence[str] | None = None,
    *,
    as_of: str | None = None,
    uniform: bool = True,
    closure: Closure = Closure.FIXED_DEFICIT,
    bounds: tuple[float, float] = (0.0, 1.0),
    tol: float = 1e-5,
    labour_elasticity: float = 0.0,
    fiscal: str = "lump_sum",
) -> OptimalTariff:
    """`palanca.model.optimal_tariff` on the baseline of ``as_of`` (module docstring); the result has its inputs.

    ``world`` is the world of the data; ``labour_elasticity`` and ``fiscal`` give the labour closure
    (`palanca.model.Labour`); the other parameters are those of `palanca.model.optimal_tariff`.
    """
    labour = Labour(labour_elasticity, fiscal=fiscal)
    base, date, how = strategic_baseline(world, as_of, closure)
    res = _optimal_tariff(
        world, imposer, targets, uniform=uniform, closure=closure, bounds=bounds, tol=tol, baseline=base, labour=labour
    )
    params = {
        "imposer": imposer,
        "targets": None if not targets else list(targets),
        "uniform": bool(uniform),
        **_common(world, date, how, closure, bounds, tol, labour_elasticity, fiscal),
    }
    inputs = RunInputs("optimal_tariff", params, world=world.name, world_digest=base.digest)
    return dataclasses.replace(res, inputs=inputs)


def strategic_tariff_war(
    world: World,
    players: Sequence[str] = ("USA", "MEX"),
    *,
    as_of: str | None = None,
    fixed: Mapping[str, float] | None = None,
    targets: str | Mapping[str, Sequence[str]] = "players",
    closure: Closure = Closure.FIXED_DEFICIT,
    bounds: tuple[float, float] = (0.0, 1.0),
    tol: float = 1e-4,
    max_rounds: int = 50,
    labour_elasticity: float = 0.0,
    fiscal: str = "lump_sum",
) -> TariffWar:
    """`palanca.model.tariff_war` on the baseline of ``as_of`` (module docstring); the result has its inputs.

    ``world`` is the world of the data; ``labour_elasticity`` and ``fiscal`` give the labour closure
    (`palanca.model.Labour`); the other parameters are those of `palanca.model.tariff_war`.
    """
    labour = Labour(labour_elasticity, fiscal=fiscal)
    base, date, how = strategic_baseline(world, as_of, closure)
    res = _tariff_war(
        world,
        players,
        fixed=fixed,
        targets=targets,
        closure=closure,
        bounds=bounds,
        tol=tol,
        max_rounds=max_rounds,
        baseline=base,
        labour=labour,
    )
    params = {
        "players": list(players),
        "fixed": None if not fixed else {k: float(v) for k, v in fixed.items()},
        "targets": targets if isinstance(targets, str) else {k: list(v) for k, v in targets.items()},
        "max_rounds": int(max_rounds),
        **_common(world, date, how, closure, bounds, tol, labour_elasticity, fiscal),
    }
    inputs = RunInputs("tariff_war", params, world=world.name, world_digest=base.digest)
    return dataclasses.replace(res, inputs=inputs)
