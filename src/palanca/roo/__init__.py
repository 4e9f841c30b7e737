"""USMCA rules of origin for a bill of materials.

- `BillOfMaterials` (and `Material`, `LabourContent`, `SteelAluminium`, `ProductKind`): the frozen,
  validated BOM schema; `load_bom` / `parse_bom` read it from TOML, `list_examples` names the shipped examples.
- `check_origin` → `OriginResult`: regional value content (transaction value and net cost methods,
  Art. 4.5), the automotive thresholds (core, principal and complementary parts, vehicles, core parts
  of a vehicle), labour value content (Art. 7 of the Automotive Appendix), the 70 % North American
  steel and aluminium purchases (Art. 6), tariff shift with de minimis (Art. 4.12) for other goods.
- Thresholds, each with its treaty reference: `RVC_RULES`, `LVC_RULES` and the constants below.
"""

from palanca.roo._bom import (
    BillOfMaterials,
    LabourContent,
    Material,
    ProductKind,
    SteelAluminium,
    list_examples,
    load_bom,
    parse_bom,
)
from palanca.roo._check import calc_lvc, calc_rvc, check_origin
from palanca.roo._results import MaterialEffect, OriginResult, OriginTest
from palanca.roo._thresholds import (
    ASSEMBLY_CAP_PP,
    CORE_PARTS_RVC_PP,
    DE_MINIMIS_SHARE,
    HIGH_WAGE_USD_PER_HOUR,
    LVC_RULES,
    NORTH_AMERICAN_COUNTRIES,
    RVC_RULES,
    STEEL_ALUMINIUM_SHARE,
    TECHNOLOGY_CAP_PP,
    LvcRule,
    RvcRule,
)

__all__ = [
    "ASSEMBLY_CAP_PP",
    "CORE_PARTS_RVC_PP",
    "DE_MINIMIS_SHARE",
    "HIGH_WAGE_USD_PER_HOUR",
    "LVC_RULES",
    "NORTH_AMERICAN_COUNTRIES",
    "RVC_RULES",
    "STEEL_ALUMINIUM_SHARE",
    "TECHNOLOGY_CAP_PP",
    "BillOfMaterials",
    "LabourContent",
    "LvcRule",
    "Material",
    "MaterialEffect",
    "OriginResult",
    "OriginTest",
    "ProductKind",
    "RvcRule",
    "SteelAluminium",
    "calc_lvc",
    "calc_rvc",
    "check_origin",
    "list_examples",
    "load_bom",
    "parse_bom",
]
