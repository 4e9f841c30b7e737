"""The root typer application and the one place where domain errors become exit codes."""

from __future__ import annotations

import typer
from rich.console import Console
from typer.core import TyperGroup

from palanca.errors import PalancaError

__all__ = ["app", "console", "err_console"]

console = Console()
err_console = Console(stderr=True)


class _PalancaGroup(TyperGroup):
    """Root command group: prints palanca's domain errors with rich and exits 1, no traceback."""

    def invoke(self, ctx):  # type: ignore[override]  # ctx: typer's (vendored) click Context
        try:
            return super().invoke(ctx)
        except PalancaError as exc:
            err_console.print(f"[bold red]error:[/bold red] {exc}", highlight=False)
            ctx.exit(1)


app = typer.Typer(
    cls=_PalancaGroup,
    name="palanca",
    help="palanca: who holds the leverage in the US–Mexico system, and what happens if…",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
