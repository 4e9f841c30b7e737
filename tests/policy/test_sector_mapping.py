"""One HS -> ICIO mapping: the policy registry's sector shares and the worlds' US MFN rates place every HTS line
in the same sector."""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest

from palanca.data import load_world
from palanca.data._tariffs import hs6_to_icio
from palanca.policy import POLICY_SHIPPED

ROOT = Path(__file__).resolve().parents[2]


def test_build_policy_uses_the_data_layer_mapping():
    spec = importlib.util.spec_from_file_location("build_policy", ROOT / "scripts" / "build_policy.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.hs6_to_icio is hs6_to_icio


@pytest.mark.parametrize("world", ["world2023", "icio2022"])
def test_sector_line_counts_match_the_worlds_tariff_block(world):
    # the world records how many HTS8 lines its US MFN rate averages per sector; the registry's shares are
    # over the lines of the same sectors
    block = load_world(world).provenance["tariff_block"]
    with (POLICY_SHIPPED / "sector_measures.csv").open(encoding="utf-8") as f:
        measures = {r["sector"]: int(r["n_lines"]) for r in csv.DictReader(f)}
    lines = {s: n for s, n in block["us_hts8_lines_by_sector"].items() if n}
    assert measures == lines
    policy = json.loads((POLICY_SHIPPED / "provenance.json").read_text())
    assert policy["unmapped_hts8_lines"] == block["us_hts8_lines_unmapped"]
