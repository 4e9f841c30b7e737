"""Remittances: published figures, identities of the tax model, a hand-computed case, errors."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from palanca.data import (
    BANXICO_RELEASES,
    RemittanceBase,
    remittance_annual,
    remittance_base,
    remittance_reconciliation,
)
from palanca.errors import DataFormatError, ScenarioError
from palanca.flows import (
    BBVA_5PCT_CUT_USD_BN,
    BBVA_UNDOCUMENTED_FLOW_USD_BN,
    CASH_SHARE,
    ELASTICITY,
    ELASTICITY_LONG_RUN,
    Horizon,
    calc_exposure_weights,
    calc_horizon_elasticity,
    calc_tax_change,
    calc_tax_revenue,
    remittance_overview,
    remittance_tax,
)


@pytest.fixture(scope="module")
def base2024() -> RemittanceBase:
    return remittance_base(2024)


# --- published figures (Banxico SIE vintage in shared/data/banxico-remittances/PROVENANCE.md; press releases)
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


def test_reconciled_with_banxico_press_releases():
    """Banxico, 'Ingresos y egresos por remesas, diciembre de 2023' (1 Feb 2024): 2022 = US$58,868m,
    2023 = US$63,313m from 161.03m transfers; '… diciembre de 2025' (3 Feb 2026): 2024 = US$64,746m,
    2025 = US$61,791m from 155.74m transfers (−4.6%)."""
    rec = remittance_reconciliation()
    assert BANXICO_RELEASES[2025][:2] == (61_791.0, 155.74) and BANXICO_RELEASES[2024][0] == 64_746.0
    # the years Banxico has not revised since their release match to 0.01%
    for year in (2022, 2023):
        assert abs(rec.row(year)["diff_pct"]) < 0.01
    assert rec.row(2023)["transfers_diff_pct"] == pytest.approx(0.0, abs=0.01)
    # 2024 and 2025 differ by a later SIE revision (+0.4% and +1.1%); the published fall is −4.6%
    assert 0 < rec.row(2024)["diff_pct"] < 0.5 and 0.9 < rec.row(2025)["diff_pct"] < 1.3
    assert 100 * (61_791 / 64_746 - 1) == pytest.approx(-4.6, abs=0.05)
    with pytest.raises(DataFormatError, match="no published Banxico figure"):
        rec.row(1999)


def test_monthly_figures_vs_banxico_first_prints():
    """Banxico monthly releases (first prints): Dec 2023 US$5,490m (1 Feb 2024); Jan 2025 4,660; Sep 2025 5,214;
    Oct 2025 5,635; Nov 2025 5,125; Dec 2025 5,322 (3 Feb 2026); Jan 2026 4,594 (−1.4% a year, March 2026)."""
    from palanca.data import BANXICO_MONTHLY_RELEASES, load_remittances_monthly

    m = load_remittances_monthly().set_index("month")["inflow_usd"] / 1e6
    diff = {k: 100 * (m[f"{k}-01"] / v - 1) for k, (v, _) in BANXICO_MONTHLY_RELEASES.items()}
    assert abs(diff["2023-12"]) < 0.2  # not revised since
    # every 2025 month sits 0.8–1.4% above its first print: a revision of the whole year, not a data error
    assert all(0.7 < d < 1.5 for k, d in diff.items() if k.startswith("2025"))
    # the 2026 months of the same snapshot are already revised by as much, so the hindcast compares like vintages
    assert 0.7 < diff["2026-01"] < 1.5


def test_state_totals_vs_banxico_2025_release():
    """Banxico, 3 Feb 2026 (as reported): 2025 inflows Guanajuato US$5,515m, Michoacán 5,394.1, Jalisco 5,145.5,
    Chiapas 4,159.5, Oaxaca 3,508.5, Puebla 3,426.5. The shipped SIE vintage sits above each (0.4–0.9%, Puebla
    2.0%), an upward revision in line with the national +1.1%, never below the first print."""
    published = {"Guanajuato": 5515.0, "Michoacán": 5394.1, "Jalisco": 5145.5, "Chiapas": 4159.5,
                 "Oaxaca": 3508.5, "Puebla": 3426.5}  # fmt: skip
    b = remittance_base(2025)
    for state, usd_m in published.items():
        shipped = b.mx_inflow_usd[b.mx_states.index(state)] / 1e6
        assert 0.3 < 100 * (shipped / usd_m - 1) < 2.1, state


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


def test_horizon_elasticities():
    # first year = one quarter at the short-run elasticity, three at the long-run one
    assert calc_horizon_elasticity(np.array(-1.5), np.array(-0.3), Horizon.FIRST_YEAR) == pytest.approx(-0.6)
    assert calc_horizon_elasticity(np.array(-1.5), np.array(-0.3), Horizon.FIRST_QUARTER) == -1.5
    assert calc_horizon_elasticity(np.array(-1.5), np.array(-0.3), Horizon.LONG_RUN) == -0.3
    assert ELASTICITY.high <= -1.0  # |ε_SR| > 1 (IMF WP/22/218)


def test_long_run_elasticity_allows_the_published_lasting_effect():
    """Kpodar & Imam, World Development 177 (2024): after the first quarter remittances 'stabilize at a higher
    level' (a lasting level effect), while the working paper (IMF WP/22/218) said the effect 'dissipates'. The
    long-run range must reach the whole short-run response and must not assume the effect vanishes."""
    assert ELASTICITY_LONG_RUN.low == ELASTICITY.low
    assert ELASTICITY_LONG_RUN.high < 0
    assert "World Development" in ELASTICITY_LONG_RUN.source


def test_cash_share_is_not_the_unbanked_share():
    """Holding an account is not funding from it. BBVA Research: 84% of Mexican migrants hold a US bank account
    (who can avoid the excise); Bátiz-Lazo & González Correa (2022, IMTFI): ≈90% of US–Mexico corridor flows
    originate in cash; JCT ≈US$10bn for 2026–2034 × BBVA's 30% to Mexico ≈ US$0.33bn a year of tax, a taxed base
    ≈55% of US-origin flows. The unbanked 16% is below the range, 90% at its top."""
    assert CASH_SHARE.low > 1 - 0.84
    assert CASH_SHARE.low <= 0.55 <= CASH_SHARE.high
    assert CASH_SHARE.high == pytest.approx(0.90)
    assert "judgement" in CASH_SHARE.source


def test_excise_revenue_against_jct_order_of_magnitude():
    """JCT's ≈US$10bn over 2026–2034 for the 1% excise, 30% of it from Mexico-bound senders (BBVA Research):
    ≈US$0.33bn a year. palanca's central revenue must be of that order (not 7× below it), and JCT's figure must lie
    inside the range the drawn parameters allow."""
    r = remittance_tax(0.01, draws=400)
    assert 0.1 < r.revenue_usd / 1e9 < 0.5
    hi = float(remittance_tax(0.01, cash_share=0.9, substitution=0.25, draws=10).revenue_usd) / 1e9
    lo = float(remittance_tax(0.01, cash_share=0.3, substitution=0.75, draws=10).revenue_usd) / 1e9
    assert lo < 10.0 * 0.3 / 9 < hi


def test_taxed_share_never_exceeds_a_states_flows():
    """c·w_s is capped at one: a state cannot pay the excise on more than all of its US-origin flows."""
    r = remittance_tax(0.05, cash_share=0.9, substitution=0.0, elasticity=-1.0, draws=10)
    flows_us = r.base.mx_inflow_usd * r.base.from_us_usd / r.base.total_usd
    assert np.all(-r.mx_change_usd <= flows_us * (1 - 1.05**-1.0) * (1 + 1e-12))
    assert r.exposure.max() * 0.9 > 1  # the cap binds somewhere


def test_exposure_weights_reproduce_bbva_states(base2024):
    w = calc_exposure_weights(base2024.mx_states, base2024.mx_inflow_usd)
    R = base2024.mx_inflow_usd
    assert float(w @ R) == pytest.approx(float(R.sum()))  # flow-weighted mean one
    u_mean = 31.26e9 / R.sum()  # BBVA: US$1,563m / 5%
    k = base2024.mx_states.index("Tamaulipas")
    assert w[k] * u_mean * 0.05 == pytest.approx(0.044, rel=1e-3)  # BBVA: Tamaulipas −4.4%
    k = base2024.mx_states.index("Michoacán")
    assert w[k] * u_mean * 0.05 * R[k] == pytest.approx(147.5e6, rel=1e-3)  # BBVA: Michoacán −US$147.5m
    assert w.min() > 0


def test_incidences_sum_to_national():
    r = remittance_tax(0.035, draws=200)
    assert r.mx_change_usd.sum() == pytest.approx(r.national_change_usd, rel=1e-12)
    assert r.us_change_usd.sum() == pytest.approx(r.national_change_usd, rel=1e-12)
    assert r.national_low_usd <= r.national_change_usd <= r.national_high_usd < 0
    pct = r.mx_change_pct_flows
    assert pct.max() - pct.min() > 0.01  # states differ (exposure), unlike a uniform allocation
    k, j = r.base.mx_states.index("Guerrero"), r.base.mx_states.index("Nuevo León")
    assert pct[k] < pct[j]


def test_one_pct_excise_with_evidence_parameters_by_hand():
    # c = 0.5, σ = 0.5, ε_FY = ¼(−1.5) + ¾(−1.0) = −1.125 on US-origin 2025 flows:
    # 60.69 · 0.5 · 0.5 · (1.01^−1.125 − 1) ≈ −0.169bn
    r = remittance_tax(0.01, draws=50)
    assert r.exposure.max() * CASH_SHARE.central < 1  # no cap at the central value
    by_hand = r.base.from_us_usd * 0.5 * 0.5 * (1.01**-1.125 - 1)
    assert r.national_change_usd == pytest.approx(by_hand, rel=1e-9)  # weights average to one
    assert -0.2 < r.national_change_usd_bn < -0.14


def test_zero_rate_changes_nothing(base2024):
    r = remittance_tax(0.0, base=base2024, draws=50)
    assert r.national_change_usd == 0 and r.revenue_usd == 0
    assert not np.any(r.mx_change_usd) and not np.any(r.us_change_usd)
    assert r.national_low_usd == r.national_high_usd == 0


def test_loss_grows_with_rate_elasticity_and_horizon(base2024):
    small = remittance_tax(0.01, base=base2024, draws=10)
    big = remittance_tax(0.05, base=base2024, draws=10)
    assert big.national_change_usd < small.national_change_usd < 0
    elastic = remittance_tax(0.01, elasticity=-2.0, base=base2024, draws=10)
    assert elastic.national_change_usd < small.national_change_usd
    quarter = remittance_tax(0.01, horizon="first-quarter", base=base2024, draws=10)
    longrun = remittance_tax(0.01, horizon="long-run", base=base2024, draws=10)
    assert quarter.national_change_usd < small.national_change_usd < longrun.national_change_usd
    exempt = remittance_tax(0.05, substitution=1.0, base=base2024, draws=10)
    assert exempt.national_change_usd == 0  # every taxed flow moves to an exempt channel


def test_monte_carlo_reproduces_by_seed(base2024):
    a = remittance_tax(0.01, base=base2024, draws=300, seed=7)
    b = remittance_tax(0.01, base=base2024, draws=300, seed=7)
    c = remittance_tax(0.01, base=base2024, draws=300, seed=8)
    assert (a.national_low_usd, a.national_high_usd) == (b.national_low_usd, b.national_high_usd)
    assert a.national_low_usd != c.national_low_usd


def test_bbva_reproduced_under_its_own_assumptions(base2024):
    """BBVA Research (2025): a 5% tax on undocumented senders cuts flows to Mexico by US$1,563m a year —
    5% × ≈US$31.3bn sent by ≈4.1m undocumented migrants (4.5m less ≈0.4m DACA), no substitution, ΔR = −t·R."""
    r = remittance_tax(0.01, base=base2024, draws=200)
    b = r.bbva
    assert BBVA_5PCT_CUT_USD_BN == -1.563 and BBVA_UNDOCUMENTED_FLOW_USD_BN == 31.3
    assert b.reproduced_usd_bn == pytest.approx(BBVA_5PCT_CUT_USD_BN, rel=2e-3)
    # each step is an independent computation: response on BBVA's scope, then scope, then substitution
    u = 31.3 / 62.5
    assert b.response_usd_bn == pytest.approx(base2024.from_us_usd / 1e9 * u * (1.05**-1.125 - 1), rel=1e-9)
    assert b.scope_usd_bn == pytest.approx(base2024.from_us_usd / 1e9 * 0.5 * (1.05**-1.125 - 1), rel=1e-9)
    assert b.palanca_usd_bn == pytest.approx(b.scope_usd_bn * 0.5, rel=1e-9)
    assert b.palanca_low_usd_bn <= b.palanca_usd_bn <= b.palanca_high_usd_bn
    assert "BBVA" in r.summary and "reproduced" in r.summary


def test_hindcast_of_the_2026_excise():
    r = remittance_tax(0.01, draws=200)
    h = r.hindcast
    assert h is not None and h.months[0] == "2026-01"
    # counterfactual by hand: Jan–May 2025 × (Jul–Dec 2025 / Jul–Dec 2024), from the shipped monthly series
    from palanca.data import load_remittances_monthly

    m = load_remittances_monthly().set_index("month")["inflow_usd"]
    ratio = m["2025-07-01":"2025-12-01"].sum() / m["2024-07-01":"2024-12-01"].sum()
    n = len(h.months)
    cf = m["2025-01-01" : f"2025-{n:02d}-01"].sum() * ratio
    assert h.counterfactual_usd == pytest.approx(cf) and h.trend_ratio == pytest.approx(ratio)
    assert h.observed_usd == pytest.approx(m["2026-01-01" : f"2026-{n:02d}-01"].sum())
    # the predicted −0.05% is far inside the counterfactual's error: not detectable, so consistent
    assert not h.detectable and h.consistent and h.error_sd_pct > 1


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
        ({"rate": 0.01, "draws": 0}, "draws must lie in"),
        ({"rate": 0.01, "draws": 10**11}, "draws must lie in"),
        ({"rate": 0.01, "horizon": "decade"}, "horizon='decade' is not known"),
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


def test_summary_states_both_banxico_totals_and_a_foreign_base_is_refused(base2024):
    r = remittance_tax(0.01, draws=20)
    assert "61.791" in r.summary and "press release" in r.summary  # Banxico, 3 Feb 2026: 2025 = US$61,791m
    bad = dataclasses.replace(base2024, mx_states=tuple(f"S{k}" for k in range(32)))
    with pytest.raises(DataFormatError, match="state names do not match BBVA"):
        remittance_tax(0.01, base=bad, draws=10)
