"""The shipped scenario library (TOML files in ``library/``) and loading of user scenario files.

The library files are package resources read with `importlib.resources`; a user's file is read
from the path given. Nothing here writes files.
"""

from __future__ import annotations

import difflib
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path

from palanca.errors import ScenarioError
from palanca.scenarios._schema import Scenario

__all__ = ["list_scenarios", "load_scenario", "parse_scenario"]


def parse_scenario(text: str, origin: str = "<string>") -> Scenario:
    """Parse TOML text into a validated `Scenario`."""
    text = text.removeprefix("\ufeff")  # a byte-order mark some editors write
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{origin}: not valid TOML ({exc}). Check quotes and brackets.") from None
    try:
        return Scenario.from_dict(data)
    except ScenarioError as exc:
        raise ScenarioError(f"{origin}: {exc}") from None


@cache
def _library() -> dict[str, Scenario]:
    out: dict[str, Scenario] = {}
    for entry in sorted(resources.files("palanca.scenarios").joinpath("library").iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".toml"):
            sc = parse_scenario(entry.read_text(encoding="utf-8"), f"library/{entry.name}")
            out[sc.id] = sc
    return out


def list_scenarios() -> list[Scenario]:
    """The shipped scenarios, in id order."""
    return list(_library().values())


def load_scenario(ref: str) -> Scenario:
    """A shipped scenario by id (``ID`` or ``ID/VARIANT``), or a TOML file by path."""
    path = Path(ref)
    if ref.endswith(".toml"):
        if not path.is_file():
            raise ScenarioError(f"scenario file {ref!r} is missing or not a regular file; give a path to a .toml file.")
        return parse_scenario(path.read_text(encoding="utf-8-sig"), ref)
    base, _, variant = ref.partition("/")
    lib = _library()
    if base not in lib:
        close = difflib.get_close_matches(base, list(lib), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise ScenarioError(
            f"scenario {base!r} is not in the library; {hint}known ids: {', '.join(lib)}. "
            "Pass a path ending in .toml for your own file."
        )
    return lib[base].variant(variant) if variant else lib[base]
