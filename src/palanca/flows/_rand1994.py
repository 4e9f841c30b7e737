"""Structural check of the drug-market model against Rydell & Everingham (1994) for cocaine.

Rydell and Everingham (RAND MR-331, 1994) report the extra annual spending needed to cut US cocaine
consumption by 1%: source-country control US$783m, interdiction US$366m, domestic enforcement
US$246m, treatment US$34m (1992 dollars) — treatment ≈ 7.2× as cost-effective as domestic
enforcement. Their supply programmes work by imposing costs on traffickers that are passed on to the
retail price *additively*; treatment shifts demand.

palanca runs the same two mechanisms through `simulate_market` with the parameters in `RE1994`:
enforcement adds :math:`\\kappa` dollars of trafficker cost per dollar spent at the retail stage, the
retail price rises by that cost per kg (additive), and consumption falls with elasticity
:math:`\\eta`; treatment removes a fixed quantity of consumption per episode. Only the 1992
consumption level is taken from the study; the other values are palanca's assumptions (each is
labelled), because the report's internal parameter tables are not shipped with palanca.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from palanca.flows._drugmarket import MarketPolicy, Markup, SupplyChain, simulate_market

__all__ = ["RE1994", "RE1994_PUBLISHED_USD_M", "RydellEveringhamCheck", "rydell_everingham_check"]

#: Rydell & Everingham (1994), extra spending (US$m, 1992) to cut cocaine consumption by 1%.
RE1994_PUBLISHED_USD_M = {
    "source-country": 783.0,
    "interdiction": 366.0,
    "domestic enforcement": 246.0,
    "treatment": 34.0,
}

#: name -> (value, source). Only consumption is the study's own figure.
RE1994: dict[str, tuple[float, str]] = {
    "consumption_kg": (
        291_000.0,
        "Rydell & Everingham (1994): US cocaine consumption in 1992 ≈ 291 metric tons",
    ),
    "source_price_usd_per_kg": (
        1_500.0,
        "assumption: export price in the Andes, early 1990s (order of magnitude)",
    ),
    "import_price_usd_per_kg": (20_000.0, "assumption: US wholesale (import) price per pure kg, early 1990s"),
    "retail_price_usd_per_kg": (120_000.0, "assumption: ≈US$120 per pure gram at retail, early 1990s"),
    "elasticity": (-0.5, "assumption: price elasticity of cocaine demand −0.5"),
    "enforcement_cost_per_usd": (
        2.0,
        "assumption: each enforcement dollar imposes US$2 of cost on dealers (seized drugs and assets, "
        "compensation for incarceration risk), passed on additively",
    ),
    "treatment_cost_usd": (2_000.0, "assumption: cost per treatment episode, 1992 US$"),
    "treatment_kg_averted": (
        0.1,
        "assumption: pure kg of consumption averted per episode (≈0.11 kg/yr heavy-user consumption; use cut "
        "during treatment plus the 13% of heavy users who stay out of heavy use afterwards)",
    ),
}


@dataclass(frozen=True)
class RydellEveringhamCheck:
    """palanca's cost per 1% cut in cocaine consumption beside Rydell & Everingham's."""

    parameters: dict[str, tuple[float, str]]
    domestic_enforcement_usd_m: float
    treatment_usd_m: float
    source_country_additive_usd_m: float
    source_country_multiplicative_usd_m: float

    @property
    def ratio(self) -> float:
        """Domestic enforcement / treatment cost per 1% reduction (R&E: 246 / 34 ≈ 7.2)."""
        return self.domestic_enforcement_usd_m / self.treatment_usd_m

    @property
    def published_ratio(self) -> float:
        return RE1994_PUBLISHED_USD_M["domestic enforcement"] / RE1994_PUBLISHED_USD_M["treatment"]

    def to_dict(self) -> dict[str, object]:
        return {
            "parameters": {k: {"value": v, "source": s} for k, (v, s) in self.parameters.items()},
            "palanca_usd_m_per_1pct": {
                "domestic enforcement": self.domestic_enforcement_usd_m,
                "treatment": self.treatment_usd_m,
                "source-country (additive)": self.source_country_additive_usd_m,
                "source-country (multiplicative)": self.source_country_multiplicative_usd_m,
            },
            "published_usd_m_per_1pct": dict(RE1994_PUBLISHED_USD_M),
            "ratio_enforcement_to_treatment": self.ratio,
            "published_ratio": self.published_ratio,
        }

    @property
    def summary(self) -> str:
        lines = [
            "Structural check — cocaine, cost of cutting consumption by 1% (Rydell & Everingham 1994, RAND MR-331):",
            f"  domestic enforcement: palanca US${self.domestic_enforcement_usd_m:,.0f}m (published "
            "US$246m); "
            f"treatment: palanca US${self.treatment_usd_m:,.0f}m (published US$34m)",
            f"  treatment is {self.ratio:.1f}× as cost-effective as domestic enforcement (published "
            f"{self.published_ratio:.1f}×)",
            f"  the same dealer cost imposed at the source: US${self.source_country_additive_usd_m:,.0f}m "
            "with additive "
            f"markups vs US${self.source_country_multiplicative_usd_m:,.1f}m with multiplicative ones",
            "  parameters used:",
        ]
        lines += [f"    {k} = {v:g} ({s})" for k, (v, s) in self.parameters.items()]
        return "\n".join(lines)


def _chain(par: dict[str, tuple[float, str]]) -> SupplyChain:
    prices = np.array(
        [
            par["source_price_usd_per_kg"][0],
            par["import_price_usd_per_kg"][0],
            par["retail_price_usd_per_kg"][0],
        ]
    )
    return SupplyChain(
        stages=("source country", "import / wholesale", "retail"),
        price_usd_per_kg=prices,
        seizure_rate=np.zeros(3),
        consumption_kg=par["consumption_kg"][0],
        deaths=0.0,
        elasticity=par["elasticity"][0],
    )


def _supply_cost_usd_m(chain: SupplyChain, stage: int, markup: Markup, kappa: float) -> float:
    """Spending (US$m) whose imposed cost at ``stage`` cuts consumption by exactly 1%."""
    target_price = chain.price_usd_per_kg[-1] * 0.99 ** (1 / chain.elasticity)
    # retail price is linear in the cost added at one stage: find the slope, then the cost needed
    unit = np.zeros(len(chain.stages))
    unit[stage] = 1.0
    zero = MarketPolicy(np.zeros_like(unit), np.zeros_like(unit))
    p0 = simulate_market(chain, zero, markup).price_usd_per_kg[-1]
    slope = simulate_market(chain, MarketPolicy(np.zeros_like(unit), unit), markup).price_usd_per_kg[-1] - p0
    dc = (target_price - p0) / slope
    out = simulate_market(chain, MarketPolicy(np.zeros_like(unit), unit * dc), markup)
    assert abs(out.consumption_kg / chain.consumption_kg - 0.99) < 1e-9
    return dc * out.entering_kg[stage] / kappa / 1e6


def rydell_everingham_check(parameters: dict[str, tuple[float, str]] | None = None) -> RydellEveringhamCheck:
    """Cost per 1% cut in cocaine consumption by domestic enforcement and by treatment (module docstring)."""
    par = dict(RE1994 if parameters is None else parameters)
    chain = _chain(par)
    kappa = par["enforcement_cost_per_usd"][0]
    treat = simulate_market(chain, MarketPolicy(np.zeros(3), np.zeros(3), demand_shift=0.01))
    kg_cut = chain.consumption_kg - treat.consumption_kg
    treatment_usd_m = kg_cut / par["treatment_kg_averted"][0] * par["treatment_cost_usd"][0] / 1e6
    return RydellEveringhamCheck(
        parameters=par,
        domestic_enforcement_usd_m=_supply_cost_usd_m(chain, 2, Markup.ADDITIVE, kappa),
        treatment_usd_m=treatment_usd_m,
        source_country_additive_usd_m=_supply_cost_usd_m(chain, 0, Markup.ADDITIVE, kappa),
        source_country_multiplicative_usd_m=_supply_cost_usd_m(chain, 0, Markup.MULTIPLICATIVE, kappa),
    )
