"""The non-trade channels: remittances, migration, the fentanyl and firearms flows, network interdiction.

Models take arrays and values; the shipped series come through :mod:`palanca.data`. Every result
is a frozen dataclass with a ``summary`` (text) and ``to_dict()`` (JSON-ready) rendering.
"""

from palanca.flows._remittance_views import RemittanceView, RemittanceViewBy, remittance_overview
from palanca.flows._remittances import (
    BBVA_5PCT_CUT_USD_BN,
    CASH_SHARE,
    ELASTICITY,
    SUBSTITUTION,
    RemittanceTaxResult,
    calc_tax_change,
    calc_tax_revenue,
    remittance_tax,
)
from palanca.flows._render import ParameterRange

__all__ = [
    "BBVA_5PCT_CUT_USD_BN",
    "CASH_SHARE",
    "ELASTICITY",
    "SUBSTITUTION",
    "ParameterRange",
    "RemittanceTaxResult",
    "RemittanceView",
    "RemittanceViewBy",
    "calc_tax_change",
    "calc_tax_revenue",
    "remittance_overview",
    "remittance_tax",
]
