"""Hand a sweep's tasks to Dask workers as they free up, keeping each point's draws where its baseline is.

Submitting every task at once lets Dask place each chunk beside its baseline when the baseline is solved,
long before it is known which worker will be done first, and Dask moves queued work only rarely.
`dispatch` therefore keeps at most ``nthreads + 1`` chunks submitted to each worker (one running, one
queued behind it, so a worker never waits for the client) and, each time one of a worker's chunks is
done, gives that worker its next chunk as `palanca.sweep._plan.Plan` says (a chunk of a point whose
baseline it holds, else a new point, else a chunk of the point with most chunks left elsewhere, whose
baseline Dask then copies). Each point's baseline is solved once. Tasks name their worker loosely
(``allow_other_workers``): if a worker leaves the cluster, the scheduler runs its tasks elsewhere;
workers that join are found within `REFRESH_S`, readied as the first ones were (`warm_worker`, a task
ahead of their chunks) and given work. A task that fails stops the sweep with its error, prefixed by
the grid point it belongs to.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from typing import Any

from palanca.errors import ScenarioError
from palanca.sweep._grid import point_key
from palanca.sweep._plan import Plan
from palanca.sweep._point import at_point, prepare_point, solve_draws, warm_worker

__all__ = ["REFRESH_S", "WAIT_FOR_WORKERS_S", "dispatch"]

#: How often (seconds) the list of the cluster's workers is read again.
REFRESH_S = 2.0
#: How long a sweep waits for a cluster that has no worker yet.
WAIT_FOR_WORKERS_S = 120.0


def dispatch(
    client: Any,
    tasks: Sequence[tuple[dict[str, float], tuple[Any, ...], float]],
    chunks: Sequence[Sequence[int]],
    seed: int,
    span_sets: bool,
    prepared: dict[str, Any],
) -> Iterator[tuple[dict[str, float], dict[str, Any]]]:
    """Yield ``(point, chunk result)`` as chunks finish; ``tasks[k] = (point, prepare args, sigma)``.

    ``prepared[point_key(point)]`` is set to the point's `prepare_point` future when it is submitted
    (the caller drops it once the point is saved, which frees the baseline on the worker).
    """
    from dask.distributed import as_completed

    keys = [point_key(point) for point, _, _ in tasks]

    plan = Plan(len(tasks), chunks)
    load: dict[str, int] = {}  # worker -> chunks submitted to it and not yet done
    cap: dict[str, int] = {}  # worker -> most chunks submitted to it at once
    where: dict[Any, tuple[str, int]] = {}  # chunk future -> (worker, point)
    done = as_completed(with_results=True, raise_errors=False)
    seen = [-float("inf")]
    readied: list[Any] = []  # warm-up tasks of workers that joined after the start (kept until the end)

    def refresh() -> None:
        if time.perf_counter() - seen[0] < REFRESH_S:
            return
        seen[0] = time.perf_counter()
        joined = bool(cap)  # the workers of the first look were readied by the caller
        for w, n in client.nthreads().items():
            if w not in cap:
                cap[w], load[w] = n + 1, 0
                plan.add_worker(w)
                if joined and tasks:  # ready it as the first ones were, ahead of its chunks
                    world, digest = tasks[0][1][0].world, tasks[0][1][3]
                    readied.append(client.submit(warm_worker, world, digest, pure=False, workers=[w], priority=10))
                feed(w)

    def feed(w: str) -> None:
        while load[w] < cap[w]:
            step = plan.next_for(w)
            if step is None:
                return
            what, k = step
            if what == "prepare":
                args = tasks[k][1]
                prepared[keys[k]] = client.submit(
                    prepare_point, *args, pure=False, workers=[w], allow_other_workers=True
                )
            # a "copy": Dask moves the baseline to this worker with the chunk
            f = client.submit(
                solve_draws, prepared[keys[k]], plan.take(k), seed, tasks[k][2], span_sets,
                pure=False, workers=[w], allow_other_workers=True,
            )  # fmt: skip
            where[f] = (w, k)
            load[w] += 1
            done.add(f)

    if not client.nthreads():
        try:
            client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS_S)
        except TimeoutError:
            raise ScenarioError(
                f"the Dask scheduler has had no worker for {WAIT_FOR_WORKERS_S:.0f} s: start workers with "
                "`dask worker tcp://SCHEDULER_HOST:PORT --nthreads 1` (docs/performance.md, a sweep on several "
                "machines) and run the sweep again; it resumes where it stopped."
            ) from None
    refresh()
    for f, out in done:
        w, k = where.pop(f)
        if f.status == "error":
            raise at_point(f.exception(), keys[k])
        for r in readied:  # a worker that joined with another copy of the world stops the sweep, as at the start
            if r.status == "error":
                raise r.exception()
        load[w] -= 1
        refresh()
        feed(w)
        yield tasks[k][0], out
