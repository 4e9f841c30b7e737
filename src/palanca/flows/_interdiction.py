"""Wood's (1993) maximum-flow network interdiction as a mixed-integer program (pyomo + HiGHS).

A network with source :math:`s`, sink :math:`t`, arc capacities :math:`u_k` and interdiction costs
:math:`r_k`; the interdictor removes arcs within a budget :math:`R` to minimise the maximum flow
that can still be sent (the smuggler's best response). By max-flow/min-cut duality the problem is
the single MIP (Wood 1993, "Deterministic network interdiction", *Mathematical and Computer
Modelling* 17(2): 1–18, formulation MXFI):

.. math::

    \\min_{\\alpha,\\beta,\\gamma} \\sum_k u_k \\beta_k \\quad \\text{s.t.}\\quad
    \\alpha_j - \\alpha_i - \\beta_k - \\gamma_k \\le 0 \\;\\; \\forall k = (i, j),\\qquad
    \\alpha_s = 0,\\; \\alpha_t = 1,\\qquad \\sum_k r_k \\gamma_k \\le R,\\qquad
    \\alpha, \\beta, \\gamma \\in \\{0, 1\\},

where :math:`\\alpha_i = 1` puts node i on the sink side of the cut, :math:`\\beta_k = 1` counts a
cut arc's capacity and :math:`\\gamma_k = 1` interdicts it. Arcs with infinite interdiction cost
cannot be interdicted; infinite capacities are replaced by the sum of the finite ones plus one.

pyomo and highspy are optional (``pip install palanca[opt]``) and are imported only when the MIP is
solved. `calc_max_flow` (Edmonds–Karp) and `brute_force_interdiction` need only numpy.
"""

from __future__ import annotations

import itertools
from collections import deque
from dataclasses import dataclass

import numpy as np

from palanca.errors import ConvergenceError, ScenarioError

__all__ = [
    "InterdictionResult",
    "Network",
    "brute_force_interdiction",
    "calc_max_flow",
    "solve_interdiction",
]


@dataclass(frozen=True)
class Network:
    """A directed capacitated network.

    Attributes
    ----------
    nodes : tuple of str, N
    tail, head : ndarray(int), A
        Arc k runs from ``nodes[tail[k]]`` to ``nodes[head[k]]``.
    capacity : ndarray, A
        Arc capacities (``inf`` allowed).
    interdiction_cost : ndarray, A
        Cost of removing each arc (``inf`` = cannot be interdicted).
    source, sink : int
    unit : str
        Unit of capacities and flows.
    """

    nodes: tuple[str, ...]
    tail: np.ndarray
    head: np.ndarray
    capacity: np.ndarray
    interdiction_cost: np.ndarray
    source: int
    sink: int
    unit: str = ""

    def __post_init__(self) -> None:
        for name, dtype in (
            ("tail", np.int64),
            ("head", np.int64),
            ("capacity", float),
            ("interdiction_cost", float),
        ):
            arr = np.array(getattr(self, name), dtype=dtype)
            arr.setflags(write=False)
            object.__setattr__(self, name, arr)
        n, a = len(self.nodes), self.tail.size
        if not (self.head.size == self.capacity.size == self.interdiction_cost.size == a):
            raise ScenarioError("Network: tail, head, capacity and interdiction_cost must have one entry per arc")
        if a and (self.tail.min() < 0 or max(self.tail.max(), self.head.max()) >= n):
            raise ScenarioError(f"Network: arc endpoints must index the {n} nodes")
        if np.any(self.capacity < 0) or np.any(self.interdiction_cost < 0):
            raise ScenarioError("Network: capacities and interdiction costs must be ≥ 0")
        if self.source == self.sink or not (0 <= self.source < n and 0 <= self.sink < n):
            raise ScenarioError(f"Network: source and sink must be two different nodes; got {self.source}, {self.sink}")

    def arc_label(self, k: int) -> str:
        return f"{self.nodes[self.tail[k]]} → {self.nodes[self.head[k]]}"


def calc_max_flow(n_nodes: int, tail: np.ndarray, head: np.ndarray, cap: np.ndarray, s: int, t: int) -> float:
    """Maximum s–t flow by Edmonds–Karp (shortest augmenting paths); float capacities, ``inf`` allowed."""
    big = float(np.sum(cap[np.isfinite(cap)])) + 1.0
    residual = np.zeros((n_nodes, n_nodes))
    for i, j, c in zip(tail, head, np.where(np.isfinite(cap), cap, big), strict=True):
        residual[i, j] += c
    value = 0.0
    while True:
        parent = np.full(n_nodes, -1)
        parent[s] = s
        queue = deque([s])
        while queue and parent[t] < 0:
            i = queue.popleft()
            for j in np.flatnonzero((residual[i] > 1e-12) & (parent < 0)):
                parent[j] = i
                queue.append(int(j))
        if parent[t] < 0:
            return min(value, big) if value < big else float("inf")
        path, j = [], t
        while j != s:
            path.append((parent[j], j))
            j = parent[j]
        push = min(residual[i, j] for i, j in path)
        for i, j in path:
            residual[i, j] -= push
            residual[j, i] += push
        value += float(push)


@dataclass(frozen=True)
class InterdictionResult:
    """The optimal interdiction plan and the flows before and after."""

    network: Network
    budget: float
    interdicted: tuple[int, ...]
    max_flow_before: float
    max_flow_after: float
    method: str

    @property
    def reduction_pct(self) -> float:
        return 100 * (1 - self.max_flow_after / self.max_flow_before) if self.max_flow_before > 0 else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "budget": self.budget,
            "method": self.method,
            "unit": self.network.unit,
            "max_flow_before": float(self.max_flow_before),
            "max_flow_after": float(self.max_flow_after),
            "reduction_pct": float(self.reduction_pct),
            "interdicted": [self.network.arc_label(k) for k in self.interdicted],
        }


def _check_budget(budget: float) -> None:
    if not (np.isfinite(budget) and budget >= 0):
        raise ScenarioError(
            f"budget must be a finite number ≥ 0 (arcs the interdictor can remove); got {budget!r}. "
            "Use e.g. --budget 2."
        )


def _flow_without(net: Network, removed: tuple[int, ...]) -> float:
    cap = np.array(net.capacity, copy=True)
    cap[list(removed)] = 0.0
    return calc_max_flow(len(net.nodes), net.tail, net.head, cap, net.source, net.sink)


def brute_force_interdiction(net: Network, budget: float) -> InterdictionResult:
    """Exact interdiction by enumerating every affordable set of arcs (small networks only: tests)."""
    _check_budget(budget)
    candidates = [k for k in range(net.tail.size) if np.isfinite(net.interdiction_cost[k])]
    before = _flow_without(net, ())
    best, best_set = before, ()
    for size in range(1, len(candidates) + 1):
        for subset in itertools.combinations(candidates, size):
            if net.interdiction_cost[list(subset)].sum() <= budget + 1e-9:
                value = _flow_without(net, subset)
                if value < best - 1e-9:
                    best, best_set = value, subset
    return InterdictionResult(net, float(budget), tuple(best_set), before, best, "brute force")


def _import_pyomo():
    try:
        import pyomo.environ as pyo
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise ImportError(
            "network interdiction needs pyomo and highspy, which are optional: pip install 'palanca[opt]'"
        ) from None
    try:
        import highspy  # noqa: F401
    except ImportError:  # pragma: no cover
        raise ImportError("network interdiction needs the HiGHS solver (highspy): pip install 'palanca[opt]'") from None
    return pyo


def solve_interdiction(net: Network, budget: float, *, time_limit_s: float = 60.0) -> InterdictionResult:
    """Solve Wood's MXFI (module docstring) with HiGHS through pyomo; verify the value by max flow.

    Raises
    ------
    ImportError
        If pyomo or highspy is missing (install ``palanca[opt]``).
    ConvergenceError
        If HiGHS does not prove optimality within ``time_limit_s``.
    """
    _check_budget(budget)
    pyo = _import_pyomo()
    finite = np.isfinite(net.capacity)
    big = float(net.capacity[finite].sum()) + 1.0
    u = np.where(finite, net.capacity, big)
    arcs = range(net.tail.size)
    m = pyo.ConcreteModel()
    m.alpha = pyo.Var(range(len(net.nodes)), domain=pyo.Binary)
    m.beta = pyo.Var(arcs, domain=pyo.Binary)
    m.gamma = pyo.Var(arcs, domain=pyo.Binary)
    m.obj = pyo.Objective(expr=sum(float(u[k]) * m.beta[k] for k in arcs), sense=pyo.minimize)
    m.cut = pyo.Constraint(
        arcs,
        rule=lambda m, k: m.alpha[int(net.head[k])] - m.alpha[int(net.tail[k])] - m.beta[k] - m.gamma[k] <= 0,
    )
    m.alpha[net.source].fix(0)
    m.alpha[net.sink].fix(1)
    for k in arcs:
        if not np.isfinite(net.interdiction_cost[k]):
            m.gamma[k].fix(0)
    payable = [k for k in arcs if np.isfinite(net.interdiction_cost[k])]
    m.budget = pyo.Constraint(expr=sum(float(net.interdiction_cost[k]) * m.gamma[k] for k in payable) <= budget)
    solver = pyo.SolverFactory("appsi_highs")
    solver.config.time_limit = time_limit_s
    res = solver.solve(m, load_solutions=False)
    cond = res.solver.termination_condition
    if str(cond) != "optimal":
        raise ConvergenceError(
            f"HiGHS stopped with termination condition {cond} on the interdiction MIP; raise time_limit_s "
            f"(now {time_limit_s} s) or lower the budget",
            iterations=0,
            residual=float("nan"),
        )
    m.solutions.load_from(res)
    chosen = tuple(k for k in payable if pyo.value(m.gamma[k]) > 0.5)
    after = _flow_without(net, chosen)
    # drop arcs the optimum does not need (a cut that removes nothing is reported as no cut)
    for k in chosen:
        rest = tuple(j for j in chosen if j != k)
        if _flow_without(net, rest) <= after + 1e-9 * max(1.0, after):
            chosen = rest
    before = _flow_without(net, ())
    return InterdictionResult(net, float(budget), chosen, before, after, "MIP (Wood 1993) via pyomo + HiGHS")
