"""What each side's non-trade cooperation is worth a year, with a range: the bargaining model's inputs.

Three channels, each a `ChannelValue` in US$bn a year:

``fentanyl_enforcement``
    US value of Mexican fentanyl enforcement: US deaths averted by one unit of the
    ``mexican-enforcement`` lever of the drug-market model (additive markups, the central case of
    Caulkins & Reuter) times the US DOT value of a statistical life. The range spans the seizure-rate
    assumptions of the flow calibration and DOT's low/high VSL sensitivity.
``migration_enforcement``
    US value of Mexican migration enforcement: Border Patrol southwest-border apprehensions averted by a
    June-2019-sized deployment (the interrupted-series estimate of :mod:`palanca.flows._migration`)
    times a fiscal cost per apprehension. When the data do not identify the effect, ``identified`` is
    False and the range runs from zero to the largest effect the break-date robustness allows.
``firearms_action``
    Mexico's value of US action on southbound firearms: firearm homicides in Mexico (INEGI) × the
    US-sourced share of traced guns (GAO-21-322) × an assumed share averted by full US action × a
    Mexican VSL transferred from the US one with income elasticity 1 (Viscusi & Masterman 2017). Not
    identified from data: a labelled judgement with a wide range.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from palanca._inputs import RunInputs
from palanca.errors import ScenarioError
from palanca.flows._render import text_table

__all__ = [
    "CHANNELS",
    "FIREARM_HOMICIDES_MX_2023",
    "MX_US_INCOME_RATIO",
    "VSL_RANGE_USD",
    "ChannelValue",
    "CooperationValues",
    "cooperation_values",
]

CHANNELS = ("fentanyl_enforcement", "migration_enforcement", "firearms_action")

#: US DOT VSL for base year 2023 (US$13.2m) and DOT's sensitivity band: its 2015 memorandum prescribes
#: low/high alternatives of US$5.2m and US$13.0m around US$9.4m (ratios 0.553 and 1.383), applied here.
VSL_RANGE_USD = (13.2e6 * 5.2 / 9.4, 13.2e6, 13.2e6 * 13.0 / 9.4)
VSL_SOURCES = (
    "US DOT, Departmental Guidance on Valuation of a Statistical Life in Economic Analysis: US$13.2m, base year 2023",
    "US DOT (2015), Guidance on Treatment of the Economic Value of a Statistical Life — 2015 Adjustment: "
    "sensitivity values US$5.2m and US$13.0m around US$9.4m",
)

#: INEGI, Estadísticas de Defunciones Registradas, preliminary 2023 (released 1 Aug 2024): 31,062 homicides,
#: 70.0% by firearm.
FIREARM_HOMICIDES_MX_2023 = 31_062 * 0.700

#: Mexico's income per person relative to the US: judgement ≈0.15 (World Bank WDI Atlas GNI per capita for
#: 2023 is of the order of US$12k for Mexico and US$80k for the US; the value is not read from a shipped file).
MX_US_INCOME_RATIO = 0.152

#: Share of homicides committed with US-sourced firearms that full US action averts (judgement: a gun
#: diverted is partly replaced from other sources; Dube, Dube & García-Ponce 2013 find large effects of
#: US gun supply on Mexican violence near the border, so zero is not the lower bound).
FIREARMS_AVERTED_SHARE = (0.05, 0.15, 0.30)

#: Calibration year of the drug-market model the fentanyl channel is valued in (CBP FY).
FENTANYL_FISCAL_YEAR = 2023


@dataclass(frozen=True)
class ChannelValue:
    """One channel's annual value (US$bn a year) with a range, whether the data identify it, and sources."""

    channel: str
    central_usd_bn_per_year: float
    low_usd_bn_per_year: float
    high_usd_bn_per_year: float
    identified: bool
    method: str
    sources: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.channel not in CHANNELS:
            raise ScenarioError(f"channel={self.channel!r} is not one of {CHANNELS}")
        vals = (self.low_usd_bn_per_year, self.central_usd_bn_per_year, self.high_usd_bn_per_year)
        if not all(math.isfinite(v) for v in vals):
            raise ScenarioError(f"{self.channel}: values must be finite; got {vals}")
        if not (vals[0] <= vals[1] <= vals[2]):
            raise ScenarioError(f"{self.channel}: need low ≤ central ≤ high; got {vals}")
        if not self.method.strip() or not self.sources:
            raise ScenarioError(f"{self.channel}: a method sentence and at least one source are required")
        object.__setattr__(self, "sources", tuple(self.sources))

    def to_dict(self) -> dict[str, object]:
        return {
            "central_usd_bn_per_year": self.central_usd_bn_per_year,
            "low_usd_bn_per_year": self.low_usd_bn_per_year,
            "high_usd_bn_per_year": self.high_usd_bn_per_year,
            "identified": self.identified,
            "method": self.method,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class CooperationValues:
    """The three channels' values; read-only. ``summary`` renders them as a table."""

    fentanyl_enforcement: ChannelValue
    migration_enforcement: ChannelValue
    firearms_action: ChannelValue
    # The exact inputs of the call that made this result (`palanca.RunInputs`); the store saves them.
    inputs: RunInputs | None = None

    def __post_init__(self) -> None:
        for name in CHANNELS:
            if getattr(self, name).channel != name:
                raise ScenarioError(f"CooperationValues.{name} holds the {getattr(self, name).channel!r} channel")

    def to_dict(self) -> dict[str, object]:
        d: dict[str, object] = {name: getattr(self, name).to_dict() for name in CHANNELS}
        d["inputs"] = None if self.inputs is None else self.inputs.to_dict()
        return d

    @property
    def summary(self) -> str:
        rows = [
            [
                name,
                f"{v.central_usd_bn_per_year:,.2f}",
                f"{v.low_usd_bn_per_year:,.2f}",
                f"{v.high_usd_bn_per_year:,.2f}",
                "yes" if v.identified else "no",
            ]
            for name in CHANNELS
            for v in (getattr(self, name),)
        ]
        notes = [f"{name}: {getattr(self, name).method}" for name in CHANNELS]
        return text_table(
            "Value of cooperation, US$bn a year (fentanyl and migration: to the US; firearms: to Mexico)",
            ["channel", "central", "low", "high", "identified"],
            rows,
            notes,
        )

    def __str__(self) -> str:
        return self.summary


def _fentanyl() -> ChannelValue:
    from dataclasses import replace

    from palanca.flows._fentanyl import SEIZURE_RATE_CASES, FentanylAssumptions, mexican_enforcement_value
    from palanca.flows._fentanyl_flows import RETAIL_PRICE

    vsl_lo, vsl_c, vsl_hi = VSL_RANGE_USD
    deaths = {
        case: mexican_enforcement_value(
            1.0, markup="additive", fiscal_year=FENTANYL_FISCAL_YEAR, border_seizure_rate=rate
        ).deaths_averted
        for case, rate in SEIZURE_RATE_CASES.items()
    }
    base = FentanylAssumptions()
    for name, price in (("price low", RETAIL_PRICE.low), ("price high", RETAIL_PRICE.high)):
        a = replace(base, price_usd_per_kg=(*base.price_usd_per_kg[:3], price))
        deaths[name] = mexican_enforcement_value(
            1.0, markup="additive", fiscal_year=FENTANYL_FISCAL_YEAR, assumptions=a
        ).deaths_averted
    central = deaths["central"] * vsl_c / 1e9
    low = min(deaths.values()) * vsl_lo / 1e9
    high = max(deaths.values()) * vsl_hi / 1e9
    return ChannelValue(
        "fentanyl_enforcement",
        central,
        low,
        high,
        False,
        "US deaths averted by one unit of Mexican lab and trafficking enforcement in the additive-markup "
        "drug-market model, over the border seizure-rate cases and the pill-price range of the retail price, valued "
        "at the DOT VSL and its sensitivity band; "
        "the lever's effect size is an assumption, so the value is not identified from data.",
        (
            *VSL_SOURCES,
            "CBP drug seizure statistics (southwest border fentanyl); CDC/NCHS VSRR provisional overdose deaths",
            "retail price: US$3–5 a pill (Seattle Police Department, 2023) / 2.4 mg a pill (DEA, NDTA 2024)",
            "Caulkins & Reuter (2010), 'How drug enforcement affects drug prices', Crime and Justice 39: additive "
            "markups",
        ),
    )


def _migration() -> ChannelValue:
    from palanca.flows._migration import COST_PER_APPREHENSION_USD, COST_SOURCES, migration_value_range

    r = migration_value_range()
    lo_c, c_c, hi_c = COST_PER_APPREHENSION_USD
    return ChannelValue(
        "migration_enforcement",
        r.averted * c_c / 1e9,
        r.averted_low * lo_c / 1e9,
        r.averted_high * hi_c / 1e9,
        r.identified,
        "Border Patrol southwest-border apprehensions averted a year by a June-2019-sized Mexican deployment "
        "(interrupted series with MPP and other policy terms, a break-date scan and event-study leads; when the "
        "checks fail the range runs from zero) times a fiscal cost per apprehension.",
        (
            "CBP/USBP monthly southwest-border apprehensions FY2000–FY2020",
            "US–Mexico Joint Declaration of 7 June 2019 (National Guard deployment)",
            *COST_SOURCES,
        ),
    )


def _firearms() -> ChannelValue:
    from palanca.flows._firearms import GAO_US_SOURCED_SHARE

    vsl_lo, vsl_c, vsl_hi = (v * MX_US_INCOME_RATIO for v in VSL_RANGE_USD)
    lo_s, c_s, hi_s = FIREARMS_AVERTED_SHARE
    base = FIREARM_HOMICIDES_MX_2023 * GAO_US_SOURCED_SHARE
    return ChannelValue(
        "firearms_action",
        base * c_s * vsl_c / 1e9,
        base * lo_s * vsl_lo / 1e9,
        base * hi_s * vsl_hi / 1e9,
        False,
        "Mexican firearm homicides × the US-sourced share of traced guns × a judged share averted by full US "
        "action × a Mexican VSL (US VSL scaled by relative income, elasticity 1); a judgement, not identified.",
        (
            "INEGI (2024), Estadísticas de Defunciones Registradas 2023 (preliminary): 31,062 homicides, 70.0% "
            "by firearm",
            "US GAO (2021), GAO-21-322: ≈70% of firearms recovered in Mexico and traced (2014–2018) came from the US",
            "Viscusi & Masterman (2017), 'Income elasticities and global values of a statistical life', "
            "J. Benefit-Cost Analysis 8(2): income elasticity 1 for transfers",
            "Dube, Dube & García-Ponce (2013), 'Cross-border spillover: U.S. gun laws and violence in Mexico', APSR "
            "107(3)",
            *VSL_SOURCES,
        ),
    )


def cooperation_values() -> CooperationValues:
    """The annual value of each cooperation channel, with a range and its sources (module docstring).

    Returns
    -------
    CooperationValues
        ``fentanyl_enforcement`` and ``migration_enforcement`` (value to the US), ``firearms_action``
        (value to Mexico), each a `ChannelValue` in US$bn a year.
    """
    return CooperationValues(_fentanyl(), _migration(), _firearms(), inputs=_inputs())


def _inputs() -> RunInputs:
    """The assumptions the three channels use and the digest of the shipped series they read."""
    from palanca.data import flows_digest
    from palanca.flows._fentanyl import FENTANYL_SERIES, SEIZURE_RATE_CASES, FentanylAssumptions
    from palanca.flows._fentanyl_flows import RETAIL_PRICE
    from palanca.flows._firearms import GAO_US_SOURCED_SHARE
    from palanca.flows._migration import BASELINE_FY, COST_PER_APPREHENSION_USD

    assumptions = {
        "vsl_usd": list(VSL_RANGE_USD),
        "fentanyl_fiscal_year": FENTANYL_FISCAL_YEAR,
        "fentanyl_markup": "additive",
        "fentanyl": asdict(FentanylAssumptions()),
        "seizure_rate_cases": dict(SEIZURE_RATE_CASES),
        "retail_price_usd_per_kg": [RETAIL_PRICE.low, RETAIL_PRICE.central, RETAIL_PRICE.high],
        "migration_baseline_fiscal_year": BASELINE_FY,
        "cost_per_apprehension_usd": list(COST_PER_APPREHENSION_USD),
        "firearm_homicides_mx": FIREARM_HOMICIDES_MX_2023,
        "us_sourced_share": GAO_US_SOURCED_SHARE,
        "firearms_averted_share": list(FIREARMS_AVERTED_SHARE),
        "mx_us_income_ratio": MX_US_INCOME_RATIO,
    }
    digest = flows_digest(*FENTANYL_SERIES, "encounters_usbp")
    return RunInputs("cooperation_values", {"assumptions": assumptions, "data_digest": digest})
