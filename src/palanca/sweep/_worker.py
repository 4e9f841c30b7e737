"""The worker side of `palanca.sweep._pool.LocalPool`: the loop each worker process runs (`serve`) and the
functions `LocalPool.run` calls there to read a worker's state (`worker_log`, `cpu_usage`)."""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import os
import pickle
import resource
import signal
import sys
import threading
from multiprocessing.connection import Connection
from typing import Any

from palanca.sweep._point import prepare_point, solve_draws

__all__ = ["cpu_usage", "portable", "serve", "worker_log"]

#: What this process did as a pool worker: the points whose baselines it solved, chunks it computed, copies
#: of baselines it received (read by `worker_log`, through `LocalPool.run`).
_LOG: dict[str, Any] = {"prepared": [], "chunks": 0, "received": []}
#: The prepared points (`palanca.sweep._point.PreparedPoint`) this worker holds, by point key.
_CACHE: dict[str, Any] = {}


def worker_log() -> dict[str, Any]:
    """This worker's `_LOG` and the keys of the points it holds now (for `LocalPool.run`)."""
    return {**{k: list(v) if isinstance(v, list) else v for k, v in _LOG.items()}, "holds": sorted(_CACHE)}


def cpu_usage() -> tuple[float, float, int]:
    """This process's user and system CPU seconds and minor page faults (for `LocalPool.run`)."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime, r.ru_stime, r.ru_minflt


def portable(exc: BaseException) -> BaseException:
    """``exc`` if it survives a trip through pickle, else a RuntimeError with its type and message."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


def _die_with_parent() -> None:
    """Ask Linux to kill this process when the parent that started it dies (elsewhere: nothing).

    Linux sends it when the parent's *thread* that started the worker ends: open a `LocalPool` in the thread
    that uses it (as `palanca.sweep.sweep` does)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def serve(tasks: Connection, fetches: Connection, results: Connection, scratch: str) -> None:
    """A worker's loop: run what ``tasks`` sends, in order; a thread answers ``fetches``.

    A baseline copy (two worlds and a solve: megabytes) goes through a file in ``scratch``, not a pipe, so that no
    process ever blocks writing a large message to another that is itself waiting to write. The copy is
    pickled to memory first, under the GIL, and only then written out, so the worker's own solve cannot
    change an object while it is being copied. A worker whose parent has gone exits at once.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and ends the workers
    if hasattr(signal, "pthread_sigmask"):  # blocked by the parent while it started this process
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _die_with_parent()
    cache = _CACHE
    lock = threading.Lock()
    copies = itertools.count()

    def send(message: tuple[Any, ...]) -> None:
        try:
            with lock:
                results.send(message)
        except OSError:
            os._exit(0)  # the parent is gone: nobody to report to

    def copy_of(key: str) -> str | None:
        point = cache.get(key)
        if point is None:
            return None
        path = os.path.join(scratch, f"copy-{os.getpid()}-{next(copies)}.pickle")
        try:
            data = pickle.dumps(point, protocol=pickle.HIGHEST_PROTOCOL)
            with open(path, "wb") as f:
                f.write(data)
        except Exception:
            with contextlib.suppress(OSError):
                os.unlink(path)
            return None
        return path

    def serve_fetches() -> None:
        while True:
            try:
                request = fetches.recv()
            except (EOFError, OSError):
                return
            if request is None:
                return
            key, dest = request
            send(("copy", key, dest, copy_of(key)))  # always answered: None when there is no copy to give

    threading.Thread(target=serve_fetches, daemon=True).start()
    while True:
        try:
            message = tasks.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        op = message[0]
        if op == "drop":
            cache.pop(message[1], None)
            continue
        tid = message[1]
        try:
            if op == "call":
                value = message[2](*message[3])
            elif op == "prepare":
                cache[message[2]] = prepare_point(*message[3])
                _LOG["prepared"].append(message[2])
                value = None
            elif op == "put":
                with open(message[3], "rb") as f:
                    cache[message[2]] = pickle.load(f)
                os.unlink(message[3])
                _LOG["received"].append(message[2])
                value = None
            else:  # "draws"
                value = solve_draws(cache[message[2]], *message[3])
                _LOG["chunks"] += 1
        except BaseException as exc:  # SystemExit and the like too: reported, not the end of the worker
            reply: tuple[Any, ...] = ("err", tid, portable(exc))
        else:
            reply = ("ok", tid, value)
        try:
            send(reply)
        except Exception as exc:  # a result that does not pickle
            send(("err", tid, RuntimeError(f"the worker's result could not be sent back: {portable(exc)}")))
