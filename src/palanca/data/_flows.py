"""Loaders of the shipped series of the non-trade channels (remittances, drugs, migration, firearms).

The files are built by ``scripts/build_flows_data.py`` from ``../shared/data`` and shipped in
``shipped/flows/`` with ``PROVENANCE.md`` and ``provenance.json``. Each loader returns a fresh
copy of a cached, tidy ``pandas.DataFrame`` whose column names carry the unit (``_usd``, ``_kg``,
``_mxn_m``). The models in :mod:`palanca.flows` take arrays and values cut from these frames.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

import pandas as pd

from palanca.errors import DataFormatError

__all__ = [
    "FLOWS_SHIPPED",
    "flows_digest",
    "flows_provenance",
    "load_drug_seizures",
    "load_encounters_nationwide",
    "load_encounters_usbp",
    "load_firearms_iafq",
    "load_mx_state_gdp",
    "load_mx_state_population",
    "load_nflis_fentanyl",
    "load_overdose_deaths",
    "load_remittances_by_country",
    "load_remittances_monthly",
    "load_remittances_mx_state",
    "load_remittances_us_state",
    "load_usdmxn_monthly",
]

FLOWS_SHIPPED = Path(__file__).parent / "shipped" / "flows"


@cache
def _read(name: str) -> pd.DataFrame:
    path = FLOWS_SHIPPED / f"{name}.parquet"
    if not path.exists():
        raise DataFormatError(
            f"shipped series {path} is missing; rebuild it with `python scripts/build_flows_data.py` "
            "(needs ../shared/data) or reinstall palanca."
        )
    return pd.read_parquet(path)


def _load(name: str) -> pd.DataFrame:
    return _read(name).copy()


def flows_digest(*names: str) -> str:
    """SHA-256 of the shipped series ``names`` (their files' bytes, in the order given), recorded in a result's
    inputs so that a re-run can tell whether the data it reads are the recorded ones."""
    h = hashlib.sha256()
    for name in names:
        path = FLOWS_SHIPPED / f"{name}.parquet"
        if not path.exists():
            raise DataFormatError(
                f"shipped series {path} is missing; rebuild it with `python scripts/build_flows_data.py` "
                "(needs ../shared/data) or reinstall palanca."
            )
        h.update(name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def flows_provenance() -> dict[str, object]:
    """The machine-readable provenance record of the shipped flows series (sources, hashes, transforms)."""
    return json.loads((FLOWS_SHIPPED / "provenance.json").read_text(encoding="utf-8"))


def load_remittances_monthly() -> pd.DataFrame:
    """Banxico remittances, monthly from 1995: ``month, inflow_usd, inflow_operations, outflow_usd``."""
    return _load("remittances_monthly")


def load_remittances_mx_state() -> pd.DataFrame:
    """Banxico inflows by receiving Mexican state, 2003-: ``quarter, cve_ent, state, inflow_usd``."""
    return _load("remittances_mx_state")


def load_remittances_us_state() -> pd.DataFrame:
    """Banxico inflows by US state of origin, 2013-: ``quarter, us_state, us_state_name, inflow_usd``."""
    return _load("remittances_us_state")


def load_remittances_by_country() -> pd.DataFrame:
    """Banxico inflows by country of origin, complete years from 2013: ``year, origin, inflow_usd``."""
    return _load("remittances_by_country")


def load_usdmxn_monthly() -> pd.DataFrame:
    """Banxico FIX peso-dollar rate, monthly averages: ``month, mxn_per_usd``."""
    return _load("usdmxn_monthly")


def load_mx_state_gdp() -> pd.DataFrame:
    """INEGI state GDP, annual from 2003: ``year, cve_ent, gdp_mxn_m`` (millions of current pesos)."""
    return _load("mx_state_gdp")


def load_mx_state_population() -> pd.DataFrame:
    """CONAPO population by state (estimates and projections), 2003-2030: ``year, cve_ent, population``."""
    return _load("mx_state_population")


def load_drug_seizures() -> pd.DataFrame:
    """CBP drug seizures by month, component, region, field office/sector and drug (FY2019 - Dec 2025)."""
    return _load("drug_seizures")


def load_overdose_deaths() -> pd.DataFrame:
    """CDC/NCHS VSRR provisional overdose deaths, 12-month-ending sums (US monthly; states for December)."""
    return _load("overdose_deaths")


def load_nflis_fentanyl() -> pd.DataFrame:
    """DEA NFLIS-Drug fentanyl reports by state and half-year, 2017-2025."""
    return _load("nflis_fentanyl")


def load_encounters_usbp() -> pd.DataFrame:
    """USBP monthly apprehensions by sector, FY2000-FY2020: ``month, fiscal_year, sector, apprehensions``."""
    return _load("encounters_usbp")


def load_encounters_nationwide() -> pd.DataFrame:
    """CBP nationwide encounters FY2020-FY2023 by month, region, citizenship, demographic, authority."""
    return _load("encounters_nationwide")


def load_firearms_iafq() -> pd.DataFrame:
    """UNODC Illicit Arms Flows Questionnaire, Americas, 2010-2020 (country-reported, sparse)."""
    return _load("firearms_iafq")
