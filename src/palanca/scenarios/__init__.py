"""Scenarios as values: the TOML schema, the shipped library, and the one builder into engine inputs."""

from palanca.scenarios._build import BuiltScenario, as_of_baseline, build_scenario, sector_groups
from palanca.scenarios._library import list_scenarios, load_scenario, parse_scenario
from palanca.scenarios._schema import (
    Comparator,
    ContentTariff,
    ElasticitySet,
    Scenario,
    TariffBlock,
    TradeCostBlock,
    Variant,
)

__all__ = [
    "BuiltScenario",
    "Comparator",
    "ContentTariff",
    "ElasticitySet",
    "Scenario",
    "TariffBlock",
    "TradeCostBlock",
    "Variant",
    "as_of_baseline",
    "build_scenario",
    "list_scenarios",
    "load_scenario",
    "parse_scenario",
    "sector_groups",
]
