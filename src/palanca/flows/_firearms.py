"""Southbound firearms: a flow account from UNODC seizure data and the GAO's US-sourced share.

Account for year :math:`y` (firearms, counts):

.. math::

    \\text{US-sourced seized}_y = \\text{seized}_y \\times 0.70, \\qquad
    \\text{southbound flow}_y = \\text{US-sourced seized}_y / r,

where seized is Mexico's "Arms seized" total reported to the UNODC Illicit Arms Flows Questionnaire,
0.70 is the share of firearms recovered in Mexico and traced in 2014–2018 that came from the US
(US GAO, GAO-21-322, 2021), applied to all seizures (an assumption: traced guns are not a random
sample), and :math:`r` is the share of the southbound flow that Mexico seizes, calibrated so that the
2010–2012 average matches McDougal et al.'s estimate of about 253,000 US firearms a year bought for
trafficking to Mexico (2010–2012).

Out-of-sample check. Two ATF figures are not used in the calibration: (i) 2007–2011, Mexico submitted
99,691 recovered firearms for tracing, of which 68,161 were US-sourced (ATF news release, 1 May 2012:
"more than 99,000", "more than 68,000"): a share of 0.68, close to GAO's 0.70 for 2014–2018, so the share
holds; (ii) ATF traced 16,053 firearms recovered in Mexico in 2013, 17,784 in 2015 and 13,452 in 2016 (ATF
Mexico trace reports; these are all traced firearms of every origin — of the 13,452 of 2016 about half
were pistols, 3,585 rifles, and 51% of traces were unsuccessful — not the US-sourced subset). Traces are a
subset of recoveries (only Mexico's federal Attorney General submits them), so *seizures* cannot be below
*traces* — yet the UNODC series gives 8,759 seized for 2013 and 6,323 for 2016. The UNODC "Arms seized"
series for Mexico therefore covers only part of the seizures after 2012, the flow computed from it fails
the check, and `firearms_account` presents the southbound flow as an index (2010–2012 = McDougal et al.'s
level), not an estimate.

References
----------
1. US Government Accountability Office (2021), *Firearms Trafficking: U.S. Efforts to Disrupt Gun Smuggling
   into Mexico Would Benefit from Additional Data and Analysis*, GAO-21-322 (February 2021).
2. T. L. McDougal, D. A. Shirk, R. Muggah and J. H. Patterson (2013), "The way of the gun:
   estimating firearms trafficking across the US–Mexico border", *Journal of Economic Geography*
   15(2): 297–327.
3. UNODC, Illicit Arms Flows Questionnaire (data portal release of 17 June 2022).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from palanca._inputs import RunInputs
from palanca.data import flows_digest, load_firearms_iafq
from palanca.errors import ScenarioError
from palanca.flows._render import fmt, text_table

__all__ = [
    "ATF_MEXICO_TRACES",
    "ATF_TRACED_2007_2011",
    "GAO_US_SOURCED_SHARE",
    "MCDOUGAL_2013_FLOW",
    "FirearmsAccount",
    "firearms_account",
]

#: ATF news release (1 May 2012): firearms recovered in Mexico and submitted for tracing, 2007–2011:
#: (submitted, US-sourced) — 99,691 and 68,161 ("more than 99,000", "more than 68,000").
ATF_TRACED_2007_2011 = (99_691, 68_161)
#: ATF Mexico trace reports: firearms recovered in Mexico and traced (all origins), by calendar year.
ATF_MEXICO_TRACES = {2013: 16_053, 2015: 17_784, 2016: 13_452}

GAO_US_SOURCED_SHARE = 0.70
MCDOUGAL_2013_FLOW = 253_000.0
CALIBRATION_YEARS = (2010, 2011, 2012)
#: First and last year of the account.
ACCOUNT_YEARS = (2010, 2020)


@dataclass(frozen=True)
class FirearmsAccount:
    """Mexico's firearm seizures, the US-sourced part and the implied southbound flow, by year."""

    years: np.ndarray
    seized_mex: np.ndarray
    seized_usa: np.ndarray
    us_sourced_share: float
    seizure_rate: float
    # The exact inputs of the call that made this result (`palanca.RunInputs`); the store saves them.
    inputs: RunInputs | None = None

    @property
    def validation(self) -> dict[int, float]:
        """UNODC seizures in Mexico / ATF traces of firearms recovered in Mexico, where both exist (must be ≥ 1)."""
        out = {}
        for y, traced in ATF_MEXICO_TRACES.items():
            k = np.flatnonzero(self.years == y)
            if k.size and np.isfinite(self.seized_mex[k[0]]):
                out[y] = float(self.seized_mex[k[0]] / traced)
        return out

    @property
    def validated(self) -> bool:
        """Whether the out-of-sample check passes (module docstring): never on the shipped data."""
        share = ATF_TRACED_2007_2011[1] / ATF_TRACED_2007_2011[0]
        return abs(share - self.us_sourced_share) < 0.05 and all(v >= 1 for v in self.validation.values())

    @property
    def us_sourced_seized(self) -> np.ndarray:
        return self.seized_mex * self.us_sourced_share

    @property
    def southbound_flow(self) -> np.ndarray:
        return self.us_sourced_seized / self.seizure_rate

    def to_dict(self) -> dict[str, object]:
        def num(x: float) -> float | None:
            return None if np.isnan(x) else float(x)

        return {
            "us_sourced_share": self.us_sourced_share,
            "us_sourced_share_source": "US GAO (2021), GAO-21-322: ≈70% of firearms recovered in Mexico and traced "
            "(2014–2018) came from the US",
            "seizure_rate": self.seizure_rate,
            "seizure_rate_source": "calibrated: 2010–2012 mean US-sourced seizures / McDougal et al. (2013) "
            "≈253,000 firearms a year",
            "validated": self.validated,
            "presented_as": "estimate" if self.validated else "index (2010–2012 = McDougal et al. 2013)",
            "atf_check": {
                "share_2007_2011": ATF_TRACED_2007_2011[1] / ATF_TRACED_2007_2011[0],
                "seized_over_traced": {str(y): v for y, v in self.validation.items()},
            },
            "years": [
                {
                    "year": int(y),
                    "seized_mex": num(self.seized_mex[k]),
                    "us_sourced_seized": num(self.us_sourced_seized[k]),
                    "southbound_flow": num(self.southbound_flow[k]),
                    "seized_usa": num(self.seized_usa[k]),
                }
                for k, y in enumerate(self.years)
            ],
            "inputs": None if self.inputs is None else self.inputs.to_dict(),
        }

    @property
    def summary(self) -> str:
        rows = [
            [
                str(int(y)),
                fmt(self.seized_mex[k], ",.0f"),
                fmt(self.us_sourced_seized[k], ",.0f"),
                fmt(self.southbound_flow[k], ",.0f"),
                fmt(self.seized_usa[k], ",.0f"),
            ]
            for k, y in enumerate(self.years)
        ]
        check = ", ".join(f"{y}: {v:.2f}" for y, v in self.validation.items())
        verdict = (
            "validated"
            if self.validated
            else "NOT validated — the southbound flow is an index (2010–2012 = McDougal et al.'s ≈253,000), not an "
            "estimate"
        )
        return text_table(
            "Southbound firearms: a flow account (counts of firearms)",
            ["year", "seized in Mexico", "of US origin", "southbound flow (index)", "seized in the US"],
            rows,
            [
                "seized: UNODC Illicit Arms Flows Questionnaire, 'Arms seized', total (Mexico: IAFQ/SOF; US: ATF)",
                f"of US origin: × {self.us_sourced_share:.0%} (US GAO 2021, GAO-21-322: share of traced "
                "firearms "
                "recovered in Mexico 2014–2018; applied to all seizures — an assumption)",
                f"southbound flow: US-origin seizures / {self.seizure_rate:.1%}, the seizure rate that "
                "makes 2010–2012 "
                "match McDougal et al. (2013), ≈253,000 a year (calibration)",
                "the seizure rate is held at its 2010–2012 level: the later fall in seizures may reflect "
                "less "
                "enforcement rather than a smaller flow, so later flows are lower bounds",
                "n/a: year not reported to UNODC",
                f"out-of-sample check (ATF): US-sourced share 2007–2011 = "
                f"{ATF_TRACED_2007_2011[1] / ATF_TRACED_2007_2011[0]:.2f} (GAO 2014–2018: 0.70); UNODC "
                f"seizures / ATF traces of firearms recovered in Mexico = {check} (must be ≥ 1: traces are a "
                "subset of seizures)",
                f"{verdict}",
            ],
        )

    def __str__(self) -> str:
        return self.summary


def firearms_account(us_sourced_share: float = GAO_US_SOURCED_SHARE) -> FirearmsAccount:
    """The flow account for 2010–2020 from the shipped UNODC data (module docstring)."""
    if not 0 < us_sourced_share <= 1:
        raise ScenarioError(f"us_sourced_share must lie in (0, 1]; got {us_sourced_share!r} (GAO: 0.70)")
    f = load_firearms_iafq()
    tot = f[(f["indicator"] == "Arms seized") & (f["dimension"] == "Total") & (f["category"] == "Total")]
    mex = tot[tot["iso3"] == "MEX"].groupby("year")["value"].sum()
    usa = tot[tot["iso3"] == "USA"].groupby("year")["value"].sum()
    years = np.arange(ACCOUNT_YEARS[0], ACCOUNT_YEARS[1] + 1)
    seized_mex = mex.reindex(years).to_numpy(dtype=float)
    calib = mex.reindex(list(CALIBRATION_YEARS)).to_numpy(dtype=float)
    rate = float(np.mean(calib) * us_sourced_share / MCDOUGAL_2013_FLOW)
    return FirearmsAccount(
        years=years,
        seized_mex=seized_mex,
        seized_usa=usa.reindex(years).to_numpy(dtype=float),
        us_sourced_share=float(us_sourced_share),
        seizure_rate=rate,
        inputs=RunInputs(
            "firearms_account",
            {
                "us_sourced_share": float(us_sourced_share),
                "assumptions": {
                    "mcdougal_flow": MCDOUGAL_2013_FLOW,
                    "calibration_years": list(CALIBRATION_YEARS),
                    "account_years": list(ACCOUNT_YEARS),
                    "atf_traced_2007_2011": list(ATF_TRACED_2007_2011),
                    "atf_mexico_traces": dict(ATF_MEXICO_TRACES),
                },
                "data_digest": flows_digest("firearms_iafq"),
            },
        ),
    )
