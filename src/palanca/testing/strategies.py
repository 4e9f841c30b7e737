"""Hypothesis strategies for palanca: small valid worlds and shocks (requires `hypothesis`)."""

from __future__ import annotations

import numpy as np

from palanca.errors import MissingDependencyError

try:
    from hypothesis import strategies as st
except ModuleNotFoundError:
    raise MissingDependencyError(
        "palanca.testing.strategies needs hypothesis: pip install 'palanca[testing]'"
    ) from None

from palanca.model import Shock, World
from palanca.testing._worlds import random_world

__all__ = ["shocks_for", "worlds"]


@st.composite
def worlds(draw, min_countries: int = 2, max_countries: int = 4, max_sectors: int = 3) -> World:
    """Worlds of 2–4 countries and 1–3 sectors, with or without IO links and tariffs."""
    n = draw(st.integers(min_countries, max_countries))
    j = draw(st.integers(1, max_sectors))
    seed = draw(st.integers(0, 2**32 - 1))
    io_links = draw(st.booleans())
    tariffs = draw(st.booleans())
    return random_world(np.random.default_rng(seed), n, j, io_links=io_links, tariffs=tariffs)


@st.composite
def shocks_for(draw, world: World) -> Shock:
    """Tariff levels in [0, 0.5] off the diagonal and iceberg changes in [0.8, 1.25]."""
    n, j = world.n_countries, world.n_sectors
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    tau = rng.uniform(0, 0.5, size=(n, n, j)) * (1 - np.eye(n))[:, :, None]
    d_hat = np.exp(rng.uniform(np.log(0.8), np.log(1.25), size=(n, n, j)))
    d_hat[np.arange(n), np.arange(n), :] = 1.0
    return Shock(tariff=tau, trade_cost_hat=d_hat, label="random")
