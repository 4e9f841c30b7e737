"""The web dashboard (FastAPI + plotly.js): pick a scenario, change tariffs and elasticities, run, compare runs."""

from palanca.errors import MissingDependencyError

try:
    from palanca.web._app import create_app
except ModuleNotFoundError as exc:  # fastapi, uvicorn, starlette
    raise MissingDependencyError(
        f"the dashboard needs the web extra ({exc.name} is not installed): pip install 'palanca[web]'"
    ) from None

__all__ = ["create_app"]
