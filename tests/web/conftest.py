"""A live dashboard server on a free localhost port, with its own store (for the browser test)."""

from __future__ import annotations

import socket
import threading
import time

import pytest


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    import httpx
    import uvicorn

    from palanca.web import create_app

    store = tmp_path_factory.mktemp("web") / "s.duckdb"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(url + "/api/scenarios", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield url, store
    server.should_exit = True
    thread.join(10)
