"""Assertions of the model's accounting identities at a solved equilibrium."""

from __future__ import annotations

import numpy as np

from palanca.model import Equilibrium

__all__ = ["assert_equilibrium_consistent"]


def assert_equilibrium_consistent(eq: Equilibrium, rtol: float = 1e-8) -> None:
    """Check market clearing, labour-market clearing, budgets and trade balance at ``eq``.

    Raises ``AssertionError`` naming the identity and the largest violation, relative to world
    value added.
    """
    w = eq.world
    scale = float(w.value_added_usd_m.sum())
    X = eq.trade_usd_m  # producer prices
    # goods-market clearing (CP eq. 7) in the counterfactual world
    cf = eq.to_world()
    gm = np.abs(cf.expenditure_residual_usd_m()).max() / scale
    assert gm < rtol, f"goods-market clearing violated by {gm:.3g} of world value added"
    # labour market: wage bill equals value added of production
    lm = np.abs((w.va_share * X.sum(axis=0)).sum(axis=1) - eq.value_added_usd_m).max() / scale
    assert lm < rtol, f"labour-market clearing violated by {lm:.3g} of world value added"
    # trade balance: imports - exports = deficit
    tb = X.sum(axis=(1, 2)) - X.sum(axis=(0, 2)) - eq.deficit_usd_m
    assert np.abs(tb).max() / scale < rtol, f"trade balance violated by {np.abs(tb).max() / scale:.3g}"
    # expenditure shares sum to one where there is spending
    s = eq.trade_share.sum(axis=1)
    spent = eq.expenditure_usd_m > 0
    assert np.allclose(s[spent], 1.0, atol=1e-10), "trade shares do not sum to one"
    assert np.all(np.isfinite(eq.real_income_hat)), "non-finite welfare"
