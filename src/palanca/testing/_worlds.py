"""Small random worlds that satisfy every `World` invariant."""

from __future__ import annotations

import numpy as np

from palanca.model import World

__all__ = ["random_world"]


def random_world(
    rng: np.random.Generator,
    n_countries: int = 3,
    n_sectors: int = 2,
    *,
    io_links: bool = True,
    tariffs: bool = True,
    balanced: bool = False,
) -> World:
    """A random but internally consistent world.

    Flows are lognormal with a home bias; value-added shares lie in [0.3, 0.9] (1 without IO);
    final-demand shares follow from goods-market clearing so the data are an exact equilibrium up
    to truncation; deficits follow from the flows (zero where ``balanced``, by symmetrising trade).
    """
    n, j = n_countries, n_sectors
    X = rng.lognormal(mean=0.0, sigma=1.0, size=(n, n, j)) * 100.0
    X[np.arange(n), np.arange(n), :] *= 3.0 + 3.0 * rng.random((n, j))
    # Keep trade imbalances moderate (fully balanced when asked): a country whose surplus dwarfs
    # its income is not an economy the fixed-deficit closure can describe.
    off = X.sum(axis=2)
    sym = X * (0.5 * (off + off.T) / off)[:, :, None]
    X = sym if balanced else 0.5 * (X + sym)
    tau = rng.uniform(0.0, 0.2, size=(n, n, j)) if tariffs else np.zeros((n, n, j))
    tau[np.arange(n), np.arange(n), :] = 0.0
    if io_links:
        beta = rng.uniform(0.4, 0.9, size=(n, j))
        io = rng.dirichlet(np.full(j, 2.0), size=(n, j)).transpose(0, 2, 1)  # columns sum to 1
    else:
        beta = np.ones((n, j))
        io = np.zeros((n, j, j))
    deficit = X.sum(axis=(1, 2)) - X.sum(axis=(0, 2))
    # Final demand must be positive: raise domestic sales of the sectors that fall short.
    for _ in range(30):
        absorption = (X * (1 + tau)).sum(axis=1)
        y = X.sum(axis=0)
        inter = np.einsum("njk,nk->nj", io, (1 - beta) * y)
        income = (beta * y).sum(axis=1) + (X * tau).sum(axis=(1, 2)) + deficit
        final = absorption - inter
        short = final <= 0.05 * absorption
        if not short.any() and np.all(income > 0):
            break
        X[np.arange(n), np.arange(n), :] *= np.where(short, 1.3, 1.0)
        deficit = X.sum(axis=(1, 2)) - X.sum(axis=(0, 2))
    alpha = np.maximum(final, 0) / np.maximum(final, 0).sum(axis=1, keepdims=True)
    countries = tuple(f"C{k:02d}" for k in range(n))
    return World(
        name=f"random-{n}x{j}",
        year=2000,
        countries=countries,
        sectors=tuple(f"S{k}" for k in range(j)),
        sector_labels=tuple(f"sector {k}" for k in range(j)),
        trade_usd_m=X,
        tariff=tau,
        theta=rng.uniform(2.0, 10.0, size=j),
        va_share=beta,
        io=io,
        final_share=alpha,
        deficit_usd_m=deficit,
        provenance={"source": "palanca.testing.random_world"},
    )
