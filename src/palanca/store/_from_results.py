"""Build a `RunRecord` from each kind of result object (the CLI and the web call these, then `save_run`).

Each function takes the result, the parameters of the call that made it and its timings, and
gathers the provenance the store keeps: the scenario as TOML, the world's name and digest, the
solver status. No economics: only ``to_dict()`` records and attributes of the results.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from palanca.store._record import RunRecord
from palanca.store._toml import dumps_toml, scenario_to_toml

__all__ = ["record_bargain", "record_gravity", "record_leverage", "record_remittance_tax"]


def _world_digest(name: str) -> str:
    from palanca.data import load_world

    return load_world(name).digest


def record_leverage(
    result: Any,
    params: Mapping[str, Any],
    timings: Mapping[str, float],
    *,
    kind: str = "leverage",
    world_digest: str | None = None,
) -> RunRecord:
    """A `palanca.analysis.LeverageResult` as a run (``kind="scenario"`` for `palanca scenario run`).

    ``world_digest``: pass the digest of the world actually solved when it is not the shipped one
    (e.g. with scaled elasticities); by default the shipped world's digest.
    """
    d = result.to_dict()
    return RunRecord(
        kind=kind,
        label=result.scenario.id,
        params=dict(params),
        result=d,
        scenario_toml=scenario_to_toml(result.scenario),
        world=result.world_name,
        world_digest=world_digest or _world_digest(result.world_name),
        seed=params.get("seed"),
        solver=dict(d["solver"]),
        timings=dict(timings),
    )


def record_remittance_tax(result: Any, params: Mapping[str, Any], timings: Mapping[str, float]) -> RunRecord:
    """A `palanca.flows.RemittanceTaxResult` as a run (no world: Banxico flows)."""
    return RunRecord(
        kind="remittance_tax",
        label=f"remittance tax {result.rate:.2%}",
        params=dict(params),
        result=result.to_dict(),
        seed=params.get("seed"),
        timings=dict(timings),
    )


def record_gravity(result: Any, params: Mapping[str, Any], timings: Mapping[str, float]) -> RunRecord:
    """A `palanca.analysis.gravity.GravityResults` as a run (countries and bilateral tables)."""
    eq = result.equilibrium
    solver = {"converged": bool(eq.converged), "iterations": int(eq.iterations), "residual": float(eq.residual)}
    return RunRecord(
        kind="gravity",
        label=result.label or "gravity experiment",
        params=dict(params),
        result={"label": result.label, "countries": result.country_records(), "bilateral": result.bilateral_records()},
        world=result.baseline.world.name,
        world_digest=result.baseline.world.digest,
        solver=solver,
        timings=dict(timings),
    )


def record_bargain(result: Any, params: Mapping[str, Any], timings: Mapping[str, float]) -> RunRecord:
    """A `palanca.politics.BargainResult` as a run (the scenario file's parameters as TOML)."""
    from palanca.data import load_bargain_parameters

    name = result.scenario.name
    try:
        toml = dumps_toml(load_bargain_parameters(name))
    except Exception:  # a scenario built in code has no file: keep its flat parameters
        toml = dumps_toml({"name": name, **{k.replace(".", "_"): v for k, v in result.scenario.params.items()}})
    return RunRecord(
        kind="bargain",
        label=name,
        params=dict(params),
        result=result.to_dict(),
        scenario_toml=toml,
        world=result.world,
        world_digest=_world_digest(result.world),
        seed=params.get("seed"),
        timings=dict(timings),
    )
