"""The bargain's shipped files: parameter specs (TOML), the coercion event log (CSV), and the on-disk cache.

The event log ``shipped/politics/events.csv`` records US coercive episodes against Mexico (and, for base
rates, Canada and China) and Mexico's counter-threats, 2018–26, one row per dated event with its source
(see ``shipped/politics/PROVENANCE.md``).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from palanca.errors import DataFormatError

__all__ = [
    "EVENT_KINDS",
    "EVENT_OUTCOMES",
    "SHIPPED_POLITICS",
    "CoercionEvent",
    "load_bargain_parameters",
    "load_coercion_events",
    "read_cached_arrays",
    "write_cached_arrays",
]

SHIPPED_POLITICS = Path(__file__).parent / "shipped" / "politics"
EVENT_KINDS = ("threat", "concession", "extension", "outcome", "ruling", "review")
EVENT_OUTCOMES = ("executed", "partly_executed", "suspended", "struck_down", "not_extended")
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CoercionEvent:
    """One dated event of a coercive episode.

    Attributes
    ----------
    episode : str
        Identifier shared by the events of one episode (threat, concessions, outcome).
    date : datetime.date
    threatener, target : str
        ISO 3166 alpha-3 codes.
    kind : str
        One of `EVENT_KINDS`.
    outcome : str
        One of `EVENT_OUTCOMES` on ``outcome``, ``ruling`` and ``review`` rows; empty otherwise.
    summary, source : str
        What happened, and the public page that says so.
    """

    episode: str
    date: dt.date
    threatener: str
    target: str
    kind: str
    outcome: str
    summary: str
    source: str

    def __post_init__(self) -> None:
        if self.kind not in EVENT_KINDS:
            raise DataFormatError(f"event {self.episode!r}: kind = {self.kind!r}; use one of {list(EVENT_KINDS)}.")
        needs = self.kind in ("outcome", "ruling", "review")
        if needs and self.outcome not in EVENT_OUTCOMES:
            raise DataFormatError(
                f"event {self.episode!r} ({self.date}): outcome = {self.outcome!r}; an {self.kind} row needs "
                f"one of {list(EVENT_OUTCOMES)}."
            )
        if not needs and self.outcome:
            raise DataFormatError(
                f"event {self.episode!r} ({self.date}): a {self.kind} row has outcome = {self.outcome!r}; "
                "leave it empty."
            )
        if not self.source.startswith("http"):
            raise DataFormatError(f"event {self.episode!r} ({self.date}): source = {self.source!r}; give a URL.")


def load_coercion_events(path: str | Path | None = None) -> tuple[CoercionEvent, ...]:
    """The coercion event log, sorted by date (the shipped ``events.csv`` when ``path`` is omitted).

    Raises
    ------
    DataFormatError
        If a column is missing, a date is not ISO (YYYY-MM-DD) or a kind/outcome is unknown.
    """
    path = Path(path) if path is not None else SHIPPED_POLITICS / "events.csv"
    if not path.is_file():
        raise DataFormatError(f"event log {str(path)!r} does not exist; pass the path of an events CSV.")
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    need = {"episode", "date", "threatener", "target", "kind", "outcome", "summary", "source"}
    if not rows or not need <= set(rows[0]):
        raise DataFormatError(f"{path.name}: an event log needs columns {sorted(need)}.")
    out = []
    for line, r in enumerate(rows, start=2):
        try:
            date = dt.date.fromisoformat(r["date"].strip())
        except ValueError:
            raise DataFormatError(f"{path.name} line {line}: date = {r['date']!r}; write YYYY-MM-DD.") from None
        out.append(
            CoercionEvent(
                episode=r["episode"].strip(),
                date=date,
                threatener=r["threatener"].strip(),
                target=r["target"].strip(),
                kind=r["kind"].strip(),
                outcome=r["outcome"].strip(),
                summary=r["summary"].strip(),
                source=r["source"].strip(),
            )
        )
    return tuple(sorted(out, key=lambda e: e.date))


def load_bargain_parameters(name: str) -> dict[str, Any]:
    """A shipped bargaining parameter file (TOML) by scenario name, e.g. ``"usmca-review-2026"``.

    Raises
    ------
    DataFormatError
        If no such file is shipped; the message lists the names that are.
    """
    path = SHIPPED_POLITICS / f"{name}.toml"
    if not path.is_file():
        known = sorted(p.stem for p in SHIPPED_POLITICS.glob("*.toml"))
        raise DataFormatError(f"bargaining scenario {name!r} is not shipped; choose one of: {', '.join(known)}")
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _cache_path(key: str) -> Path:
    root = Path(os.environ.get("PALANCA_CACHE_DIR", Path.home() / ".cache" / "palanca"))
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in key)
    return root / f"{safe}.json"


def read_cached_arrays(key: str) -> dict[str, Any] | None:
    """A JSON record cached under ``key`` (``$PALANCA_CACHE_DIR``, default ``~/.cache/palanca``), or None."""
    path = _cache_path(key)
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def write_cached_arrays(key: str, record: dict[str, Any]) -> None:
    """Cache a JSON-serialisable record under ``key``; an unwritable cache is skipped (logged)."""
    path = _cache_path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(record))
        tmp.replace(path)
    except OSError as exc:
        _log.info("cache not written (%s): %s", path, exc)
