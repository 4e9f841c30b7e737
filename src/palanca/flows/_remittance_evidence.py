"""Evidence for the remittance-tax model: state exposure, BBVA's 5% estimate reproduced, the 2026 hindcast.

State exposure. Banxico publishes no origin × destination matrix and no funding channel by state, so a
state-specific taxed share needs outside evidence. BBVA Research (2025) published the effect of a 5% tax
on undocumented senders for seven states — in US$m (Michoacán −147.5, Guerrero −146.6, Oaxaca −124.8,
Puebla −122.8, Guanajuato −121.3) and in percent of the state's flows (Tamaulipas −4.4, Guerrero −4.3,
Puebla −3.6, Oaxaca −3.6, Veracruz −3.4). Under BBVA's rule (loss = 5% of undocumented senders' flows)
these give each state's undocumented share :math:`u_s`; the other 25 states share the residual of BBVA's
national US$1,563m equally in percent. The exposure weight is :math:`w_s = u_s / \\bar u` (flow-weighted
mean one). Using it for the 1% excise assumes that cash funding is concentrated among undocumented
senders, in the same proportion in every state (an assumption, stated in the output).

BBVA's estimate. BBVA's US$1,563m is 5% × ≈US$31.3bn (half of the US$62.5bn BBVA quotes from the US
in 2024) sent by the ≈4.1m undocumented Mexican migrants the tax would reach (4.5m undocumented in
the CPS less ≈0.4m DACA recipients), with no substitution and the whole tax taken out of what arrives
(:math:`\\Delta R = -tR`); `bbva_comparison` reproduces it and sets palanca's estimate beside it with the
difference split into scope (who pays), behaviour (:math:`(1+t)^{\\varepsilon}-1` instead of :math:`-t`)
and substitution.

Hindcast. The 1% excise applies to transfers from 1 January 2026. The counterfactual for each 2026 month is
the same month of 2025 times the year-on-year ratio of July–December 2025 to July–December 2024 (the trend
just before the excise). Its error band is the spread of the same rule's errors for January–May of
2014–2025 (2020 and 2021 left out: pandemic). The model's predicted change is compared with the gap.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from palanca.data import load_remittances_monthly
from palanca.errors import DataFormatError

__all__ = [
    "BBVA_STATE_IMPACT_PCT",
    "BBVA_STATE_IMPACT_USD_M",
    "BBVA_UNDOCUMENTED_FLOW_USD_BN",
    "ExciseHindcast",
    "calc_exposure_weights",
    "excise_hindcast",
]

#: BBVA Research (2025): ≈US$31.3bn a year sent to Mexico by ≈4.1m undocumented migrants (5% of it = US$1,563m).
BBVA_UNDOCUMENTED_FLOW_USD_BN = 31.3
#: BBVA Research (2025), 5% tax: the largest losses in US$m by receiving state.
BBVA_STATE_IMPACT_USD_M = {
    "Michoacán": -147.5,
    "Guerrero": -146.6,
    "Oaxaca": -124.8,
    "Puebla": -122.8,
    "Guanajuato": -121.3,
}
#: BBVA Research (2025), 5% tax: the largest losses in percent of the state's remittances.
BBVA_STATE_IMPACT_PCT = {"Tamaulipas": -4.4, "Guerrero": -4.3, "Puebla": -3.6, "Oaxaca": -3.6, "Veracruz": -3.4}
BBVA_NATIONAL_USD_M = -1563.0
BBVA_RATE = 0.05
EXCISE_START = "2026-01"


def calc_exposure_weights(states: tuple[str, ...], inflow_usd: np.ndarray) -> np.ndarray:
    """Exposure weights :math:`w_s` (module docstring), flow-weighted mean one, shape 32.

    Parameters
    ----------
    states : tuple of str, 32
    inflow_usd : ndarray, 32
        The baseline year's inflows by receiving state (US$).
    """
    R = np.asarray(inflow_usd, dtype=np.float64)
    u = np.full(R.size, np.nan)
    for k, name in enumerate(states):
        if name in BBVA_STATE_IMPACT_PCT:
            u[k] = -BBVA_STATE_IMPACT_PCT[name] / 100 / BBVA_RATE
        elif name in BBVA_STATE_IMPACT_USD_M:
            u[k] = -BBVA_STATE_IMPACT_USD_M[name] * 1e6 / BBVA_RATE / R[k]
    known = np.isfinite(u)
    missing = set(BBVA_STATE_IMPACT_PCT) | set(BBVA_STATE_IMPACT_USD_M)
    if int(known.sum()) != len(missing):
        raise DataFormatError(f"state names do not match BBVA's: expected all of {sorted(missing)} in {states[:3]}…")
    residual = -BBVA_NATIONAL_USD_M * 1e6 / BBVA_RATE - float(np.sum(u[known] * R[known]))
    u[~known] = residual / float(R[~known].sum())
    return u / (float(u @ R) / float(R.sum()))


@dataclass(frozen=True)
class ExciseHindcast:
    """The 1% excise against the monthly 2026 data: observed, counterfactual, the gap and the model's prediction."""

    months: tuple[str, ...]
    observed_usd: float
    counterfactual_usd: float
    trend_ratio: float
    error_sd_pct: float
    predicted_pct: float
    predicted_low_pct: float
    predicted_high_pct: float

    @property
    def gap_pct(self) -> float:
        """Observed relative to the counterfactual, percent."""
        return 100 * (self.observed_usd / self.counterfactual_usd - 1)

    @property
    def consistent(self) -> bool:
        """Whether the model's band overlaps the gap's 95% interval."""
        lo, hi = self.gap_pct - 1.96 * self.error_sd_pct, self.gap_pct + 1.96 * self.error_sd_pct
        return self.predicted_low_pct <= hi and self.predicted_high_pct >= lo

    @property
    def detectable(self) -> bool:
        """Whether the predicted effect exceeds the counterfactual's 95% error (it could be seen at all)."""
        return abs(self.predicted_pct) > 1.96 * self.error_sd_pct

    def to_dict(self) -> dict[str, object]:
        return {
            "months": list(self.months),
            "observed_usd_bn": self.observed_usd / 1e9,
            "counterfactual_usd_bn": self.counterfactual_usd / 1e9,
            "counterfactual_rule": "same month of 2025 × (Jul–Dec 2025 / Jul–Dec 2024)",
            "trend_ratio": self.trend_ratio,
            "gap_pct": self.gap_pct,
            "counterfactual_error_sd_pct": self.error_sd_pct,
            "predicted_pct": self.predicted_pct,
            "predicted_band_pct": [self.predicted_low_pct, self.predicted_high_pct],
            "consistent": self.consistent,
            "detectable": self.detectable,
        }

    @property
    def summary(self) -> str:
        verdict = "consistent" if self.consistent else "NOT consistent"
        seen = (
            "could be seen" if self.detectable else "is smaller than the counterfactual's error, so it cannot be seen"
        )
        return (
            f"Hindcast, 1% excise from Jan 2026 ({self.months[0]}..{self.months[-1]}): observed "
            f"US${self.observed_usd / 1e9:,.2f}bn vs counterfactual US${self.counterfactual_usd / 1e9:,.2f}bn "
            f"(same months of 2025 × {self.trend_ratio:.4f}, the Jul–Dec 2025 year-on-year trend): gap "
            f"{self.gap_pct:+.1f}% ± {1.96 * self.error_sd_pct:.1f}% (95%, the rule's past errors); model "
            f"{self.predicted_pct:+.2f}% (band {self.predicted_low_pct:+.2f} to {self.predicted_high_pct:+.2f}): "
            f"{verdict} with the data; the predicted effect {seen}"
        )


def _trend_rule(values: dict[str, float], year: int, months: list[int]) -> tuple[float, float] | None:
    def get(y: int, m: int) -> float | None:
        return values.get(f"{y}-{m:02d}")

    h2_now = [get(year - 1, m) for m in range(7, 13)]
    h2_prev = [get(year - 2, m) for m in range(7, 13)]
    base = [get(year - 1, m) for m in months]
    obs = [get(year, m) for m in months]
    if any(v is None for v in (*h2_now, *h2_prev, *base, *obs)):
        return None
    ratio = sum(h2_now) / sum(h2_prev)  # type: ignore[arg-type]
    return float(sum(obs)), float(sum(base) * ratio)  # type: ignore[arg-type]


def excise_hindcast(predicted: tuple[float, float, float]) -> ExciseHindcast:
    """Compare the shipped 2026 months with the counterfactual trend (module docstring).

    Parameters
    ----------
    predicted : (central, low, high)
        The model's percent change of total flows for the excise (e.g. from `remittance_tax`).

    Raises
    ------
    DataFormatError
        If the shipped series has no month of 2026.
    """
    m = load_remittances_monthly()
    values = {str(k)[:7]: float(v) for k, v in zip(m["month"], m["inflow_usd"], strict=True)}
    months26 = sorted(k for k in values if k >= EXCISE_START)
    if not months26:
        raise DataFormatError("the shipped monthly remittances have no month of 2026; rebuild the flows data")
    mm = [int(k[5:]) for k in months26]
    observed, cf = _trend_rule(values, 2026, mm)  # type: ignore[misc]
    h2 = [values[f"2025-{k:02d}"] for k in range(7, 13)]
    h2p = [values[f"2024-{k:02d}"] for k in range(7, 13)]
    errors = []
    for year in range(2014, 2026):
        if year in (2020, 2021):
            continue
        past = _trend_rule(values, year, mm)
        if past is not None:
            errors.append(100 * (past[0] / past[1] - 1))
    return ExciseHindcast(
        months=tuple(months26),
        observed_usd=observed,
        counterfactual_usd=cf,
        trend_ratio=sum(h2) / sum(h2p),
        error_sd_pct=float(np.std(errors, ddof=1)),
        predicted_pct=float(predicted[0]),
        predicted_low_pct=float(min(predicted[1:])),
        predicted_high_pct=float(max(predicted[1:])),
    )
