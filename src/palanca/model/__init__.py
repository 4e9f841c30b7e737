"""The core: `World` and `Equilibrium` value types, equilibrium conditions and the solver.

This package imports no other palanca layer (only the leaf module `palanca.errors`), no pandas,
no file I/O and no CLI code.
"""

from palanca.model._ilms import (
    IlmsEquilibrium,
    IlmsParams,
    IlmsWorld,
    TaxUse,
    calc_ilms_nu,
    calc_ilms_optimal_tariff,
    calc_ilms_retaliation_tariff,
    solve_ilms,
)
from palanca.model._labour import BLP2023_SHORT_TO_LONG, ILMS2025_KAPPA, Fiscal, Labour
from palanca.model._results import Equilibrium
from palanca.model._shock import Closure, Shock, SolverOptions
from palanca.model._solver import rebase, solve, solve_from, warm_up
from palanca.model._solver_labour import solve_short_run
from palanca.model._strategic import (
    OptimalTariff,
    TariffWar,
    calc_optimal_tariff_formula,
    optimal_tariff,
    tariff_war,
)
from palanca.model._valueadded import calc_leontief, calc_mrio_coefficients, calc_va_content, calc_va_content_of
from palanca.model._world import World

__all__ = [
    "BLP2023_SHORT_TO_LONG",
    "ILMS2025_KAPPA",
    "Closure",
    "Equilibrium",
    "Fiscal",
    "IlmsEquilibrium",
    "IlmsParams",
    "IlmsWorld",
    "Labour",
    "OptimalTariff",
    "Shock",
    "SolverOptions",
    "TariffWar",
    "TaxUse",
    "World",
    "calc_ilms_nu",
    "calc_ilms_optimal_tariff",
    "calc_ilms_retaliation_tariff",
    "calc_leontief",
    "calc_mrio_coefficients",
    "calc_optimal_tariff_formula",
    "calc_va_content",
    "calc_va_content_of",
    "optimal_tariff",
    "rebase",
    "solve",
    "solve_from",
    "solve_ilms",
    "solve_short_run",
    "tariff_war",
    "warm_up",
]
