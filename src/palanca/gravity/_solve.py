"""One entry point for a structural-gravity experiment: `solve_gravity(baseline, changes)`."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Mapping

import pandas as pd

from palanca._inputs import RunInputs
from palanca.data import gravity_arrays
from palanca.errors import WorldValidationError
from palanca.gravity._baseline import CONSTANT_NAMES, GravityBaseline, gravity_baseline
from palanca.gravity._experiment import CostChange, calc_cost_index_hat
from palanca.gravity._results import GravityResults
from palanca.model import Closure, Shock, SolverOptions, solve_from

__all__ = ["GRAVITY_CLOSURES", "gravity_experiment", "solve_gravity"]

#: The closures that make sense for one-sector structural gravity.
GRAVITY_CLOSURES = (Closure.CONDITIONAL, Closure.OUTPUT_MULTIPLE)


def solve_gravity(
    baseline: GravityBaseline,
    changes: Iterable[CostChange] = (),
    *,
    closure: Closure = Closure.OUTPUT_MULTIPLE,
    options: SolverOptions | None = None,
    label: str = "",
) -> GravityResults:
    r"""Solve a cost-variable experiment on the gravity baseline with palanca's engine.

    The cost changes give :math:`\hat t_{ij}^{1-\sigma}`; with :math:`\theta = \sigma - 1` the
    engine's iceberg change is :math:`\hat d_{ij} = (\hat t_{ij}^{1-\sigma})^{-1/\theta}`, and the
    counterfactual is ``solve_from(baseline.world, Shock(trade_cost_hat=d_hat), closure=closure,
    options=SolverOptions(numeraire=reference_importer))``: the reference importer's consumer
    price (its inward multilateral resistance) is the numeraire.

    Parameters
    ----------
    baseline : GravityBaseline
    changes : iterable of CostChange
        Cost-variable changes (see `parse_cost_change`); none is the no-change experiment.
    closure : Closure
        ``Closure.OUTPUT_MULTIPLE`` (default) is the full-endowment GE, the fixed point of Yotov
        et al.'s (2016) iterative procedure (output and expenditure revalued until converged).
        ``Closure.CONDITIONAL`` reproduces gegravity 0.3's ``OneSectorGE.simulate()`` exactly:
        one round, the conditional GE with the factory-gate prices implied by the outward
        multilateral resistances (for comparison with gegravity).
    options : SolverOptions, optional
        Its ``numeraire`` is replaced by the reference importer.

    Raises
    ------
    WorldValidationError
        If ``closure`` is not one of `GRAVITY_CLOSURES`.
    ConvergenceError
        If the engine does not converge (and ``options.throw``).
    """
    if closure not in GRAVITY_CLOSURES:
        raise WorldValidationError(
            f"closure {closure.value!r} is not a structural-gravity closure; use "
            f"{' or '.join(c.value for c in GRAVITY_CLOSURES)}."
        )
    changes = tuple(changes)
    opts = options or SolverOptions()
    if opts.numeraire != baseline.reference_importer:
        opts = dataclasses.replace(opts, numeraire=baseline.reference_importer)
    t_hat = calc_cost_index_hat(baseline.data, dict(baseline.coefficients), changes)
    theta = baseline.sigma - 1.0
    d_hat = t_hat ** (-1.0 / theta)
    label = label or ("; ".join(str(c) for c in changes) or "no change")
    eq = solve_from(
        baseline.world,
        Shock(trade_cost_hat=d_hat[:, :, None], label=label),
        closure=closure,
        options=opts,
    )
    return GravityResults(baseline=baseline, equilibrium=eq, cost_index_hat=t_hat, label=label)


def gravity_experiment(
    table: pd.DataFrame,
    coefficients: Mapping[str, float],
    changes: Iterable[CostChange] = (),
    *,
    sigma: float,
    reference_importer: str,
    year: str | int | None = None,
    closure: Closure = Closure.OUTPUT_MULTIPLE,
    source: str = "",
) -> GravityResults:
    """Baseline and experiment in one call (what ``palanca gravity solve`` runs).

    The cost variables are the coefficient names (a constant is ignored); see `gravity_baseline`
    and `solve_gravity`.
    """
    names = [k for k in coefficients if k not in CONSTANT_NAMES]
    data = gravity_arrays(table, names, year=year, source=source)
    base = gravity_baseline(data, coefficients, sigma=sigma, reference_importer=reference_importer)
    changes = tuple(changes)
    result = solve_gravity(base, changes, closure=closure)
    params = {
        "source": source,
        "table_digest": table_digest(table),
        "coefficients": dict(coefficients),
        "changes": [dataclasses.asdict(c) for c in changes],
        "sigma": sigma,
        "reference_importer": reference_importer,
        "year": None if year is None else str(year),
        "closure": Closure(closure).value,
    }
    world = base.world
    return dataclasses.replace(
        result, inputs=RunInputs("gravity_experiment", params, world=world.name, world_digest=world.digest)
    )


def table_digest(table: pd.DataFrame) -> str:
    """SHA-256 of a gravity table's columns and values (order-sensitive), recorded in a result's inputs."""
    h = hashlib.sha256(repr(list(table.columns)).encode())
    h.update(pd.util.hash_pandas_object(table, index=False).to_numpy().tobytes())
    return h.hexdigest()
