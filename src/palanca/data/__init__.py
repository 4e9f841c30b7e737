"""Readers of public data formats, builders of the shipped worlds, and the shipped files.

Only this layer and `palanca.store` touch files. Shipped data live in ``shipped/``, each folder
with its PROVENANCE.md.
"""

from palanca.data._accounts import balance_io, final_shares_from_flows
from palanca.data._aggregate import RegionMap, aggregate, list_region_maps, load_region_map
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
