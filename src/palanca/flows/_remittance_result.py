"""The remittance-tax result and BBVA's 5% estimate set beside palanca's; rendering only, no economics."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field

import numpy as np

from palanca._inputs import RunInputs
from palanca._summary import Summary
from palanca.data import RemittanceBase
from palanca.flows._remittance_evidence import ExciseHindcast
from palanca.flows._render import ParameterRange, fmt, text_table

__all__ = ["BbvaComparison", "RemittanceTaxResult", "base_digest"]


@dataclass(frozen=True)
class BbvaComparison:
    """BBVA Research's 5% estimate, reproduced under its own assumptions, and palanca's beside it (US$bn).

    The steps go from BBVA's arithmetic to palanca's central estimate, changing one assumption at a time:
    ``response`` replaces "the whole tax comes out of what arrives" (−t) by palanca's cost response
    :math:`(1+t)^{\\varepsilon}-1`; ``scope`` replaces BBVA's taxed base (undocumented senders' flows) by the
    cash-funded share; ``substitution`` lets a share σ of taxed flows move to exempt channels.
    """

    published_usd_bn: float
    reproduced_usd_bn: float
    undocumented_share: float
    response_usd_bn: float
    scope_usd_bn: float
    palanca_usd_bn: float
    palanca_low_usd_bn: float
    palanca_high_usd_bn: float
    elasticity: float
    cash_share: float
    substitution: float

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)

    def lines(self) -> list[str]:
        return [
            "Benchmark, 5% tax — BBVA Research (2025): US$"
            f"{self.published_usd_bn:+.3f}bn = 5% × US$31.3bn sent by ≈4.1m undocumented senders (4.5m less ≈0.4m "
            "DACA), no substitution",
            f"  BBVA's arithmetic reproduced: US${self.reproduced_usd_bn:+.3f}bn "
            f"({100 * self.undocumented_share:.0f}% of US-origin flows taxed, ΔR = −t·R)",
            f"  + palanca's response ((1.05)^{self.elasticity:.2f} − 1 instead of −5%): "
            f"US${self.response_usd_bn:+.3f}bn",
            f"  + palanca's scope (cash-funded share {self.cash_share:.2f}, not undocumented senders): "
            f"US${self.scope_usd_bn:+.3f}bn",
            f"  + substitution to exempt channels (σ = {self.substitution:.2f}) = palanca: "
            f"US${self.palanca_usd_bn:+.3f}bn (5–95%: {self.palanca_low_usd_bn:+.3f} to "
            f"{self.palanca_high_usd_bn:+.3f})",
        ]


def base_digest(base: RemittanceBase) -> str:
    """SHA-256 of a remittance baseline's fields (arrays by their bytes), recorded in a result's inputs."""
    h = hashlib.sha256()
    for f in dataclasses.fields(base):
        v = getattr(base, f.name)
        h.update(f.name.encode())
        h.update(np.ascontiguousarray(v).tobytes() if isinstance(v, np.ndarray) else repr(v).encode())
    return h.hexdigest()


@dataclass(frozen=True, eq=False)
class RemittanceTaxResult(Summary):
    """The effect of a US tax on remittances to Mexico; read-only. Money in USD.

    ``national_change_usd`` is the point estimate at the central (or given) parameters;
    ``national_low_usd``/``national_high_usd`` are the 5th and 95th percentiles over the Monte Carlo
    draws of the parameters not fixed by the caller. State arrays follow ``base.mx_states`` and
    ``base.us_states``; ``exposure`` holds the state weights :math:`w_s`.
    """

    rate: float
    base: RemittanceBase
    horizon: str
    parameters: dict[str, float]
    uncertain: tuple[ParameterRange, ...]
    draws: int
    seed: int
    national_change_usd: float
    national_low_usd: float
    national_high_usd: float
    mx_change_usd: np.ndarray
    us_change_usd: np.ndarray
    exposure: np.ndarray
    revenue_usd: float
    bbva: BbvaComparison
    hindcast: ExciseHindcast | None
    published_total_usd: float | None
    notes: tuple[str, ...] = field(default=())
    # The exact inputs of the call that made this result (`palanca.RunInputs`); the store saves them.
    inputs: RunInputs | None = None

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

    @property
    def mx_change_pct_flows(self) -> np.ndarray:
        return 100.0 * self.mx_change_usd / self.base.mx_inflow_usd

    def to_frame(self, table: str = "states"):  # -> pandas.DataFrame
        """By Mexican state (``states``, index ``state``) or US state of origin (``us_states``), as in ``to_dict``."""
        import pandas as pd

        if table not in ("states", "us_states"):
            raise ValueError(f"table = {table!r}: choose one of states, us_states.")
        return pd.DataFrame(self.to_dict()[table]).set_index("state" if table == "states" else "us_state")

    def to_dict(self) -> dict[str, object]:
        """JSON-ready record with the stable keys of ``palanca remittances tax --json``."""
        lo_share = self.national_low_usd / self.national_change_usd if self.national_change_usd else 0.0
        hi_share = self.national_high_usd / self.national_change_usd if self.national_change_usd else 0.0
        order = np.argsort(self.mx_change_pct_state_gdp)
        b = self.bbva
        return {
            "rate": self.rate,
            "year": self.base.year,
            "horizon": self.horizon,
            "baseline_usd_bn": self.base.total_usd / 1e9,
            "baseline_published_usd_bn": None if self.published_total_usd is None else self.published_total_usd / 1e9,
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
                    "change_pct_flows": float(self.mx_change_pct_flows[k]),
                    "change_pct_state_gdp": float(self.mx_change_pct_state_gdp[k]),
                    "exposure_weight": float(self.exposure[k]),
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
                "source": "BBVA Research (2025): a 5% tax on undocumented senders cuts remittances to Mexico by "
                "US$1,563m a year",
                "published_usd_bn": b.published_usd_bn,
                "reproduced_usd_bn": b.reproduced_usd_bn,
                "palanca_usd_bn": b.palanca_usd_bn,
                "palanca_low_usd_bn": b.palanca_low_usd_bn,
                "palanca_high_usd_bn": b.palanca_high_usd_bn,
                "steps_usd_bn": {"response": b.response_usd_bn, "scope": b.scope_usd_bn},
            },
            "hindcast_2026": None if self.hindcast is None else self.hindcast.to_dict(),
            "notes": list(self.notes),
            "inputs": None if self.inputs is None else self.inputs.to_dict(),
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
                fmt(self.mx_change_pct_flows[k], ".2f"),
                fmt(pct[k], ".3f"),
                fmt(100 * b.mx_inflow_usd[k] / b.mx_gdp_usd[k], ".2f"),
                fmt(self.exposure[k], ".2f"),
            ]
            for k in order
        ]
        pub = (
            ""
            if self.published_total_usd is None
            else f" (Banxico's press release: US${self.published_total_usd / 1e9:,.3f}bn; the shipped SIE vintage is "
            f"{100 * (b.total_usd / self.published_total_usd - 1):+.1f}% after later revisions)"
        )
        head = [
            f"US tax of {100 * self.rate:g}% on cash-funded remittances to Mexico, {self.horizon} response — "
            f"baseline {b.year}: US${b.total_usd / 1e9:,.2f}bn received (Banxico SIE){pub}, "
            f"US${b.from_us_usd / 1e9:,.2f}bn from the US",
            f"  change in flows: US${self.national_change_usd / 1e9:+,.3f}bn "
            f"(5–95%: {self.national_low_usd / 1e9:+,.3f} to {self.national_high_usd / 1e9:+,.3f}; "
            f"{self.draws} draws, seed {self.seed}) = "
            f"{100 * self.national_change_usd / b.total_usd:+.2f}% of flows, "
            f"{self.national_change_pct_gdp:+.3f}% of Mexico's GDP (INEGI {b.gdp_year})",
            f"  US excise revenue: US${self.revenue_usd / 1e9:,.3f}bn",
            "",
            *self.bbva.lines(),
            "",
        ]
        if self.hindcast is not None:
            head += [self.hindcast.summary, ""]
        table = text_table(
            "Most exposed Mexican states (loss as % of state GDP; INEGI GDP at the average FIX rate)",
            ["state", "change US$m", "% flows", "% state GDP", "remittances % GDP", "exposure w"],
            rows,
        )
        us_order = np.argsort(self.us_change_usd)[:5]
        us_rows = [[f"{b.us_state_names[k]} ({b.us_states[k]})", fmt(self.us_change_usd[k] / 1e6)] for k in us_order]
        us_table = text_table("Largest changes by US state of origin (Banxico)", ["US state", "change US$m"], us_rows)
        assumptions = ["Parameters (source or assumption):"]
        assumptions += [f"  {k} = {v:g}" for k, v in self.parameters.items()]
        assumptions += [f"  drawn: {p.describe()}" for p in self.uncertain]
        assumptions += [f"  {n}" for n in self.notes]
        return "\n".join([*head, table, "", us_table, "", *assumptions])

    def __str__(self) -> str:
        return self.summary
