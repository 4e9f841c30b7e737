"""'USMCA disappears' as an iceberg-cost change on a multi-sector palanca World."""

from __future__ import annotations

import numpy as np
import pytest

from palanca.data import load_world
from palanca.errors import ScenarioError, UnknownCountryError
from palanca.gravity import (
    AGGREGATE_THETA,
    USMCA,
    agreement_loss_shock,
    agreement_loss_trade_cost_hat,
    shipped_agreement_effect,
)
from palanca.model import Closure, solve


@pytest.fixture(scope="module")
def cp():
    return load_world("cp1993")


def test_shipped_coefficient_is_the_sample_estimate():
    assert shipped_agreement_effect() == pytest.approx(0.4711383, abs=1e-6)


def test_common_mapping_is_one_border_cost_on_goods(cp):
    """Default: exp(b / (sigma - 1)) with sigma = 5 of the sample experiment, goods sectors only."""
    d = agreement_loss_trade_cost_hat(cp)
    us, mx = cp.country_index("USA"), cp.country_index("MEX")
    goods = np.asarray(cp.tradable)
    np.testing.assert_allclose(d[us, mx][goods], np.exp(0.4711383 / AGGREGATE_THETA), rtol=1e-6)
    assert np.exp(0.4711383 / 4.0) == pytest.approx(1.125, abs=1e-3)
    assert np.all(d[us, mx][~goods] == 1.0) and np.all(d[us, us] == 1.0)
    # a sector-specific coefficient array is applied sector by sector
    b = np.linspace(0.1, 0.9, cp.n_sectors)
    np.testing.assert_allclose(agreement_loss_trade_cost_hat(cp, b)[mx, us][goods], np.exp(b / 4.0)[goods])
    # netting out a tariff change that restores the preference never lowers costs below 1
    t = np.full(cp.trade_usd_m.shape, 1.05)
    net = agreement_loss_trade_cost_hat(cp, net_of_tariffs=t)
    np.testing.assert_allclose(net[us, mx][goods], np.exp(0.4711383 / 4.0) / 1.05, rtol=1e-6)
    assert net.min() >= 1.0
    with pytest.raises(ScenarioError, match="mapping"):
        agreement_loss_trade_cost_hat(cp, mapping="nope")


def test_flow_mapping_per_sector(cp):
    b = 0.47
    d = agreement_loss_trade_cost_hat(cp, b, mapping="flow")
    goods = np.asarray(cp.tradable)
    assert d.shape == cp.trade_usd_m.shape
    idx = [cp.country_index(c) for c in USMCA]
    for n in idx:
        for i in idx:
            expected = np.ones(cp.n_sectors) if n == i else np.where(goods, np.exp(b / cp.theta), 1.0)
            np.testing.assert_allclose(d[n, i], expected, rtol=1e-15)
    mask = np.ones(cp.n_countries, dtype=bool)
    mask[idx] = False
    assert np.all(d[mask] == 1.0) and np.all(d[:, mask] == 1.0)
    # the partial (constant-resistance) flow effect is exp(-b) in every sector
    us, mx = cp.country_index("USA"), cp.country_index("MEX")
    np.testing.assert_allclose(d[us, mx][goods] ** -cp.theta[goods], np.exp(-b), rtol=1e-12)
    # a scalar theta gives one common iceberg change
    np.testing.assert_allclose(agreement_loss_trade_cost_hat(cp, b, theta=4.0)[us, mx][goods], np.exp(b / 4.0))


def test_losing_usmca_hurts_members_and_cuts_their_trade(cp):
    shock = agreement_loss_shock(cp)
    assert "USA-MEX-CAN" in shock.label
    eq = solve(cp, shock, closure=Closure.FIXED_DEFICIT)
    us, mx, ca = (cp.country_index(c) for c in ("USA", "MEX", "CAN"))
    assert eq.real_income_hat[mx] < 1 and eq.real_income_hat[ca] < 1 and eq.real_income_hat[us] < 1
    # Mexico loses more (in percent of income) than the United States
    assert 1 - eq.real_income_hat[mx] > 1 - eq.real_income_hat[us]
    assert eq.trade_usd_m[us, mx].sum() < cp.trade_usd_m[us, mx].sum()


def test_bad_members_are_named(cp):
    with pytest.raises(UnknownCountryError, match="XXX"):
        agreement_loss_trade_cost_hat(cp, 0.4, members=("USA", "XXX"))
    with pytest.raises(ScenarioError, match="two distinct members"):
        agreement_loss_trade_cost_hat(cp, 0.4, members=("USA",))


def test_agreement_loss_leaves_traded_services_alone():
    """world2023 trades its services aggregate (D35T98); the agreement coefficient is a goods border
    effect (Yotov et al. 2016, An Advanced Guide to Trade Policy Analysis: t^(1-sigma) = exp(b * RTA),
    so losing it multiplies the goods iceberg cost by exp(b / (sigma - 1)))."""
    w = load_world("world2023")
    d = agreement_loss_trade_cost_hat(w)
    us, mx, sv = w.country_index("USA"), w.country_index("MEX"), w.sector_index("D35T98")
    assert bool(np.asarray(w.tradable)[sv]) and d[us, mx, sv] == 1.0 and d[mx, us, sv] == 1.0
    np.testing.assert_allclose(d[us, mx, w.sector_index("C29")], np.exp(0.4711383 / AGGREGATE_THETA), rtol=1e-6)
