"""palanca — a simulator of the US–Mexico interdependence system.

Public API (each name re-exported explicitly from its layer):

- model: `World`, `Shock`, `Closure`, `SolverOptions`, `Equilibrium`, `solve`, `rebase`
- data: `load_world`, `list_worlds`
- analysis: `validate_cp2015`
"""

from palanca.analysis import validate_cp2015
from palanca.data import list_worlds, load_world
from palanca.model import Closure, Equilibrium, Shock, SolverOptions, World, rebase, solve

__version__ = "0.1.0"

__all__ = [
    "Closure",
    "Equilibrium",
    "Shock",
    "SolverOptions",
    "World",
    "__version__",
    "list_worlds",
    "load_world",
    "rebase",
    "solve",
    "validate_cp2015",
]
