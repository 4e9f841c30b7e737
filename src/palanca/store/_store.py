"""The results store API: save, list, get, diff, export and delete runs.

Every run is written in one transaction (the run row and all its result rows commit together or
not at all), so a process killed mid-write leaves the store as it was. See `_schema` for how
readers and the one writer share the file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from palanca.errors import StoreCorruptError, StoreError
from palanca.store._location import resolve_store_path
from palanca.store._record import RunRecord, dumps, tidy_rows
from palanca.store._schema import classify_error, connect

__all__ = [
    "RunInfo",
    "StoredRun",
    "count_runs",
    "delete_run",
    "get_run",
    "list_runs",
    "list_sweep_points",
    "save_run",
    "save_runs",
]

StorePath = str | os.PathLike[str] | None
_INFO_COLS = "run_id, uid, kind, label, created_at, palanca_version, world, seed, wall_s, solver, sweep_id, point_key"
_RUN_COLS = f"{_INFO_COLS}, world_digest, scenario_toml, params, timings, result"


@dataclass(frozen=True)
class RunInfo:
    """One line of `list_runs`."""

    run_id: int
    uid: str
    kind: str
    label: str
    created_at: dt.datetime
    palanca_version: str
    world: str | None
    seed: int | None
    wall_s: float | None
    converged: bool | None
    sweep_id: str | None = None
    point_key: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "uid": self.uid,
            "kind": self.kind,
            "label": self.label,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "palanca_version": self.palanca_version,
            "world": self.world,
            "seed": self.seed,
            "wall_s": self.wall_s,
            "converged": self.converged,
            "sweep_id": self.sweep_id,
            "point_key": self.point_key,
        }


def _json_object(text: Any) -> dict[str, Any] | None:
    """A stored JSON-object column decoded, or ``None`` where it is not one (a damaged cell)."""
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def _brief(v: Any) -> Any:
    """A parameter for a one-line listing: a scenario record by its id (or name)."""
    if isinstance(v, Mapping):
        return v.get("id") or v.get("name") or json.dumps(v, default=str)
    return v


def _info(row: tuple[Any, ...]) -> RunInfo:
    # A damaged solver cell must not hide the other runs from `runs list`: its status is shown as unknown.
    solver = (_json_object(row[9]) or {}) if row[9] else {}
    return RunInfo(*row[:9], converged=solver.get("converged"), sweep_id=row[10], point_key=row[11])


def _decoded(run_id: int, path: Path, column: str, text: Any) -> dict[str, Any]:
    value = _json_object(text)
    if value is None:
        raise StoreCorruptError(
            f"store {path}: the {column} of run {run_id} is damaged (not a JSON object), so the run cannot be read. "
            f"The other runs are unaffected; `palanca runs delete {run_id}` removes this one."
        )
    return value


@dataclass(frozen=True)
class StoredRun:
    """A run read back: its info, full input, provenance and result (``result`` is the ``to_dict()`` record)."""

    info: RunInfo
    world_digest: str | None
    scenario_toml: str | None
    params: dict[str, Any]
    solver: dict[str, Any]
    timings: dict[str, float]
    result: dict[str, Any]
    rows: tuple[tuple[str, str, str, float | None, str | None], ...] = field(repr=False)

    @property
    def run_id(self) -> int:
        return self.info.run_id

    @property
    def kind(self) -> str:
        return self.info.kind

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.info.to_dict(),
            "world_digest": self.world_digest,
            "scenario_toml": self.scenario_toml,
            "params": self.params,
            "solver": self.solver,
            "timings": self.timings,
            "result": self.result,
        }

    @property
    def summary(self) -> str:
        i = self.info
        lines = [
            f"run {i.run_id} ({i.kind}) {i.label} — {i.created_at:%Y-%m-%d %H:%M:%S}, palanca {i.palanca_version}",
            f"  world {i.world or '-'} (digest {(self.world_digest or '-')[:12]}), seed {i.seed}, "
            f"wall {i.wall_s if i.wall_s is not None else float('nan'):.2f} s, solver {self.solver or '-'}",
            "  params: " + ", ".join(f"{k}={_brief(v)}" for k, v in self.params.items()),
        ]
        tables: dict[str, int] = {}
        for r in self.rows:
            tables[r[0]] = tables.get(r[0], 0) + 1
        lines.append("  result tables: " + ", ".join(f"{t} ({n} cells)" for t, n in tables.items()))
        scalars = [r for r in self.rows if r[0] == "scalars" and r[3] is not None]
        lines += [f"  {r[2]} = {r[3]:.6g}" for r in scalars[:12]]
        return "\n".join(lines)


def save_run(record: RunRecord, store: StorePath = None, *, _between: Callable[[], None] | None = None) -> int:
    """Save ``record`` in one transaction and return its run id.

    A sweep point whose ``(sweep_id, point_key)`` is already stored (another copy of the same sweep
    got there first) is not stored twice: the id of the stored point is returned. A failed write
    raises the `StoreError` subclass that says why (full disk, read-only, locked, damaged) and
    leaves the store as it was.

    ``_between`` (tests only) is called inside the transaction after the run row is written and
    before its results are, to show that a writer killed there leaves no partial run.
    """
    return save_runs([record], store, _between=_between)[0]


def save_runs(
    records: Sequence[RunRecord], store: StorePath = None, *, _between: Callable[[], None] | None = None
) -> list[int]:
    """`save_run` for several records through one connection (opening the store costs more than a
    small record): each record is its own transaction, so a failure leaves the records before it saved
    and nothing of the failed one. Returns the run ids in order.
    """
    path = resolve_store_path(store)
    if not records:
        return []
    with connect(path, read_only=False) as con:
        assert con is not None
        return [_save_one(con, path, record, _between) for record in records]


def _save_one(
    con: duckdb.DuckDBPyConnection, path: Path, record: RunRecord, _between: Callable[[], None] | None
) -> int:
    rows = tidy_rows(record.result)
    con.execute("BEGIN TRANSACTION")
    try:
        (run_id,) = con.execute("SELECT nextval('run_id_seq')").fetchone()  # type: ignore[misc]
        con.execute(
            "INSERT INTO runs (run_id, uid, kind, label, created_at, palanca_version, world, world_digest, "
            "scenario_toml, params, seed, solver, wall_s, result, timings, sweep_id, point_key) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                run_id,
                record.uid,
                record.kind,
                record.label,
                dt.datetime.now(),
                record.palanca_version,
                record.world or None,
                record.world_digest or None,
                record.scenario_toml or None,
                dumps(record.params),
                record.seed,
                dumps(record.solver),
                record.wall_s,
                dumps(record.result),
                dumps(record.timings),
                record.sweep_id,
                record.point_key,
            ],
        )
        if _between is not None:
            _between()
        if rows:
            # One bulk insert from an Arrow table: executemany costs ~0.4 ms a row.
            import pyarrow as pa

            tbl, key, col, value, text = (list(c) for c in zip(*rows, strict=True))
            batch = pa.table(
                {
                    "run_id": pa.array([run_id] * len(rows), pa.int64()),
                    "tbl": pa.array(tbl, pa.string()),
                    "row_key": pa.array(key, pa.string()),
                    "col": pa.array(col, pa.string()),
                    "value": pa.array(value, pa.float64()),
                    "text": pa.array(text, pa.string()),
                }
            )
            con.register("_palanca_rows", batch)
            con.execute("INSERT INTO results SELECT * FROM _palanca_rows")
            con.unregister("_palanca_rows")
        con.execute("COMMIT")
    except BaseException as exc:
        # A failed COMMIT (full disk) has already ended the transaction: ROLLBACK would then fail with
        # "cannot rollback" and hide the real reason, so its own failure is ignored.
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        if isinstance(exc, duckdb.ConstraintException) and record.sweep_id and record.point_key:
            existing = con.execute(
                "SELECT run_id FROM runs WHERE sweep_id = ? AND point_key = ?", [record.sweep_id, record.point_key]
            ).fetchone()
            if existing is not None:
                return int(existing[0])
        if isinstance(exc, duckdb.Error | OSError):
            raise classify_error(exc, path, doing="write") from None
        raise
    return int(run_id)


def _run_filter(kind: str | None, sweep_id: str | None, label_contains: str | None) -> tuple[str, list[Any]]:
    where, args = [], []
    if kind:
        where.append("kind = ?")
        args.append(kind)
    if sweep_id:
        where.append("sweep_id = ?")
        args.append(sweep_id)
    if label_contains:
        where.append("strpos(lower(label), lower(?)) > 0")
        args.append(label_contains)
    return (" WHERE " + " AND ".join(where) if where else ""), args


def list_runs(
    store: StorePath = None,
    *,
    kind: str | None = None,
    sweep_id: str | None = None,
    limit: int | None = None,
    label_contains: str | None = None,
    offset: int = 0,
) -> list[RunInfo]:
    """Runs in the store, newest first (optionally one kind, one sweep, labels containing ``label_contains`` in
    any case; ``limit`` of them after skipping ``offset``).
    """
    path = resolve_store_path(store)
    where, args = _run_filter(kind, sweep_id, label_contains)
    sql = f"SELECT {_INFO_COLS} FROM runs{where} ORDER BY run_id DESC" + (f" LIMIT {int(limit)}" if limit else "")
    sql += f" OFFSET {int(offset)}" if offset else ""
    with connect(path, read_only=True) as con:
        if con is None:
            return []
        return [_info(r) for r in con.execute(sql, args).fetchall()]


def count_runs(
    store: StorePath = None, *, kind: str | None = None, sweep_id: str | None = None, label_contains: str | None = None
) -> int:
    """How many runs `list_runs` would give with the same filters and no limit."""
    path = resolve_store_path(store)
    where, args = _run_filter(kind, sweep_id, label_contains)
    with connect(path, read_only=True) as con:
        if con is None:
            return 0
        return int(con.execute(f"SELECT count(*) FROM runs{where}", args).fetchone()[0])  # type: ignore[index]


def _not_found(run_id: int, path: Path) -> StoreError:
    return StoreError(f"run {run_id} is not in the store {path}; `palanca runs list` shows the ids.")


def get_run(run_id: int, store: StorePath = None) -> StoredRun:
    """One run with its inputs and results; raises `StoreError` naming the id when absent."""
    path = resolve_store_path(store)
    with connect(path, read_only=True) as con:
        if con is None:
            raise _not_found(run_id, path)
        row = con.execute(f"SELECT {_RUN_COLS} FROM runs WHERE run_id = ?", [run_id]).fetchone()
        if row is None:
            raise _not_found(run_id, path)
        cells = con.execute(
            "SELECT tbl, row_key, col, value, text FROM results WHERE run_id = ? ORDER BY rowid", [run_id]
        ).fetchall()
    return _stored(row, cells, path)


def list_sweep_points(sweep_id: str, store: StorePath = None, *, limit: int | None = None) -> list[StoredRun]:
    """Every stored point of a sweep (its first ``limit``), in the order they were stored, with their inputs and
    results: one read of the file, however many points. An unknown sweep gives an empty list.
    """
    path = resolve_store_path(store)
    points = "FROM runs WHERE sweep_id = ? ORDER BY run_id" + (f" LIMIT {int(limit)}" if limit else "")
    with connect(path, read_only=True) as con:
        if con is None:
            return []
        rows = con.execute(f"SELECT {_RUN_COLS} {points}", [sweep_id]).fetchall()
        if not rows:
            return []
        cells = con.execute(
            "SELECT run_id, tbl, row_key, col, value, text FROM results "
            f"WHERE run_id IN (SELECT run_id {points}) ORDER BY run_id, rowid",
            [sweep_id],
        ).fetchall()
    by_run: dict[int, list[tuple[Any, ...]]] = {}
    for c in cells:
        by_run.setdefault(c[0], []).append(c[1:])
    return [_stored(r, by_run.get(r[0], []), path) for r in rows]


def _stored(row: tuple[Any, ...], cells: Sequence[tuple[Any, ...]], path: Path) -> StoredRun:
    """A `StoredRun` from its ``_RUN_COLS`` row and its result cells."""
    run_id = row[0]
    return StoredRun(
        info=_info(row[:12]),
        world_digest=row[12],
        scenario_toml=row[13],
        params=_decoded(run_id, path, "params", row[14]),
        solver=_decoded(run_id, path, "solver status", row[9]),
        timings=_decoded(run_id, path, "timings", row[15] or "{}"),
        result=_decoded(run_id, path, "result", row[16]),
        rows=tuple(tuple(c) for c in cells),  # type: ignore[misc]
    )


def delete_run(run_id: int, store: StorePath = None) -> None:
    """Delete a run and its results (one transaction)."""
    path = resolve_store_path(store)
    with connect(path, read_only=False) as con:
        assert con is not None
        if con.execute("SELECT 1 FROM runs WHERE run_id = ?", [run_id]).fetchone() is None:
            raise _not_found(run_id, path)
        con.execute("BEGIN TRANSACTION")
        con.execute("DELETE FROM results WHERE run_id = ?", [run_id])
        con.execute("DELETE FROM runs WHERE run_id = ?", [run_id])
        con.execute("COMMIT")


def done_point_keys(sweep_id: str, store: StorePath = None) -> set[str]:
    """The point keys of a sweep already in the store (what a resumed sweep skips)."""
    path = resolve_store_path(store)
    with connect(path, read_only=True) as con:
        if con is None:
            return set()
        return {r[0] for r in con.execute("SELECT point_key FROM runs WHERE sweep_id = ?", [sweep_id]).fetchall()}


def save_sweep(
    sweep_id: str, scenario: str, scenario_toml: str, spec: Mapping[str, Any], n_points: int, store: StorePath = None
) -> None:
    """Record a sweep's definition once (a resumed sweep finds it already there)."""
    path = resolve_store_path(store)
    with connect(path, read_only=False) as con:
        assert con is not None
        con.execute(
            "INSERT INTO sweeps VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [sweep_id, dt.datetime.now(), scenario, scenario_toml, dumps(spec), n_points],
        )
