"""Remittances: published figures, identities of the tax model, a hand-computed case, errors."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from palanca.data import RemittanceBase, remittance_annual, remittance_base
from palanca.errors import DataFormatError, ScenarioError
from palanca.flows import (
    BBVA_5PCT_CUT_USD_BN,
    calc_tax_change,
    calc_tax_revenue,
    remittance_overview,
    remittance_tax,
)


@pytest.fixture(scope="module")
def base2024() -> RemittanceBase:
    return remittance_base(2024)


def _tiny_base() -> RemittanceBase:
    mx = np.zeros(32)
    mx[0], mx[1] = 150.0, 250.0  # two receiving states share the 400 of inflows
    gdp = np.full(32, 1000.0)
    return RemittanceBase(
        year=2024,
        mx_states=tuple(f"S{k}" for k in range(32)),
        mx_inflow_usd=mx,
        mx_inflow_prev_usd=mx,
        mx_gdp_usd=gdp,
        mx_population=np.full(32, 10.0),
        gdp_year=2024,
        us_states=("CA", "TX"),
        us_state_names=("California", "Texas"),
        us_inflow_usd=np.array([100.0, 300.0]),
        us_inflow_prev_usd=np.array([100.0, 300.0]),
        mxn_per_usd=18.0,
    )


# --- published figures (Banxico, as quoted in shared/data/banxico-remittances/PROVENANCE.md and issue 6)
def test_2024_total_and_us_share_match_banxico(base2024):
    assert base2024.total_usd / 1e9 == pytest.approx(65.02, abs=0.01)
    assert base2024.from_us_usd / base2024.total_usd == pytest.approx(0.966, abs=0.001)
    top = sorted(zip(base2024.mx_inflow_usd, base2024.mx_states, strict=True), reverse=True)[:3]
    assert {s for _, s in top} == {"Guanajuato", "Michoacán", "Jalisco"}
    ca = base2024.us_inflow_usd[base2024.us_states.index("CA")]
    assert ca / 1e9 == pytest.approx(19.8, abs=0.05)


def test_remittances_are_about_3_5_pct_of_gdp_in_2024():
    a = remittance_annual()
    k = int(np.flatnonzero(a.years == 2024)[0])
    assert 100 * a.inflow_usd[k] / a.gdp_usd[k] == pytest.approx(3.5, abs=0.15)
    assert a.inflow_usd[np.flatnonzero(a.years == 2023)[0]] / 1e9 == pytest.approx(63.32, abs=0.01)


def test_state_view_ranks_by_share_of_gdp(base2024):
    view = remittance_overview("state", year=2024)
    shares = [r["state_gdp_pct"] for r in view.rows]
    assert shares == sorted(shares, reverse=True) and len(view.rows) == 32
    # independent: remittances / GDP for the first state
    first = view.rows[0]
    k = base2024.mx_states.index(first["state"])
    assert first["state_gdp_pct"] == pytest.approx(100 * base2024.mx_inflow_usd[k] / base2024.mx_gdp_usd[k])
    assert "INEGI" in view.summary and "CONAPO" in view.summary


def test_year_view_growth_identity():
    rows = {r["year"]: r for r in remittance_overview("year").rows}
    assert rows[2024]["growth_pct"] == pytest.approx(
        100 * (rows[2024]["inflow_usd_bn"] / rows[2023]["inflow_usd_bn"] - 1)
    )
    assert rows[2026]["inflow_usd_bn"] is None  # incomplete year


# --- the tax model
def test_hand_computed_case():
    # ΔR = 400 · 0.5 · (1 − 0.5) · (1.25^−1 − 1) = 100 · (−0.2) = −20; revenue = 0.25·400·0.25·0.8 = 20
    out = calc_tax_change(np.array([100.0, 300.0]), 0.25, np.array([0.5]), np.array([-1.0]), np.array([0.5]))
    np.testing.assert_allclose(out, [[-5.0, -15.0]])
    rev = calc_tax_revenue(np.array([100.0, 300.0]), 0.25, np.array([0.5]), np.array([-1.0]), np.array([0.5]))
    np.testing.assert_allclose(rev, [20.0])
    r = remittance_tax(0.25, cash_share=0.5, elasticity=-1.0, substitution=0.5, base=_tiny_base(), draws=10)
    assert r.national_change_usd == pytest.approx(-20.0)
    np.testing.assert_allclose(r.mx_change_usd[:2], [-7.5, -12.5])  # 150/400 and 250/400 of −20
    assert r.mx_change_pct_state_gdp[1] == pytest.approx(-1.25)
    assert r.national_low_usd == r.national_high_usd == pytest.approx(-20.0)  # every parameter fixed


def test_incidences_sum_to_national(base2024):
    r = remittance_tax(0.035, base=base2024, draws=200)
    assert r.mx_change_usd.sum() == pytest.approx(r.national_change_usd, rel=1e-12)
    assert r.us_change_usd.sum() == pytest.approx(r.national_change_usd, rel=1e-12)
    assert r.national_low_usd <= r.national_change_usd <= r.national_high_usd < 0


def test_zero_rate_changes_nothing(base2024):
    r = remittance_tax(0.0, base=base2024, draws=50)
    assert r.national_change_usd == 0 and r.revenue_usd == 0
    assert not np.any(r.mx_change_usd) and not np.any(r.us_change_usd)
    assert r.national_low_usd == r.national_high_usd == 0


def test_loss_grows_with_rate_and_elasticity(base2024):
    small = remittance_tax(0.01, base=base2024, draws=10)
    big = remittance_tax(0.05, base=base2024, draws=10)
    assert big.national_change_usd < small.national_change_usd < 0
    elastic = remittance_tax(0.01, elasticity=-2.0, base=base2024, draws=10)
    assert elastic.national_change_usd < small.national_change_usd
    exempt = remittance_tax(0.05, substitution=1.0, base=base2024, draws=10)
    assert exempt.national_change_usd == 0  # every taxed flow moves to an exempt channel


def test_monte_carlo_reproduces_by_seed(base2024):
    a = remittance_tax(0.01, base=base2024, draws=300, seed=7)
    b = remittance_tax(0.01, base=base2024, draws=300, seed=7)
    c = remittance_tax(0.01, base=base2024, draws=300, seed=8)
    assert (a.national_low_usd, a.national_high_usd) == (b.national_low_usd, b.national_high_usd)
    assert a.national_low_usd != c.national_low_usd


def test_bbva_benchmark_lies_in_palanca_band(base2024):
    """BBVA Research (2025): a 5% tax cuts flows by ≈US$1.56bn; it lies inside palanca's 5–95% band."""
    r = remittance_tax(0.01, base=base2024)
    assert r.at_5pct_low_usd / 1e9 < BBVA_5PCT_CUT_USD_BN < r.at_5pct_high_usd / 1e9
    # taxing every US-origin transfer (c = 1, σ = 0) at ε = −1.5: 62.79 · (1.05^−1.5 − 1)
    assert r.at_5pct_all_channels_usd / 1e9 == pytest.approx(62.7943 * (1.05**-1.5 - 1), rel=1e-4)
    d = r.to_dict()
    assert d["benchmark"]["published_usd_bn"] == -1.56 and "BBVA" in r.summary


def test_json_keys(base2024):
    d = remittance_tax(0.01, base=base2024, draws=100).to_dict()
    assert {"rate", "national_change_usd_bn", "states"} <= set(d)
    assert {"low", "high"} <= set(d["national_change_usd_bn"])
    assert len(d["states"]) == 32
    assert all(set(s) >= {"state", "change_usd_m", "change_pct_state_gdp"} for s in d["states"])
    assert sum(s["change_usd_m"] for s in d["states"]) == pytest.approx(d["national_change_usd_bn"]["central"] * 1e3)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"rate": -0.01}, "rate must lie in"),
        ({"rate": 1.5}, "Give the tax as a fraction"),
        ({"rate": 0.01, "cash_share": 1.2}, "cash_share must lie in"),
        ({"rate": 0.01, "elasticity": 0.5}, "elasticity must be ≤ 0"),
        ({"rate": 0.01, "draws": 0}, "draws must be ≥ 1"),
    ],
)
def test_bad_input_is_named(base2024, kwargs, match):
    with pytest.raises(ScenarioError, match=match):
        remittance_tax(**kwargs, base=base2024)


def test_bad_year_and_view():
    with pytest.raises(DataFormatError, match="choose a year in 2014"):
        remittance_base(1999)
    with pytest.raises(ScenarioError, match="us-state"):
        remittance_overview("county")


def test_result_is_frozen(base2024):
    r = remittance_tax(0.01, base=base2024, draws=10)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.rate = 0.02  # type: ignore[misc]
