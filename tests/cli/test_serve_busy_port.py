"""`palanca serve` on a port already in use: exit 1 naming the port and --port, before announcing a dashboard."""

from __future__ import annotations

import socket

import pytest
from typer.testing import CliRunner

from palanca.cli import app

pytest.importorskip("uvicorn")
runner = CliRunner()


def test_serve_on_a_busy_port_is_a_clean_error(monkeypatch):
    called = []
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: called.append(a))
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        res = runner.invoke(app, ["serve", "--port", str(port)])
    assert res.exit_code == 1, res.output
    assert f"port {port}" in res.output and "--port" in res.output
    assert "dashboard on" not in res.output and not called
