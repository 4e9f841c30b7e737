"""What the dashboard's endpoints do, as plain functions over the public API (no economics).

A run request names a shipped scenario (never a path), the rate of each of its tariff blocks, a
factor on the trade elasticities and a number of draws; `run_scenario` builds the changed
scenario with `dataclasses.replace`, calls `palanca._api.leverage` (the factor as ``theta_scale``), and
saves the run in the store from the result's own inputs.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, Field, field_validator
from pydantic_core import PydanticCustomError

from palanca._api import Scenario, leverage, list_scenarios, load_scenario
from palanca.errors import ScenarioError, StoreError
from palanca.store import record_leverage, save_run
from palanca.web._messages import TARIFF_RULE, pct

__all__ = ["Cancelled", "RunRequest", "block_names", "list_scenario_ids", "run_scenario", "scenario_controls"]


class Cancelled(Exception):
    """The client went away before the run finished; nothing was stored."""


class RunRequest(BaseModel):
    """A dashboard run: validated on the server before anything is solved."""

    scenario: str = Field(min_length=1, max_length=120)
    tariffs: list[float] | None = Field(
        default=None, max_length=64, description="Rate per tariff block, as fractions (0.25 for 25%)."
    )
    theta_scale: float = Field(default=1.0, gt=0.05, le=5.0, description="Factor on every trade elasticity.")
    draws: int = Field(default=0, ge=0, le=100)
    seed: int = Field(default=0, ge=0, le=2**31 - 1)
    sigma: float = Field(default=0.25, ge=0.0, le=2.0)

    @field_validator("tariffs")
    @classmethod
    def _rates(cls, v: list[float] | None) -> list[float] | None:
        for k, r in enumerate(v or []):
            if not 0.0 <= r <= 2.0:
                raise PydanticCustomError(
                    "tariff_range",
                    "tariffs[{index}] = {rate} is {percent}%: " + TARIFF_RULE + " (send fractions: 0.25 for 25%)",
                    {"index": k, "rate": r, "percent": pct(r)},
                )
        return v


def _library_scenario(ref: str) -> Scenario:
    """A shipped scenario by ``ID`` or ``ID/VARIANT`` only: a user string is never opened as a file."""
    known = {s.id for s in list_scenarios()}
    base = ref.partition("/")[0]
    if base not in known or ref.endswith(".toml") or ref.count("/") > 1:
        raise ScenarioError(f"scenario {ref!r} is not in the library; pick one of: {', '.join(sorted(known))}.")
    return load_scenario(ref)


def list_scenario_ids() -> list[dict[str, Any]]:
    out = []
    for s in list_scenarios():
        out.append({"id": s.id, "title": s.title})
        out += [{"id": f"{s.id}/{v}", "title": t} for v, t in s.variants]
    return out


def _block_name(label: str, sectors: tuple[str, ...] | list[str]) -> str:
    """A tariff block as the page labels its input: ``LABEL [SECTOR, …]``."""
    return f"{label} [{', '.join(sectors)}]"


def block_names(ref: str) -> list[str]:
    """The page's name of each tariff block of scenario ``ref``, in request order; none for an unknown one."""
    try:
        return [_block_name(b["label"], b["sectors"]) for b in scenario_controls(ref)["tariffs"]]
    except ScenarioError:
        return []


def scenario_controls(ref: str) -> dict[str, Any]:
    """The controls of a scenario: its tariff blocks (tariffs then retaliation) with their rates."""
    sc = _library_scenario(ref)
    blocks = [
        {
            "index": k,
            "imposer": b.imposer,
            "targets": list(b.targets),
            "sectors": list(b.sectors),
            "rate": b.rate,
            "mode": b.mode,
            "label": b.label or f"{b.imposer} on {'+'.join(b.targets)}",
        }
        for k, b in enumerate((*sc.tariffs, *sc.retaliation))
    ]
    return {"id": sc.id, "title": sc.title, "description": sc.description, "world": sc.world, "tariffs": blocks}


def _apply(sc: Scenario, rates: list[float] | None) -> Scenario:
    blocks = (*sc.tariffs, *sc.retaliation)
    if rates is None:
        return sc
    if len(rates) != len(blocks):
        names = "; ".join(_block_name(b.label or f"{b.imposer} on {'+'.join(b.targets)}", b.sectors) for b in blocks)
        sent = ", ".join(f"{pct(r)}%" for r in rates) or "none"
        raise ScenarioError(
            f"tariffs: {len(rates)} rate{'s' * (len(rates) != 1)} sent ({sent}) but scenario {sc.id!r} has "
            f"{len(blocks)} tariff block{'s' * (len(blocks) != 1)} ({names or 'none'}) — send one rate per block, "
            "in this order, as fractions (0.25 for 25%)."
        )
    # An MFN block applies the imposer's schedule and has no rate: the rate sent for it is ignored.
    new = [b if b.mode == "mfn" else b.with_rate(r) for b, r in zip(blocks, rates, strict=True)]
    n = len(sc.tariffs)
    return dataclasses.replace(sc, tariffs=tuple(new[:n]), retaliation=tuple(new[n:]))


def run_scenario(req: RunRequest, store: Any = None, *, cancelled: Callable[[], bool] | None = None) -> dict[str, Any]:
    """Solve the request, save it, and return ``{run_id, result, summary}`` (``run_id`` None and a
    ``save_error`` message when the store could not take it).

    ``cancelled`` is polled between draws and before saving; once it answers true the run stops
    with `Cancelled` and nothing is stored.
    """

    def _check(done: int = 0, total: int = 0) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled(f"run cancelled after {done} of {total} draws; nothing stored")

    sc = _apply(_library_scenario(req.scenario), req.tariffs)
    t0 = time.perf_counter()
    result = leverage(sc, draws=req.draws, seed=req.seed, sigma=req.sigma, theta_scale=req.theta_scale, progress=_check)
    timings = {"wall_s": time.perf_counter() - t0}
    _check(req.draws, req.draws)
    out = {"run_id": None, "result": result.to_dict(), "summary": result.summary}
    try:  # a failed save does not throw the result away: it comes back with the reason
        out["run_id"] = save_run(record_leverage(result, timings), store)
    except StoreError as exc:
        out["save_error"] = f"the result was not saved: {exc}"
    return out
