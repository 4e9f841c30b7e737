"""The dashboard's JSON API: runs match the analysis API, bad input is a readable 4xx, paths are never opened."""

from __future__ import annotations

import dataclasses

import pytest
from fastapi.testclient import TestClient

from palanca.analysis import leverage
from palanca.data import load_world
from palanca.scenarios import load_scenario
from palanca.store import get_run, list_runs
from palanca.web import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    store = tmp_path_factory.mktemp("api") / "s.duckdb"
    return TestClient(create_app(store), raise_server_exceptions=False, base_url="http://127.0.0.1"), store


def test_page_and_local_plotly(client):
    c, _ = client
    page = c.get("/").text
    assert '<script src="/static/plotly.min.js">' in page and "http" not in page.split("<script>")[0].lower()
    js = c.get("/static/plotly.min.js")
    assert js.status_code == 200 and len(js.text) > 1_000_000


def test_run_matches_the_analysis_api_and_is_stored(client):
    c, store = client
    body = {"scenario": "us-tariff-25-mex", "tariffs": [0.4, 0.1], "theta_scale": 0.5}
    out = c.post("/api/run", json=body).json()
    sc = load_scenario("us-tariff-25-mex")
    sc = dataclasses.replace(sc, tariffs=tuple(b.with_rate(r) for b, r in zip(sc.tariffs, (0.4, 0.1), strict=True)))
    w = load_world("world2023")
    ref = leverage(sc, world=dataclasses.replace(w, theta=w.theta * 0.5), draws=0)
    got = {r["country"]: r["real_income_pct"] for r in out["result"]["countries"]}
    assert got["MEX"] == pytest.approx(ref.outcome("MEX").real_income_pct, abs=1e-10)
    run = get_run(out["run_id"], store)
    assert run.params["theta_scale"] == 0.5 and "rate = 0.4" in run.scenario_toml
    # The data the run was built from, elasticities scaled (the solved as-of baseline's own digest moves at 1e-7
    # USD m with the solver path a process has reached, so identity is carried by the data digest).
    assert run.params["data_digest"] == ref.inputs.params["data_digest"]
    assert run.params["data_digest"] != leverage(sc, world=w, draws=0).inputs.params["data_digest"]
    assert c.get(f"/api/runs/{out['run_id']}").json()["result"]["countries"] == out["result"]["countries"]
    assert [r["run_id"] for r in c.get("/api/runs").json()] == [r.run_id for r in list_runs(store)]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"scenario": "us-tariff-25-mex", "tariffs": [25, 0.1]}, "tariffs[0] = 25.0: a rate must lie in [0, 2]"),
        ({"scenario": "us-tariff-25-mex", "tariffs": [0.2]}, "has 2 tariff blocks; send one rate per block"),
        ({"scenario": "us-tariff-25-mex", "theta_scale": "abc"}, "theta_scale: Input should be a valid number"),
        ({"scenario": "us-tariff-25-mex", "draws": 10_000}, "draws: Input should be less than or equal to 100"),
        ({"scenario": "/etc/passwd.toml"}, "is not in the library; pick one of"),
        ({"scenario": "../../x.toml"}, "is not in the library"),
    ],
)
def test_bad_values_are_readable_errors(client, body, message):
    c, store = client
    n = len(list_runs(store))
    r = c.post("/api/run", json=body)
    assert r.status_code in (400, 422)
    assert message in r.json()["error"] and "Traceback" not in r.text
    assert len(list_runs(store)) == n  # nothing saved


def test_no_file_is_opened_from_a_user_path(client):
    c, _ = client
    with pytest.MonkeyPatch.context() as mp:
        import palanca.scenarios._library as lib

        mp.setattr(lib.Path, "read_text", lambda *a, **k: pytest.fail("a user path was read"))
        r = c.get("/api/scenario", params={"id": "/tmp/evil.toml"})
    assert r.status_code == 400


def test_unexpected_errors_are_500_without_trace(client, monkeypatch):
    c, _ = client
    monkeypatch.setattr("palanca.web._app.list_scenario_ids", lambda: 1 / 0)
    r = c.get("/api/scenarios")
    assert r.status_code == 500 and r.json() == {"error": "internal error; the server log has the details"}


def test_diff_endpoint(client):
    c, _ = client
    a = c.post("/api/run", json={"scenario": "us-tariff-25-mex"}).json()["run_id"]
    b = c.post("/api/run", json={"scenario": "us-tariff-25-mex", "tariffs": [0.1, 0.1]}).json()["run_id"]
    d = c.get("/api/diff", params={"a": a, "b": b}).json()
    before, after = d["inputs"]["params.scenario.tariffs"]
    assert [t["rate"] for t in before] == [0.25, 0.25] and [t["rate"] for t in after] == [0.1, 0.1]
    assert "result cells differ" in d["summary"] and "0 of" not in d["summary"]


def test_serve_binds_localhost_by_default():
    from unittest import mock

    from typer.testing import CliRunner

    from palanca.cli import app

    with mock.patch("uvicorn.run") as run:
        res = CliRunner().invoke(app, ["serve"])
    assert res.exit_code == 0, res.output
    _, kw = run.call_args
    assert (kw["host"], kw["port"]) == ("127.0.0.1", 8050)
