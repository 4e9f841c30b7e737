"""Bad worlds and shocks raise errors that name the field, the value and the fix."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from palanca.errors import UnknownCountryError, UnknownSectorError, WorldValidationError
from palanca.model import Shock, solve
from palanca.testing import random_world


@pytest.fixture
def w():
    return random_world(np.random.default_rng(1), 3, 2)


def test_shape_mismatch_names_field_and_expected_shape(w):
    with pytest.raises(WorldValidationError, match=r"tariff has shape \(3, 3\).*must be \(3, 3, 2\)"):
        dataclasses.replace(w, tariff=np.zeros((3, 3)))


def test_negative_flow_names_cell(w):
    X = np.array(w.trade_usd_m)
    X[0, 1, 1] = -5.0
    with pytest.raises(WorldValidationError, match=r"trade_usd_m\[C00, C01, S1\] = -5 is negative"):
        dataclasses.replace(w, trade_usd_m=X)


def test_tariff_at_minus_one_rejected(w):
    tau = np.array(w.tariff)
    tau[2, 0, 0] = -1.0
    with pytest.raises(WorldValidationError, match=r"tariff\[C02, C00, S0\] = -1 .*must exceed −1"):
        dataclasses.replace(w, tariff=tau)
    with pytest.raises(WorldValidationError, match=r"≤ −1"):
        Shock(tariff=tau)


def test_final_shares_must_sum_to_one(w):
    alpha = np.array(w.final_share)
    alpha[1] *= 0.9
    with pytest.raises(WorldValidationError, match=r"final_share\[C01, :\] sums to 0.9.*Normalise"):
        dataclasses.replace(w, final_share=alpha)


def test_io_columns_must_sum_to_one(w):
    io = np.array(w.io)
    io[0, :, 1] *= 1.2
    with pytest.raises(WorldValidationError, match=r"io\[C00, :, S1\] sums to 1.2"):
        dataclasses.replace(w, io=io)


def test_deficits_must_sum_to_zero(w):
    with pytest.raises(WorldValidationError, match="deficit_usd_m sums to"):
        dataclasses.replace(w, deficit_usd_m=np.array([1.0, 0.0, 0.0]))


def test_nonfinite_rejected(w):
    th = np.array(w.theta)
    th[0] = np.nan
    with pytest.raises(WorldValidationError, match=r"theta\(0,\) is nan"):
        dataclasses.replace(w, theta=th)


def test_shock_shape_checked_against_world(w):
    with pytest.raises(WorldValidationError, match=r"shock.trade_cost_hat has shape \(2, 2, 2\)"):
        solve(w, Shock(trade_cost_hat=np.ones((2, 2, 2))))
    with pytest.raises(WorldValidationError, match="must be positive"):
        Shock(trade_cost_hat=np.zeros((3, 3, 2)))


def test_unknown_codes_list_known_ones(w):
    with pytest.raises(UnknownCountryError, match=r"country 'XYZ' is not in world.*C00, C01, C02"):
        w.country_index("XYZ")
    with pytest.raises(UnknownSectorError, match=r"sector 'S9'.*S0, S1"):
        w.sector_index("S9")
    assert w.country_index("c01") == 1
