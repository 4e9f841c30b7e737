"""A tax on remittances sent from the US to Mexico: flow response, channel substitution, incidence.

This module is functional: the kernels (``calc_*``) take arrays and return arrays; `remittance_tax`
assembles the shipped baseline (via :mod:`palanca.data`) and returns a frozen result.

Model (one year, static). For flows :math:`R_r` from US state of origin :math:`r`, a share :math:`c`
is cash-funded (taxed under the 2026 US excise, 26 U.S.C. 4475; transfers funded from a bank account
or a US card are exempt); a share :math:`\\sigma` of the taxed flows moves to exempt channels (and
arrives untaxed); the rest pays the tax :math:`t` and responds to the higher all-in price per dollar
delivered with the cost elasticity :math:`\\varepsilon < 0`:

.. math::

    \\Delta R_r = R_r \\, c \\, (1-\\sigma) \\left[(1+t)^{\\varepsilon} - 1\\right],
    \\qquad \\text{revenue} = t \\sum_r R_r \\, c \\, (1-\\sigma)(1+t)^{\\varepsilon}.

Flows from outside the US (≈3.4% in 2024) are untaxed. The national change
:math:`\\Delta R = \\sum_r \\Delta R_r` is allocated to receiving Mexican states in proportion to
their share of inflows (Banxico publishes no origin × destination matrix, so every state is assumed
to receive the same mix of channels and US origins). Both incidences therefore sum to the national
change, and a zero rate changes nothing.

References
----------
1. IMF Working Paper WP/22/218 (as cited by palanca's issue 6: remittance flows respond to their
   cost with an elasticity above one in absolute value).
2. BBVA Research (2025), estimate that a 5% US tax on remittances cuts flows to Mexico by about
   US$1.56bn a year (the published comparator printed beside palanca's figure).
3. Banco de México, SIE, "Ingresos por remesas" (the shipped baseline).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from palanca.data import RemittanceBase, remittance_base
from palanca.errors import ScenarioError
from palanca.flows._render import ParameterRange, fmt, text_table

__all__ = [
    "BBVA_5PCT_CUT_USD_BN",
    "CASH_SHARE",
    "ELASTICITY",
    "SUBSTITUTION",
    "RemittanceTaxResult",
    "calc_tax_change",
    "calc_tax_revenue",
    "remittance_tax",
]

#: BBVA Research (2025): a 5% tax cuts remittances to Mexico by about US$1.56bn a year.
BBVA_5PCT_CUT_USD_BN = -1.56

ELASTICITY = ParameterRange(
    "cost elasticity ε",
    central=-1.5,
    low=-2.0,
    high=-1.0,
    source="elasticity of flows to the all-in price per dollar delivered; |ε| > 1 per IMF WP/22/218 "
    "(as cited in issue 6); the range itself is palanca's assumption",
)
CASH_SHARE = ParameterRange(
    "cash-funded share c",
    central=0.5,
    low=0.3,
    high=0.7,
    source="assumption: no published cash-funded share for the US→Mexico corridor is shipped",
)
SUBSTITUTION = ParameterRange(
    "substitution σ",
    central=0.5,
    low=0.25,
    high=0.75,
    source="assumption: share of taxed cash-funded flows that switch to exempt (account/card) channels",
)


def _check_unit(name: str, values: np.ndarray, lo: float, hi: float, fix: str) -> None:
    bad = values[(values < lo) | (values > hi) | ~np.isfinite(values)]
    if bad.size:
        raise ScenarioError(f"{name} must lie in [{lo}, {hi}]; got {float(bad[0])!r}. {fix}")


def calc_tax_change(
    flow_usd: np.ndarray,
    rate: float,
    cash_share: np.ndarray,
    elasticity: np.ndarray,
    substitution: np.ndarray,
) -> np.ndarray:
    """Change in remittance flows by origin for each parameter draw (module equation).

    Parameters
    ----------
    flow_usd : ndarray, O
        Baseline taxed-origin flows (USD).
    rate : float
        Tax as a fraction of the amount sent, :math:`t \\ge 0`.
    cash_share, elasticity, substitution : ndarray, D
        One value per draw: :math:`c`, :math:`\\varepsilon`, :math:`\\sigma`.

    Returns
    -------
    ndarray, D x O
        :math:`\\Delta R_{d,r}` in USD (negative for a loss).
    """
    c, e, s = (np.asarray(a, dtype=np.float64).reshape(-1, 1) for a in (cash_share, elasticity, substitution))
    return np.asarray(flow_usd, dtype=np.float64)[None, :] * c * (1.0 - s) * ((1.0 + rate) ** e - 1.0)


def calc_tax_revenue(
    flow_usd: np.ndarray,
    rate: float,
    cash_share: np.ndarray,
    elasticity: np.ndarray,
    substitution: np.ndarray,
) -> np.ndarray:
    """US excise revenue per draw, D (USD): :math:`t\\,c(1-\\sigma)(1+t)^{\\varepsilon}\\sum_r R_r`."""
    c, e, s = (np.asarray(a, dtype=np.float64) for a in (cash_share, elasticity, substitution))
    return rate * float(np.sum(flow_usd)) * c * (1.0 - s) * (1.0 + rate) ** e


@dataclass(frozen=True)
class _Draws:
    cash_share: np.ndarray
    elasticity: np.ndarray
    substitution: np.ndarray


def _draws(
    rng: np.random.Generator, n: int, fixed: dict[str, float | None], ranges: dict[str, ParameterRange]
) -> _Draws:
    out = {}
    for key, rng_def in ranges.items():
        value = fixed[key]
        out[key] = np.full(n, value) if value is not None else rng.uniform(rng_def.low, rng_def.high, n)
    return _Draws(**out)


@dataclass(frozen=True, eq=False)
class RemittanceTaxResult:
    """The effect of a US tax on remittances to Mexico; read-only. Money in USD.

    ``national_change_usd`` is the point estimate at the central (or given) parameters;
    ``national_low_usd``/``national_high_usd`` are the 5th and 95th percentiles over the Monte Carlo
    draws of the parameters not fixed by the caller. State arrays follow ``base.mx_states`` and
    ``base.us_states``.
    """

    rate: float
    base: RemittanceBase
    parameters: dict[str, float]
    uncertain: tuple[ParameterRange, ...]
    draws: int
    seed: int
    national_change_usd: float
    national_low_usd: float
    national_high_usd: float
    mx_change_usd: np.ndarray
    us_change_usd: np.ndarray
    revenue_usd: float
    at_5pct_usd: float
    at_5pct_low_usd: float
    at_5pct_high_usd: float
    at_5pct_all_channels_usd: float
    notes: tuple[str, ...] = field(default=())

    @property
    def national_change_usd_bn(self) -> float:
        return self.national_change_usd / 1e9

    @property
    def national_change_pct_gdp(self) -> float:
        """National change as % of Mexico's GDP (sum of INEGI state GDP, USD)."""
        return 100.0 * self.national_change_usd / float(self.base.mx_gdp_usd.sum())

    @property
    def mx_change_pct_state_gdp(self) -> np.ndarray:
        return 100.0 * self.mx_change_usd / self.base.mx_gdp_usd

    def to_dict(self) -> dict[str, object]:
        """JSON-ready record with the stable keys of ``palanca remittances tax --json``."""
        lo_share = self.national_low_usd / self.national_change_usd if self.national_change_usd else 0.0
        hi_share = self.national_high_usd / self.national_change_usd if self.national_change_usd else 0.0
        order = np.argsort(self.mx_change_pct_state_gdp)
        return {
            "rate": self.rate,
            "year": self.base.year,
            "baseline_usd_bn": self.base.total_usd / 1e9,
            "baseline_from_us_usd_bn": self.base.from_us_usd / 1e9,
            "national_change_usd_bn": {
                "central": self.national_change_usd / 1e9,
                "low": self.national_low_usd / 1e9,
                "high": self.national_high_usd / 1e9,
            },
            "national_change_pct": 100.0 * self.national_change_usd / self.base.total_usd,
            "national_change_pct_gdp": self.national_change_pct_gdp,
            "us_tax_revenue_usd_bn": self.revenue_usd / 1e9,
            "parameters": dict(self.parameters),
            "uncertain_parameters": {p.name: [p.low, p.high] for p in self.uncertain},
            "draws": self.draws,
            "seed": self.seed,
            "gdp_year": self.base.gdp_year,
            "states": [
                {
                    "state": self.base.mx_states[k],
                    "change_usd_m": float(self.mx_change_usd[k]) / 1e6,
                    "change_pct_state_gdp": float(self.mx_change_pct_state_gdp[k]),
                    "change_usd_m_low": float(self.mx_change_usd[k] * lo_share) / 1e6,
                    "change_usd_m_high": float(self.mx_change_usd[k] * hi_share) / 1e6,
                }
                for k in order
            ],
            "us_states": [
                {
                    "us_state": self.base.us_states[k],
                    "name": self.base.us_state_names[k],
                    "change_usd_m": float(self.us_change_usd[k]) / 1e6,
                }
                for k in np.argsort(self.us_change_usd)
            ],
            "benchmark": {
                "source": "BBVA Research (2025): a 5% tax cuts remittances to Mexico by about US$1.56bn",
                "published_usd_bn": BBVA_5PCT_CUT_USD_BN,
                "palanca_usd_bn": self.at_5pct_usd / 1e9,
                "palanca_low_usd_bn": self.at_5pct_low_usd / 1e9,
                "palanca_high_usd_bn": self.at_5pct_high_usd / 1e9,
                "palanca_all_channels_usd_bn": self.at_5pct_all_channels_usd / 1e9,
            },
            "notes": list(self.notes),
        }

    @property
    def summary(self) -> str:
        """Text rendering: national figure with band, the most exposed states, the benchmark, assumptions."""
        b = self.base
        pct = self.mx_change_pct_state_gdp
        order = np.argsort(pct)[:10]
        rows = [
            [
                b.mx_states[k],
                fmt(self.mx_change_usd[k] / 1e6),
                fmt(pct[k], ".3f"),
                fmt(100 * b.mx_inflow_usd[k] / b.mx_gdp_usd[k], ".2f"),
            ]
            for k in order
        ]
        us_order = np.argsort(self.us_change_usd)[:5]
        head = [
            f"US tax of {100 * self.rate:g}% on remittances to Mexico — baseline {b.year}: "
            f"US${b.total_usd / 1e9:,.2f}bn received (Banxico), US${b.from_us_usd / 1e9:,.2f}bn from the US",
            f"  change in flows: US${self.national_change_usd / 1e9:+,.3f}bn "
            f"(5–95%: {self.national_low_usd / 1e9:+,.3f} to {self.national_high_usd / 1e9:+,.3f}; "
            f"{self.draws} draws, seed {self.seed}) = "
            f"{100 * self.national_change_usd / b.total_usd:+.2f}% of flows, "
            f"{self.national_change_pct_gdp:+.3f}% of Mexico's GDP (INEGI {b.gdp_year})",
            f"  US excise revenue: US${self.revenue_usd / 1e9:,.3f}bn",
            f"  benchmark, 5% tax — BBVA Research (2025): US${BBVA_5PCT_CUT_USD_BN:+.2f}bn; "
            "palanca with these "
            f"parameters: US${self.at_5pct_usd / 1e9:+,.2f}bn (5–95%: {self.at_5pct_low_usd / 1e9:+,.2f} to "
            f"{self.at_5pct_high_usd / 1e9:+,.2f}); palanca with all US-origin transfers taxed (c=1, σ=0): "
            f"US${self.at_5pct_all_channels_usd / 1e9:+,.2f}bn",
            "",
        ]
        table = text_table(
            "Most exposed Mexican states (loss as % of state GDP; INEGI GDP at the average FIX rate)",
            ["state", "change US$m", "% state GDP", "remittances % GDP"],
            rows,
        )
        us_rows = [[f"{b.us_state_names[k]} ({b.us_states[k]})", fmt(self.us_change_usd[k] / 1e6)] for k in us_order]
        us_table = text_table("Largest changes by US state of origin (Banxico)", ["US state", "change US$m"], us_rows)
        assumptions = ["Parameters (source or assumption):"]
        assumptions += [f"  {k} = {v:g}" for k, v in self.parameters.items()]
        assumptions += [f"  drawn: {p.describe()}" for p in self.uncertain]
        assumptions += [f"  {n}" for n in self.notes]
        return "\n".join([*head, table, "", us_table, "", *assumptions])

    def __str__(self) -> str:
        return self.summary


def remittance_tax(
    rate: float,
    *,
    cash_share: float | None = None,
    elasticity: float | None = None,
    substitution: float | None = None,
    year: int = 2024,
    draws: int = 2000,
    seed: int = 0,
    base: RemittanceBase | None = None,
) -> RemittanceTaxResult:
    """Simulate a US tax of ``rate`` on remittances to Mexico (see the module docstring for the model).

    Parameters
    ----------
    rate : float
        Tax as a fraction of the amount sent (0.01 = the 1% excise in force from 1 Jan 2026).
    cash_share, elasticity, substitution : float, optional
        Fix a parameter; left as None it takes its central value for the point estimate and is drawn
        uniformly over its range (`CASH_SHARE`, `ELASTICITY`, `SUBSTITUTION`) for the bands.
        ``cash_share=1, substitution=0`` taxes every US-origin transfer (the 5% / 3.5% proposals).
    year : int
        Baseline year of flows (Banxico) — default 2024 (US$65.0bn).
    draws, seed : int
        Monte Carlo draws and the seed of ``numpy.random.default_rng`` (results reproduce by seed).
    base : RemittanceBase, optional
        A baseline to use instead of the shipped one (tests, other years).

    Returns
    -------
    RemittanceTaxResult

    Raises
    ------
    ScenarioError
        For a rate outside [0, 1), shares outside [0, 1], a positive elasticity, or draws < 1.
    """
    _check_unit("rate", np.array([rate], dtype=float), 0.0, 0.99, "Give the tax as a fraction: 0.01 for 1%.")
    for name, value in (("cash_share", cash_share), ("substitution", substitution)):
        if value is not None:
            _check_unit(name, np.array([value], dtype=float), 0.0, 1.0, "Give it as a fraction, e.g. 0.5.")
    if elasticity is not None and not (np.isfinite(elasticity) and elasticity <= 0):
        raise ScenarioError(
            f"elasticity must be ≤ 0 (flows fall when sending costs more); got {elasticity!r}. "
            f"The literature's range here is {ELASTICITY.low} to {ELASTICITY.high}."
        )
    if draws < 1:
        raise ScenarioError(f"draws must be ≥ 1; got {draws!r}. Use e.g. --draws 2000.")
    base = base if base is not None else remittance_base(year)
    ranges = {"cash_share": CASH_SHARE, "elasticity": ELASTICITY, "substitution": SUBSTITUTION}
    fixed = {"cash_share": cash_share, "elasticity": elasticity, "substitution": substitution}
    central = {k: (v if v is not None else ranges[k].central) for k, v in fixed.items()}
    c0, e0, s0 = (np.array([central[k]]) for k in ("cash_share", "elasticity", "substitution"))
    d = _draws(np.random.default_rng(seed), draws, fixed, ranges)

    flows = base.us_inflow_usd
    us_change = calc_tax_change(flows, rate, c0, e0, s0)[0]
    national = float(us_change.sum())
    mc = calc_tax_change(flows, rate, d.cash_share, d.elasticity, d.substitution).sum(axis=1)
    mc5 = calc_tax_change(flows, 0.05, d.cash_share, d.elasticity, d.substitution).sum(axis=1)
    mx_change = national * base.mx_inflow_usd / base.total_usd
    notes = (
        "incidence by Mexican state: proportional to the state's share of inflows (no origin × state matrix "
        "is published)",
        "flows from outside the US are untaxed; the response is to the all-in price per dollar (1+t)",
        "state GDP: INEGI current pesos at the year's average Banxico FIX rate",
    )
    return RemittanceTaxResult(
        rate=float(rate),
        base=base,
        parameters=central,
        uncertain=tuple(ranges[k] for k, v in fixed.items() if v is None),
        draws=int(draws),
        seed=int(seed),
        national_change_usd=national,
        national_low_usd=float(np.percentile(mc, 5)),
        national_high_usd=float(np.percentile(mc, 95)),
        mx_change_usd=mx_change,
        us_change_usd=us_change,
        revenue_usd=float(calc_tax_revenue(flows, rate, c0, e0, s0)[0]),
        at_5pct_usd=float(calc_tax_change(flows, 0.05, c0, e0, s0).sum()),
        at_5pct_low_usd=float(np.percentile(mc5, 5)),
        at_5pct_high_usd=float(np.percentile(mc5, 95)),
        at_5pct_all_channels_usd=float(calc_tax_change(flows, 0.05, np.ones(1), e0, np.zeros(1)).sum()),
        notes=notes,
    )
