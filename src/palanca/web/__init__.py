"""The web dashboard (FastAPI + plotly.js): pick a scenario, change tariffs and elasticities, run, compare runs."""

from palanca.web._app import create_app

__all__ = ["create_app"]
