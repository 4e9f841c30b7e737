"""Readers of public data formats, builders of the shipped worlds, and the shipped files.

Only this layer and `palanca.store` touch files. Shipped data live in ``shipped/``, each folder
with its PROVENANCE.md.
"""

from palanca.data._cp2015 import CP2015Files, cp1993_world, cp_tariffs, read_cp2015
from palanca.data._flows import (
    FLOWS_SHIPPED,
    flows_provenance,
    load_drug_seizures,
    load_encounters_nationwide,
    load_encounters_usbp,
    load_firearms_iafq,
    load_mx_state_gdp,
    load_mx_state_population,
    load_nflis_fentanyl,
    load_overdose_deaths,
    load_remittances_by_country,
    load_remittances_monthly,
    load_remittances_mx_state,
    load_remittances_us_state,
    load_usdmxn_monthly,
)
from palanca.data._registry import DEFAULT_WORLD, list_worlds, load_world, register_world
from palanca.data._remittance_base import RemittanceAnnual, RemittanceBase, remittance_annual, remittance_base

__all__ = [
    "DEFAULT_WORLD",
    "FLOWS_SHIPPED",
    "CP2015Files",
    "RemittanceAnnual",
    "RemittanceBase",
    "cp1993_world",
    "cp_tariffs",
    "flows_provenance",
    "list_worlds",
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
    "load_world",
    "read_cp2015",
    "register_world",
    "remittance_annual",
    "remittance_base",
]
