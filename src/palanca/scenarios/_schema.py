"""The `Scenario` schema: a what-if as a frozen value, read from TOML.

A scenario file looks like::

    id = "us-tariff-25-mex"
    title = "25% US tariff on Mexican goods (energy 10%)"
    description = "..."
    date = "2025-02-01"
    world = "world2023"
    closure = "fixed_deficit"          # zero_deficit | fixed_deficit | output_multiple
    elasticities = "long_run"          # or "short_run" (theta scaled by short_run_theta_scale)

    [[sources]]
    citation = "Executive Order 14194, 1 Feb 2025"

    [[tariffs]]                        # a tariff block; "retaliation" blocks have the same fields
    imposer = "USA"
    targets = ["MEX"]
    sectors = ["goods", "-energy"]     # codes or group names; "-x" removes x
    rate = 0.25                        # ad-valorem fraction added to the baseline (mode = "add")
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
import enum
from dataclasses import dataclass, field
from typing import Any

from palanca.errors import ScenarioError

__all__ = [
    "Comparator",
    "ContentTariff",
    "ElasticitySet",
    "Scenario",
    "TariffBlock",
    "TradeCostBlock",
]


class ElasticitySet(enum.StrEnum):
    """Long-run trade elasticities (the world's) or short-run ones (scaled down)."""

    LONG_RUN = "long_run"
    SHORT_RUN = "short_run"


def _err(path: str, value: Any, rule: str, fix: str) -> ScenarioError:
    return ScenarioError(f"{path} = {value!r}: {rule}. {fix}")


def _codes(path: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not value or not all(isinstance(v, str) for v in value):
        raise _err(path, value, "must be a non-empty list of codes", 'Write e.g. ["MEX"] or ["goods"].')
    return tuple(v.strip() for v in value)


def _rate(path: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _err(path, value, "must be a number", "Write rates as fractions, e.g. 0.25 for 25%.")
    if value <= -1.0:
        raise _err(path, value, "a rate must exceed −1 (−100%)", "Write rates as fractions: 0.25 is 25%.")
    if value > 10.0:
        raise _err(path, value, "looks like a percent", "Write rates as fractions: 0.25 is 25%, not 25.")
    return float(value)


def _check_keys(path: str, table: dict[str, Any], allowed: set[str], required: set[str]) -> None:
    unknown = set(table) - allowed
    if unknown:
        raise ScenarioError(f"{path}: unknown key(s) {sorted(unknown)}; allowed keys are {sorted(allowed)}.")
    missing = required - set(table)
    if missing:
        raise ScenarioError(f"{path}: missing required key(s) {sorted(missing)}.")


@dataclass(frozen=True)
class TariffBlock:
    """An ad-valorem tariff by one imposer on targets' sectors.

    ``mode = "add"`` adds ``rate`` to the baseline tariff; ``"set"`` replaces it; ``"mfn"`` sets it
    to the imposer's baseline tariff on ``reference`` (a partner without preferences, e.g. CHN in the
    Teti applied-tariff data, which exclude the Section 301 duties) — preferences end. With
    ``non_compliant_only`` the rate applies to the non-USMCA-compliant share of the flow only.
    """

    imposer: str
    targets: tuple[str, ...]
    sectors: tuple[str, ...]
    rate: float
    mode: str = "add"
    non_compliant_only: bool = False
    reference: str = ""
    label: str = ""

    @classmethod
    def from_dict(cls, path: str, d: dict[str, Any]) -> TariffBlock:
        _check_keys(
            path,
            d,
            {"imposer", "targets", "sectors", "rate", "mode", "non_compliant_only", "reference", "label"},
            {"imposer", "targets"},
        )
        mode = d.get("mode", "add")
        if mode not in ("add", "set", "mfn"):
            raise _err(f"{path}.mode", mode, 'must be "add", "set" or "mfn"', 'Use "add" to stack on MFN.')
        if mode == "mfn" and not d.get("reference"):
            raise ScenarioError(f'{path}: mode = "mfn" needs reference = "ISO3" (a non-preferential partner).')
        if mode != "mfn" and "rate" not in d:
            raise ScenarioError(f"{path}: missing required key 'rate'.")
        imposer = _codes(f"{path}.imposer", d["imposer"])
        if len(imposer) != 1:
            raise _err(f"{path}.imposer", d["imposer"], "must be one country", "Split the block.")
        return cls(
            imposer=imposer[0],
            targets=_codes(f"{path}.targets", d["targets"]),
            sectors=_codes(f"{path}.sectors", d.get("sectors", ["goods"])),
            rate=_rate(f"{path}.rate", d.get("rate", 0.0)),
            mode=mode,
            non_compliant_only=bool(d.get("non_compliant_only", False)),
            reference=str(d.get("reference", "")),
            label=str(d.get("label", "")),
        )


@dataclass(frozen=True)
class TradeCostBlock:
    """Iceberg trade-cost change on flows from ``exporters`` to ``importers`` (0.05 = +5%)."""

    importers: tuple[str, ...]
    exporters: tuple[str, ...]
    sectors: tuple[str, ...]
    change: float
    label: str = ""

    @classmethod
    def from_dict(cls, path: str, d: dict[str, Any]) -> TradeCostBlock:
        _check_keys(
            path, d, {"importers", "exporters", "sectors", "change", "label"}, {"importers", "exporters", "change"}
        )
        return cls(
            importers=_codes(f"{path}.importers", d["importers"]),
            exporters=_codes(f"{path}.exporters", d["exporters"]),
            sectors=_codes(f"{path}.sectors", d.get("sectors", ["goods"])),
            change=_rate(f"{path}.change", d["change"]),
            label=str(d.get("label", "")),
        )


@dataclass(frozen=True)
class ContentTariff:
    """A tariff by ``imposer`` on the ``content_origin`` value-added content of ``exporters``' goods."""

    imposer: str
    exporters: tuple[str, ...]
    content_origin: tuple[str, ...]
    rate: float
    sectors: tuple[str, ...] = ("goods",)
    label: str = ""

    @classmethod
    def from_dict(cls, path: str, d: dict[str, Any]) -> ContentTariff:
        _check_keys(
            path,
            d,
            {"imposer", "exporters", "content_origin", "rate", "sectors", "label"},
            {"imposer", "exporters", "content_origin", "rate"},
        )
        return cls(
            imposer=_codes(f"{path}.imposer", d["imposer"])[0],
            exporters=_codes(f"{path}.exporters", d["exporters"]),
            content_origin=_codes(f"{path}.content_origin", d["content_origin"]),
            rate=_rate(f"{path}.rate", d["rate"]),
            sectors=_codes(f"{path}.sectors", d.get("sectors", ["goods"])),
            label=str(d.get("label", "")),
        )


@dataclass(frozen=True)
class Comparator:
    """A published figure to print beside palanca's result."""

    source: str
    country: str
    measure: str
    value_pct: float | None = None
    value_usd_bn: float | None = None
    note: str = ""

    @classmethod
    def from_dict(cls, path: str, d: dict[str, Any]) -> Comparator:
        _check_keys(
            path,
            d,
            {"source", "country", "measure", "value_pct", "value_usd_bn", "note"},
            {"source", "country", "measure"},
        )
        return cls(
            source=str(d["source"]),
            country=str(d["country"]),
            measure=str(d["measure"]),
            value_pct=None if d.get("value_pct") is None else float(d["value_pct"]),
            value_usd_bn=None if d.get("value_usd_bn") is None else float(d["value_usd_bn"]),
            note=str(d.get("note", "")),
        )


_TOP_KEYS = {
    "id",
    "title",
    "description",
    "date",
    "world",
    "closure",
    "elasticities",
    "short_run_theta_scale",
    "sources",
    "tariffs",
    "retaliation",
    "trade_costs",
    "content_tariffs",
    "comparators",
    "variants",
    "notes",
    "lost_agreement",
    "agreement_coefficient",
}
_CLOSURES = ("zero_deficit", "fixed_deficit", "output_multiple", "conditional")


@dataclass(frozen=True)
class Scenario:
    """A named what-if: policy blocks plus the world, closure and elasticities to use.

    Build it with `Scenario.from_dict` (or `palanca.scenarios.load_scenario`); change it with
    `dataclasses.replace` or `Scenario.variant`, never by mutation.
    """

    id: str
    title: str
    description: str = ""
    date: str = ""
    world: str = "world2023"
    closure: str = "fixed_deficit"
    elasticities: ElasticitySet = ElasticitySet.LONG_RUN
    short_run_theta_scale: float = 0.4
    sources: tuple[str, ...] = ()
    tariffs: tuple[TariffBlock, ...] = ()
    retaliation: tuple[TariffBlock, ...] = ()
    trade_costs: tuple[TradeCostBlock, ...] = ()
    content_tariffs: tuple[ContentTariff, ...] = ()
    lost_agreement: tuple[str, ...] = ()
    agreement_coefficient: float = 0.0
    comparators: tuple[Comparator, ...] = ()
    notes: str = ""
    variants: tuple[tuple[str, str], ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.closure not in _CLOSURES:
            raise _err(
                "closure",
                self.closure,
                f"must be one of {list(_CLOSURES)}",
                'Use "fixed_deficit" unless you purge deficits.',
            )
        if not 0 < self.short_run_theta_scale <= 1:
            raise _err(
                "short_run_theta_scale",
                self.short_run_theta_scale,
                "must lie in (0, 1]",
                "Short-run elasticities are a fraction of long-run ones, e.g. 0.4.",
            )

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Scenario:
        """Validate a parsed TOML table; errors name the field, the value and the fix."""
        if not isinstance(d, dict):
            raise ScenarioError("a scenario must be a TOML table (key = value pairs).")
        _check_keys("scenario", d, _TOP_KEYS, {"id", "title"})
        date = d.get("date", "")
        if isinstance(date, dt.date):
            date = date.isoformat()
        elif date:
            try:
                dt.date.fromisoformat(str(date))
            except ValueError:
                raise _err("date", date, "is not an ISO date", 'Write e.g. "2025-02-01".') from None
        elas = d.get("elasticities", "long_run")
        if elas not in ElasticitySet._value2member_map_:
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
            _check_keys(f"variants[{k}]", v, {"id", "title", "set"}, {"id", "set"})
            bad = set(v["set"]) - _TOP_KEYS - {"id"}
            if bad:
                raise ScenarioError(f"variants[{k}].set: unknown key(s) {sorted(bad)}.")
            variants.append((str(v["id"]), str(v.get("title", v["id"]))))
        lost = d.get("lost_agreement", [])
        return cls(
            id=str(d["id"]),
            title=str(d["title"]),
            description=str(d.get("description", "")).strip(),
            date=str(date),
            world=str(d.get("world", "world2023")),
            closure=str(d.get("closure", "fixed_deficit")),
            elasticities=ElasticitySet(elas),
            short_run_theta_scale=float(d.get("short_run_theta_scale", 0.4)),
            sources=tuple(sources),
            tariffs=tuple(TariffBlock.from_dict(f"tariffs[{k}]", t) for k, t in enumerate(d.get("tariffs", []))),
            retaliation=tuple(
                TariffBlock.from_dict(f"retaliation[{k}]", t) for k, t in enumerate(d.get("retaliation", []))
            ),
            trade_costs=tuple(
                TradeCostBlock.from_dict(f"trade_costs[{k}]", t) for k, t in enumerate(d.get("trade_costs", []))
            ),
            content_tariffs=tuple(
                ContentTariff.from_dict(f"content_tariffs[{k}]", t) for k, t in enumerate(d.get("content_tariffs", []))
            ),
            lost_agreement=_codes("lost_agreement", lost) if lost else (),
            agreement_coefficient=float(d.get("agreement_coefficient", 0.0)),
            comparators=tuple(
                Comparator.from_dict(f"comparators[{k}]", c) for k, c in enumerate(d.get("comparators", []))
            ),
            notes=str(d.get("notes", "")).strip(),
            variants=tuple(variants),
            raw=d,
        )

    def variant(self, variant_id: str) -> Scenario:
        """The named variant: this scenario with the variant's keys overridden."""
        for v in self.raw.get("variants", []):
            if v["id"] == variant_id:
                merged = {k: val for k, val in self.raw.items() if k != "variants"}
                merged.update(v["set"])
                merged["id"] = f"{self.id}/{variant_id}"
                merged["title"] = v.get("title", merged["title"])
                return Scenario.from_dict(merged)
        known = [vid for vid, _ in self.variants] or ["(none)"]
        raise ScenarioError(
            f"variant {variant_id!r} is not defined in scenario {self.id!r}; known variants: {', '.join(known)}."
        )
