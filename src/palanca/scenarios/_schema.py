"""The `Scenario` schema: a what-if as a frozen value, read from TOML.

A scenario file looks like::

    id = "us-tariff-25-mex"
    title = "25% US tariff on Mexican goods (energy 10%)"
    description = "..."
    date = "2025-02-01"
    world = "world2023"
    closure = "fixed_deficit"          # zero_deficit | fixed_deficit | output_multiple | conditional
    elasticities = "long_run"          # or "short_run" (theta scaled by short_run_theta_scale)
    as_of = "2026-07-24"               # the baseline: tariffs in force that day (default: newest in the registry)
    policy_date = "2026-02-19"         # optional: the scenario is the registry's policy on this date
    policy_overrides = { us-s122-surcharge = 0.15 }   # optional: another reading of an action's rate
    policy_imposers = ["USA"]          # whose registry actions the policy date changes (default USA, MEX)
    usmca_preferences = true           # false: USMCA-compliant shares lose their exemptions

    [[sources]]
    citation = "Executive Order 14194, 1 Feb 2025"

    [[tariffs]]                        # a tariff block; "retaliation" blocks have the same fields
    imposer = "USA"
    targets = ["MEX"]
    sectors = ["goods", "-energy"]     # codes or group names; "-x" removes x
    rate = 0.25                        # ad-valorem fraction added to the baseline (mode = "add")
                                       # mode = "set" replaces it; mode = "mfn" (no rate): the MFN schedule
    non_compliant_only = false         # apply only to the non-USMCA-compliant share of the flow

    [[trade_costs]]                    # iceberg changes: 0.05 = costs 5% higher
    importers = ["USA"]
    exporters = ["MEX"]
    sectors = ["C29"]
    change = 0.05

    [[content_tariffs]]                # a tariff on a flow's foreign value-added content
    imposer = "USA"
    exporters = ["MEX"]
    content_origin = ["CHN"]
    rate = 0.25

    [[comparators]]                    # published figures printed beside palanca's
    source = "PIIE (McKibbin et al. 2025)"
    country = "MEX"
    measure = "GDP"
    value_pct = -2.0
    note = "peak deviation, dynamic G-Cubed model"

    [[variants]]                       # named alternatives: overrides of top-level keys
    id = "usmca-exempt"
    title = "... with the USMCA-compliant exemption of March 2025"
    [variants.set]
    tariffs = [...]
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
import warnings
from dataclasses import dataclass
from typing import Any

from palanca.errors import PalancaWarning, PolicyError, ScenarioError
from palanca.model import Closure
from palanca.policy import parse_date
from palanca.scenarios._blocks import (
    Comparator,
    ContentTariff,
    ElasticitySet,
    TariffBlock,
    TradeCostBlock,
    _check_keys,
    _codes,
    _err,
)

__all__ = [
    "Comparator",
    "ContentTariff",
    "ElasticitySet",
    "Scenario",
    "TariffBlock",
    "TradeCostBlock",
    "Variant",
]

_TOP_KEYS = {
    "id", "title", "description", "date", "world", "closure", "elasticities", "short_run_theta_scale", "sources",
    "tariffs", "retaliation", "trade_costs", "content_tariffs", "comparators", "variants", "notes",
    "lost_agreement", "agreement_coefficient", "agreement_mapping", "as_of", "policy_date", "policy_overrides",
    "usmca_preferences", "policy_imposers",
}  # fmt: skip


def _iso(name: str, value: Any) -> str:
    """``value`` as the scenario records it: a date as ISO text, text as written once `parse_date` accepts it."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if not value:
        return ""
    try:
        parse_date(value, name)
    except PolicyError:
        raise _err(name, value, "is not an ISO date", 'Write e.g. "2025-02-01".') from None
    return str(value)


def _closure(value: Any) -> Closure:
    if isinstance(value, Closure):
        return value
    try:
        return Closure(value)
    except (ValueError, TypeError):
        raise _err(
            "closure",
            value,
            f"must be one of {[c.value for c in Closure]}",
            'Use "fixed_deficit" unless you purge deficits.',
        ) from None


@dataclass(frozen=True)
class Variant:
    """A named alternative of a scenario: overrides of its top-level keys (as TOML values)."""

    id: str
    title: str
    overrides_json: str

    @property
    def overrides(self) -> dict[str, Any]:
        return json.loads(self.overrides_json)

    def __iter__(self):  # (id, title), as listed by `palanca scenario list`
        return iter((self.id, self.title or self.id))


def _tables(d: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """``d[key]`` as a list of tables (``[[key]]`` blocks), or an error naming the key."""
    v = d.get(key, [])
    if not isinstance(v, list) or not all(isinstance(t, dict) for t in v):
        raise _err(key, v, "must be a list of tables", f"Write each block as [[{key}]] followed by key = value lines.")
    return v


def _text(path: str, v: Any) -> str:
    if not isinstance(v, str):
        raise _err(path, v, "must be a string", 'Write it in double quotes, e.g. "us-tariff-25-mex".')
    return v


def _number(path: str, v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
        raise _err(path, v, "must be a finite number", "Write a number without quotes.")
    return float(v)


def _warn_duplicates(kind: str, blocks: tuple[TariffBlock, ...]) -> None:
    seen: dict[tuple[Any, ...], int] = {}
    for k, b in enumerate(blocks):
        key = (b.imposer, b.targets, b.sectors, b.mode, b.non_compliant_only)
        if key in seen:
            warnings.warn(
                f"{kind}[{seen[key]}] and {kind}[{k}] are the same block ({b.imposer} on {'+'.join(b.targets)} "
                f"[{', '.join(b.sectors)}], mode {b.mode}); their rates stack. Merge them if that is not meant.",
                PalancaWarning,
                stacklevel=3,
            )
        else:
            seen[key] = k


@dataclass(frozen=True)
class Scenario:
    """A named what-if: policy blocks plus the world, closure, elasticities and as-of date to use.

    Build it with `Scenario.from_dict` (or `palanca.scenarios.load_scenario`); change it with
    `dataclasses.replace` or `Scenario.variant`, never by mutation. The fields are the only record of
    the scenario: `to_dict` is derived from them, so a replaced field is kept by variants.
    """

    id: str
    title: str
    description: str = ""
    date: str = ""
    world: str = "world2023"
    closure: Closure = Closure.FIXED_DEFICIT
    elasticities: ElasticitySet = ElasticitySet.LONG_RUN
    short_run_theta_scale: float = 0.4
    sources: tuple[str, ...] = ()
    tariffs: tuple[TariffBlock, ...] = ()
    retaliation: tuple[TariffBlock, ...] = ()
    trade_costs: tuple[TradeCostBlock, ...] = ()
    content_tariffs: tuple[ContentTariff, ...] = ()
    lost_agreement: tuple[str, ...] = ()
    agreement_coefficient: float | None = None
    agreement_mapping: str = "common"
    comparators: tuple[Comparator, ...] = ()
    notes: str = ""
    variants: tuple[Variant, ...] = ()
    as_of: str = ""
    policy_date: str = ""
    policy_overrides: tuple[tuple[str, float], ...] = ()
    usmca_preferences: bool = True
    policy_imposers: tuple[str, ...] = ("USA", "MEX")

    def __post_init__(self) -> None:
        object.__setattr__(self, "closure", _closure(self.closure))
        object.__setattr__(self, "as_of", _iso("as_of", self.as_of))
        object.__setattr__(self, "policy_date", _iso("policy_date", self.policy_date))
        if not 0 < self.short_run_theta_scale <= 1:
            raise _err(
                "short_run_theta_scale",
                self.short_run_theta_scale,
                "must lie in (0, 1]",
                "Short-run elasticities are a fraction of long-run ones, e.g. 0.4.",
            )
        bad = [c for c in self.policy_imposers if c not in ("USA", "MEX")]
        if bad or not self.policy_imposers:
            raise _err(
                "policy_imposers",
                list(self.policy_imposers),
                "the policy registry holds actions by USA and MEX only",
                'Write e.g. ["USA"] or ["USA", "MEX"].',
            )
        if self.agreement_mapping not in ("common", "flow"):
            raise _err(
                "agreement_mapping", self.agreement_mapping, 'must be "common" or "flow"', 'Use "common" (the default).'
            )
        for k, v in self.policy_overrides:
            if isinstance(v, bool) or not isinstance(v, int | float) or not 0 <= v <= 2:
                raise _err(f"policy_overrides.{k}", v, "must be a rate in [0, 2]", "Write e.g. 0.15 for 15%.")

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Scenario:
        """Validate a parsed TOML table; errors name the field, the value and the fix."""
        if not isinstance(d, dict):
            raise ScenarioError("a scenario must be a TOML table (key = value pairs).")
        _check_keys("scenario", d, _TOP_KEYS, {"id", "title"})
        elas = d.get("elasticities", "long_run")
        if not isinstance(elas, str) or elas not in ElasticitySet._value2member_map_:
            raise _err("elasticities", elas, 'must be "long_run" or "short_run"', "")
        sources = []
        for k, s in enumerate(d.get("sources", [])):
            if isinstance(s, dict):
                if "citation" not in s:
                    raise ScenarioError(f"sources[{k}]: missing required key 'citation'.")
                sources.append(str(s["citation"]) + (f" <{s['url']}>" if s.get("url") else ""))
            else:
                sources.append(str(s))
        variants = []
        for k, v in enumerate(d.get("variants", [])):
            if isinstance(v, Variant):
                variants.append(v)
                continue
            if not isinstance(v, dict) or not isinstance(v.get("set", {}), dict):
                raise _err(f"variants[{k}]", v, "must be a table with a set table", "Write [[variants]] blocks.")
            _check_keys(f"variants[{k}]", v, {"id", "title", "set"}, {"id", "set"})
            bad = set(v["set"]) - _TOP_KEYS - {"id"}
            if bad:
                raise ScenarioError(f"variants[{k}].set: unknown key(s) {sorted(bad)}.")
            variants.append(Variant(str(v["id"]), str(v.get("title", "")), json.dumps(v["set"], default=str)))
        lost = d.get("lost_agreement", [])
        overrides = d.get("policy_overrides") or {}
        if not isinstance(overrides, dict):
            raise _err("policy_overrides", overrides, "must be a table", "Write e.g. { us-s122-surcharge = 0.15 }.")
        usmca = d.get("usmca_preferences", True)
        if not isinstance(usmca, bool):
            raise _err("usmca_preferences", usmca, "must be true or false (without quotes)", "")
        tariffs = tuple(TariffBlock.from_dict(f"tariffs[{k}]", t) for k, t in enumerate(_tables(d, "tariffs")))
        retaliation = tuple(
            TariffBlock.from_dict(f"retaliation[{k}]", t) for k, t in enumerate(_tables(d, "retaliation"))
        )
        _warn_duplicates("tariffs", tariffs)
        _warn_duplicates("retaliation", retaliation)
        return cls(
            id=_text("id", d["id"]),
            title=_text("title", d["title"]),
            description=_text("description", d.get("description", "")).strip(),
            date=_iso("date", d.get("date", "")),
            world=_text("world", d.get("world", "world2023")),
            closure=_closure(d.get("closure", "fixed_deficit")),
            elasticities=ElasticitySet(elas),
            short_run_theta_scale=_number("short_run_theta_scale", d.get("short_run_theta_scale", 0.4)),
            sources=tuple(sources),
            tariffs=tariffs,
            retaliation=retaliation,
            trade_costs=tuple(
                TradeCostBlock.from_dict(f"trade_costs[{k}]", t) for k, t in enumerate(_tables(d, "trade_costs"))
            ),
            content_tariffs=tuple(
                ContentTariff.from_dict(f"content_tariffs[{k}]", t) for k, t in enumerate(_tables(d, "content_tariffs"))
            ),
            lost_agreement=_codes("lost_agreement", lost) if lost else (),
            agreement_coefficient=None
            if d.get("agreement_coefficient") is None
            else _number("agreement_coefficient", d["agreement_coefficient"]),
            agreement_mapping=_text("agreement_mapping", d.get("agreement_mapping", "common")),
            comparators=tuple(
                Comparator.from_dict(f"comparators[{k}]", c) for k, c in enumerate(_tables(d, "comparators"))
            ),
            notes=_text("notes", d.get("notes", "")).strip(),
            variants=tuple(variants),
            as_of=_iso("as_of", d.get("as_of", "")),
            policy_date=_iso("policy_date", d.get("policy_date", "")),
            policy_overrides=tuple((str(k), v) for k, v in overrides.items()),
            usmca_preferences=usmca,
            policy_imposers=_codes("policy_imposers", d.get("policy_imposers", ["USA", "MEX"])),
        )

    def to_dict(self) -> dict[str, Any]:
        """The scenario as a TOML-shaped dict that `from_dict` reads back to an equal value."""
        d: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "date": self.date,
            "world": self.world,
            "closure": self.closure.value,
            "elasticities": self.elasticities.value,
            "short_run_theta_scale": self.short_run_theta_scale,
            "sources": list(self.sources),
            "as_of": self.as_of,
            "policy_date": self.policy_date,
            "policy_overrides": dict(self.policy_overrides),
            "usmca_preferences": self.usmca_preferences,
            "policy_imposers": list(self.policy_imposers),
            "lost_agreement": list(self.lost_agreement),
            "agreement_coefficient": self.agreement_coefficient,
            "agreement_mapping": self.agreement_mapping,
            "notes": self.notes,
        }
        d = {
            k: v
            for k, v in d.items()
            if v is not None and v not in ("", [], {}) and not (k == "agreement_mapping" and v == "common")
        }
        for name in ("tariffs", "retaliation", "trade_costs", "content_tariffs", "comparators"):
            items = [b.to_dict() for b in getattr(self, name)]
            if items:
                d[name] = items
        if self.variants:
            d["variants"] = [
                {"id": v.id, **({"title": v.title} if v.title else {}), "set": v.overrides} for v in self.variants
            ]
        return d

    def variant(self, variant_id: str) -> Scenario:
        """The named variant: this scenario (as it is now) with the variant's keys overridden."""
        for v in self.variants:
            if v.id == variant_id:
                merged = {k: val for k, val in self.to_dict().items() if k != "variants"}
                merged.update(v.overrides)
                merged["id"] = f"{self.id}/{variant_id}"
                merged["title"] = v.title or merged["title"]
                return Scenario.from_dict(merged)
        known = [v.id for v in self.variants] or ["(none)"]
        close = difflib.get_close_matches(variant_id, [v.id for v in self.variants], n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise ScenarioError(
            f"variant {variant_id!r} is not defined in scenario {self.id!r}; {hint}known variants: {', '.join(known)}."
        )
