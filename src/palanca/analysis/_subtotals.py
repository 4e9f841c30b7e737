"""Subtotals by shock: how much of each side's figure comes from each group of a scenario's measures.

A scenario with both a tariff and a counter-tariff (``[[tariffs]]`` and ``[[retaliation]]`` blocks) is solved
three more times: with the tariffs alone, with the retaliation alone, and with neither. Because the model is
non-linear the two partial effects do not add up to the joint one; the subtotals here are the Shapley values of the
two groups (the average of each group's marginal effect over both orders), which do add up exactly:

.. math:: s_T = \\tfrac12\\,[(v_{TR} - v_R) + (v_T - v_0)], \\qquad s_R = \\tfrac12\\,[(v_{TR} - v_T) + (v_R - v_0)]

with :math:`v` the real-income change in % and :math:`v_0 = 0`; equivalently each group gets its effect alone plus
half the interaction :math:`v_{TR} - v_T - v_R`, which is reported beside them. This serves the purpose of
RunGTAP's subtotals (Harrison, Horridge and Pearson 2000, *Computational Economics* 15: decomposing a simulation's
results by exogenous shock) but is not the same number: GEMPACK integrates each shock's contribution along the
straight line on which all shocks move together, whereas the Shapley value averages the two paths on which one
group moves first. Both add up exactly, but in a non-linear model they generally differ.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from palanca.model import World, solve
from palanca.scenarios import Scenario, build_scenario

__all__ = ["ShockSubtotals", "shock_subtotals"]


@dataclass(frozen=True)
class ShockSubtotals:
    """Real-income change (% of income) of each country attributed to the tariffs and to the retaliation."""

    countries: tuple[str, ...]
    tariffs_pct: tuple[float, ...]
    retaliation_pct: tuple[float, ...]
    tariffs_alone_pct: tuple[float, ...]
    retaliation_alone_pct: tuple[float, ...]
    method: str = "Shapley values of the two groups of measures (exact: they add up to the joint effect)"

    @property
    def interaction_pct(self) -> tuple[float, ...]:
        """The joint effect less the two effects alone (``v_TR - v_T - v_R``): what neither group does by itself."""
        return tuple(
            t + r - ta - ra
            for t, r, ta, ra in zip(
                self.tariffs_pct, self.retaliation_pct, self.tariffs_alone_pct, self.retaliation_alone_pct, strict=True
            )
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "method": self.method,
            "countries": [
                {
                    "country": c,
                    "tariffs_pct": t,
                    "retaliation_pct": r,
                    "tariffs_alone_pct": ta,
                    "retaliation_alone_pct": ra,
                    "interaction_pct": ta_r,
                }
                for c, t, r, ta, ra, ta_r in zip(
                    self.countries,
                    self.tariffs_pct,
                    self.retaliation_pct,
                    self.tariffs_alone_pct,
                    self.retaliation_alone_pct,
                    self.interaction_pct,
                    strict=True,
                )
            ],
        }


def _pct(scenario: Scenario, world: World, codes: tuple[str, ...]) -> np.ndarray:
    built = build_scenario(scenario, world)
    base = built.world
    eq = solve(base, built.shock, closure=built.closure, baseline=base)
    idx = [base.country_index(c) for c in codes]
    return 100.0 * (eq.real_income_hat[idx] - 1.0)


def shock_subtotals(
    scenario: Scenario, world: World, codes: tuple[str, ...], joint_pct: np.ndarray
) -> ShockSubtotals | None:
    """Subtotals of ``joint_pct`` (the scenario's effect on ``codes``) by tariffs and retaliation.

    ``None`` when the scenario has no retaliation blocks or no tariff blocks (nothing to split), or has other
    measures too (trade costs, content tariffs, a lost agreement, a policy date), which both parts would share.
    """
    if not scenario.retaliation or not scenario.tariffs:
        return None
    if scenario.trade_costs or scenario.content_tariffs or scenario.lost_agreement or scenario.policy_date:
        return None
    t_only = _pct(dataclasses.replace(scenario, retaliation=()), world, codes)
    r_only = _pct(dataclasses.replace(scenario, tariffs=()), world, codes)
    joint = np.asarray(joint_pct, dtype=float)
    s_t = 0.5 * ((joint - r_only) + t_only)
    s_r = 0.5 * ((joint - t_only) + r_only)
    return ShockSubtotals(
        countries=tuple(codes),
        tariffs_pct=tuple(float(x) for x in s_t),
        retaliation_pct=tuple(float(x) for x in s_r),
        tariffs_alone_pct=tuple(float(x) for x in t_only),
        retaliation_alone_pct=tuple(float(x) for x in r_only),
    )
