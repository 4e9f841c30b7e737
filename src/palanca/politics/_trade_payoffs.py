"""Trade-dimension payoffs read from the engine: real-income change of USA and MEX by US tariff.

The only place where `politics/` calls the engine. A `TradeCurve` holds, on a short grid of US
tariffs on Mexican goods (all tradable sectors) and for a few Mexican counter-tariff levels on US
goods, the exact real-income change ``Equilibrium.real_income_hat`` of each side relative to the
USMCA reference (zero bilateral goods tariffs), in percent. Curves are cached per world and grid,
in memory and on disk (``$PALANCA_CACHE_DIR``, default ``~/.cache/palanca``, keyed by the world's
digest), so the engine runs once per world.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from palanca.data import load_world, read_cached_arrays, write_cached_arrays
from palanca.errors import ScenarioError
from palanca.model import Closure, Shock, rebase, solve

__all__ = ["TradeCurve", "trade_payoff_curve"]


@dataclass(frozen=True, eq=False)
class TradeCurve:
    """Real-income changes (%) of USA and MEX on a tariff grid, by Mexican counter-tariff.

    Attributes
    ----------
    world : str
    tariff_grid : ndarray, G
        US tariff on Mexican goods (fractions).
    counter_levels : ndarray, C
        Mexican tariff on US goods (fractions).
    usa_pct, mex_pct : ndarray, C x G
        Real-income change relative to the USMCA reference, percent.
    solves : int
        Engine solves used (0 when read from the cache).
    """

    world: str
    tariff_grid: np.ndarray
    counter_levels: np.ndarray
    usa_pct: np.ndarray
    mex_pct: np.ndarray
    solves: int

    def value(self, player: str, tariff: float, counter: float = 0.0) -> float:
        """Piecewise-linear interpolation in the tariff at an exact counter level of the grid."""
        k = np.flatnonzero(np.isclose(self.counter_levels, counter))
        if k.size == 0:
            raise ScenarioError(
                f"counter-tariff {counter} is not on the curve (levels {self.counter_levels.tolist()}); "
                "compute the curve with that level."
            )
        table = self.usa_pct if player == "USA" else self.mex_pct
        return float(np.interp(tariff, self.tariff_grid, table[k[0]]))


@cache
def _curve(world_name: str, grid: tuple[float, ...], counters: tuple[float, ...]) -> TradeCurve:
    world = load_world(world_name)
    key = f"trade-curve-{world_name}-{world.digest[:16]}-{grid}-{counters}-fixed_deficit"
    hit = read_cached_arrays(key)
    if hit is not None:
        usa, mex = np.array(hit["usa_pct"]), np.array(hit["mex_pct"])
        if usa.shape == (len(counters), len(grid)) and mex.shape == usa.shape:
            for arr in (usa, mex):
                arr.setflags(write=False)
            return TradeCurve(world_name, np.array(grid), np.array(counters), usa, mex, 0)
    us, mx = world.country_index("USA"), world.country_index("MEX")
    goods = world.tradable
    closure = Closure.FIXED_DEFICIT
    base = rebase(world, closure=closure)
    ref_tariff = base.tariff.copy()
    ref_tariff[us, mx, goods] = 0.0
    ref_tariff[mx, us, goods] = 0.0
    ref = solve(world, Shock(tariff=ref_tariff, label="USMCA reference"), closure=closure, baseline=base)
    ref_hat = ref.real_income_hat
    usa, mex = np.zeros((len(counters), len(grid))), np.zeros((len(counters), len(grid)))
    solves = 1
    for a, c in enumerate(counters):
        for b, t in enumerate(grid):
            if t == 0.0 and c == 0.0:
                continue
            tau = ref_tariff.copy()
            tau[us, mx, goods] = t
            tau[mx, us, goods] = c
            eq = solve(world, Shock(tariff=tau, label=f"US {t:.2f} / MEX {c:.2f}"), closure=closure, baseline=base)
            solves += 1
            usa[a, b] = 100.0 * (eq.real_income_hat[us] / ref_hat[us] - 1.0)
            mex[a, b] = 100.0 * (eq.real_income_hat[mx] / ref_hat[mx] - 1.0)
    for arr in (usa, mex):
        arr.setflags(write=False)
    write_cached_arrays(key, {"usa_pct": usa.tolist(), "mex_pct": mex.tolist()})
    return TradeCurve(world_name, np.array(grid), np.array(counters), usa, mex, solves)


def trade_payoff_curve(
    world: str | None = None,
    grid: tuple[float, ...] = (0.0, 0.05, 0.10, 0.20, 0.30),
    counters: tuple[float, ...] = (0.0, 0.25),
) -> TradeCurve:
    """The engine's trade payoffs over a tariff grid (cached per world, grid and counter levels).

    Parameters
    ----------
    world : str, optional
        A shipped world (`palanca.data.list_worlds`); the default world when omitted.
    grid : tuple of float
        US tariffs on Mexican goods, ascending, starting at 0. Each point costs one solve per
        counter level.
    counters : tuple of float
        Mexican tariffs on US goods; 0 must be among them.
    """
    from palanca.data import DEFAULT_WORLD

    grid = tuple(sorted(float(g) for g in grid))
    counters = tuple(sorted({0.0, *(float(c) for c in counters)}))
    if grid[0] != 0.0 or len(grid) < 2:
        raise ScenarioError(f"tariff grid {list(grid)} must start at 0 and have at least two points.")
    return _curve(world or DEFAULT_WORLD, grid, counters)
