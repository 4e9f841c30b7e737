"""Readers of public data formats, builders of the shipped worlds, and the shipped files.

Only this layer and `palanca.store` touch files. Shipped data live in ``shipped/``, each folder
with its PROVENANCE.md.
"""

from palanca.data._cp2015 import CP2015Files, cp1993_world, cp_tariffs, read_cp2015
from palanca.data._registry import DEFAULT_WORLD, list_worlds, load_world, register_world

__all__ = [
    "DEFAULT_WORLD",
    "CP2015Files",
    "cp1993_world",
    "cp_tariffs",
    "list_worlds",
    "load_world",
    "read_cp2015",
    "register_world",
]
