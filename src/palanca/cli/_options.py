"""Options shared by several commands, declared once so that their name, help and default agree."""

from __future__ import annotations

from typing import Annotated

import typer

__all__ = ["ScenarioWorldOpt"]

#: ``--world`` of the commands that solve a scenario (``scenario run``, ``sweep``): ``None`` is the scenario's world.
ScenarioWorldOpt = Annotated[
    str | None,
    typer.Option(
        "--world",
        help="World: a shipped name or a folder from `palanca world aggregate … --out DIR`; default the scenario's.",
    ),
]
