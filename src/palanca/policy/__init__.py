"""The dated registry of US and Mexican tariff actions 2025–26 and the applied tariffs *as of* a date.

This layer reads the shipped registry (``palanca/data/shipped/policy``) and turns it into tariff
arrays on a world (on an aggregated world, through the world it was aggregated from); it never solves.
"""

from palanca.policy._aggregated import AggregateSource, aggregate_source, registry_world
from palanca.policy._applied import (
    US_AUTO_CONTENT_SHARE,
    applied_tariffs,
    effective_tariff_rate,
    mfn_rates,
    policy_shock,
    sector_measures,
    tariffs_between,
)
from palanca.policy._registry import (
    POLICY_SHIPPED,
    ActionStatus,
    TariffAction,
    load_registry,
    newest_date,
    parse_date,
    timeline,
)
from palanca.policy._sectors import resolve_sectors, sector_groups

__all__ = [
    "POLICY_SHIPPED",
    "US_AUTO_CONTENT_SHARE",
    "ActionStatus",
    "AggregateSource",
    "TariffAction",
    "aggregate_source",
    "applied_tariffs",
    "effective_tariff_rate",
    "load_registry",
    "mfn_rates",
    "newest_date",
    "parse_date",
    "policy_shock",
    "registry_world",
    "resolve_sectors",
    "sector_groups",
    "sector_measures",
    "tariffs_between",
    "timeline",
]
