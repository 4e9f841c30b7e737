"""The employment margin, specific factors and the fiscal closure of the engine.

The independent check: on the Liberation Day data, a one-sector Caliendo–Parro world with the
employment margin reproduces the model of Ignatenko, Lashkaripour, Macedoni & Simonovska (2025,
JIE) with nu = 0, phi = 1 and psi -> 0 (no local distribution, full pass-through, no scale
economies), whose full version reproduces the paper's Table 1 (tests/test_validation_liberation_day.py).
"""

from __future__ import annotations

import numpy as np
import pytest

from palanca.data import load_world
from palanca.data._liberation import load_liberation_day
from palanca.model import (
    Closure,
    Fiscal,
    IlmsParams,
    Labour,
    Shock,
    SolverOptions,
    TaxUse,
    World,
    rebase,
    solve,
    solve_from,
    solve_ilms,
)
from palanca.model._solver_labour import solve_labour_from

_PLAIN = {"nu_target_us": 0.0, "nu_target_row": 0.0, "pareto_ratio": 1e-12}


def _cp_world(w) -> World:
    n = len(w.countries)
    return World(
        name="liberation-day-one-sector",
        year=2023,
        countries=w.countries,
        sectors=("G",),
        sector_labels=("goods",),
        trade_usd_m=w.flows.T[:, :, None] / 1e3,
        tariff=np.zeros((n, n, 1)),
        theta=np.array([w.params.eps]),
        va_share=np.ones((n, 1)),
        io=np.zeros((n, 1, 1)),
        final_share=np.ones((n, 1)),
        deficit_usd_m=(w.expenditure - w.income) / 1e3,
    )


@pytest.mark.parametrize(("kappa", "tax"), [(0.0, TaxUse.LUMP_SUM), (0.5, TaxUse.LUMP_SUM), (0.5, TaxUse.INCOME_TAX)])
def test_engine_employment_margin_equals_the_liberation_day_model(kappa, tax):
    data = load_liberation_day(params=IlmsParams(kappa=kappa, **_PLAIN))
    w = data.world
    assert np.allclose(w.nu, 0.0) and np.allclose(w.phi, 1.0)
    us = w.index("USA")
    t = np.zeros((len(w.countries),) * 2)
    t[:, us] = np.maximum(0.1, data.ustr_tariff)
    t[us, us] = 0.0
    ref = solve_ilms(w, t, tax=tax)
    eq = solve_from(
        _cp_world(w),
        Shock(tariff=t.T[:, :, None]),
        closure=Closure.FIXED_DEFICIT,
        options=SolverOptions(),
        labour=Labour(kappa, fiscal=Fiscal(tax.value)),
    )
    np.testing.assert_allclose(100 * (eq.welfare_hat - 1), ref.welfare_pct, atol=1e-7)
    np.testing.assert_allclose(100 * (eq.employment_hat - 1), ref.employment_pct, atol=1e-7)


@pytest.fixture(scope="module")
def cp():
    w = load_world("cp1993")
    return w, rebase(w)


@pytest.fixture(scope="module")
def shock(cp):
    w, _ = cp
    tau = np.array(w.tariff)
    tau[w.country_index("USA"), w.country_index("MEX"), w.tradable] = 0.25
    return Shock(tariff=tau, label="25% US tariff on Mexico")


def test_fixed_mobile_labour_through_the_labour_solver_equals_caliendo_parro(cp, shock):
    w, base = cp
    ref = solve(w, shock, baseline=base)
    eq = solve_labour_from(base, shock, closure=Closure.FIXED_DEFICIT, options=SolverOptions(), labour=Labour(0.0))
    np.testing.assert_allclose(eq.real_income_hat, ref.real_income_hat, rtol=1e-9)
    np.testing.assert_allclose(eq.wage_hat, ref.wage_hat, rtol=1e-9)


@pytest.mark.parametrize("labour", [Labour(0.5, fiscal=Fiscal.INCOME_TAX), Labour(0.5, specific=True)])
def test_zero_shock_changes_nothing_with_labour(cp, labour):
    w, base = cp
    eq = solve(w, None, baseline=base, labour=labour)
    np.testing.assert_allclose(eq.employment_hat, 1.0, atol=1e-9)
    np.testing.assert_allclose(eq.welfare_hat, 1.0, atol=1e-9)
    np.testing.assert_allclose(eq.wage_sector_hat, 1.0, atol=1e-9)


def test_specific_factors_fix_sector_employment_and_mobile_labour_adds_up(cp, shock):
    w, base = cp
    sf = solve(w, shock, baseline=base, labour=Labour(0.0, specific=True))
    active = base.va_share * base.gross_output_usd_m > 0
    np.testing.assert_allclose(sf.employment_sector_hat[active], 1.0, atol=1e-9)
    assert np.ptp(np.log(sf.wage_sector_hat[base.country_index("MEX")])) > 1e-3  # wages differ by sector
    mob = solve(w, shock, baseline=base, labour=Labour(0.5))
    share = base.va_share * base.gross_output_usd_m
    share = share / share.sum(axis=1, keepdims=True)
    # one wage per country: sector employment changes average (by wage-bill share) to the total
    np.testing.assert_allclose((share * mob.employment_sector_hat).sum(axis=1), mob.employment_hat, rtol=1e-9)


def test_labour_results_do_not_depend_on_the_numeraire(cp, shock):
    w, _ = cp
    # (zero deficits: fixed deficits are fixed in units of the numeraire, so they differ by design)
    lab = Labour(0.5, specific=True, fiscal=Fiscal.INCOME_TAX)
    zd = rebase(w, closure=Closure.ZERO_DEFICIT)
    a = solve(w, shock, baseline=zd, labour=lab, closure=Closure.ZERO_DEFICIT)
    b = solve(w, shock, baseline=zd, labour=lab, closure=Closure.ZERO_DEFICIT, options=SolverOptions(numeraire="DEU"))
    np.testing.assert_allclose(a.welfare_hat, b.welfare_hat, rtol=1e-8)
    np.testing.assert_allclose(a.employment_sector_hat, b.employment_sector_hat, rtol=1e-8)


def test_bad_labour_values_name_the_field():
    from palanca.errors import WorldValidationError

    with pytest.raises(WorldValidationError, match=r"labour\.elasticity"):
        Labour(-1.0)
    with pytest.raises(WorldValidationError, match="income_tax_rate"):
        Labour(0.5, income_tax_rate=np.array([1.5]))


def test_short_run_composes_specific_factors_employment_and_short_run_elasticities(cp, shock):
    import dataclasses

    from palanca.errors import WorldValidationError
    from palanca.model import BLP2023_SHORT_TO_LONG, solve_short_run

    w, base = cp
    sr = solve_short_run(w, shock, baseline=base)
    assert sr.labour.specific and sr.labour.elasticity == 0.5
    np.testing.assert_allclose(sr.world.theta, base.theta * BLP2023_SHORT_TO_LONG)
    short = dataclasses.replace(base, theta=base.theta * 0.38)
    same = solve(short, shock, baseline=short, labour=Labour(0.5, specific=True))
    np.testing.assert_allclose(sr.welfare_hat, same.welfare_hat, rtol=1e-9)
    with pytest.raises(WorldValidationError, match="elasticity_ratio"):
        solve_short_run(w, shock, baseline=base, elasticity_ratio=1.5)


def test_short_run_signs_of_a_us_tariff_on_mexico():
    # A 25 pp US tariff on Mexican goods (world2023): lower elasticities alone raise the importer's
    # terms-of-trade gain (inverse-elasticity logic); specific factors raise the exporter's loss; in
    # the short run of Boehm, Levchenko & Pandalai-Nayar (2023, AER: one-year elasticity 0.76 vs
    # about 2 in the long run) Mexico loses more than in the long run and cuts employment.
    import dataclasses

    from palanca.data import load_world
    from palanca.model import BLP2023_SHORT_TO_LONG, Shock, rebase, solve_short_run

    assert BLP2023_SHORT_TO_LONG == pytest.approx(0.38)
    w = load_world("world2023")
    us, mx = w.country_index("USA"), w.country_index("MEX")
    base = rebase(w)
    tau = np.array(base.tariff)
    goods = (base.tariff > 0).any(axis=(0, 1))
    tau[us, mx, goods] += 0.25
    shock = Shock(tariff=tau)
    long_run = solve(w, shock, baseline=base)
    low = dataclasses.replace(base, theta=base.theta * BLP2023_SHORT_TO_LONG)
    low_theta = solve(low, shock, baseline=low)
    specific = solve(w, shock, baseline=base, labour=Labour(0.0, specific=True))
    short = solve_short_run(w, shock, baseline=base)
    W = {k: e.welfare_hat - 1 for k, e in dict(lr=long_run, low=low_theta, sf=specific, sr=short).items()}
    assert W["low"][us] > W["lr"][us]
    assert W["sf"][mx] < W["lr"][mx] and W["sr"][mx] < W["lr"][mx] < 0
    assert short.employment_hat[mx] < 1.0
