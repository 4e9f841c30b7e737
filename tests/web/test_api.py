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


# Every message names the input as the page does, the value as entered (tariffs in %, the page's unit, beside the
# fraction the API was sent) and the fix.
SC = "us-tariff-25-mex"
BLOCK0 = "IEEPA 25% [goods, -energy] (tariffs[0])"
TARIFF_FIX = "a tariff must lie between 0% and 200%; enter it in % (25 for 25%); the API takes the fraction (0.25)"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"scenario": SC, "tariffs": [25, 0.1]}, f"{BLOCK0}: 2500% (sent as 25) — {TARIFF_FIX}"),
        ({"scenario": SC, "tariffs": [2.5, 0.1]}, f"{BLOCK0}: 250% (sent as 2.5) — {TARIFF_FIX}"),
        ({"scenario": SC, "tariffs": [-0.1, 0.1]}, f"{BLOCK0}: -10% (sent as -0.1) — {TARIFF_FIX}"),
        ({"scenario": SC, "tariffs": ["abc", 0.1]}, f"{BLOCK0}: 'abc' is not a number — {TARIFF_FIX}"),
        (
            {"scenario": "us-tariff-30-mex-retaliation", "tariffs": [0.3, 3]},
            "MEX on USA [goods] (tariffs[1]): 300% (sent as 3) — a tariff must lie between 0% and 200%",
        ),
        ({"scenario": "nope", "tariffs": [0.1, 7]}, "tariff 2 (tariffs[1]): 700% (sent as 7) — a tariff must lie"),
        ({"scenario": SC, "tariffs": 0.25}, "tariffs: 0.25 — send a list with one rate per tariff block, as fractions"),
        ({"scenario": SC, "tariffs": [0.1] * 65}, "tariffs: 65 rates sent — send one rate per tariff block"),
        (
            {"scenario": SC, "tariffs": [0.2]},
            f"tariffs: 1 rate sent (20%) but scenario '{SC}' has 2 tariff blocks (IEEPA 25% [goods, -energy]; "
            "IEEPA 25% on energy too (Mexico had no lower energy rate) [energy]) — send one rate per block, "
            "in this order, as fractions (0.25 for 25%).",
        ),
        (
            {"scenario": SC, "theta_scale": "abc"},
            "trade-elasticity scale (theta_scale): 'abc' — use a factor above 0.05 and at most 5",
        ),
        ({"scenario": SC, "theta_scale": 0}, "trade-elasticity scale (theta_scale): 0 — use a factor above 0.05"),
        ({"scenario": SC, "theta_scale": 9}, "trade-elasticity scale (theta_scale): 9 — use a factor above 0.05"),
        ({"scenario": SC, "draws": 10_000}, "Monte Carlo draws (draws): 10000 — use a whole number from 0 to 100"),
        ({"scenario": SC, "draws": 2.5}, "Monte Carlo draws (draws): 2.5 — use a whole number from 0 to 100"),
        ({"scenario": SC, "seed": -3}, "seed: -3 — use a whole number from 0 to 2147483647"),
        (
            {"scenario": SC, "sigma": 5},
            "s.d. of the elasticity draws (sigma): 5 — use a number of log-points from 0 to 2",
        ),
        ({"scenario": ""}, "scenario: empty — pick one of the library's scenarios"),
        ({}, "scenario: missing — pick one of the library's scenarios"),
        ({"scenario": SC, "draw": 3}, "draw: not an input of a run (got 3) — remove it; a run takes scenario,"),
        ({"scenario": "/etc/passwd.toml"}, "is not in the library; pick one of"),
        ({"scenario": "../../x.toml"}, "is not in the library"),
        ({"scenario": f"{SC}/nope"}, "variant 'nope' is not defined in scenario 'us-tariff-25-mex'; known variants"),
    ],
)
def test_bad_values_are_readable_errors(client, body, message):
    c, store = client
    n = len(list_runs(store))
    r = c.post("/api/run", json=body)
    assert r.status_code in (400, 422)
    assert message in r.json()["error"] and "Traceback" not in r.text
    assert "Input should" not in r.text and "Value error" not in r.text  # pydantic's own words never show
    assert len(list_runs(store)) == n  # nothing saved


def test_every_problem_of_a_request_is_reported_once_per_line(client):
    c, _ = client
    r = c.post("/api/run", json={"scenario": SC, "tariffs": [25, 0.1], "draws": -1, "seed": "x"})
    lines = r.json()["error"].split("\n")
    assert r.status_code == 422 and len(lines) == 3
    assert lines[0].startswith(f"{BLOCK0}: 2500%") and lines[1].startswith("Monte Carlo draws (draws): -1 —")
    assert lines[2] == "seed: 'x' — use a whole number from 0 to 2147483647"


def test_a_body_that_is_not_a_json_object(client):
    c, _ = client
    bad = c.post("/api/run", content=b"{bad", headers={"content-type": "application/json"})
    assert bad.status_code == 422 and bad.json()["error"].startswith("the request body is not valid JSON (")
    assert "send a JSON object such as" in bad.json()["error"]
    listed = c.post("/api/run", json=[1, 2])
    assert listed.status_code == 422 and listed.json()["error"].startswith("the request body must be a JSON object")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/api/scenario?id=", "scenario (id): empty — pick one of the library's scenarios"),
        ("/api/scenario?id=nope", "scenario 'nope' is not in the library; pick one of"),
        ("/api/runs?limit=0", "runs per page (limit): '0' — use a whole number from 1 to 1000"),
        ("/api/runs?offset=-1", "runs to skip (offset): '-1' — use a whole number from 0"),
        ("/api/runs?q=" + "x" * 121, "label contains (q): 'xxx"),
        ("/api/runs/abc", "run id (run_id): 'abc' — use a whole number"),
        ("/api/runs/999999", "run 999999 is not in the store s.duckdb; `palanca runs list` shows the ids"),
        ("/api/runs/1/csv?table=" + "t" * 81, "table: 'ttt"),
        ("/api/sweeps/bad!id", "sweep id (sweep_id): 'bad!id' — use 1 to 64 letters, digits, '-' or '_'"),
        ("/api/sweeps/none", "sweep 'none' has no points in the store"),
        ("/api/diff?a=x&b=1", "compare: first run id (a): 'x' — give two run ids (whole numbers)"),
        ("/api/diff?a=1", "compare: second run id (b): missing — give two run ids (whole numbers)"),
    ],
)
def test_bad_reads_are_readable_errors(client, path, message):
    c, _ = client
    r = c.get(path)
    assert r.status_code in (400, 422) and message in r.json()["error"], r.json()
    assert "Input should" not in r.text


def test_a_message_from_below_names_the_api_field_not_the_cli_option(client, monkeypatch):
    from palanca.errors import MonteCarloError

    c, _ = client

    def fails(*a, **k):
        raise MonteCarloError("3 of 4 elasticity draws did not converge: with sigma = 1.9 some draws fail. "
                              "Use a smaller --sigma (0.25 is the default).")  # fmt: skip

    monkeypatch.setattr("palanca.web._service.leverage", fails)
    r = c.post("/api/run", json={"scenario": SC, "sigma": 1.9, "draws": 4})
    assert r.status_code == 400 and "Use a smaller sigma (0.25 is the default)" in r.json()["error"]


def test_a_request_checked_outside_the_web_says_the_same_in_fractions_and_percent():
    from pydantic import ValidationError

    from palanca.web._service import RunRequest

    with pytest.raises(ValidationError, match=r"tariffs\[1\] = 25.0 is 2500%: a tariff must lie between 0% and 200%"):
        RunRequest(scenario=SC, tariffs=[0.25, 25])


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
