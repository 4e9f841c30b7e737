"""Invariants of the structural-gravity experiments on palanca's engine (no external numbers)."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from palanca.data import GEGRAVITY_SAMPLE, gravity_arrays, read_gravity_table
from palanca.errors import DataFormatError, ScenarioError, UnknownCountryError, WorldValidationError
from palanca.gravity import (
    agreement_loss_trade_cost_hat,
    gravity_baseline,
    gravity_experiment,
    parse_coefficients,
    parse_cost_change,
    solve_gravity,
)
from palanca.model import Closure

COEF = {
    "lndist": -0.3898623,
    "contiguity": 0.891577,
    "common_language": 0.0326249,
    "pta": 0.4711383,
    "international": -3.412584,
}
CLOSURES = [Closure.CONDITIONAL, Closure.OUTPUT_MULTIPLE]


@pytest.fixture(scope="module")
def table():
    return read_gravity_table(GEGRAVITY_SAMPLE)


@pytest.fixture(scope="module")
def base(table):
    return gravity_baseline(gravity_arrays(table, list(COEF)), COEF, sigma=5.0, reference_importer="DEU")


def _table_values(res) -> np.ndarray:
    return pd.DataFrame(res.country_records()).set_index("country").to_numpy()


@pytest.mark.parametrize("closure", CLOSURES)
def test_no_change_changes_nothing(base, closure):
    res = solve_gravity(base, [], closure=closure)
    assert np.abs(_table_values(res)).max() < 1e-9
    np.testing.assert_allclose(res.trade_hat, 1.0, atol=1e-11)
    # setting a variable to the value it already has is also no change
    res2 = solve_gravity(base, [parse_cost_change("pta[USA,MEX]=1")], closure=closure)
    assert np.abs(_table_values(res2)).max() < 1e-9


def test_baseline_is_the_structural_gravity_solution(base):
    X, T, s = base.trade, base.cost_index, base.data.output / base.data.output.sum()
    E = base.data.expenditure
    np.testing.assert_allclose(X.sum(axis=1), E, rtol=1e-12)
    fitted = T * E[:, None] * s[None, :] / base.imr_power[:, None] / base.omr_power[None, :]
    np.testing.assert_allclose(fitted, X, rtol=1e-10)
    assert base.imr[base.data.country_index("DEU")] == pytest.approx(1.0, abs=1e-14)


def _symmetric_table() -> pd.DataFrame:
    """Four countries: A and B mirror images, C and D mirror images (A~C and B~D close)."""
    pos = {"A": (0, 0), "B": (0, 1), "C": (3, 0), "D": (3, 1)}
    size = {"A": 100.0, "B": 100.0, "C": 60.0, "D": 60.0}
    rows = []
    for o, d in itertools.product(pos, pos):
        dist = np.hypot(*(np.subtract(pos[o], pos[d]))) + 0.5
        rows.append(
            {
                "exporter": o,
                "importer": d,
                "year": 2000,
                "trade": 1.0,
                "Y": size[o],
                "E": size[d] * 1.05 if d in "CD" else size[d] * (1 - 0.05 * 60 / 100),
                "lndist": np.log(dist),
                "international": float(o != d),
                "pta": 0.0,
            }
        )
    return pd.DataFrame(rows)


@pytest.mark.parametrize("closure", CLOSURES)
def test_symmetric_countries_get_symmetric_results(closure):
    coef = {"lndist": -0.9, "international": -2.0, "pta": 0.5}
    changes = [parse_cost_change("pta[A,B]=1"), parse_cost_change("pta[B,A]=1")]
    res = gravity_experiment(_symmetric_table(), coef, changes, sigma=4.0, reference_importer="C", closure=closure)
    v = pd.DataFrame(res.country_records()).set_index("country")
    np.testing.assert_allclose(v.loc["A"], v.loc["B"], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(v.loc["C"], v.loc["D"], rtol=1e-9, atol=1e-12)
    assert v.loc["A", "welfare_pct"] > 0 > v.loc["C", "welfare_pct"]
    X = res.trade_hat  # [destination, origin]
    assert X[1, 0] == pytest.approx(X[0, 1], rel=1e-10) and X[2, 0] == pytest.approx(X[3, 1], rel=1e-10)


def test_real_results_do_not_depend_on_the_reference_importer(base, table):
    changes = [parse_cost_change("pta[CAN,JPN]=1"), parse_cost_change("pta[JPN,CAN]=1")]
    a = solve_gravity(base, changes)
    other = gravity_baseline(base.data, COEF, sigma=5.0, reference_importer="USA")
    b = solve_gravity(other, changes)
    np.testing.assert_allclose(a.welfare_hat, b.welfare_hat, rtol=1e-10)
    ratio = a.trade_hat / b.trade_hat  # nominal flows move with the price level only
    np.testing.assert_allclose(ratio, ratio[0, 0], rtol=1e-9)
    assert b.imr_hat[base.data.country_index("USA")] == pytest.approx(1.0, abs=1e-12)


def test_constant_is_accepted_and_changes_nothing(table, base):
    changes = [parse_cost_change("pta[CAN,JPN]=1")]
    a = solve_gravity(base, changes)
    b = gravity_experiment(table, {**COEF, "constant": 16.32434}, changes, sigma=5.0, reference_importer="DEU")
    np.testing.assert_allclose(_table_values(a), _table_values(b), atol=1e-10)


def test_full_endowment_closure_is_the_converged_yotov_iteration(base):
    """OUTPUT_MULTIPLE = the fixed point of Yotov et al. (2016)'s iterative procedure, computed here
    independently: re-solve the MR system with updated output and expenditure shares, update
    factory-gate prices from p^(1-sigma) = (Y_i'/Y') / (beta_i^(1-sigma) Pi_i'^(1-sigma))."""
    changes = [parse_cost_change("pta[CAN,JPN]=1"), parse_cost_change("pta[JPN,CAN]=1")]
    res = solve_gravity(base, changes, closure=Closure.OUTPUT_MULTIPLE)
    sig, ref = base.sigma, base.data.country_index("DEU")
    T1 = base.cost_index * res.cost_index_hat  # [n, i]
    Y0, E0 = base.data.output, base.data.expenditure
    phi = E0 / Y0
    beta = (Y0 / Y0.sum()) / base.omr_power  # (beta p)^(1-sigma) at p = 1
    p = np.ones(len(Y0))
    for _ in range(200):
        Y, E = p * Y0, phi * p * Y0
        s, e = Y / Y.sum(), E / E.sum()
        P, Pi = np.ones_like(s), np.ones_like(s)
        for _ in range(20000):
            Pi_new = (T1 * (e / P)[:, None]).sum(axis=0)
            P_new = T1 @ (s / Pi_new)
            P_new = P_new / P_new[ref]
            done = max(np.abs(np.log(P_new / P)).max(), np.abs(np.log(Pi_new / Pi)).max()) < 1e-15
            P, Pi = P_new, Pi_new
            if done:
                break
        p_new = (s / Pi / beta) ** (1 / (1 - sig))
        if np.abs(p_new / p - 1).max() < 1e-14:
            break
        p = p_new
    np.testing.assert_allclose(res.factory_gate_price_hat, p_new, rtol=1e-9)
    np.testing.assert_allclose(res.imr_hat, (P / base.imr_power) ** (1 / (1 - sig)), rtol=1e-9)
    np.testing.assert_allclose(res.omr_hat, (Pi / base.omr_power) ** (1 / (1 - sig)), rtol=1e-9)
    # ... and it differs from the conditional (gegravity) answer by more than the test tolerance
    cond = solve_gravity(base, changes, closure=Closure.CONDITIONAL)
    assert np.abs(cond.factory_gate_price_hat - res.factory_gate_price_hat).max() > 1e-4


def test_conditional_closure_keeps_nominal_values_and_walras(base):
    changes = [parse_cost_change("pta[CAN,JPN]=1"), parse_cost_change("pta[JPN,CAN]=1")]
    res = solve_gravity(base, changes, closure=Closure.CONDITIONAL)
    eq = res.equilibrium
    np.testing.assert_allclose(eq.gross_output_usd_m[:, 0], base.world.value_added_usd_m, rtol=1e-10)
    np.testing.assert_allclose(eq.expenditure_usd_m, base.world.absorption_usd_m, rtol=1e-10)
    assert abs(eq.deficit_usd_m.sum()) < 1e-6
    # gegravity's identity: factory-gate price = inverse outward-MR change
    np.testing.assert_allclose(res.factory_gate_price_hat * res.omr_hat, 1.0, rtol=1e-10)


def test_wildcards_and_lists(base):
    members = "USA+MEX+CAN"
    a = solve_gravity(base, [parse_cost_change(f"pta[{members},{members}]=0")])
    explicit = [parse_cost_change(f"pta[{o},{d}]=0") for o in ("USA", "MEX", "CAN") for d in ("USA", "MEX", "CAN")]
    b = solve_gravity(base, explicit)
    np.testing.assert_allclose(a.welfare_hat, b.welfare_hat, rtol=1e-12)
    everyone = solve_gravity(base, [parse_cost_change("pta[*,*]=0")])
    assert np.all(everyone.cost_index_hat <= 1.0) and everyone.cost_index_hat.min() < 1.0


def test_usmca_loss_on_the_gravity_world_equals_the_pta_experiment(base):
    """The agreement API's mapping, applied to the one-sector gravity World, is exactly the
    gravity experiment 'pta = 0 among USA, MEX, CAN' (there all three pairs have pta = 1)."""
    members = "USA+MEX+CAN"
    res = solve_gravity(base, [parse_cost_change(f"pta[{members},{members}]=0")])
    d_hat = agreement_loss_trade_cost_hat(base.world, COEF["pta"])
    theta = base.sigma - 1
    np.testing.assert_allclose(d_hat[:, :, 0], res.cost_index_hat ** (-1 / theta), rtol=1e-12)
    assert res.welfare_hat[base.data.country_index("MEX")] < 1 and res.welfare_hat[base.data.country_index("CAN")] < 1


def test_bad_input_is_named(table, base):
    with pytest.raises(ScenarioError, match="VAR\\[ORIGIN,DESTINATION\\]=VALUE"):
        parse_cost_change("pta(CAN,JPN)=1")
    with pytest.raises(ScenarioError, match="'tariff', which has no coefficient"):
        solve_gravity(base, [parse_cost_change("tariff[CAN,JPN]=1")])
    with pytest.raises(UnknownCountryError, match="'XYZ' is not in the gravity data"):
        solve_gravity(base, [parse_cost_change("pta[XYZ,JPN]=1")])
    with pytest.raises(ScenarioError, match="NAME=NUMBER"):
        parse_coefficients("lndist:-0.3")
    with pytest.raises(DataFormatError, match="name no cost variable"):
        gravity_baseline(base.data, {"distance": -1.0}, sigma=5, reference_importer="DEU")
    with pytest.raises(WorldValidationError, match="must exceed 1"):
        gravity_baseline(base.data, COEF, sigma=1.0, reference_importer="DEU")
    with pytest.raises(WorldValidationError, match="not a structural-gravity closure"):
        solve_gravity(base, [], closure=Closure.ZERO_DEFICIT)
    with pytest.raises(DataFormatError, match=r"pair \(exporter AUS, importer AUT\) is missing"):
        gravity_arrays(table.drop(index=table.index[(table.exporter == "AUS") & (table.importer == "AUT")]), ["pta"])
    bad = table.copy()
    bad.loc[bad.index[0], "Y"] = 1.0
    with pytest.raises(DataFormatError, match=r"Y of exporter .* differs"):
        gravity_arrays(bad, ["pta"])
