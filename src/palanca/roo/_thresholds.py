"""USMCA rules-of-origin thresholds: the one data module, every number with its treaty reference.

All values are the steady state (the last stage of each phase-in). References are to the USMCA
(signed 30 Nov 2018, protocol of amendment 10 Dec 2019, in force 1 July 2020), Chapter 4 (Rules of
Origin) and the Appendix to Annex 4-B, "Provisions Related to the Product-Specific Rules of Origin
for Automotive Goods" (the *Automotive Appendix*), as published by USTR
(https://ustr.gov/trade-agreements/free-trade-agreements/united-states-mexico-canada-agreement/agreement-between).
Paragraph numbers were transcribed by hand and should be checked against that text when a figure
is cited in print; the percentages are the widely reported ones (e.g. the Congressional Research
Service's summaries of the USMCA motor-vehicle provisions).

Thresholds are in percent (points), because the treaty states them that way and results report
margins in points; every other share in palanca is a fraction.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    "LvcRule",
    "RvcRule",
]

NORTH_AMERICAN_COUNTRIES: tuple[str, ...] = ("CAN", "MEX", "USA")
"""The Parties (ISO3); a material whose origin is one of them is treated as originating."""


@dataclass(frozen=True)
class RvcRule:
    """A regional-value-content threshold.

    Attributes
    ----------
    net_cost_pp : float
        Threshold under the net cost method, RVC = (NC − VNM)/NC × 100 (USMCA Art. 4.5.3).
    transaction_value_pp : float or None
        Threshold under the transaction value method, RVC = (TV − VNM)/TV × 100 (Art. 4.5.2);
        None where the rule allows the net cost method only.
    reference : str
        Article and table of the treaty text.
    effective : str
        Date from which this (final-stage) threshold applies.
    """

    net_cost_pp: float
    transaction_value_pp: float | None
    reference: str
    effective: str


@dataclass(frozen=True)
class LvcRule:
    """A labour-value-content requirement (Automotive Appendix, Article 7).

    Attributes
    ----------
    total_pp : float
        Minimum LVC, in points of the vehicle's net cost (or total vehicle-plant assembly annual
        purchase value).
    material_manufacturing_min_pp : float
        Minimum contribution of high-wage material and manufacturing expenditures.
    reference : str
        Article and paragraph.
    """

    total_pp: float
    material_manufacturing_min_pp: float
    reference: str


RVC_RULES: dict[str, RvcRule] = {
    # Passenger vehicles and light trucks: 66 → 69 → 72 → 75 % NC over 2020–2023. Net cost only.
    "passenger_vehicle": RvcRule(75.0, None, "USMCA Automotive Appendix, Art. 3.1(d) (net cost method)", "2023-01-01"),
    "light_truck": RvcRule(75.0, None, "USMCA Automotive Appendix, Art. 3.1(d) (net cost method)", "2023-01-01"),
    # Heavy trucks: 60 % (1 Jul 2020) → 64 % (1 Jul 2024) → 70 % (1 Jul 2027), net cost.
    "heavy_truck": RvcRule(70.0, None, "USMCA Automotive Appendix, Art. 4.1(c) (net cost method)", "2027-07-01"),
    # Core parts (Table A.2): 66/76 → 69/79 → 72/82 → 75/85 (NC/TV).
    "core_part": RvcRule(75.0, 85.0, "USMCA Automotive Appendix, Art. 3.2(d) and Table A.2", "2023-01-01"),
    # Principal parts (Table B): 62.5/72.5 → 65/75 → 67.5/77.5 → 70/80 (NC/TV).
    "principal_part": RvcRule(70.0, 80.0, "USMCA Automotive Appendix, Art. 3.7(d) and Table B", "2023-01-01"),
    # Complementary parts (Table C): 62/72 → 63/73 → 64/74 → 65/75 (NC/TV).
    "complementary_part": RvcRule(65.0, 75.0, "USMCA Automotive Appendix, Art. 3.8(d) and Table C", "2023-01-01"),
}
"""Final-stage RVC thresholds by product kind. ``other_good`` has none here: its rule is the
product-specific rule of Annex 4-B for its HS code, which the bill of materials states."""

CORE_PARTS_RVC_PP: float = RVC_RULES["core_part"].net_cost_pp
"""Core parts of a passenger vehicle or light truck must be originating (Automotive Appendix,
Art. 3.2), i.e. meet 75 % RVC (Table A.2); palanca tests the core parts taken together."""

LVC_RULES: dict[str, LvcRule] = {
    # 30 → 33 → 36 → 40 % over 2020–2023; 40 = 25 (material & manufacturing) + ≤10 (technology) + ≤5 (assembly).
    "passenger_vehicle": LvcRule(40.0, 25.0, "USMCA Automotive Appendix, Art. 7.1"),
    # 45 = 30 + ≤10 + ≤5, from entry into force.
    "light_truck": LvcRule(45.0, 30.0, "USMCA Automotive Appendix, Art. 7.2"),
    "heavy_truck": LvcRule(45.0, 30.0, "USMCA Automotive Appendix, Art. 7.2"),
}

TECHNOLOGY_CAP_PP: float = 10.0
"""High-wage technology expenditures count for at most 10 points of LVC (Automotive Appendix, Art. 7.1(b)/7.2(b))."""

ASSEMBLY_CAP_PP: float = 5.0
"""High-wage assembly expenditures count for at most 5 points of LVC (Automotive Appendix, Art. 7.1(c)/7.2(c))."""

HIGH_WAGE_USD_PER_HOUR: float = 16.0
"""High-wage rate: an average base hourly production wage of at least US$16 (Automotive Appendix,
Art. 1, definition of "high-wage rate"; Art. 7)."""

STEEL_ALUMINIUM_SHARE: float = 0.70
"""At least 70 % of a vehicle producer's purchases of steel, and 70 % of its purchases of aluminium,
in the territories of the Parties must be originating (Automotive Appendix, Art. 6.1). From
1 July 2027 steel must be melted and poured in North America to count (Art. 6, footnote)."""

DE_MINIMIS_SHARE: float = 0.10
"""De minimis: a good is still originating if the value of the non-originating materials that do not
satisfy the tariff-shift requirement is at most 10 % of its transaction value (USMCA Art. 4.12.1;
exceptions of Art. 4.12 for certain agricultural goods and the by-weight rule for textiles, Chapter 6,
are not modelled)."""
