"""Readers of public data formats, builders of the shipped worlds, and the shipped files.

Only this layer and `palanca.store` touch files. Shipped data live in ``shipped/``, each folder
with its PROVENANCE.md.

The names below are imported on first use (each from its module), so that a command that reads one kind
of data does not import the readers of every other kind.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from palanca.data._accounts import balance_io, final_shares_from_flows
    from palanca.data._aggregate import (
        RegionMap,
        aggregate,
        aggregate_trade,
        aggregation_maps,
        list_region_maps,
        load_region_map,
    )
    from palanca.data._baci import BaciTotals, read_baci, read_baci_matrix
    from palanca.data._build import BuildInputs, build_shipped, read_build_inputs
    from palanca.data._cp2015 import CP2015Files, cp1993_world, cp_tariffs, read_cp2015
    from palanca.data._flows import (
        FLOWS_SHIPPED,
        flows_digest,
        flows_provenance,
        load_drug_seizures,
        load_encounters_nationwide,
        load_encounters_usbp,
        load_firearms_iafq,
        load_mx_state_gdp,
        load_mx_state_population,
        load_nflis_fentanyl,
        load_overdose_deaths,
        load_remittances_by_country,
        load_remittances_monthly,
        load_remittances_mx_state,
        load_remittances_us_state,
        load_usdmxn_monthly,
    )
    from palanca.data._gravity import (
        GEGRAVITY_SAMPLE,
        GravityData,
        gegravity_sample_estimate,
        gravity_arrays,
        read_gravity_table,
    )
    from palanca.data._icio2022 import DEFAULT_ELASTICITIES, WIOD_PROXY, build_icio_world
    from palanca.data._nowcast import nowcast_goods, ras
    from palanca.data._oecd_icio import ICIO_SPLITS, ICIOTable, read_oecd_icio
    from palanca.data._politics_files import CoercionEvent, load_coercion_events
    from palanca.data._registry import DEFAULT_WORLD, list_worlds, load_world, register_world
    from palanca.data._remittance_base import (
        BANXICO_MONTHLY_RELEASES,
        BANXICO_RELEASES,
        RemittanceAnnual,
        RemittanceBase,
        RemittanceReconciliation,
        remittance_annual,
        remittance_base,
        remittance_reconciliation,
    )
    from palanca.data._sectors import (
        ICIO_GOODS,
        ICIO_GROUPS,
        ICIO_SECTORS,
        ICIO_SERVICES,
        absent_sector_groups,
        aggregate_sector_groups,
        goods_mask,
        sector_groups,
    )
    from palanca.data._shipped import read_world, write_world
    from palanca.data._spatial import (
        SpatialIssues,
        load_bargain_parameters,
        load_bdm_emissions,
        load_deu3_train,
        read_actor_table,
        read_cached_arrays,
        read_deu,
        write_cached_arrays,
        write_records_csv,
    )
    from palanca.data._state_tiles import StateTile, load_state_tiles
    from palanca.data._tariffwar import ELASTICITY_SETS, TariffWarYear, read_tariffwar
    from palanca.data._wiod2013 import WIOT, read_wiod2013
    from palanca.data._wiod2016 import read_wiod2016
    from palanca.data._wiod_world import load_wiot, wiod_world
    from palanca.data._worlds import (
        bilateral_flow,
        bilateral_tariffs,
        elasticity_sets,
        mfn_rates,
        with_elasticities,
        world_summary,
    )

#: Each public name -> the module that defines it.
_LAZY: dict[str, str] = {
    "balance_io": "palanca.data._accounts",
    "final_shares_from_flows": "palanca.data._accounts",
    "RegionMap": "palanca.data._aggregate",
    "aggregate": "palanca.data._aggregate",
    "aggregate_trade": "palanca.data._aggregate",
    "aggregation_maps": "palanca.data._aggregate",
    "list_region_maps": "palanca.data._aggregate",
    "load_region_map": "palanca.data._aggregate",
    "BaciTotals": "palanca.data._baci",
    "read_baci": "palanca.data._baci",
    "read_baci_matrix": "palanca.data._baci",
    "BuildInputs": "palanca.data._build",
    "build_shipped": "palanca.data._build",
    "read_build_inputs": "palanca.data._build",
    "CP2015Files": "palanca.data._cp2015",
    "cp1993_world": "palanca.data._cp2015",
    "cp_tariffs": "palanca.data._cp2015",
    "read_cp2015": "palanca.data._cp2015",
    "FLOWS_SHIPPED": "palanca.data._flows",
    "flows_digest": "palanca.data._flows",
    "flows_provenance": "palanca.data._flows",
    "load_drug_seizures": "palanca.data._flows",
    "load_encounters_nationwide": "palanca.data._flows",
    "load_encounters_usbp": "palanca.data._flows",
    "load_firearms_iafq": "palanca.data._flows",
    "load_mx_state_gdp": "palanca.data._flows",
    "load_mx_state_population": "palanca.data._flows",
    "load_nflis_fentanyl": "palanca.data._flows",
    "load_overdose_deaths": "palanca.data._flows",
    "load_remittances_by_country": "palanca.data._flows",
    "load_remittances_monthly": "palanca.data._flows",
    "load_remittances_mx_state": "palanca.data._flows",
    "load_remittances_us_state": "palanca.data._flows",
    "load_usdmxn_monthly": "palanca.data._flows",
    "GEGRAVITY_SAMPLE": "palanca.data._gravity",
    "GravityData": "palanca.data._gravity",
    "gegravity_sample_estimate": "palanca.data._gravity",
    "gravity_arrays": "palanca.data._gravity",
    "read_gravity_table": "palanca.data._gravity",
    "DEFAULT_ELASTICITIES": "palanca.data._icio2022",
    "WIOD_PROXY": "palanca.data._icio2022",
    "build_icio_world": "palanca.data._icio2022",
    "nowcast_goods": "palanca.data._nowcast",
    "ras": "palanca.data._nowcast",
    "ICIOTable": "palanca.data._oecd_icio",
    "ICIO_SPLITS": "palanca.data._oecd_icio",
    "read_oecd_icio": "palanca.data._oecd_icio",
    "CoercionEvent": "palanca.data._politics_files",
    "load_coercion_events": "palanca.data._politics_files",
    "DEFAULT_WORLD": "palanca.data._registry",
    "list_worlds": "palanca.data._registry",
    "load_world": "palanca.data._registry",
    "register_world": "palanca.data._registry",
    "BANXICO_MONTHLY_RELEASES": "palanca.data._remittance_base",
    "BANXICO_RELEASES": "palanca.data._remittance_base",
    "RemittanceAnnual": "palanca.data._remittance_base",
    "RemittanceBase": "palanca.data._remittance_base",
    "RemittanceReconciliation": "palanca.data._remittance_base",
    "remittance_annual": "palanca.data._remittance_base",
    "remittance_base": "palanca.data._remittance_base",
    "remittance_reconciliation": "palanca.data._remittance_base",
    "ICIO_GOODS": "palanca.data._sectors",
    "ICIO_GROUPS": "palanca.data._sectors",
    "ICIO_SECTORS": "palanca.data._sectors",
    "ICIO_SERVICES": "palanca.data._sectors",
    "absent_sector_groups": "palanca.data._sectors",
    "aggregate_sector_groups": "palanca.data._sectors",
    "goods_mask": "palanca.data._sectors",
    "sector_groups": "palanca.data._sectors",
    "read_world": "palanca.data._shipped",
    "write_world": "palanca.data._shipped",
    "SpatialIssues": "palanca.data._spatial",
    "load_bargain_parameters": "palanca.data._spatial",
    "load_bdm_emissions": "palanca.data._spatial",
    "load_deu3_train": "palanca.data._spatial",
    "read_actor_table": "palanca.data._spatial",
    "read_cached_arrays": "palanca.data._spatial",
    "read_deu": "palanca.data._spatial",
    "write_cached_arrays": "palanca.data._spatial",
    "write_records_csv": "palanca.data._spatial",
    "StateTile": "palanca.data._state_tiles",
    "load_state_tiles": "palanca.data._state_tiles",
    "ELASTICITY_SETS": "palanca.data._tariffwar",
    "TariffWarYear": "palanca.data._tariffwar",
    "read_tariffwar": "palanca.data._tariffwar",
    "WIOT": "palanca.data._wiod2013",
    "read_wiod2013": "palanca.data._wiod2013",
    "read_wiod2016": "palanca.data._wiod2016",
    "load_wiot": "palanca.data._wiod_world",
    "wiod_world": "palanca.data._wiod_world",
    "bilateral_flow": "palanca.data._worlds",
    "bilateral_tariffs": "palanca.data._worlds",
    "elasticity_sets": "palanca.data._worlds",
    "mfn_rates": "palanca.data._worlds",
    "with_elasticities": "palanca.data._worlds",
    "world_summary": "palanca.data._worlds",
}

__all__ = [
    "BANXICO_MONTHLY_RELEASES",
    "BANXICO_RELEASES",
    "DEFAULT_ELASTICITIES",
    "DEFAULT_WORLD",
    "ELASTICITY_SETS",
    "FLOWS_SHIPPED",
    "GEGRAVITY_SAMPLE",
    "ICIO_GOODS",
    "ICIO_GROUPS",
    "ICIO_SECTORS",
    "ICIO_SERVICES",
    "ICIO_SPLITS",
    "WIOD_PROXY",
    "WIOT",
    "BaciTotals",
    "BuildInputs",
    "CP2015Files",
    "CoercionEvent",
    "GravityData",
    "ICIOTable",
    "RegionMap",
    "RemittanceAnnual",
    "RemittanceBase",
    "RemittanceReconciliation",
    "SpatialIssues",
    "StateTile",
    "TariffWarYear",
    "absent_sector_groups",
    "aggregate",
    "aggregate_sector_groups",
    "aggregate_trade",
    "aggregation_maps",
    "balance_io",
    "bilateral_flow",
    "bilateral_tariffs",
    "build_icio_world",
    "build_shipped",
    "cp1993_world",
    "cp_tariffs",
    "elasticity_sets",
    "final_shares_from_flows",
    "flows_digest",
    "flows_provenance",
    "gegravity_sample_estimate",
    "goods_mask",
    "gravity_arrays",
    "list_region_maps",
    "list_worlds",
    "load_bargain_parameters",
    "load_bdm_emissions",
    "load_coercion_events",
    "load_deu3_train",
    "load_drug_seizures",
    "load_encounters_nationwide",
    "load_encounters_usbp",
    "load_firearms_iafq",
    "load_mx_state_gdp",
    "load_mx_state_population",
    "load_nflis_fentanyl",
    "load_overdose_deaths",
    "load_region_map",
    "load_remittances_by_country",
    "load_remittances_monthly",
    "load_remittances_mx_state",
    "load_remittances_us_state",
    "load_state_tiles",
    "load_usdmxn_monthly",
    "load_wiot",
    "load_world",
    "mfn_rates",
    "nowcast_goods",
    "ras",
    "read_actor_table",
    "read_baci",
    "read_baci_matrix",
    "read_build_inputs",
    "read_cached_arrays",
    "read_cp2015",
    "read_deu",
    "read_gravity_table",
    "read_oecd_icio",
    "read_tariffwar",
    "read_wiod2013",
    "read_wiod2016",
    "read_world",
    "register_world",
    "remittance_annual",
    "remittance_base",
    "remittance_reconciliation",
    "sector_groups",
    "wiod_world",
    "with_elasticities",
    "world_summary",
    "write_cached_arrays",
    "write_records_csv",
    "write_world",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'palanca.data' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next look-up is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
