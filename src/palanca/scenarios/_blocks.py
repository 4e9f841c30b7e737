"""The blocks a scenario is made of: tariffs, trade costs, content tariffs and published comparators."""

from __future__ import annotations

import dataclasses
import enum
import math
import warnings
from dataclasses import dataclass
from typing import Any

from palanca.errors import PalancaWarning, ScenarioError

__all__ = [
    "Comparator",
    "ContentTariff",
    "ElasticitySet",
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
    codes = tuple(v.strip() for v in value)
    seen: set[str] = set()
    for code in codes:
        if code.upper() in seen:
            raise _err(
                path,
                value,
                f"lists {code!r} more than once (a repeated entry would be applied twice)",
                f"Give {code!r} once.",
            )
        seen.add(code.upper())
    return codes


# Rates above 100% are real (145% on China in April 2025) and only warned about; above MAX_RATE
# (300%) a rate is taken for a percent written by mistake (25 meant as 25%) and refused.
MAX_RATE = 3.0


def _rate(path: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _err(path, value, "must be a number", "Write rates as fractions, e.g. 0.25 for 25%.")
    if not math.isfinite(value):
        raise _err(path, value, "must be a finite number", "Write rates as fractions, e.g. 0.25 for 25%.")
    if value <= -1.0:
        raise _err(path, value, "a rate must exceed −1 (−100%)", "Write rates as fractions: 0.25 is 25%.")
    if value > MAX_RATE:
        raise _err(
            path,
            value,
            f"looks like a percent (rates above {MAX_RATE:g}, i.e. {MAX_RATE:.0%}, are refused)",
            "Write rates as fractions: 0.25 is 25%, not 25.",
        )
    return float(value)


def _warn_high(path: str, label: str, rate: float | None) -> None:
    if rate is not None and rate > 1.0:
        name = f" ({label})" if label else ""
        warnings.warn(
            f"{path}{name}: rate = {rate:g} is {rate:.0%}, above 100%; allowed (145% was applied in 2025), "
            "but check it is not a percent meant as a fraction.",
            PalancaWarning,
            stacklevel=3,
        )


def _bool(path: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise _err(path, value, "must be true or false (without quotes)", "Write e.g. non_compliant_only = true.")
    return value


def _check_keys(path: str, table: dict[str, Any], allowed: set[str], required: set[str]) -> None:
    unknown = set(table) - allowed
    if unknown:
        raise ScenarioError(f"{path}: unknown key(s) {sorted(unknown)}; allowed keys are {sorted(allowed)}.")
    missing = required - set(table)
    if missing:
        raise ScenarioError(f"{path}: missing required key(s) {sorted(missing)}.")


_MODES = ("add", "set", "mfn")


@dataclass(frozen=True)
class TariffBlock:
    """An ad-valorem tariff by one imposer on targets' sectors.

    ``mode = "add"`` adds ``rate`` to the as-of baseline tariff; ``"set"`` replaces it; ``"mfn"``
    replaces the baseline (pre-2025) part of it with the imposer's MFN rate (`palanca.data.mfn_rates`)
    and keeps the 2025–26 measures in force on the as-of date: preferences end. An ``"mfn"`` block has
    no rate (``rate is None``); an ``"add"``/``"set"`` block always has one, so an MFN block can never be
    read as "add 0". With ``non_compliant_only`` the rate applies to the non-USMCA-compliant share only.
    """

    imposer: str
    targets: tuple[str, ...]
    sectors: tuple[str, ...]
    rate: float | None
    mode: str = "add"
    non_compliant_only: bool = False
    label: str = ""

    def __post_init__(self) -> None:
        if self.mode not in _MODES:
            raise _err("mode", self.mode, 'must be "add", "set" or "mfn"', 'Use "add" to stack on the baseline.')
        if self.mode == "mfn" and self.rate is not None:
            raise _err(
                "rate",
                self.rate,
                'an "mfn" block takes the imposer\'s MFN schedule and has no rate',
                'Remove the rate, or use mode = "set" to set a rate.',
            )
        if self.mode != "mfn" and (self.rate is None or isinstance(self.rate, bool)):
            raise _err("rate", self.rate, f'a mode = "{self.mode}" block needs a rate', "Write e.g. rate = 0.25.")

    def with_rate(self, rate: float) -> TariffBlock:
        """The same block at another rate; an MFN block has none to change."""
        if self.mode == "mfn":
            raise ScenarioError(
                f"the block {self.label or self.imposer + ' on ' + '+'.join(self.targets)} applies MFN rates "
                "and has no rate to set; leave it as it is."
            )
        return dataclasses.replace(self, rate=_rate("rate", rate))

    @classmethod
    def from_dict(cls, path: str, d: dict[str, Any]) -> TariffBlock:
        _check_keys(
            path,
            d,
            {"imposer", "targets", "sectors", "rate", "mode", "non_compliant_only", "label"},
            {"imposer", "targets"},
        )
        mode = d.get("mode", "add")
        if mode not in _MODES:
            raise _err(f"{path}.mode", mode, 'must be "add", "set" or "mfn"', 'Use "add" to stack on the baseline.')
        if mode == "mfn" and "rate" in d:
            raise _err(
                f"{path}.rate", d["rate"], 'a mode = "mfn" block uses the imposer\'s MFN schedule', "Remove the rate."
            )
        if mode != "mfn" and "rate" not in d:
            raise ScenarioError(f"{path}: missing required key 'rate'.")
        imposer = _codes(f"{path}.imposer", d["imposer"])
        if len(imposer) != 1:
            raise _err(f"{path}.imposer", d["imposer"], "must be one country", "Split the block.")
        _warn_high(path, str(d.get("label", "")), None if mode == "mfn" else _rate(f"{path}.rate", d["rate"]))
        return cls(
            imposer=imposer[0],
            targets=_codes(f"{path}.targets", d["targets"]),
            sectors=_codes(f"{path}.sectors", d.get("sectors", ["goods"])),
            rate=None if mode == "mfn" else _rate(f"{path}.rate", d["rate"]),
            mode=mode,
            non_compliant_only=_bool(f"{path}.non_compliant_only", d.get("non_compliant_only", False)),
            label=str(d.get("label", "")),
        )

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"imposer": self.imposer, "targets": list(self.targets), "sectors": list(self.sectors)}
        if self.mode != "add":
            d["mode"] = self.mode
        if self.rate is not None:
            d["rate"] = self.rate
        if self.non_compliant_only:
            d["non_compliant_only"] = True
        if self.label:
            d["label"] = self.label
        return d


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

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


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

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


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

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


def _plain(block: Any) -> dict[str, Any]:
    """A block as a TOML-shaped dict (tuples as lists, unset optional values left out)."""
    return {
        k: (list(v) if isinstance(v, tuple) else v)
        for k, v in dataclasses.asdict(block).items()
        if v is not None and v != ""
    }
