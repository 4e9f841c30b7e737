"""`RunInputs`: the exact inputs that made one result, carried by the result itself.

Every result a public function returns (leverage, the bargain, the remittance tax, a gravity experiment, a sweep,
the optimal tariff and the tariff war, the fentanyl levers, the corridor interdiction, the migration overview,
the seizure flows, the firearms account, the cooperation values, the remittance views) holds one frozen
`RunInputs` built by that function: the call's parameters as JSON-ready values (the scenario as its ``to_dict()``
record), the world's name and the digest of the world actually solved. The store saves
``inputs.to_dict()`` as the run's parameters, so a stored run can be made again from what it stored
(`palanca._api.rerun`). This module imports nothing from palanca (like `palanca.errors`), so every layer can use it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

__all__ = ["RunInputs"]


def _freeze(v: Any, where: str) -> Any:
    """A read-only, JSON-ready copy of ``v`` (mappings become read-only views, sequences tuples)."""
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, str):
        return str(v.value) if hasattr(v, "value") else str(v)  # a string enumeration by its value
    if isinstance(v, int):
        return int(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError(f"input {where} = {v!r}: only finite numbers can be recorded; pass a finite value.")
        return float(v)
    if hasattr(v, "item") and not isinstance(v, Mapping | list | tuple):  # numpy scalars
        return _freeze(v.item(), where)
    if hasattr(v, "value") and isinstance(v.value, str | int | float):  # enumerations are recorded by value
        return _freeze(v.value, where)
    if isinstance(v, Mapping):
        return MappingProxyType({str(k): _freeze(x, f"{where}.{k}") for k, x in v.items()})
    if isinstance(v, list | tuple):
        return tuple(_freeze(x, f"{where}[{k}]") for k, x in enumerate(v))
    raise TypeError(
        f"input {where} is a {type(v).__name__}; record plain numbers, strings, lists and mappings "
        "(a scenario by its to_dict(), a world by its name and digest)."
    )


def _thaw(v: Any) -> Any:
    if isinstance(v, Mapping):
        return {k: _thaw(x) for k, x in v.items()}
    if isinstance(v, tuple):
        return [_thaw(x) for x in v]
    return v


@dataclass(frozen=True)
class RunInputs:
    """The inputs of one result (read-only).

    Parameters
    ----------
    call : str
        The public function that made the result (``"leverage"``, ``"bargain"``, ``"remittance_tax"``,
        ``"gravity_experiment"``, ``"sweep"``, ``"optimal_tariff"``, ``"tariff_war"``, ``"fentanyl_levers"``,
        ``"interdict_corridors"``, ``"migration_overview"``, ``"fentanyl_flows"``, ``"firearms_account"``,
        ``"cooperation_values"``, ``"remittance_overview"``).
    params : mapping
        Its keyword arguments as JSON-ready values: the scenario as its ``to_dict()`` record, the seed, draws,
        sigma, as-of date, closure and solver options where the call has them.
    world : str
        The world's name ("" where the call solves no world).
    world_digest : str
        `World.digest` of the world actually solved (after scaled elasticities, an as-of baseline, …).
    """

    call: str
    params: Mapping[str, Any] = field(default_factory=dict)
    world: str = ""
    world_digest: str = ""

    def __post_init__(self) -> None:
        if not self.call:
            raise ValueError("RunInputs.call is empty; name the public function that made the result.")
        object.__setattr__(self, "params", _freeze(dict(self.params), "params"))

    @property
    def seed(self) -> int | None:
        """The Monte Carlo seed, where the call has one."""
        s = self.params.get("seed")
        return None if s is None else int(s)

    @property
    def scenario(self) -> dict[str, Any] | None:
        """The scenario record (its ``to_dict()``, a plain copy), where the call has one."""
        sc = self.params.get("scenario")
        return None if sc is None else _thaw(sc)

    def to_dict(self) -> dict[str, Any]:
        """A plain JSON-ready dict (what the store saves as a run's ``params``)."""
        return {"call": self.call, **_thaw(self.params), "world": self.world, "world_digest": self.world_digest}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> RunInputs:
        """The inverse of `to_dict` (a stored run's ``params``)."""
        rest = {k: v for k, v in d.items() if k not in ("call", "world", "world_digest")}
        return cls(str(d["call"]), rest, world=str(d.get("world", "")), world_digest=str(d.get("world_digest", "")))

    def with_params(self, **params: Any) -> RunInputs:
        """A new value with ``params`` added or replaced (e.g. a channel the façade adds to a result)."""
        return RunInputs(self.call, {**_thaw(self.params), **params}, self.world, self.world_digest)

    def __str__(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)
