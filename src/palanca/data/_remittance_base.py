"""Remittance baselines as arrays: one year's flows by Mexican state and by US state of origin.

Built from the shipped Banxico, INEGI and CONAPO series (``shipped/flows/``). Conversions made here,
once: state GDP from millions of current pesos to US dollars at the year's average Banxico FIX rate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from palanca.data._flows import (
    load_mx_state_gdp,
    load_mx_state_population,
    load_remittances_by_country,
    load_remittances_monthly,
    load_remittances_mx_state,
    load_remittances_us_state,
    load_usdmxn_monthly,
)
from palanca.errors import DataFormatError

__all__ = [
    "BANXICO_MONTHLY_RELEASES",
    "BANXICO_RELEASES",
    "RemittanceAnnual",
    "RemittanceBase",
    "RemittanceReconciliation",
    "remittance_annual",
    "remittance_base",
    "remittance_reconciliation",
]

#: Banxico's published annual figures (press release on "Ingresos y egresos por remesas", December of each
#: year, as quoted by the following year's release): year -> (inflows US$m, transfers in millions or NaN where
#: the release gives none, release date). 2022 and 2023 are quoted in the release of 1 Feb 2024; 2024 and 2025
#: (61,791 from 155.74m transfers, −4.6%) in the release of 3 Feb 2026.
BANXICO_RELEASES: dict[int, tuple[float, float, str]] = {
    2022: (58_868.0, float("nan"), "2024-02-01"),
    2023: (63_313.0, 161.03, "2024-02-01"),
    2024: (64_746.0, float("nan"), "2026-02-03"),
    2025: (61_791.0, 155.74, "2026-02-03"),
}


def _frozen(arr: np.ndarray) -> np.ndarray:
    out = np.asarray(arr, dtype=np.float64).copy()
    out.setflags(write=False)
    return out


#: Banxico's first prints of monthly inflows (US$m) in its monthly press releases: month -> (value, release).
BANXICO_MONTHLY_RELEASES: dict[str, tuple[float, str]] = {
    "2023-12": (5_490.0, "2024-02-01"),
    "2025-01": (4_660.0, "2025-03"),
    "2025-09": (5_214.0, "2025-11-03"),
    "2025-10": (5_635.0, "2025-12-01"),
    "2025-11": (5_125.0, "2026-01-02"),
    "2025-12": (5_322.0, "2026-02-03"),
    "2026-01": (4_594.0, "2026-03"),
}


@dataclass(frozen=True)
class RemittanceBase:
    """One calendar year of remittance inflows to Mexico, by receiving state and by US state of origin.

    Attributes
    ----------
    year : int
    mx_states : tuple of str, 32
        Receiving Mexican states (INEGI order, CVE_ENT 1..32).
    mx_inflow_usd : ndarray, 32
        Inflows by receiving state (Banxico), USD.
    mx_inflow_prev_usd : ndarray, 32
        The same for the previous year (for growth rates).
    mx_gdp_usd : ndarray, 32
        State GDP (INEGI, current pesos) converted at the average FIX rate of ``gdp_year``, USD.
    mx_population : ndarray, 32
        CONAPO population of ``year``.
    gdp_year : int
        The GDP year used (the latest INEGI year not after ``year``).
    us_states : tuple of str
        US states of origin (two-letter codes; ``XX`` = not identified by Banxico).
    us_state_names : tuple of str
    us_inflow_usd, us_inflow_prev_usd : ndarray
        Inflows by US state of origin, this year and the previous one, USD.
    mxn_per_usd : float
        Average FIX rate of ``gdp_year``.
    """

    year: int
    mx_states: tuple[str, ...]
    mx_inflow_usd: np.ndarray
    mx_inflow_prev_usd: np.ndarray
    mx_gdp_usd: np.ndarray
    mx_population: np.ndarray
    gdp_year: int
    us_states: tuple[str, ...]
    us_state_names: tuple[str, ...]
    us_inflow_usd: np.ndarray
    us_inflow_prev_usd: np.ndarray
    mxn_per_usd: float

    def __post_init__(self) -> None:
        for name in (
            "mx_inflow_usd",
            "mx_inflow_prev_usd",
            "mx_gdp_usd",
            "mx_population",
            "us_inflow_usd",
            "us_inflow_prev_usd",
        ):
            arr = _frozen(getattr(self, name))
            if np.any(~np.isfinite(arr)) or np.any(arr < 0):
                raise DataFormatError(f"RemittanceBase.{name} must be finite and ≥ 0; got {arr}")
            object.__setattr__(self, name, arr)
        if not (len(self.mx_states) == self.mx_inflow_usd.size == self.mx_gdp_usd.size == 32):
            raise DataFormatError(f"RemittanceBase needs 32 Mexican states; got {len(self.mx_states)}")
        if len(self.us_states) != self.us_inflow_usd.size:
            raise DataFormatError("RemittanceBase.us_states and us_inflow_usd differ in length")

    @property
    def total_usd(self) -> float:
        """Total inflows (sum over receiving states = Banxico's national total)."""
        return float(self.mx_inflow_usd.sum())

    @property
    def from_us_usd(self) -> float:
        """Inflows whose origin is the United States (sum over US states, incl. not identified)."""
        return float(self.us_inflow_usd.sum())


@dataclass(frozen=True)
class RemittanceAnnual:
    """National annual series: totals, operations, share from the US and share of GDP.

    Attributes
    ----------
    years : ndarray(int), Y
    inflow_usd, operations : ndarray, Y
    from_us_usd : ndarray, Y
        NaN before 2013 (no country breakdown).
    gdp_usd : ndarray, Y
        Mexico's GDP (sum of INEGI state GDP) at the average FIX rate; NaN where INEGI has no year yet.
    complete : ndarray(bool), Y
        Whether all 12 months of the year are published.
    """

    years: np.ndarray
    inflow_usd: np.ndarray
    operations: np.ndarray
    from_us_usd: np.ndarray
    gdp_usd: np.ndarray
    complete: np.ndarray


def _fx_by_year() -> dict[int, float]:
    fx = load_usdmxn_monthly()
    return fx.groupby(fx["month"].dt.year)["mxn_per_usd"].mean().to_dict()


def remittance_base(year: int = 2024) -> RemittanceBase:
    """The arrays of one complete year (2013 up to the latest complete year in the shipped data).

    Raises
    ------
    DataFormatError
        If ``year`` has no complete state and US-state data (the message gives the valid years).
    """
    mx = load_remittances_mx_state()
    us = load_remittances_us_state()
    mx_q = mx.groupby(mx["quarter"].dt.year)["quarter"].nunique()
    us_q = us.groupby(us["quarter"].dt.year)["quarter"].nunique()
    valid = sorted(y for y in mx_q.index if mx_q[y] == 4 and us_q.get(y, 0) == 4 and us_q.get(y - 1, 0) == 4)
    if year not in valid:
        raise DataFormatError(
            f"year={year} has no complete remittance data by Mexican and US state; "
            f"choose a year in {valid[0]}..{valid[-1]}"
        )
    mx_y = mx[mx["quarter"].dt.year == year].groupby(["cve_ent", "state"])["inflow_usd"].sum().reset_index()
    mx_p = mx[mx["quarter"].dt.year == year - 1].groupby("cve_ent")["inflow_usd"].sum()
    gdp = load_mx_state_gdp()
    gdp_year = int(min(year, gdp["year"].max()))
    fx = _fx_by_year()[gdp_year]
    g = gdp[gdp["year"] == gdp_year].set_index("cve_ent")["gdp_mxn_m"]
    pop = load_mx_state_population()
    p = pop[pop["year"] == year].set_index("cve_ent")["population"]
    cve = mx_y["cve_ent"].to_numpy()
    us_y = us[us["quarter"].dt.year == year].groupby(["us_state", "us_state_name"])["inflow_usd"].sum().reset_index()
    us_p = us[us["quarter"].dt.year == year - 1].groupby("us_state")["inflow_usd"].sum()
    return RemittanceBase(
        year=year,
        mx_states=tuple(mx_y["state"]),
        mx_inflow_usd=mx_y["inflow_usd"].to_numpy(),
        mx_inflow_prev_usd=mx_p.reindex(cve).to_numpy(),
        mx_gdp_usd=g.reindex(cve).to_numpy() * 1e6 / fx,
        mx_population=p.reindex(cve).to_numpy(),
        gdp_year=gdp_year,
        us_states=tuple(us_y["us_state"]),
        us_state_names=tuple(us_y["us_state_name"]),
        us_inflow_usd=us_y["inflow_usd"].to_numpy(),
        us_inflow_prev_usd=us_p.reindex(us_y["us_state"]).fillna(0.0).to_numpy(),
        mxn_per_usd=float(fx),
    )


def remittance_annual() -> RemittanceAnnual:
    """Banxico's national inflows by calendar year from 1995, with the US share and % of GDP."""
    m = load_remittances_monthly()
    g = m.groupby(m["month"].dt.year).agg(
        inflow_usd=("inflow_usd", "sum"), operations=("inflow_operations", "sum"), n=("month", "nunique")
    )
    c = load_remittances_by_country()
    us = c[c["origin"] == "USA"].set_index("year")["inflow_usd"]
    gdp = load_mx_state_gdp().groupby("year")["gdp_mxn_m"].sum()
    fx = _fx_by_year()
    years = g.index.to_numpy(dtype=int)
    gdp_usd = np.array([gdp[y] * 1e6 / fx[y] if y in gdp.index and y in fx else np.nan for y in years])
    return RemittanceAnnual(
        years=years,
        inflow_usd=g["inflow_usd"].to_numpy(dtype=float),
        operations=g["operations"].to_numpy(dtype=float),
        from_us_usd=us.reindex(years).to_numpy(dtype=float),
        gdp_usd=gdp_usd,
        complete=(g["n"] == 12).to_numpy(),
    )


@dataclass(frozen=True)
class RemittanceReconciliation:
    """Shipped annual totals (Banxico SIE vintage of the data snapshot) beside Banxico's press-release figures.

    ``rows`` holds, per year: the published inflow (US$m) and transfers (millions) with the release date,
    the shipped ones, and the differences in percent. A difference is a later revision of the SIE series.
    """

    rows: tuple[dict[str, object], ...]

    def row(self, year: int) -> dict[str, object]:
        for r in self.rows:
            if r["year"] == year:
                return r
        raise DataFormatError(f"year={year} has no published Banxico figure; choose one of {sorted(BANXICO_RELEASES)}")


def remittance_reconciliation() -> RemittanceReconciliation:
    """Compare the shipped annual inflows and transfer counts with `BANXICO_RELEASES`."""
    a = remittance_annual()
    rows = []
    for year, (pub_usd_m, pub_ops_m, date) in sorted(BANXICO_RELEASES.items()):
        k = np.flatnonzero(a.years == year)
        if not k.size:
            continue
        usd_m, ops_m = float(a.inflow_usd[k[0]]) / 1e6, float(a.operations[k[0]]) / 1e6
        rows.append(
            {
                "year": year,
                "release": date,
                "published_usd_m": pub_usd_m,
                "shipped_usd_m": usd_m,
                "diff_pct": 100 * (usd_m / pub_usd_m - 1),
                "published_transfers_m": pub_ops_m,
                "shipped_transfers_m": ops_m,
                "transfers_diff_pct": 100 * (ops_m / pub_ops_m - 1) if np.isfinite(pub_ops_m) else float("nan"),
            }
        )
    return RemittanceReconciliation(tuple(rows))
