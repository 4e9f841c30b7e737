"""Southwest-border encounters, dated policy events, and an interrupted-series test of Mexican enforcement.

Model. Monthly USBP (Border Patrol) southwest-border apprehensions :math:`E_t` follow

.. math::

    \\log E_t = a + \\sum_{m} d_m [\\text{month}_t = m] + b\\,t + \\sum_p \\phi_p P_{p,t}
        + \\theta\\, M_t + \\varepsilon_t,

where :math:`M_t` steps to 1 in June 2019 (Mexico's National Guard deployment under the 7 June 2019
US–Mexico Joint Declaration), :math:`P_{p,t}` are the US policy changes of `POLICY_TERMS` as separate
terms (EO 13767, zero tolerance, MPP, the transit rule, the Guatemala ACA), :math:`d_m` month-of-year
effects and :math:`b` a trend; OLS on October 2012 – February 2020 (before Title 42) with Newey–West
(HAC, 6 lags) errors. Port-of-entry (OFO) encounters and CBP One appointments are excluded throughout.

Identification checks (all must pass for ``identified``): the best-fitting break month (least squares
over `BREAK_SCAN`) lies within a month of June 2019; θ moves by less than 1.96 HAC s.e. across the
break dates; an event study with six monthly leads before June 2019 finds no joint pre-break departure
(HAC Wald p ≥ 0.05); θ is stable (within 1.96 s.e.) when MPP is dropped; MPP does not come out with
the wrong sign. The band is the wider of the HAC interval and ±1.96 s.d. of placebo breaks in
FY2003–FY2015; when a check fails it is widened to every break date and specification and to zero.

On the shipped data the checks fail: the spring-2019 surge (leads of +0.7 to +1.5 log points) ends
when the deployment begins, MPP comes out positive, and θ depends on the break date, so the effect of
Mexico's enforcement is reported as not identified with a wide range. Series after September 2020
(e.g. the February 2025 deployment) are not in the shipped USBP data; those events are listed only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from palanca.data import load_encounters_usbp
from palanca.errors import ScenarioError

__all__ = [
    "BREAK_SCAN",
    "COST_PER_APPREHENSION_USD",
    "COST_SOURCES",
    "POLICY_EVENTS",
    "POLICY_TERMS",
    "EnforcementFit",
    "MigrationEffect",
    "calc_ols_hac",
    "fit_enforcement_model",
    "migration_effect",
    "migration_value_range",
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

WINDOW = ("2012-10-01", "2020-02-01")
MEXICO_BREAK = "2019-06-01"
BREAK_SCAN = ("2019-03-01", "2019-10-01")
EVENT_LEADS = 6
PLACEBO = ("2002-10-01", "2015-09-01")

#: (key, first month, last month or None, event) — US policy changes carried as separate terms.
POLICY_TERMS: tuple[tuple[str, str, str | None, str], ...] = (
    ("eo13767", "2017-02-01", None, "Executive Order 13767 of 25 Jan 2017 (82 FR 8793)"),
    ("zero_tolerance", "2018-05-01", "2018-06-01", "'zero tolerance' prosecutions, 6 Apr – 20 Jun 2018"),
    ("mpp", "2019-02-01", None, "Migrant Protection Protocols from 29 Jan 2019"),
    ("transit_rule", "2019-08-01", None, "third-country transit asylum rule of 16 Jul 2019 (84 FR 33829)"),
    ("aca", "2019-11-01", None, "Asylum Cooperative Agreement with Guatemala, first transfers Nov 2019"),
)

#: Fiscal cost to the US of one southwest-border apprehension, US$: (low, central, high).
#: low: 39 hours of Border Patrol custody (Cato Institute, 2014–15 USBP microdata) at ICE's adult bed rate;
#: central: one ICE detention spell (adult bed rate US$132.90 a day × 43.7 days average stay, FY2017, ICE
#: congressional budget justification as reported); high: the average Border Patrol cost per apprehension
#: (US$3.5bn agent budget / 340,252 apprehensions, FY2011; The Fiscal Times, 10 Jan 2013). A judgement range.
COST_PER_APPREHENSION_USD = (132.90 * 39 / 24, 132.90 * 43.7, 10_431.0)
COST_SOURCES = (
    "Cato Institute (2017), 'Apprehended border crossers spend an average of 39 hours in detention' (USBP microdata)",
    "ICE FY2017 adult bed rate US$132.90/day and average length of stay 43.7 days (ICE budget justification; DHS)",
    "The Fiscal Times (2013), '$10,000 to nab one illegal': CBP agent budget / FY2011 apprehensions = US$10,431",
)
#: USBP southwest-border apprehensions, FY2019 (CBP, USBP Monthly Encounters FY2000–FY2020): the scale.
BASELINE_FY = 2019


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
    beta, cov, r2, _ = _ols_hac_cov(y, X, lags)
    return beta, np.sqrt(np.diag(cov)), r2


def _ols_hac_cov(y: np.ndarray, X: np.ndarray, lags: int) -> tuple[np.ndarray, np.ndarray, float, float]:
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
    ssr = float(u @ u)
    r2 = 1 - ssr / float(((y - y.mean()) ** 2).sum())
    return beta, cov, r2, ssr


def _design(months: np.ndarray, steps: list[np.datetime64], windows: tuple = ()) -> np.ndarray:
    mo = months.astype("datetime64[M]").astype(int) % 12
    t = np.arange(months.size, dtype=float) / 12.0
    cols = [np.ones(months.size), t]
    cols += [(mo == m).astype(float) for m in range(1, 12)]
    cols += [((months >= a) & (months <= b)).astype(float) for a, b in windows]
    cols += [(months >= b).astype(float) for b in steps]
    return np.column_stack(cols)


def _policy_columns(mpp: bool) -> tuple[list[np.datetime64], list[tuple[np.datetime64, np.datetime64]], list[str]]:
    steps, windows, names = [], [], []
    for key, first, last, _ in POLICY_TERMS:
        if key == "mpp" and not mpp:
            continue
        if last is None:
            steps.append(np.datetime64(first, "M"))
        else:
            windows.append((np.datetime64(first, "M"), np.datetime64(last, "M")))
        names.append(key)
    # windows come first in the design, then steps: reorder the names the same way
    order = [k for k, _, last, _ in POLICY_TERMS if last is not None and k in names]
    order += [k for k, _, last, _ in POLICY_TERMS if last is None and k in names]
    return steps, windows, order


def _series() -> tuple[np.ndarray, np.ndarray]:
    e = load_encounters_usbp()
    sw = e[e["sector"] == "southwest_border"].sort_values("month")
    return sw["month"].to_numpy(dtype="datetime64[M]"), np.log(sw["apprehensions"].to_numpy(dtype=float))


def _fit(months, y, brk: np.datetime64, mpp: bool, lags: int, leads: int = 0):
    steps, windows, names = _policy_columns(mpp)
    X = _design(months, [*steps, brk], tuple(windows))
    lead_cols = [(months == brk - k).astype(float) for k in range(1, leads + 1)]
    if lead_cols:
        X = np.column_stack([X, *lead_cols])
    beta, cov, r2, ssr = _ols_hac_cov(y, X, lags)
    p_mex = X.shape[1] - 1 - leads
    coef = dict(zip(names, beta[13 : 13 + len(names)], strict=True))
    return beta, cov, r2, ssr, p_mex, coef


@dataclass(frozen=True)
class EnforcementFit:
    """The interrupted-series estimate of Mexico's June 2019 deployment and its identification checks.

    ``theta`` is the log-change of USBP southwest apprehensions at the deployment with every policy term;
    ``theta_no_mpp`` drops the MPP term; ``break_scan`` holds (month, θ, SSR) for every break date in
    `BREAK_SCAN`; ``leads`` are the event-study coefficients of the six months before June 2019 and
    ``leads_p`` their joint HAC Wald p-value. ``identified`` applies the rule in the module docstring.
    """

    theta: float
    se_hac: float
    placebo_sd: float
    phi_mpp: float
    policy_coefficients: dict[str, float]
    theta_no_mpp: float
    break_scan: tuple[tuple[str, float, float], ...]
    best_break: str
    leads: tuple[float, ...]
    leads_p: float
    r2: float
    n_months: int
    window: tuple[str, str]
    failed_checks: tuple[str, ...]

    @property
    def identified(self) -> bool:
        return not self.failed_checks

    @property
    def band(self) -> tuple[float, float]:
        """HAC-or-placebo 95% interval of θ; when not identified, widened to every break date and spec."""
        half = 1.96 * max(self.se_hac, self.placebo_sd)
        lo, hi = self.theta - half, self.theta + half
        if self.identified:
            return lo, hi
        thetas = [th for _, th, _ in self.break_scan] + [self.theta_no_mpp]
        return min(lo, min(thetas) - half), max(0.0, hi)

    @property
    def theta_range(self) -> tuple[float, float]:
        """The smallest and largest θ over the break-date scan and the with/without-MPP specifications."""
        thetas = [th for _, th, _ in self.break_scan] + [self.theta, self.theta_no_mpp]
        return min(thetas), max(thetas)

    @property
    def effect_pct(self) -> float:
        return 100 * (np.exp(self.theta) - 1)


def fit_enforcement_model(lags: int = 6) -> EnforcementFit:
    """Estimate θ (module docstring) on the shipped USBP series and run the identification checks."""
    from scipy import stats

    months_all, y_all = _series()
    win = (months_all >= np.datetime64(WINDOW[0], "M")) & (months_all <= np.datetime64(WINDOW[1], "M"))
    months, y = months_all[win], y_all[win]
    brk = np.datetime64(MEXICO_BREAK, "M")
    beta, cov, r2, _, p, coef = _fit(months, y, brk, True, lags)
    theta, se = float(beta[p]), float(np.sqrt(cov[p, p]))
    b2, *_ = _fit(months, y, brk, False, lags)
    theta_no_mpp = float(b2[-1])
    scan = []
    b = np.datetime64(BREAK_SCAN[0], "M")
    while b <= np.datetime64(BREAK_SCAN[1], "M"):
        bb, _, _, ssr, pb, _ = _fit(months, y, b, True, lags)
        scan.append((str(b), float(bb[pb]), ssr))
        b = b + 1
    best = min(scan, key=lambda r: r[2])[0]
    bl, cl, *_ = _fit(months, y, brk, False, lags, leads=EVENT_LEADS)
    idx = np.arange(bl.size - EVENT_LEADS, bl.size)
    lead_b, lead_cov = bl[idx], cl[np.ix_(idx, idx)]
    wald = float(lead_b @ np.linalg.pinv(lead_cov) @ lead_b)
    leads_p = float(stats.chi2.sf(wald, EVENT_LEADS))
    placebo_sd = _placebo_sd(months_all, y_all, int(win.sum()), lags)
    failed = []
    if abs((np.datetime64(best, "M") - brk).astype(int)) > 1:
        failed.append(f"best-fitting break is {best[:7]}, not within a month of the June 2019 deployment")
    spread = max(abs(th - theta) for _, th, _ in scan)
    if spread > 1.96 * se:
        failed.append(f"θ moves by up to {spread:.2f} across break dates {BREAK_SCAN[0][:7]}–{BREAK_SCAN[1][:7]}")
    if leads_p < 0.05:
        failed.append(f"pre-deployment months differ from trend (event-study leads, joint p = {leads_p:.3g})")
    if abs(theta_no_mpp - theta) > 1.96 * se:
        failed.append(f"θ changes from {theta:.2f} to {theta_no_mpp:.2f} when the MPP term is dropped")
    if coef.get("mpp", 0.0) > 0:
        failed.append(f"MPP comes out with the wrong sign (+{coef['mpp']:.2f}): the terms are confounded")
    return EnforcementFit(
        theta=theta,
        se_hac=se,
        placebo_sd=placebo_sd,
        phi_mpp=float(coef.get("mpp", np.nan)),
        policy_coefficients={k: float(v) for k, v in coef.items()},
        theta_no_mpp=theta_no_mpp,
        break_scan=tuple(scan),
        best_break=best,
        leads=tuple(float(v) for v in lead_b),
        leads_p=leads_p,
        r2=r2,
        n_months=int(win.sum()),
        window=WINDOW,
        failed_checks=tuple(failed),
    )


def _placebo_sd(months: np.ndarray, y: np.ndarray, n_win: int, lags: int) -> float:
    """S.d. of break 'effects' at the same position of equal-length windows in FY2003–FY2015 (no deployment)."""
    brk = np.datetime64(MEXICO_BREAK, "M")
    break_pos = n_win - 1 - int((np.datetime64(WINDOW[1], "M") - brk).astype(int))
    lo, hi = np.datetime64(PLACEBO[0], "M"), np.datetime64(PLACEBO[1], "M")
    out = []
    for start in range(months.size - n_win):
        b = months[start + break_pos]
        if lo <= b <= hi:
            sl = slice(start, start + n_win)
            bp, _, _ = calc_ols_hac(y[sl], _design(months[sl], [b]), lags)
            out.append(bp[-1])
    return float(np.std(out, ddof=1)) if len(out) > 1 else 0.0


@dataclass(frozen=True)
class MigrationEffect:
    """Apprehensions change for a Mexican enforcement effort (the bargain's migration dimension)."""

    effort: float
    change_pct: float
    change_low_pct: float
    change_high_pct: float
    baseline_encounters: float
    averted: float
    averted_low: float
    averted_high: float
    baseline_source: str
    identified: bool

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def _usbp_fy(fy: int) -> float:
    e = load_encounters_usbp()
    return float(e[(e["sector"] == "southwest_border") & (e["fiscal_year"] == fy)]["apprehensions"].sum())


def migration_effect(
    effort: float = 1.0, *, baseline_encounters: float | None = None, fit: EnforcementFit | None = None
) -> MigrationEffect:
    """Apprehensions averted per year when Mexico supplies ``effort`` units of enforcement (1 = June 2019's).

    ``baseline_encounters`` defaults to USBP southwest-border apprehensions in FY2019 (851,508; Border
    Patrol only — port-of-entry OFO encounters and CBP One appointments are not what the deployment acts on).
    When the fit is not identified the central θ is the median over the break-date scan, and the band
    runs from zero to the largest effect any break date or specification allows.
    """
    if not (np.isfinite(effort) and 0 <= effort <= 3):
        raise ScenarioError(f"effort must lie in [0, 3] (1 = the June 2019 deployment); got {effort!r}")
    fit = fit or fit_enforcement_model()
    if baseline_encounters is None:
        baseline_encounters = _usbp_fy(BASELINE_FY)
        source = f"USBP southwest-border apprehensions, FY{BASELINE_FY} (CBP)"
    else:
        source = "caller-supplied"
    lo, hi = fit.band
    central = fit.theta if fit.identified else min(0.0, float(np.median([th for _, th, _ in fit.break_scan])))

    def pct(th: float) -> float:
        return float(100 * (np.exp(th * effort) - 1))

    return MigrationEffect(
        effort=float(effort),
        change_pct=pct(central),
        change_low_pct=pct(lo),
        change_high_pct=pct(min(hi, 0.0)),
        baseline_encounters=baseline_encounters,
        averted=-baseline_encounters * pct(central) / 100 + 0.0,
        averted_low=-baseline_encounters * pct(min(hi, 0.0)) / 100 + 0.0,
        averted_high=-baseline_encounters * pct(lo) / 100,
        baseline_source=source,
        identified=fit.identified,
    )


def migration_value_range() -> MigrationEffect:
    """Apprehensions averted a year by one unit of effort (central, low, high), for `cooperation_values`."""
    return migration_effect(1.0)
