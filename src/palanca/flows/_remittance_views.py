"""Views of the remittance series: by year, by receiving Mexican state, by US state of origin."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np

from palanca._inputs import RunInputs
from palanca.data import BANXICO_RELEASES, flows_digest, remittance_annual, remittance_base
from palanca.errors import ScenarioError
from palanca.flows._render import fmt, text_table

__all__ = ["RemittanceView", "RemittanceViewBy", "remittance_overview"]

#: The shipped series each view reads (their digest is recorded in a view's inputs).
_YEAR_SERIES = ("remittances_monthly", "remittances_by_country", "mx_state_gdp", "usdmxn_monthly")
_STATE_SERIES = ("remittances_mx_state", "remittances_us_state", "mx_state_gdp", "usdmxn_monthly",
                 "mx_state_population")  # fmt: skip


class RemittanceViewBy(StrEnum):
    """How to break down the remittance series."""

    STATE = "state"
    US_STATE = "us-state"
    YEAR = "year"


def _pct_change(new: np.ndarray, old: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(old > 0, 100.0 * (new / old - 1.0), np.nan)


@dataclass(frozen=True)
class RemittanceView:
    """A table of remittance figures with its title, column names and sources; read-only."""

    by: RemittanceViewBy
    year: int | None
    title: str
    columns: tuple[str, ...]
    rows: tuple[dict[str, object], ...]
    notes: tuple[str, ...]
    # The exact inputs of the call that made this result (`palanca.RunInputs`); the store saves them.
    inputs: RunInputs | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "by": self.by.value,
            "year": self.year,
            "rows": [dict(r) for r in self.rows],
            "notes": list(self.notes),
            "inputs": None if self.inputs is None else self.inputs.to_dict(),
        }

    @property
    def summary(self) -> str:
        specs = {
            "usd_m": ",.1f",
            "usd_bn": ",.2f",
            "pct": ".2f",
            "per_person": ",.0f",
            "operations_m": ",.1f",
        }

        def cell(col: str, value: object) -> str:
            if isinstance(value, str):
                return value
            if isinstance(value, int) and not isinstance(value, bool):
                return str(value)
            spec = next((s for suffix, s in specs.items() if col.endswith(suffix)), ",.2f")
            return fmt(None if value is None else float(value), spec)  # type: ignore[arg-type]

        rows = [[cell(c, r[c]) for c in self.columns] for r in self.rows]
        return text_table(self.title, list(self.columns), rows, self.notes)

    def __str__(self) -> str:
        return self.summary


def remittance_overview(by: RemittanceViewBy | str = RemittanceViewBy.STATE, year: int = 2024) -> RemittanceView:
    """Remittance totals, growth, % of GDP and per person, the most exposed first.

    The view carries its inputs: the breakdown, the year of a state view and the digest of the series it read.

    Parameters
    ----------
    by : {"state", "us-state", "year"}
        ``state``: receiving Mexican states ranked by remittances as % of state GDP; ``us-state``: US
        states of origin ranked by value; ``year``: the national annual series from 1995.
    year : int
        The year of the state views (ignored for ``year``).
    """
    view = _view(by, year)
    series = _YEAR_SERIES if view.by is RemittanceViewBy.YEAR else _STATE_SERIES
    params = {"by": view.by.value, "year": view.year, "data_digest": flows_digest(*series)}
    return replace(view, inputs=RunInputs("remittance_overview", params))


def _view(by: RemittanceViewBy | str, year: int) -> RemittanceView:
    """The table of `remittance_overview`, without its inputs."""
    try:
        by = RemittanceViewBy(by)
    except ValueError:
        raise ScenarioError(
            f"by={by!r} is not a remittance view; choose one of: {', '.join(v.value for v in RemittanceViewBy)}"
        ) from None
    if by is RemittanceViewBy.YEAR:
        a = remittance_annual()
        growth = np.r_[np.nan, _pct_change(a.inflow_usd[1:], a.inflow_usd[:-1])]
        rows = tuple(
            {
                "year": int(y),
                "inflow_usd_bn": float(a.inflow_usd[k]) / 1e9 if a.complete[k] else None,
                "release_usd_bn": BANXICO_RELEASES[int(y)][0] / 1e3 if int(y) in BANXICO_RELEASES else None,
                "growth_pct": None if (not a.complete[k] or np.isnan(growth[k])) else float(growth[k]),
                "from_us_pct": None if np.isnan(a.from_us_usd[k]) else 100 * float(a.from_us_usd[k] / a.inflow_usd[k]),
                "pct_gdp": None if np.isnan(a.gdp_usd[k]) else 100 * float(a.inflow_usd[k] / a.gdp_usd[k]),
                "operations_m": float(a.operations[k]) / 1e6 if a.complete[k] else None,
                "avg_transfer_usd": float(a.inflow_usd[k] / a.operations[k]) if a.operations[k] > 0 else None,
            }
            for k, y in enumerate(a.years)
        )
        return RemittanceView(
            by=by,
            year=None,
            title="Remittances received by Mexico, by year (Banxico SIE; GDP: INEGI state GDP at FIX)",
            columns=(
                "year",
                "inflow_usd_bn",
                "release_usd_bn",
                "growth_pct",
                "from_us_pct",
                "pct_gdp",
                "operations_m",
                "avg_transfer_usd",
            ),
            rows=rows,
            notes=(
                "incomplete years show n/a for totals; from_us_pct: Banxico by-country series (from 2013)",
                "inflow: SIE vintage shipped; release: Banxico's press release (1 Feb 2024; 3 Feb 2026) — 2024 and "
                "2025 were revised upwards afterwards",
                "pct_gdp: INEGI PIB estatal (current pesos, to the latest year) / Banxico FIX annual mean",
            ),
        )
    base = remittance_base(year)
    if by is RemittanceViewBy.STATE:
        share_gdp = 100 * base.mx_inflow_usd / base.mx_gdp_usd
        growth = _pct_change(base.mx_inflow_usd, base.mx_inflow_prev_usd)
        order = np.argsort(-share_gdp)
        rows = tuple(
            {
                "state": base.mx_states[k],
                "inflow_usd_m": float(base.mx_inflow_usd[k]) / 1e6,
                "share_pct": 100 * float(base.mx_inflow_usd[k] / base.total_usd),
                "growth_pct": float(growth[k]),
                "state_gdp_pct": float(share_gdp[k]),
                "usd_per_person": float(base.mx_inflow_usd[k] / base.mx_population[k]),
            }
            for k in order
        )
        return RemittanceView(
            by=by,
            year=year,
            title=f"Remittances by receiving Mexican state, {year}, most exposed first (Banxico; INEGI)",
            columns=("state", "inflow_usd_m", "share_pct", "growth_pct", "state_gdp_pct", "usd_per_person"),
            rows=rows,
            notes=(
                f"state_gdp_pct: INEGI state GDP {base.gdp_year} (current pesos) at "
                f"{base.mxn_per_usd:.3f} MXN/USD "
                "(Banxico FIX annual mean)",
                f"usd_per_person: CONAPO population {year} (estimates and projections); growth vs {year - 1}",
                f"total {base.total_usd / 1e9:,.2f} US$bn; from the US {100 * base.from_us_usd / base.total_usd:.1f}%",
            ),
        )
    growth = _pct_change(base.us_inflow_usd, base.us_inflow_prev_usd)
    order = np.argsort(-base.us_inflow_usd)
    rows = tuple(
        {
            "us_state": f"{base.us_state_names[k]} ({base.us_states[k]})",
            "inflow_usd_m": float(base.us_inflow_usd[k]) / 1e6,
            "share_pct": 100 * float(base.us_inflow_usd[k] / base.from_us_usd),
            "growth_pct": None if np.isnan(growth[k]) else float(growth[k]),
        }
        for k in order
    )
    return RemittanceView(
        by=by,
        year=year,
        title=f"Remittances to Mexico by US state of origin, {year} (Banxico)",
        columns=("us_state", "inflow_usd_m", "share_pct", "growth_pct"),
        rows=rows,
        notes=(f"total from the US {base.from_us_usd / 1e9:,.2f} US$bn; XX = origin not identified by Banxico",),
    )
