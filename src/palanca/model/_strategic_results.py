"""Results of `optimal_tariff` and `tariff_war` (read-only values with convergence diagnostics)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from palanca._inputs import RunInputs
from palanca.model._results import Equilibrium

__all__ = ["OptimalTariff", "TariffWar"]


@dataclass(frozen=True, eq=False)
class OptimalTariff:
    """The unilaterally optimal uniform tariff of ``imposer`` on ``targets``.

    Attributes
    ----------
    imposer : str
    targets : tuple of str
    tariff : float or dict of str to float
        Optimal uniform ad-valorem rate (fraction) on the targets' goods; with ``uniform=False``
        one rate per target.
    welfare_pct : dict of str to float
        Welfare change of every country at the optimum (`Equilibrium.welfare_hat`: the real-income
        change with fixed labour), percent of the baseline.
    equilibrium : Equilibrium
    converged : bool
        The scalar search met its tolerance and every solve converged.
    iterations : int
        Equilibrium evaluations used.
    at_bound : bool
        The optimum is at a search bound (widen ``bounds``).
    closed_form : float or None
        `calc_optimal_tariff_formula` at the optimum (one-sector worlds without IO links, all partners).
    seconds : float
    inputs : RunInputs or None
        The exact inputs of the call (world, baseline date, options), set by `palanca.optimal_tariff`;
        the store saves them as the run's parameters.
    """

    imposer: str
    targets: tuple[str, ...]
    tariff: float | dict[str, float]
    welfare_pct: dict[str, float]
    equilibrium: Equilibrium
    converged: bool
    iterations: int
    at_bound: bool
    closed_form: float | None
    seconds: float
    inputs: RunInputs | None = None

    @property
    def employment_pct(self) -> dict[str, float]:
        """Employment change of every country, percent (zero with fixed labour)."""
        eq = self.equilibrium
        return {c: 100.0 * (float(eq.employment_hat[k]) - 1.0) for k, c in enumerate(eq.world.countries)}

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record (what the CLI prints with ``--json`` and the store saves)."""
        tariff = self.tariff if isinstance(self.tariff, float) else dict(self.tariff)
        return {
            "imposer": self.imposer,
            "targets": list(self.targets),
            "tariff": tariff,
            "welfare_pct": dict(self.welfare_pct),
            "employment_pct": self.employment_pct,
            "converged": self.converged,
            "iterations": self.iterations,
            "at_bound": self.at_bound,
            "closed_form": self.closed_form,
            "seconds": self.seconds,
            "solver": _solver(self.equilibrium),
            "inputs": None if self.inputs is None else self.inputs.to_dict(),
        }


@dataclass(frozen=True, eq=False)
class TariffWar:
    """Nash equilibrium of uniform tariffs among ``players`` (others passive).

    Attributes
    ----------
    players : tuple of str
        Governments that best-respond.
    tariffs : dict of str to float
        Equilibrium uniform rate of each player (and of each fixed imposer) on its targets, fractions.
    targets : dict of str to tuple of str
        Whom each player taxes.
    welfare_pct : dict of str to float
        Welfare change of every country vs the baseline (`Equilibrium.welfare_hat`), percent.
    equilibrium : Equilibrium
    converged : bool
        No tariff moved by more than ``tol`` in the last round and every solve converged.
    iterations : int
        Rounds of best responses.
    max_change : float
        Largest tariff change in the last round (fraction).
    history : tuple of dict
        Tariffs after each round.
    evaluations : int
        Equilibrium solves used.
    seconds : float
    at_bound : tuple of str
        Players whose equilibrium rate lies at a search bound: their best response may lie outside
        ``bounds`` (widen them); the equilibrium is then one of the bounded game only.
    inputs : RunInputs or None
        The exact inputs of the call (world, baseline date, options), set by `palanca.tariff_war`;
        the store saves them as the run's parameters.
    """

    players: tuple[str, ...]
    tariffs: dict[str, float]
    targets: dict[str, tuple[str, ...]]
    welfare_pct: dict[str, float]
    equilibrium: Equilibrium
    converged: bool
    iterations: int
    max_change: float
    history: tuple[dict[str, float], ...]
    evaluations: int
    seconds: float
    at_bound: tuple[str, ...] = ()
    inputs: RunInputs | None = None

    @property
    def employment_pct(self) -> dict[str, float]:
        """Employment change of every country, percent (zero with fixed labour)."""
        eq = self.equilibrium
        return {c: 100.0 * (float(eq.employment_hat[k]) - 1.0) for k, c in enumerate(eq.world.countries)}

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record (what the CLI prints with ``--json`` and the store saves)."""
        return {
            "players": list(self.players),
            "tariffs": dict(self.tariffs),
            "targets": {k: list(v) for k, v in self.targets.items()},
            "welfare_pct": dict(self.welfare_pct),
            "employment_pct": self.employment_pct,
            "converged": self.converged,
            "iterations": self.iterations,
            "max_change": self.max_change,
            "history": [dict(h) for h in self.history],  # the tariffs after each round of best responses
            "evaluations": self.evaluations,
            "at_bound": list(self.at_bound),
            "seconds": self.seconds,
            "solver": _solver(self.equilibrium),
            "inputs": None if self.inputs is None else self.inputs.to_dict(),
        }


def _solver(eq: Equilibrium) -> dict[str, Any]:
    return {"converged": bool(eq.converged), "iterations": int(eq.iterations), "residual": float(eq.residual)}


def _welfare_pct(eq: Equilibrium) -> dict[str, float]:
    return {c: 100.0 * (float(eq.welfare_hat[k]) - 1.0) for k, c in enumerate(eq.world.countries)}
