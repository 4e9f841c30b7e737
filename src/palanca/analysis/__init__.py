"""Leverage and dependence metrics, value-added decomposition, validation, uncertainty."""

from palanca.analysis._validation import (
    CP2015_TABLE2,
    NAFTA,
    NaftaValidation,
    nafta_shock,
    validate_cp2015,
)

__all__ = ["CP2015_TABLE2", "NAFTA", "NaftaValidation", "nafta_shock", "validate_cp2015"]
