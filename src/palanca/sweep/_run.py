"""Run a sweep: grid points × Monte Carlo draws on Dask, streamed into the store, resumable.

The client process splits each unfinished grid point into chunks of draws, submits them to the
executor, and saves each finished point (one ``sweep_point`` run, one transaction), the points
finished since the last save together at most every `SAVE_EVERY_S` seconds (checked each time a chunk
finishes) and at the end, so the client is the store's only writer and an interrupted sweep loses at
most the points in flight and those finished in the last `SAVE_EVERY_S` seconds before the latest chunk
(an error or Ctrl-C saves the finished ones first).
Re-running the same sweep (same scenario, grid, draws, seed, sigma) skips saved points.

Before any task, every worker is readied once (`warm_worker`: the world loaded and its digest checked
against the client's, the compiled solver loaded), so a worker with another copy of the world stops the
sweep at once. Each grid point's baseline re-solve and central solve run once (one `prepare_point`
task, which checks the digest again); its chunks of draws depend on that task's result.

Executors: ``local`` (`palanca.sweep._pool.LocalPool`: ``workers`` processes on this machine, fed by
this process, which does nothing else while they compute), ``dask://HOST:PORT`` (an existing Dask
scheduler, e.g. of workers on several machines; `palanca.sweep._dispatch`), ``sync`` (in this process;
for tests). Dask is imported only for ``dask://`` (``pip install palanca[dask]``). A script that runs a
local sweep needs the ``if __name__ == "__main__":`` guard, since workers are started with ``spawn``.

Memory allocator: the local workers start with `LOCAL_WORKER_ENV` (a variable already set in this
process wins). Dask's nanny starts workers with ``MALLOC_TRIM_THRESHOLD_=65536``
(``distributed.nanny.pre-spawn-environ``), which also freezes glibc's mmap threshold at 128 KiB, so
every solver temporary above that size is a fresh ``mmap`` and its pages fault in again on each
use; for workers started with ``dask worker`` see ``docs/performance.md`` (`local_cluster_config` is the
configuration of a Dask ``LocalCluster`` that avoids it, used by ``bench/sweep.py``).
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from palanca._inputs import RunInputs
from palanca.analysis._uncertainty import DRAW_TOL, band, check_draws, check_failures, check_sigma
from palanca.errors import MissingDependencyError, ScenarioError, StoreError
from palanca.scenarios import Scenario
from palanca.store import RunRecord, done_point_keys, save_runs, save_sweep, scenario_to_toml
from palanca.sweep._dispatch import dispatch
from palanca.sweep._grid import Vary, apply_point, grid_points, point_key
from palanca.sweep._point import at_point, prepare_point, solve_draws, warm_worker
from palanca.sweep._pool import LocalPool

__all__ = ["SweepResult", "sweep"]

COUNTRIES = ("USA", "MEX", "CAN", "CHN")
#: Finished points are saved together at most this often (seconds): opening the store costs the client
#: about 30 ms, which on a busy machine is taken from the workers.
SAVE_EVERY_S = 2.0

#: Environment of local-cluster workers: one BLAS thread, and glibc's heap trimmed and mmapped only
#: above 64 MiB / 32 MiB, so that solver temporaries are reused from the heap.
LOCAL_WORKER_ENV = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "MALLOC_TRIM_THRESHOLD_": str(64 * 2**20),
    "MALLOC_MMAP_THRESHOLD_": str(32 * 2**20),
}


@dataclass(frozen=True)
class SweepResult:
    """What a sweep call did (the points themselves are in the store under ``sweep_id``)."""

    sweep_id: str
    n_points: int
    computed: int
    skipped: int
    solves: int
    wall_s: float
    run_ids: tuple[int, ...]
    compute_s: float = math.nan  # from the workers being ready (see warmup_s) to the last point saved
    # Readying the workers: each loads the world, checks its digest and loads the compiled solver, in parallel.
    warmup_s: float = 0.0
    # The exact inputs of the sweep (`palanca.RunInputs`); each saved point's parameters are these plus its point.
    inputs: RunInputs | None = None

    @property
    def compute_solves_per_s(self) -> float:
        return self.solves / self.compute_s if self.compute_s > 0 else math.nan

    @property
    def solves_per_s(self) -> float:
        return self.solves / self.wall_s if self.wall_s > 0 else math.nan

    @property
    def summary(self) -> str:
        return (
            f"sweep {self.sweep_id}: {self.n_points} points, {self.computed} computed, {self.skipped} already "
            f"in the store; {self.solves} solves in {self.wall_s:.1f} s ({self.solves_per_s:.1f} solves/s)"
        )


#: Dask configuration for sweeps on a Dask cluster (scheduler and workers): Dask balances work between workers (work
#: stealing) once a second by default, too rarely for tasks of a tenth of a second, so a worker that ended its
#: share early would wait while another still had several chunks queued; the workers' statistical profiler
#: (every thread sampled every 10 ms, for a dashboard) and the system monitors
#: take CPU time from the solves on a machine whose every core runs a worker.
LOCAL_DASK_CONFIG: dict[str, Any] = {
    "distributed.scheduler.work-stealing-interval": "100ms",
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.system-monitor.disk": False,
    "distributed.worker.memory.monitor-interval": "1s",
}


def local_cluster_config(env: dict[str, str] | None = None) -> dict[str, Any]:
    """The Dask configuration of a Dask ``LocalCluster`` for sweeps: `LOCAL_DASK_CONFIG` and the workers'
    environment ``env`` (default `local_worker_env`)."""
    if env is None:
        env = local_worker_env()
    return {"distributed.nanny.pre-spawn-environ": env, **LOCAL_DASK_CONFIG}


def local_worker_env() -> dict[str, str]:
    """The environment local workers start with: `LOCAL_WORKER_ENV`, where this process has not set a variable."""
    return {k: os.environ.get(k, v) for k, v in LOCAL_WORKER_ENV.items()}


@contextmanager
def _executor(executor: str | LocalPool, workers: int) -> Iterator[Any]:
    if isinstance(executor, LocalPool):  # already started by the caller
        yield executor
        return
    if executor == "sync":
        yield None
        return
    if executor == "local":
        with LocalPool(workers, local_worker_env()) as pool:
            yield pool
        return
    _check_executor(executor)
    try:
        from dask.distributed import Client
    except ImportError:
        raise MissingDependencyError("sweeps on Dask need the dask extra: pip install 'palanca[dask]'.") from None
    try:
        client = Client(executor.removeprefix("dask://"))
    except (OSError, TimeoutError) as exc:
        raise ScenarioError(
            f"--executor {executor!r}: no Dask scheduler answered ({exc}); start one with `dask scheduler` "
            "(docs/performance.md, a sweep on several machines) or use --executor local."
        ) from None
    with client:
        yield client


def _check_executor(executor: str | LocalPool) -> None:
    if isinstance(executor, LocalPool) or executor in ("local", "sync"):
        return
    if not isinstance(executor, str) or not executor.startswith("dask://") or not executor.removeprefix("dask://"):
        raise ScenarioError(f"--executor {executor!r}: use local, dask://HOST:PORT or sync.")


def _sweep_id(toml: str, spec: dict[str, Any]) -> str:
    h = hashlib.sha256(toml.encode())
    h.update(repr(sorted(spec.items())).encode())
    return h.hexdigest()[:16]


def sweep(
    scenario: Scenario,
    vary: Sequence[Vary],
    *,
    draws: int = 200,
    seed: int = 0,
    sigma: float = 0.25,
    span_sets: bool = True,
    executor: str | LocalPool = "local",
    workers: int = 2,
    chunk: int = 25,
    store: Any = None,
    progress: Callable[[int, int], None] | None = None,
) -> SweepResult:
    """Run ``scenario`` over the grid of ``vary`` with ``draws`` elasticity draws per point.

    Each saved point holds the central real-income change (%) of USA, MEX, CAN and CHN and the
    5/50/95 percentiles and mean over the draws (`palanca.analysis._uncertainty`: across the
    published elasticity sets as well as within-set noise unless ``span_sets`` is false). Its
    ``solver`` record: ``converged`` is the central solve's verdict; ``iterations`` and ``residual``
    are the largest over the central solve and the draws that converged (a draw that failed even
    on its retry is listed in ``failed_draws`` and enters neither). ``progress(done_points, total_points)``.
    """
    if draws < 0 or workers < 1 or chunk < 1:
        raise ScenarioError(
            f"draws = {draws}, workers = {workers}, chunk = {chunk}: need draws ≥ 0, workers ≥ 1, chunk ≥ 1."
        )
    check_draws(draws)
    check_sigma(sigma)
    _check_executor(executor)
    t0 = time.perf_counter()
    points = grid_points(vary)
    toml = scenario_to_toml(scenario)
    spec = {"vary": {v.name: list(v.values) for v in vary}, "draws": draws, "seed": seed, "sigma": sigma}
    if not span_sets:
        spec["span_sets"] = False
    sid = _sweep_id(toml, spec)
    save_sweep(sid, scenario.id, toml, spec, len(points), store)
    done = done_point_keys(sid, store)
    todo = [p for p in points if point_key(p) not in done]
    if progress:
        progress(len(points) - len(todo), len(points))
    from palanca.data import load_world

    digest = load_world(scenario.world).digest
    countries = [c for c in COUNTRIES if c in load_world(scenario.world).countries]
    inputs = RunInputs(
        "sweep",
        {"scenario": scenario.to_dict(), **spec, "span_sets": span_sets, "draw_tol": DRAW_TOL},
        world=scenario.world,
        world_digest=digest,
    )
    chunks = [list(range(k, min(k + chunk, draws))) for k in range(0, draws, chunk)] or [[]]
    pending: dict[str, list[dict[str, Any]]] = {}
    run_ids: list[int] = []
    unsaved: list[RunRecord] = []  # finished points not yet in the store (saved at most SAVE_EVERY_S apart)
    last_save = [time.perf_counter()]
    solves = 0

    def finish(p: dict[str, float], parts: list[dict[str, Any]], t_start: float) -> None:
        nonlocal solves
        samples = np.array([row for part in parts for row in part["samples"]]).reshape(-1, len(countries))
        central = parts[0]["central"]
        lo, med, hi = band(samples, np.asarray(central))
        mean = samples.mean(axis=0) if len(samples) else central
        failed = sorted(d for part in parts for d in part.get("failed", []))
        check_failures(len(failed), draws, sigma=sigma)
        ok = all(part["solver"]["converged"] for part in parts)
        solver = {
            "converged": ok,
            "iterations": max(part["solver"]["iterations"] for part in parts),
            "residual": max(part["solver"]["residual"] for part in parts),
        }
        n = 1 + sum(part["solves"] for part in parts)  # the central solve, once per point
        solves += n
        result = {
            "point": dict(p),
            "countries": [
                {
                    "country": c,
                    "real_income_pct": float(central[k]),
                    "low_pct": float(lo[k]),
                    "median_pct": float(med[k]),
                    "high_pct": float(hi[k]),
                    "mean_pct": float(mean[k]),
                }
                for k, c in enumerate(countries)
            ],
            "draws": draws,
            "converged_draws": len(samples),
            "failed_draws": failed,
            "solves": n,
            "solver": solver,
        }
        rec = RunRecord(
            kind="sweep_point",
            label=f"{scenario.id} [{point_key(p)}]",
            params={**inputs.to_dict(), "point": dict(p)},
            result=result,
            scenario_toml=toml,
            world=scenario.world,
            world_digest=digest,
            seed=seed,
            solver=solver,
            timings={"wall_s": time.perf_counter() - t_start},
            sweep_id=sid,
            point_key=point_key(p),
        )
        unsaved.append(rec)

    def flush() -> None:
        if unsaved:
            run_ids.extend(save_runs(unsaved, store))
            unsaved.clear()
            if progress:
                progress(len(points) - len(todo) + len(run_ids), len(points))
        last_save[0] = time.perf_counter()

    # nothing left to compute (every point saved): no workers started
    with _executor(executor, workers) if todo else contextlib.nullcontext() as client:
        warm_start = time.perf_counter()
        if todo:  # in this process too for `sync`, so that every executor solves on the same path
            if client is None:
                warm_worker(scenario.world, digest)
            else:
                client.run(warm_worker, scenario.world, digest)  # raises the first worker's error
        started = time.perf_counter()
        tasks = []
        for p in todo:
            sc, scale, sig = apply_point(scenario, p)
            tasks.append((p, (sc, scale, countries, digest), sigma if sig is None else sig))
        expected = {point_key(p): len(chunks) for p in todo}
        prepared: dict[str, Any] = {}  # a point's prepared baseline, dropped once its point is saved
        if client is None:

            def run_sync() -> Iterator[tuple[dict[str, float], dict[str, Any]]]:
                for p, prep_args, sig in tasks:
                    try:
                        prep = prepare_point(*prep_args)
                    except Exception as exc:
                        raise at_point(exc, point_key(p)) from None
                    for ch in chunks:
                        try:
                            part = solve_draws(prep, ch, seed, sig, span_sets)
                        except Exception as exc:
                            raise at_point(exc, point_key(p)) from None
                        yield p, part

            results = run_sync()
        elif isinstance(client, LocalPool):
            results = client.dispatch(tasks, chunks, seed, span_sets)
        else:
            results = dispatch(client, tasks, chunks, seed, span_sets, prepared)
        try:
            for p, out in results:
                key = point_key(p)
                pending.setdefault(key, []).append(out)
                if len(pending[key]) == expected[key]:
                    parts = sorted(pending.pop(key), key=lambda part: part["draws"][:1] or [-1])
                    prepared.pop(key, None)
                    finish(p, parts, started)
                if unsaved and time.perf_counter() - last_save[0] >= SAVE_EVERY_S:
                    flush()  # checked on every chunk, so a long point does not hold back the ones finished before it
        except BaseException:
            with contextlib.suppress(StoreError):  # keep the finished points; the first error is the one raised
                flush()
            raise
        flush()
        compute_s = time.perf_counter() - started
    return SweepResult(
        sweep_id=sid,
        n_points=len(points),
        computed=len(run_ids),
        skipped=len(points) - len(todo),
        solves=solves,
        wall_s=time.perf_counter() - t0,
        run_ids=tuple(run_ids),
        compute_s=compute_s,
        warmup_s=started - warm_start,
        inputs=inputs,
    )
