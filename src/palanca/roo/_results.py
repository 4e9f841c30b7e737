"""Results of a rules-of-origin check: frozen values that render themselves once (`summary`, `to_dict`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from palanca._summary import Summary

__all__ = ["MaterialEffect", "OriginResult", "OriginTest"]


@dataclass(frozen=True)
class OriginTest:
    """One requirement and how the product fares against it.

    Attributes
    ----------
    name : str
        Stable key: ``rvc_net_cost``, ``rvc_transaction_value``, ``core_parts_rvc``, ``lvc``,
        ``lvc_high_wage_material_manufacturing``, ``steel``, ``aluminium``, ``tariff_shift``.
    label : str
        Human-readable name.
    value_pp, threshold_pp : float
        The product's figure and the requirement, in percent (points).
    passes : bool
    margin_pp : float
        By how much it passes (> 0) or fails (< 0), in points. For "at most" tests (de minimis)
        this is threshold − value.
    margin_usd : float
        The same margin in USD; what it counts is in ``margin_usd_meaning``.
    margin_usd_meaning : str
    group : str
        Tests in the same group are alternatives (the two RVC methods): a group passes if any of its tests does.
    reference : str
        Treaty article and table.
    material_based : bool
        Whether the figure is computed from the bill of materials (so materials can be ranked by effect).
    inputs : tuple of (str, float)
        The BOM figures the test is computed from (field name, value), e.g. the labour shares.
    """

    name: str
    label: str
    value_pp: float
    threshold_pp: float
    passes: bool
    margin_pp: float
    margin_usd: float
    margin_usd_meaning: str
    group: str
    reference: str
    material_based: bool = False
    inputs: tuple[tuple[str, float], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "value_pct": self.value_pp,
            "threshold_pct": self.threshold_pp,
            "passes": self.passes,
            "margin_pp": self.margin_pp,
            "margin_usd": self.margin_usd,
            "margin_usd_meaning": self.margin_usd_meaning,
            "group": self.group,
            "reference": self.reference,
            "inputs": dict(self.inputs),
        }


@dataclass(frozen=True)
class MaterialEffect:
    """A non-originating material and its effect on the deciding test.

    Attributes
    ----------
    description, hs_code : str
    value_usd : float
    effect_pp : float
        Points of the deciding test this material costs (value / base × 100).
    flips : bool
        Whether sourcing this material alone as originating would make a failing test pass
        (always False for a passing test).
    """

    description: str
    hs_code: str
    value_usd: float
    effect_pp: float
    flips: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "description": self.description,
            "hs_code": self.hs_code,
            "value_usd": self.value_usd,
            "effect_pp": self.effect_pp,
            "flips": self.flips,
        }


@dataclass(frozen=True)
class OriginResult(Summary):
    """Whether a product qualifies as originating under USMCA, by how much, and which inputs decide it.

    Attributes
    ----------
    product, hs_code, kind : str
    qualifies : bool
        True when every group of tests passes.
    tests : tuple of OriginTest
    binding_test : str
        The test that decides: the failing group's best test with the most negative margin, or, if
        all pass, the passing group with the smallest margin (margins compared in points).
    deciding_test : str
        The material-based test the materials are ranked against (the binding one, or, when the
        binding test is not computed from materials, the closest material-based test).
    deciding_materials : tuple of MaterialEffect
        Non-originating materials within that test's scope, largest effect first.
    notes : tuple of str
    as_of : str
        ISO date of the rules applied.
    non_originating_usd : float
        VNM of the product as counted by the check (after roll-up and the core-parts option).
    """

    product: str
    hs_code: str
    kind: str
    qualifies: bool
    tests: tuple[OriginTest, ...]
    binding_test: str
    deciding_test: str | None
    deciding_materials: tuple[MaterialEffect, ...]
    notes: tuple[str, ...] = ()
    as_of: str = ""
    non_originating_usd: float = 0.0

    def test(self, name: str) -> OriginTest:
        """The test with this name; KeyError listing the names otherwise."""
        for t in self.tests:
            if t.name == name:
                return t
        raise KeyError(f"no test {name!r}; this result has {', '.join(t.name for t in self.tests)}")

    def to_frame(self):  # -> pandas.DataFrame
        """The origin tests as a DataFrame, one row per test (index ``test``), the columns of ``to_dict()["tests"]``."""
        import pandas as pd

        return pd.DataFrame([t.to_dict() for t in self.tests]).set_index("name").rename_axis("test")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping with stable keys."""
        return {
            "product": self.product,
            "hs_code": self.hs_code,
            "kind": self.kind,
            "qualifies": self.qualifies,
            "as_of": self.as_of,
            "non_originating_usd": self.non_originating_usd,
            "binding_test": self.binding_test,
            "deciding_test": self.deciding_test,
            "tests": [t.to_dict() for t in self.tests],
            "deciding_materials": [m.to_dict() for m in self.deciding_materials],
            "notes": list(self.notes),
        }

    @cached_property
    def summary(self) -> str:
        """A plain-text report (the CLI prints it)."""
        verdict = "QUALIFIES as originating" if self.qualifies else "DOES NOT QUALIFY as originating"
        lines = [
            f"{self.product} (HS {self.hs_code}, {self.kind.replace('_', ' ')}): {verdict} under USMCA"
            + (f", rules in force on {self.as_of}" if self.as_of else ""),
            "",
        ]
        head = f"{'test':<44}{'value':>9}{'needs':>9}{'margin pp':>11}{'margin USD':>14}  result"
        lines += [head, "-" * len(head)]
        for t in self.tests:
            op = "≤" if t.name == "tariff_shift" else "≥"
            mark = "pass" if t.passes else "FAIL"
            lines.append(
                f"{t.label:<44}{t.value_pp:>8.2f}%{op:>2}{t.threshold_pp:>6.1f}%{t.margin_pp:>+11.2f}"
                f"{t.margin_usd:>+14,.0f}  {mark}"
            )
        lines.append("")
        b = self.test(self.binding_test)
        word = "fails" if not b.passes else "passes"
        lines.append(
            f"Binding test: {b.label} {word} by {abs(b.margin_pp):.2f} points "
            f"= USD {abs(b.margin_usd):,.0f} ({b.margin_usd_meaning}); {b.reference}."
        )
        if b.inputs:
            lines.append("Decided by: " + ", ".join(f"{k} = {v:,.4g}" for k, v in b.inputs) + ".")
        if self.deciding_materials:
            d = self.test(self.deciding_test) if self.deciding_test else b
            lines.append(f"Largest non-originating materials, by effect on {d.label}:")
            for k, m in enumerate(self.deciding_materials[:5], 1):
                flip = " — originating alone, it would pass" if m.flips else ""
                lines.append(
                    f"  {k}. {m.description} (HS {m.hs_code}) USD {m.value_usd:,.0f} = {m.effect_pp:.2f} points{flip}"
                )
        for n in self.notes:
            lines.append(f"Note: {n}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary
