r"""The one uncertainty module: Monte Carlo draws over the trade elasticities and one band summary.

Every Monte Carlo of palanca (`palanca.leverage`, `palanca.sweep`) draws its elasticities here, so
the same seed gives the same draws, and the same band, everywhere.

Draw ``d`` (0, 1, 2, …) of seed ``s`` uses its own generator ``numpy.random.default_rng([s, d])``:
a draw does not depend on how draws are chunked, ordered or spread over workers. A draw has two
layers of uncertainty:

1. **Set uncertainty.** One of the :math:`K` published elasticity sets stored with the world
   (Caliendo–Parro 2015, Bagwell–Staiger–Yurukoglu 2021, Fontagné–Guimbard–Orefice 2022,
   Giri–Yi–Yilmazkuday 2021, Lashkaripour–Lugovskyy 2023, Shapiro 2016, the tariffwar in-sample
   set, uniform 4) is drawn with equal probability :math:`1/K` (judgement: no set dominates on the
   evidence). Off (``span_sets=False``) or on a world without sets, the centre is the world's own
   :math:`\theta`.
2. **Within-set noise.** :math:`\theta_j = \bar\theta_j \exp(\sigma z_j)`, :math:`z_j` independent
   standard normal: a lognormal with :math:`\sigma` log-points of estimation error around the
   drawn set (0.25 by default, about the standard error of the better-estimated sectors in the
   published tables).

A draw whose solve does not converge is retried once from a cold start (no warm start, a larger
iteration cap; the solver itself falls back from Anderson mixing to plain damping to
Newton–Krylov). A draw that still fails is *counted and named*, never dropped silently:
`MonteCarlo.failed` lists it and ``converged_draws`` is below ``draws``. Only when more than
`MAX_FAILED_SHARE` of the draws fail does `check_failures` raise.

The band is the 5th, 50th and 95th percentiles of the converged draws (`band`, the one percentile
summary of palanca); `spread_by_set` gives the answer under each set beside it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from palanca.errors import ConvergenceError, MonteCarloError, ScenarioError, WorldValidationError
from palanca.model import Closure, Equilibrium, Shock, SolverOptions, World, solve
from palanca.model._solver_draws import ThetaSolver

__all__ = [
    "DEFAULT_SIGMA",
    "DRAW_TOL",
    "MAX_DRAWS",
    "MAX_FAILED_SHARE",
    "MAX_SIGMA",
    "PERCENTILES",
    "DrawSolver",
    "ElasticityPrior",
    "MonteCarlo",
    "band",
    "check_draws",
    "check_failures",
    "check_sigma",
    "elasticity_prior",
    "run_draws",
    "solve_draw",
    "usable_real_income",
]

#: Log-standard deviation of the within-set noise.
DEFAULT_SIGMA = 0.25
#: A Monte Carlo fails as a whole only when more than this share of its draws fail to converge.
MAX_FAILED_SHARE = 0.25
#: The largest within-set noise accepted (log-points): exp(2) scales an elasticity by 7.4 either way
#: at one standard deviation, beyond any estimation error in the literature's elasticities.
MAX_SIGMA = 2.0
#: The most draws one Monte Carlo may ask for (the band's percentiles are stable long before).
MAX_DRAWS = 100_000
#: Tolerance of each draw's solve (the largest relative step; the central answer keeps the solver's default,
#: 1e-11): it moves a draw's real-income change by about 1e-7 percentage points and a band by less, far below
#: the two decimals reported, and saves a fifth of a Monte Carlo's time.
DRAW_TOL = 1e-9
#: The band: 5th, 50th and 95th percentiles.
PERCENTILES = (5.0, 50.0, 95.0)
#: A draw's retry: a cold start with a larger iteration cap (the solver's own fallbacks run inside).
_RETRY = SolverOptions(max_iter=20000)


def usable_real_income(real_income_hat: np.ndarray) -> bool:
    """Whether a draw's real-income changes can enter the band: all finite and positive."""
    return bool(np.all(np.isfinite(real_income_hat)) and np.all(real_income_hat > 0))


def solve_draw(
    base: World, shock: Shock, closure: Closure, theta: np.ndarray, *, retry: bool, initial: Equilibrium
) -> Equilibrium | None:
    """``shock`` on ``base`` re-based at elasticities ``theta``, as a `run_draws` attempt: warm-started
    from ``initial``, or on the retry from a cold start with a larger iteration cap; ``None`` where it
    did not converge to a usable real income."""
    wd = dataclasses.replace(base, theta=theta)
    if retry:
        e = solve(wd, shock, closure=closure, baseline=wd, options=_RETRY)
    else:
        e = solve(wd, shock, closure=closure, baseline=wd, initial=initial)
    return e if e.converged and usable_real_income(e.real_income_hat) else None


class DrawSolver:
    """``solve_theta`` for `run_draws`: one counterfactual on one baseline at many elasticities.

    A first attempt takes the solver's lean path (`palanca.model._solver_draws.ThetaSolver`, at
    `DRAW_TOL`, warm-started from ``central``), which gives what `solve` would and declines wherever
    `solve` would take another route; then, and on the retry, `solve_draw` runs as before. Each call
    returns the real-income change (%) of the countries at ``idx``, or ``None``. ``iterations`` and
    ``residual`` keep the largest of the draws solved so far (starting from ``central``'s).
    """

    def __init__(self, base: World, shock: Shock, closure: Closure, central: Equilibrium, idx: np.ndarray):
        self.base, self.shock, self.closure, self.central = base, shock, closure, central
        self.idx = np.asarray(idx, dtype=np.int64)
        self.lean = ThetaSolver(base, shock, closure=closure, options=SolverOptions(tol=DRAW_TOL))
        self.solves = 0
        self.iterations = int(central.iterations)
        self.residual = float(central.residual)

    def __call__(self, theta: np.ndarray, retry: bool) -> np.ndarray | None:
        self.solves += 1
        if not retry:
            r = self.lean.answer(theta, initial=self.central)
            if r is not None and usable_real_income(r.real_income_hat):
                self._record(r.iterations, r.residual)
                return 100.0 * (r.real_income_hat[self.idx] - 1.0)
        e = solve_draw(self.base, self.shock, self.closure, theta, retry=retry, initial=self.central)
        if e is None:
            return None
        self._record(e.iterations, e.residual)
        return 100.0 * (e.real_income_hat[self.idx] - 1.0)

    def _record(self, iterations: int, residual: float) -> None:
        self.iterations = max(self.iterations, int(iterations))
        self.residual = max(self.residual, float(residual))


@dataclass(frozen=True)
class ElasticityPrior:
    """The distribution the elasticity draws come from (module docstring).

    Attributes
    ----------
    centre : ndarray, length J
        The world's own elasticities (centre of the noise when sets are not spanned).
    sets : tuple of (str, ndarray)
        Named elasticity sets, each of length J, on the same scale as ``centre``.
    sigma : float
        Log-standard deviation of the within-set noise (≥ 0).
    span_sets : bool
        Draw the set (set uncertainty) as well as the noise.
    """

    centre: np.ndarray
    sets: tuple[tuple[str, np.ndarray], ...]
    sigma: float
    span_sets: bool = True

    def __post_init__(self) -> None:
        c = np.asarray(self.centre, dtype=np.float64)
        if c.ndim != 1 or not np.all(c > 0):
            raise ScenarioError(f"elasticity centre: need a 1-d array of positive values; got {c}.")
        check_sigma(self.sigma)
        for name, v in self.sets:
            if np.shape(v) != c.shape or not np.all(np.asarray(v) > 0):
                raise ScenarioError(f"elasticity set {name!r}: need {c.size} positive values; got {np.shape(v)}.")

    @property
    def spans_sets(self) -> bool:
        return self.span_sets and len(self.sets) > 0

    def draw(self, seed: int, d: int) -> tuple[np.ndarray, str | None]:
        """Draw ``d`` of ``seed``: the elasticities (length J) and the set they came from (``None``: centre)."""
        if seed < 0 or d < 0:
            raise ScenarioError(f"seed = {seed}, draw = {d}: both must be ≥ 0.")
        rng = np.random.default_rng([seed, d])
        code = None
        centre = np.asarray(self.centre, dtype=np.float64)
        if self.spans_sets:
            k = int(rng.integers(len(self.sets)))
            code, centre = self.sets[k][0], np.asarray(self.sets[k][1], dtype=np.float64)
        return centre * np.exp(self.sigma * rng.standard_normal(centre.size)), code


def check_sigma(sigma: float) -> None:
    """Refuse a within-set noise that is not finite, negative, or above `MAX_SIGMA`."""
    if not (np.isfinite(sigma) and 0 <= sigma <= MAX_SIGMA):
        raise ScenarioError(
            f"sigma = {sigma}: the log-standard deviation of the elasticity noise must be between 0 and "
            f"{MAX_SIGMA:g} log-points; give e.g. --sigma 0.25 (the default)."
        )


def check_draws(draws: int) -> None:
    """Refuse a draw count below 0 or above `MAX_DRAWS`."""
    if not 0 <= draws <= MAX_DRAWS:
        raise ScenarioError(
            f"draws = {draws}: must be between 0 and {MAX_DRAWS:,}; give e.g. --draws 500 (the band is stable "
            "well before the maximum)."
        )


def elasticity_prior(
    theta: np.ndarray, sets: Mapping[str, np.ndarray], *, sigma: float = DEFAULT_SIGMA, span_sets: bool = True,
    scale: float = 1.0,
) -> ElasticityPrior:  # fmt: skip
    """The prior of a world with elasticities ``theta`` and stored ``sets`` (each times ``scale``,
    e.g. a sweep's ``theta_scale``)."""
    return ElasticityPrior(
        centre=np.asarray(theta, dtype=np.float64),
        sets=tuple((k, np.asarray(v, dtype=np.float64) * scale) for k, v in sets.items()),
        sigma=float(sigma),
        span_sets=span_sets,
    )


@dataclass(frozen=True)
class MonteCarlo:
    """The draws of one Monte Carlo: values of the converged draws and the draws that failed.

    Attributes
    ----------
    draw_ids : tuple of int
        The draws attempted, in order.
    samples : ndarray, converged draws x K
        The extracted values of each converged draw.
    sets : tuple of (str or None)
        The set each converged draw came from.
    failed : tuple of int
        Draws that did not converge even after the retry.
    retried : int
        Draws that needed the retry.
    """

    draw_ids: tuple[int, ...]
    samples: np.ndarray
    sets: tuple[str | None, ...]
    failed: tuple[int, ...]
    retried: int = 0

    @property
    def draws(self) -> int:
        return len(self.draw_ids)

    @property
    def converged_draws(self) -> int:
        return int(self.samples.shape[0])

    def spread_by_set(self) -> dict[str, np.ndarray]:
        """Median over the converged draws of each set (set -> length-K array)."""
        out: dict[str, np.ndarray] = {}
        for code in dict.fromkeys(s for s in self.sets if s is not None):
            rows = [k for k, s in enumerate(self.sets) if s == code]
            out[code] = np.median(self.samples[rows], axis=0)
        return out

    def to_dict(self) -> dict[str, object]:
        return {
            "draws": self.draws,
            "converged_draws": self.converged_draws,
            "failed_draws": list(self.failed),
            "retried_draws": self.retried,
        }


def band(samples: np.ndarray, central: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """5th, 50th and 95th percentiles over the draws (rows); the central value when there are none."""
    s = np.asarray(samples, dtype=np.float64)
    c = np.asarray(central, dtype=np.float64)
    if s.size == 0:
        return c, c, c
    lo, med, hi = np.percentile(s.reshape(s.shape[0], -1), PERCENTILES, axis=0)
    return lo.reshape(c.shape), med.reshape(c.shape), hi.reshape(c.shape)


def run_draws(
    solve_theta: Callable[[np.ndarray, bool], np.ndarray | None],
    prior: ElasticityPrior,
    seed: int,
    draws: Iterable[int],
    *,
    progress: Callable[[int, int], None] | None = None,
    max_failures: int | None = None,
) -> MonteCarlo:
    """Solve each draw with ``solve_theta(theta, retry)`` and collect what it returns.

    ``solve_theta`` returns the values to keep (a 1-d array) or ``None`` when the solve did not
    converge (it may also raise `ConvergenceError`, or `WorldValidationError` for elasticities a
    world rejects, e.g. an overflow to infinity); it is called again with ``retry=True`` once
    (the caller's cold-start fallback) before the draw is counted as failed.

    With ``max_failures``, the run stops with `MonteCarloError` as soon as more draws than that have
    failed (the verdict of `check_failures` on the whole run is then known). At most `MAX_DRAWS`.
    """
    if hasattr(draws, "__len__"):
        check_draws(len(draws))  # type: ignore[arg-type]
    ids = list(draws)
    check_draws(len(ids))
    rows: list[np.ndarray] = []
    codes: list[str | None] = []
    failed: list[int] = []
    retried = 0
    for k, d in enumerate(ids):
        theta, code = prior.draw(seed, d)
        values = _attempt(solve_theta, theta, False)
        if values is None:
            retried += 1
            values = _attempt(solve_theta, theta, True)
        if values is None:
            failed.append(d)
            if max_failures is not None and len(failed) > max_failures:
                raise MonteCarloError(
                    f"{len(failed)} of the first {k + 1} of {len(ids)} elasticity draws did not converge "
                    f"(at most {max_failures} may fail, {MAX_FAILED_SHARE:.0%}), so the run stops: with sigma = "
                    f"{prior.sigma} some draws give elasticities the equilibrium cannot absorb. Use a smaller "
                    "--sigma (0.25 is the default)."
                )
        else:
            rows.append(values)
            codes.append(code)
        if progress is not None:
            progress(k + 1, len(ids))
    width = rows[0].size if rows else 0
    samples = np.array(rows, dtype=np.float64).reshape(len(rows), width)
    return MonteCarlo(draw_ids=tuple(ids), samples=samples, sets=tuple(codes), failed=tuple(failed), retried=retried)


def _attempt(solve_theta, theta: np.ndarray, retry: bool) -> np.ndarray | None:
    try:
        out = solve_theta(theta, retry)
    except (ConvergenceError, WorldValidationError):  # no equilibrium, or elasticities the world rejects
        return None
    if out is None:
        return None
    out = np.asarray(out, dtype=np.float64).ravel()
    return out if np.all(np.isfinite(out)) else None


def check_failures(failed: int, draws: int, *, sigma: float, limit: float = MAX_FAILED_SHARE) -> None:
    """Raise when more than ``limit`` of ``draws`` failed; otherwise the failures are only reported.

    Raises
    ------
    MonteCarloError
        Naming the count, the share allowed and the fix.
    """
    if draws > 0 and failed / draws > limit:
        raise MonteCarloError(
            f"{failed} of {draws} elasticity draws did not converge ({failed / draws:.0%}; at most {limit:.0%} "
            f"may fail): with sigma = {sigma} some draws give elasticities the equilibrium cannot absorb. "
            "Use a smaller --sigma (0.25 is the default)."
        )
