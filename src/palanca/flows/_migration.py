"""Southwest-border encounters, dated policy events, and an enforcement-effort model estimated on the data.

Model (stated, simple). Monthly USBP southwest-border apprehensions :math:`E_t` follow

.. math::

    \\log E_t = a + \\sum_{m} d_m [\\text{month}_t = m] + b\\,t + \\phi\\, U_t + \\theta\\, M_t + \\varepsilon_t,

where :math:`M_t \\in [0, 1]` is Mexico's enforcement-effort index (1 from June 2019, when Mexico
deployed the National Guard under the 7 June 2019 US–Mexico Joint Declaration after the US threat
of tariffs on all Mexican goods; 0 before), :math:`U_t` marks the US "Remain in Mexico" programme
(MPP, from 29 January 2019), :math:`d_m` are month-of-year effects and :math:`b` a trend. It is
estimated by OLS on October 2016 – February 2020 (before COVID-19 and Title 42), with Newey–West
(HAC, 6 lags) standard errors. One unit of effort multiplies encounters by :math:`e^{\\theta}`.

Honest uncertainty: the same regression run with the break placed at every month of a placebo
window (FY2003–FY2015, no such deployment) gives a spread of "effects" from noise and seasonality
alone; the reported band is the wider of the HAC interval and ±1.96 placebo standard deviations.
The June 2019 break coincides with MPP's expansion and with US asylum-cooperation agreements, so
:math:`\\theta` is an upper bound on Mexico's own contribution. Series after September 2023 (e.g.
the February 2025 deployment) are not in the shipped data; those events are listed but not used.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from palanca.data import load_encounters_nationwide, load_encounters_usbp
from palanca.errors import ScenarioError
from palanca.flows._render import fmt, text_table

__all__ = [
    "POLICY_EVENTS",
    "EnforcementFit",
    "MigrationEffect",
    "MigrationOverview",
    "calc_ols_hac",
    "fit_enforcement_model",
    "migration_effect",
    "migration_overview",
]

#: (date, event, source) — dated policy events on the US–Mexico border.
POLICY_EVENTS: tuple[tuple[str, str], ...] = (
    ("2017-01-25", "US executive order 13767 (border security and immigration enforcement)"),
    ("2018-04-06", "US 'zero tolerance' prosecution policy"),
    ("2019-01-29", "US Migrant Protection Protocols ('Remain in Mexico') begin"),
    ("2019-05-30", "US threatens 5–25% tariffs on all Mexican goods over migration"),
    ("2019-06-07", "US–Mexico Joint Declaration: Mexico deploys the National Guard (≈6,000 to its southern border)"),
    ("2020-03-21", "Title 42 expulsions begin (COVID-19)"),
    ("2021-01-20", "US change of administration; MPP suspended"),
    ("2023-05-11", "Title 42 ends; Circumvention of Lawful Pathways rule and CBP One appointments"),
    ("2024-06-04", "US proclamation restricting asylum at the southern border"),
    ("2025-01-20", "US change of administration; CBP One appointments end"),
    ("2025-02-03", "Mexico deploys 10,000 National Guard troops to the US border; US tariffs paused for 30 days"),
)

WINDOW = ("2016-10-01", "2020-02-01")
MEXICO_BREAK = "2019-06-01"
MPP_START = "2019-02-01"
PLACEBO = ("2002-10-01", "2015-09-01")


def calc_ols_hac(y: np.ndarray, X: np.ndarray, lags: int = 6) -> tuple[np.ndarray, np.ndarray, float]:
    """OLS coefficients with Newey–West (Bartlett kernel) standard errors.

    Parameters
    ----------
    y : ndarray, T
    X : ndarray, T x P
    lags : int

    Returns
    -------
    beta : ndarray, P
    se : ndarray, P
        HAC standard errors (Newey & West 1987, *Econometrica* 55(3)).
    r2 : float
    """
    XtX_inv = np.linalg.pinv(X.T @ X)
    beta = XtX_inv @ X.T @ y
    u = y - X @ beta
    Xu = X * u[:, None]
    S = Xu.T @ Xu
    for L in range(1, lags + 1):
        w = 1 - L / (lags + 1)
        G = Xu[L:].T @ Xu[:-L]
        S += w * (G + G.T)
    cov = XtX_inv @ S @ XtX_inv
    r2 = 1 - float(u @ u) / float(((y - y.mean()) ** 2).sum())
    return beta, np.sqrt(np.diag(cov)), r2


def _design(months: np.ndarray, breaks: list[np.datetime64]) -> np.ndarray:
    mo = months.astype("datetime64[M]").astype(int) % 12
    t = np.arange(months.size, dtype=float) / 12.0
    cols = [np.ones(months.size), t]
    cols += [(mo == m).astype(float) for m in range(1, 12)]
    cols += [(months >= b).astype(float) for b in breaks]
    return np.column_stack(cols)


@dataclass(frozen=True)
class EnforcementFit:
    """The estimated effect of one unit of Mexican enforcement effort on log encounters."""

    theta: float
    se_hac: float
    placebo_sd: float
    phi_mpp: float
    r2: float
    n_months: int
    window: tuple[str, str]

    @property
    def band(self) -> tuple[float, float]:
        half = 1.96 * max(self.se_hac, self.placebo_sd)
        return self.theta - half, self.theta + half

    @property
    def effect_pct(self) -> float:
        return 100 * (np.exp(self.theta) - 1)


def fit_enforcement_model(lags: int = 6) -> EnforcementFit:
    """Estimate :math:`\\theta` (module docstring) on the shipped USBP series."""
    e = load_encounters_usbp()
    sw = e[e["sector"] == "southwest_border"].sort_values("month")
    months = sw["month"].to_numpy(dtype="datetime64[M]")
    y_all = np.log(sw["apprehensions"].to_numpy(dtype=float))
    win = (months >= np.datetime64(WINDOW[0], "M")) & (months <= np.datetime64(WINDOW[1], "M"))
    X = _design(months[win], [np.datetime64(MPP_START, "M"), np.datetime64(MEXICO_BREAK, "M")])
    beta, se, r2 = calc_ols_hac(y_all[win], X, lags)
    # placebo: same length of window, break at every month of FY2003-FY2015 (no deployment then)
    n_win = int(win.sum())
    break_pos = int(np.flatnonzero(months[win] >= np.datetime64(MEXICO_BREAK, "M"))[0])
    placebo = []
    lo, hi = np.datetime64(PLACEBO[0], "M"), np.datetime64(PLACEBO[1], "M")
    for start in range(months.size - n_win):
        b = months[start + break_pos]
        if not (lo <= b <= hi):
            continue
        sl = slice(start, start + n_win)
        Xp = _design(months[sl], [b])
        bp, _, _ = calc_ols_hac(y_all[sl], Xp, lags)
        placebo.append(bp[-1])
    return EnforcementFit(
        theta=float(beta[-1]),
        se_hac=float(se[-1]),
        placebo_sd=float(np.std(placebo, ddof=1)),
        phi_mpp=float(beta[-2]),
        r2=r2,
        n_months=n_win,
        window=WINDOW,
    )


@dataclass(frozen=True)
class MigrationEffect:
    """Encounters change for a Mexican enforcement effort (the bargain's migration dimension)."""

    effort: float
    change_pct: float
    change_low_pct: float
    change_high_pct: float
    baseline_encounters: float
    averted: float
    averted_low: float
    averted_high: float
    baseline_source: str

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def migration_effect(
    effort: float = 1.0, *, baseline_encounters: float | None = None, fit: EnforcementFit | None = None
) -> MigrationEffect:
    """Encounters averted per year when Mexico supplies ``effort`` units of enforcement (1 = June 2019's).

    ``baseline_encounters`` defaults to the CBP southwest land-border encounters of FY2023 (the latest
    complete fiscal year shipped).
    """
    if not (np.isfinite(effort) and 0 <= effort <= 3):
        raise ScenarioError(f"effort must lie in [0, 3] (1 = the June 2019 deployment); got {effort!r}")
    fit = fit or fit_enforcement_model()
    if baseline_encounters is None:
        n = load_encounters_nationwide()
        fy = n[(n["region"] == "Southwest Land Border") & (n["month"] >= "2022-10-01") & (n["month"] <= "2023-09-01")]
        baseline_encounters = float(fy["encounters"].sum())
        source = "CBP nationwide encounters, southwest land border, FY2023"
    else:
        source = "caller-supplied"
    lo, hi = fit.band

    def pct(th: float) -> float:
        return float(100 * (np.exp(th * effort) - 1))

    return MigrationEffect(
        effort=float(effort),
        change_pct=pct(fit.theta),
        change_low_pct=pct(lo),
        change_high_pct=pct(hi),
        baseline_encounters=baseline_encounters,
        averted=-baseline_encounters * pct(fit.theta) / 100,
        averted_low=-baseline_encounters * pct(hi) / 100,
        averted_high=-baseline_encounters * pct(lo) / 100,
        baseline_source=source,
    )


@dataclass(frozen=True, eq=False)
class MigrationOverview:
    """Encounter series by fiscal year and citizenship, policy events, and the fitted model."""

    usbp_by_fy: dict[int, float]
    encounters_by_fy: dict[int, float]
    by_citizenship_fy: dict[str, dict[int, float]]
    fit: EnforcementFit
    effect: MigrationEffect

    def to_dict(self) -> dict[str, object]:
        lo, hi = self.fit.band
        return {
            "usbp_sw_apprehensions_by_fy": self.usbp_by_fy,
            "cbp_sw_encounters_by_fy": self.encounters_by_fy,
            "cbp_sw_encounters_by_citizenship_fy": self.by_citizenship_fy,
            "policy_events": [{"date": d, "event": e} for d, e in POLICY_EVENTS],
            "model": {
                "theta": self.fit.theta,
                "se_hac": self.fit.se_hac,
                "placebo_sd": self.fit.placebo_sd,
                "band": [lo, hi],
                "effect_pct_per_unit": self.fit.effect_pct,
                "mpp_coefficient": self.fit.phi_mpp,
                "r2": self.fit.r2,
                "n_months": self.fit.n_months,
                "window": list(self.fit.window),
            },
            "effect_of_one_unit": self.effect.to_dict(),
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
        events.append("  (events after September 2023 are outside the shipped series)")
        f, e = self.fit, self.effect
        lo, hi = f.band
        model = [
            "Model: log USBP SW apprehensions on month-of-year effects, a trend, MPP (from Feb 2019) and "
            "Mexico's "
            f"enforcement index (1 from Jun 2019); OLS {f.window[0]}..{f.window[1]}, {f.n_months} months, "
            f"R² {f.r2:.2f}",
            f"  θ = {f.theta:+.3f} (HAC s.e. {f.se_hac:.3f}; placebo-break s.d. {f.placebo_sd:.3f}) → one "
            "unit of "
            f"effort changes encounters by {f.effect_pct:+.0f}% (band {100 * (np.exp(lo) - 1):+.0f}% to "
            f"{100 * (np.exp(hi) - 1):+.0f}%)",
            f"  applied to {e.baseline_encounters:,.0f} encounters ({e.baseline_source}): {e.averted:,.0f} "
            "averted "
            f"a year (band {e.averted_low:,.0f} to {e.averted_high:,.0f})",
            "  caveat: the June 2019 break coincides with MPP's expansion: θ bounds Mexico's own contribution above",
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
    )
