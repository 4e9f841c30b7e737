"""Fentanyl flows across the southwest border under several seizure-rate assumptions, and retail prices from pills.

Flows. CBP's southwest-border fentanyl seizures :math:`S` (gross kg) times an assumed purity :math:`\\pi`
give pure kg seized; an assumed border seizure rate :math:`s` gives the flow reaching the border
:math:`X = \\pi S / s` and US consumption :math:`Q = X (1-s)(1-s_r)` (retail seizure rate :math:`s_r`). No
official estimate of :math:`s` exists, so the flow is reported for each case of `SEIZURE_RATE_CASES`.

A fixed rate makes consumption track seizures, which the deaths data contradict: with :math:`s` = 10%,
synthetic-opioid deaths per pure kg consumed fall from 16.5 (FY2021) to 7.5 (FY2023). `fentanyl_flows`
therefore also reports the seizure rate each year would need for deaths per pure kg to stay at their
FY2021 value, :math:`s_y = \\pi S_y (1-s_r) / (Q_y + \\pi S_y (1-s_r))` with :math:`Q_y = D_y / (D/Q)_{2021}`:
a rising implied rate says seizures grew faster than the flow (more enforcement, not more fentanyl).

Retail price. Counterfeit pills sell for US$3–5 each on the street (Seattle Police Department, September
2023: "the street value of a fentanyl pill usually is around $3 to $5") and held 2.4 mg of fentanyl on
average in 2022 (DEA laboratory testing, National Drug Threat Assessment 2024), so a pure kg retails at
US$1.25m–2.08m (central US$4 / 2.4 mg = US$1.67m).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from palanca._inputs import RunInputs
from palanca.data import flows_digest, load_drug_seizures, load_overdose_deaths
from palanca.flows._render import ParameterRange, fmt, text_table

__all__ = ["PILL_MG", "PILL_PRICE_USD", "RETAIL_PRICE", "FentanylFlows", "fentanyl_flows"]

#: Street price of one counterfeit fentanyl pill, US$ (low, central, high): Seattle Police Department (2023).
PILL_PRICE_USD = (3.0, 4.0, 5.0)
#: Mean fentanyl per pill, mg: DEA laboratory testing of 2022 seizures (National Drug Threat Assessment 2024).
PILL_MG = 2.4
RETAIL_PRICE = ParameterRange(
    "retail price per pure kg (US$)",
    central=PILL_PRICE_USD[1] / (PILL_MG * 1e-6),
    low=PILL_PRICE_USD[0] / (PILL_MG * 1e-6),
    high=PILL_PRICE_USD[2] / (PILL_MG * 1e-6),
    source="US$3–5 a pill (Seattle Police Department, Sep 2023) / 2.4 mg of fentanyl a pill (DEA, NDTA 2024)",
)
PURITY = 0.10
RETAIL_SEIZURE_RATE = 0.05
ANCHOR_FY = 2021


@dataclass(frozen=True)
class FentanylFlows:
    """Flows by fiscal year for each seizure-rate case, deaths per kg, and the constant-lethality seizure rate.

    ``border_flow_kg[case]`` and ``consumption_kg[case]`` are arrays over ``fiscal_years`` (pure kg);
    ``deaths`` is NaN where CDC has no 12 months to September; ``implied_seizure_rate`` is the rate that
    keeps deaths per pure kg at the FY2021 value of the central case (NaN without deaths).
    """

    fiscal_years: np.ndarray
    seized_gross_kg: np.ndarray
    cases: dict[str, float]
    border_flow_kg: dict[str, np.ndarray]
    consumption_kg: dict[str, np.ndarray]
    deaths: np.ndarray
    implied_seizure_rate: np.ndarray
    # The exact inputs of the call that made this result (`palanca.RunInputs`); the store saves them.
    inputs: RunInputs | None = None

    def deaths_per_kg(self, case: str = "central") -> np.ndarray:
        return self.deaths / self.consumption_kg[case]

    def to_dict(self) -> dict[str, object]:
        return {
            "purity": PURITY,
            "retail_seizure_rate": RETAIL_SEIZURE_RATE,
            "seizure_rate_cases": dict(self.cases),
            "years": [
                {
                    "fiscal_year": int(y),
                    "seized_gross_kg": float(self.seized_gross_kg[k]),
                    "border_flow_kg": {c: float(v[k]) for c, v in self.border_flow_kg.items()},
                    "consumption_kg": {c: float(v[k]) for c, v in self.consumption_kg.items()},
                    "deaths": None if np.isnan(self.deaths[k]) else float(self.deaths[k]),
                    "implied_seizure_rate": None
                    if np.isnan(self.implied_seizure_rate[k])
                    else float(self.implied_seizure_rate[k]),
                }
                for k, y in enumerate(self.fiscal_years)
            ],
            "retail_price_usd_per_kg": {"central": RETAIL_PRICE.central, "low": RETAIL_PRICE.low,
                                        "high": RETAIL_PRICE.high, "source": RETAIL_PRICE.source},
            "inputs": None if self.inputs is None else self.inputs.to_dict(),
        }  # fmt: skip

    @property
    def summary(self) -> str:
        rows = [
            [
                str(int(y)),
                fmt(self.seized_gross_kg[k], ",.0f"),
                *(fmt(self.border_flow_kg[c][k], ",.0f") for c in self.cases),
                fmt(self.deaths[k], ",.0f"),
                fmt(self.deaths_per_kg()[k], ".1f"),
                fmt(100 * self.implied_seizure_rate[k], ".1f"),
            ]
            for k, y in enumerate(self.fiscal_years)
        ]
        heads = [f"flow s={100 * s:g}%" for s in self.cases.values()]
        return text_table(
            "Fentanyl reaching the SW border (pure kg) by seizure-rate assumption; deaths per pure kg consumed",
            ["FY", "seized kg gross", *heads, "deaths", "deaths/kg (s=10%)", f"s for FY{ANCHOR_FY} lethality %"],
            rows,
            [
                f"purity {PURITY:.0%} (assumption), retail seizure rate {RETAIL_SEIZURE_RATE:.0%}; CBP drug seizure "
                "statistics; CDC/NCHS synthetic-opioid deaths, 12 months to September",
                "a fixed seizure rate makes consumption track seizures; the implied rate holds deaths per kg "
                f"at FY{ANCHOR_FY}'s",
            ],
        )

    def __str__(self) -> str:
        return self.summary


def fentanyl_flows() -> FentanylFlows:
    """Flows for every complete fiscal year of CBP seizures under each `SEIZURE_RATE_CASES` rate."""
    from palanca.flows._fentanyl import SEIZURE_RATE_CASES

    s = load_drug_seizures()
    f = s[(s["drug"] == "Fentanyl") & (s["region"] == "Southwest Border")]
    g = f.groupby("fiscal_year").agg(kg=("qty_kg", "sum"), n=("month", "nunique"))
    g = g[g["n"] == 12]
    years = g.index.to_numpy(dtype=int)
    gross = g["kg"].to_numpy(dtype=float)
    d = load_overdose_deaths()
    d = d[(d["state"] == "US") & (d["indicator"] == "synthetic_opioids")].set_index("period_end")
    deaths = np.array(
        [float(d.loc[np.datetime64(f"{y}-09-01"), "deaths_reported_12m"]) if np.datetime64(f"{y}-09-01") in d.index
         else np.nan for y in years]
    )  # fmt: skip
    pure = PURITY * gross
    flow = {c: pure / r for c, r in SEIZURE_RATE_CASES.items()}
    cons = {c: flow[c] * (1 - SEIZURE_RATE_CASES[c]) * (1 - RETAIL_SEIZURE_RATE) for c in SEIZURE_RATE_CASES}
    k0 = int(np.flatnonzero(years == ANCHOR_FY)[0])
    lethality = deaths[k0] / cons["central"][k0]
    q = deaths / lethality
    seized_net = pure * (1 - RETAIL_SEIZURE_RATE)
    implied = seized_net / (q + seized_net)
    assumptions = {
        "purity": PURITY,
        "retail_seizure_rate": RETAIL_SEIZURE_RATE,
        "seizure_rate_cases": dict(SEIZURE_RATE_CASES),
        "anchor_fiscal_year": ANCHOR_FY,
        "pill_price_usd": list(PILL_PRICE_USD),
        "pill_mg": PILL_MG,
    }
    inputs = RunInputs(
        "fentanyl_flows",
        {"assumptions": assumptions, "data_digest": flows_digest("drug_seizures", "overdose_deaths")},
    )
    return FentanylFlows(years, gross, dict(SEIZURE_RATE_CASES), flow, cons, deaths, implied, inputs=inputs)
