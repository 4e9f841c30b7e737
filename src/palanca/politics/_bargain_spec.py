r"""The bargaining scenario: the deal space, its parameters with ranges, and where each value comes from.

A `BargainScenario` holds flat parameters ``"section.key" -> value``, the ``[low, high]`` range of each
uncertain one (for the tornado and the Monte Carlo) and its *basis*: ``judgement`` (a stated assumption
of the shipped spec file), ``cited: ...`` (a published figure) or ``model: ...`` (computed by a named
palanca model and written in by `palanca.politics.resolve_inputs`, never typed in).

Deal space :math:`z = (t, e_m, e_f, e_g, s)`: the US tariff on Mexican goods, Mexico's migration and
fentanyl enforcement, US action against southbound firearms (fractions of a maximal effort) and US
security operations on Mexican soil, bounded by Mexico's red line :math:`s \le \bar s`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from palanca.data import load_bargain_parameters
from palanca.errors import ScenarioError

__all__ = ["DIMENSIONS", "BargainScenario", "load_bargain_scenario"]

DIMENSIONS = (
    "us_tariff",
    "mex_migration_enforcement",
    "mex_fentanyl_enforcement",
    "us_firearms_action",
    "us_security_ops",
)

# uncertain parameters: "section.key" of the TOML file (each needs a range)
UNCERTAIN = (
    "trade.payoff_scale",
    "migration.value_usa_pct",
    "migration.cost_mex_pct",
    "fentanyl.value_usa_pct",
    "fentanyl.cost_mex_pct",
    "fentanyl.benefit_mex_pct",
    "firearms.value_mex_pct",
    "firearms.cost_usa_pct",
    "sovereignty.value_usa_pct",
    "sovereignty.cost_mex_pct",
    "bargaining.discount_rate_usa",
    "bargaining.discount_rate_mex",
    "credibility.base_rate_weight",
    "fearon.p_usa_prevails",
    "usmca.confirm_probability",
    "usmca.pause_cost_mex_pct",
    "usmca.pause_cost_usa_pct",
)
FIXED = (
    "trade.threat_tariff",
    "trade.counter_tariff",
    "trade.max_tariff",
    "sovereignty.red_line",
    "usmca.last_year",
)
_PROBABILITIES = ("fearon.p_usa_prevails", "usmca.confirm_probability", "credibility.base_rate_weight")


@dataclass(frozen=True)
class BargainScenario:
    """A bargaining scenario: parameters, their ranges and bases, the players' GDPs and the tariff grid.

    Build it with `load_bargain_scenario`; change it with ``with_params`` (a new value).

    Attributes
    ----------
    params : Mapping[str, float]
        ``"section.key" -> value``; payoffs in % of the player's own real income a year.
    ranges : Mapping[str, tuple[float, float]]
        Range of every uncertain parameter.
    basis : Mapping[str, str]
        Where each uncertain value comes from (``judgement``, ``cited: ...``, ``model: ...``).
    gdp_usd_bn : Mapping[str, float]
        GDP of USA and MEX (USD bn), to convert % gains to USD.
    tariff_grid : tuple of float
        US tariffs on Mexican goods at which the engine is solved.
    review_date : str
        Date of the next USMCA joint review (ISO).
    """

    name: str
    params: Mapping[str, float]
    ranges: Mapping[str, tuple[float, float]]
    gdp_usd_bn: Mapping[str, float]
    tariff_grid: tuple[float, ...]
    review_date: str
    basis: Mapping[str, str] = field(default_factory=dict)
    mc_draws: int = 300
    mc_seed: int = 0
    sources: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))
        object.__setattr__(self, "ranges", MappingProxyType(dict(self.ranges)))
        object.__setattr__(self, "basis", MappingProxyType({k: self.basis.get(k, "judgement") for k in self.ranges}))
        for key in (*UNCERTAIN, *FIXED):
            if key not in self.params:
                raise ScenarioError(f"scenario {self.name!r} lacks parameter {key!r}; add it to the TOML file.")
        for key in UNCERTAIN:
            if key not in self.ranges:
                raise ScenarioError(
                    f"{key} has no range in scenario {self.name!r}; write it as {{ value = ..., range = [lo, hi] }}."
                )
        p = self.params
        for key in UNCERTAIN:
            if key.endswith(("_pct", "payoff_scale")) and p[key] < 0:
                raise ScenarioError(f"{key} = {p[key]}; valuations and costs must be nonnegative.")
        for key in _PROBABILITIES:
            if not 0 <= p[key] <= 1:
                raise ScenarioError(f"{key} = {p[key]}; a probability must lie in [0, 1].")
        for key in ("bargaining.discount_rate_usa", "bargaining.discount_rate_mex"):
            if not p[key] > 0:
                raise ScenarioError(f"{key} = {p[key]}; discount rates must be positive (0.1 = 10% a year).")
        if not 0 <= p["sovereignty.red_line"] <= 1:
            raise ScenarioError(f"sovereignty.red_line = {p['sovereignty.red_line']}; it must lie in [0, 1].")
        for key in ("trade.threat_tariff", "trade.max_tariff"):
            if p[key] > max(self.tariff_grid) + 1e-12:
                raise ScenarioError(
                    f"{key} = {p[key]} exceeds the top of trade.tariff_grid ({max(self.tariff_grid)}); extend the grid."
                )
        if {"USA", "MEX"} - set(self.gdp_usd_bn):
            raise ScenarioError(f"scenario {self.name!r}: players must include USA and MEX with gdp_usd_bn.")

    def with_params(self, **changes: float) -> BargainScenario:
        """A new scenario with parameters replaced; keys use ``__`` for the dot (``fentanyl__value_usa_pct``).

        A value outside its uncertainty range widens the range to include it.
        """
        new = dict(self.params)
        for k, v in changes.items():
            key = k.replace("__", ".")
            if key not in new:
                raise ScenarioError(f"unknown parameter {key!r}; known: {', '.join(sorted(new))}")
            new[key] = float(v)
        ranges = dict(self.ranges)
        for key, (lo, hi) in self.ranges.items():
            ranges[key] = (min(lo, new[key]), max(hi, new[key]))
        return replace(self, params=new, ranges=ranges)

    def with_value(self, key: str, value: float, low: float, high: float, basis: str) -> BargainScenario:
        """A new scenario with one uncertain parameter set by a model: value, range and basis."""
        if key not in self.ranges:
            raise ScenarioError(f"{key!r} is not an uncertain parameter of scenario {self.name!r}.")
        if not low <= value <= high:
            raise ScenarioError(f"{key}: value {value} lies outside its range [{low}, {high}].")
        return replace(
            self,
            params={**self.params, key: float(value)},
            ranges={**self.ranges, key: (float(low), float(high))},
            basis={**self.basis, key: basis},
        )


def load_bargain_scenario(name: str = "usmca-review-2026") -> BargainScenario:
    """Read a shipped bargain spec (``src/palanca/data/shipped/politics/<name>.toml``).

    Each uncertain parameter is written ``{ value = v, range = [lo, hi], basis = "..." }``; a missing
    ``basis`` means judgement.
    """
    raw = load_bargain_parameters(name)
    params: dict[str, float] = {}
    ranges: dict[str, tuple[float, float]] = {}
    basis: dict[str, str] = {}
    for section, body in raw.items():
        if section in ("scenario", "players", "monte_carlo") or not isinstance(body, dict):
            continue
        for key, val in body.items():
            full = f"{section}.{key}"
            if isinstance(val, dict):
                params[full] = float(val["value"])
                lo, hi = (float(v) for v in val["range"])
                if not lo <= params[full] <= hi:
                    raise ScenarioError(f"{full}: value {params[full]} lies outside its range [{lo}, {hi}].")
                ranges[full] = (lo, hi)
                basis[full] = str(val.get("basis", "judgement"))
            elif isinstance(val, int | float) and not isinstance(val, bool):
                params[full] = float(val)
    try:
        gdp = {c: float(v["gdp_usd_bn"]) for c, v in raw["players"].items()}
        grid = tuple(float(g) for g in raw["trade"]["tariff_grid"])
        review = str(raw["usmca"]["review_date"])
    except KeyError as exc:
        raise ScenarioError(f"scenario {name!r} lacks {exc}; see usmca-review-2026.toml for the layout.") from None
    mc = raw.get("monte_carlo", {})
    return BargainScenario(
        name=name,
        params=params,
        ranges=ranges,
        gdp_usd_bn=gdp,
        tariff_grid=grid,
        review_date=review,
        basis=basis,
        mc_draws=int(mc.get("draws", 300)),
        mc_seed=int(mc.get("seed", 0)),
        sources={"file": f"{name}.toml", "description": raw.get("scenario", {}).get("description", "")},
    )
