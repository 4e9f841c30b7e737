"""scripts/build_policy.py rebuilds the shipped sector measures exactly (skips where ../shared/data is absent)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT.parent / "shared" / "data" / "us-tariffs-2025-budgetlab"
SHIPPED = ROOT / "src" / "palanca" / "data" / "shipped" / "policy" / "sector_measures.csv"

pytestmark = pytest.mark.skipif(
    not SOURCE.is_dir(), reason="../shared/data/us-tariffs-2025-budgetlab is not here (the raw data are not shipped)"
)


def _script():
    spec = importlib.util.spec_from_file_location("build_policy", ROOT / "scripts" / "build_policy.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_build_reproduces_the_shipped_file(tmp_path):
    mod = _script()
    prov = mod.build(mod.DEFAULT_SOURCE, mod.DEFAULT_CONC, tmp_path)
    assert (tmp_path / "sector_measures.csv").read_text() == SHIPPED.read_text()
    assert prov["n_hts8_lines"] == 13073  # PROVENANCE.md of the source: 13,073 HTS8 lines


def test_us_mfn_simple_mean_matches_the_source_provenance():
    # The source's PROVENANCE gives the simple mean over all HTS8 lines (4.0%); the line-weighted mean of the
    # sector means over mapped lines must be close to it (chapters 97-99 are not mapped).
    import csv

    rows = list(csv.DictReader(SHIPPED.open()))
    n = sum(int(r["n_lines"]) for r in rows)
    mean = sum(float(r["us_mfn"]) * int(r["n_lines"]) for r in rows) / n
    assert mean == pytest.approx(0.040, abs=0.006)


def test_hs2022_codes_are_bridged_before_the_oecd_key():
    # codes created or reused since HS2012 take the industry of their HS2012 origin, not of an older meaning of
    # the same digits or of their heading's commonest industry
    from palanca.data._tariffs import hs6_to_icio

    hs = hs6_to_icio(_script().DEFAULT_CONC)
    assert hs["870121"] == "C29"  # road tractors (HS2012 8701.20), not farm tractors of heading 8701
    assert hs["848510"] == "C28"  # additive manufacturing (HS2002 8485.10: ships' propellers)
    assert hs["852411"] == "C26"  # flat-panel display modules (HS1996 8524: recorded media)
    assert hs["030631"] == "A03"  # live rock lobster (HS2012 0306.21), not frozen crustaceans
    assert hs["382211"] == "C21"  # malaria diagnostic kits (HS2012 3002.10)
    assert "382510" not in hs  # municipal waste: the key allocates it to no goods industry


def test_sectors_match_the_worlds_us_schedule():
    # the worlds' US MFN layer (palanca.data._tariffs.read_us_schedule) and the registry put each line in the
    # same sector
    import csv

    from palanca.data import ICIO_SECTORS
    from palanca.data._tariffs import read_us_schedule

    mod = _script()
    us = read_us_schedule(mod.DEFAULT_SOURCE, mod.DEFAULT_CONC, tuple(c for c, _ in ICIO_SECTORS))
    lines = {s: int(n) for s, n in zip(us.sectors, us.lines, strict=True) if n}
    mfn = {s: round(float(r), 6) for s, r, n in zip(us.sectors, us.mfn, us.lines, strict=True) if n}
    rows = list(csv.DictReader(SHIPPED.open()))
    assert {r["sector"]: int(r["n_lines"]) for r in rows} == lines
    assert {r["sector"]: float(r["us_mfn"]) for r in rows} == pytest.approx(mfn, abs=1e-6)
