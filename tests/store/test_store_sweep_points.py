"""`list_sweep_points` (a sweep's stored points with their results, in one connection that changes nothing) and the
filters `list_runs` and `count_runs` apply in SQL."""

from __future__ import annotations

import hashlib

from palanca.store import RunRecord, _store, count_runs, get_run, list_runs, list_sweep_points, save_run, save_runs


def _point(sweep_id: str, k: int) -> RunRecord:
    return RunRecord(
        kind="sweep_point",
        label=f"sc [{k}]",
        params={"point": {"us_tariff_mex": k / 10}},
        result={"point": {"us_tariff_mex": k / 10}, "countries": [{"country": "MEX", "real_income_pct": -k / 3}]},
        sweep_id=sweep_id,
        point_key=f"k{k}",
    )


def test_points_of_one_sweep_in_stored_order_as_get_run_reads_them(tmp_path, monkeypatch):
    store = tmp_path / "s.duckdb"
    ids = []
    for k in range(6):  # two sweeps stored interleaved, and a run outside any sweep
        ids += save_runs([_point("a", k), _point("b", k)], store)
    save_run(RunRecord(kind="leverage", label="sc [0]", params={}, result={"x": 1.0}), store)
    before = hashlib.sha256(store.read_bytes()).hexdigest()
    opened = []
    real = _store.connect
    monkeypatch.setattr(_store, "connect", lambda *a, **k: opened.append(a) or real(*a, **k))

    points = list_sweep_points("a", store)

    assert len(opened) == 1
    assert [p.run_id for p in points] == ids[::2]
    assert [p.info.point_key for p in points] == [f"k{k}" for k in range(6)]
    monkeypatch.setattr(_store, "connect", real)
    assert points == [get_run(i, store) for i in ids[::2]]  # info, inputs, result and result cells alike
    assert points[2].result["countries"][0]["real_income_pct"] == -2 / 3
    assert hashlib.sha256(store.read_bytes()).hexdigest() == before  # a reader never changes the file


def test_limit_unknown_sweep_and_missing_store(tmp_path):
    store = tmp_path / "s.duckdb"
    assert list_sweep_points("a", store) == [] and not store.exists()  # nothing made by a read
    save_runs([_point("a", k) for k in range(5)], store)
    assert [p.info.point_key for p in list_sweep_points("a", store, limit=3)] == ["k0", "k1", "k2"]
    assert list_sweep_points("nope", store) == []


def test_runs_filtered_by_label_in_any_case_paged_and_counted(tmp_path):
    store = tmp_path / "s.duckdb"
    save_runs([RunRecord(kind="leverage", label=name, params={}, result={"x": 1.0})
               for name in ("Alpha", "beta", "ALPHA two", "a_b", "alpha%")], store)  # fmt: skip
    assert [r.label for r in list_runs(store, label_contains="alpha")] == ["alpha%", "ALPHA two", "Alpha"]
    assert [r.label for r in list_runs(store, label_contains="ALPHA", limit=1, offset=1)] == ["ALPHA two"]
    assert [r.label for r in list_runs(store, label_contains="_")] == ["a_b"]  # no SQL wildcards
    assert count_runs(store, label_contains="alpha") == 3 and count_runs(store) == 5
    assert count_runs(store, kind="bargain", label_contains="alpha") == 0
    assert count_runs(tmp_path / "none.duckdb") == 0
