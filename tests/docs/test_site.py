"""`make docs` builds the user guide and an API reference generated from the docstrings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mkdocs")
pytest.importorskip("mkdocstrings")

ROOT = Path(__file__).resolve().parents[2]


def test_site_builds_with_an_api_page_per_public_package(tmp_path):
    site = tmp_path / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    model = (site / "api" / "model" / "index.html").read_text(encoding="utf-8")
    assert "solve" in model and "Equilibrium" in model  # rendered from palanca.model's docstrings
    for pkg in ("data", "policy", "gravity", "roo", "scenarios", "analysis", "flows", "politics", "store", "errors"):
        page = site / "api" / pkg / "index.html"
        assert page.is_file() and page.stat().st_size > 20_000, f"API page for palanca.{pkg} is missing or empty"
    assert (site / "tutorial" / "index.html").is_file()
