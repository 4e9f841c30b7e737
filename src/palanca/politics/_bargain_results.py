"""The bargain's result: the deal, each side's gain, the leverage measures, and one summary that renders them."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from palanca._inputs import RunInputs
from palanca.politics._bargain_spec import BargainScenario

__all__ = ["LEVERAGE_MEANING", "SPLIT_MEANING", "BargainResult", "Deal", "finite_or_none"]

LEVERAGE_MEANING = (
    "US leverage index: the US share of the two sides' normalised gains over the outside option (USMCA collapse), "
    "(g_US/G_US) / (g_US/G_US + g_MX/G_MX), where g is each side's gain in the deal over its outside option and G "
    "the most it could gain over it in any deal the other accepts. Unit-free: unchanged by a change of either "
    "side's currency or scale. The outside option does not move with threats, so a more credible threat, which "
    "moves the deal towards the threatener, raises its index. 0 = the US gets only its outside option; 0.5 = each "
    "side got the same fraction of the most it could get; above 0.5 the US got closer to its best."
)
SPLIT_MEANING = (
    "Surplus split: the same normalisation over the disagreement point (the credibility-weighted tariff war). It "
    "nets out the threats by construction (with a linear frontier it equals the Nash weight), so it is not a "
    "leverage measure: a weaker threat lowers the disagreement point and can raise it."
)


def finite_or_none(obj: Any) -> Any:
    """``obj`` with every non-finite float (NaN, inf) replaced by None, recursively: valid JSON, no silent NaN."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, Mapping):
        return {k: finite_or_none(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [finite_or_none(v) for v in obj]
    if hasattr(obj, "item") and not isinstance(obj, str):  # numpy scalars
        return finite_or_none(obj.item())
    return obj


@dataclass(frozen=True)
class Deal:
    """A point of the deal space with both payoffs (% of real income a year)."""

    terms: Mapping[str, float]
    usa_pct: float
    mex_pct: float

    def to_dict(self) -> dict[str, Any]:
        return {"terms": dict(self.terms), "usa_pct": self.usa_pct, "mex_pct": self.mex_pct}


@dataclass(frozen=True, eq=False)
class BargainResult:
    """The predicted bargain of one scenario as of a date (see `bargain`).

    Payoffs are % of each side's own real income a year; USD figures use the scenario's GDPs.

    Attributes
    ----------
    leverage_usa : float
        The unit-free leverage index (`LEVERAGE_MEANING`).
    usd_share_usa : float
        The US share of the joint gain in USD (grows with relative size; not a leverage measure).
    beta_usa : float
        The Nash bargaining weight from the discount rates.
    inputs : Mapping
        Every parameter with its value, range and basis (judgement, cited or model).
    """

    scenario: BargainScenario
    world: str
    as_of: str | None
    deal: Deal | None
    disagreement: tuple[float, float]
    outside: tuple[float, float]
    beta_usa: float
    gain_pct: Mapping[str, float]
    gain_usd_bn: Mapping[str, float]
    ideal_gain_pct: Mapping[str, float]
    leverage_usa: float
    usd_share_usa: float
    credibility: Mapping[str, Any]
    threat_point: Mapping[str, Any]
    rubinstein: Mapping[str, Any]
    fearon: Mapping[str, float]
    red_line_binding: bool
    timeline: tuple[Mapping[str, float], ...]
    cliff_deal: Deal | None
    tornado: tuple[Mapping[str, Any], ...]
    monte_carlo: Mapping[str, Any]
    inputs: Mapping[str, Mapping[str, Any]]
    engine_solves: int
    outside_binding: str | None = None
    surplus_split_usa: float = float("nan")
    gain_over_outside_pct: Mapping[str, float] | None = None
    ideal_gain_over_outside_pct: Mapping[str, float] | None = None
    # The exact inputs of the call that made this result (`palanca.RunInputs`; ``inputs`` above is the
    # parameter table with ranges and bases): the store saves them as the run's parameters.
    run_inputs: RunInputs | None = None

    def to_dict(self) -> dict[str, Any]:
        """Everything as JSON-ready values; quantities that do not exist (no deal) are None, never NaN."""
        return finite_or_none(self._raw_dict())

    def _raw_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario.name,
            "world": self.world,
            "as_of": self.as_of,
            "deal": None if self.deal is None else self.deal.to_dict(),
            "disagreement_pct": {"USA": self.disagreement[0], "MEX": self.disagreement[1]},
            "outside_option_pct": {"USA": self.outside[0], "MEX": self.outside[1]},
            "outside_option_binding_for": self.outside_binding,
            "nash_weight_usa": self.beta_usa,
            "gain_pct": dict(self.gain_pct),
            "gain_usd_bn": dict(self.gain_usd_bn),
            "surplus_pct": dict(self.gain_pct),
            "surplus_usd_bn": dict(self.gain_usd_bn),
            "ideal_gain_pct": dict(self.ideal_gain_pct),
            "gain_over_outside_pct": dict(self.gain_over_outside_pct or {}),
            "ideal_gain_over_outside_pct": dict(self.ideal_gain_over_outside_pct or {}),
            "leverage_usa": self.leverage_usa,
            "leverage_meaning": LEVERAGE_MEANING,
            "surplus_split_usa": self.surplus_split_usa,
            "surplus_split_meaning": SPLIT_MEANING,
            "usd_share_usa": self.usd_share_usa,
            "credibility": {k: (dict(v) if isinstance(v, Mapping) else v) for k, v in self.credibility.items()},
            "threat_point": dict(self.threat_point),
            "red_line_binding": self.red_line_binding,
            "rubinstein": dict(self.rubinstein),
            "fearon": dict(self.fearon),
            "usmca_timeline": [dict(r) for r in self.timeline],
            "deal_at_2036_cliff": None if self.cliff_deal is None else self.cliff_deal.to_dict(),
            "tornado": [dict(r) for r in self.tornado],
            "monte_carlo": dict(self.monte_carlo),
            "inputs": {k: dict(v) for k, v in self.inputs.items()},
            "engine_solves": self.engine_solves,
        }

    def summary(self) -> str:
        when = f" as of {self.as_of}" if self.as_of else ""
        lines = [f"Bargain: {self.scenario.name}{when} (trade payoffs from world {self.world!r})"]
        if self.deal is None:
            lines.append("No deal: no point of the deal space improves on the dispute for both sides.")
            return "\n".join(lines)
        lines.append("Predicted deal (asymmetric Nash; disagreement = credibility-weighted tariff war):")
        if self.outside_binding:
            lines.append(
                f"  ({self.outside_binding} gets exactly its outside option, USMCA collapse: outside-option principle)"
            )
        for k, v in self.deal.terms.items():
            lines.append(f"  {k:28s} {v:8.3f}")
        g, u = self.gain_pct, self.gain_usd_bn
        lines.append(
            f"Gain over disagreement: USA {g['USA']:+.3f}% of its income ({u['USA']:+.1f} bn USD), "
            f"MEX {g['MEX']:+.3f}% of its income ({u['MEX']:+.1f} bn USD)"
        )
        lines.append(f"Bargaining weight (Nash, from discount rates): USA {self.beta_usa:.3f}")
        mc = self.monte_carlo
        band = ""
        if "leverage_usa_p05" in mc:
            band = f" [90% MC interval {mc['leverage_usa_p05']:.3f}–{mc['leverage_usa_p95']:.3f}]"
        lines.append(f"US leverage index {self.leverage_usa:.3f}{band}")
        lines.append("  " + LEVERAGE_MEANING)
        lines.append(f"Surplus split over the disagreement point (not leverage): {self.surplus_split_usa:.3f}")
        lines.append(f"US share of the joint gain in USD (size-dependent, not leverage): {self.usd_share_usa:.3f}")
        cu, cm = self.credibility["usa_tariff_threat"], self.credibility["mex_counter_tariff"]
        lines.append(
            f"Threat credibility from the record: US tariff {cu['credibility']:.2f} (execution "
            f"{cu['execution_rate_mean']:.2f} x legal durability {cu['legal_durability_mean']:.2f}), "
            f"Mexican counter-tariff {cm['credibility']:.2f}"
        )
        lines.append(f"Threat point: {self.threat_point['method']}")
        r = self.rubinstein
        if r:
            lines.append(
                f"Rubinstein (annual offers): US share of the USD gain {r['usd_share_usa_us_proposes']:.3f} (US "
                f"proposes) / {r['usd_share_usa_mex_proposes']:.3f} (Mexico proposes) around Nash's "
                f"{self.usd_share_usa:.3f}; outside option binding: {r['outside_option_binding']}"
            )
        f = self.fearon
        lines.append(f"Fearon range for the US share of the stake: [{f['low']:.3f}, {f['high']:.3f}]")
        lines.append(f"Red line binding: {self.red_line_binding}")
        if self.tornado:
            top = ", ".join(f"{t['parameter']} ({t['swing']:+.3f})" for t in self.tornado[:3])
            lines.append(f"What moves the leverage index most: {top}")
        if self.timeline:
            t0 = self.timeline[0]
            lines.append(f"P(confirmed at the {int(t0['year'])} review) = {t0['p_confirmed_by']:.2f}")
        model_inputs = [k for k, v in self.inputs.items() if str(v["basis"]).startswith("model")]
        lines.append(f"Inputs from palanca models: {', '.join(model_inputs) or 'none'}; the rest are judgement.")
        return "\n".join(lines)
