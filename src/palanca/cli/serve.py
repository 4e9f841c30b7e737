"""`palanca serve [--host 127.0.0.1 --port 8050]`: the web dashboard (needs the web extra)."""

from __future__ import annotations

from typing import Annotated

import typer

from palanca.cli._app import app, console
from palanca.cli._storeopts import StoreOpt
from palanca.errors import MissingDependencyError


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option("--host", help="Interface to bind (localhost by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8050,
    store: StoreOpt = None,
) -> None:
    """Serve the dashboard: scenarios, tariff and elasticity controls, charts, stored runs."""
    try:
        import uvicorn

        from palanca.web import create_app
    except ImportError:
        raise MissingDependencyError("the dashboard needs the web extra: pip install 'palanca[web]'.") from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        console.print(f"[yellow]warning:[/yellow] serving on {host}: the dashboard is reachable from other machines.")
    console.print(f"palanca dashboard on http://{host}:{port}/", highlight=False)
    uvicorn.run(create_app(store), host=host, port=port, log_level="warning")
