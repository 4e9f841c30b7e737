"""palanca reproduces gegravity 0.3 on its documented example (Canada–Japan agreement).

Source of the reference numbers: gegravity 0.3 (USITC; Herman 2021) ``OneSectorGE`` run by
``reference/make_gegravity_reference.py`` on the shipped sample (30 countries, 2006), sigma = 5,
reference importer DEU, the issue-3 PPML coefficients; cached as CSV beside the script, and
re-run live when gegravity is importable. Tolerance: 1e-4 percentage points (observed ~1e-7).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _gravity_helpers import GEGRAVITY_COLUMNS, cached_bilateral, cached_country, reference_script

from palanca.data import GEGRAVITY_SAMPLE, read_gravity_table
from palanca.gravity import gravity_experiment, parse_cost_change
from palanca.model import Closure

TOL_PP = 1e-4
REF = reference_script()


@pytest.fixture(scope="module")
def result():
    changes = [parse_cost_change(f"pta[{o},{d}]=1") for o, d in REF.PAIRS]
    return gravity_experiment(
        read_gravity_table(GEGRAVITY_SAMPLE),
        REF.COEFFICIENTS,
        changes,
        sigma=REF.SIGMA,
        reference_importer=REF.REFERENCE,
        closure=Closure.CONDITIONAL,  # gegravity's one-round answer
    )


@pytest.fixture(scope="module")
def mine(result):
    return pd.DataFrame(result.country_records()).set_index("country")


def _compare_country(mine: pd.DataFrame, oracle: pd.DataFrame) -> None:
    assert list(mine.index) == sorted(oracle.index)
    oracle = oracle.loc[mine.index]
    for ours, theirs in GEGRAVITY_COLUMNS.items():
        gap = np.abs(mine[ours].to_numpy() - oracle[theirs].to_numpy()).max()
        assert gap < TOL_PP, f"{ours}: largest gap to gegravity {gap:.3g} pp"
    # output and expenditure change with the factory-gate price (quantities fixed, E = phi Y)
    for col in ("output change (percent)", "expenditure change (percent)"):
        assert np.abs(mine["factory_gate_price_pct"] - oracle[col]).max() < TOL_PP
    # welfare: gegravity's statistic is (E/P)/(E'/P'), ours 100 (E'/P' / (E/P) - 1)
    welfare_from_stat = 100.0 * (1.0 / oracle["welfare statistic"] - 1.0)
    assert np.abs(mine["welfare_pct"] - welfare_from_stat).max() < TOL_PP


def _compare_bilateral(result, oracle: pd.DataFrame) -> None:
    mine = pd.DataFrame(result.bilateral_records()).set_index(["exporter", "importer"])
    joined = mine.join(oracle, how="inner")
    assert len(joined) == 900
    assert np.abs(joined["trade_change_pct"] - joined["trade change (percent)"]).max() < TOL_PP
    np.testing.assert_allclose(joined["baseline_trade"], joined["baseline modeled trade"], rtol=1e-8)
    np.testing.assert_allclose(joined["counterfactual_trade"], joined["experiment trade"], rtol=1e-8)


def test_every_country_matches_cached_gegravity(mine):
    _compare_country(mine, cached_country())


def test_headline_numbers(mine):
    # Canada gains most; Japan's factory-gate price rises; the USA loses (trade diversion)
    assert mine.loc["CAN", "welfare_pct"] == pytest.approx(0.418261, abs=1e-5)
    assert mine.loc["JPN", "factory_gate_price_pct"] == pytest.approx(0.245392, abs=1e-5)
    assert mine.loc["USA", "welfare_pct"] < 0
    assert mine.loc["DEU", "inward_mr_pct"] == pytest.approx(0.0, abs=1e-9)  # reference importer


def test_bilateral_trade_matches_cached_gegravity(result):
    _compare_bilateral(result, cached_bilateral())


def test_baseline_multilateral_resistances_match(result):
    oracle = cached_country().loc[list(result.countries)]
    np.testing.assert_allclose(result.baseline.imr, oracle["baseline imr"], rtol=1e-7)
    np.testing.assert_allclose(result.baseline.omr, oracle["baseline omr"], rtol=1e-7)


def test_engine_solve_is_the_one_reported(result):
    eq = result.equilibrium
    assert eq.converged and eq.residual < 1e-10
    assert eq.world is result.baseline.world
    assert eq.closure.value == "conditional"


@pytest.mark.filterwarnings("ignore")
def test_live_gegravity(result, mine):
    pytest.importorskip("gegravity")
    model = REF.run_gegravity()
    country = model.country_results.join(model.country_mr_terms)
    _compare_country(mine, country)
    _compare_bilateral(result, model.bilateral_trade_results)
