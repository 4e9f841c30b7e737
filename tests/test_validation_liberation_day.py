"""Ignatenko, Lashkaripour, Macedoni & Simonovska (2025, JIE 157:104138) reproduced on the shipped data.

Published targets: Table 1 (US welfare, cases 1-3), the optimal US tariff of the abstract (19%), and
the country results of the authors' replication package (output_map.csv, output_map_retal.csv).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from palanca.analysis import (
    ILMS2025_COUNTRY_RESULTS,
    ILMS2025_OPTIMAL_US_TARIFF,
    ILMS2025_TABLE1_USA,
    LIBERATION_DAY_CASES,
    validate_liberation_day,
)
from palanca.data._liberation import load_liberation_day
from palanca.model import TaxUse, solve_ilms


@pytest.fixture(scope="module")
def result():
    return validate_liberation_day()


@pytest.mark.parametrize("case", sorted(ILMS2025_TABLE1_USA))
def test_table1_us_welfare(result, case):
    # Table 1: +1.13 (USTR, income-tax relief), -0.01 (lump-sum rebate), +1.79 (optimal tariff)
    assert result.value(case, "USA") == pytest.approx(ILMS2025_TABLE1_USA[case], abs=0.02)


@pytest.mark.parametrize(("case", "country"), sorted(ILMS2025_COUNTRY_RESULTS))
def test_country_results_of_the_replication_package(result, case, country):
    published = ILMS2025_COUNTRY_RESULTS[(case, country)]
    for key in ("welfare_pct", "employment_pct", "prices_pct"):
        assert result.value(case, country, key) == pytest.approx(published[key], abs=0.02), key
    # the deficit change is a percent of |D|, which magnifies the authors' solver tolerance (fsolve,
    # xtol 1e-6): the largest gap is 0.11 pp of a 10.4% change (CAN)
    assert result.value(case, country, "deficit_pct") == pytest.approx(published["deficit_pct"], abs=0.15)


def test_optimal_us_tariff_of_the_paper(result):
    # The paper prints 19% (abstract of the JIE, NBER w33771, CEPR DP20225 and CESifo 11890 versions).
    # Its replication code (main_baseline.m) evaluates the closed form t* = 1/((1 + eps*delta)*phi - 1)
    # at the baseline with two denominators: expenditure E_i - X_ii for Table 1 case 3 (21.8%) and
    # income Y_i - X_ii for the optimal tariff with optimal retaliation (18.5%, which rounds to 19).
    opt = result.us_optimal_tariff
    assert round(100 * opt["closed_form_income"]) == round(100 * ILMS2025_OPTIMAL_US_TARIFF) == 19
    assert opt["closed_form_income"] == pytest.approx(0.18535, abs=5e-5)
    assert opt["closed_form_expenditure"] == pytest.approx(0.21784, abs=5e-5)


def test_table1_case3_is_computed_at_21_8_not_at_the_printed_19_percent(result):
    # Table 1 case 3 (+1.79) is reproduced only with the 21.8% tariff; at the printed 19% the model
    # gives +1.75, and the exact welfare maximum is 25.1% (+1.81; the NHH DP 11/2025 version of the
    # paper reports "approximately 25%"). The gap is the paper's, not a tuning choice here.
    from scipy import optimize

    w = load_liberation_day().world
    us = w.index("USA")

    def welfare(rate: float) -> float:
        t = np.zeros((194, 194))
        t[:, us] = rate
        t[us, us] = 0.0
        return float(solve_ilms(w, t, tax=TaxUse.INCOME_TAX).welfare_pct[us])

    assert welfare(result.us_optimal_tariff["closed_form_expenditure"]) == pytest.approx(1.79, abs=0.005)
    assert welfare(ILMS2025_OPTIMAL_US_TARIFF) == pytest.approx(1.7456, abs=0.001)
    best = optimize.minimize_scalar(
        lambda r: -welfare(r), bounds=(0.15, 0.35), method="bounded", options={"xatol": 1e-4}
    )
    assert best.x == pytest.approx(0.251, abs=0.001)
    assert -best.fun == pytest.approx(1.806, abs=0.001)


def test_optimal_retaliation_sums_over_destinations(result):
    # main_baseline.m: delta = sum(X .* (1-nu)' .* (1-eye(2)) .* (1-lambda), 2) ./ ((1-nu) .* (Y - diag X)),
    # a row sum (MATLAB dimension 2) over the rest of the world's destinations. The Python port that
    # redistributes the data sums over dimension 1 instead and reports USA -0.949 (its
    # python_output/output_map_retal.csv) against the authors' -0.7454 (output/output_map_retal.csv).
    from palanca.model import calc_ilms_retaliation_tariff

    w = load_liberation_day().world
    us = w.index("USA")
    t = calc_ilms_retaliation_tariff(w, "USA")
    assert t[us] == 0.0 and np.allclose(np.delete(t, us), np.delete(t, us)[0])
    assert t[w.index("MEX")] == pytest.approx(0.2274, abs=1e-4)
    assert result.value("ustr_optimal_retaliation", "USA") == pytest.approx(-0.7454, abs=0.002)
    assert result.value("ustr_optimal_retaliation", "MEX") == pytest.approx(-2.3558, abs=0.002)


def test_every_case_covers_194_economies(result):
    rows = result.records()
    assert len(rows) == 194 * len(LIBERATION_DAY_CASES)
    assert {r["case"] for r in rows} == set(LIBERATION_DAY_CASES)
    assert all(np.isfinite(r[k]) for r in rows for k in ("welfare_pct", "deficit_pct", "employment_pct", "prices_pct"))


def test_zero_tariffs_change_nothing():
    w = load_liberation_day().world
    eq = solve_ilms(w, np.zeros((194, 194)), tax=TaxUse.INCOME_TAX)
    np.testing.assert_allclose(eq.welfare_pct, 0.0, atol=1e-8)
    np.testing.assert_allclose(eq.employment_pct, 0.0, atol=1e-8)


def test_without_labour_supply_income_tax_relief_is_a_lump_sum():
    # kappa = 0: employment is fixed, so how the revenue is returned cannot matter
    from palanca.model import IlmsParams

    data = load_liberation_day(params=IlmsParams(kappa=0.0))
    t = np.zeros((194, 194))
    us = data.world.index("USA")
    t[:, us] = np.maximum(0.1, data.ustr_tariff)
    t[us, us] = 0.0
    a = solve_ilms(data.world, t, tax=TaxUse.INCOME_TAX)
    b = solve_ilms(data.world, t, tax=TaxUse.LUMP_SUM)
    np.testing.assert_allclose(a.welfare_pct, b.welfare_pct, atol=1e-7)
    np.testing.assert_allclose(a.employment_pct, 0.0, atol=1e-9)


def test_cli_prints_the_records():
    from palanca.cli import app

    out = CliRunner().invoke(app, ["validate", "liberation-day", "--json"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)
    assert set(rows[0]) == {"case", "country", "welfare_pct", "deficit_pct", "employment_pct", "prices_pct"}
    usa = next(r for r in rows if r["case"] == "ustr_income_tax" and r["country"] == "USA")
    assert usa["welfare_pct"] == pytest.approx(1.13, abs=0.02)


SOURCE = Path(__file__).resolve().parents[2] / "shared" / "data" / "liberation-day-2025"


@pytest.mark.skipif(not SOURCE.exists(), reason="../shared/data/liberation-day-2025 is not on this machine")
def test_build_script_reproduces_the_shipped_files(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_ld", Path(__file__).parents[1] / "scripts" / "build_liberation_day.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.build(SOURCE.parent, tmp_path)
    fresh = load_liberation_day(tmp_path)
    shipped = load_liberation_day()
    np.testing.assert_array_equal(fresh.world.trade, shipped.world.trade)
    np.testing.assert_array_equal(fresh.ustr_tariff, shipped.ustr_tariff)


def test_table1_non_us_average_of_case_1(result):
    # Table 1, case 1: non-US average welfare -0.58% (as quoted from the authors' Table_1.tex in
    # ../shared/data/liberation-day-2025/PROVENANCE.md); the average weights economies by expenditure.
    w = load_liberation_day().world
    eq = result.equilibria["ustr_income_tax"]
    others = np.arange(len(w.countries)) != w.index("USA")
    assert np.average(eq.welfare_pct[others], weights=w.expenditure[others]) == pytest.approx(-0.58, abs=0.01)


def test_bad_parameters_name_the_field():
    from palanca.errors import WorldValidationError
    from palanca.model import IlmsParams, calc_ilms_optimal_tariff

    for kwargs in ({"kappa": float("nan")}, {"kappa": -0.1}, {"eps": float("inf")}, {"eps": 0.0}):
        with pytest.raises(WorldValidationError, match=next(iter(kwargs))):
            IlmsParams(**kwargs)
    with pytest.raises(WorldValidationError, match="denominator"):
        calc_ilms_optimal_tariff(load_liberation_day().world, "USA", denominator="gdp")
