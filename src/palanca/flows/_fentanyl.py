"""The fentanyl supply chain calibrated to the shipped data, its policy levers, and their value to the US.

Calibration (one fiscal year, default FY2023; every number below is either read from the shipped data
or a stated assumption in `FentanylAssumptions`):

1. CBP fentanyl seized at the southwest border (gross kg, OFO + USBP) × an assumed purity = pure kg
   seized at the crossing stage, :math:`S_2`.
2. An assumed border seizure rate :math:`s_2` gives the flow reaching the border,
   :math:`X_2 = S_2 / s_2`, and retail consumption :math:`Q = X_2 (1-s_2)(1-s_3)`; no official rate
   exists, so `SEIZURE_RATE_CASES` (5 / 10 / 25%) carry the range (`palanca.flows.fentanyl_flows`).
3. Deaths: CDC/NCHS synthetic-opioid (T40.4) deaths in the 12 months ending September of the fiscal
   year (the same months as the FY).
4. NFLIS fentanyl reports of the same calendar year are carried as an availability indicator
   (lab exhibits, not quantities): the ratio of deaths to reports is reported, not fitted.

Prices: the retail price per pure kg comes from pill prices and pill contents (`RETAIL_PRICE`); the
upstream prices are stated orders of magnitude. Markups are additive in the central case (Caulkins &
Reuter 2010); the multiplicative rule is available as a labelled sensitivity only.

Levers (each per US$1bn a year; the effect sizes are assumptions stated in `LEVERS`): precursor
controls at source, Mexican enforcement, US border interdiction, US demand reduction (treatment).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

import numpy as np

from palanca._inputs import RunInputs
from palanca.data import flows_digest, load_drug_seizures, load_nflis_fentanyl, load_overdose_deaths
from palanca.errors import DataFormatError, ScenarioError
from palanca.flows._drugmarket import MarketPolicy, Markup, SupplyChain, simulate_market
from palanca.flows._fentanyl_flows import RETAIL_PRICE
from palanca.flows._fentanyl_results import VSL_SOURCE, VSL_USD, FentanylResult, LeverOutcome
from palanca.flows._rand1994 import rydell_everingham_check

__all__ = [
    "FENTANYL_STAGES",
    "LEVERS",
    "SEIZURE_RATE_CASES",
    "VSL_USD",
    "EnforcementValue",
    "FentanylAssumptions",
    "FentanylCalibration",
    "FentanylLever",
    "FentanylResult",
    "LeverOutcome",
    "calibrate_fentanyl",
    "fentanyl_levers",
    "mexican_enforcement_value",
]

FENTANYL_STAGES = ("precursors (into Mexico)", "synthesis (Mexico)", "crossing (SW border)", "retail (US)")

#: The shipped series the calibration reads (their digest is recorded in a result's inputs).
FENTANYL_SERIES = ("drug_seizures", "overdose_deaths", "nflis_fentanyl")


#: Largest spending per lever (US$bn a year) the linear lever effects are used for.
MAX_SPEND_USD_BN = 10.0

#: Border seizure rate cases (share of the flow reaching the SW border that CBP seizes). No official
#: estimate exists; 10% is the rule of thumb for drug interdiction rates used since Reuter (1988), and
#: 5–25% brackets what analysts cite for fentanyl (a labelled judgement range).
SEIZURE_RATE_CASES = {"low": 0.05, "central": 0.10, "high": 0.25}


@dataclass(frozen=True)
class FentanylAssumptions:
    """The assumed parameters of the fentanyl calibration (none is in the shipped data)."""

    purity_seized: float = 0.10
    border_seizure_rate: float = 0.10
    precursor_seizure_rate: float = 0.05
    synthesis_seizure_rate: float = 0.05
    retail_seizure_rate: float = 0.05
    price_usd_per_kg: tuple[float, float, float, float] = (3_000.0, 12_000.0, 60_000.0, RETAIL_PRICE.central)
    elasticity: float = -0.4
    deaths_elasticity: float = 1.0

    def describe(self) -> tuple[str, ...]:
        p = self.price_usd_per_kg
        return (
            f"purity of seized fentanyl {self.purity_seized:.0%} (assumption; range 5–20%: CBP reports "
            "gross weight "
            "of pills (≈2 mg in ≈100 mg) and powder (≈10–20%))",
            f"border seizure rate {self.border_seizure_rate:.0%} of the flow reaching the SW border "
            "(assumption; "
            "range 5–25%)",
            f"seizure rates: precursors {self.precursor_seizure_rate:.0%}, synthesis "
            f"{self.synthesis_seizure_rate:.0%}, "
            f"US retail {self.retail_seizure_rate:.0%} (assumptions)",
            f"prices per pure kg: precursors US${p[0]:,.0f}, lab gate US${p[1]:,.0f}, US wholesale after "
            f"crossing US${p[2]:,.0f} (assumptions: orders of magnitude from DEA/press reporting); retail "
            f"US${p[3]:,.0f} ({RETAIL_PRICE.source}; range US${RETAIL_PRICE.low:,.0f}–{RETAIL_PRICE.high:,.0f})",
            f"price elasticity of demand {self.elasticity} (assumption; literature range for opioids ≈ −0.1 to −0.8)",
            f"deaths proportional to consumption^{self.deaths_elasticity:g} (assumption)",
        )


@dataclass(frozen=True)
class FentanylCalibration:
    """The calibrated chain and the data it came from."""

    fiscal_year: int
    chain: SupplyChain
    seized_gross_kg: float
    seized_pure_kg: float
    border_flow_kg: float
    deaths: float
    nflis_reports: float
    assumptions: FentanylAssumptions


@dataclass(frozen=True)
class FentanylLever:
    """A policy lever: what US$1bn a year buys: seizure-rate and cost changes by stage or a demand shift."""

    key: str
    label: str
    seizure_rate_delta: tuple[float, float, float, float]
    cost_share_of_price: tuple[float, float, float, float]
    demand_shift: float
    assumption: str

    def policy(self, chain: SupplyChain, spend_usd_bn: float) -> MarketPolicy:
        """The policy bought by ``spend_usd_bn`` (effects scale linearly with spending: an assumption)."""
        return MarketPolicy(
            seizure_rate_delta=spend_usd_bn * np.asarray(self.seizure_rate_delta),
            cost_usd_per_kg=spend_usd_bn * np.asarray(self.cost_share_of_price) * chain.price_usd_per_kg,
            demand_shift=min(0.99, spend_usd_bn * self.demand_shift),
            label=self.label,
        )


LEVERS: dict[str, FentanylLever] = {
    lever.key: lever
    for lever in (
        FentanylLever(
            "precursor-controls",
            "precursor controls at source",
            (0.05, 0.0, 0.0, 0.0),
            (1.0, 0.0, 0.0, 0.0),
            0.0,
            "per US$1bn: precursor seizure rate +5 pp and precursor cost doubled (assumption)",
        ),
        FentanylLever(
            "mexican-enforcement",
            "Mexican enforcement (labs, trafficking)",
            (0.0, 0.05, 0.0, 0.0),
            (0.0, 0.25, 0.0, 0.0),
            0.0,
            "per US$1bn-equivalent: lab seizure rate +5 pp and risk cost +25% of the lab-gate price (assumption)",
        ),
        FentanylLever(
            "border-interdiction",
            "US border interdiction",
            (0.0, 0.0, 0.02, 0.0),
            (0.0, 0.0, 0.0, 0.0),
            0.0,
            "per US$1bn: border seizure rate +2 pp (assumption)",
        ),
        FentanylLever(
            "treatment",
            "US demand reduction / treatment",
            (0.0, 0.0, 0.0, 0.0),
            (0.0, 0.0, 0.0, 0.0),
            0.03,
            "per US$1bn: ≈150,000 patient-years of medication for opioid use disorder at ≈US$6,500, halving "
            "those users' consumption, out of ≈2.5m users → demand −3% (assumption)",
        ),
    )
}


def calibrate_fentanyl(fiscal_year: int = 2023, assumptions: FentanylAssumptions | None = None) -> FentanylCalibration:
    """Calibrate the four-stage chain to CBP seizures, CDC deaths and NFLIS reports (module docstring).

    Raises
    ------
    DataFormatError
        If the fiscal year lacks complete seizure data or the matching CDC 12-month period.
    """
    a = assumptions or FentanylAssumptions()
    seizures = load_drug_seizures()
    f = seizures[(seizures["drug"] == "Fentanyl") & (seizures["region"] == "Southwest Border")]
    months = f.groupby("fiscal_year")["month"].nunique()
    deaths = load_overdose_deaths()
    d = deaths[(deaths["state"] == "US") & (deaths["indicator"] == "synthetic_opioids")]
    d = d.set_index("period_end")["deaths_reported_12m"]
    end = np.datetime64(f"{fiscal_year}-09-01")
    valid = [int(y) for y in months.index if months[y] == 12 and np.datetime64(f"{y}-09-01") in d.index]
    if fiscal_year not in valid:
        raise DataFormatError(
            f"fiscal_year={fiscal_year} lacks 12 months of CBP seizures or CDC deaths for the 12 months "
            "ending "
            f"September; choose one of {valid}"
        )
    gross = float(f[f["fiscal_year"] == fiscal_year]["qty_kg"].sum())
    pure = gross * a.purity_seized
    border_flow = pure / a.border_seizure_rate
    consumption = border_flow * (1 - a.border_seizure_rate) * (1 - a.retail_seizure_rate)
    n = load_nflis_fentanyl()
    nflis = float(n[n["year"] == fiscal_year]["fentanyl_reports"].sum())
    n_deaths = float(d[end])
    chain = SupplyChain(
        stages=FENTANYL_STAGES,
        price_usd_per_kg=np.asarray(a.price_usd_per_kg),
        seizure_rate=np.array(
            [a.precursor_seizure_rate, a.synthesis_seizure_rate, a.border_seizure_rate, a.retail_seizure_rate]
        ),
        consumption_kg=consumption,
        deaths=n_deaths,
        elasticity=a.elasticity,
        deaths_elasticity=a.deaths_elasticity,
        assumptions=a.describe(),
    )
    return FentanylCalibration(fiscal_year, chain, gross, pure, border_flow, n_deaths, nflis, a)


def fentanyl_levers(
    levers: tuple[str, ...] | None = None,
    *,
    spend_usd_bn: float = 1.0,
    markups: tuple[Markup | str, ...] = (Markup.ADDITIVE,),
    fiscal_year: int = 2023,
    assumptions: FentanylAssumptions | None = None,
) -> FentanylResult:
    """Run the policy levers on the calibrated fentanyl market under each markup rule.

    Parameters
    ----------
    levers : tuple of str, optional
        Keys of `LEVERS` (default: all four).
    spend_usd_bn : float
        Annual spending on each lever, US$bn (> 0).
    markups : tuple of Markup
        Markup rules to report. Additive is the central case (Caulkins & Reuter 2010; Rydell & Everingham
        1994 pass supplier costs on additively); multiplicative rows are a labelled sensitivity only.
    """
    keys = tuple(levers) if levers else tuple(LEVERS)
    unknown = [k for k in keys if k not in LEVERS]
    if unknown:
        raise ScenarioError(f"unknown fentanyl lever(s) {unknown}; choose from: {', '.join(LEVERS)}")
    if not 0 < spend_usd_bn <= MAX_SPEND_USD_BN:
        raise ScenarioError(
            f"spend_usd_bn must lie in (0, {MAX_SPEND_USD_BN:g}] (US$bn a year; lever effects scale linearly with "
            f"spending, which cannot hold far beyond the US$1bn they are stated for); got {spend_usd_bn!r}. "
            "Give US$ billions, e.g. --spend 1.0."
        )
    cal = calibrate_fentanyl(fiscal_year, assumptions)
    outcomes = tuple(
        LeverOutcome(LEVERS[k], spend_usd_bn, simulate_market(cal.chain, LEVERS[k].policy(cal.chain, spend_usd_bn), m))
        for k in keys
        for m in (Markup(m) for m in markups)
    )
    inputs = RunInputs(
        "fentanyl_levers",
        {
            "levers": list(keys),
            "spend_usd_bn": float(spend_usd_bn),
            "markups": [Markup(m).value for m in markups],
            "fiscal_year": int(fiscal_year),
            "assumptions": asdict(cal.assumptions),
            "data_digest": flows_digest(*FENTANYL_SERIES),
        },
    )
    notes = (
        "additive markups are the central case; multiplicative rows (if shown) are a sensitivity that the price "
        "evidence (Caulkins & Reuter 2010) does not support, not an equal bound",
        "lever effects scale linearly with spending and are independent across levers (assumption)",
        f"value of deaths averted at the {VSL_SOURCE}",
    )
    return FentanylResult(cal, outcomes, rydell_everingham_check(), notes, inputs=inputs)


@dataclass(frozen=True)
class EnforcementValue:
    """The value to the US of Mexican enforcement effort (for the bargaining dimension).

    One unit of effort is the `LEVERS["mexican-enforcement"]` programme (lab seizure rate +5 pp and
    risk cost +25% of the lab-gate price, ≈ US$1bn a year at the stated assumption).
    """

    effort: float
    markup: Markup
    deaths_averted: float
    deaths_averted_per_unit: float
    value_usd: float
    value_usd_per_unit: float
    crossing_flow_change_pct: float
    vsl_usd: float
    vsl_source: str

    def to_dict(self) -> dict[str, object]:
        return {k: (v.value if isinstance(v, Markup) else v) for k, v in self.__dict__.items()}


def mexican_enforcement_value(
    effort: float = 1.0,
    *,
    markup: Markup | str = Markup.ADDITIVE,
    vsl_usd: float = VSL_USD,
    fiscal_year: int = 2023,
    assumptions: FentanylAssumptions | None = None,
    border_seizure_rate: float | None = None,
) -> EnforcementValue:
    """US deaths averted, and their value at the VSL, when Mexico supplies ``effort`` units of enforcement.

    ``effort`` = 0 gives zero; the value is not linear in effort (seizure rates compound through the chain).
    ``border_seizure_rate`` overrides the assumption's rate (the cases of `SEIZURE_RATE_CASES`).
    """
    if not 0 <= effort <= MAX_SPEND_USD_BN:
        raise ScenarioError(
            f"effort must lie in [0, {MAX_SPEND_USD_BN:g}] (units of the Mexican-enforcement lever, US$bn a year); "
            f"got {effort!r}. Use e.g. 1.0."
        )
    a = assumptions or FentanylAssumptions()
    if border_seizure_rate is not None:
        a = replace(a, border_seizure_rate=float(border_seizure_rate))
    cal = calibrate_fentanyl(fiscal_year, a)
    lever = LEVERS["mexican-enforcement"]
    out = simulate_market(cal.chain, lever.policy(cal.chain, effort), markup)
    rec = LeverOutcome(lever, max(effort, 1e-12), out).record()
    per_unit = out.deaths_averted / effort if effort > 0 else 0.0
    return EnforcementValue(
        effort=float(effort),
        markup=Markup(markup),
        deaths_averted=out.deaths_averted,
        deaths_averted_per_unit=per_unit,
        value_usd=out.deaths_averted * vsl_usd,
        value_usd_per_unit=per_unit * vsl_usd,
        crossing_flow_change_pct=float(rec["crossing_flow_change_pct"]),
        vsl_usd=float(vsl_usd),
        vsl_source=VSL_SOURCE if vsl_usd == VSL_USD else "caller-supplied VSL",
    )
