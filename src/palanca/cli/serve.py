"""`palanca serve [--host 127.0.0.1 --port 8050] [--allow-remote]`: the web dashboard (needs the web extra).

On loopback (the default) the dashboard answers only requests addressed to localhost. Binding any other
interface needs ``--allow-remote``; every API call then needs an access token (``--token`` or
``PALANCA_TOKEN``, else a random one printed at start), which the page asks for once.
"""

from __future__ import annotations

import os
import secrets
import socket
from typing import Annotated

import typer

from palanca.cli._app import app, console, print_warning
from palanca.cli._storeopts import StoreOpt
from palanca.errors import MissingDependencyError, PalancaError

_LOOPBACK = ("127.0.0.1", "localhost", "::1")
_ANY = ("0.0.0.0", "::", "")


def _check_bindable(host: str, port: int) -> None:
    """Refuse a host/port the dashboard could not listen on, before anything is printed."""
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise PalancaError(
            f"--host {host!r} cannot be resolved ({exc.strerror}); give an address such as 127.0.0.1."
        ) from None
    family, kind, proto, _, addr = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself binds
        try:
            probe.bind(addr)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise PalancaError(
                f"cannot serve on {host}:{port}: {reason} (another program may be using port {port}); "
                "pick another port with --port, e.g. --port 8051."
            ) from None


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option("--host", help="Interface to bind (localhost by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8050,
    allow_remote: Annotated[
        bool, typer.Option("--allow-remote", help="Allow a non-loopback --host; API calls then need the token.")
    ] = False,
    token: Annotated[
        str | None, typer.Option("--token", help="Access token for --allow-remote (default $PALANCA_TOKEN or random).")
    ] = None,
    store: StoreOpt = None,
) -> None:
    """Serve the dashboard: scenarios, tariff and elasticity controls, charts, stored runs."""
    try:
        import uvicorn

        from palanca.report import render_report
        from palanca.web import create_app
    except ImportError:
        raise MissingDependencyError("the dashboard needs the web extra: pip install 'palanca[web]'.") from None
    remote = host not in _LOOPBACK
    if remote and not allow_remote:
        raise PalancaError(
            f"--host {host} would make the dashboard (which runs solves and writes the store) reachable from "
            "other machines; add --allow-remote to do so (API calls then need an access token), or keep the "
            "default --host 127.0.0.1."
        )
    _check_bindable(host, port)
    if not remote:
        dashboard = create_app(store, report=render_report)
        console.print(f"palanca dashboard on http://{host}:{port}/", highlight=False)
    else:
        token = token or os.environ.get("PALANCA_TOKEN") or secrets.token_urlsafe(24)
        if len(token) < 16:
            raise PalancaError(f"--token has {len(token)} characters; use at least 16 (or omit it for a random one).")
        hosts = None if host in _ANY else (*_LOOPBACK, host)
        dashboard = create_app(store, allowed_hosts=hosts, token=token, report=render_report)
        print_warning(f"serving on {host}: the dashboard is reachable from other machines; it asks for the token.")
        console.print(f"palanca dashboard on http://{host}:{port}/  access token: {token}", highlight=False)
    uvicorn.run(dashboard, host=host, port=port, log_level="warning")
