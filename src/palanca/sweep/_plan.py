"""Which chunk of a sweep a worker computes next: the one policy of both executors (`palanca.sweep._pool`
on this machine, `palanca.sweep._dispatch` on a Dask cluster).

A point's chunks of draws need the point's prepared baseline (`palanca.sweep._point.PreparedPoint`), solved
once on one worker. A worker that frees up is given, in this order: a chunk of a point whose baseline it
holds; a new point, whose baseline it then solves; or a chunk of the point with the most chunks left
elsewhere, whose baseline must first be copied to it (which happens only near the end). Points differ in
cost (a larger tariff takes more iterations), so fixing each point's chunks to one worker up front would
let one worker end its share while another still had several chunks queued.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Container, Hashable, Sequence

__all__ = ["Plan"]


class Plan:
    """The chunks of ``n_points`` points not yet handed out, and the points each worker holds a baseline of."""

    def __init__(self, n_points: int, chunks: Sequence[Sequence[int]]) -> None:
        self._left = {k: deque(chunks) for k in range(n_points)}  # chunks of each point not yet handed out
        self._fresh = deque(range(n_points))  # points whose baseline no worker has been asked to solve
        self._home: dict[Hashable, deque[int]] = {}  # worker -> points whose baseline it holds

    def add_worker(self, worker: Hashable) -> None:
        self._home.setdefault(worker, deque())

    def next_for(self, worker: Hashable, copyable: Container[int] | None = None) -> tuple[str, int] | None:
        """What ``worker`` does next: ``("chunk", k)``, a chunk of point ``k``, whose baseline it holds;
        ``("prepare", k)``, solve point ``k``'s baseline (then its chunks: the worker now holds it); or
        ``("copy", k)``, get a copy of point ``k``'s baseline (``k`` among ``copyable``, default any point
        with chunks left); None when nothing is left that it could do."""
        mine = self._home[worker]
        while mine and mine[0] not in self._left:
            mine.popleft()
        if mine:
            return "chunk", mine[0]
        if self._fresh:
            k = self._fresh.popleft()
            mine.append(k)
            return "prepare", k
        elsewhere = [k for k in self._left if copyable is None or k in copyable]
        if not elsewhere:
            return None
        return "copy", max(elsewhere, key=lambda k: len(self._left[k]))

    def holds(self, worker: Hashable, k: int) -> None:
        """``worker`` now holds point ``k``'s baseline (a copy): its next chunks come from ``k`` first."""
        self._home[worker].appendleft(k)

    def has_chunks(self, k: int) -> bool:
        return k in self._left

    def take(self, k: int) -> Sequence[int]:
        """Hand out point ``k``'s next chunk."""
        chunk = self._left[k].popleft()
        if not self._left[k]:
            del self._left[k]
        return chunk
