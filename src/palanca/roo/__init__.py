"""USMCA rules of origin: the rules as dated, cited data and the bill-of-materials calculator.

- Rules: `RULES` (every RVC threshold with its citation and effective dates), `rules_in_force`, `rule_for`,
  `LVC_RULES`, `lvc_rule`, `STEEL_ALUMINIUM_SHARE`, `DE_MINIMIS_SHARE`, `HIGH_WAGE_USD_PER_HOUR`,
  `MELT_AND_POUR_FROM`.
- Bills of materials: `BillOfMaterials`, `Material`, `LabourContent`, `SteelAluminium`, `ProductKind`; `load_bom`,
  `parse_bom`, `list_examples`, `load_representative_set`.
- The check: `check_origin(bom, as_of=...)` → `OriginResult` (RVC by net cost or transaction value, core parts with
  the super-core option and either roll-up reading, LVC, steel and aluminium, tariff shift or RVC with de minimis);
  `calc_rvc`, `calc_lvc`.
- Economics: `calc_non_us_content` and `calc_taxed_share` (the Section 232 auto tariff base, Proclamation 10908),
  `average_rvc`
  (App. Art. 5), `compliant_share` and `calc_lost_preference` (compliant shares and the tariff a tightening adds,
  over a set of representative BOMs).
"""

from palanca.roo._automotive import calc_lvc
from palanca.roo._bom import BillOfMaterials, LabourContent, Material, ProductKind, SteelAluminium
from palanca.roo._check import calc_rvc, check_origin, parse_as_of
from palanca.roo._content import (
    SECTION_232_AUTO_RATE,
    LostPreference,
    NonUsContent,
    average_rvc,
    calc_lost_preference,
    calc_non_us_content,
    calc_taxed_share,
    compliant_share,
)
from palanca.roo._load import RepresentativeSet, list_examples, load_bom, load_representative_set, parse_bom
from palanca.roo._results import MaterialEffect, OriginResult, OriginTest
from palanca.roo._rules import (
    DE_MINIMIS_SHARE,
    HIGH_WAGE_USD_PER_HOUR,
    LVC_RULES,
    MELT_AND_POUR_FROM,
    RULES,
    STEEL_ALUMINIUM_SHARE,
    LvcRule,
    Rule,
    lvc_rule,
    rule_for,
    rules_in_force,
)

__all__ = [
    "DE_MINIMIS_SHARE",
    "HIGH_WAGE_USD_PER_HOUR",
    "LVC_RULES",
    "MELT_AND_POUR_FROM",
    "RULES",
    "SECTION_232_AUTO_RATE",
    "STEEL_ALUMINIUM_SHARE",
    "BillOfMaterials",
    "LabourContent",
    "LostPreference",
    "LvcRule",
    "Material",
    "MaterialEffect",
    "NonUsContent",
    "OriginResult",
    "OriginTest",
    "ProductKind",
    "RepresentativeSet",
    "Rule",
    "SteelAluminium",
    "average_rvc",
    "calc_lost_preference",
    "calc_lvc",
    "calc_non_us_content",
    "calc_rvc",
    "calc_taxed_share",
    "check_origin",
    "compliant_share",
    "list_examples",
    "load_bom",
    "load_representative_set",
    "lvc_rule",
    "parse_as_of",
    "parse_bom",
    "rule_for",
    "rules_in_force",
]
