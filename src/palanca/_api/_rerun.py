"""`rerun`: make a result again from a stored run's parameters, through the façade's own functions."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from palanca._inputs import RunInputs
from palanca.errors import ScenarioError
from palanca.model import Closure

__all__ = ["rerun"]


def _plain(v: Any) -> Any:
    if isinstance(v, Mapping):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_plain(x) for x in v]
    return v


_FLOWS = ("fentanyl_levers", "interdict_corridors", "migration_overview", "fentanyl_flows", "firearms_account",
          "cooperation_values", "remittance_overview")  # fmt: skip
_RERUNS = ("leverage", "remittance_tax", "bargain", "gravity_experiment", "optimal_tariff", "tariff_war", *_FLOWS)


def _rerun_strategic(call: str, p: dict[str, Any], world: str) -> Any:
    from palanca._api import optimal_tariff, tariff_war

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
    from palanca import flows

    if call in ("migration_overview", "fentanyl_flows", "cooperation_values"):
        result = getattr(flows, call)()
    elif call == "firearms_account":
        result = flows.firearms_account(p["us_sourced_share"])
    elif call == "remittance_overview":
        result = flows.remittance_overview(p["by"], **({} if p["year"] is None else {"year": p["year"]}))
    else:
        return _rerun_fentanyl(call, p)
    # These calls take their assumptions from the code: a run whose assumptions have changed is another run.
    now, was = _plain(result.inputs.params.get("assumptions")) or {}, p.get("assumptions") or {}
    changed = sorted(k for k in {*now, *was} if now.get(k) != was.get(k))
    if changed:
        shown = "; ".join(f"{k} {was.get(k)!r} recorded, {now.get(k)!r} now" for k in changed)
        raise ScenarioError(
            f"the assumptions of this {call} run are not the ones the code uses now ({shown}): the stored run's "
            "numbers stand as recorded."
        )
    return result


def _rerun_fentanyl(call: str, p: dict[str, Any]) -> Any:
    from palanca.flows import FentanylAssumptions, fentanyl_levers, interdict_corridors

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
    from palanca._api import bargain, gravity_experiment, leverage, remittance_tax
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
    elif inputs.call in _FLOWS:
        result = _rerun_flows(inputs.call, p)
    else:
        raise ScenarioError(f"call = {inputs.call!r} cannot be re-run; the stored runs of {', '.join(_RERUNS)} can.")
    new = getattr(result, "run_inputs", None) or result.inputs
    # The data a run was built from: the world file (before an as-of baseline is re-solved, whose last bits
    # depend on the solver's path), the gravity table, the remittance baseline; else the world solved.
    # A bargain reads both its world's file and the flows model behind its cooperation values.
    key = next((k for k in ("data_digest", "table_digest", "base_digest") if k in p), None)
    checks = [(key, p[key], new.params.get(key))] if key else []
    if not key or inputs.call == "bargain":
        checks.append(("world_digest", inputs.world_digest, new.world_digest))
    for name, was, now in checks:
        if was != now:
            raise ScenarioError(
                f"the data behind this run are not the recorded ones ({name} {str(now)[:12]} now, "
                f"{str(was)[:12]} recorded; world {inputs.world or '-'}): a shipped data file changed, or the run "
                "used data given in code; the stored run's numbers stand as recorded."
            )
    return result
