"""Top-level conveniences that join layers (trade analysis + non-trade channels).

They resolve names to values (scenario ids, world names) and call the layer APIs; no economics.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from palanca.analysis import LeverageResult
from palanca.analysis import leverage as _leverage
from palanca.model import Closure, OptimalTariff, TariffWar, World
from palanca.scenarios import Scenario, load_scenario

__all__ = ["leverage", "optimal_tariff", "tariff_war"]


def _world(world: str | World) -> World:
    from palanca.data import load_world

    return load_world(world) if isinstance(world, str) else world


def optimal_tariff(
    world: str | World,
    imposer: str,
    targets: tuple[str, ...] | None = None,
    *,
    uniform: bool = True,
    closure: Closure = Closure.FIXED_DEFICIT,
    bounds: tuple[float, float] = (0.0, 1.0),
    labour_elasticity: float = 0.0,
    fiscal: str = "lump_sum",
) -> OptimalTariff:
    """`palanca.model.optimal_tariff` on a world given by name (e.g. ``"world2023"``) or value.

    ``labour_elasticity`` and ``fiscal`` give the labour closure (`palanca.model.Labour`).
    """
    from palanca.model import Labour
    from palanca.model import optimal_tariff as _optimal

    labour = Labour(labour_elasticity, fiscal=fiscal)
    return _optimal(_world(world), imposer, targets, uniform=uniform, closure=closure, bounds=bounds, labour=labour)


def tariff_war(
    world: str | World = "world2023",
    players: tuple[str, ...] = ("USA", "MEX"),
    *,
    fixed: dict[str, float] | None = None,
    targets: str = "players",
    closure: Closure = Closure.FIXED_DEFICIT,
    bounds: tuple[float, float] = (0.0, 1.0),
    tol: float = 1e-4,
    max_rounds: int = 50,
    labour_elasticity: float = 0.0,
    fiscal: str = "lump_sum",
) -> TariffWar:
    """`palanca.model.tariff_war` on a world given by name (e.g. ``"world2023"``) or value.

    ``labour_elasticity`` and ``fiscal`` give the labour closure (`palanca.model.Labour`).
    """
    from palanca.model import Labour
    from palanca.model import tariff_war as _war

    return _war(
        _world(world),
        players,
        fixed=fixed,
        targets=targets,
        closure=closure,
        bounds=bounds,
        tol=tol,
        max_rounds=max_rounds,
        labour=Labour(labour_elasticity, fiscal=fiscal),
    )


def leverage(
    scenario: str | Scenario = "us-tariff-25-mex",
    between: tuple[str, str] = ("USA", "MEX"),
    *,
    draws: int = 500,
    seed: int = 0,
    sigma: float = 0.25,
    remittance_tax: float | None = None,
    world: str | World | None = None,
    progress: Callable[[int, int], None] | None = None,
    span_sets: bool = True,
    as_of: str | None = None,
) -> LeverageResult:
    """Who holds the leverage under ``scenario`` (an id, a path to a TOML file, or a `Scenario`).

    ``remittance_tax``: a US tax rate on remittances to Mexico (e.g. 0.01) whose loss to Mexico
    (`palanca.flows.remittance_tax`, point estimate) is added to Mexico's trade loss.
    ``as_of``: the baseline date (ISO), tariffs in force that day from `palanca.policy`; default the
    scenario's own, else the newest date of the registry.
    ``world``: a shipped world's name, a folder written by ``palanca world aggregate … --out DIR``, or a `World`;
    default the scenario's own.
    See `palanca.analysis.leverage` for the other parameters.
    """
    sc = load_scenario(scenario) if isinstance(scenario, str) else scenario
    if as_of is not None:
        sc = dataclasses.replace(sc, as_of=as_of)
    other: dict[str, dict[str, float]] = {}
    details: dict[str, dict[str, object]] = {}
    if remittance_tax is not None:
        from palanca.flows import remittance_tax as _remittance_tax

        res = _remittance_tax(remittance_tax, seed=seed)
        name = f"remittance tax {remittance_tax:.1%}"
        other[name] = {"MEX": res.national_change_usd_bn}
        details[name] = res.to_dict()
    result = _leverage(
        sc,
        between,
        world=_world(world) if world is not None else None,
        draws=draws,
        seed=seed,
        sigma=sigma,
        span_sets=span_sets,
        other_channels=other,
        progress=progress,
    )
    extra = {"remittance_tax": remittance_tax}
    if isinstance(world, str):  # a shipped name or an aggregated world's folder: what a re-run loads
        extra["world_source"] = world
    inputs = result.inputs.with_params(**extra) if result.inputs is not None else None
    return dataclasses.replace(result, channel_details=details, inputs=inputs)
