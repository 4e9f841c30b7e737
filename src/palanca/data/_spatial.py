"""Readers of spatial bargaining data (DEU format, actor tables); the bargain's files are in `_politics_files`.

The value type `SpatialIssues` holds, for I issues and A actors, positions and saliences on each
issue's own scale, one capability per actor, each issue's reference point (status quo) and the
adopted outcome. Absent actors are NaN positions. The DEU files (Thomson et al. 2006; Arregui &
Perarnaud 2022) are tab-separated with a header; in the `deu3` release the second line is a
capability row (GDP, trillions of USD) and not an issue — see ``shipped/politics/PROVENANCE.md``.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np

from palanca.data._politics_files import (
    SHIPPED_POLITICS,
    load_bargain_parameters,
    read_cached_arrays,
    write_cached_arrays,
)
from palanca.errors import DataFormatError

__all__ = [
    "SpatialIssues",
    "load_bargain_parameters",
    "load_bdm_emissions",
    "load_deu3_train",
    "read_actor_table",
    "read_cached_arrays",
    "read_deu",
    "write_cached_arrays",
    "write_records_csv",
]

_NON_ACTOR_P_COLUMNS = {"prnrnmc", "prnr", "prname", "proc", "proccde"}


def _ro(a: Any) -> np.ndarray:
    arr = np.array(a, dtype=np.float64, copy=True)
    arr.setflags(write=False)
    return arr


@dataclass(frozen=True, eq=False)
class SpatialIssues:
    """Issues x actors: positions, saliences, capabilities, reference points and outcomes.

    Parameters
    ----------
    issue_ids : tuple of str, length I
    dossier_ids : tuple of str, length I
        Legislative proposal (dossier) of each issue; issues of one dossier are bargained together
        (the exchange model trades across them, cross-validation never splits them).
    actors : tuple of str, length A
    position : ndarray(float, ndim=2), shape I x A
        Position on the issue's scale; NaN where the actor takes no part.
    salience : ndarray(float, ndim=2), shape I x A
        Salience as a fraction in [0, 1]; 0 where the actor takes no part.
    capability : ndarray(float, ndim=1), length A
        Nonnegative capability (power) of each actor.
    reference : ndarray(float, ndim=1), length I
        Reference point (status quo); NaN where unknown.
    outcome : ndarray(float, ndim=1), length I
        Adopted outcome; NaN where unknown (then models still forecast, nothing is scored).
    provenance : Mapping
        Source and transformations.
    """

    issue_ids: tuple[str, ...]
    dossier_ids: tuple[str, ...]
    actors: tuple[str, ...]
    position: np.ndarray
    salience: np.ndarray
    capability: np.ndarray
    reference: np.ndarray
    outcome: np.ndarray
    provenance: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        for name in ("issue_ids", "dossier_ids", "actors"):
            set_(self, name, tuple(str(v) for v in getattr(self, name)))
        for name in ("position", "salience", "capability", "reference", "outcome"):
            set_(self, name, _ro(getattr(self, name)))
        set_(self, "provenance", MappingProxyType(dict(self.provenance)))
        n_i, n_a = len(self.issue_ids), len(self.actors)
        for name, shape in (
            ("position", (n_i, n_a)),
            ("salience", (n_i, n_a)),
            ("capability", (n_a,)),
            ("reference", (n_i,)),
            ("outcome", (n_i,)),
        ):
            if getattr(self, name).shape != shape:
                raise DataFormatError(
                    f"{name} has shape {getattr(self, name).shape} but there are {n_i} issues and "
                    f"{n_a} actors, so it must be {shape}."
                )
        if len(self.dossier_ids) != n_i:
            raise DataFormatError(f"dossier_ids has {len(self.dossier_ids)} entries; give one per issue ({n_i}).")
        if np.any(~np.isfinite(self.capability)) or np.any(self.capability < 0):
            k = int(np.argmax(~(self.capability >= 0)))
            raise DataFormatError(
                f"capability[{self.actors[k]}] = {self.capability[k]}; capabilities must be finite and nonnegative."
            )
        sal = self.salience
        if np.any(~np.isfinite(sal)) or np.any((sal < 0) | (sal > 1)):
            i, a = (int(v) for v in np.argwhere(~((sal >= 0) & (sal <= 1)))[0])
            raise DataFormatError(
                f"salience[{self.issue_ids[i]}, {self.actors[a]}] = {sal[i, a]}; saliences are fractions "
                "in [0, 1] (divide a 0-100 scale by 100)."
            )
        no_actor = ~np.isfinite(self.position).any(axis=1)
        if np.any(no_actor):
            i = int(np.argmax(no_actor))
            raise DataFormatError(
                f"issue {self.issue_ids[i]!r} has no actor with a position; drop it or code a position."
            )

    @property
    def n_issues(self) -> int:
        return len(self.issue_ids)

    @property
    def present(self) -> np.ndarray:
        """Boolean mask I x A of actors taking part in each issue."""
        return np.isfinite(self.position)

    def subset(self, rows: np.ndarray) -> SpatialIssues:
        """The issues selected by an integer or boolean index (same actors and capabilities)."""
        idx = np.arange(self.n_issues)[rows]
        return SpatialIssues(
            issue_ids=tuple(self.issue_ids[k] for k in idx),
            dossier_ids=tuple(self.dossier_ids[k] for k in idx),
            actors=self.actors,
            position=self.position[idx],
            salience=self.salience[idx],
            capability=self.capability,
            reference=self.reference[idx],
            outcome=self.outcome[idx],
            provenance=self.provenance,
        )


# Positions, reference points and outcomes are on the issue's scale (0-100 in DEU); a value beyond
# this magnitude is a broken cell, not a position.
_MAX_ABS = 1e6


def _num(cell: str | None, *, where: str, bounded: bool = True) -> float:
    cell = (cell or "").strip().strip('"')
    if cell == "":
        return float("nan")
    try:
        x = float(cell)
    except ValueError:
        raise DataFormatError(f"{where} = {cell!r} is not a number; use a number or leave it blank.") from None
    if not math.isfinite(x):
        raise DataFormatError(f"{where} = {cell!r} is not a finite number; use a number, or leave it blank if absent.")
    if bounded and abs(x) > _MAX_ABS:
        raise DataFormatError(
            f"{where} = {cell!r} is beyond ±{_MAX_ABS:g}, not a position on the issue's scale (0-100 in DEU); "
            "fix the cell."
        )
    return x


def read_deu(path: str | Path, *, capability: Mapping[str, float] | None = None) -> SpatialIssues:
    """Read a DEU-format file (tab-separated; `p<actor>`, `s<actor>`, `rp`, `out`).

    Parameters
    ----------
    path : str or Path
        The file. Its second line is taken as a capability row when its `isnr` cell is blank (the
        `deu3` layout); otherwise ``capability`` must be given.
    capability : mapping of actor code to capability, optional
        Overrides the file's capability row.

    Returns
    -------
    SpatialIssues
        Saliences divided by 100. A present actor with a blank salience gets the mean salience of
        the other actors on that issue (50 if none has one); the count is in ``provenance``. An
        absent or empty `out` column gives NaN outcomes, an absent `rp` NaN reference points.

    Raises
    ------
    DataFormatError
        If the file lacks `isnr` or position columns, a cell is not a number, or capabilities are
        missing.
    """
    path = Path(path)
    if not path.is_file():
        raise DataFormatError(f"DEU file {str(path)!r} does not exist; pass the path of a tab-separated DEU file.")
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.reader(fh, delimiter="\t"))
    except UnicodeDecodeError as exc:
        raise DataFormatError(
            f"{path.name} is not UTF-8 text (byte {exc.object[exc.start : exc.start + 1]!r} at position {exc.start}); "
            "save the DEU file as UTF-8 tab-separated text."
        ) from None
    except csv.Error as exc:
        raise DataFormatError(f"{path.name}: not a tab-separated text file ({exc}).") from None
    if not rows or "isnr" not in rows[0]:
        raise DataFormatError(
            f"{path.name}: the header has no 'isnr' column; a DEU file is TAB-separated with columns "
            f"isnr, p<actor>, s<actor>, rp, out (got header {rows[0][:5] if rows else []}...)."
        )
    header = [h.strip() for h in rows[0]]
    twice = sorted({h for h in header if h and header.count(h) > 1})
    if twice:
        raise DataFormatError(
            f"{path.name}, line 1: column {twice[0]!r} appears more than once in the header (an actor's position "
            "or salience would be read twice); keep one column per actor."
        )
    col = {h: k for k, h in enumerate(header)}
    actors = [h[1:] for h in header if h.startswith("p") and h not in _NON_ACTOR_P_COLUMNS]
    if not actors:
        raise DataFormatError(f"{path.name}: no p<actor> position columns found in the header.")
    body = [(k, r) for k, r in enumerate(rows[1:], start=2) if any(c.strip() for c in r)]
    cap_row = None
    if body and not body[0][1][col["isnr"]].strip().strip('"'):
        cap_row, body = body[0][1], body[1:]
    if capability is not None:
        missing = [a for a in actors if a not in capability]
        if missing:
            raise DataFormatError(f"capability lacks actors {missing}; give one value per p<actor> column.")
        cap = np.array([float(capability[a]) for a in actors])
        cap_source = "given by the caller"
    elif cap_row is not None:
        cap = np.array([_num(cap_row[col["p" + a]], where=f"capability row, p{a}", bounded=False) for a in actors])
        cap_source = "the file's second line (GDP, trillions of USD)"
        if np.any(~np.isfinite(cap)):
            bad = [a for a, v in zip(actors, cap, strict=True) if not np.isfinite(v)]
            raise DataFormatError(f"{path.name}: the capability row is blank for {bad}; fill it or pass capability=.")
    else:
        raise DataFormatError(
            f"{path.name}: no capability row (line 2 with a blank isnr) and no capability= given; "
            "DEU data carry no capabilities, so pass them (e.g. GDP or voting weights)."
        )

    def cell(r: list[str], name: str) -> str:
        k = col.get(name)
        return r[k] if k is not None and k < len(r) else ""

    ids, dossiers, pos, sal, rp, out = [], [], [], [], [], []
    filled = 0
    first_line: dict[str, int] = {}
    for line, r in body:
        isnr = cell(r, "isnr").strip().strip('"')
        if isnr and isnr in first_line:
            raise DataFormatError(
                f"{path.name}, line {line}: issue isnr = {isnr!r} is already on line {first_line[isnr]}; "
                "each issue must appear once (a repeat would be scored twice). Remove or renumber one of them."
            )
        first_line[isnr] = line
        ids.append(isnr or f"line{line}")
        dossiers.append(cell(r, "prnr").strip().strip('"') or isnr)
        p = np.array([_num(cell(r, "p" + a), where=f"line {line}, p{a}") for a in actors])
        s = np.array([_num(cell(r, "s" + a), where=f"line {line}, s{a}") for a in actors])
        here = np.isfinite(p)
        blank = here & ~np.isfinite(s)
        if np.any(blank):
            known = here & np.isfinite(s)
            s[blank] = s[known].mean() if known.any() else 50.0
            filled += int(blank.sum())
        pos.append(p)
        sal.append(np.where(here, s, 0.0) / 100.0)
        rp.append(_num(cell(r, "rp"), where=f"line {line}, rp"))
        out.append(_num(cell(r, "out"), where=f"line {line}, out"))
    if not ids:
        raise DataFormatError(f"{path.name}: no issue rows after the header.")
    return SpatialIssues(
        issue_ids=tuple(ids),
        dossier_ids=tuple(dossiers),
        actors=tuple(actors),
        position=np.array(pos),
        salience=np.array(sal),
        capability=cap,
        reference=np.array(rp),
        outcome=np.array(out),
        provenance={
            "source": str(path),
            "format": "DEU (tab-separated)",
            "capability": cap_source,
            "salience_filled_with_issue_mean": filled,
        },
    )


def read_actor_table(path: str | Path, *, issue_id: str = "issue") -> SpatialIssues:
    """Read a one-issue actor table (CSV: actor, capability, position, salience in [0, 1])."""
    path = Path(path)
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    need = {"actor", "capability", "position", "salience"}
    if not rows or not need <= set(rows[0]):
        raise DataFormatError(f"{path.name}: an actor table needs columns {sorted(need)}.")
    return SpatialIssues(
        issue_ids=(issue_id,),
        dossier_ids=(issue_id,),
        actors=tuple(r["actor"] for r in rows),
        position=np.array([[_num(r["position"], where=f"{r['actor']} position") for r in rows]]),
        salience=np.array([[_num(r["salience"], where=f"{r['actor']} salience") for r in rows]]),
        capability=np.array([_num(r["capability"], where=f"{r['actor']} capability") for r in rows]),
        reference=np.array([np.nan]),
        outcome=np.array([np.nan]),
        provenance={"source": str(path), "format": "actor table (CSV)"},
    )


def load_deu3_train() -> SpatialIssues:
    """The shipped DEU III training split (252 issues, 95 dossiers, 30 actors, GDP capabilities)."""
    return read_deu(SHIPPED_POLITICS / "deu3_train.csv")


def load_bdm_emissions() -> SpatialIssues:
    """Bueno de Mesquita's (1994) EU vehicle-emission-standards example (10 actors, scale 4-10)."""
    return read_actor_table(SHIPPED_POLITICS / "eu_emission_standards_actors.csv", issue_id="eu-emissions-1994")


def write_records_csv(path: str | Path, records: list[dict[str, object]]) -> Path:
    """Write records (dicts with the same keys) as a comma-separated file with a header."""
    path = Path(path)
    if not records:
        raise DataFormatError(f"nothing to write to {str(path)!r}: no records.")
    if path.parent and not path.parent.is_dir():
        raise DataFormatError(f"folder {str(path.parent)!r} does not exist; create it or choose another --out path.")
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)
    return path
