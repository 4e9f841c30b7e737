"""Rydell & Everingham (1994) for cocaine, rebuilt from the parameters the literature reports — and where it stops.

Rydell and Everingham (RAND MR-331, 1994) report the extra annual spending needed to cut US cocaine
consumption by 1% (1992 dollars): source-country control US$783m, interdiction US$366m, domestic
enforcement US$246m, treatment US$34m. Their model is a long-run market in which supply control raises
suppliers' average cost and the price equals average cost (National Research Council 1999, pp. 8–13):

.. math::

    P = AC(Q) + \\Delta C, \\qquad AC(Q) \\propto Q^{1/\\varepsilon_s}, \\qquad Q = A P^{\\eta},

with a supply elasticity :math:`\\varepsilon_s = -3.6` (average cost falls with volume; NRC 1999 p. 12,
from R&E Table E.1) and a dollar of cost at any stage moving the average-cost curve up by a dollar
(additive pass-through; NRC 1999 p. 13). Cutting :math:`Q` by 1% needs the cost shift
:math:`\\Delta C / P = 0.99^{1/\\eta} - 0.99^{1/\\varepsilon_s}`; a programme costs
:math:`I / \\kappa` with :math:`I = \\Delta C \\cdot Q'` the supplier cost to impose and :math:`\\kappa` the
supplier cost the programme imposes per dollar.

What palanca can and cannot take from the literature:

- :math:`\\kappa` *on average* over supply control: enforcement accounts for 60–70% of the retail price
  (Caulkins & Reuter 1998, as summarised in NRC 2001 p. 155) and supply control cost ≈93% of the US$13bn
  spent on cocaine control in 1992 (RAND research brief RB-6002: ≈7% went to treatment; the press reports
  treatment at US$933m), so :math:`\\bar\\kappa = 0.65\\,PQ / (0.93 \\times 13)`. Price and quantity cancel:
  the average-κ figure is :math:`0.99\\,(\\Delta C/P) \\times 0.93 \\times 13 / 0.65`, so the labelled price and
  consumption do not move it;
- the *programme-specific* :math:`\\kappa_k` (MR-331 Appendix B) and the treatment inputs (Appendix D)
  appear in none of the sources searched (NRC 1999 ch. 2, Caulkins, Chiesa & Everingham 2000, RAND
  RB-6002, the abstract of Rydell, Caulkins & Everingham 1996, press accounts of MR-331), so the
  source-country, interdiction and treatment figures are **not reproduced**; `NOT_REPRODUCED` names the
  missing numbers.

Two labelled cross-checks use the published figures themselves and are *not* reproductions:
the :math:`\\kappa_k = I/\\text{cost}_k` each published figure implies, and the consistency ratio
:math:`I \\sum_k (S_k/\\text{cost}_k) / (0.65\\,PQ)`, which compares the supplier cost the four published
figures imply at 1992 spending :math:`S_k` with Caulkins & Reuter's share (price and quantity cancel here too).

R&E's figures are averages over a 15-year projection of a dynamic model of light and heavy users (Rydell,
Caulkins & Everingham 1996); this check is the static long-run version. The demand elasticity, the 1992
retail price and consumption are palanca's labelled assumptions; the press reports of MR-331 give
≈360 t and "a little over" US$100 per pure gram, which would not change the average-κ figure.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["RE1994", "RE1994_PUBLISHED_USD_M", "RydellEveringhamCheck", "rydell_everingham_check"]

#: Rydell & Everingham (1994), extra spending (US$m, 1992) to cut cocaine consumption by 1%. Also reported
#: by the New York Times News Service (Chicago Tribune, 19 June 1994) and RB-6002's "seven times".
RE1994_PUBLISHED_USD_M = {
    "source-country": 783.0,
    "interdiction": 366.0,
    "domestic enforcement": 246.0,
    "treatment": 34.0,
}
TOLERANCE = 0.25
SUPPLY_PROGRAMMES = ("source-country", "interdiction", "domestic enforcement")

_PRESS_SPLIT = (
    "press account of MR-331's 1992 spending split (domestic enforcement 69%, interdiction 12%, source-country "
    "6%, treatment 6%, prevention 7% of US$13bn; reprinted at everingham.com, article001); secondary, used only "
    "in the labelled cross-checks"
)
_PRESS_TREATMENT = (
    "R&E as reported by the Chicago Tribune (19 June 1994) and BusinessWeek (13 August 1995): about 80% of "
    "heavy users in treatment stay off cocaine while in it, about 13% stay off after; carried for reference "
    "(the treatment figure also needs the inputs in NOT_REPRODUCED)"
)

#: name -> (value, source): cited values first, then press-reported values, then palanca's labelled
#: assumptions. None is fitted to the published programme costs.
RE1994: dict[str, tuple[float, str]] = {
    "supply_elasticity": (-3.6, "NRC (1999), Assessment of Two Cost-Effectiveness Studies on Cocaine Control "
                          "Policy, p. 12 (R&E Table E.1 baseline)"),
    "enforcement_share_of_price": (0.65, "Caulkins & Reuter (1998): enforcement accounts for 60–70% of the retail "
                                   "price of cocaine (NRC 2001, Informing America's Policy on Illegal Drugs, p. 155)"),
    "control_spending_usd_bn": (13.0, "RAND RB-6002 (1994): US$13bn spent on cocaine control in 1992"),
    "supply_control_share": (0.93, "RAND RB-6002 (1994): about 7% of the US$13bn went to treatment (NYT News "
                             "Service, Chicago Tribune 19 June 1994: US$933m); the rest is taken as supply control"),
    "horizon_years": (15.0, "Rydell, Caulkins & Everingham (1996), Operations Research 44(5), abstract (NCJRS "
                      "177121): effects over a 15-year horizon (carried for reference; this check is static)"),
    "heavy_to_light_consumption": (8.0, "Rydell & Everingham (1994), abstract: heavy users consume about eight "
                                   "times as much as light users (carried for reference; needs Appendix D to use)"),
    "in_treatment_abstinence": (0.80, _PRESS_TREATMENT),
    "post_treatment_abstinence": (0.13, _PRESS_TREATMENT),
    "domestic_enforcement_spending_share": (0.69, _PRESS_SPLIT),
    "interdiction_spending_share": (0.12, _PRESS_SPLIT),
    "source_country_spending_share": (0.06, _PRESS_SPLIT),
    "consumption_kg": (291_000.0, "assumption: US cocaine consumption in 1992 ≈ 291 t (the NYT News Service, "
                       "Chicago Tribune 19 June 1994, reports RAND's estimate as about 360 t; cancels out here)"),
    "retail_price_usd_per_kg": (120_000.0, "assumption: ≈US$120 per pure gram at retail, early 1990s (a 1994 press "
                                "account of R&E: 'a little over $100' in 1992; cancels out here)"),
    "elasticity": (-0.5, "assumption: long-run price elasticity of cocaine demand −0.5 (R&E's own value is not in "
                   "the sources searched; the NRC's concern, as the NCJRS abstract of Caulkins, Chiesa & Everingham "
                   "2000 (NCJ 204342) lists it, is that later research finds demand more price-responsive than R&E "
                   "assumed)"),
}  # fmt: skip

_SPENDING_SHARE_KEY = {
    "source-country": "source_country_spending_share",
    "interdiction": "interdiction_spending_share",
    "domestic enforcement": "domestic_enforcement_spending_share",
}

NOT_REPRODUCED = (
    "source-country, interdiction (and domestic enforcement on its own): need each programme's supplier cost per "
    "control dollar, which MR-331 Appendix B builds from the programme's 1992 spending, the cocaine and assets it "
    "seizes, the arrests and prison-years it imposes (domestic enforcement) and the replacement cost of what is "
    "seized at that stage (the price at that point of the chain); none of these numbers is in NRC (1999) pp. 8–13, "
    "the readable opening of Caulkins, Chiesa & Everingham (2000), RB-6002 or the press accounts",
    "treatment: needs the cost of a treatment episode and the number of heavy users treated a year (MR-331 "
    "Appendix D), the consumption of a heavy user and heavy users' exit rate without treatment (Appendix C and "
    "MR-332), and how the 15-year stream is averaged or discounted (Appendix E); found are only the effect rates "
    "(≈80% abstinent in treatment, ≈13% after) and heavy users' ≈8× consumption",
)


@dataclass(frozen=True)
class RydellEveringhamCheck:
    """palanca's cost per 1% cut in cocaine consumption beside Rydell & Everingham's, with what is not reproduced."""

    parameters: dict[str, tuple[float, str]]
    cost_shift_share: float
    imposed_cost_usd_m: float
    kappa: float
    single_kappa_usd_m: float
    implied_kappa: dict[str, float]
    supply_consistency: float
    single_kappa_press_split_usd_m: float

    @property
    def published_ratio(self) -> float:
        """Domestic enforcement / treatment (R&E: 246 / 34 ≈ 7.2; "seven times as cost-effective", RB-6002)."""
        return RE1994_PUBLISHED_USD_M["domestic enforcement"] / RE1994_PUBLISHED_USD_M["treatment"]

    @property
    def errors(self) -> dict[str, float | None]:
        """palanca / published − 1 per programme; None where palanca does not reproduce the figure."""
        dom = self.single_kappa_usd_m / RE1994_PUBLISHED_USD_M["domestic enforcement"] - 1
        return {"source-country": None, "interdiction": None, "domestic enforcement": dom, "treatment": None}

    @property
    def reproduced(self) -> tuple[str, ...]:
        """The programmes palanca reproduces within `TOLERANCE` (25%)."""
        return tuple(k for k, e in self.errors.items() if e is not None and abs(e) <= TOLERANCE)

    def to_dict(self) -> dict[str, object]:
        return {
            "parameters": {k: {"value": v, "source": s} for k, (v, s) in self.parameters.items()},
            "cost_shift_share_of_price": self.cost_shift_share,
            "imposed_cost_usd_m_per_1pct": self.imposed_cost_usd_m,
            "kappa_average": self.kappa,
            "palanca_usd_m_per_1pct": {"supply control at the average κ": self.single_kappa_usd_m},
            "published_usd_m_per_1pct": dict(RE1994_PUBLISHED_USD_M),
            "relative_error": self.errors,
            "reproduced_within_25pct": list(self.reproduced),
            "not_reproduced": list(NOT_REPRODUCED),
            "published_ratio": self.published_ratio,
            "cross_checks_not_reproductions": {
                "kappa_implied_by_published": dict(self.implied_kappa),
                "supply_consistency_ratio": self.supply_consistency,
                "average_kappa_usd_m_at_press_split_supply_share": self.single_kappa_press_split_usd_m,
            },
        }

    @property
    def summary(self) -> str:
        e = self.errors["domestic enforcement"]
        e_press = self.single_kappa_press_split_usd_m / RE1994_PUBLISHED_USD_M["domestic enforcement"] - 1
        kap = ", ".join(f"{k} {v:.2f}" for k, v in self.implied_kappa.items())
        lines = [
            "Check — cocaine, cost of cutting consumption by 1% (Rydell & Everingham 1994, RAND MR-331), rebuilt "
            "from the parameters the NRC (1999) review and Caulkins & Reuter report (none fitted to the results):",
            f"  cost shift needed: {100 * self.cost_shift_share:.2f}% of the price = "
            f"US${self.imposed_cost_usd_m:,.0f}m of supplier cost; average κ = {self.kappa:.2f} dollars of cost "
            "per control dollar",
            f"  supply control at the average κ: US${self.single_kappa_usd_m:,.0f}m (published: domestic "
            f"enforcement US$246m, {100 * e:+.0f}%; interdiction US$366m; source-country US$783m); price and "
            "consumption cancel out of this figure",
            f"  reproduced within 25%: {', '.join(self.reproduced) or 'none'}; treatment US$34m (published "
            f"{self.published_ratio:.1f}× as cost-effective as domestic enforcement) not reproduced",
            f"  sensitivity: with the press split's supply-control share (prevention counted apart, "
            f"{100 * self._press_supply_share:.0f}%) the average-κ figure is "
            f"US${self.single_kappa_press_split_usd_m:,.0f}m ({100 * e_press:+.0f}%)",
            f"  cross-check, not a reproduction: κ implied by each published figure — {kap}; at the press "
            f"spending split they imply {self.supply_consistency:.2f}× the supplier cost of Caulkins & Reuter's "
            "65% of the price",
        ]
        lines += [f"  not reproduced — {n}" for n in NOT_REPRODUCED]
        lines += ["  parameters:"] + [f"    {k} = {v:g} ({s})" for k, (v, s) in self.parameters.items()]
        return "\n".join(lines)

    @property
    def _press_supply_share(self) -> float:
        return sum(self.parameters[_SPENDING_SHARE_KEY[k]][0] for k in SUPPLY_PROGRAMMES)


def cost_shift_share(elasticity: float, supply_elasticity: float) -> float:
    """Supplier cost shift, as a share of the price, that cuts long-run consumption by 1% (module docstring).

    The price the demand curve needs at 0.99 Q, less the average cost there (scale economies lost:
    AC ∝ Q^(1/ε_s)).
    """
    return 0.99 ** (1 / elasticity) - 0.99 ** (1 / supply_elasticity)


def programme_cost_usd_m(imposed_cost_usd_m: float, kappa: float) -> float:
    """R&E's cost of a 1% cut for a supply-control programme: supplier cost to impose / cost imposed per dollar."""
    return imposed_cost_usd_m / kappa


def rydell_everingham_check(parameters: dict[str, tuple[float, str]] | None = None) -> RydellEveringhamCheck:
    """The module's long-run cost-shift calculation at the cited and labelled parameters (module docstring)."""
    par = dict(RE1994 if parameters is None else parameters)
    p, q = par["retail_price_usd_per_kg"][0], par["consumption_kg"][0]
    share = cost_shift_share(par["elasticity"][0], par["supply_elasticity"][0])
    imposed_m = share * p * 0.99 * q / 1e6
    total_m = par["control_spending_usd_bn"][0] * 1e3
    enforcement_cost_m = par["enforcement_share_of_price"][0] * p * q / 1e6
    kappa = enforcement_cost_m / (total_m * par["supply_control_share"][0])
    press_share = sum(par[_SPENDING_SHARE_KEY[k]][0] for k in SUPPLY_PROGRAMMES)
    # cross-checks on the published figures (not reproductions): the κ_k each figure implies, and the supplier
    # cost those κ_k impose at 1992 spending against Caulkins & Reuter's share of the price
    implied = {k: imposed_m / RE1994_PUBLISHED_USD_M[k] for k in SUPPLY_PROGRAMMES}
    imposed_by_published = sum(implied[k] * par[_SPENDING_SHARE_KEY[k]][0] * total_m for k in SUPPLY_PROGRAMMES)
    return RydellEveringhamCheck(
        parameters=par,
        cost_shift_share=float(share),
        imposed_cost_usd_m=float(imposed_m),
        kappa=float(kappa),
        single_kappa_usd_m=float(programme_cost_usd_m(imposed_m, kappa)),
        implied_kappa=implied,
        supply_consistency=float(imposed_by_published / enforcement_cost_m),
        single_kappa_press_split_usd_m=float(
            programme_cost_usd_m(imposed_m, enforcement_cost_m / (total_m * press_share))
        ),
    )
