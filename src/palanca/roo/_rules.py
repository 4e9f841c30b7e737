"""The USMCA rules of origin as dated, cited data: every threshold with its legal source and its effective dates.

Sources (abbreviations used in the citations):

- *USMCA*: Agreement between the United States of America, the United Mexican States, and Canada, Chapter 4
  (Rules of Origin); in force 1 July 2020.
- *App.*: the Appendix to Annex 4-B, "Provisions Related to the Product-Specific Rules of Origin for Automotive
  Goods" (Articles 1-10 and Tables A.1, A.2, B, C, D, E, F).
- *GN 11*: General Note 11 to the Harmonized Tariff Schedule of the United States, which implements them; the
  staged thresholds of GN 11(k)(iii)(B) (Table A.2 parts) and (D) (Table B parts) were read in the published note:
  each stage begins on 1 July (2020, 2021, 2022, 2023), and the transaction value thresholds apply only "if the
  corresponding rule in subdivision (o) includes a transaction value method".
- *GN 11, other vehicles*: the subdivision of GN 11 implementing App. Art. 10, read in the published note:
  (A)(1) 62.5% NC for vehicles of 8702 for 15 or fewer persons and for the vehicles of 8703 and 8704.21/.31 that
  the Appendix does not count as passenger vehicles or light trucks (a compression-ignition engine as primary motor,
  motorcycles, motorhomes, ambulances, hearses, off-road vehicles), (A)(2) 62.5% for engines of 8407/8408 and goods
  of 8708.40 for them; (B)(1) 60% for 8701 except 8701.20, 8702 for 16 or more persons, 8704.10, off-road trucks,
  8705 and 8706, (B)(2) 60% for their engines and 8708.40 goods, (B)(3) 60% for the other Table F goods (except
  bearings of 8482.10-8482.80 and goods of 8483.20 and 8483.30) for use in those vehicles.
- *CUSMA RoO Regs*: Canada's CUSMA Rules of Origin Regulations (SOR/2020-155), the Uniform Regulations as
  enacted by a Party; s. 5 (de minimis on transaction value or total cost), s. 13 (the heavy-truck stages for road
  tractors of 8701.20: 60% from 1 July 2020, 64% from 1 July 2024, 70% from 1 July 2027; 62.5% and 60% for the
  other vehicles of Article 10), s. 14(1)-(3) (roll-up; Table A.1 parts; the battery exception) and s. 19(4) (the
  alternative staging regime).

``checked`` says whether the number and its date were read in one of these texts while encoding them; rules with
``checked = False`` were transcribed from secondary summaries and say so in their note. Thresholds are in percent
(points), as the treaty states them; every other share in palanca is a fraction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = [
    "DE_MINIMIS_SHARE",
    "HIGH_WAGE_USD_PER_HOUR",
    "LVC_RULES",
    "MELT_AND_POUR_FROM",
    "RULES",
    "STEEL_ALUMINIUM_SHARE",
    "LvcRule",
    "Rule",
    "lvc_rule",
    "rule_for",
    "rules_in_force",
]

_GN11 = "HTSUS General Note 11"
_REGS = "CUSMA RoO Regs (SOR/2020-155)"
_STAGES = (dt.date(2020, 7, 1), dt.date(2021, 7, 1), dt.date(2022, 7, 1), dt.date(2023, 7, 1))
_HT_STAGES = (dt.date(2020, 7, 1), dt.date(2024, 7, 1), dt.date(2027, 7, 1))
_ASR_END = dt.date(2025, 6, 30)
MELT_AND_POUR_FROM = dt.date(2027, 7, 1)
"""From this date steel counts as originating for Art. 6 only if melted and poured in North America (App. Art. 6,
footnote: seven years after entry into force)."""


@dataclass(frozen=True)
class Rule:
    """One regional-value-content threshold in force over a date range.

    Attributes
    ----------
    id : str
        Stable key, e.g. ``passenger_vehicle.net_cost.2023``.
    kind : str
        The BOM ``kind`` it applies to (see `ProductKind`).
    method : str
        ``net_cost`` (RVC = (NC − VNM)/NC × 100, USMCA Art. 4.5.3) or ``transaction_value`` (Art. 4.5.2).
    threshold_pct : float
    effective_from, effective_to : datetime.date
        First and last day in force (``effective_to`` None: open-ended).
    citation : str
    variant : str
        Selects among rules of one kind: ``table_d``/``table_e`` (heavy-truck parts), ``art10_1``/``art10_2``
        (other vehicles and their Table F parts), ``alternative_staging``; empty otherwise.
    checked : bool
        Whether the figure and date were read in the cited text (see the module docstring).
    note : str
    """

    id: str
    kind: str
    method: str
    threshold_pct: float
    effective_from: dt.date
    effective_to: dt.date | None
    citation: str
    variant: str = ""
    checked: bool = True
    note: str = ""

    def __post_init__(self) -> None:
        if self.method not in ("net_cost", "transaction_value"):
            raise ValueError(f"Rule {self.id}: method {self.method!r} must be 'net_cost' or 'transaction_value'")
        if not 0.0 < self.threshold_pct <= 100.0:
            raise ValueError(f"Rule {self.id}: threshold_pct {self.threshold_pct} must be in (0, 100]")
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise ValueError(f"Rule {self.id}: effective_to precedes effective_from")

    def in_force(self, as_of: dt.date) -> bool:
        return self.effective_from <= as_of and (self.effective_to is None or as_of <= self.effective_to)

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "method": self.method,
            "threshold_pct": self.threshold_pct,
            "effective_from": self.effective_from.isoformat(),
            "effective_to": None if self.effective_to is None else self.effective_to.isoformat(),
            "citation": self.citation,
            "variant": self.variant,
            "checked": self.checked,
            "note": self.note,
        }


def _staged(kind, method, values, starts, citation, variant="", checked=True, note="") -> list[Rule]:
    out = []
    for k, (v, start) in enumerate(zip(values, starts, strict=True)):
        end = starts[k + 1] - dt.timedelta(days=1) if k + 1 < len(starts) else None
        tag = f".{variant}" if variant else ""
        out.append(
            Rule(f"{kind}{tag}.{method}.{start.year}", kind, method, v, start, end, citation, variant, checked, note)
        )
    return out


_PV = f"App. Art. 3.1; {_GN11}(k)(iii)"
_OV = f"{_GN11}, other vehicles "
# The article number of Table B (3.4) is inferred from GN 11's chapter 87 subheading rules, which send "any other
# good" of 8708.29 for passenger vehicles to "Article 3.4" and body stampings and gear boxes to 3.2-3.3; Table C's
# paragraph was not found.
_UNCHECKED = "Stage values transcribed from secondary summaries of the Appendix; not read in the legal text here."
RULES: tuple[Rule, ...] = tuple(
    _staged("passenger_vehicle", "net_cost", (66, 69, 72, 75), _STAGES, _PV)
    + _staged("light_truck", "net_cost", (66, 69, 72, 75), _STAGES, _PV)
    + _staged("heavy_truck", "net_cost", (60, 64, 70), _HT_STAGES, f"App. Art. 4.1; {_REGS} s. 13 (8701.20)")
    + _staged("core_part", "net_cost", (66, 69, 72, 75), _STAGES, f"App. Arts. 3.2-3.3, Table A.2; {_GN11}(k)(iii)(B)")
    + _staged(
        "core_part",
        "transaction_value",
        (76, 79, 82, 85),
        _STAGES,
        f"App. Arts. 3.2-3.3, Table A.2; {_GN11}(k)(iii)(B) (only where the product-specific rule has a TV method)",
    )
    + _staged(
        "principal_part", "net_cost", (62.5, 65, 67.5, 70), _STAGES, f"App. Art. 3.4, Table B; {_GN11}(k)(iii)(D)"
    )
    + _staged(
        "principal_part",
        "transaction_value",
        (72.5, 75, 77.5, 80),
        _STAGES,
        f"App. Art. 3.4, Table B; {_GN11}(k)(iii)(D) (only where the product-specific rule has a TV method)",
    )
    + _staged(
        "complementary_part",
        "net_cost",
        (62, 63, 64, 65),
        _STAGES,
        "App. Art. 3, Table C (paragraph number not read)",
        checked=False,
        note="First (62%) and final (65%) stages agree with a law-firm summary (Blakes, 'A deep dive into CUSMA's new "
        "automotive rules of origin', 2020); the article number and the middle stages were not read in the text.",
    )
    + _staged(
        "complementary_part",
        "transaction_value",
        (72, 73, 74, 75),
        _STAGES,
        "App. Art. 3, Table C (paragraph number not read)",
        checked=False,
        note=_UNCHECKED,
    )
    + _staged(
        "heavy_truck_part",
        "net_cost",
        (60, 64, 70),
        _HT_STAGES,
        "App. Arts. 4.2 and 4.4, Table D",
        "table_d",
        False,
        "Final stage (70% NC) agrees with GN 11 chapter 87 rule 30 (gear boxes of 8708.40 for heavy trucks); the "
        "60% (from NAFTA's level) and 64% (year 5) stages are from a trade-press summary (Trucknews, 'Trade deal "
        "sets new standards for domestic truck content') and were not read in the text.",
    )
    + _staged(
        "heavy_truck_part",
        "transaction_value",
        (70, 74, 80),
        _HT_STAGES,
        "App. Art. 4.2, Table D",
        "table_d",
        False,
        _UNCHECKED,
    )
    + _staged(
        "heavy_truck_part",
        "net_cost",
        (50, 54, 60),
        _HT_STAGES,
        "App. Art. 4.3, Table E",
        "table_e",
        False,
        "50% (NAFTA's level), 54% (year 5) and 60% (year 7) from a trade-press summary (Trucknews, 'Trade deal sets "
        "new standards for domestic truck content'); not read in the legal text.",
    )
    + _staged(
        "heavy_truck_part",
        "transaction_value",
        (60, 64, 70),
        _HT_STAGES,
        "App. Art. 4.3, Table E",
        "table_e",
        False,
        _UNCHECKED,
    )
    + _staged(
        "other_vehicle", "net_cost", (62.5,), _STAGES[:1], f"App. Art. 10.1; {_OV}(A)(1); {_REGS} s. 13", "art10_1"
    )
    + _staged("other_vehicle", "net_cost", (60,), _STAGES[:1], f"App. Art. 10.2; {_OV}(B)(1); {_REGS} s. 13", "art10_2")
    + _staged(
        "other_vehicle_part",
        "net_cost",
        (62.5,),
        _STAGES[:1],
        f"App. Art. 10.1; {_OV}(A)(2)",
        "art10_1",
        note="Engines of heading 8407 or 8408 and goods of 8708.40 for use in an Art. 10.1 vehicle only.",
    )
    + _staged(
        "other_vehicle_part",
        "net_cost",
        (60,),
        _STAGES[:1],
        f"App. Art. 10.2, Table F; {_OV}(B)(2)-(3)",
        "art10_2",
        note="Engines and 8708.40 goods for an Art. 10.2 vehicle, and the other Table F goods (except bearings of "
        "8482.10-8482.80 and goods of 8483.20 and 8483.30) for use in a vehicle of either paragraph.",
    )
    + [
        Rule(
            f"{k}.alternative_staging.net_cost.2020",
            k,
            "net_cost",
            62.5,
            _STAGES[0],
            _ASR_END,
            f"App. Art. 8; {_REGS} s. 19(4)(a)",
            "alternative_staging",
        )
        for k in ("passenger_vehicle", "light_truck")
    ]
    + [
        Rule(
            "core_part.alternative_staging.net_cost.2020",
            "core_part",
            "net_cost",
            62.5,
            _STAGES[0],
            _ASR_END,
            f"App. Art. 8; {_REGS} s. 19(4)(b)(i)",
            "alternative_staging",
        ),
        Rule(
            "core_part.alternative_staging.transaction_value.2020",
            "core_part",
            "transaction_value",
            72.5,
            _STAGES[0],
            _ASR_END,
            f"App. Art. 8; {_REGS} s. 19(4)(b)(ii)",
            "alternative_staging",
        ),
    ]
)
"""Every RVC rule palanca applies, with its stages. ``other_good`` has none here: its Annex 4-B product-specific
rule is stated in its bill of materials."""


def rules_in_force(as_of: dt.date) -> list[Rule]:
    """The rules in force on ``as_of``, in table order."""
    return [r for r in RULES if r.in_force(as_of)]


def rule_for(kind: str, method: str, as_of: dt.date, variant: str = "") -> Rule | None:
    """The rule of this kind, method and variant in force on ``as_of``; None if there is none."""
    for r in RULES:
        if r.kind == kind and r.method == method and r.variant == variant and r.in_force(as_of):
            return r
    return None


@dataclass(frozen=True)
class LvcRule:
    """A labour-value-content stage (App. Art. 7): ``total_pp`` of which at least ``material_manufacturing_min_pp``
    from high-wage material and manufacturing expenditures; technology counts ≤ 10 points and the assembly credit is
    5 points (29 CFR 810.200, 810.300)."""

    kind: str
    total_pp: float
    material_manufacturing_min_pp: float
    effective_from: dt.date
    effective_to: dt.date | None
    citation: str
    checked: bool = True


LVC_RULES: tuple[LvcRule, ...] = (
    LvcRule("passenger_vehicle", 30.0, 15.0, _STAGES[0], dt.date(2021, 6, 30), "App. Art. 7.1", False),
    LvcRule("passenger_vehicle", 33.0, 18.0, _STAGES[1], dt.date(2022, 6, 30), "App. Art. 7.1", False),
    LvcRule("passenger_vehicle", 36.0, 21.0, _STAGES[2], dt.date(2023, 6, 30), "App. Art. 7.1", False),
    LvcRule("passenger_vehicle", 40.0, 25.0, _STAGES[3], None, "App. Art. 7.1"),
    LvcRule("light_truck", 45.0, 30.0, _STAGES[0], None, "App. Art. 7.2"),
    LvcRule("heavy_truck", 45.0, 30.0, _STAGES[0], None, "App. Art. 7", False),
)
"""LVC stages. The passenger-vehicle floors before 2023 (15/18/21 points) and the heavy-truck stage are transcribed
from secondary summaries (``checked = False``)."""


def lvc_rule(kind: str, as_of: dt.date) -> LvcRule | None:
    """The LVC stage of this vehicle kind in force on ``as_of``."""
    for r in LVC_RULES:
        if r.kind == kind and r.effective_from <= as_of and (r.effective_to is None or as_of <= r.effective_to):
            return r
    return None


HIGH_WAGE_USD_PER_HOUR: float = 16.0
"""High-wage rate: an average base hourly production wage of at least US$16 (App. Art. 7)."""

STEEL_ALUMINIUM_SHARE: float = 0.70
"""At least 70 % of a vehicle producer's purchases of steel, and of aluminium, in North America must be originating
(App. Art. 6.1; CUSMA RoO Regs s. 19(4)(c) keeps it under the alternative staging regime)."""

DE_MINIMIS_SHARE: float = 0.10
"""De minimis: non-originating materials that fail the tariff shift may be up to 10 % of the good's transaction
value or of its total cost (USMCA Art. 4.12.1; CUSMA RoO Regs s. 5(1)(a)(i)-(ii)); their value still counts in the
RVC (s. 5(1)(b))."""
