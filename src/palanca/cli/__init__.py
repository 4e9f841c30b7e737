"""Command-line interface: a thin layer over the public API (one file per command group)."""

from palanca.cli import bargain as _bargain  # noqa: F401  (registers `palanca bargain`)
from palanca.cli import demo as _demo  # noqa: F401  (registers `palanca demo`)
from palanca.cli import flows as _flows
from palanca.cli import forecast as _forecast
from palanca.cli import gravity as _gravity
from palanca.cli import leverage as _leverage  # noqa: F401  (registers `palanca leverage`)
from palanca.cli import policy as _policy
from palanca.cli import remittances as _remittances
from palanca.cli import report as _report  # noqa: F401  (registers `palanca report`)
from palanca.cli import roo as _roo
from palanca.cli import runs as _runs
from palanca.cli import scenario as _scenario
from palanca.cli import serve as _serve  # noqa: F401  (registers `palanca serve`)
from palanca.cli import sweep as _sweep  # noqa: F401  (registers `palanca sweep`)
from palanca.cli import tariff as _tariff
from palanca.cli import validate as _validate
from palanca.cli import world as _world
from palanca.cli._app import app

app.add_typer(_validate.app, name="validate")
app.add_typer(_gravity.app, name="gravity")
app.add_typer(_world.app, name="world")
app.add_typer(_forecast.app, name="forecast")
app.add_typer(_remittances.app, name="remittances")
app.add_typer(_scenario.app, name="scenario")
app.add_typer(_policy.app, name="policy")
app.add_typer(_flows.app, name="flows")
app.add_typer(_roo.app, name="roo")
app.add_typer(_runs.app, name="runs")
app.add_typer(_tariff.app, name="tariff")


def main() -> None:
    """Console-script entry point."""
    app()


__all__ = ["app", "main"]
