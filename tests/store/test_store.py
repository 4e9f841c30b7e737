"""The results store: round trip, tidy tables, diff, export, delete, crash safety, concurrency, schema versions."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from palanca.errors import StoreError
from palanca.scenarios import list_scenarios, parse_scenario
from palanca.store import (
    SCHEMA_VERSION,
    RunRecord,
    delete_run,
    diff_runs,
    export_run,
    get_run,
    list_runs,
    resolve_store_path,
    save_run,
    save_runs,
    scenario_to_toml,
    tidy_rows,
)
from palanca.store._schema import _V1

HERE = Path(__file__).parent
WRITER = HERE / "_writer.py"
ENV = {**os.environ, "PYTHONPATH": str(HERE)}


def _record(x: float = 1.0, label: str = "r") -> RunRecord:
    return RunRecord(
        kind="leverage",
        label=label,
        params={"draws": 3, "seed": 7, "sigma": 0.25},
        result={
            "scenario": label,
            "loss_ratio": x,
            "countries": [
                {"country": "USA", "real_income_pct": -0.1 * x, "low_pct": -0.2},
                {"country": "MEX", "real_income_pct": -2.0 * x, "low_pct": -3.0},
            ],
            "groups": {"autos": {"output_pct_MEX": -5.0 * x}},
            "solver": {"converged": True, "iterations": 12, "residual": 1e-12},
        },
        scenario_toml='id = "x"\ntitle = "t"\n',
        world="world2023",
        world_digest="abc",
        seed=7,
        solver={"converged": True, "iterations": 12, "residual": 1e-12},
        timings={"wall_s": 0.5},
    )


def test_store_location_precedence(monkeypatch, tmp_path):
    monkeypatch.setenv("PALANCA_STORE", str(tmp_path / "env.duckdb"))
    assert resolve_store_path(tmp_path / "x.duckdb") == tmp_path / "x.duckdb"
    assert resolve_store_path(None) == tmp_path / "env.duckdb"
    monkeypatch.delenv("PALANCA_STORE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert resolve_store_path(None) == tmp_path / "palanca" / "palanca.duckdb"


def test_round_trip_list_diff_delete(tmp_path):
    store = tmp_path / "s.duckdb"
    assert list_runs(store) == []  # reading never creates the file
    assert not store.exists()
    a = save_run(_record(1.0, "a"), store)
    b = save_run(_record(2.0, "b"), store)
    assert (a, b) == (1, 2)
    runs = list_runs(store)
    assert [r.run_id for r in runs] == [2, 1] and runs[0].converged is True
    run = get_run(a, store)
    assert run.params == {"draws": 3, "seed": 7, "sigma": 0.25}
    assert run.result["countries"][1]["real_income_pct"] == -2.0
    assert run.world_digest == "abc" and run.timings == {"wall_s": 0.5}
    cells = {r[:3]: r[3] for r in run.rows}
    assert cells[("countries", "MEX", "real_income_pct")] == -2.0
    assert cells[("groups", "autos", "output_pct_MEX")] == -5.0
    assert cells[("scalars", "", "loss_ratio")] == 1.0
    d = diff_runs(a, b, store)
    delta = {(c["tbl"], c["row_key"], c["col"]): c["delta"] for c in d.cells}
    assert delta[("countries", "MEX", "real_income_pct")] == pytest.approx(-2.0)
    assert delta[("countries", "MEX", "low_pct")] == 0.0
    assert d.inputs["label"] == ("a", "b")
    assert "countries[MEX].real_income_pct" in d.summary
    delete_run(a, store)
    assert [r.run_id for r in list_runs(store)] == [2]
    with pytest.raises(StoreError, match="run 1 is not in the store"):
        get_run(a, store)
    with duckdb.connect(str(store), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM results WHERE run_id = 1").fetchone()[0] == 0


def test_save_runs_saves_each_record_in_its_own_transaction(tmp_path):
    store = tmp_path / "s.duckdb"
    assert save_runs([_record(1.0, "a"), _record(2.0, "b")], store) == [1, 2]
    assert [get_run(i, store).result["loss_ratio"] for i in (1, 2)] == [1.0, 2.0]
    calls = {"n": 0}

    def die_on_second() -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # stopped inside the second record's transaction

    with pytest.raises(KeyboardInterrupt):
        save_runs([_record(3.0, "c"), _record(4.0, "d"), _record(5.0, "e")], store, _between=die_on_second)
    assert sorted(r.label for r in list_runs(store)) == ["a", "b", "c"]  # c whole; d rolled back; e never begun
    with duckdb.connect(str(store), read_only=True) as con:
        assert con.execute("SELECT count(DISTINCT run_id) FROM results").fetchone()[0] == 3
    assert save_runs([], store) == []


def test_export_formats_read_back(tmp_path):
    store = tmp_path / "s.duckdb"
    rid = save_run(_record(), store)
    n = len(tidy_rows(_record().result))
    j = json.loads(export_run(rid, "json", tmp_path / "r.json", store).read_text())
    assert j["params"]["seed"] == 7 and j["result"]["loss_ratio"] == 1.0 and j["scenario_toml"].startswith("id")
    with export_run(rid, "csv", tmp_path / "r.csv", store).open() as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == n and {r["run_id"] for r in rows} == {str(rid)}
    t = pq.read_table(export_run(rid, "parquet", tmp_path / "r.parquet", store))
    assert t.num_rows == n
    assert json.loads(t.schema.metadata[b"palanca_run"])["world_digest"] == "abc"
    with pytest.raises(StoreError, match="export format 'xlsx'"):
        export_run(rid, "xlsx", tmp_path / "r.xlsx", store)


def test_bad_records_are_refused():
    with pytest.raises(StoreError, match="run kind 'oops'"):
        RunRecord(kind="oops", label="x", params={}, result={})
    with pytest.raises(StoreError, match="result cannot be stored as JSON"):
        RunRecord(kind="leverage", label="x", params={}, result={"x": float("nan")})


def test_scenario_toml_round_trips_the_whole_library():
    for sc in list_scenarios():
        for v in (None, *(vid for vid, _ in sc.variants)):
            s = sc.variant(v) if v else sc
            assert parse_scenario(scenario_to_toml(s)) == s


def test_writer_killed_mid_transaction_leaves_no_partial_run(tmp_path):
    store = tmp_path / "s.duckdb"
    save_run(_record(), store)
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), "pause", str(store), "5"], stdout=subprocess.PIPE, text=True, env=ENV
    )
    try:
        assert proc.stdout.readline().strip() == "IN-TRANSACTION"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    runs = list_runs(store)
    assert [r.run_id for r in runs] == [1]
    with duckdb.connect(str(store), read_only=True) as con:
        orphans = con.execute("SELECT count(*) FROM results WHERE run_id NOT IN (SELECT run_id FROM runs)").fetchone()
    assert orphans[0] == 0
    assert save_run(_record(), store) > 1  # still writable


def test_reader_process_while_another_writes(tmp_path):
    store = tmp_path / "s.duckdb"
    n = 25
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), "loop", str(store), str(n)], stdout=subprocess.PIPE, text=True, env=ENV
    )
    counts = []
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        counts.append(len(list_runs(store)))  # waits out the writer's short transactions
    proc.wait(30)
    assert proc.returncode == 0
    counts.append(len(list_runs(store)))
    assert counts == sorted(counts) and counts[-1] == n
    assert len(counts) > 2  # the reader really read during the writes
    uids = [r.uid for r in list_runs(store)]
    assert len(set(uids)) == n


def _v1_store(path: Path) -> None:
    con = duckdb.connect(str(path))
    for stmt in _V1:
        con.execute(stmt)
    con.execute(
        "INSERT INTO runs VALUES (nextval('run_id_seq'), 'u1', 'leverage', 'old', now(), '0.0.1', 'world2023', "
        "'d', NULL, '{}', 1, '{\"converged\": true}', 0.1, '{\"x\": 1}')"
    )
    con.execute("INSERT INTO results VALUES (1, 'scalars', '', 'x', 1.0, NULL)")
    con.close()


def test_old_schema_is_migrated_keeping_its_runs(tmp_path):
    store = tmp_path / "old.duckdb"
    _v1_store(store)
    runs = list_runs(store)
    assert [(r.run_id, r.label) for r in runs] == [(1, "old")]
    assert get_run(1, store).result == {"x": 1}
    assert save_run(_record(), store) == 2
    with duckdb.connect(str(store), read_only=True) as con:
        version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        cols = {r[0] for r in con.execute("DESCRIBE runs").fetchall()}
    assert int(version) == SCHEMA_VERSION
    assert {"sweep_id", "point_key", "timings"} <= cols


def test_newer_schema_or_foreign_file_is_refused_untouched(tmp_path):
    store = tmp_path / "new.duckdb"
    _v1_store(store)
    with duckdb.connect(str(store)) as con:
        con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
        con.execute("CHECKPOINT")
    before = hashlib.sha256(store.read_bytes()).hexdigest()
    with pytest.raises(StoreError, match="schema version 99 is newer"):
        list_runs(store)
    with pytest.raises(StoreError, match="schema version 99 is newer"):
        save_run(_record(), store)
    assert hashlib.sha256(store.read_bytes()).hexdigest() == before
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute("CREATE TABLE t (a INT)")
    with pytest.raises(StoreError, match="not a palanca results store"):
        save_run(_record(), other)
