"""Each way a store can fail is reported as what it is, at once, and leaves the store as it was."""

from __future__ import annotations

import contextlib
import hashlib
import subprocess
import sys
import time

import duckdb
import pytest

from palanca.errors import (
    StoreCorruptError,
    StoreError,
    StoreForeignError,
    StoreFullError,
    StoreLockedError,
    StoreReadOnlyError,
    StoreSchemaError,
)
from palanca.store import SCHEMA_VERSION, RunRecord, _schema, _store, export_run, get_run, list_runs, save_run
from palanca.store._schema import _MIGRATIONS, _V1, _is_lock_error, connect


def _record(label: str = "r", **kw) -> RunRecord:
    return RunRecord(kind="sweep_point" if "sweep_id" in kw else "leverage", label=label, params={}, result={"x": 1.0},
                     **kw)  # fmt: skip


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_block_is_not_a_lock():
    assert not _is_lock_error(Exception("Corrupt database file: checksum mismatch in block at location 0"))
    assert _is_lock_error(Exception('IO Error: Could not set lock on file "x": Conflicting lock is held in p'))


def test_bit_flipped_store_is_damaged_not_locked_and_answers_at_once(tmp_path):
    store = tmp_path / "s.duckdb"
    save_run(_record(), store)
    data = bytearray(store.read_bytes())
    for k in range(4096, len(data), 61):
        data[k] ^= 0xFF
    store.write_bytes(bytes(data))
    before = _sha(store)
    t0 = time.monotonic()
    with pytest.raises(StoreCorruptError, match="the file is damaged") as info:
        list_runs(store)
    assert time.monotonic() - t0 < 10 and "locked" not in str(info.value)
    assert _sha(store) == before


def test_truncated_store_is_damaged(tmp_path):
    store = tmp_path / "s.duckdb"
    for k in range(3):
        save_run(_record(str(k)), store)
    data = store.read_bytes()
    store.write_bytes(data[: len(data) // 3])
    with pytest.raises(StoreCorruptError, match="damaged"):
        get_run(1, store)


def test_sqlite_or_text_file_is_foreign_and_no_extension_is_fetched(tmp_path):
    sqlite = tmp_path / "x.sqlite"
    sqlite.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    with pytest.raises(StoreForeignError, match="an SQLite database, not a palanca results store"):
        list_runs(sqlite)
    with pytest.raises(StoreForeignError, match="an SQLite database"):
        save_run(_record(), sqlite)
    text = tmp_path / "notes.txt"
    text.write_text("hello " * 100)
    with pytest.raises(StoreForeignError, match="not a DuckDB database"):
        list_runs(text)
    assert sqlite.read_bytes()[:16] == b"SQLite format 3\x00"
    assert _schema._CONFIG == {"autoload_known_extensions": False, "autoinstall_known_extensions": False}


def test_newer_schema_is_its_own_class(tmp_path):
    store = tmp_path / "s.duckdb"
    save_run(_record(), store)
    with duckdb.connect(str(store)) as con:
        con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreSchemaError, match="schema version 99 is newer"):
        list_runs(store)


def test_a_held_lock_is_reported_as_locked(tmp_path):
    store = tmp_path / "s.duckdb"
    save_run(_record(), store)
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb,time; c=duckdb.connect({str(store)!r}); print('held', flush=True); "
         "time.sleep(30)"], stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreLockedError, match="still locked by another process after 0 s"):
            with connect(store, read_only=True, timeout_s=0.3):
                pass
    finally:
        holder.kill()
        holder.wait(10)


def test_read_only_location_is_read_only(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(StoreReadOnlyError, match="a-file"):
        save_run(_record(), blocker / "new" / "s.duckdb")


class _FullDisk:
    """A connection whose COMMIT fails as DuckDB's does on a full disk (after which ROLLBACK fails too)."""

    def __init__(self, con):
        self.con = con

    def execute(self, sql, *a):
        if sql == "COMMIT":
            raise duckdb.TransactionException(
                "TransactionContext Error: Failed to commit: "
                'Could not write file "s.duckdb.wal": No space left on device'
            )
        if sql == "ROLLBACK":
            self.con.execute("ROLLBACK")
            raise duckdb.TransactionException("TransactionContext Error: cannot rollback - no transaction is active")
        return self.con.execute(sql, *a)

    def __getattr__(self, name):
        return getattr(self.con, name)


def test_full_disk_says_full_disk_not_cannot_rollback(tmp_path, monkeypatch):
    store = tmp_path / "s.duckdb"
    save_run(_record("kept"), store)

    @contextlib.contextmanager
    def full(path, *, read_only):
        with connect(path, read_only=read_only) as con:
            yield _FullDisk(con)

    monkeypatch.setattr(_store, "connect", full)
    with pytest.raises(StoreFullError, match="the disk is full") as info:
        save_run(_record("lost"), store)
    assert "rollback" not in str(info.value)
    monkeypatch.undo()
    assert [r.label for r in list_runs(store)] == ["kept"]


def test_seed_beyond_64_bits_is_refused_with_the_fix():
    with pytest.raises(StoreError, match=r"seed = 9223372036854775808 does not fit .* use a seed in \[0, 2\*\*63\)"):
        RunRecord(kind="leverage", label="x", params={}, result={}, seed=2**63)


def test_a_sweep_point_is_stored_once(tmp_path):
    store = tmp_path / "s.duckdb"
    a = save_run(_record("p", sweep_id="sw", point_key="k1"), store)
    b = save_run(_record("p", sweep_id="sw", point_key="k1"), store)
    c = save_run(_record("p", sweep_id="sw", point_key="k2"), store)
    assert a == b != c
    assert sorted(r.point_key for r in list_runs(store, sweep_id="sw")) == ["k1", "k2"]
    with duckdb.connect(str(store), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM results WHERE run_id NOT IN (SELECT run_id FROM runs)").fetchone() == (
            0,
        )


def test_two_identical_sweeps_at_once_store_each_point_once(tmp_path):
    store = tmp_path / "s.duckdb"
    code = (
        "import sys; from palanca.store import RunRecord, save_run\n"
        "for k in range(12):\n"
        "    save_run(RunRecord(kind='sweep_point', label='p', params={}, result={'x': float(k)}, "
        "sweep_id='same', point_key=f'k{k}'), sys.argv[1])\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code, str(store)]) for _ in range(2)]
    assert [p.wait(120) for p in procs] == [0, 0]
    keys = [r.point_key for r in list_runs(store, sweep_id="same")]
    assert sorted(keys) == sorted(f"k{k}" for k in range(12))


def test_schema_2_store_with_duplicate_points_migrates_keeping_the_first(tmp_path):
    store = tmp_path / "v2.duckdb"
    con = duckdb.connect(str(store))
    for stmt in (*_V1, *_MIGRATIONS[1]):
        con.execute(stmt)
    for k in (1, 2, 3):
        con.execute(
            "INSERT INTO runs VALUES (nextval('run_id_seq'), ?, 'sweep_point', 'p', now(), '0.1', NULL, NULL, NULL, "
            "'{}', NULL, '{}', NULL, '{\"x\": 1}', '{}', 'sw', ?)",
            [f"u{k}", "k1" if k < 3 else "k2"],
        )
        con.execute("INSERT INTO results VALUES (?, 'scalars', '', 'x', 1.0, NULL)", [k])
    con.close()
    assert sorted((r.run_id, r.point_key) for r in list_runs(store)) == [(1, "k1"), (3, "k2")]
    with duckdb.connect(str(store), read_only=True) as con:
        assert con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
        assert con.execute("SELECT DISTINCT run_id FROM results ORDER BY 1").fetchall() == [(1,), (3,)]


def test_export_refuses_to_overwrite_without_force(tmp_path):
    store = tmp_path / "s.duckdb"
    save_run(_record(), store)
    out = tmp_path / "run.json"
    out.write_text("precious")
    with pytest.raises(StoreError, match="already exists; pass --force"):
        export_run(1, "json", out, store)
    assert out.read_text() == "precious"
    export_run(1, "json", out, store, overwrite=True)
    assert '"run_id": 1' in out.read_text()
    with pytest.raises(StoreError, match=r"cannot write .*a-file"):
        (tmp_path / "a-file").write_text("x")
        export_run(1, "csv", tmp_path / "a-file" / "x.csv", store)


@pytest.mark.parametrize(
    ("column", "value"),
    [("params", "{not json"), ("result", "[1, 2]"), ("solver", "x"), ("timings", "null")],
)
def test_a_damaged_json_cell_names_the_run_and_leaves_the_others_readable(tmp_path, column, value):
    store = tmp_path / "s.duckdb"
    save_run(_record("good"), store)
    save_run(_record("bad"), store)
    con = duckdb.connect(str(store))
    con.execute(f"UPDATE runs SET {column} = ? WHERE run_id = 2", [value])
    con.close()
    with pytest.raises(StoreCorruptError, match=r"of run 2 is damaged \(not a JSON object\).*runs delete 2"):
        get_run(2, store)
    assert get_run(1, store).info.label == "good"
    assert [r.label for r in list_runs(store)] == ["bad", "good"]
    with pytest.raises(StoreCorruptError):
        export_run(2, "json", tmp_path / "out.json", store)
    assert not (tmp_path / "out.json").exists()


def test_runs_commands_on_a_damaged_run_exit_1_with_a_message(tmp_path):
    from typer.testing import CliRunner

    from palanca.cli import app

    store = tmp_path / "s.duckdb"
    save_run(_record("a"), store)
    save_run(_record("b"), store)
    con = duckdb.connect(str(store))
    con.execute("UPDATE runs SET params = '{not json', solver = '[1,' WHERE run_id = 1")
    con.close()
    runner = CliRunner()
    for args in (["show", "1"], ["show", "1", "--json"], ["diff", "1", "2"]):
        res = runner.invoke(app, ["runs", *args, "--store", str(store)])
        assert res.exit_code == 1, (args, res.output)
        assert "of run 1 is damaged" in res.output and "internal error" not in res.output
    res = runner.invoke(app, ["runs", "list", "--store", str(store)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["runs", "delete", "1", "--store", str(store)])
    assert res.exit_code == 0 and [r.run_id for r in list_runs(store)] == [2]


def test_a_folder_given_as_the_store_is_named_with_a_file_to_use(tmp_path):
    for call in (lambda: list_runs(tmp_path), lambda: save_run(_record(), tmp_path), lambda: get_run(1, tmp_path)):
        with pytest.raises(StoreError, match=r"is a folder, not a store file; give a file path such as .*duckdb"):
            call()
    assert list(tmp_path.iterdir()) == []
