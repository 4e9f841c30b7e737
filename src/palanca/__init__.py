"""palanca — a simulator of the US–Mexico interdependence system.

Public API (each name re-exported explicitly from its layer):

- model: `World`, `Shock`, `Closure`, `SolverOptions`, `Equilibrium`, `solve`, `rebase`
- data: `load_world`, `list_worlds`
- policy: `applied_tariffs`, `effective_tariff_rate` (the dated 2025–26 tariff registry)
- scenarios: `Scenario`, `load_scenario`, `list_scenarios`, `build_scenario`
- analysis: `leverage` (with the non-trade channels joined), `LeverageResult`, `validate_cp2015`
- every result's inputs: `RunInputs`; `rerun` makes a result again from a stored run's parameters

Names are imported on first use (PEP 562), so ``import palanca`` and the CLI start fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "Closure": "palanca.model",
    "Equilibrium": "palanca.model",
    "Shock": "palanca.model",
    "SolverOptions": "palanca.model",
    "World": "palanca.model",
    "rebase": "palanca.model",
    "solve": "palanca.model",
    "list_worlds": "palanca.data",
    "load_world": "palanca.data",
    "applied_tariffs": "palanca.policy",
    "effective_tariff_rate": "palanca.policy",
    "Scenario": "palanca.scenarios",
    "build_scenario": "palanca.scenarios",
    "list_scenarios": "palanca.scenarios",
    "load_scenario": "palanca.scenarios",
    "LeverageResult": "palanca.analysis",
    "validate_cp2015": "palanca.analysis",
    "leverage": "palanca._api",
    "optimal_tariff": "palanca._api",
    "tariff_war": "palanca._api",
    "rerun": "palanca._api",
    "RunInputs": "palanca._inputs",
    "OptimalTariff": "palanca.model",
    "TariffWar": "palanca.model",
}

__all__ = [
    "Closure",
    "Equilibrium",
    "LeverageResult",
    "OptimalTariff",
    "RunInputs",
    "Scenario",
    "Shock",
    "SolverOptions",
    "TariffWar",
    "World",
    "__version__",
    "applied_tariffs",
    "build_scenario",
    "effective_tariff_rate",
    "leverage",
    "list_scenarios",
    "list_worlds",
    "load_scenario",
    "load_world",
    "optimal_tariff",
    "rebase",
    "rerun",
    "solve",
    "tariff_war",
    "validate_cp2015",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'palanca' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs
    from palanca._api import leverage, optimal_tariff, rerun, tariff_war
    from palanca._inputs import RunInputs
    from palanca.analysis import LeverageResult, validate_cp2015
    from palanca.data import list_worlds, load_world
    from palanca.model import (
        Closure,
        Equilibrium,
        OptimalTariff,
        Shock,
        SolverOptions,
        TariffWar,
        World,
        rebase,
        solve,
    )
    from palanca.policy import applied_tariffs, effective_tariff_rate
    from palanca.scenarios import Scenario, build_scenario, list_scenarios, load_scenario
