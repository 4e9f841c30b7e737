"""Scenario sweeps: grids × Monte Carlo draws on Dask, streamed into the results store, resumable."""

from palanca.sweep._grid import VARY_NAMES, Vary, apply_point, grid_points, parse_vary, point_key
from palanca.sweep._point import solve_chunk
from palanca.sweep._run import SweepResult, sweep

__all__ = [
    "VARY_NAMES",
    "SweepResult",
    "Vary",
    "apply_point",
    "grid_points",
    "parse_vary",
    "point_key",
    "solve_chunk",
    "sweep",
]
