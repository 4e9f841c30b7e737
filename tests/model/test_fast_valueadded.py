"""The value-added content by block Jacobi iteration against the dense Leontief inverse."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

from palanca.data import load_world
from palanca.model import calc_leontief, calc_mrio_coefficients, calc_va_content
from palanca.model._valueadded import calc_va_content_of
from palanca.testing import random_world
from palanca.testing.strategies import worlds


def by_inverse(world):
    """`calc_va_content` as the dense formula of the module docstring: V B and T B with B = (I - A)^-1."""
    n, j = world.n_countries, world.n_sectors
    A, T = calc_mrio_coefficients(world.trade_share, world.tariff, world.va_share, world.io)
    B = calc_leontief(A)
    content = (world.va_share.reshape(n * j)[:, None] * B).reshape(n, j, n, j).sum(axis=1)
    return content, (T @ B).reshape(n, j)


def assert_matches_inverse(world):
    args = (world.trade_share, world.tariff, world.va_share, world.io)
    content, tariff_content = calc_va_content(*args)
    ref_content, ref_tariff = by_inverse(world)
    np.testing.assert_allclose(content, ref_content, rtol=0, atol=1e-12)
    np.testing.assert_allclose(tariff_content, ref_tariff, rtol=0, atol=1e-12)
    np.testing.assert_allclose(content.sum(axis=0) + tariff_content, 1.0, rtol=0, atol=1e-12)
    for origin in {0, world.n_countries - 1}:
        col, col_tariff = calc_va_content_of(*args, origin)
        np.testing.assert_allclose(col, ref_content[:, origin, :], rtol=0, atol=1e-12)
        np.testing.assert_allclose(col_tariff, ref_tariff[origin], rtol=0, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(world=worlds(max_sectors=4))
def test_equals_the_inverse_on_random_small_worlds(world):
    assert_matches_inverse(world)


@pytest.mark.parametrize(("n", "j", "seed"), [(12, 5, 0), (30, 8, 1), (6, 20, 2)])
def test_equals_the_inverse_on_larger_random_worlds(n, j, seed):
    assert_matches_inverse(random_world(np.random.default_rng(seed), n, j))


def test_equals_the_inverse_on_cp1993():
    assert_matches_inverse(load_world("cp1993"))
