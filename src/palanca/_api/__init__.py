"""The one façade the interfaces call: the CLI commands, the web service and the report.

Each function resolves names to values (scenario ids, world names, data files) and calls one layer's API; no
economics. Every result it returns carries its `RunInputs` (``result.inputs``; ``result.run_inputs`` for the
bargain, whose ``inputs`` is its parameter table), which the store saves as the run's parameters, and `rerun`
makes a result again from those stored parameters.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from palanca._inputs import RunInputs
from palanca.errors import ScenarioError
from palanca.model import Closure, OptimalTariff, TariffWar, World

if TYPE_CHECKING:  # pragma: no cover
    from palanca.analysis import LeverageResult
    from palanca.scenarios import Scenario

# The layers' public names the interfaces use, re-exported here and imported on first use (so that a light
# command imports no more than it needs); a name resolves to the layer's current attribute each time.
_REEXPORTS: dict[str, str] = {
    "CP2015_TABLE2": "palanca.analysis",
    "ILMS2025_COUNTRY_RESULTS": "palanca.analysis",
    "ILMS2025_TABLE1_USA": "palanca.analysis",
    "NAFTA": "palanca.analysis",
    "validate_cp2015": "palanca.analysis",
    "validate_liberation_day": "palanca.analysis",
    "aggregate": "palanca.data",
    "bilateral_flow": "palanca.data",
    "bilateral_tariffs": "palanca.data",
    "list_region_maps": "palanca.data",
    "list_worlds": "palanca.data",
    "load_region_map": "palanca.data",
    "load_world": "palanca.data",
    "read_deu": "palanca.data",
    "read_gravity_table": "palanca.data",
    "with_elasticities": "palanca.data",
    "load_state_tiles": "palanca.data",
    "world_summary": "palanca.data",
    "write_records_csv": "palanca.data",
    "write_world": "palanca.data",
    "Horizon": "palanca.flows",
    "Markup": "palanca.flows",
    "RemittanceViewBy": "palanca.flows",
    "cooperation_values": "palanca.flows",
    "fentanyl_flows": "palanca.flows",
    "fentanyl_levers": "palanca.flows",
    "firearms_account": "palanca.flows",
    "interdict_corridors": "palanca.flows",
    "migration_overview": "palanca.flows",
    "remittance_overview": "palanca.flows",
    "DEFAULT_FORMULA": "palanca.gravity",
    "PPMLResult": "palanca.gravity",
    "estimate_ppml": "palanca.gravity",
    "parse_coefficients": "palanca.gravity",
    "parse_cost_change": "palanca.gravity",
    "effective_tariff_rate": "palanca.policy",
    "newest_date": "palanca.policy",
    "parse_date": "palanca.policy",
    "tariffs_between": "palanca.policy",
    "timeline": "palanca.policy",
    "BEST_MODEL": "palanca.politics",
    "ForecastModel": "palanca.politics",
    "bargain_backtest": "palanca.politics",
    "bargain_timeline": "palanca.politics",
    "cross_validate": "palanca.politics",
    "forecast": "palanca.politics",
    "check_origin": "palanca.roo",
    "list_examples": "palanca.roo",
    "load_bom": "palanca.roo",
    "parse_as_of": "palanca.roo",
    "rules_in_force": "palanca.roo",
    "Scenario": "palanca.scenarios",
    "list_scenarios": "palanca.scenarios",
    "load_scenario": "palanca.scenarios",
    "parse_vary": "palanca.sweep",
    "sweep": "palanca.sweep",
}

__all__ = [
    "Closure",
    "RunInputs",
    "bargain",
    "gravity_experiment",
    "leverage",
    "optimal_tariff",
    "remittance_tax",
    "rerun",
    "tariff_war",
    *sorted(_REEXPORTS),
]


def __getattr__(name: str) -> Any:
    if name in _REEXPORTS:
        return getattr(importlib.import_module(_REEXPORTS[name]), name)
    raise AttributeError(f"module 'palanca._api' has no attribute {name!r}")


def _world(world: str | World) -> World:
    from palanca.data import load_world

    return load_world(world) if isinstance(world, str) else world


def optimal_tariff(
    world: str | World,
    imposer: str,
    targets: tuple[str, ...] | None = None,
    *,
    as_of: str | None = None,
    uniform: bool = True,
    closure: Closure = Closure.FIXED_DEFICIT,
    bounds: tuple[float, float] = (0.0, 1.0),
    tol: float = 1e-5,
    labour_elasticity: float = 0.0,
    fiscal: str = "lump_sum",
) -> OptimalTariff:
    """The optimal tariff of ``imposer`` on a world given by name (e.g. ``"world2023"``), folder or value.

    ``as_of``: the baseline date (ISO): the tariffs in force that day from `palanca.policy`, as a scenario's
    baseline; default the newest date of the registry; a date before 4 February 2025 gives the world's own
    tariffs. ``labour_elasticity`` and ``fiscal`` give the labour closure (`palanca.model.Labour`). See
    `palanca.analysis.strategic_optimal_tariff`; the result carries its inputs.
    """
    from palanca.analysis import strategic_optimal_tariff

    res = strategic_optimal_tariff(
        _world(world),
        imposer,
        targets,
        as_of=as_of,
        uniform=uniform,
        closure=closure,
        bounds=bounds,
        tol=tol,
        labour_elasticity=labour_elasticity,
        fiscal=fiscal,
    )
    return _with_source(res, world)


def tariff_war(
    world: str | World = "world2023",
    players: tuple[str, ...] = ("USA", "MEX"),
    *,
    as_of: str | None = None,
    fixed: dict[str, float] | None = None,
    targets: str = "players",
    closure: Closure = Closure.FIXED_DEFICIT,
    bounds: tuple[float, float] = (0.0, 1.0),
    tol: float = 1e-4,
    max_rounds: int = 50,
    labour_elasticity: float = 0.0,
    fiscal: str = "lump_sum",
) -> TariffWar:
    """The Nash tariffs of ``players`` on a world given by name (e.g. ``"world2023"``), folder or value.

    ``as_of`` as for `optimal_tariff`: the players' rates replace their tariffs of that day, everyone else's
    stay. ``labour_elasticity`` and ``fiscal`` give the labour closure (`palanca.model.Labour`). See
    `palanca.analysis.strategic_tariff_war`; the result carries its inputs.
    """
    from palanca.analysis import strategic_tariff_war

    res = strategic_tariff_war(
        _world(world),
        players,
        as_of=as_of,
        fixed=fixed,
        targets=targets,
        closure=closure,
        bounds=bounds,
        tol=tol,
        max_rounds=max_rounds,
        labour_elasticity=labour_elasticity,
        fiscal=fiscal,
    )
    return _with_source(res, world)


def _with_source(result: Any, world: str | World) -> Any:
    """``result`` with the world's name or folder recorded as what a re-run loads (none for a world value)."""
    if not isinstance(world, str) or result.inputs is None:
        return result
    return dataclasses.replace(result, inputs=result.inputs.with_params(world_source=world))


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
    theta_scale: float = 1.0,
) -> LeverageResult:
    """Who holds the leverage under ``scenario`` (an id, a path to a TOML file, or a `Scenario`).

    ``remittance_tax``: a US tax rate on remittances to Mexico (e.g. 0.01) whose loss to Mexico
    (`palanca.flows.remittance_tax`, point estimate) is added to Mexico's trade loss.
    ``as_of``: the baseline date (ISO), tariffs in force that day from `palanca.policy`; default the
    scenario's own, else the newest date of the registry.
    ``world``: a shipped world's name, a folder written by ``palanca world aggregate … --out DIR``, or a `World`;
    default the scenario's own.
    ``theta_scale``: a factor on every trade elasticity of that world (1: as published).
    See `palanca.analysis.leverage` for the other parameters.
    """
    from palanca.analysis import leverage as _leverage
    from palanca.scenarios import load_scenario

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
    if not theta_scale > 0:
        raise ScenarioError(f"theta_scale = {theta_scale}: the factor on the trade elasticities must be > 0.")
    w = _world(world) if world is not None else None
    if theta_scale != 1.0:
        w = w if w is not None else _world(sc.world)
        w = dataclasses.replace(w, theta=w.theta * theta_scale)
    result = _leverage(
        sc,
        between,
        world=w,
        draws=draws,
        seed=seed,
        sigma=sigma,
        span_sets=span_sets,
        other_channels=other,
        progress=progress,
    )
    extra: dict[str, Any] = {"remittance_tax": remittance_tax, "theta_scale": theta_scale}
    if isinstance(world, str):  # a shipped name or an aggregated world's folder: what a re-run loads
        extra["world_source"] = world
    inputs = result.inputs.with_params(**extra) if result.inputs is not None else None
    return dataclasses.replace(result, channel_details=details, inputs=inputs)


def remittance_tax(rate: float, **kwargs: Any) -> Any:
    """`palanca.flows.remittance_tax` (its result carries its inputs)."""
    from palanca.flows import remittance_tax as _remittance_tax

    return _remittance_tax(rate, **kwargs)


def bargain(scenario: Any = "usmca-review-2026", **kwargs: Any) -> Any:
    """`palanca.politics.bargain` (its result carries its inputs as ``run_inputs``)."""
    from palanca.politics import bargain as _bargain

    return _bargain(scenario, **kwargs)


def gravity_experiment(
    data: str | Path,
    coefficients: Mapping[str, float],
    changes: Sequence[Any] = (),
    *,
    sigma: float,
    reference_importer: str,
    year: str | int | None = None,
    closure: Closure = Closure.OUTPUT_MULTIPLE,
) -> Any:
    """`palanca.gravity.gravity_experiment` on a long gravity table read from ``data`` (csv/dlm)."""
    from palanca.data import read_gravity_table
    from palanca.gravity import gravity_experiment as _experiment

    path = Path(data)
    return _experiment(
        read_gravity_table(path),
        coefficients,
        changes,
        sigma=sigma,
        reference_importer=reference_importer,
        year=year,
        closure=closure,
        source=path.name,
    )


from palanca._api._rerun import rerun  # noqa: E402  (it calls the functions above)
