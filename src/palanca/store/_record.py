"""`RunRecord`: one run's full input, provenance and result, ready to save; tidy result tables.

A result is saved twice, from the same ``to_dict()`` record: whole, as JSON (so a report can be
rebuilt exactly), and as a tidy long table ``(tbl, row_key, col, value | text)`` that SQL, diffs
and exports use. The flattening rule: a top-level list of records becomes table ``tbl`` with one
``row_key`` per record (its ``sector``/``group``/``country``/``state``/… fields joined by ``/``, e.g.
``C29/MEX`` for a sector record of Mexico, else its position); a
mapping of mappings becomes a table keyed by the outer key; a mapping of scalars becomes a
one-row table; top-level scalars go to the table ``scalars``.
"""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from palanca.errors import StoreError

__all__ = ["KINDS", "RunRecord", "tidy_rows"]

#: Every kind of run the store holds (`RunRecord.kind`).
KINDS = (
    "leverage",
    "scenario",
    "gravity",
    "bargain",
    "remittance_tax",
    "sweep_point",
    "optimal_tariff",
    "tariff_war",
    "fentanyl",
    "interdiction",
    "migration",
    "seizure_flows",
    "firearms",
    "cooperation",
    "remittances",
)
_ROW_KEYS = ("sector", "group", "country", "state", "us_state", "case", "parameter", "exporter", "origin", "id")


def _version() -> str:
    from palanca import __version__

    return __version__


@dataclass(frozen=True)
class RunRecord:
    """Everything about one run that the store keeps.

    Parameters
    ----------
    kind : str
        One of ``leverage``, ``scenario``, ``gravity``, ``bargain``, ``remittance_tax``, ``sweep_point``,
        ``optimal_tariff``, ``tariff_war``, ``fentanyl``, ``interdiction``, ``migration``, ``seizure_flows``,
        ``firearms``, ``cooperation``, ``remittances``.
    label : str
        A short human name (the scenario id, the data file, …).
    params : mapping
        Every parameter of the call (JSON-ready), the seed included.
    result : mapping
        The result's ``to_dict()`` record.
    scenario_toml : str
        The scenario as TOML text (empty for kinds without a scenario).
    world, world_digest : str
        The world's name and `World.digest` (SHA-256 of its arrays).
    seed : int, optional
    solver : mapping
        ``converged``, ``iterations``, ``residual`` where the run solves an equilibrium.
    timings : mapping
        Seconds per stage; ``wall_s`` is the total.
    """

    kind: str
    label: str
    params: Mapping[str, Any]
    result: Mapping[str, Any]
    scenario_toml: str = ""
    world: str = ""
    world_digest: str = ""
    seed: int | None = None
    solver: Mapping[str, Any] = field(default_factory=dict)
    timings: Mapping[str, float] = field(default_factory=dict)
    palanca_version: str = field(default_factory=_version)
    uid: str = field(default_factory=lambda: uuid.uuid4().hex)
    sweep_id: str | None = None
    point_key: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise StoreError(f"run kind {self.kind!r} is not known; use one of {', '.join(KINDS)}.")
        if self.seed is not None and not -(2**63) <= int(self.seed) < 2**63:
            raise StoreError(
                f"seed = {self.seed} does not fit the store's 64-bit seed column; use a seed in [0, 2**63) "
                "to save the run (the result itself is unaffected)."
            )
        for name in ("params", "result", "solver", "timings"):
            try:
                json.dumps(getattr(self, name), allow_nan=False, default=_json_default)
            except (TypeError, ValueError) as exc:
                raise StoreError(
                    f"run {name} cannot be stored as JSON ({exc}); pass plain numbers, strings, lists and dicts."
                ) from None

    @property
    def wall_s(self) -> float | None:
        return self.timings.get("wall_s")


def _json_default(o: Any) -> Any:
    if hasattr(o, "item"):  # numpy scalars
        return o.item()
    if isinstance(o, tuple | set):
        return list(o)
    raise TypeError(f"{type(o).__name__} is not JSON serialisable")


def dumps(o: Any) -> str:
    """JSON text for the store (numpy scalars become numbers; NaN and inf are refused)."""
    return json.dumps(o, allow_nan=False, default=_json_default, ensure_ascii=False)


def _cell(v: Any) -> tuple[float | None, str | None]:
    if v is None:
        return None, None
    if isinstance(v, bool):
        return float(v), None
    if isinstance(v, int | float) or hasattr(v, "item"):
        x = float(v)
        return (x, None) if math.isfinite(x) else (None, str(x))
    if isinstance(v, str):
        return None, v
    return None, dumps(v)


def _row_key(rec: Mapping[str, Any], k: int) -> str:
    parts = [rec[key] for key in _ROW_KEYS if isinstance(rec.get(key), str)]
    return "/".join(parts) if parts else str(k)


def tidy_rows(result: Mapping[str, Any]) -> list[tuple[str, str, str, float | None, str | None]]:
    """Flatten a ``to_dict()`` record into ``(tbl, row_key, col, value, text)`` rows (see module docstring)."""
    rows: list[tuple[str, str, str, float | None, str | None]] = []
    for name, v in result.items():
        if isinstance(v, list | tuple) and v and all(isinstance(r, Mapping) for r in v):
            seen: dict[str, int] = {}
            for k, rec in enumerate(v):
                key = _row_key(rec, k)
                seen[key] = seen.get(key, 0) + 1
                key = key if seen[key] == 1 else f"{key}#{seen[key]}"
                rows += [(name, key, col, *_cell(x)) for col, x in rec.items()]
        elif isinstance(v, Mapping) and v and all(isinstance(x, Mapping) for x in v.values()):
            for key, rec in v.items():
                rows += [(name, str(key), col, *_cell(x)) for col, x in rec.items()]
        elif isinstance(v, Mapping):
            rows += [(name, "", str(col), *_cell(x)) for col, x in v.items()]
        else:
            rows.append(("scalars", "", name, *_cell(v)))
    return rows
