r"""Optimal tariffs, optimal retaliation and tariff wars on the engine.

A government chooses a uniform ad-valorem tariff on its imports from a set of targets (in the
goods sectors) to maximise its real income, taking the other governments' tariffs as given; a
tariff war is the Nash equilibrium of such best responses among a set of players, the rest of the
world passive (Ossa 2014 [1]_, section 5; Lashkaripour 2021 [2]_). Best responses are found by a
bounded scalar search on the exact model (every evaluation is a full general-equilibrium solve),
the equilibrium by Gauss–Seidel iteration of best responses until no tariff moves by more than
``tol``.

In a one-sector world without input-output links the first-order condition of the unilaterally
optimal uniform tariff has the closed form of Ignatenko, Lashkaripour, Macedoni and Simonovska
(2025, [3]_, eq. for :math:`t^*` with :math:`\nu = 0`, :math:`\varphi = 1`)

.. math:: t_i^* = \frac{1}{\varepsilon\,\delta_i}, \qquad
          \delta_i = \frac{\sum_{j \ne i} X_{ij} (1 - \lambda_{ij})}{\sum_{j \ne i} X_{ji}},

with :math:`X_{ij}` the exports of i to j, :math:`\lambda_{ij}` i's share of j's spending and
:math:`\varepsilon = \theta` the trade elasticity; `calc_optimal_tariff_formula` evaluates it at
an equilibrium. With two countries and balanced trade it is exact at the optimum,
:math:`t^* = 1/(\theta\,\lambda_{jj})` (the inverse of the partner's export-supply elasticity; a
test checks the numerical optimum against an independent two-country solution to 1e-6). With trade
imbalances held fixed as a share of world GDP it is not exact even with two countries (in four random
two-country worlds with deficits of 1-33% of GDP the optimum differs from it by 0.5 to 8 percentage
points); with more countries it leaves out the response of third countries' wages (about 1% of the
rate in random balanced four-country worlds). The numerical optimum is the result; the formula is
a diagnostic.

References
----------
.. [1] R. Ossa, "Trade Wars and Trade Talks with Data", American Economic Review 104(12):
   4104–4146, 2014.
.. [2] A. Lashkaripour, "The Cost of a Global Tariff War: A Sufficient Statistics Approach",
   Journal of International Economics 131: 103419, 2021.
.. [3] A. Ignatenko, A. Lashkaripour, L. Macedoni and I. Simonovska, "Making America Great Again?
   The Economic Impacts of Liberation Day Tariffs", Journal of International Economics 157:
   104138, 2025.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from palanca.errors import ConvergenceError, WorldValidationError
from palanca.model._labour import Labour
from palanca.model._results import Equilibrium
from palanca.model._shock import Closure, Shock, SolverOptions
from palanca.model._solver import rebase, solve_from
from palanca.model._strategic_results import OptimalTariff, TariffWar, _welfare_pct
from palanca.model._world import World

__all__ = ["OptimalTariff", "TariffWar", "calc_optimal_tariff_formula", "optimal_tariff", "tariff_war"]

_MAX_TARIFF = 3.0


def _goods_sectors(world: World, sectors: Sequence[str] | None) -> np.ndarray:
    """Mask of the sectors a strategic tariff applies to: those named, else those with any tariff."""
    if sectors is not None:
        mask = np.zeros(world.n_sectors, dtype=bool)
        for s in sectors:
            mask[world.sector_index(s)] = True
        return mask
    mask = (world.tariff > 0).any(axis=(0, 1))
    return mask if mask.any() else world.tradable


#: How many of a game's most recent equilibria are kept (warm starts and the final answer need only these).
_RECENT = 4


@dataclass(frozen=True)
class _Game:
    """The fixed parts of a tariff game: baseline, starting tariffs, who taxes whom, where."""

    baseline: World
    start_tariff: np.ndarray
    targets: dict[int, tuple[int, ...]]
    sector_mask: np.ndarray
    closure: Closure
    options: SolverOptions
    labour: Labour | None = None
    owner: dict[int, int] = field(default_factory=dict)  # rate slot -> imposer (default: the slot itself)
    # Every rate vector solved -> its welfare changes (N); only the last few equilibria themselves are kept
    # (each holds N x N x J arrays: keeping all of a tariff war's solves took half a gigabyte on world2023).
    cache: dict[tuple[tuple[int, float], ...], np.ndarray] = field(default_factory=dict)
    recent: OrderedDict[tuple[tuple[int, float], ...], Equilibrium] = field(default_factory=OrderedDict)

    def tariff(self, rates: Mapping[int, float]) -> np.ndarray:
        tau = np.array(self.start_tariff, copy=True)
        for p, t in rates.items():
            for i in self.targets[p]:
                tau[self.owner.get(p, p), i, self.sector_mask] = t
        return tau

    @staticmethod
    def _key(rates: Mapping[int, float]) -> tuple[tuple[int, float], ...]:
        return tuple(sorted((p, round(float(t), 12)) for p, t in rates.items()))

    def solve(self, rates: Mapping[int, float], initial: Equilibrium | None = None) -> Equilibrium:
        key = self._key(rates)
        eq = self.recent.get(key)
        if eq is None:
            shock = Shock(tariff=self.tariff(rates), label="strategic tariffs")
            opts = SolverOptions(
                tol=self.options.tol,
                max_iter=self.options.max_iter,
                memory=self.options.memory,
                damping=self.options.damping,
                numeraire=self.options.numeraire,
                throw=True,
                fallback=self.options.fallback,
            )
            eq = solve_from(
                self.baseline, shock, closure=self.closure, options=opts, initial=initial, labour=self.labour
            )
            self.cache[key] = eq.welfare_hat
        self.recent[key] = eq
        self.recent.move_to_end(key)
        while len(self.recent) > _RECENT:
            self.recent.popitem(last=False)
        return eq

    def best_response(self, player: int, rates: dict[int, float], bounds: tuple[float, float], xtol: float):
        """The player's welfare-maximising uniform rate given the others' (bounded Brent search)."""
        from scipy import optimize

        last: list[Equilibrium] = []
        imposer = self.owner.get(player, player)

        def loss(t: float) -> float:
            rates_t = {**rates, player: float(t)}
            known = self.cache.get(self._key(rates_t))
            if known is not None:
                return -float(known[imposer])
            eq = self.solve(rates_t, initial=last[-1] if last else None)
            last[:] = [eq]
            return -float(eq.welfare_hat[imposer])

        res = optimize.minimize_scalar(loss, bounds=bounds, method="bounded", options={"xatol": xtol})
        t = float(res.x)
        # the bounded search never evaluates the end points: compare with them explicitly
        for edge in bounds:
            if loss(edge) < loss(t):
                t = float(edge)
        return t, bool(res.success), int(res.nfev)


def _setup(
    world: World,
    shock: Shock | None,
    targets: Mapping[int, tuple[int, ...]],
    sectors: Sequence[str] | None,
    closure: Closure,
    options: SolverOptions | None,
    baseline: World | None,
    labour: Labour | None = None,
) -> _Game:
    options = options or SolverOptions()
    base = baseline if baseline is not None else rebase(world, closure=closure, options=options)
    start = (shock or Shock.none()).tariff_or(base)
    return _Game(base, np.array(start), dict(targets), _goods_sectors(world, sectors), closure, options, labour)


def _check_bounds(bounds: tuple[float, float]) -> tuple[float, float]:
    lo, hi = float(bounds[0]), float(bounds[1])
    if not (-1.0 < lo < hi <= _MAX_TARIFF):
        raise WorldValidationError(
            f"bounds = {bounds}; tariff search bounds must satisfy -1 < low < high <= {_MAX_TARIFF} "
            "(fractions: (0, 1) searches 0% to 100%)."
        )
    return lo, hi


def calc_optimal_tariff_formula(eq: Equilibrium, imposer: int) -> float:
    r"""Closed-form optimal uniform tariff :math:`1/(\theta\,\delta_i)` evaluated at ``eq`` (one sector).

    Valid for one-sector worlds without input-output links (module docstring, [3]_); raises
    `WorldValidationError` otherwise.
    """
    w = eq.world
    if w.n_sectors != 1 or np.any(w.va_share < 1.0):
        raise WorldValidationError(
            f"the closed-form optimal tariff needs one sector without input-output links; world {w.name!r} has "
            f"{w.n_sectors} sectors. Use optimal_tariff() for the numerical optimum."
        )
    X = eq.trade_usd_m[:, :, 0]  # [destination, origin]
    lam = eq.trade_share[:, :, 0]
    i = imposer
    others = np.arange(w.n_countries) != i
    exports = X[others, i]
    imports = X[i, others]
    delta = float((exports * (1.0 - lam[others, i])).sum() / imports.sum())
    return 1.0 / (float(w.theta[0]) * delta)


def optimal_tariff(
    world: World,
    imposer: str,
    targets: Sequence[str] | None = None,
    *,
    uniform: bool = True,
    shock: Shock | None = None,
    sectors: Sequence[str] | None = None,
    closure: Closure = Closure.FIXED_DEFICIT,
    options: SolverOptions | None = None,
    bounds: tuple[float, float] = (0.0, 1.0),
    tol: float = 1e-5,
    baseline: World | None = None,
    labour: Labour | None = None,
) -> OptimalTariff:
    """The tariff on ``targets`` (default: every other economy) that maximises ``imposer``'s real income.

    Parameters
    ----------
    world : World
    imposer : str
        ISO3 code of the government choosing the tariff.
    targets : sequence of str, optional
        Economies whose goods are taxed; default all others.
    uniform : bool
        One rate on all targets (default; in one-sector models the optimum is uniform across
        partners, [2]_, [3]_), or one rate per target found by coordinate ascent (``False``;
        cost grows with the number of targets).
    shock : Shock, optional
        Other tariffs in force (the imposer's rates on the targets are replaced).
    sectors : sequence of str, optional
        Sectors taxed; default those with any tariff in the world (goods).
    closure, options, baseline, labour
        As for `solve`; with an employment margin the objective is `Equilibrium.welfare_hat`.
    bounds : (float, float)
        Search interval for the rate (fractions).
    tol : float
        Absolute tolerance on the rate.
    """
    t0 = time.perf_counter()
    lo, hi = _check_bounds(bounds)
    i = world.country_index(imposer)
    if targets:
        tgt = tuple(world.country_index(c) for c in targets)
    else:
        tgt = tuple(k for k in range(world.n_countries) if k != i)
    if i in tgt:
        raise WorldValidationError(f"targets include the imposer {imposer!r}; a country does not tax its own goods.")
    if uniform:
        game = _setup(world, shock, {i: tgt}, sectors, closure, options, baseline, labour)
        rate, ok, _ = game.best_response(i, {}, (lo, hi), tol)
        rates: dict[int, float] = {i: rate}
    else:
        # one rate per target: coordinate ascent (each rate a bounded search given the others)
        n = world.n_countries
        slots = {n + k: (k,) for k in tgt}
        game = _setup(world, shock, slots, sectors, closure, options, baseline, labour)
        game.owner.update({slot: i for slot in slots})
        rates = {slot: 0.0 for slot in slots}
        ok, change = True, np.inf
        for _ in range(20):
            change = 0.0
            for slot in slots:
                new, success, _ = game.best_response(slot, rates, (lo, hi), tol / 10)
                ok, change = ok and success, max(change, abs(new - rates[slot]))
                rates[slot] = new
            if change < tol:
                break
        ok = ok and change < tol
    eq = game.solve(rates)
    rate = rates[i] if uniform else {world.countries[slot - world.n_countries]: t for slot, t in rates.items()}
    closed = None
    if uniform and world.n_sectors == 1 and np.all(world.va_share >= 1.0) and len(tgt) == world.n_countries - 1:
        closed = calc_optimal_tariff_formula(eq, i)
    values = [rate] if uniform else list(rate.values())
    return OptimalTariff(
        imposer=world.countries[i],
        targets=tuple(world.countries[k] for k in tgt),
        tariff=rate,
        welfare_pct=_welfare_pct(eq),
        equilibrium=eq,
        converged=bool(ok and eq.converged),
        iterations=len(game.cache),
        at_bound=any(abs(v - lo) < 2 * tol or abs(v - hi) < 2 * tol for v in values),
        closed_form=closed,
        seconds=time.perf_counter() - t0,
    )


def tariff_war(
    world: World,
    players: Sequence[str] = ("USA", "MEX"),
    *,
    targets: str | Mapping[str, Sequence[str]] = "players",
    fixed: Mapping[str, float] | None = None,
    shock: Shock | None = None,
    sectors: Sequence[str] | None = None,
    closure: Closure = Closure.FIXED_DEFICIT,
    options: SolverOptions | None = None,
    bounds: tuple[float, float] = (0.0, 1.0),
    tol: float = 1e-4,
    max_rounds: int = 50,
    baseline: World | None = None,
    throw: bool = True,
    labour: Labour | None = None,
) -> TariffWar:
    """Nash equilibrium of best-responding uniform tariffs among ``players``; others keep their tariffs.

    Parameters
    ----------
    world : World
    players : sequence of str
        Governments that choose their tariff optimally given the others'.
    targets : "players", "all" or mapping
        Whom each player taxes: the other players and fixed imposers (default), every other economy
        (``"all"``), or an explicit mapping player -> ISO3 codes.
    fixed : mapping of str to float, optional
        Imposers whose uniform rate on the players is given and does not respond (optimal
        retaliation to a given tariff: ``fixed={"USA": 0.25}, players=("MEX",)``).
    shock : Shock, optional
        Tariffs in force besides the players' choices (e.g. the USTR schedule for optimal
        retaliation against it); the players' rates replace their rows on their targets.
    sectors, closure, options, baseline, labour
        As for `optimal_tariff`.
    bounds, tol, max_rounds
        Search interval, convergence tolerance on the rates, round cap.
    throw : bool
        Raise `ConvergenceError` when the rounds do not settle (default).
    """
    t0 = time.perf_counter()
    lo, hi = _check_bounds(bounds)
    fixed = dict(fixed or {})
    for code, rate in fixed.items():
        if not (np.isfinite(rate) and float(rate) > -1.0):
            raise WorldValidationError(
                f"fixed[{code!r}] = {rate}; a fixed tariff is a finite fraction above -1 (0.25 for 25%)."
            )
    pl = tuple(world.country_index(c) for c in players)
    fx = {world.country_index(c): float(t) for c, t in fixed.items()}
    if not pl:
        raise WorldValidationError("players is empty; name at least one ISO3 code, e.g. players=('USA', 'MEX').")
    if len(set(pl)) != len(pl) or set(pl) & set(fx):
        raise WorldValidationError(f"players {tuple(players)} and fixed {tuple(fixed)} must be distinct codes.")
    everyone = set(pl) | set(fx)
    tgt: dict[int, tuple[int, ...]] = {}
    for p in everyone:
        if isinstance(targets, str):
            if targets == "players":
                tgt[p] = tuple(sorted(everyone - {p})) if p in pl else pl
            elif targets == "all":
                tgt[p] = tuple(k for k in range(world.n_countries) if k != p)
            else:
                raise WorldValidationError(f"targets = {targets!r}; use 'players', 'all' or a mapping player -> codes.")
        else:
            named = targets.get(world.countries[p], None)
            tgt[p] = tuple(world.country_index(c) for c in named) if named else tuple(sorted(everyone - {p}))
        if not tgt[p]:
            raise WorldValidationError(f"{world.countries[p]} has no one to tax; add a second player or targets.")
    game = _setup(world, shock, tgt, sectors, closure, options, baseline, labour)
    rates: dict[int, float] = {**fx, **{p: 0.0 for p in pl}}
    history: list[dict[str, float]] = []
    change, ok, rounds = np.inf, True, 0
    while rounds < max_rounds:
        rounds += 1
        change = 0.0
        for p in pl:
            new, success, _ = game.best_response(p, rates, (lo, hi), tol / 10)
            ok = ok and success
            change = max(change, abs(new - rates[p]))
            rates[p] = new
        history.append({world.countries[p]: t for p, t in rates.items()})
        if change < tol or len(pl) == 1:
            change = 0.0 if len(pl) == 1 else change
            break
    eq = game.solve(rates)
    converged = bool(ok and change < tol and eq.converged)
    if not converged and throw:
        raise ConvergenceError(
            f"tariff war among {tuple(players)} did not settle: after {rounds} rounds of best responses the largest "
            f"tariff change was {change:.3g} (tol {tol:.1e}). Try a larger max_rounds, a wider tol or narrower bounds.",
            iterations=rounds,
            residual=float(change),
        )
    return TariffWar(
        players=tuple(world.countries[p] for p in pl),
        tariffs={world.countries[p]: t for p, t in rates.items()},
        targets={world.countries[p]: tuple(world.countries[k] for k in tgt[p]) for p in rates},
        welfare_pct=_welfare_pct(eq),
        equilibrium=eq,
        converged=converged,
        iterations=rounds,
        max_change=float(change),
        history=tuple(history),
        evaluations=len(game.cache),
        seconds=time.perf_counter() - t0,
        at_bound=tuple(world.countries[p] for p in pl if min(abs(rates[p] - lo), abs(rates[p] - hi)) < 2 * tol),
    )
