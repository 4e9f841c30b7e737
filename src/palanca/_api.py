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


def _plain(v: Any) -> Any:
    if isinstance(v, Mapping):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_plain(x) for x in v]
    return v


_RERUNS = ("leverage", "remittance_tax", "bargain", "gravity_experiment", "optimal_tariff", "tariff_war",
           "fentanyl_levers", "interdict_corridors", "migration_overview")  # fmt: skip


def _rerun_strategic(call: str, p: dict[str, Any], world: str) -> Any:
    common = {
        "as_of": p["as_of"],
        "closure": Closure(p["closure"]),
        "bounds": tuple(p["bounds"]),
        "tol": p["tol"],
        "labour_elasticity": p["labour_elasticity"],
        "fiscal": p["fiscal"],
    }
    source = p.get("world_source") or world  # a world given in code: its name, checked by its digest below
    if call == "optimal_tariff":
        targets = tuple(p["targets"]) if p["targets"] else None
        return optimal_tariff(source, p["imposer"], targets, uniform=p["uniform"], **common)
    return tariff_war(source, tuple(p["players"]), fixed=p["fixed"], targets=p["targets"],
                      max_rounds=p["max_rounds"], **common)  # fmt: skip


def _rerun_flows(call: str, p: dict[str, Any]) -> Any:
    from palanca.flows import FentanylAssumptions, fentanyl_levers, interdict_corridors, migration_overview

    if call == "migration_overview":
        return migration_overview()
    a = p["assumptions"]
    assumptions = FentanylAssumptions(**{**a, "price_usd_per_kg": tuple(a["price_usd_per_kg"])})
    if call == "interdict_corridors":
        return interdict_corridors(p["budget"], fiscal_year=p["fiscal_year"], assumptions=assumptions)
    return fentanyl_levers(tuple(p["levers"]), spend_usd_bn=p["spend_usd_bn"], markups=tuple(p["markups"]),
                           fiscal_year=p["fiscal_year"], assumptions=assumptions)  # fmt: skip


def rerun(params: Mapping[str, Any] | RunInputs, *, data: str | Path | None = None) -> Any:
    """Make a result again from a stored run's parameters (``run.params``, i.e. a result's ``inputs.to_dict()``).

    ``data``: the gravity table a ``gravity_experiment`` run was made from (the store keeps its digest, not the
    file). Raises `palanca.errors.ScenarioError` when the world (or table) solved now is not the one recorded:
    the re-run would not be the same run.
    """
    from palanca.scenarios import Scenario

    inputs = params if isinstance(params, RunInputs) else RunInputs.from_dict(params)
    p = _plain(inputs.params)
    if inputs.call == "leverage":
        result = leverage(
            Scenario.from_dict(p["scenario"]),
            tuple(p["between"]),
            draws=p["draws"],
            seed=p["seed"],
            sigma=p["sigma"],
            span_sets=p["span_sets"],
            remittance_tax=p.get("remittance_tax"),
            world=p.get("world_source"),
            theta_scale=p.get("theta_scale", 1.0),
        )
    elif inputs.call == "remittance_tax":
        if p.get("base") != "shipped":
            raise ScenarioError("this remittance-tax run used a baseline given in code; pass that baseline again.")
        keys = ("cash_share", "elasticity", "substitution", "horizon", "year", "draws", "seed")
        result = remittance_tax(p["rate"], **{k: p[k] for k in keys})
    elif inputs.call == "bargain":
        from palanca.politics import BargainScenario

        spec = p["scenario"]
        sc = BargainScenario(**{**spec, "ranges": {k: tuple(v) for k, v in spec["ranges"].items()},
                                "tariff_grid": tuple(spec["tariff_grid"])})  # fmt: skip
        result = bargain(
            sc, world=inputs.world, draws=p["draws"], seed=p["seed"], as_of=p["as_of"], cooperation=p["cooperation"]
        )
    elif inputs.call == "gravity_experiment":
        if data is None:
            raise ScenarioError(f"a gravity run needs its table again: pass data= the file {p['source']!r}.")
        from palanca.gravity import CostChange

        changes = [CostChange(c["variable"], tuple(c["origins"]), tuple(c["destinations"]), c["value"])
                   for c in p["changes"]]  # fmt: skip
        result = gravity_experiment(
            data,
            p["coefficients"],
            changes,
            sigma=p["sigma"],
            reference_importer=p["reference_importer"],
            year=p["year"],
            closure=Closure(p["closure"]),
        )
    elif inputs.call in ("optimal_tariff", "tariff_war"):
        result = _rerun_strategic(inputs.call, p, inputs.world)
    elif inputs.call in ("fentanyl_levers", "interdict_corridors", "migration_overview"):
        result = _rerun_flows(inputs.call, p)
    else:
        raise ScenarioError(f"call = {inputs.call!r} cannot be re-run; the stored runs of {', '.join(_RERUNS)} can.")
    new = getattr(result, "run_inputs", None) or result.inputs
    # The data a run was built from: the world file (before an as-of baseline is re-solved, whose last bits
    # depend on the solver's path), the gravity table, the remittance baseline; else the world solved.
    key = next((k for k in ("data_digest", "table_digest", "base_digest") if k in p), None)
    was, now = (p[key], new.params.get(key)) if key else (inputs.world_digest, new.world_digest)
    if was != now:
        raise ScenarioError(
            f"the data behind this run are not the recorded ones ({key or 'world_digest'} {str(now)[:12]} now, "
            f"{str(was)[:12]} recorded; world {inputs.world or '-'}): a shipped data file changed, or the run used "
            "data given in code; the stored run's numbers stand as recorded."
        )
    return result
