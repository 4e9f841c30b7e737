"""A tax on remittances sent from the US to Mexico: flow response, channel substitution, incidence.

This module is functional: the kernels (``calc_*``) take arrays and return arrays; `remittance_tax`
assembles the shipped baseline (via :mod:`palanca.data`) and returns a frozen result.

Model (static, one horizon). For US-origin flows :math:`R_s` received by Mexican state :math:`s`, a
share :math:`\\min(c\\,w_s, 1)` is cash-funded (taxed under the 2026 US excise, 26 U.S.C. 4475: transfers funded
from an account at a financial institution or with a US-issued debit or credit card are exempt), where
:math:`c` is the national cash-funded share and :math:`w_s` the state's exposure weight (flow-weighted
mean 1; `palanca.flows._remittance_evidence`); a share :math:`\\sigma` of the taxed flows moves to exempt
channels; the rest pays the tax :math:`t` and responds to the all-in price per dollar delivered with
the cost elasticity :math:`\\varepsilon_h < 0` of the horizon :math:`h`:

.. math::

    \\Delta R_s = R_s \\, c_s \\, (1-\\sigma) \\left[(1+t)^{\\varepsilon_h} - 1\\right],
    \\qquad \\text{revenue} = t \\sum_s R_s \\, c_s (1-\\sigma)(1+t)^{\\varepsilon_h},
    \\qquad c_s = \\min(c\\, w_s, 1).

Kpodar & Imam find that a cost change moves remittances within the quarter, with an absolute elasticity
above one. Their working paper (2022) says the effect "dissipates beyond one quarter"; the published
version (World Development 177, 2024) says remittances "stabilize at a higher level" after the first
quarter — a lasting level effect. palanca carries a short-run elasticity :math:`\\varepsilon_{SR}`
(first quarter) and a long-run one :math:`\\varepsilon_{LR}` whose range spans both readings (from a
small lasting effect to the whole short-run response persisting), and the first-year elasticity is
:math:`\\varepsilon_{FY} = \\tfrac14\\varepsilon_{SR} + \\tfrac34\\varepsilon_{LR}`.
Flows from outside the US (≈3.4%) are untaxed. The US-state incidence allocates the national change by
US-state shares of flows (no origin × destination matrix is published, so the US-origin mix is assumed
the same for every receiving state). A zero rate changes nothing; both incidences sum to the national change.

References
----------
1. K. Kpodar and P. A. Imam (2022), "How Do Transaction Costs Influence Remittances?", IMF Working
   Paper WP/22/218 (quarterly panel, 71 countries, 2011Q1–2020Q4); published in *World Development*
   177 (2024), 106537.
2. BBVA Research (2025), analysis of a 5% US tax on remittances: US$1,563m a year for Mexico; and the
   BBVA Research migration observatory: 84% of Mexican migrants in the US hold a bank account (who
   *can* avoid the 1% excise, not who funds in cash today).
3. Banco de México, SIE, "Ingresos por remesas" (the shipped baseline), and its press releases.
4. B. Bátiz-Lazo and I. González Correa (2022), "Frictions to implement a CBDC: a view from the US–Mexico
   family remittance corridor", IMTFI (UC Irvine): about 90% of the corridor's flows originate and end in cash.
5. Joint Committee on Taxation estimate of the 1% excise (≈US$10bn over 2026–2034), as BBVA Research
   reports it with 3 of every 10 remittance dollars going to Mexico (≈US$3bn from Mexico-bound senders).
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np

from palanca._inputs import RunInputs
from palanca.data import BANXICO_RELEASES, RemittanceBase, remittance_base
from palanca.errors import ScenarioError
from palanca.flows._remittance_evidence import (
    BBVA_NATIONAL_USD_M,
    BBVA_UNDOCUMENTED_FLOW_USD_BN,
    calc_exposure_weights,
    excise_hindcast,
)
from palanca.flows._remittance_result import BbvaComparison, RemittanceTaxResult, base_digest
from palanca.flows._render import ParameterRange

__all__ = [
    "BBVA_5PCT_CUT_USD_BN",
    "CASH_SHARE",
    "ELASTICITY",
    "ELASTICITY_LONG_RUN",
    "SUBSTITUTION",
    "Horizon",
    "RemittanceTaxResult",
    "calc_horizon_elasticity",
    "calc_tax_change",
    "calc_tax_revenue",
    "remittance_tax",
]

#: Upper bound on Monte Carlo draws (memory: several arrays of draws × 32 states).
MAX_DRAWS = 1_000_000

#: BBVA Research (2025): a 5% tax on remittances sent by undocumented migrants cuts flows to Mexico by
#: US$1,563m a year.
BBVA_5PCT_CUT_USD_BN = BBVA_NATIONAL_USD_M / 1000

ELASTICITY = ParameterRange(
    "short-run cost elasticity ε_SR",
    central=-1.5,
    low=-2.0,
    high=-1.0,
    source="first-quarter response to the all-in price per dollar delivered; absolute elasticity above one "
    "(Kpodar & Imam 2022, IMF WP/22/218); the range is palanca's judgement",
)
ELASTICITY_LONG_RUN = ParameterRange(
    "long-run cost elasticity ε_LR",
    central=-1.0,
    low=-2.0,
    high=-0.3,
    source="judgement spanning the two readings of Kpodar & Imam: the working paper's 'dissipates beyond one "
    "quarter' (IMF WP/22/218; a small lasting effect, −0.3) and the published 'stabilize at a higher level' "
    "(World Development 177, 2024; the short-run response persists, down to ε_SR's −2.0)",
)
CASH_SHARE = ParameterRange(
    "cash-funded share c",
    central=0.5,
    low=0.3,
    high=0.9,
    source="judgement (central 0.5, range 0.3–0.9): share of US-origin flows funded in cash (or money order) before "
    "the tax. Holding an account "
    "is not funding from it: BBVA Research's 84% of Mexican migrants with a US bank account bounds who can switch "
    "to an exempt channel (σ), not who pays cash now; about 90% of US–Mexico corridor flows originate in cash "
    "(Bátiz-Lazo & González Correa 2022, IMTFI); JCT's ≈US$10bn for 2026–2034 with BBVA's 3 of every 10 dollars to "
    "Mexico ≈ US$0.33bn a year of tax from Mexico-bound senders, a taxed base ≈55% of US-origin flows after the "
    "response. Prepaid cards count as cash-funded: 26 U.S.C. 4475(e)(3) drops them from the exempt 'debit card'",
)
SUBSTITUTION = ParameterRange(
    "substitution σ",
    central=0.5,
    low=0.25,
    high=0.75,
    source="judgement: share of taxed cash-funded flows that switch to exempt channels (accounts, cards, "
    "relatives with accounts), the routes BBVA Research (2025) expects senders to take",
)


class Horizon(StrEnum):
    """Which cost elasticity applies: the first quarter, the first year, or the long run."""

    FIRST_QUARTER = "first-quarter"
    FIRST_YEAR = "first-year"
    LONG_RUN = "long-run"


def calc_horizon_elasticity(short_run: np.ndarray, long_run: np.ndarray, horizon: Horizon) -> np.ndarray:
    """ε_h from the short- and long-run elasticities (module docstring): SR, ¼SR + ¾LR, or LR."""
    sr, lr = np.asarray(short_run, dtype=np.float64), np.asarray(long_run, dtype=np.float64)
    if horizon is Horizon.FIRST_QUARTER:
        return sr
    if horizon is Horizon.LONG_RUN:
        return lr
    return 0.25 * sr + 0.75 * lr


def _check_unit(name: str, values: np.ndarray, lo: float, hi: float, fix: str) -> None:
    bad = values[(values < lo) | (values > hi) | ~np.isfinite(values)]
    if bad.size:
        raise ScenarioError(f"{name} must lie in [{lo}, {hi}]; got {float(bad[0])!r}. {fix}")


def _taxed_share(cash_share: np.ndarray, exposure: np.ndarray | None, n_origin: int) -> np.ndarray:
    """:math:`c_s = \\min(c\\,w_s, 1)`, D x O (a state cannot pay on more than all of its flows)."""
    c = np.asarray(cash_share, dtype=np.float64).reshape(-1, 1)
    w = np.ones(n_origin) if exposure is None else np.asarray(exposure, dtype=np.float64)
    return np.minimum(c * w[None, :], 1.0)


def calc_tax_change(
    flow_usd: np.ndarray,
    rate: float,
    cash_share: np.ndarray,
    elasticity: np.ndarray,
    substitution: np.ndarray,
    exposure: np.ndarray | None = None,
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
    exposure : ndarray, O, optional
        Exposure weights :math:`w_s` (default one); the taxed share is :math:`\\min(c\\,w_s, 1)`.

    Returns
    -------
    ndarray, D x O
        :math:`\\Delta R_{d,r}` in USD (negative for a loss).
    """
    flow = np.asarray(flow_usd, dtype=np.float64)
    share = _taxed_share(cash_share, exposure, flow.size)
    e, s = (np.asarray(a, dtype=np.float64).reshape(-1, 1) for a in (elasticity, substitution))
    return flow[None, :] * share * (1.0 - s) * ((1.0 + rate) ** e - 1.0)


def calc_tax_revenue(
    flow_usd: np.ndarray,
    rate: float,
    cash_share: np.ndarray,
    elasticity: np.ndarray,
    substitution: np.ndarray,
    exposure: np.ndarray | None = None,
) -> np.ndarray:
    """US excise revenue per draw, D (USD): :math:`t\\,(1-\\sigma)(1+t)^{\\varepsilon}\\sum_r R_r c_r`."""
    flow = np.asarray(flow_usd, dtype=np.float64)
    base = (_taxed_share(cash_share, exposure, flow.size) * flow[None, :]).sum(axis=1)
    e, s = (np.asarray(a, dtype=np.float64) for a in (elasticity, substitution))
    return rate * base * (1.0 - s) * (1.0 + rate) ** e


def _draws(rng: np.random.Generator, n: int, fixed: dict[str, float | None]) -> dict[str, np.ndarray]:
    out = {}
    for key, rng_def in _RANGES.items():
        value = fixed[key]
        out[key] = np.full(n, value) if value is not None else rng.uniform(rng_def.low, rng_def.high, n)
    return out


_RANGES = {
    "cash_share": CASH_SHARE,
    "elasticity_short_run": ELASTICITY,
    "elasticity_long_run": ELASTICITY_LONG_RUN,
    "substitution": SUBSTITUTION,
}
#: US-origin remittances to Mexico in 2024 as BBVA Research (2025) quotes them (US$62.5bn).
BBVA_FROM_US_2024_USD_BN = 62.5


def _bbva(
    flows_us: np.ndarray, w: np.ndarray, from_us: float, d: dict[str, np.ndarray], c: dict[str, float], h: Horizon
):
    u = BBVA_UNDOCUMENTED_FLOW_USD_BN / BBVA_FROM_US_2024_USD_BN
    e = float(calc_horizon_elasticity(np.array(c["elasticity_short_run"]), np.array(c["elasticity_long_run"]), h))
    one = np.ones(1)
    mc = calc_tax_change(
        flows_us,
        0.05,
        d["cash_share"],
        calc_horizon_elasticity(d["elasticity_short_run"], d["elasticity_long_run"], h),
        d["substitution"],
        w,
    ).sum(axis=1)
    return BbvaComparison(
        published_usd_bn=BBVA_5PCT_CUT_USD_BN,
        reproduced_usd_bn=-0.05 * BBVA_UNDOCUMENTED_FLOW_USD_BN,
        undocumented_share=u,
        response_usd_bn=float(calc_tax_change(np.array([from_us]), 0.05, u * one, e * one, 0 * one).sum()) / 1e9,
        scope_usd_bn=float(calc_tax_change(flows_us, 0.05, c["cash_share"] * one, e * one, 0 * one, w).sum()) / 1e9,
        palanca_usd_bn=float(
            calc_tax_change(flows_us, 0.05, c["cash_share"] * one, e * one, c["substitution"] * one, w).sum()
        )
        / 1e9,
        palanca_low_usd_bn=float(np.percentile(mc, 5)) / 1e9,
        palanca_high_usd_bn=float(np.percentile(mc, 95)) / 1e9,
        elasticity=e,
        cash_share=c["cash_share"],
        substitution=c["substitution"],
    )


def remittance_tax(
    rate: float,
    *,
    cash_share: float | None = None,
    elasticity: float | None = None,
    substitution: float | None = None,
    horizon: Horizon | str = Horizon.FIRST_YEAR,
    year: int = 2025,
    draws: int = 2000,
    seed: int = 0,
    base: RemittanceBase | None = None,
) -> RemittanceTaxResult:
    """Simulate a US tax of ``rate`` on cash-funded remittances to Mexico (module docstring for the model).

    Parameters
    ----------
    rate : float
        Tax as a fraction of the amount sent (0.01 = the 1% excise in force from 1 Jan 2026).
    cash_share, substitution : float, optional
        Fix a parameter; left as None it takes its central value for the point estimate and is drawn
        uniformly over its range (`CASH_SHARE`, `SUBSTITUTION`) for the bands.
        A state's taxed share is ``min(cash_share * w_s, 1)``, so ``cash_share=1, substitution=0`` taxes every
        US-origin transfer in the states with exposure ``w_s ≥ 1`` and the share ``w_s`` elsewhere.
    elasticity : float, optional
        Fix the horizon's cost elasticity ε_h (≤ 0); otherwise ε_SR and ε_LR are drawn (`ELASTICITY`,
        `ELASTICITY_LONG_RUN`) and combined for ``horizon``.
    horizon : {"first-quarter", "first-year", "long-run"}
        Which elasticity applies (default: the first year after the tax starts).
    year : int
        Baseline year of flows (Banxico) — default 2025, the last full year before the excise.
    draws, seed : int
        Monte Carlo draws and the seed of ``numpy.random.default_rng`` (results reproduce by seed).
    base : RemittanceBase, optional
        A baseline to use instead of the shipped one (tests); the 2026 hindcast is then skipped.

    Raises
    ------
    ScenarioError
        For a rate outside [0, 0.99], shares outside [0, 1], a positive elasticity, an unknown horizon or draws
        outside [1, 1,000,000].
    """
    _check_unit("rate", np.array([rate], dtype=float), 0.0, 0.99, "Give the tax as a fraction: 0.01 for 1%.")
    for name, value in (("cash_share", cash_share), ("substitution", substitution)):
        if value is not None:
            _check_unit(name, np.array([value], dtype=float), 0.0, 1.0, "Give it as a fraction, e.g. 0.5.")
    if elasticity is not None and not (np.isfinite(elasticity) and elasticity <= 0):
        raise ScenarioError(
            f"elasticity must be ≤ 0 (flows fall when sending costs more); got {elasticity!r}. "
            f"The ranges span {ELASTICITY.low} to {ELASTICITY_LONG_RUN.high}; give e.g. -1.0."
        )
    try:
        h = Horizon(horizon)
    except ValueError:
        raise ScenarioError(
            f"horizon={horizon!r} is not known; choose one of: {', '.join(v.value for v in Horizon)}"
        ) from None
    if not (0 <= seed < 2**63):
        raise ScenarioError(f"seed must lie in [0, 2**63); got {seed!r}. Use e.g. --seed 0.")
    if not (1 <= draws <= MAX_DRAWS):
        raise ScenarioError(f"draws must lie in [1, {MAX_DRAWS:,}]; got {draws!r}. Use e.g. --draws 2000.")
    shipped = base is None
    base = base if base is not None else remittance_base(year)
    fixed = {
        "cash_share": cash_share,
        "elasticity_short_run": elasticity,
        "elasticity_long_run": elasticity,
        "substitution": substitution,
    }
    central = {k: (v if v is not None else _RANGES[k].central) for k, v in fixed.items()}
    d = _draws(np.random.default_rng(seed), draws, fixed)
    e0 = calc_horizon_elasticity(
        np.array([central["elasticity_short_run"]]), np.array([central["elasticity_long_run"]]), h
    )
    e_mc = calc_horizon_elasticity(d["elasticity_short_run"], d["elasticity_long_run"], h)
    c0, s0 = np.array([central["cash_share"]]), np.array([central["substitution"]])

    w = calc_exposure_weights(base.mx_states, base.mx_inflow_usd)
    flows_us = base.mx_inflow_usd * (base.from_us_usd / base.total_usd)  # US-origin flows by receiving state
    mx_change = calc_tax_change(flows_us, rate, c0, e0, s0, w)[0]
    national = float(mx_change.sum())
    mc = calc_tax_change(flows_us, rate, d["cash_share"], e_mc, d["substitution"], w).sum(axis=1)
    us_change = national * base.us_inflow_usd / base.from_us_usd
    params = {"cash_share": central["cash_share"], "substitution": central["substitution"]}
    params |= (
        {"elasticity": float(e0[0])}
        if elasticity is not None
        else {
            "elasticity_short_run": central["elasticity_short_run"],
            "elasticity_long_run": central["elasticity_long_run"],
            f"elasticity_{h.value}": float(e0[0]),
        }
    )
    uncertain = tuple(_RANGES[k] for k, v in fixed.items() if v is None)
    hindcast = None
    if shipped:
        pct = 100 / base.total_usd
        one_pct = calc_tax_change(flows_us, 0.01, c0, e0, s0, w).sum() * pct
        one_mc = calc_tax_change(flows_us, 0.01, d["cash_share"], e_mc, d["substitution"], w).sum(axis=1) * pct
        hindcast = excise_hindcast((float(one_pct), float(np.percentile(one_mc, 5)), float(np.percentile(one_mc, 95))))
    published = BANXICO_RELEASES.get(base.year, (None,))[0]
    notes = (
        "state incidence: each state's taxed share is c·w (at most 1), w the exposure weight from the "
        "undocumented-sender share implied by BBVA Research's (2025) published state figures (assumption: cash "
        "funding is concentrated among undocumented senders in the same proportion everywhere); no origin × state "
        "matrix is published",
        "US-state incidence: proportional to each US state's share of flows (same US-origin mix for every receiving "
        "state: an assumption)",
        "flows from outside the US are untaxed; the response is to the all-in price per dollar (1+t)",
        "state GDP: INEGI current pesos at the year's average Banxico FIX rate",
    )
    return RemittanceTaxResult(
        rate=float(rate),
        base=base,
        horizon=h.value,
        parameters=params,
        uncertain=uncertain,
        draws=int(draws),
        seed=int(seed),
        national_change_usd=national,
        national_low_usd=float(np.percentile(mc, 5)),
        national_high_usd=float(np.percentile(mc, 95)),
        mx_change_usd=mx_change,
        us_change_usd=us_change,
        exposure=w,
        revenue_usd=float(calc_tax_revenue(flows_us, rate, c0, e0, s0, w)[0]),
        bbva=_bbva(flows_us, w, base.from_us_usd, d, central, h),
        hindcast=hindcast,
        published_total_usd=None if published is None else published * 1e6,
        notes=notes,
        inputs=RunInputs(
            "remittance_tax",
            {
                "rate": float(rate),
                "cash_share": cash_share,
                "elasticity": elasticity,
                "substitution": substitution,
                "horizon": h.value,
                "year": int(base.year),
                "draws": int(draws),
                "seed": int(seed),
                "base": "shipped" if shipped else "given",
                "base_digest": base_digest(base),
            },
        ),
    )
