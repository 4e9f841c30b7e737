"""Build a `RunRecord` from each kind of result object (the interfaces call these, then `save_run`).

A record is derived from the result alone: its parameters are the result's own `RunInputs`
(``result.inputs.to_dict()``: the scenario value, the world's name and the digest of the world
actually solved, the seed, draws, options), its numbers the result's ``to_dict()``. Nothing is
reloaded by name and the caller passes no parameters, so a stored run holds exactly what made it.
No economics: only records and attributes of the results.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from palanca.errors import StoreError
from palanca.store._record import RunRecord
from palanca.store._toml import dumps_toml

__all__ = [
    "record_bargain",
    "record_flows",
    "record_gravity",
    "record_leverage",
    "record_optimal_tariff",
    "record_remittance_tax",
    "record_tariff_war",
]


def _inputs(result: Any) -> Any:
    inputs = getattr(result, "run_inputs", None) or getattr(result, "inputs", None)
    if inputs is None or not hasattr(inputs, "to_dict") or not hasattr(inputs, "call"):
        raise StoreError(
            f"{type(result).__name__} carries no run inputs, so the run could not be made again from the store; "
            "save results returned by the public functions (palanca.leverage, palanca.bargain, …), which record them."
        )
    return inputs


def _record(kind: str, label: str, result: Any, record: Mapping[str, Any], timings: Mapping[str, float] | None,
            **extra: Any) -> RunRecord:  # fmt: skip
    inputs = _inputs(result)
    return RunRecord(
        kind=kind,
        label=label,
        params=inputs.to_dict(),
        result=dict(record),
        world=inputs.world,
        world_digest=inputs.world_digest,
        seed=inputs.seed,
        timings=dict(timings or {}),
        **extra,
    )


def record_leverage(result: Any, timings: Mapping[str, float] | None = None, *, kind: str = "leverage") -> RunRecord:
    """A `palanca.analysis.LeverageResult` as a run (``kind="scenario"`` for `palanca scenario run`)."""
    from palanca.scenarios import Scenario
    from palanca.store._toml import scenario_to_toml

    d = result.to_dict()
    scenario = _inputs(result).scenario
    sc = Scenario.from_dict(scenario) if scenario is not None else result.scenario
    return _record(kind, sc.id, result, d, timings, scenario_toml=scenario_to_toml(sc), solver=dict(d["solver"]))


def record_remittance_tax(result: Any, timings: Mapping[str, float] | None = None) -> RunRecord:
    """A `palanca.flows.RemittanceTaxResult` as a run (no world: Banxico flows)."""
    return _record("remittance_tax", f"remittance tax {result.rate:.2%}", result, result.to_dict(), timings)


def record_gravity(result: Any, timings: Mapping[str, float] | None = None) -> RunRecord:
    """A `palanca.gravity.GravityResults` as a run (countries and bilateral tables)."""
    eq = result.equilibrium
    solver = {"converged": bool(eq.converged), "iterations": int(eq.iterations), "residual": float(eq.residual)}
    record = {"label": result.label, "countries": result.country_records(), "bilateral": result.bilateral_records()}
    return _record("gravity", result.label or "gravity experiment", result, record, timings, solver=solver)


def record_bargain(result: Any, timings: Mapping[str, float] | None = None) -> RunRecord:
    """A `palanca.politics.BargainResult` as a run (the bargain scenario's value as TOML)."""
    toml = dumps_toml(_inputs(result).scenario or {})
    return _record("bargain", result.scenario.name, result, result.to_dict(), timings, scenario_toml=toml)


def record_optimal_tariff(result: Any, timings: Mapping[str, float] | None = None) -> RunRecord:
    """A `palanca.model.OptimalTariff` (from `palanca.optimal_tariff`, which records its inputs) as a run."""
    d = result.to_dict()
    label = f"optimal tariff of {result.imposer} as of {_inputs(result).params.get('as_of') or '-'}"
    return _record("optimal_tariff", label, result, d, timings, solver=dict(d["solver"]))


def record_tariff_war(result: Any, timings: Mapping[str, float] | None = None) -> RunRecord:
    """A `palanca.model.TariffWar` (from `palanca.tariff_war`, which records its inputs) as a run."""
    d = result.to_dict()
    label = f"tariff war {'-'.join(result.players)} as of {_inputs(result).params.get('as_of') or '-'}"
    return _record("tariff_war", label, result, d, timings, solver=dict(d["solver"]))


_FLOWS_KINDS = {
    "fentanyl_levers": "fentanyl",
    "interdict_corridors": "interdiction",
    "migration_overview": "migration",
    "fentanyl_flows": "seizure_flows",
    "firearms_account": "firearms",
    "cooperation_values": "cooperation",
    "remittance_overview": "remittances",
}


def record_flows(result: Any, timings: Mapping[str, float] | None = None) -> RunRecord:
    """A result of `palanca.flows` that reads shipped series only (no world) as a run: the fentanyl levers, the
    corridor interdiction, the migration overview, the seizure flows, the firearms account, the cooperation
    values or a remittance view."""
    inputs = _inputs(result)
    kind = _FLOWS_KINDS.get(inputs.call)
    if kind is None:
        raise StoreError(
            f"record_flows takes the results of {', '.join(_FLOWS_KINDS)}; this one was made by {inputs.call!r} "
            "(save a remittance tax with record_remittance_tax)."
        )
    p = inputs.params
    label = {
        "fentanyl": f"fentanyl levers FY{p.get('fiscal_year')}",
        "interdiction": f"corridor interdiction FY{p.get('fiscal_year')}, budget {p.get('budget')}",
        "migration": "migration overview",
        "seizure_flows": "fentanyl seizure flows",
        "firearms": f"firearms account, US-sourced share {p.get('us_sourced_share')}",
        "cooperation": "cooperation values",
        "remittances": f"remittances by {p.get('by')}" + (f" {p['year']}" if p.get("year") is not None else ""),
    }[kind]
    return _record(kind, label, result, result.to_dict(), timings)
