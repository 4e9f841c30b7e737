"""The migration overview: encounter series by fiscal year and citizenship, policy events, the fitted model."""

from __future__ import annotations

from dataclasses import dataclass

from palanca._inputs import RunInputs
from palanca.data import flows_digest, load_encounters_nationwide, load_encounters_usbp
from palanca.flows._migration import (
    POLICY_EVENTS,
    EnforcementFit,
    MigrationEffect,
    fit_enforcement_model,
    migration_effect,
)
from palanca.flows._render import fmt, text_table

__all__ = ["MigrationOverview", "migration_overview"]


@dataclass(frozen=True, eq=False)
class MigrationOverview:
    """Encounter series by fiscal year and citizenship, policy events, and the fitted model."""

    usbp_by_fy: dict[int, float]
    encounters_by_fy: dict[int, float]
    by_citizenship_fy: dict[str, dict[int, float]]
    fit: EnforcementFit
    effect: MigrationEffect
    # The exact inputs of the call that made this result (`palanca.RunInputs`); the store saves them.
    inputs: RunInputs | None = None

    def to_dict(self) -> dict[str, object]:
        lo, hi = self.fit.band
        return {
            # fiscal years as strings, as JSON writes them (and the store's tables need)
            "usbp_sw_apprehensions_by_fy": {str(y): v for y, v in self.usbp_by_fy.items()},
            "cbp_sw_encounters_by_fy": {str(y): v for y, v in self.encounters_by_fy.items()},
            "cbp_sw_encounters_by_citizenship_fy": {
                c: {str(y): v for y, v in by.items()} for c, by in self.by_citizenship_fy.items()
            },
            "policy_events": [{"date": d, "event": e} for d, e in POLICY_EVENTS],
            "model": {
                "theta": self.fit.theta,
                "se_hac": self.fit.se_hac,
                "placebo_sd": self.fit.placebo_sd,
                "band": [lo, hi],
                "identified": self.fit.identified,
                "failed_checks": list(self.fit.failed_checks),
                "effect_pct_per_unit": self.fit.effect_pct,
                "policy_coefficients": self.fit.policy_coefficients,
                "theta_without_mpp": self.fit.theta_no_mpp,
                "break_scan": [{"break": b, "theta": th, "ssr": ssr} for b, th, ssr in self.fit.break_scan],
                "best_break": self.fit.best_break,
                "event_study_leads": list(self.fit.leads),
                "event_study_leads_p": self.fit.leads_p,
                "r2": self.fit.r2,
                "n_months": self.fit.n_months,
                "window": list(self.fit.window),
            },
            "effect_of_one_unit": self.effect.to_dict(),
            "inputs": None if self.inputs is None else self.inputs.to_dict(),
        }

    @property
    def summary(self) -> str:
        years = sorted(set(self.usbp_by_fy) | set(self.encounters_by_fy))
        rows = [
            [str(y), fmt(self.usbp_by_fy.get(y), ",.0f"), fmt(self.encounters_by_fy.get(y), ",.0f")]
            + [fmt(self.by_citizenship_fy[c].get(y), ",.0f") for c in self.by_citizenship_fy]
            for y in years
            if y >= 2012
        ]
        table = text_table(
            "Southwest border by fiscal year: USBP apprehensions (FY2000–20) and CBP encounters by "
            "citizenship "
            "(FY2020–23)",
            ["FY", "USBP apprehensions", "CBP encounters", *self.by_citizenship_fy],
            rows,
            ["sources: USBP monthly encounters FY2000–FY2020 (CBP PDF, parsed by UWCHR); CBP Nationwide "
             "Encounters FY2020–FY2023 (Title 8 + Title 42, events not persons)"],
        )  # fmt: skip
        events = ["Policy events (dates):"] + [f"  {d}  {e}" for d, e in POLICY_EVENTS]
        events.append("  (USBP series end in Sep 2020 and CBP encounters in Sep 2023; later events are listed only)")
        f, e = self.fit, self.effect
        terms = ", ".join(f"{k} {v:+.2f}" for k, v in f.policy_coefficients.items())
        scan = ", ".join(f"{b[:7]} {th:+.2f}" for b, th, _ in f.break_scan)
        verdict = (
            "identified: every check passes"
            if f.identified
            else "NOT IDENTIFIED by these data — " + "; ".join(f.failed_checks)
        )
        model = [
            "Model: interrupted series of log USBP SW apprehensions (Border Patrol only) on month-of-year "
            f"effects, a trend, policy terms and a step at Mexico's June 2019 deployment; OLS "
            f"{f.window[0][:7]}..{f.window[1][:7]}, {f.n_months} months, R² {f.r2:.2f}, HAC (Newey–West) errors",
            f"  θ = {f.theta:+.3f} (HAC s.e. {f.se_hac:.3f}; placebo-break s.d. {f.placebo_sd:.3f}); "
            f"without MPP θ = {f.theta_no_mpp:+.3f}; policy terms: {terms}",
            f"  break-date robustness (θ by break month): {scan}; best fit {f.best_break[:7]}",
            f"  event study: the six months before June 2019 sit {min(f.leads):+.2f} to {max(f.leads):+.2f} "
            f"log points off trend (joint p = {f.leads_p:.2g})",
            f"  {verdict}",
            f"  one unit of effort: {e.change_pct:+.0f}% (range {e.change_low_pct:+.0f}% to "
            f"{e.change_high_pct:+.0f}%) of {e.baseline_encounters:,.0f} ({e.baseline_source}) = "
            f"{e.averted:,.0f} averted a year (range {e.averted_low:,.0f} to {e.averted_high:,.0f})",
        ]
        return "\n".join([table, "", *events, "", *model])

    def __str__(self) -> str:
        return self.summary


def migration_overview() -> MigrationOverview:
    """Series by fiscal year (USBP, CBP by citizenship), the policy events, and the fitted model."""
    u = load_encounters_usbp()
    usbp = u[u["sector"] == "southwest_border"].groupby("fiscal_year")["apprehensions"].sum()
    n = load_encounters_nationwide()
    sw = n[n["region"] == "Southwest Land Border"].copy()
    sw["fy"] = sw["month"].dt.year + (sw["month"].dt.month >= 10)
    total = sw.groupby("fy")["encounters"].sum()
    groups = {"Mexico": ("MEXICO",), "Guatemala/Honduras/El Salvador": ("GUATEMALA", "HONDURAS", "EL SALVADOR")}
    by_cit = {
        name: {int(k): float(v) for k, v in sw[sw["citizenship"].isin(c)].groupby("fy")["encounters"].sum().items()}
        for name, c in groups.items()
    }
    by_cit["other"] = {int(y): float(total[y]) - sum(by_cit[g].get(int(y), 0.0) for g in groups) for y in total.index}
    fit = fit_enforcement_model()
    return MigrationOverview(
        usbp_by_fy={int(k): float(v) for k, v in usbp.items()},
        encounters_by_fy={int(k): float(v) for k, v in total.items()},
        by_citizenship_fy=by_cit,
        fit=fit,
        effect=migration_effect(1.0, fit=fit),
        inputs=RunInputs(
            "migration_overview", {"data_digest": flows_digest("encounters_usbp", "encounters_nationwide")}
        ),
    )
