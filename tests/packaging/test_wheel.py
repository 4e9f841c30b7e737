"""The built wheel works outside the repository, on palanca's core dependencies alone.

A wheel is built from this checkout, installed with the locked core requirements (``requirements/core.txt``,
hash-checked) into a fresh virtualenv in a temporary folder, and then:

- ``palanca demo`` runs there on the data shipped inside the wheel and writes its report;
- every module of the installed package imports, or fails with an ImportError that names the extra to install.

The virtualenv gets no dev extras, so a third-party import missing from the core dependencies fails here even when
the dev environment happens to provide it through another package.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCK_CORE = ROOT / "requirements" / "core.txt"
IMPORT_ALL = Path(__file__).with_name("_import_all.py")

pytestmark = pytest.mark.packaging


def _run(cmd: list, cwd: Path | None = None, env: dict | None = None, timeout: float = 600):
    proc = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if proc.returncode != 0:
        shown = " ".join(map(str, cmd))
        pytest.fail(f"{shown} exited {proc.returncode}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return proc


@pytest.fixture(scope="module")
def core_venv(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("wheel")
    dist = base / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", dist, ROOT])
    wheels = sorted(dist.glob("palanca-*.whl"))
    assert len(wheels) == 1, wheels
    venv_dir = base / "venv"
    _run([sys.executable, "-m", "venv", venv_dir])
    py = venv_dir / "bin" / "python"
    _run([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--require-hashes", "-r", LOCK_CORE])
    _run([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", wheels[0]])
    return venv_dir


def _clean_env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "PALANCA"))}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), PALANCA_CACHE_DIR=str(home / "cache"))
    return env


def test_installed_package_is_the_wheel_not_the_checkout(core_venv, tmp_path):
    py = core_venv / "bin" / "python"
    proc = _run([py, "-c", "import palanca; print(palanca.__file__)"], cwd=tmp_path, env=_clean_env(tmp_path))
    where = Path(proc.stdout.strip()).resolve()
    assert core_venv.resolve() in where.parents, where
    assert ROOT not in where.parents, where


def test_demo_runs_from_the_wheel_outside_the_repo(core_venv, tmp_path):
    proc = _run([core_venv / "bin" / "palanca", "demo"], cwd=tmp_path, env=_clean_env(tmp_path))
    assert "Traceback" not in proc.stdout + proc.stderr
    report = tmp_path / "palanca-report.html"
    assert report.is_file() and report.stat().st_size > 10_000, "demo did not write its report"
    assert "MEX" in proc.stdout and "USA" in proc.stdout


def test_every_module_imports_on_core_or_names_its_extra(core_venv, tmp_path):
    extras = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"])
    proc = _run([core_venv / "bin" / "python", IMPORT_ALL], cwd=tmp_path, env=_clean_env(tmp_path))
    records = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    assert len(records) > 50, "walked too few modules"
    bad = []
    for rec in records:
        if rec["ok"]:
            continue
        named = [e for e in extras if f"pip install 'palanca[{e}]'" in (rec["error"] or "")]
        if rec["kind"] != "ImportError" or not named:
            bad.append(rec)
    assert not bad, "modules that fail on a core-only install without naming an extra:\n" + "\n".join(
        f"{r['module']}: {r['kind']}: {r['error']}" for r in bad
    )
