"""Every third-party module that palanca imports is declared in pyproject.toml (core or an extra).

Static: the import statements of ``src/palanca`` are parsed (top level and inside functions), each top-level module
is mapped to the distribution that provides it in this environment, and that distribution must be named in
``[project.dependencies]`` or ``[project.optional-dependencies]``. A module that is only present because another
package pulls it in (``click`` through dask and uvicorn, say) is caught here.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "palanca"


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    for group in project["optional-dependencies"].values():
        reqs += group
    names = {re.match(r"[A-Za-z0-9_.\-]+", r).group(0) for r in reqs}
    return {n.lower().replace("_", "-") for n in names}


def _imported_top_level() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                mods = [node.module]
            else:
                continue
            for mod in mods:
                found.setdefault(mod.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_third_party_import_is_declared():
    declared = _declared()
    dists = packages_distributions()
    missing = {}
    for top, files in _imported_top_level().items():
        if top == "palanca" or top in sys.stdlib_module_names:
            continue
        providers = {d.lower().replace("_", "-") for d in dists.get(top, [])}
        if not providers:
            missing[top] = ("not installed here", sorted(files))
        elif not providers & declared:
            missing[top] = (f"provided by {sorted(providers)}, not declared", sorted(files))
    assert not missing, missing


def test_declared_dependencies_carry_lower_bounds():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    for group in project["optional-dependencies"].values():
        reqs += [r for r in group if not r.startswith("palanca[")]
    unbounded = [r for r in reqs if ">=" not in r]
    assert not unbounded, f"give these a lower bound in pyproject.toml: {unbounded}"
