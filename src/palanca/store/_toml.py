"""A small TOML writer for scenario records (the standard library reads TOML but does not write it).

It covers what a `Scenario` holds: strings, numbers, booleans, lists of scalars and arrays of
tables. The output reads back with `tomllib` to the same data (tested on the whole library).
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # a scenario value is only written here: its module is loaded by whoever made it
    from palanca.scenarios import Scenario

__all__ = ["dumps_toml", "scenario_to_dict", "scenario_to_toml"]


def _scalar(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError(f"TOML value {v!r}: only finite numbers can be stored; check the input.")
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_scalar(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_scalar(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"TOML value {v!r} of type {type(v).__name__} is not supported.")


def _key(k: str) -> str:
    return k if k.replace("_", "").replace("-", "").isalnum() else json.dumps(k)


def _is_table_array(v: Any) -> bool:
    return isinstance(v, list | tuple) and bool(v) and all(isinstance(x, dict) for x in v)


def dumps_toml(data: dict[str, Any]) -> str:
    """Write a dict of scalars, lists and arrays of (flat) tables as TOML text."""
    lines = [f"{_key(k)} = {_scalar(v)}" for k, v in data.items() if v is not None and not _is_table_array(v)]
    for k, v in data.items():
        if _is_table_array(v):
            for table in v:
                lines += ["", f"[[{_key(k)}]]"]
                lines += [f"{_key(tk)} = {_scalar(tv)}" for tk, tv in table.items() if tv is not None]
    return "\n".join(lines) + "\n"


def scenario_to_dict(sc: Scenario) -> dict[str, Any]:
    """The scenario as a TOML-shaped dict that `Scenario.from_dict` accepts (`Scenario.to_dict`)."""
    return sc.to_dict()


def scenario_to_toml(sc: Scenario) -> str:
    """The scenario as TOML text that `palanca.scenarios.parse_scenario` reads back to an equal value."""
    return dumps_toml(scenario_to_dict(sc))
