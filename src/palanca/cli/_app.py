"""The root typer application and the one place where errors become messages and exit codes.

Exit codes (documented in the README):

- 0: success;
- 1: a domain or input error, printed as one clean message (bad file or value, store failure, a result
  that could not be saved, a path that cannot be written);
- 2: a usage error (unknown option, missing argument: typer's own message);
- 3: a valid negative verdict (e.g. `palanca roo check`: the product does not qualify);
- 70: an internal error (a bug in palanca): one line saying so; ``PALANCA_TRACEBACK=1`` shows the traceback.

Consoles never interpret rich markup: labels, file names and messages are user text and may hold
``[product]`` or ``[/]``; styling is applied with `rich.text.Text` instead.
"""

from __future__ import annotations

import json
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.text import Text
from typer.core import TyperGroup
from typer.exceptions import TyperException

from palanca.errors import PalancaError, PalancaWarning

__all__ = [
    "EXIT_ERROR",
    "EXIT_INTERNAL",
    "EXIT_NEGATIVE",
    "EXIT_OK",
    "EXIT_USAGE",
    "app",
    "console",
    "defer_error",
    "dumps_json",
    "err_console",
    "print_error",
    "print_warning",
]

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_NEGATIVE, EXIT_INTERNAL = 0, 1, 2, 3, 70

console = Console(markup=False)
err_console = Console(stderr=True, markup=False)

# Optional third-party modules and the extra that installs each.
_EXTRAS = {
    "uvicorn": "web",
    "fastapi": "web",
    "starlette": "web",
    "pydantic": "web",
    "numba": "fast",
    "hypothesis": "testing",
    "mkdocs": "docs",
    "pyfixest": "gravity",
    "formulaic": "gravity",
    "dask": "dask",
    "distributed": "dask",
    "pyomo": "opt",
    "highspy": "opt",
    "rdata": "build",
    "openpyxl": "build",
}
_PASS_THROUGH = (typer.Exit, typer.Abort, TyperException)
_deferred: list[str] = []


def dumps_json(obj: Any, **kw: Any) -> str:
    """``json.dumps`` that never writes NaN or Infinity (not JSON): a non-finite number is an internal error."""
    try:
        return json.dumps(obj, allow_nan=False, **kw)
    except ValueError as exc:
        if "JSON compliant" not in str(exc):
            raise
        raise RuntimeError(
            "the result holds a non-finite number (NaN or infinity), which JSON cannot carry; no JSON was written"
        ) from None


def print_error(message: str) -> None:
    """``error: MESSAGE`` on stderr, the message verbatim (never read as markup)."""
    err_console.print(Text.assemble(("error:", "bold red"), " ", str(message)), soft_wrap=True)


def print_warning(message: str) -> None:
    """``warning: MESSAGE`` on stderr, the message verbatim."""
    err_console.print(Text.assemble(("warning:", "yellow"), " ", str(message)), soft_wrap=True)


def defer_error(message: str) -> None:
    """Report ``message`` as an error (exit 1) after the command has printed its result."""
    _deferred.append(message)


def _files_in(argv: Sequence[str]) -> list[str]:
    out = []
    for a in argv:
        try:
            if not a.startswith("-") and Path(a).is_file():
                out.append(a)
        except (OSError, ValueError):
            continue
    return out


def _message(exc: BaseException, argv: Sequence[str]) -> tuple[str, int]:
    """The clean message and exit code for an exception a command let escape."""
    if isinstance(exc, PalancaError):
        return str(exc), EXIT_ERROR
    root = (getattr(exc, "name", None) or "").split(".")[0]
    if isinstance(exc, ModuleNotFoundError) and root in _EXTRAS:
        return (
            f"this command needs the optional module {exc.name!r}, part of the {_EXTRAS[root]} extra: "
            f"pip install 'palanca[{_EXTRAS[root]}]'",
            EXIT_ERROR,
        )
    files = " or ".join(_files_in(argv))
    if isinstance(exc, UnicodeDecodeError):
        return (
            f"{files or 'an input file'} is not UTF-8 text (byte {exc.object[exc.start : exc.start + 1]!r} at "
            f"position {exc.start}); give a UTF-8 text file (TOML, CSV or tab-separated).",
            EXIT_ERROR,
        )
    if isinstance(exc, RecursionError):
        return (
            f"{files or 'the input'} is nested too deeply to read (tables or arrays inside each other beyond "
            "Python's recursion limit); flatten it.",
            EXIT_ERROR,
        )
    if isinstance(exc, OSError):
        reason = exc.strerror or str(exc) or type(exc).__name__
        return f"cannot use {exc.filename or files or 'a file'}: {reason}. Give a path you can read or write.", 1
    first = str(exc).splitlines()[0][:300] if str(exc) else ""
    return (
        f"internal error ({type(exc).__name__}: {first}). This is a bug in palanca; please report it with the "
        "command that caused it (PALANCA_TRACEBACK=1 shows the traceback).",
        EXIT_INTERNAL,
    )


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    if issubclass(category, PalancaWarning):
        print_warning(str(message))
    else:
        _default_showwarning(message, category, filename, lineno, file, line)


_default_showwarning = warnings.showwarning


class _PalancaGroup(TyperGroup):
    """Root command group: turns every escaping error into one message and a documented exit code,
    and prints palanca's warnings (`PalancaWarning`) as ``warning: MESSAGE`` lines as they happen."""

    _argv: Sequence[str] = ()

    def main(self, args: Sequence[str] | None = None, *a: Any, **kw: Any) -> Any:  # type: ignore[override]
        self._argv = [str(x) for x in (sys.argv[1:] if args is None else args)]
        return super().main(args, *a, **kw)

    def invoke(self, ctx):  # type: ignore[override]  # ctx: typer's (vendored) click Context
        _deferred.clear()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("always", PalancaWarning)
                warnings.showwarning = _show_warning
                rv = super().invoke(ctx)
        except _PASS_THROUGH:
            _report_deferred()
            raise
        except Exception as exc:
            if os.environ.get("PALANCA_TRACEBACK") and not isinstance(exc, PalancaError):
                raise
            message, code = _message(exc, self._argv)
            print_error(message)
            _report_deferred()
            ctx.exit(code)
        if _report_deferred():
            ctx.exit(EXIT_ERROR)
        return rv


def _report_deferred() -> bool:
    pending = list(_deferred)
    _deferred.clear()
    for message in pending:
        print_error(message)
    return bool(pending)


app = typer.Typer(
    cls=_PalancaGroup,
    name="palanca",
    help="palanca: who holds the leverage in the US–Mexico system, and what happens if…",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
