"""Migration model (OLS/HAC by hand, data totals, monotone effect) and the firearms flow account."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from palanca.cli import app
from palanca.errors import ScenarioError
from palanca.flows import (
    ATF_MEXICO_TRACES,
    ATF_TRACED_2007_2011,
    GAO_US_SOURCED_SHARE,
    POLICY_EVENTS,
    POLICY_TERMS,
    calc_ols_hac,
    firearms_account,
    fit_enforcement_model,
    migration_effect,
    migration_overview,
)
from palanca.flows._migration import _design

runner = CliRunner()


def test_ols_hac_recovers_exact_line_and_matches_white_at_zero_lags():
    x = np.arange(10.0)
    X = np.column_stack([np.ones(10), x])
    beta, se, r2 = calc_ols_hac(2 + 3 * x, X, lags=2)
    np.testing.assert_allclose(beta, [2, 3], atol=1e-12)
    assert r2 == pytest.approx(1.0) and np.all(se < 1e-10)
    rng = np.random.default_rng(0)
    y = 1 + 0.5 * x + rng.normal(size=10)
    b0, s0, _ = calc_ols_hac(y, X, lags=0)
    u = y - X @ b0
    inv = np.linalg.inv(X.T @ X)
    white = inv @ (X.T * u**2) @ X @ inv  # HC0 by hand
    np.testing.assert_allclose(s0, np.sqrt(np.diag(white)))


def test_series_match_cbp_totals():
    o = migration_overview()
    assert o.usbp_by_fy[2019] == 851_508 and o.usbp_by_fy[2000] == 1_643_679
    assert o.encounters_by_fy[2023] == 2_475_669
    assert o.by_citizenship_fy["Mexico"][2023] == 717_333
    total = sum(o.by_citizenship_fy[g][2022] for g in o.by_citizenship_fy)
    assert total == pytest.approx(o.encounters_by_fy[2022])
    assert any(d == "2025-02-03" and "National Guard" in e for d, e in POLICY_EVENTS)


def test_enforcement_model_has_honest_band():
    fit = fit_enforcement_model()
    lo, hi = fit.band
    assert lo < fit.theta < hi
    assert hi - lo >= 2 * 1.96 * fit.se_hac - 1e-12 and hi - lo >= 2 * 1.96 * fit.placebo_sd - 1e-12
    assert fit.n_months == 89  # Oct 2012 – Feb 2020
    assert set(fit.policy_coefficients) == {k for k, *_ in POLICY_TERMS}
    assert len(fit.break_scan) == 8 and fit.best_break == min(fit.break_scan, key=lambda r: r[2])[0]


def test_break_dummy_recovers_a_known_effect_on_synthetic_data():
    # independent check of the interrupted-series machinery: a series built with θ = -0.5 at June 2019
    # on a trend and a seasonal cycle is recovered exactly
    months = np.arange(np.datetime64("2012-10"), np.datetime64("2020-03"))
    t = np.arange(months.size) / 12
    y = 11 + 0.05 * t + 0.1 * np.sin(2 * np.pi * t) - 0.5 * (months >= np.datetime64("2019-06"))
    X = _design(months, [np.datetime64("2019-06")])
    beta, _, _ = calc_ols_hac(y, X)
    assert beta[-1] == pytest.approx(-0.5, abs=1e-9)


def test_shipped_data_do_not_identify_mexican_enforcement():
    # the spring-2019 surge ends at the deployment: pre-break leads are large and positive, MPP comes out
    # positive and θ depends on the break date, so the output must say "not identified" and give a wide band
    fit = fit_enforcement_model()
    assert not fit.identified and fit.failed_checks
    assert min(fit.leads) > 0.3 and fit.leads_p < 0.05
    assert fit.phi_mpp > 0
    lo, hi = fit.band
    assert hi >= 0 and lo <= fit.theta_range[0]
    assert "NOT IDENTIFIED" in migration_overview().summary


def test_migration_effect_identities():
    zero = migration_effect(0.0)
    assert zero.change_pct == 0 and zero.averted == 0
    one, two = migration_effect(1.0), migration_effect(2.0)
    assert 0 <= one.averted <= two.averted < two.baseline_encounters
    assert one.averted_low <= one.averted <= one.averted_high
    # Border Patrol only: USBP southwest apprehensions FY2019 = 851,508 (CBP, USBP Monthly Encounters)
    assert one.baseline_encounters == 851_508 and "USBP" in one.baseline_source
    custom = migration_effect(1.0, baseline_encounters=1000.0)
    assert custom.averted == pytest.approx(-10 * custom.change_pct)
    with pytest.raises(ScenarioError, match="effort must lie in"):
        migration_effect(-1)


def test_firearms_account_by_hand():
    acc = firearms_account()
    k = list(acc.years).index(2010)
    assert acc.seized_mex[k] == 30_291
    assert acc.us_sourced_seized[k] == pytest.approx(30_291 * GAO_US_SOURCED_SHARE)
    calib = np.mean([30_291, 40_996, 25_803]) * 0.7 / 253_000
    assert acc.seizure_rate == pytest.approx(calib)
    mean_flow = np.nanmean(acc.southbound_flow[:3])
    assert mean_flow == pytest.approx(253_000)  # calibration identity: 2010–2012 matches McDougal et al.
    assert np.isnan(acc.seized_mex[list(acc.years).index(2014)])  # not reported to UNODC
    with pytest.raises(ScenarioError, match="us_sourced_share"):
        firearms_account(1.5)


def test_firearms_flow_fails_the_atf_out_of_sample_check():
    """ATF (news release 1 May 2012): 2007–2011, 99,691 traced, 68,161 US-sourced; ATF Mexico trace reports:
    16,053 firearms recovered in Mexico and traced in 2013 and 13,452 in 2016 — all origins (2016: 51% of traces
    unsuccessful, 3,585 rifles), not the US-sourced subset. None of these enter the calibration."""
    acc = firearms_account()
    assert ATF_TRACED_2007_2011 == (99_691, 68_161)
    assert ATF_TRACED_2007_2011[1] / ATF_TRACED_2007_2011[0] == pytest.approx(GAO_US_SOURCED_SHARE, abs=0.02)
    k13 = list(acc.years).index(2013)
    assert acc.validation[2013] == pytest.approx(8_759 / 16_053)  # all seizures against all traces
    assert acc.seized_mex[k13] < ATF_MEXICO_TRACES[2013]  # seizures below their own traced subset
    assert not acc.validated
    assert acc.to_dict()["presented_as"].startswith("index") and "NOT validated" in acc.summary
    assert "US-sourced traces" not in acc.summary


def test_gao_21_322_is_cited_by_its_own_title():
    """GAO-21-322 (Feb 2021) is 'U.S. Efforts to Disrupt Gun Smuggling into Mexico Would Benefit from Additional
    Data and Analysis'; 'Have Improved, but Some Collaboration Challenges Remain' is GAO-16-223 (Jan 2016)."""
    import palanca.flows._firearms as fa

    doc = " ".join(fa.__doc__.split())
    assert "Disrupt Gun Smuggling into Mexico" in doc and "Collaboration Challenges" not in doc


def test_cli_migration_and_firearms():
    res = runner.invoke(app, ["flows", "migration"])
    assert res.exit_code == 0, res.output
    assert "National Guard" in res.output and "HAC" in res.output and "CBP" in res.output
    res = runner.invoke(app, ["flows", "firearms", "--json"])
    assert res.exit_code == 0
    d = json.loads(res.output)
    assert "GAO-21-322" in d["us_sourced_share_source"] and d["years"][0]["year"] == 2010
    res = runner.invoke(app, ["flows", "firearms"])
    assert "UNODC" in res.output and "GAO" in res.output
