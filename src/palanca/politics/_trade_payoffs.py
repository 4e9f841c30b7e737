"""Trade payoffs read from the engine: real-income change of USA and MEX relative to the USMCA reference.

The only place where `politics/` calls the engine. Every policy is a scenario of `palanca.scenarios`
built by its one builder (`build_scenario`): the USMCA reference sets both sides' goods tariffs on each
other to zero; a `TradeCurve` holds, on a short grid of US tariffs on Mexican goods and a few Mexican
counter-tariffs, the exact ``Equilibrium.real_income_hat`` of each side relative to that reference, in
percent. The outside option solves the library scenario ``usmca-collapse`` (MFN tariffs among the
members); the threat point solves the tariff war (`palanca.model.tariff_war`) and the US optimal tariff
(`palanca.model.optimal_tariff`) with the reference as the tariffs in force. Results are cached in
memory and on disk (``$PALANCA_CACHE_DIR``, default ``~/.cache/palanca``), keyed by the palanca version,
the world's digest and a digest of the scenario blocks, so the engine runs once per world and input.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache

import numpy as np

from palanca.data import DEFAULT_WORLD, goods_mask, load_world, read_cached_arrays, write_cached_arrays
from palanca.errors import ConvergenceError, ScenarioError
from palanca.model import Closure, Equilibrium, Shock, rebase, solve
from palanca.scenarios import Scenario, build_scenario, load_scenario, parse_scenario

__all__ = ["TradeCurve", "engine_outside_option", "engine_status_quo", "engine_threats", "trade_payoff_curve"]

_CLOSURE = "fixed_deficit"


def _version() -> str:
    from palanca import __version__

    return __version__


def _key(kind: str, world_name: str, digest: str, payload: object) -> str:
    h = hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:16]
    return f"{kind}-v{_version()}-{world_name}-{digest[:16]}-{h}"


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
    policy_as_of : str or None
        Date of the policy baseline (None: the scenario builder's default).
    """

    world: str
    tariff_grid: np.ndarray
    counter_levels: np.ndarray
    usa_pct: np.ndarray
    mex_pct: np.ndarray
    solves: int
    policy_as_of: str | None = None

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


def _bilateral(world_name: str, us_rate: float, mx_rate: float) -> Scenario:
    """The scenario setting the US tariff on Mexican goods and Mexico's on US goods (both ``set``)."""
    return parse_scenario(
        f"""id = "bargain-us{us_rate:.4f}-mx{mx_rate:.4f}"
title = "US-Mexico bilateral goods tariffs"
world = "{world_name}"
closure = "{_CLOSURE}"
[[tariffs]]
imposer = "USA"
targets = ["MEX"]
sectors = ["goods"]
mode = "set"
rate = {us_rate!r}
[[tariffs]]
imposer = "MEX"
targets = ["USA"]
sectors = ["goods"]
mode = "set"
rate = {mx_rate!r}
""",
        "bargain tariffs",
    )


def _collapse(world_name: str) -> tuple[Scenario, str]:
    """The library's ``usmca-collapse`` scenario, or the same MFN blocks written here if it cannot be read."""
    try:
        return load_scenario("usmca-collapse"), "engine: library scenario usmca-collapse (MFN tariffs among members)"
    except ScenarioError:
        pass
    blocks = "".join(
        f'[[tariffs]]\nimposer = "{n}"\ntargets = {[c for c in ("USA", "MEX", "CAN") if c != n]!r}\n'
        f'sectors = ["goods"]\nmode = "mfn"\n{{ref}}'
        for n in ("USA", "MEX", "CAN")
    ).replace("'", '"')
    head = f'id = "usmca-collapse-bargain"\ntitle = "USMCA collapse"\nworld = "{world_name}"\n'
    for ref in ("", 'reference = "CHN"\n'):
        try:
            sc = parse_scenario(head + blocks.replace("{ref}", ref), "bargain outside option")
            return sc, "engine: MFN tariffs among the USMCA members (blocks written by the bargain)"
        except ScenarioError:
            continue
    raise ScenarioError("the outside option needs MFN tariff blocks, and the scenario schema accepts none.")


def _build(scenario: Scenario, world_name: str, as_of: str | None) -> object:
    """`build_scenario` on the shipped world, on the policy baseline of ``as_of`` (the builder's default if None)."""
    if as_of is None:
        return build_scenario(scenario, load_world(world_name))
    try:
        return build_scenario(scenario, load_world(world_name), as_of=as_of)
    except TypeError:  # a builder without dated baselines: the world's own tariffs
        return build_scenario(scenario, load_world(world_name))


@cache
def _reference(world_name: str, as_of: str | None = None) -> tuple[object, object, np.ndarray]:
    """The as-of baseline world, its model-consistent baseline, and the USMCA reference's real income.

    The reference sets both sides' goods tariffs on each other to zero on the scenario builder's as-of
    baseline; every other tariff is what the builder says is in force.
    """
    built = _build(_bilateral(world_name, 0.0, 0.0), world_name, as_of)
    world = built.world
    base = rebase(world, closure=Closure(_CLOSURE))
    ref = solve(world, built.shock, closure=built.closure, baseline=base)
    return world, base, np.asarray(ref.real_income_hat)


def _solve(world_name: str, scenario: Scenario, as_of: str | None) -> Equilibrium:
    world, base, _ = _reference(world_name, as_of)
    built = _build(scenario, world_name, as_of)
    return solve(world, built.shock, closure=built.closure, baseline=base)


def _pct(eq: Equilibrium, ref_hat: np.ndarray, world: object) -> tuple[float, float]:
    us, mx = world.country_index("USA"), world.country_index("MEX")  # type: ignore[attr-defined]
    return (
        float(100.0 * (eq.real_income_hat[us] / ref_hat[us] - 1.0)),
        float(100.0 * (eq.real_income_hat[mx] / ref_hat[mx] - 1.0)),
    )


@cache
def _curve(world_name: str, grid: tuple[float, ...], counters: tuple[float, ...], as_of: str | None) -> TradeCurve:
    world = _reference(world_name, as_of)[0]
    key = _key("trade-curve", world_name, world.digest, [grid, counters, _CLOSURE, "set goods USA<->MEX"])
    hit = read_cached_arrays(key)
    if hit is not None:
        usa, mex = np.array(hit["usa_pct"]), np.array(hit["mex_pct"])
        if usa.shape == (len(counters), len(grid)) and mex.shape == usa.shape:
            for arr in (usa, mex):
                arr.setflags(write=False)
            return TradeCurve(world_name, np.array(grid), np.array(counters), usa, mex, 0, as_of)
    ref_hat = _reference(world_name, as_of)[2]
    usa, mex = np.zeros((len(counters), len(grid))), np.zeros((len(counters), len(grid)))
    solves = 1
    for a, c in enumerate(counters):
        for b, t in enumerate(grid):
            if t == 0.0 and c == 0.0:
                continue
            eq = _solve(world_name, _bilateral(world_name, t, c), as_of)
            solves += 1
            usa[a, b], mex[a, b] = _pct(eq, ref_hat, world)
    for arr in (usa, mex):
        arr.setflags(write=False)
    write_cached_arrays(key, {"usa_pct": usa.tolist(), "mex_pct": mex.tolist()})
    return TradeCurve(world_name, np.array(grid), np.array(counters), usa, mex, solves, as_of)


def trade_payoff_curve(
    world: str | None = None,
    grid: tuple[float, ...] = (0.0, 0.05, 0.10, 0.20, 0.30),
    counters: tuple[float, ...] = (0.0, 0.25),
    *,
    as_of: str | None = None,
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
    as_of : str, optional
        ISO date of the policy baseline (tariffs in force then, from `palanca.policy`); the scenario
        builder's default (its newest date) when omitted.
    """
    grid = tuple(sorted(float(g) for g in grid))
    counters = tuple(sorted({0.0, *(float(c) for c in counters)}))
    if grid[0] != 0.0 or len(grid) < 2:
        raise ScenarioError(f"tariff grid {list(grid)} must start at 0 and have at least two points.")
    return _curve(world or DEFAULT_WORLD, grid, counters, as_of)


@cache
def engine_outside_option(world: str | None = None, as_of: str | None = None) -> tuple[tuple[float, float], str]:
    """(USA, MEX) real-income change (%) under USMCA collapse (MFN tariffs), relative to the reference.

    Returns the payoffs and a label saying which scenario was solved.
    """
    name = world or DEFAULT_WORLD
    w = _reference(name, as_of)[0]
    sc, label = _collapse(name)
    key = _key("outside-option", name, w.digest, [sc.id, repr(sc.tariffs), str(sc.closure)])
    hit = read_cached_arrays(key)
    if hit is not None:
        return (float(hit["usa_pct"]), float(hit["mex_pct"])), str(hit.get("label", label))
    try:
        eq = _solve(name, sc, as_of)
    except ScenarioError:  # the world has no MFN schedule (e.g. cp1993): proxy it by the tariff on China
        eq, label = (
            _collapse_proxy(name, as_of),
            ("fallback: MFN proxied by each USMCA member's tariff on China (this world has no MFN table)"),
        )
    us, mx = _pct(eq, _reference(name, as_of)[2], w)
    write_cached_arrays(key, {"usa_pct": us, "mex_pct": mx, "label": label})
    return (us, mx), label


@cache
def engine_status_quo(world: str | None = None, as_of: str | None = None) -> tuple[float, float]:
    """(USA, MEX) real-income change (%) under the tariffs in force on ``as_of``, relative to the reference.

    The payoff of a dispute in which no new threat is carried out: the measures in force (Section 232 and
    the rest) stay, so it is not the reference's zero bilateral tariffs.
    """
    name = world or DEFAULT_WORLD
    w, _, ref_hat = _reference(name, as_of)
    sc = parse_scenario(
        f'id = "status-quo"\ntitle = "tariffs in force"\nworld = "{name}"\nclosure = "{_CLOSURE}"\n', "status quo"
    )
    key = _key("status-quo", name, w.digest, [sc.id, _CLOSURE, as_of])
    hit = read_cached_arrays(key)
    if hit is not None:
        return float(hit["usa_pct"]), float(hit["mex_pct"])
    us, mx = _pct(_solve(name, sc, as_of), ref_hat, w)
    write_cached_arrays(key, {"usa_pct": us, "mex_pct": mx})
    return us, mx


def _collapse_proxy(name: str, as_of: str | None) -> Equilibrium:
    world, base, _ = _reference(name, as_of)
    members = [world.country_index(c) for c in ("USA", "MEX", "CAN") if c in world.countries]
    ref = _build(_bilateral(name, 0.0, 0.0), name, as_of).shock
    tau = np.array(ref.tariff, copy=True)
    chn, goods = world.country_index("CHN"), goods_mask(world)
    for n in members:
        for i in members:
            if i != n:
                tau[n, i, goods] = world.tariff[n, chn, goods]
    return solve(world, Shock(tariff=tau, label="USMCA collapse (MFN proxy)"), closure=Closure(_CLOSURE), baseline=base)


@cache
def engine_threats(world: str | None = None, as_of: str | None = None) -> dict[str, object] | None:
    """The tariff war between USA and MEX and the US optimal tariff on a passive Mexico, or None.

    None when the engine has no strategic solvers (`palanca.model.tariff_war`, `optimal_tariff`); the
    caller then labels its fallback. Payoffs are relative to the USMCA reference, which is also the set
    of tariffs in force for everyone else.
    """
    import palanca.model as model

    tariff_war = getattr(model, "tariff_war", None)
    optimal_tariff = getattr(model, "optimal_tariff", None)
    if tariff_war is None or optimal_tariff is None:
        return None
    name = world or DEFAULT_WORLD
    w = _reference(name, as_of)[0]
    key = _key("threat-point", name, w.digest, ["tariff_war USA MEX", "optimal_tariff USA on MEX", _CLOSURE])
    hit = read_cached_arrays(key)
    if hit is not None:
        return hit
    world_obj, base, ref_hat = _reference(name, as_of)
    ref_shock = _build(_bilateral(name, 0.0, 0.0), name, as_of).shock
    try:
        war = tariff_war(world_obj, players=("USA", "MEX"), shock=ref_shock, baseline=base, throw=False)
        one = optimal_tariff(world_obj, "USA", ("MEX",), shock=ref_shock, baseline=base)
    except (TypeError, ConvergenceError):  # another signature, or a solve that failed: the caller's fallback
        return None
    rec = {
        "war_pct": list(_pct(war.equilibrium, ref_hat, world_obj)),
        "us_only_pct": list(_pct(one.equilibrium, ref_hat, world_obj)),
        "tariffs": {"USA_on_MEX": float(war.tariffs["USA"]), "MEX_on_USA": float(war.tariffs["MEX"])},
        "us_optimal_tariff": float(one.tariff),
        "converged": bool(war.converged and one.converged),
    }
    if rec["converged"]:
        write_cached_arrays(key, rec)
    return rec
