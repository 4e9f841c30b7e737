"""Leverage and dependence metrics, value-added decomposition, validation, uncertainty."""

from palanca.analysis._dependence import DependenceIndices, calc_dependence, calc_partner_input_share
from palanca.analysis._leverage import CountryOutcome, LeverageResult, leverage
from palanca.analysis._validation import (
    CP2015_TABLE2,
    NAFTA,
    NaftaValidation,
    nafta_shock,
    validate_cp2015,
)
from palanca.analysis._valueadded import ExportContent, decompose_exports

__all__ = [
    "CP2015_TABLE2",
    "NAFTA",
    "CountryOutcome",
    "DependenceIndices",
    "ExportContent",
    "LeverageResult",
    "NaftaValidation",
    "calc_dependence",
    "calc_partner_input_share",
    "decompose_exports",
    "leverage",
    "nafta_shock",
    "validate_cp2015",
]
