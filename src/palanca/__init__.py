"""palanca — a simulator of the US–Mexico interdependence system.

Public API (each name re-exported explicitly from its layer):

- model: `World`, `Shock`, `Closure`, `SolverOptions`, `Equilibrium`, `solve`, `rebase`
- data: `load_world`, `list_worlds`
- scenarios: `Scenario`, `load_scenario`, `list_scenarios`, `build_scenario`
- analysis: `leverage` (with the non-trade channels joined), `LeverageResult`, `validate_cp2015`
"""

from palanca._api import leverage
from palanca.analysis import LeverageResult, validate_cp2015
from palanca.data import list_worlds, load_world
from palanca.model import Closure, Equilibrium, Shock, SolverOptions, World, rebase, solve
from palanca.scenarios import Scenario, build_scenario, list_scenarios, load_scenario

__version__ = "0.1.0"

__all__ = [
    "Closure",
    "Equilibrium",
    "LeverageResult",
    "Scenario",
    "Shock",
    "SolverOptions",
    "World",
    "__version__",
    "build_scenario",
    "leverage",
    "list_scenarios",
    "list_worlds",
    "load_scenario",
    "load_world",
    "rebase",
    "solve",
    "validate_cp2015",
]
