"""Leverage and dependence metrics, value-added decomposition, rules of origin, validation, uncertainty."""

from palanca.analysis._dependence import DependenceIndices, calc_dependence, calc_partner_input_share
from palanca.analysis._leverage import CountryOutcome, LeverageResult, leverage
from palanca.analysis._strategic import strategic_baseline, strategic_optimal_tariff, strategic_tariff_war
from palanca.analysis._validation import (
    CP2015_TABLE2,
    ILMS2025_COUNTRY_RESULTS,
    ILMS2025_OPTIMAL_US_TARIFF,
    ILMS2025_TABLE1_USA,
    LIBERATION_DAY_CASES,
    NAFTA,
    LiberationDayValidation,
    NaftaValidation,
    liberation_day_tariffs,
    nafta_shock,
    validate_cp2015,
    validate_liberation_day,
)
from palanca.analysis._valueadded import ExportContent, decompose_exports
from palanca.roo import BillOfMaterials, OriginResult, check_origin, load_bom

__all__ = [
    "CP2015_TABLE2",
    "ILMS2025_COUNTRY_RESULTS",
    "ILMS2025_OPTIMAL_US_TARIFF",
    "ILMS2025_TABLE1_USA",
    "LIBERATION_DAY_CASES",
    "NAFTA",
    "BillOfMaterials",
    "CountryOutcome",
    "DependenceIndices",
    "ExportContent",
    "LeverageResult",
    "LiberationDayValidation",
    "NaftaValidation",
    "OriginResult",
    "calc_dependence",
    "calc_partner_input_share",
    "check_origin",
    "decompose_exports",
    "leverage",
    "liberation_day_tariffs",
    "load_bom",
    "nafta_shock",
    "strategic_baseline",
    "strategic_optimal_tariff",
    "strategic_tariff_war",
    "validate_cp2015",
    "validate_liberation_day",
]
