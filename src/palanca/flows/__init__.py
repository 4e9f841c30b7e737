"""The non-trade channels: remittances, migration, the fentanyl and firearms flows, network interdiction.

Models take arrays and values; the shipped series come through :mod:`palanca.data`. Every result
is a frozen dataclass with a ``summary`` (text) and ``to_dict()`` (JSON-ready) rendering.
"""

from palanca.flows._corridors import (
    BORDER_CORRIDORS,
    CORRIDOR_ASSUMPTIONS,
    CorridorInterdiction,
    corridor_network,
    interdict_corridors,
)
from palanca.flows._drugmarket import (
    MarketOutcome,
    MarketPolicy,
    Markup,
    SupplyChain,
    calc_market,
    calc_prices,
    simulate_market,
)
from palanca.flows._fentanyl import (
    FENTANYL_STAGES,
    LEVERS,
    VSL_USD,
    EnforcementValue,
    FentanylAssumptions,
    FentanylCalibration,
    FentanylLever,
    FentanylResult,
    LeverOutcome,
    calibrate_fentanyl,
    fentanyl_levers,
    mexican_enforcement_value,
)
from palanca.flows._firearms import GAO_US_SOURCED_SHARE, MCDOUGAL_2013_FLOW, FirearmsAccount, firearms_account
from palanca.flows._interdiction import (
    InterdictionResult,
    Network,
    brute_force_interdiction,
    calc_max_flow,
    solve_interdiction,
)
from palanca.flows._migration import (
    POLICY_EVENTS,
    EnforcementFit,
    MigrationEffect,
    MigrationOverview,
    calc_ols_hac,
    fit_enforcement_model,
    migration_effect,
    migration_overview,
)
from palanca.flows._rand1994 import (
    RE1994,
    RE1994_PUBLISHED_USD_M,
    RydellEveringhamCheck,
    rydell_everingham_check,
)
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
    "BORDER_CORRIDORS",
    "CASH_SHARE",
    "CORRIDOR_ASSUMPTIONS",
    "ELASTICITY",
    "FENTANYL_STAGES",
    "GAO_US_SOURCED_SHARE",
    "LEVERS",
    "MCDOUGAL_2013_FLOW",
    "POLICY_EVENTS",
    "RE1994",
    "RE1994_PUBLISHED_USD_M",
    "SUBSTITUTION",
    "VSL_USD",
    "CorridorInterdiction",
    "EnforcementFit",
    "EnforcementValue",
    "FentanylAssumptions",
    "FentanylCalibration",
    "FentanylLever",
    "FentanylResult",
    "FirearmsAccount",
    "InterdictionResult",
    "LeverOutcome",
    "MarketOutcome",
    "MarketPolicy",
    "Markup",
    "MigrationEffect",
    "MigrationOverview",
    "Network",
    "ParameterRange",
    "RemittanceTaxResult",
    "RemittanceView",
    "RemittanceViewBy",
    "RydellEveringhamCheck",
    "SupplyChain",
    "brute_force_interdiction",
    "calc_market",
    "calc_max_flow",
    "calc_ols_hac",
    "calc_prices",
    "calc_tax_change",
    "calc_tax_revenue",
    "calibrate_fentanyl",
    "corridor_network",
    "fentanyl_levers",
    "firearms_account",
    "fit_enforcement_model",
    "interdict_corridors",
    "mexican_enforcement_value",
    "migration_effect",
    "migration_overview",
    "remittance_overview",
    "remittance_tax",
    "rydell_everingham_check",
    "simulate_market",
    "solve_interdiction",
]
