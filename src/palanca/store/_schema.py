"""The store's schema, its version, migrations, and short-lived connections with retry.

DuckDB lets one process hold a database file for writing, and a file held for writing cannot be
opened by another process at all. The store therefore never keeps a connection open: every read
and every write opens the file, does one short transaction and closes it. A process that finds
the file locked retries with backoff until ``timeout_s``. Inside one process a lock per file
serialises access (threads of the web server share it).

Schema versions
---------------
1. ``meta``, ``runs`` (without sweep columns, timings) and ``results``.
2. adds ``runs.timings``, ``runs.sweep_id``, ``runs.point_key`` and the ``sweeps`` table.

A store with an older version is migrated in one transaction (all or nothing); a store with a
newer version, or a DuckDB file that is not a palanca store, is refused and left untouched.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from palanca.errors import StoreError

__all__ = ["SCHEMA_VERSION", "connect"]

SCHEMA_VERSION = 2

_V1 = [
    "CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
    "CREATE SEQUENCE run_id_seq START 1",
    """CREATE TABLE runs (
        run_id BIGINT PRIMARY KEY,
        uid VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        label VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL,
        palanca_version VARCHAR NOT NULL,
        world VARCHAR,
        world_digest VARCHAR,
        scenario_toml VARCHAR,
        params VARCHAR NOT NULL,
        seed BIGINT,
        solver VARCHAR NOT NULL,
        wall_s DOUBLE,
        result VARCHAR NOT NULL
    )""",
    """CREATE TABLE results (
        run_id BIGINT NOT NULL,
        tbl VARCHAR NOT NULL,
        row_key VARCHAR NOT NULL,
        col VARCHAR NOT NULL,
        value DOUBLE,
        text VARCHAR
    )""",
    "INSERT INTO meta VALUES ('schema_version', '1'), ('application', 'palanca')",
]

_MIGRATIONS: dict[int, list[str]] = {
    # from version k to k + 1
    1: [
        "ALTER TABLE runs ADD COLUMN timings VARCHAR DEFAULT '{}'",
        "ALTER TABLE runs ADD COLUMN sweep_id VARCHAR",
        "ALTER TABLE runs ADD COLUMN point_key VARCHAR",
        """CREATE TABLE sweeps (
            sweep_id VARCHAR PRIMARY KEY,
            created_at TIMESTAMP NOT NULL,
            scenario VARCHAR NOT NULL,
            scenario_toml VARCHAR NOT NULL,
            spec VARCHAR NOT NULL,
            n_points BIGINT NOT NULL
        )""",
        "UPDATE meta SET value = '2' WHERE key = 'schema_version'",
    ],
}

_locks: dict[str, threading.RLock] = {}
_locks_guard = threading.Lock()


def _lock_for(path: Path) -> threading.RLock:
    with _locks_guard:
        return _locks.setdefault(str(path.resolve()), threading.RLock())


def _is_lock_error(exc: Exception) -> bool:
    msg = str(exc).lower()
    return "lock" in msg or "conflicting" in msg or "being used" in msg


def _open(path: Path, read_only: bool, timeout_s: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + timeout_s
    delay = 0.005
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as exc:
            if not _is_lock_error(exc):
                raise StoreError(
                    f"store {path}: cannot be opened ({exc}). Give another file with --store or PALANCA_STORE."
                ) from None
            if time.monotonic() > deadline:
                raise StoreError(
                    f"store {path}: still locked by another process after {timeout_s:.0f} s ({exc}). "
                    "Wait for it to finish, or use another store with --store."
                ) from None
            time.sleep(delay)
            delay = min(2 * delay, 0.1)


def _version(con: duckdb.DuckDBPyConnection, path: Path) -> int | None:
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if not tables:
        return None
    if "meta" not in tables or "runs" not in tables:
        raise StoreError(
            f"store {path}: this DuckDB file is not a palanca results store (tables {sorted(tables)}). "
            "Give a new or palanca-made file with --store."
        )
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        raise StoreError(f"store {path}: no schema_version in its meta table; it was not made by palanca.")
    return int(row[0])


def _prepare(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Create the schema in an empty file, or migrate an older one, in one transaction."""
    version = _version(con, path)
    if version == SCHEMA_VERSION:
        return
    if version is not None and version > SCHEMA_VERSION:
        raise StoreError(
            f"store {path}: schema version {version} is newer than this palanca understands "
            f"({SCHEMA_VERSION}). Upgrade palanca; the store was left untouched."
        )
    con.execute("BEGIN TRANSACTION")
    try:
        if version is None:
            for stmt in _V1:
                con.execute(stmt)
            version = 1
        while version < SCHEMA_VERSION:
            for stmt in _MIGRATIONS[version]:
                con.execute(stmt)
            version += 1
        con.execute("COMMIT")
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise StoreError(
            f"store {path}: migration to schema {SCHEMA_VERSION} failed ({exc}); nothing changed."
        ) from None


@contextlib.contextmanager
def connect(path: Path, *, read_only: bool, timeout_s: float = 60.0) -> Iterator[duckdb.DuckDBPyConnection | None]:
    """A short-lived connection to the store at ``path`` (``None`` when reading a store not yet made).

    Writers create or migrate the schema first; readers refuse a store whose schema is not current
    (a reader never changes the file) and ask for a write to migrate it.
    """
    with _lock_for(path):
        if read_only and not path.exists():
            yield None
            return
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        con = _open(path, read_only, timeout_s)
        try:
            if read_only:
                version = _version(con, path)
                if version is None:
                    yield None
                    return
                if version != SCHEMA_VERSION:
                    if version > SCHEMA_VERSION:
                        raise StoreError(
                            f"store {path}: schema version {version} is newer than this palanca understands "
                            f"({SCHEMA_VERSION}). Upgrade palanca; the store was left untouched."
                        )
                    con.close()
                    con = _open(path, False, timeout_s)
                    _prepare(con, path)
            else:
                _prepare(con, path)
            yield con
        finally:
            con.close()
