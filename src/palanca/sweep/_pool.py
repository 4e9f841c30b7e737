"""The local executor of sweeps: worker processes fed chunk by chunk, each keeping the baselines of its points.

`LocalPool` starts ``workers`` processes (the ``spawn`` start method, each with the environment
`LOCAL_WORKER_ENV`: one BLAS thread and glibc's heap kept, see `palanca.sweep._run`) and talks to each
over its own pipes. On a machine whose every core runs a worker, the process that hands out the work
must cost next to nothing: a Dask scheduler and client in that process used 0.2-0.3 s of CPU in a
two-second sweep on two cores, taken from the workers. Here the parent only waits on the workers'
pipes between chunks.

`LocalPool.dispatch` hands out chunks as `palanca.sweep._plan.Plan` says (the policy of the Dask dispatch
too): at most `IN_FLIGHT` chunks are sent to a worker at once (one running, one queued, so a worker never
waits for the parent); each time one is done the worker is given its next chunk, first of a point whose
baseline it holds, else a new point (its baseline solved there, once), else a chunk of the point with the
most chunks left elsewhere, whose baseline the worker that solved it then copies to it (a thread of the worker
writes it to a scratch file while the worker computes; the solver's compiled kernels release the GIL). A point's
baselines are dropped from every worker once all its chunks are done.

A task that fails stops the sweep with its error, prefixed by its grid point; a worker that stops
(killed, out of memory) stops the sweep with a `ScenarioError` that says so. Workers ignore Ctrl-C:
the parent saves the finished points and then ends them.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any, NoReturn

from palanca.errors import ScenarioError
from palanca.sweep._grid import point_key
from palanca.sweep._plan import Plan
from palanca.sweep._point import at_point
from palanca.sweep._worker import serve

__all__ = ["IN_FLIGHT", "LocalPool"]

#: Chunks sent to one worker and not yet done, at most: one running and one queued behind it.
IN_FLIGHT = 2


class LocalPool:
    """``workers`` processes on this machine, each with its own task, copy and result pipes.

    Use as a context manager: ``with LocalPool(2, env) as pool: pool.run(fn, ...); pool.dispatch(...)``.
    ``env``: variables set in the workers' environment at their start (the allocator's are read then).
    """

    def __init__(self, workers: int, env: Mapping[str, str] | None = None) -> None:
        if workers < 1:
            raise ScenarioError(f"workers = {workers}: a local pool needs at least one worker.")
        self.workers = workers
        self.env = dict(env or {})
        self._procs: list[Any] = []
        self._tasks: list[Connection] = []
        self._fetches: list[Connection] = []
        self._results: list[Connection] = []
        self._tid = itertools.count()
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        self._broken = False  # a call stopped half-way: replies may still be in the pipes

    @property
    def names(self) -> list[str]:
        return [f"local-{i}" for i in range(len(self._procs))]

    def __enter__(self) -> LocalPool:
        ctx = multiprocessing.get_context("spawn")
        self._scratch = tempfile.TemporaryDirectory(prefix="palanca-sweep-")
        saved = {k: os.environ.get(k) for k in self.env}
        os.environ.update(self.env)  # a spawned process starts with this process's environment
        # Ctrl-C while a worker starts would print its traceback: blocked here (the mask is inherited) until
        # the worker ignores it; pressed meanwhile, it reaches this process when the mask is restored.
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}) if hasattr(signal, "pthread_sigmask") else None
        try:
            for i in range(self.workers):
                task_r, task_w = ctx.Pipe(duplex=False)
                fetch_r, fetch_w = ctx.Pipe(duplex=False)
                res_r, res_w = ctx.Pipe(duplex=False)
                args = (task_r, fetch_r, res_w, self._scratch.name)
                proc = ctx.Process(target=serve, args=args, name=f"palanca-sweep-{i}", daemon=True)
                proc.start()
                for end in (task_r, fetch_r, res_w):  # the worker's ends: closed here, so a worker's exit reads as EOF
                    end.close()
                self._procs.append(proc)
                self._tasks.append(task_w)
                self._fetches.append(fetch_w)
                self._results.append(res_r)
        except BaseException:
            self.close(abort=True)
            raise
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
            if mask is not None:
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        return self

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        self.close(abort=exc_type is not None)

    def close(self, abort: bool = False) -> None:
        """End the workers: at once when ``abort`` (a chunk may be running), else after their current message."""
        for conn in (*self._tasks, *self._fetches):
            try:
                if not abort:
                    conn.send(None)
            except OSError:
                pass
        for proc in self._procs:
            if abort:
                proc.terminate()
            proc.join(timeout=5.0)
            if proc.is_alive():
                proc.kill()
                proc.join()
        for conn in (*self._tasks, *self._fetches, *self._results):
            conn.close()
        self._procs, self._tasks, self._fetches, self._results = [], [], [], []
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None

    # ------------------------------------------------------------------ messages
    def _send(self, w: int, message: tuple[Any, ...]) -> None:
        try:
            self._tasks[w].send(message)
        except OSError:
            self._stopped(w)

    def _receive(self) -> tuple[int, tuple[Any, ...]]:
        """The next message of any worker, as ``(worker, message)``; a worker that stopped raises."""
        conn = wait(self._results)[0]
        w = self._results.index(conn)  # type: ignore[arg-type]
        try:
            return w, conn.recv()  # type: ignore[union-attr]
        except (EOFError, OSError):
            self._stopped(w)

    def _stopped(self, w: int) -> NoReturn:
        proc = self._procs[w]
        proc.join(timeout=2.0)
        code = proc.exitcode
        how = f"was killed by signal {-code}" if code is not None and code < 0 else f"exited with code {code}"
        raise ScenarioError(
            f"sweep worker {self.names[w]} {how} while it worked (a worker killed by the system has often run out "
            "of memory: use fewer --workers). Points a sweep had finished are saved: run the same sweep again to "
            "resume."
        )

    def _check_usable(self) -> None:
        if not self._procs:
            raise ScenarioError("this LocalPool is not started: use it as `with LocalPool(n) as pool:`.")
        if self._broken:
            raise ScenarioError(
                "this LocalPool stopped in the middle of a call (an error or an interruption): open a new one."
            )

    def run(self, fn: Callable[..., Any], *args: Any) -> dict[str, Any]:
        """``fn(*args)`` on every worker (``fn`` importable by name); ``{worker name: result}``.

        The first worker's error (in worker order) is raised after every worker has answered.
        """
        self._check_usable()
        self._broken = True
        tids = {}
        for w in range(len(self._procs)):
            tid = next(self._tid)
            tids[tid] = w
            self._send(w, ("call", tid, fn, args))
        out: dict[int, Any] = {}
        errors: dict[int, BaseException] = {}
        while len(out) + len(errors) < len(tids):
            _, (status, tid, value) = self._receive()
            (out if status == "ok" else errors)[tids[tid]] = value
        self._broken = False  # every reply read
        if errors:
            raise errors[min(errors)]
        return {self.names[w]: out[w] for w in sorted(out)}

    # ------------------------------------------------------------------ a sweep's chunks
    def dispatch(
        self,
        tasks: Sequence[tuple[dict[str, float], tuple[Any, ...], float]],
        chunks: Sequence[Sequence[int]],
        seed: int,
        span_sets: bool,
    ) -> Iterator[tuple[dict[str, float], dict[str, Any]]]:
        """Yield ``(point, chunk result)`` as chunks finish; ``tasks[k] = (point, prepare args, sigma)``.

        A dispatch that does not run to its end (an error, or the caller stops early) leaves the pool unusable.
        """
        self._check_usable()
        self._broken = True
        n = len(self._procs)
        keys = [point_key(point) for point, _, _ in tasks]
        if len(set(keys)) != len(keys):
            raise ScenarioError(f"grid points {sorted(k for k in set(keys) if keys.count(k) > 1)} appear twice.")
        index = {key: k for k, key in enumerate(keys)}
        plan = Plan(len(tasks), chunks)
        undone = {k: len(chunks) for k in range(len(tasks))}  # chunks of each point not yet done
        holders: dict[int, set[int]] = {}
        owner: dict[int, int] = {}  # the worker that solved each point's baseline (the one asked for copies)
        solved: set[int] = set()  # points whose baseline is solved, and so can be copied
        load = [0] * n
        awaiting: list[int | None] = [None] * n  # the point a worker waits for a copy of
        jobs: dict[int, tuple[int, int, str]] = {}  # task id -> (worker, point, what)
        for w in range(n):
            plan.add_worker(w)

        def next_point(w: int) -> int | None:
            step = plan.next_for(w, copyable=solved)
            if step is None:
                return None
            what, k = step
            if what == "prepare":
                tid = next(self._tid)
                jobs[tid] = (w, k, "prepare")
                self._send(w, ("prepare", tid, keys[k], tasks[k][1]))
                holders[k], owner[k] = {w}, w
            elif what == "copy":  # ask the point's owner for a copy; this worker is fed when it arrives
                try:
                    self._fetches[owner[k]].send((keys[k], w))
                except OSError:
                    self._stopped(owner[k])
                awaiting[w] = k
                return None
            return k

        def feed() -> None:
            for w in range(n):
                while load[w] < IN_FLIGHT and awaiting[w] is None:
                    k = next_point(w)
                    if k is None:
                        break
                    tid = next(self._tid)
                    jobs[tid] = (w, k, "draws")
                    self._send(w, ("draws", tid, keys[k], (plan.take(k), seed, tasks[k][2], span_sets)))
                    load[w] += 1

        feed()
        while undone:
            w, message = self._receive()
            if message[0] == "copy":
                _, key, dest, path = message
                k = index[key]
                awaiting[dest] = None
                if path is None:  # the owner could not copy it: it computes the rest of the point itself
                    solved.discard(k)
                elif not plan.has_chunks(k):  # its chunks went elsewhere meanwhile
                    os.unlink(path)
                else:
                    tid = next(self._tid)
                    jobs[tid] = (dest, k, "put")
                    self._send(dest, ("put", tid, key, path))
                    holders[k].add(dest)
                    plan.holds(dest, k)
                feed()
                continue
            status, tid, value = message
            w, k, op = jobs.pop(tid)
            if status == "err":
                raise at_point(value, keys[k])
            if op == "prepare":
                solved.add(k)
            elif op == "draws":
                load[w] -= 1
                undone[k] -= 1
                if not undone[k]:
                    del undone[k]
                    for h in holders.pop(k):
                        self._send(h, ("drop", keys[k]))
            feed()
            if op == "draws":
                yield tasks[k][0], value
        while any(a is not None for a in awaiting) or jobs:  # replies still due: read here, not by the next call
            w, message = self._receive()
            if message[0] == "copy":
                awaiting[message[2]] = None
                if message[3] is not None:
                    os.unlink(message[3])
            elif message[0] == "err":
                raise at_point(message[2], keys[jobs[message[1]][1]])
            else:
                jobs.pop(message[1])
        self._broken = False
