"""The dashboard under attack: injected markup stays text, oversized or unknown input is refused, the Host
header and the token are checked, errors carry no paths, a damaged store answers at once."""

from __future__ import annotations

import socket
import time
from unittest import mock

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from palanca.store import RunRecord, list_runs, save_run
from palanca.web import create_app
from palanca.web._guard import CSP
from palanca.web._service import Cancelled, RunRequest, run_scenario

XSS = "<img src=x onerror=\"document.title='pwned'\">[/]<script>alert(1)</script>"


@pytest.fixture()
def client(tmp_path):
    store = tmp_path / "s.duckdb"
    return TestClient(create_app(store), raise_server_exceptions=False, base_url="http://127.0.0.1"), store


def test_every_response_carries_the_content_security_policy(client):
    c, _ = client
    for path in ("/", "/static/page.js", "/api/scenarios", "/api/runs/12345"):
        r = c.get(path)
        assert r.headers["content-security-policy"] == CSP, path
        assert r.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP.split("script-src")[1].split(";")[0]
    page = c.get("/").text
    assert "<script>" not in page  # the page's own script is a file, so inline scripts can be forbidden


def test_body_above_the_limit_is_413_and_nothing_is_stored(client):
    c, store = client
    big = b'{"scenario": "us-tariff-25-mex", "pad": "' + b"x" * 200_000 + b'"}'
    r = c.post("/api/run", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "too large" in r.json()["error"]

    def chunks():  # no Content-Length: the limit is counted as the body streams in
        yield b'{"scenario": "us-tariff-25-mex", "pad": "'
        for _ in range(20):
            yield b"x" * 10_000
        yield b'"}'

    r = c.post("/api/run", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert list_runs(store) == []


def test_unknown_fields_are_422_naming_the_field(client):
    c, store = client
    r = c.post("/api/run", json={"scenario": "us-tariff-25-mex", "draw": 5})
    assert r.status_code == 422
    assert "draw: not an input of a run (got 5) — remove it; a run takes scenario, tariffs" in r.json()["error"]
    assert list_runs(store) == []


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8050", "127.0.0.1.nip.io", "[::2]:80"])
def test_foreign_host_headers_are_refused(client, host):
    c, _ = client
    r = c.get("/api/scenarios", headers={"host": host})
    assert r.status_code == 400 and "Host header" in r.json()["error"]


@pytest.mark.parametrize("host", ["localhost:8050", "127.0.0.1", "[::1]:8050"])
def test_loopback_host_headers_are_served(client, host):
    c, _ = client
    assert c.get("/api/scenarios", headers={"host": host}).status_code == 200


def test_token_is_required_on_the_api_but_not_for_the_page(tmp_path):
    token = "t0k3n-" + "x" * 20
    c = TestClient(create_app(tmp_path / "s.duckdb", allowed_hosts=None, token=token), base_url="http://10.1.2.3")
    assert c.get("/").status_code == 200 and c.get("/static/page.js").status_code == 200
    assert c.get("/api/scenarios").status_code == 401
    assert c.get("/api/scenarios", headers={"x-palanca-token": "wrong"}).status_code == 401
    assert c.get("/api/scenarios", headers={"x-palanca-token": token}).status_code == 200
    assert 'sessionStorage.getItem("palanca-token")' in c.get("/static/page.js").text


def test_errors_carry_no_filesystem_path(client, tmp_path):
    c, store = client
    save_run(RunRecord(kind="leverage", label="x", params={}, result={"x": 1.0}), store)
    r = c.get("/api/runs/999")
    assert r.status_code == 400
    msg = r.json()["error"]
    assert "run 999 is not in the store s.duckdb" in msg and str(tmp_path) not in msg and "/" not in msg


def test_a_damaged_store_answers_at_once_as_damaged(tmp_path):
    store = tmp_path / "s.duckdb"
    save_run(RunRecord(kind="leverage", label="x", params={}, result={"x": 1.0}), store)
    data = bytearray(store.read_bytes())
    for k in range(4096, len(data), 61):  # flip bits after the header: checksums fail
        data[k] ^= 0xFF
    store.write_bytes(bytes(data))
    c = TestClient(create_app(store), raise_server_exceptions=False, base_url="http://127.0.0.1")
    t0 = time.monotonic()
    r = c.get("/api/runs")
    assert time.monotonic() - t0 < 10
    assert r.status_code == 400 and "damaged" in r.json()["error"] and "locked" not in r.json()["error"]


def test_a_cancelled_run_stops_and_stores_nothing(tmp_path):
    store = tmp_path / "s.duckdb"
    with pytest.raises(Cancelled, match="nothing stored"):
        run_scenario(RunRequest(scenario="us-tariff-25-mex", draws=50), store, cancelled=lambda: True)
    assert list_runs(store) == []


def test_a_client_that_disconnects_has_its_run_cancelled(live_server, monkeypatch):
    from palanca.web import _app

    url, store = live_server
    seen: list[BaseException | None] = []
    real = _app.run_scenario

    def spy(*a, **k):
        try:
            out = real(*a, **k)
        except BaseException as exc:
            seen.append(exc)
            raise
        seen.append(None)
        return out

    monkeypatch.setattr(_app, "run_scenario", spy)
    n = len(list_runs(store))
    host, port = url.removeprefix("http://").split(":")
    body = b'{"scenario": "us-tariff-25-mex", "draws": 100}'
    with socket.create_connection((host, int(port))) as s:
        s.sendall(
            b"POST /api/run HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        time.sleep(1.0)  # the solve has started
    deadline = time.monotonic() + 60
    while not seen and time.monotonic() < deadline:
        time.sleep(0.2)
    assert seen and isinstance(seen[0], Cancelled)
    assert len(list_runs(store)) == n


def test_serve_refuses_a_remote_host_without_allow_remote():
    from palanca.cli import app

    with mock.patch("uvicorn.run") as run:
        res = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0"])
    assert res.exit_code == 1 and "add --allow-remote" in res.output
    run.assert_not_called()
    with mock.patch("uvicorn.run") as run:
        res = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--allow-remote", "--token", "s" * 20])
    assert res.exit_code == 0, res.output
    assert "access token: " + "s" * 20 in res.output
    dashboard = run.call_args.args[0]
    c = TestClient(dashboard, base_url="http://192.0.2.7")
    assert c.get("/api/scenarios").status_code == 401
    assert c.get("/api/scenarios", headers={"x-palanca-token": "s" * 20}).status_code == 200


def test_a_failed_save_returns_the_result_with_the_reason(tmp_path):
    store = tmp_path / "s.duckdb"
    store.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)  # not a palanca store
    c = TestClient(create_app(store), raise_server_exceptions=False, base_url="http://127.0.0.1")
    r = c.post("/api/run", json={"scenario": "us-tariff-25-mex"})
    assert r.status_code == 200
    out = r.json()
    assert out["run_id"] is None and {x["country"] for x in out["result"]["countries"]} >= {"USA", "MEX"}
    assert "the result was not saved: store s.duckdb: this file is an SQLite database" in out["save_error"]
    assert str(tmp_path) not in out["save_error"]
