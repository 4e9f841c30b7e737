"""Shared helpers of the gravity tests: the documented experiment and the cached oracle."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd

REFERENCE = Path(__file__).resolve().parent / "reference"


def reference_script():
    """The script that produced the cached gegravity output (imported by path)."""
    spec = importlib.util.spec_from_file_location("make_gegravity_reference", REFERENCE / "make_gegravity_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: palanca column -> gegravity 0.3 column (both percent changes)
GEGRAVITY_COLUMNS = {
    "factory_gate_price_pct": "factory gate price change (percent)",
    "terms_of_trade_pct": "terms of trade change (percent)",
    "gdp_pct": "GDP change (percent)",
    "foreign_exports_pct": "foreign exports change (percent)",
    "foreign_imports_pct": "foreign imports change (percent)",
    "intranational_trade_pct": "intranational trade change (percent)",
    "inward_mr_pct": "imr change (percent)",
    "outward_mr_pct": "omr change (percent)",
}


def cached_country() -> pd.DataFrame:
    return pd.read_csv(REFERENCE / "gegravity_can_jpn_country.csv", index_col="country")


def cached_bilateral() -> pd.DataFrame:
    return pd.read_csv(REFERENCE / "gegravity_can_jpn_bilateral.csv", index_col=["exporter", "importer"])
