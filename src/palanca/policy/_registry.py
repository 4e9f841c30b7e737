"""The dated registry of tariff actions: frozen values read from the shipped ``actions.toml``.

Each `TariffAction` records an authority, scope, rate, stacking rule, effective and end dates,
legal status and sources. The registry is data (``palanca/data/shipped/policy/``, see its
PROVENANCE.md); this module validates it and answers "what was in force on a date".
"""

from __future__ import annotations

import datetime as dt
import enum
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from palanca.errors import PolicyError

__all__ = [
    "POLICY_SHIPPED",
    "ActionStatus",
    "TariffAction",
    "load_registry",
    "newest_date",
    "parse_date",
    "timeline",
]

POLICY_SHIPPED = Path(__file__).resolve().parents[1] / "data" / "shipped" / "policy"

#: EU member states (for targets written "EU").
EU27 = (
    "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL", "ITA",
    "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE",
)  # fmt: skip


class ActionStatus(enum.StrEnum):
    """Legal status of an action today."""

    IN_FORCE = "in_force"
    SUPERSEDED = "superseded"  # replaced by a later action of the same authority
    STRUCK_DOWN = "struck_down"  # held unlawful (IEEPA tariffs: Learning Resources v. Trump)
    EXPIRED = "expired"  # statutory limit reached
    SUSPENDED = "suspended"  # announced or enacted, never collected
    BASELINE = "baseline"  # in force before 2025: part of the shipped worlds' baseline
    EVENT = "event"  # a ruling or review: no rate


_KEYS = {
    "id", "country", "authority", "title", "status", "effective", "end", "targets", "exclude", "sectors", "rate",
    "rates", "floor_targets", "floor_rate", "coverage", "content", "usmca", "usmca_from", "stacking",
    "exempt_list", "alternatives", "sources", "note", "mode", "sector_rates", "value_share",
}  # fmt: skip


def parse_date(value: Any, field_name: str = "as_of") -> dt.date:
    """An ISO date from a string or date; the error names the field and shows the format."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise PolicyError(f"{field_name} = {value!r}: not an ISO date. Write e.g. 2026-12-01.") from None


def _expand(codes: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for c in codes:
        out.extend(EU27 if c == "EU" else (c,))
    return tuple(out)


@dataclass(frozen=True)
class TariffAction:
    """One dated tariff action (see the header of ``actions.toml`` for each field's meaning)."""

    id: str
    country: str
    authority: str
    title: str
    status: ActionStatus
    effective: dt.date
    end: dt.date | None = None
    targets: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ("goods",)
    rate: float = 0.0
    rates: tuple[tuple[str, float], ...] = ()
    floor_targets: tuple[str, ...] = ()
    floor_rate: float = 0.0
    coverage: str = ""
    value_share: float | None = None
    content: float = 1.0
    usmca: str = "none"
    usmca_from: dt.date | None = None
    stacking: str = "stack"
    exempt_list: bool = False
    mode: str = "add"
    sector_rates: tuple[tuple[str, float, float], ...] = ()
    alternatives: tuple[tuple[float, tuple[str, ...]], ...] = ()
    sources: tuple[str, ...] = ()
    note: str = ""
    _rates: dict[str, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        where = f"action {self.id!r}"
        if not self.sources:
            raise PolicyError(f"{where}: sources is empty; every action cites the legal text or a record of it.")
        if self.end is not None and self.end <= self.effective:
            raise PolicyError(f"{where}: end = {self.end} is not after effective = {self.effective}.")
        for name, val in (("rate", self.rate), ("floor_rate", self.floor_rate), *self.rates):
            if not -1.0 < val <= 2.0:
                raise PolicyError(f"{where}: {name} = {val} outside (-1, 2]; write rates as fractions (0.25).")
        if self.value_share is not None and not 0.0 < self.value_share <= 1.0:
            raise PolicyError(f"{where}: value_share = {self.value_share} must lie in (0, 1].")
        if not 0.0 < self.content <= 1.0:
            raise PolicyError(f"{where}: content = {self.content} must lie in (0, 1].")
        if self.usmca not in ("none", "exempt", "non_us_content"):
            raise PolicyError(f"{where}: usmca = {self.usmca!r}; use none, exempt or non_us_content.")
        if self.stacking not in ("stack", "not_on_232"):
            raise PolicyError(f"{where}: stacking = {self.stacking!r}; use stack or not_on_232.")
        if self.mode not in ("add", "floor_at"):
            raise PolicyError(f"{where}: mode = {self.mode!r}; use add or floor_at.")
        object.__setattr__(self, "_rates", dict(self.rates))

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TariffAction:
        where = f"action {d.get('id', '?')!r}"
        unknown = set(d) - _KEYS
        if unknown:
            raise PolicyError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_KEYS)}.")
        for k in ("id", "country", "authority", "title", "status", "effective", "sources"):
            if k not in d:
                raise PolicyError(f"{where}: missing required key {k!r}.")
        try:
            status = ActionStatus(d["status"])
        except ValueError:
            raise PolicyError(
                f"{where}: status = {d['status']!r}; use one of {[s.value for s in ActionStatus]}."
            ) from None
        alts = tuple((float(a["rate"]), tuple(a.get("sources", ()))) for a in d.get("alternatives", ()))
        return cls(
            id=str(d["id"]),
            country=str(d["country"]),
            authority=str(d["authority"]),
            title=str(d["title"]),
            status=status,
            effective=parse_date(d["effective"], f"{where}.effective"),
            end=parse_date(d["end"], f"{where}.end") if d.get("end") else None,
            targets=_expand(tuple(d.get("targets", ()))),
            exclude=_expand(tuple(d.get("exclude", ()))),
            sectors=tuple(d.get("sectors", ("goods",))),
            rate=float(d.get("rate", 0.0)),
            rates=tuple((str(k), float(v)) for k, v in (d.get("rates") or {}).items()),
            floor_targets=_expand(tuple(d.get("floor_targets", ()))),
            floor_rate=float(d.get("floor_rate", 0.0)),
            coverage=str(d.get("coverage", "")),
            value_share=None if d.get("value_share") is None else float(d["value_share"]),
            content=float(d.get("content", 1.0)),
            usmca=str(d.get("usmca", "none")),
            usmca_from=parse_date(d["usmca_from"], f"{where}.usmca_from") if d.get("usmca_from") else None,
            stacking=str(d.get("stacking", "stack")),
            exempt_list=bool(d.get("exempt_list", False)),
            mode=str(d.get("mode", "add")),
            sector_rates=tuple(
                (str(k), float(v["rate"]), float(v["coverage"])) for k, v in (d.get("sector_rates") or {}).items()
            ),
            alternatives=alts,
            sources=tuple(str(s) for s in d["sources"]),
            note=str(d.get("note", "")),
        )

    @property
    def is_event(self) -> bool:
        return self.status is ActionStatus.EVENT

    def in_force(self, on: dt.date) -> bool:
        """Collected on ``on``: effective on or before it, not yet ended, and ever collected at all."""
        if self.status in (ActionStatus.EVENT, ActionStatus.SUSPENDED, ActionStatus.BASELINE):
            return False
        return self.effective <= on and (self.end is None or on < self.end)

    def applies_to(self, partner: str) -> bool:
        if partner == self.country or partner in self.exclude:
            return False
        return "*" in self.targets or partner in self.targets

    def rate_on(self, partner: str) -> float:
        """The ad-valorem rate on ``partner`` (per-target override, else the action's rate)."""
        return self._rates.get(partner, self.rate)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "country": self.country,
            "authority": self.authority,
            "title": self.title,
            "status": self.status.value,
            "effective": self.effective.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "targets": list(self.targets),
            "exclude": list(self.exclude),
            "sectors": list(self.sectors),
            "rate": self.rate,
            "rates": dict(self.rates),
            "floor_targets": list(self.floor_targets),
            "floor_rate": self.floor_rate,
            "coverage": self.coverage,
            "value_share": self.value_share,
            "usmca": self.usmca,
            "stacking": self.stacking,
            "exempt_list": self.exempt_list,
            "alternatives": [{"rate": r, "sources": list(s)} for r, s in self.alternatives],
            "sources": list(self.sources),
            "note": self.note,
        }


@cache
def load_registry(path: str | None = None) -> tuple[TariffAction, ...]:
    """Every action of the shipped registry (or of the TOML file ``path``), in date order."""
    file = Path(path) if path else POLICY_SHIPPED / "actions.toml"
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PolicyError(f"policy registry {file} does not exist; reinstall palanca or pass a path.") from None
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{file}: not valid TOML ({exc}).") from None
    actions = tuple(TariffAction.from_dict(d) for d in data.get("actions", ()))
    ids = [a.id for a in actions]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise PolicyError(f"{file}: duplicate action id(s) {dup}.")
    return tuple(sorted(actions, key=lambda a: (a.effective, a.id)))


def newest_date(actions: tuple[TariffAction, ...] | None = None) -> dt.date:
    """The newest date the registry speaks about: its latest effective or end date."""
    actions = actions or load_registry()
    return max(d for a in actions for d in (a.effective, a.end) if d is not None)


def timeline(country: str | None = None, actions: tuple[TariffAction, ...] | None = None) -> list[TariffAction]:
    """Actions in date order; with ``country``, those it imposes or that target it."""
    actions = actions or load_registry()
    if country is None:
        return list(actions)
    known = {a.country for a in actions} | {t for a in actions for t in a.targets}
    if country not in known and "*" not in {t for a in actions for t in a.targets}:
        raise PolicyError(f"country = {country!r} appears in no action; known: {', '.join(sorted(known))}.")
    return [a for a in actions if a.country == country or a.applies_to(country)]
