"""Compare two stored runs: the inputs that changed (nested parameters by their dotted field), a line diff of
their scenarios, and every numeric result cell."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from palanca.store._store import StoredRun, StorePath, get_run

__all__ = ["RunDiff", "diff_runs"]


@dataclass(frozen=True)
class RunDiff:
    """What differs between two runs: inputs and every numeric result cell (``b − a``)."""

    a: int
    b: int
    inputs: dict[str, tuple[Any, Any]]
    scenario_diff: tuple[str, ...]
    cells: tuple[dict[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "inputs": {k: list(v) for k, v in self.inputs.items()},
            "scenario_diff": list(self.scenario_diff),
            "cells": list(self.cells),
        }

    @property
    def summary(self) -> str:
        lines = [f"diff run {self.a} → run {self.b}"]
        for k, (x, y) in self.inputs.items():
            lines.append(f"  input {k}: {x!r} → {y!r}")
        lines += ["  " + ln for ln in self.scenario_diff]
        changed = [c for c in self.cells if c["delta"] is None or abs(c["delta"]) > 1e-12]
        lines.append(f"  {len(changed)} of {len(self.cells)} result cells differ")
        changed.sort(key=lambda c: -abs(c["delta"] or 0.0))
        for c in changed[:20]:
            d = "only in one run" if c["delta"] is None else f"{c['delta']:+.6g}"
            lines.append(f"  {c['tbl']}[{c['row_key']}].{c['col']}: {c['a']} → {c['b']} ({d})")
        return "\n".join(lines)


# Inputs a run may have left out of its parameters but recorded in its result (so that a default is not a change).
_EFFECTIVE_PARAMS = {
    "draws": ("uncertainty", "draws"),
    "seed": ("uncertainty", "seed"),
    "sigma": ("uncertainty", "theta_log_sd"),
    "span_sets": ("uncertainty", "spans_elasticity_sets"),
}


def _effective_params(run: StoredRun) -> dict[str, Any]:
    out = dict(run.params)
    for key, (table, field_) in _EFFECTIVE_PARAMS.items():
        part = run.result.get(table)
        if out.get(key) is None and isinstance(part, Mapping) and part.get(field_) is not None:
            out[key] = part[field_]
    return out


def _toml_diff(x: str, y: str, name_x: str, name_y: str) -> tuple[str, ...]:
    """A line diff of two TOML texts; each hunk header names the table (``[[tariffs]]``…) its lines belong to."""
    xs, ys = x.splitlines(), y.splitlines()

    def header(lines: list[str], line_no: int) -> str:
        for ln in reversed(lines[: max(line_no, 0)]):
            if ln.startswith("["):
                return ln
        return ""

    out = []
    for ln in difflib.unified_diff(xs, ys, name_x, name_y, n=0, lineterm=""):
        if ln.startswith("@@"):
            (a0, _, _), (b0, _, b_len) = (p[1:].partition(",") for p in ln.split()[1:3])
            deleted_only = b_len == "0"  # lines only removed: name the table they were removed from
            ctx = header(xs, int(a0)) if deleted_only else header(ys, int(b0)) or header(xs, int(a0))
            ln = f"{ln} {ctx}" if ctx else ln
        out.append(ln)
    return tuple(out)


def _flat(d: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    """Nested parameters (a scenario record) as dotted keys, so a diff names the field that changed."""
    out: dict[str, Any] = {}
    for k, v in d.items():
        if isinstance(v, Mapping) and v:
            out.update(_flat(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = v
    return out


def diff_runs(a: int, b: int, store: StorePath = None) -> RunDiff:
    """Compare two runs: changed inputs, a line diff of their scenarios, and every result cell."""
    ra, rb = get_run(a, store), get_run(b, store)
    inputs: dict[str, tuple[Any, Any]] = {}
    for name, x, y in (
        ("kind", ra.kind, rb.kind),
        ("label", ra.info.label, rb.info.label),
        ("world", ra.info.world, rb.info.world),
        ("world_digest", ra.world_digest, rb.world_digest),
        ("palanca_version", ra.info.palanca_version, rb.info.palanca_version),
    ):
        if x != y:
            inputs[name] = (x, y)
    pa, pb = _flat(_effective_params(ra), "params."), _flat(_effective_params(rb), "params.")
    for k in sorted(set(pa) | set(pb)):
        if pa.get(k) != pb.get(k):
            inputs[k] = (pa.get(k), pb.get(k))
    sdiff = _toml_diff(ra.scenario_toml or "", rb.scenario_toml or "", f"run {a}", f"run {b}")
    ca = {r[:3]: r[3] for r in ra.rows if r[3] is not None}
    cb = {r[:3]: r[3] for r in rb.rows if r[3] is not None}
    cells = tuple(
        {
            "tbl": k[0],
            "row_key": k[1],
            "col": k[2],
            "a": ca.get(k),
            "b": cb.get(k),
            "delta": (cb[k] - ca[k]) if k in ca and k in cb else None,
        }
        for k in list(dict.fromkeys([*ca, *cb]))
    )
    return RunDiff(a=a, b=b, inputs=inputs, scenario_diff=sdiff, cells=cells)
