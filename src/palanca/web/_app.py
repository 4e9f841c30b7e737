"""The dashboard: a FastAPI app with a JSON API and one HTML page (plotly.js served locally).

Why FastAPI and a plain plotly.js page rather than Dash or Panel: the JSON API is the product's
second interface (scripts, the load test and the browser test all drive it), pydantic validates
every input on the server before anything runs, and the page is one small file with no build
step; Dash would add a callback framework and its own server for the same charts.

Errors: validation problems (unknown fields included) answer 422, one line each naming the input as the page
does, the value (a tariff in %, the page's unit) and the fix (`_messages`); domain errors answer 400; both as
``{"error": message}`` with any filesystem path cut to its file name; any other exception answers
500 ``{"error": "internal error"}`` and is logged, never shown as a trace.

Security (see `_guard`): a Host check against DNS rebinding, a token for every API call when served
beyond loopback, a body-size limit (413), a Content-Security-Policy that allows only the dashboard's
own scripts (the page's script is a file, not inline), and a page that inserts every stored or user
string as text, never as HTML. A run whose client disconnects stops between draws and is not stored.

Load: solves are CPU-bound, so at most ``max_runs`` run at once (one per core) and at most
``max_queue`` wait; beyond that a run request is answered 429 with ``Retry-After`` at once rather
than queueing without bound (reads are never limited).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import threading
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import ConfigDict
from starlette.concurrency import run_in_threadpool

from palanca.errors import PalancaError
from palanca.store import StoredRun, diff_runs
from palanca.web._guard import LOOPBACK_HOSTS, Guard
from palanca.web._messages import validation_message
from palanca.web._page import PAGE, PAGE_JS
from palanca.web._runs import add_read_routes
from palanca.web._service import (
    Cancelled,
    RunRequest,
    block_names,
    list_scenario_ids,
    run_scenario,
    scenario_controls,
)
from palanca.web._views import VIEWS_JS

__all__ = ["create_app"]

log = logging.getLogger("palanca.web")


@cache
def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


class StrictRunRequest(RunRequest):
    """`RunRequest` that refuses fields it does not know (a typo must not be silently ignored)."""

    model_config = ConfigDict(extra="forbid")


_PATH = re.compile(r"(?<![\w.~])(?:[A-Za-z]:)?[/\\](?:[^\s'\"()\[\]:,;/\\]+[/\\])+([^\s'\"()\[\]:,;/\\]*)")


def _no_paths(message: str) -> str:
    """``message`` with every absolute filesystem path cut to its last component."""
    return _PATH.sub(lambda m: m.group(1) or "…", message)


# A message from the layers below names a command-line option; the API's field of the same input is named instead.
_CLI_OPTIONS = {"--sigma": "sigma", "--draws": "draws", "--seed": "seed", "--theta-scale": "theta_scale"}
_CLI_OPTION = re.compile("|".join(re.escape(k) for k in _CLI_OPTIONS) + r"\b")


def _domain_message(message: str) -> str:
    """A domain error's message as the API reports it: no filesystem paths, the API's field names."""
    return _CLI_OPTION.sub(lambda m: _CLI_OPTIONS[m.group(0)], _no_paths(message))


def create_app(
    store: str | os.PathLike[str] | None = None,
    *,
    max_runs: int = 2,
    max_queue: int = 8,
    allowed_hosts: Iterable[str] | None = LOOPBACK_HOSTS,
    token: str | None = None,
    max_body_bytes: int = 64 * 1024,
    report: Callable[[StoredRun], str] | None = None,
) -> FastAPI:
    """The dashboard app; runs are saved to ``store`` (default: `palanca.store.resolve_store_path`).

    ``allowed_hosts``: names the ``Host`` header may carry (``None``: any, only with a ``token``);
    ``token``: required in ``X-Palanca-Token`` on every API call; ``max_body_bytes``: larger bodies get 413;
    ``report``: renders a stored run as an HTML report (e.g. `palanca.report.render_report`), served at
    ``/api/runs/{id}/report``; without it the page gives the ``palanca report`` command instead.
    """
    app = FastAPI(title="palanca dashboard", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(Guard, allowed_hosts=allowed_hosts, token=token, max_body_bytes=max_body_bytes)
    slots = asyncio.Semaphore(max_runs)
    queue = {"n": 0}

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"error": validation_message(exc.errors(), exc.body, block_names)}, status_code=422)

    @app.exception_handler(PalancaError)
    async def _domain(request: Request, exc: PalancaError) -> JSONResponse:
        return JSONResponse({"error": _domain_message(str(exc))}, status_code=400)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("dashboard request failed: %s %s", request.method, request.url.path)
        return JSONResponse({"error": "internal error; the server log has the details"}, status_code=500)

    @app.get("/", response_class=HTMLResponse)
    def page() -> str:
        return PAGE

    @app.get("/static/page.js")
    def page_js() -> Response:
        return Response(PAGE_JS, media_type="application/javascript")

    @app.get("/static/views.js")
    def views_js() -> Response:
        return Response(VIEWS_JS, media_type="application/javascript")

    @app.get("/static/plotly.min.js")
    def plotly_js() -> Response:
        return Response(_plotly_js(), media_type="application/javascript")

    @app.get("/api/scenarios")
    def scenarios() -> list[dict[str, Any]]:
        return list_scenario_ids()

    @app.get("/api/scenario")
    def scenario(id: str = Query(min_length=1, max_length=120)) -> dict[str, Any]:
        return scenario_controls(id)

    @app.post("/api/run", response_model=None)
    async def run(req: StrictRunRequest, request: Request) -> dict[str, Any] | Response:
        if queue["n"] >= max_runs + max_queue:
            return JSONResponse(
                {"error": "the server is busy solving other runs; retry in a few seconds"},
                status_code=429,
                headers={"Retry-After": "2"},
            )
        queue["n"] += 1
        gone = threading.Event()
        try:
            acquire = asyncio.ensure_future(slots.acquire())
            while not acquire.done():  # wait for a slot, but not for a client that has left
                await asyncio.wait({acquire}, timeout=0.2)
                if not acquire.done() and await request.is_disconnected():
                    acquire.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await acquire
                    if not acquire.cancelled():  # got the slot just as the client left
                        slots.release()
                    return Response(status_code=499)
            try:
                work = asyncio.ensure_future(run_in_threadpool(run_scenario, req, store, cancelled=gone.is_set))
                while not work.done():
                    await asyncio.wait({work}, timeout=0.2)
                    if not work.done() and not gone.is_set() and await request.is_disconnected():
                        gone.set()  # the worker stops at its next check; the slot is held until it has
                try:
                    out = work.result()
                    if "save_error" in out:
                        out["save_error"] = _no_paths(out["save_error"])
                    return out
                except Cancelled:
                    return Response(status_code=499)
            finally:
                slots.release()
        finally:
            queue["n"] -= 1

    add_read_routes(app, store, report)

    @app.get("/api/diff")
    def diff(a: int, b: int) -> dict[str, Any]:
        d = diff_runs(a, b, store)
        return {"summary": d.summary, "inputs": {k: list(v) for k, v in d.inputs.items()}}

    return app
