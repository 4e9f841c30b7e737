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
3. makes ``(sweep_id, point_key)`` unique, so two copies of one sweep running at once store each point
   once (the migration keeps the first copy of any point stored twice before and drops the later ones,
   which hold the same deterministic result).

A store with an older version is migrated in one transaction (all or nothing); a store with a
newer version, or a file that is not a palanca store, is refused and left untouched.

Failures are raised as the `palanca.errors.StoreError` subclass that says what happened: a damaged
file (`StoreCorruptError`), a file that is not a palanca store (`StoreForeignError`), a newer schema
(`StoreSchemaError`), another process's lock (`StoreLockedError`), a read-only location
(`StoreReadOnlyError`) or a full disk (`StoreFullError`). DuckDB's extension autoloading is off:
opening a foreign file never makes DuckDB fetch an extension.
"""

from __future__ import annotations

import contextlib
import errno
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from palanca.errors import (
    StoreCorruptError,
    StoreError,
    StoreForeignError,
    StoreFullError,
    StoreLockedError,
    StoreReadOnlyError,
    StoreSchemaError,
)

__all__ = ["SCHEMA_VERSION", "classify_error", "connect"]

SCHEMA_VERSION = 3

# No network, no surprise loading: the store needs no extension.
_CONFIG = {"autoload_known_extensions": False, "autoinstall_known_extensions": False}
_DUCKDB_MAGIC = b"DUCK"  # bytes 8..12 of every DuckDB database file

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
    2: [
        "CREATE UNIQUE INDEX runs_sweep_point ON runs (sweep_id, point_key)",
        "UPDATE meta SET value = '3' WHERE key = 'schema_version'",
    ],
}

# Run in a transaction of its own before migrating to 3: DuckDB builds a unique index only over rows
# deleted in an earlier, committed transaction. Repeating it is harmless (it finds nothing to delete).
_DEDUPE_POINTS = [
    """DELETE FROM results WHERE run_id IN (
            SELECT run_id FROM (
                SELECT run_id, row_number() OVER (PARTITION BY sweep_id, point_key ORDER BY run_id) AS k
                FROM runs WHERE sweep_id IS NOT NULL AND point_key IS NOT NULL
            ) WHERE k > 1
        )""",
    """DELETE FROM runs WHERE run_id IN (
            SELECT run_id FROM (
                SELECT run_id, row_number() OVER (PARTITION BY sweep_id, point_key ORDER BY run_id) AS k
                FROM runs WHERE sweep_id IS NOT NULL AND point_key IS NOT NULL
            ) WHERE k > 1
        )""",
]

_locks: dict[str, threading.RLock] = {}
_locks_guard = threading.Lock()


def _lock_for(path: Path) -> threading.RLock:
    with _locks_guard:
        return _locks.setdefault(str(path.resolve()), threading.RLock())


# DuckDB's words for another process holding the file (whole words: "block" is not a lock).
_LOCK = re.compile(r"could not set lock|conflicting lock|\block(ed)?\b|being used by another process", re.IGNORECASE)
_FULL = re.compile(r"no space left|disk is full|disk full|quota exceeded", re.IGNORECASE)
_READ_ONLY = re.compile(r"read-only file system|permission denied|not a directory|access is denied", re.IGNORECASE)
_CORRUPT = re.compile(
    r"corrupt|checksum|could not read enough bytes|serializ|invalid block"
    r"|failed to read|unexpected end",
    re.IGNORECASE,
)


def _is_lock_error(exc: Exception) -> bool:
    return bool(_LOCK.search(str(exc)))


def classify_error(exc: BaseException, path: Path, *, doing: str = "use") -> StoreError:
    """The `StoreError` subclass that says what ``exc`` (a DuckDB or OS error) means for the store at ``path``."""
    if isinstance(exc, StoreError):
        return exc
    msg = str(exc)
    code = getattr(exc, "errno", None)
    if code == errno.ENOSPC or _FULL.search(msg):
        return StoreFullError(
            f"store {path}: the disk is full, so the run could not be written (nothing was stored; the store is as "
            "it was). Free some space, or give a store on another disk with --store or PALANCA_STORE."
        )
    if code in (errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOTDIR) or _READ_ONLY.search(msg):
        return StoreReadOnlyError(
            f"store {path}: cannot {doing} it here ({msg.splitlines()[0] if msg else type(exc).__name__}). "
            "Give a store in a folder you can write with --store or PALANCA_STORE."
        )
    if _is_lock_error(exc):
        return StoreLockedError(
            f"store {path}: locked by another process ({msg.splitlines()[0]}). "
            "Wait for it to finish, or use another store with --store."
        )
    if "not a valid duckdb database" in msg.lower():
        return StoreForeignError(
            f"store {path}: this file is not a DuckDB database, so not a palanca results store; it was left "
            "untouched. Give a new or palanca-made file with --store or PALANCA_STORE."
        )
    if _CORRUPT.search(msg):
        return StoreCorruptError(
            f"store {path}: the file is damaged ({msg.splitlines()[0]}); palanca cannot read it. "
            "Restore it from a backup, or give a new store with --store (the damaged file was left as it is)."
        )
    return StoreError(f"store {path}: cannot {doing} it ({msg.splitlines()[0] if msg else type(exc).__name__}).")


def _sniff(path: Path) -> None:
    """Refuse, before DuckDB opens it, a file that is not a DuckDB database at all."""
    try:
        with path.open("rb") as f:
            head = f.read(16)
    except OSError as exc:
        raise classify_error(exc, path, doing="read") from None
    if len(head) < 12 or head[8:12] == _DUCKDB_MAGIC:
        return  # a DuckDB file, or one another process is creating right now: DuckDB decides
    what = "an SQLite database" if head.startswith(b"SQLite format 3") else "not a DuckDB database"
    raise StoreForeignError(
        f"store {path}: this file is {what}, not a palanca results store; it was left untouched. "
        "Give a new or palanca-made file with --store or PALANCA_STORE."
    )


def _open(path: Path, read_only: bool, timeout_s: float) -> duckdb.DuckDBPyConnection:
    if path.exists():
        _sniff(path)
    start = time.monotonic()
    deadline = start + timeout_s
    delay = 0.005
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config=_CONFIG)
        except duckdb.Error as exc:
            # A file another process is creating right now reads as "not a valid DuckDB database" for a moment.
            creating = "not a valid duckdb database" in str(exc).lower() and time.monotonic() < start + 2.0
            if creating:
                time.sleep(0.02)
                continue
            if not _is_lock_error(exc):
                raise classify_error(exc, path, doing="read" if read_only else "write") from None
            if time.monotonic() > deadline:
                raise StoreLockedError(
                    f"store {path}: still locked by another process after {timeout_s:.0f} s "
                    f"({str(exc).splitlines()[0]}). Wait for it to finish, or use another store with --store."
                ) from None
            time.sleep(delay)
            delay = min(2 * delay, 0.1)


def _version(con: duckdb.DuckDBPyConnection, path: Path) -> int | None:
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if not tables:
        return None
    if "meta" not in tables or "runs" not in tables:
        raise StoreForeignError(
            f"store {path}: this DuckDB file is not a palanca results store (tables {sorted(tables)}); it was "
            "left untouched. Give a new or palanca-made file with --store."
        )
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        raise StoreForeignError(f"store {path}: no schema_version in its meta table; it was not made by palanca.")
    try:
        return int(row[0])
    except ValueError:
        raise StoreForeignError(
            f"store {path}: schema_version {row[0]!r} is not a number; it was not made by palanca."
        ) from None


def _newer(path: Path, version: int) -> StoreSchemaError:
    return StoreSchemaError(
        f"store {path}: schema version {version} is newer than this palanca understands "
        f"({SCHEMA_VERSION}). Upgrade palanca; the store was left untouched."
    )


def _prepare(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Create the schema in an empty file, or migrate an older one, in one transaction."""
    version = _version(con, path)
    if version == SCHEMA_VERSION:
        return
    if version is not None and version > SCHEMA_VERSION:
        raise _newer(path, version)
    try:
        if version == 2:
            con.execute("BEGIN TRANSACTION")
            for stmt in _DEDUPE_POINTS:
                con.execute(stmt)
            con.execute("COMMIT")
    except duckdb.Error as exc:
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise classify_error(exc, path, doing="migrate") from None
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
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        err = classify_error(exc, path, doing="migrate")
        raise type(err)(f"{err} (migration to schema {SCHEMA_VERSION} failed; nothing changed.)") from None


@contextlib.contextmanager
def connect(path: Path, *, read_only: bool, timeout_s: float = 60.0) -> Iterator[duckdb.DuckDBPyConnection | None]:
    """A short-lived connection to the store at ``path`` (``None`` when reading a store not yet made).

    Writers create or migrate the schema first; readers refuse a store whose schema is not current
    (a reader never changes the file) and ask for a write to migrate it.
    """
    if path.is_dir():
        raise StoreError(
            f"store {path} is a folder, not a store file; give a file path such as {path / 'palanca.duckdb'} "
            "with --store or PALANCA_STORE."
        )
    with _lock_for(path):
        if read_only and not path.exists():
            yield None
            return
        if not read_only:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise classify_error(exc, path, doing="create the store's folder for") from None
        con = _open(path, read_only, timeout_s)
        try:
            if read_only:
                version = _version(con, path)
                if version is None:
                    yield None
                    return
                if version != SCHEMA_VERSION:
                    if version > SCHEMA_VERSION:
                        raise _newer(path, version)
                    con.close()
                    con = _open(path, False, timeout_s)
                    _prepare(con, path)
            else:
                _prepare(con, path)
            yield con
        except (duckdb.Error, OSError) as exc:
            raise classify_error(exc, path, doing="read" if read_only else "write") from None
        finally:
            with contextlib.suppress(duckdb.Error):
                con.close()
