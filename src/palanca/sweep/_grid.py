"""What ``--vary NAME=SPEC`` means, and how a grid point changes a scenario.

Names
-----
``us_tariff_mex``
    The rate of every tariff block (in ``tariffs`` or ``retaliation``) where the USA taxes MEX; if the
    scenario has none, one block ``USA on MEX goods`` is added (mode "add").
``mex_tariff_usa``
    The same for blocks where MEX taxes the USA (Mexico's counter-tariff).
``theta_scale``
    A common factor on every sector's trade elasticity (1 = the world's; 0.4 ≈ short run).
``sigma``
    The log-standard deviation of the Monte Carlo elasticity draws.

Specs: ``START:STOP:STEP`` (STOP included when on the grid, e.g. ``0:0.5:0.05`` gives 11 values) or
a comma list ``0.1,0.25,0.3``. Several ``--vary`` options form the Cartesian product.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from palanca.errors import ScenarioError
from palanca.scenarios import Scenario, TariffBlock

__all__ = ["VARY_NAMES", "Vary", "apply_point", "grid_points", "parse_vary", "point_key"]

VARY_NAMES = {
    "us_tariff_mex": "rate of the USA's tariff blocks on MEX (fraction)",
    "mex_tariff_usa": "rate of MEX's tariff blocks on the USA (fraction)",
    "theta_scale": "factor on every trade elasticity (> 0)",
    "sigma": "log-s.d. of the Monte Carlo elasticity draws (≥ 0)",
}
_MAX_POINTS = 10_000


@dataclass(frozen=True)
class Vary:
    """One varied parameter and its values."""

    name: str
    values: tuple[float, ...]

    def __post_init__(self) -> None:
        if self.name not in VARY_NAMES:
            known = "; ".join(f"{k}: {v}" for k, v in VARY_NAMES.items())
            raise ScenarioError(f"--vary {self.name!r} is not a known name. Known names — {known}.")
        for v in self.values:
            if not math.isfinite(v):
                raise ScenarioError(f"--vary {self.name}: value {v} is not a finite number.")
            if self.name in ("us_tariff_mex", "mex_tariff_usa") and not 0 <= v <= 10:
                raise ScenarioError(
                    f"--vary {self.name}: rate {v} outside [0, 10]; write rates as fractions (0.25 = 25%)."
                )
            if self.name == "theta_scale" and v <= 0:
                raise ScenarioError(f"--vary theta_scale: value {v} must be > 0 (1 = the world's elasticities).")
            if self.name == "sigma" and v < 0:
                raise ScenarioError(f"--vary sigma: value {v} must be ≥ 0.")


def parse_vary(text: str) -> Vary:
    """Parse ``NAME=START:STOP:STEP`` or ``NAME=a,b,c``."""
    name, eq, spec = text.partition("=")
    if not eq or not spec.strip():
        raise ScenarioError(
            f"--vary {text!r}: write NAME=START:STOP:STEP or NAME=a,b,c (e.g. us_tariff_mex=0:0.5:0.05)."
        )
    name = name.strip()
    try:
        if ":" in spec:
            start, stop, step = (float(x) for x in spec.split(":"))
            if step <= 0 or stop < start:
                raise ValueError
            n = math.floor((stop - start) / step + 1e-9) + 1
            values = tuple(round(start + k * step, 12) for k in range(n))
        else:
            values = tuple(float(x) for x in spec.split(","))
    except ValueError:
        raise ScenarioError(
            f"--vary {text!r}: {spec!r} is not START:STOP:STEP (STEP > 0, STOP ≥ START) nor a comma list of numbers."
        ) from None
    return Vary(name, values)


def grid_points(varies: Sequence[Vary]) -> list[dict[str, float]]:
    """The Cartesian product of the varied values, as ``{name: value}`` points."""
    names = [v.name for v in varies]
    if len(set(names)) != len(names):
        raise ScenarioError(f"--vary names repeat ({names}); give each name once.")
    for v in varies:  # two values that make one point key would be one grid point computed twice
        seen: dict[str, float] = {}
        for x in v.values:
            key = point_key({v.name: x})
            if key in seen:
                raise ScenarioError(
                    f"--vary {v.name}: the values {seen[key]!r} and {x!r} are the same grid point (points are "
                    "told apart to 10 significant digits); give each value once."
                )
            seen[key] = x
    points = [dict(zip(names, combo, strict=True)) for combo in itertools.product(*(v.values for v in varies))]
    if len(points) > _MAX_POINTS:
        raise ScenarioError(f"the grid has {len(points)} points; at most {_MAX_POINTS}. Use coarser steps.")
    return points


def point_key(point: Mapping[str, float]) -> str:
    """A stable text key of a point (what resuming matches on)."""
    return ",".join(f"{k}={point[k]:.10g}" for k in sorted(point))


def _set_rate(
    blocks: tuple[TariffBlock, ...], imposer: str, target: str, rate: float
) -> tuple[tuple[TariffBlock, ...], bool]:
    out, hit = [], False
    for b in blocks:
        if b.imposer == imposer and target in b.targets:
            b = dataclasses.replace(b, rate=rate, mode="add" if b.mode == "mfn" else b.mode)
            hit = True
        out.append(b)
    return tuple(out), hit


def apply_point(scenario: Scenario, point: Mapping[str, float]) -> tuple[Scenario, float, float | None]:
    """The scenario at ``point``, the elasticity factor and the sigma override (``None``: keep)."""
    sc = scenario
    for name, (imp, tgt) in (("us_tariff_mex", ("USA", "MEX")), ("mex_tariff_usa", ("MEX", "USA"))):
        if name in point:
            tariffs, hit1 = _set_rate(sc.tariffs, imp, tgt, point[name])
            retaliation, hit2 = _set_rate(sc.retaliation, imp, tgt, point[name])
            if not (hit1 or hit2):
                tariffs = (*tariffs, TariffBlock(imposer=imp, targets=(tgt,), sectors=("goods",), rate=point[name]))
            sc = dataclasses.replace(sc, tariffs=tariffs, retaliation=retaliation)
    return sc, float(point.get("theta_scale", 1.0)), point.get("sigma")
