"""The fentanyl levers' results: one lever's outcome, the result of `fentanyl_levers`, and the value of a life."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from palanca._inputs import RunInputs
from palanca.flows._drugmarket import MarketOutcome
from palanca.flows._rand1994 import RydellEveringhamCheck
from palanca.flows._render import fmt, text_table

if TYPE_CHECKING:  # pragma: no cover
    from palanca.flows._fentanyl import FentanylCalibration, FentanylLever

__all__ = ["VSL_SOURCE", "VSL_USD", "FentanylResult", "LeverOutcome"]

#: US DOT departmental guidance on the value of a statistical life, 2024 analyses (USD).
VSL_USD = 13.2e6
VSL_SOURCE = "US DOT value of a statistical life, base year 2023 (current guidance): US$13.2m"


@dataclass(frozen=True)
class LeverOutcome:
    """One lever at one spending level under one markup rule."""

    lever: FentanylLever
    spend_usd_bn: float
    outcome: MarketOutcome

    @property
    def deaths_averted_per_usd_bn(self) -> float:
        return self.outcome.deaths_averted / self.spend_usd_bn

    @property
    def cost_per_death_averted_usd(self) -> float:
        averted = self.outcome.deaths_averted
        return self.spend_usd_bn * 1e9 / averted if averted > 0 else float("inf")

    def record(self) -> dict[str, object]:
        o = self.outcome
        crossing = o.entering_kg[2] * (1 - o.seizure_rate[2])
        base_crossing = o.baseline_entering_kg[2] * (1 - o.chain.seizure_rate[2])
        return {
            "lever": self.lever.key,
            "markup": o.markup.value,
            "spend_usd_bn": self.spend_usd_bn,
            "crossing_flow_change_pct": 100 * (crossing / base_crossing - 1),
            "retail_price_change_pct": o.retail_price_change_pct,
            "consumption_change_pct": o.consumption_change_pct,
            "deaths_averted": o.deaths_averted,
            "deaths_averted_per_usd_bn": self.deaths_averted_per_usd_bn,
            "cost_per_death_averted_usd_m": self.cost_per_death_averted_usd / 1e6,
            "value_usd_bn_at_vsl": o.deaths_averted * VSL_USD / 1e9,
            "assumption": self.lever.assumption,
        }


@dataclass(frozen=True, eq=False)
class FentanylResult:
    """Calibration, lever outcomes (both markup rules where asked) and the Rydell–Everingham check."""

    calibration: FentanylCalibration
    outcomes: tuple[LeverOutcome, ...]
    rand_check: RydellEveringhamCheck
    notes: tuple[str, ...] = field(default=())
    # The exact inputs of the call that made this result (`palanca.RunInputs`); the store saves them.
    inputs: RunInputs | None = None

    def to_dict(self) -> dict[str, object]:
        c = self.calibration
        return {
            "fiscal_year": c.fiscal_year,
            "calibration": {
                "cbp_sw_border_fentanyl_seized_gross_kg": c.seized_gross_kg,
                "seized_pure_kg": c.seized_pure_kg,
                "border_flow_pure_kg": c.border_flow_kg,
                "consumption_pure_kg": c.chain.consumption_kg,
                "synthetic_opioid_deaths_12m_to_sep": c.deaths,
                "nflis_fentanyl_reports": c.nflis_reports,
                "stages": list(c.chain.stages),
                "price_usd_per_kg": c.chain.price_usd_per_kg.tolist(),
                "seizure_rate": c.chain.seizure_rate.tolist(),
                "elasticity": c.chain.elasticity,
                "assumptions": list(c.chain.assumptions),
            },
            "levers": [o.record() for o in self.outcomes],
            "vsl_usd": VSL_USD,
            "vsl_source": VSL_SOURCE,
            "rydell_everingham_1994": self.rand_check.to_dict(),
            "notes": list(self.notes),
            "inputs": None if self.inputs is None else self.inputs.to_dict(),
        }

    @property
    def summary(self) -> str:
        c = self.calibration
        head = [
            f"Fentanyl supply chain, FY{c.fiscal_year} calibration",
            f"  CBP fentanyl seized at the SW border: {c.seized_gross_kg:,.0f} kg gross (CBP drug seizure "
            "statistics)"
            f" → {c.seized_pure_kg:,.0f} kg pure (assumed purity)",
            f"  flow reaching the border {c.border_flow_kg:,.0f} kg pure; US consumption "
            f"{c.chain.consumption_kg:,.0f}"
            " kg pure (assumed seizure rates)",
            f"  synthetic-opioid deaths, 12 months to Sep {c.fiscal_year}: {c.deaths:,.0f} (CDC/NCHS VSRR); "
            "NFLIS "
            f"fentanyl reports {c.fiscal_year}: {c.nflis_reports:,.0f} (DEA; availability indicator)",
            "",
        ]
        rows = []
        for o in self.outcomes:
            r = o.record()
            rows.append(
                [
                    o.lever.label,
                    "additive" if r["markup"] == "additive" else "multiplic. (sensitivity)",
                    fmt(float(r["spend_usd_bn"]), ".2f"),
                    fmt(float(r["crossing_flow_change_pct"]), "+.2f"),
                    fmt(float(r["retail_price_change_pct"]), "+.2f"),
                    fmt(float(r["consumption_change_pct"]), "+.2f"),
                    fmt(float(r["deaths_averted"]), ",.0f"),
                    fmt(float(r["cost_per_death_averted_usd_m"]), ",.2f"),
                ]
            )
        table = text_table(
            "Policy levers (effects per the stated assumptions; cost-effectiveness = US$ per death averted)",
            ["lever", "markup", "US$bn", "crossing %", "retail price %", "consumption %", "deaths averted",
             "US$m/death"],
            rows,
        )  # fmt: skip
        lines = [*head, table, "", "Assumptions:"]
        lines += [f"  {s}" for s in c.chain.assumptions]
        seen: set[str] = set()
        for o in self.outcomes:
            if o.lever.key not in seen:
                seen.add(o.lever.key)
                lines.append(f"  {o.lever.label}: {o.lever.assumption}")
        lines += ["", self.rand_check.summary]
        lines += [f"  {n}" for n in self.notes]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary
