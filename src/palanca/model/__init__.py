"""The core: `World` and `Equilibrium` value types, equilibrium conditions and the solver.

This package imports no other palanca layer (only the leaf module `palanca.errors`), no pandas,
no file I/O and no CLI code.
"""

from palanca.model._results import Equilibrium
from palanca.model._shock import Closure, Shock, SolverOptions
from palanca.model._solver import rebase, solve, solve_from
from palanca.model._strategic import (
    OptimalTariff,
    TariffWar,
    calc_optimal_tariff_formula,
    optimal_tariff,
    tariff_war,
)
from palanca.model._valueadded import calc_leontief, calc_mrio_coefficients, calc_va_content
from palanca.model._world import World

__all__ = [
    "Closure",
    "Equilibrium",
    "OptimalTariff",
    "Shock",
    "SolverOptions",
    "TariffWar",
    "World",
    "calc_leontief",
    "calc_mrio_coefficients",
    "calc_optimal_tariff_formula",
    "calc_va_content",
    "optimal_tariff",
    "rebase",
    "solve",
    "solve_from",
    "tariff_war",
]
