r"""The vehicle requirements of the Automotive Appendix: core parts, labour value content, steel and aluminium.

Core parts (App. Art. 3.7-3.9 for passenger vehicles and light trucks; Art. 4.4 for heavy trucks). Each core part
must itself be originating. Under the super-core option (passenger vehicles and light trucks) the parts are taken
as one part whose RVC is

.. math:: RVC_{SC} = \frac{\sum_i NC_i - \sum_i VNM_i}{\sum_i NC_i} \times 100 \ge 75,

with :math:`VNM_i` the non-originating materials in part *i* (a non-originating part counts in full); if it passes,
every core part is originating. A propulsion battery of 8507.60 is excepted from Table A.2 and must be originating
under its own rule (GN 11(k)(iii)(C); CUSMA RoO Regs s. 14(2)-(3)), so it is tested on its own under either method.

Labour value content (App. Art. 7), in points: :math:`LVC = 100\,s_{MM} + \min(100\,s_T, 10) + 5\,[A]`, with
:math:`s_{MM}` high-wage material and manufacturing expenditures as a share of net cost, :math:`s_T` annual North
American R&D and IT wages as a share of annual North American production wages (App. Art. 7.3; 29 CFR 810.200) and
:math:`[A] = 1` where the producer operates, or has a long-term contract with, a high-wage engine, transmission or
advanced-battery assembly plant in North America of the minimum capacity (a single 5-point credit, 29 CFR
810.300); :math:`100\,s_{MM}` must reach the stage's floor.
"""

from __future__ import annotations

import datetime as dt

from palanca.errors import BillOfMaterialsError
from palanca.roo._bom import BillOfMaterials, Material, ProductKind
from palanca.roo._results import OriginTest
from palanca.roo._rules import MELT_AND_POUR_FROM, STEEL_ALUMINIUM_SHARE, lvc_rule, rule_for

__all__ = ["at_least", "calc_lvc", "core_part_tests", "lvc_tests", "metal_tests", "part_content"]

_TOL = 1e-9
TECHNOLOGY_CAP_PP = 10.0
ASSEMBLY_CAP_PP = 5.0


def calc_lvc(material_manufacturing_share: float, technology_share: float, assembly_credit: bool) -> float:
    """LVC in points: material & manufacturing share × 100, technology ≤ 10 points, assembly a single 5-point credit
    (App. Art. 7; 29 CFR 810.200 and 810.300)."""
    return (
        100.0 * material_manufacturing_share
        + min(100.0 * technology_share, TECHNOLOGY_CAP_PP)
        + (ASSEMBLY_CAP_PP if assembly_credit else 0.0)
    )


def at_least(name, label, value, threshold, base_usd, meaning, group, reference, material_based=False, inputs=()):
    """An "at least" test: margin = value − threshold in points and ``margin/100 × base`` in USD."""
    margin = value - threshold
    return OriginTest(
        name,
        label,
        value,
        threshold,
        margin >= -_TOL,
        margin,
        margin / 100.0 * base_usd,
        meaning,
        group,
        reference,
        material_based,
        tuple(inputs),
    )


def part_content(m: Material, originating: bool) -> float:
    """Non-originating value inside a part: all of it if the part is non-originating, else its stated VNM."""
    if not originating:
        return m.value_usd
    if m.non_originating_content_usd is None:
        raise BillOfMaterialsError(
            f"materials[{m.description!r}].non_originating_content_usd = None: the super-core option and the U.S. "
            "roll-up reading need the non-originating content of each originating core part; give it, or its "
            "own bom."
        )
    return m.non_originating_content_usd


def core_part_tests(bom, status, as_of: dt.date, notes: list[str]) -> tuple[list[OriginTest], set[int]]:
    """Tests of the core-parts requirement and the indices of core parts that count as originating.

    ``status[i]`` is material *i*'s originating status (from its declaration or its own BOM).
    """
    core = [i for i, m in enumerate(bom.materials) if m.core_part]
    heavy = bom.kind is ProductKind.HEAVY_TRUCK
    ref = "App. Art. 4.4 (heavy-truck core parts)" if heavy else "App. Arts. 3.7-3.9 and Table A.1 (core parts)"
    if not core:
        notes.append(f"No material is flagged core_part = true: the core-parts requirement ({ref}) was not tested.")
        return [], set()
    batteries = [i for i in core if bom.materials[i].propulsion_battery]
    pooled = [i for i in core if i not in batteries]
    tests, deemed = [], {i for i in core if status[i]}
    if bom.core_parts_method == "super_core" and not heavy and pooled:
        nc = sum(bom.materials[i].part_net_cost_usd or bom.materials[i].value_usd for i in pooled)
        vnm = sum(part_content(bom.materials[i], status[i]) for i in pooled)
        rule = rule_for("core_part", "net_cost", as_of, "alternative_staging" if bom.alternative_staging else "")
        rule = rule or rule_for("core_part", "net_cost", as_of)
        if rule is None:
            raise BillOfMaterialsError(
                f"as_of = {as_of.isoformat()}: no Table A.2 core-part rule is in force for the super-core option "
                "(the USMCA rules apply from 1 July 2020); give a date on or after 2020-07-01."
            )
        t = at_least(
            "core_parts_super_core",
            "Core parts as a super-core, RVC (NC)",
            (nc - vnm) / nc * 100.0,
            rule.threshold_pct,
            nc,
            "non-originating core-part content that could be added (+) or must be replaced (−)",
            "core_parts",
            f"{ref}, super-core option; {rule.citation}",
            True,
            (("super_core_net_cost_usd", nc), ("super_core_non_originating_usd", vnm)),
        )
        tests.append(t)
        if t.passes:
            deemed |= set(pooled)
        if any(m.part_net_cost_usd is None for m in (bom.materials[i] for i in pooled)):
            notes.append("Super-core: a core part without part_net_cost_usd enters at its value_usd in this BOM.")
        check = batteries
    else:
        if bom.core_parts_method == "super_core" and heavy:
            notes.append(
                "The super-core option is for passenger vehicles and light trucks; heavy-truck core parts "
                "are tested one by one (App. Art. 4.4)."
            )
        check = core
    if check:
        total = sum(bom.materials[i].value_usd for i in check)
        orig = sum(bom.materials[i].value_usd for i in check if status[i])
        bad = [bom.materials[i].description for i in check if not status[i]]
        label = "Propulsion battery originating" if check == batteries else "Each core part originating"
        t = at_least(
            "core_parts_originating",
            label,
            100.0 * orig / total if total else 100.0,
            100.0,
            total,
            "value of non-originating core parts that must be replaced by originating ones",
            "core_parts_each",
            ref + ("; battery exception GN 11(k)(iii)(C)" if batteries else ""),
            True,
            (("core_parts_usd", total), ("non_originating_core_parts_usd", total - orig)),
        )
        tests.append(t)
        if bad:
            notes.append("Non-originating core parts: " + ", ".join(bad) + ".")
    return tests, deemed


def lvc_tests(bom: BillOfMaterials, as_of: dt.date, notes: list[str]) -> list[OriginTest]:
    """LVC and its high-wage material and manufacturing floor for the stage in force (App. Art. 7)."""
    rule, lab, nc = lvc_rule(bom.kind.value, as_of), bom.labour, bom.net_cost_usd
    if rule is None:
        raise BillOfMaterialsError(f"as_of = {as_of.isoformat()}: no LVC stage is in force before 1 July 2020.")
    assembly = lab.assembly_credit_declared
    if not assembly:
        notes.append("LVC: no assembly credit (assembly_credit_declared = false; 29 CFR 810.300).")
    meaning = "high-wage expenditure above (+) or below (−) the requirement"
    inputs = (
        ("high_wage_material_manufacturing_share", lab.material_manufacturing_share),
        ("high_wage_technology_share", lab.technology_share),
        ("assembly_credit_pp", ASSEMBLY_CAP_PP if assembly else 0.0),
    )
    lvc = calc_lvc(lab.material_manufacturing_share, lab.technology_share, assembly)
    return [
        at_least(
            "lvc",
            "Labour value content (LVC)",
            lvc,
            rule.total_pp,
            nc,
            meaning,
            "lvc",
            rule.citation + "; credits 29 CFR 810.200, 810.300",
            inputs=inputs,
        ),
        at_least(
            "lvc_high_wage_material_manufacturing",
            "LVC: high-wage material & manufacturing",
            100.0 * lab.material_manufacturing_share,
            rule.material_manufacturing_min_pp,
            nc,
            meaning,
            "lvc_high_wage_material_manufacturing",
            rule.citation,
            inputs=inputs[:1],
        ),
    ]


def metal_tests(bom: BillOfMaterials, status, as_of: dt.date, notes: list[str]) -> list[OriginTest]:
    """70 % originating steel and aluminium purchases (App. Art. 6.1); steel melted and poured from 1 July 2027."""
    out, sa = [], bom.steel_aluminium
    melt = as_of >= MELT_AND_POUR_FROM
    meaning = "annual purchases that could shift to non-originating (+) or must shift to originating (−)"
    for metal in ("steel", "aluminium"):
        ref = "App. Art. 6.1" + (
            "; melted and poured in North America from 1 July 2027" if melt and metal == "steel" else ""
        )
        if sa is not None:
            purchases = getattr(sa, f"{metal}_purchases_usd")
            share = getattr(sa, f"{metal}_north_american_share")
            if melt and metal == "steel":
                if sa.steel_melted_poured_share is None:
                    raise BillOfMaterialsError(
                        f"steel_aluminium.steel_melted_poured_share = None: from 1 July 2027 steel counts only if "
                        f"melted and poured in North America (as_of = {as_of.isoformat()}); give that share."
                    )
                share = sa.steel_melted_poured_share
        else:
            flagged = [i for i, m in enumerate(bom.materials) if getattr(m, metal)]
            if not flagged:
                notes.append(f"No {metal} purchases given or flagged; the {metal} requirement (Art. 6) was not tested.")
                continue
            if melt and metal == "steel":
                raise BillOfMaterialsError(
                    "steel_aluminium = None: from 1 July 2027 the steel requirement needs the producer's purchases "
                    "with steel_melted_poured_share; add a [steel_aluminium] table."
                )
            purchases = sum(bom.materials[i].value_usd for i in flagged)
            share = sum(bom.materials[i].value_usd for i in flagged if status[i]) / purchases if purchases else 0.0
            notes.append(
                f"The {metal} share is estimated from this bill of materials; Art. 6 applies to the "
                "producer's annual purchases: give them in [steel_aluminium]."
            )
        out.append(
            at_least(
                metal,
                f"North American {metal} purchases",
                100.0 * share,
                100.0 * STEEL_ALUMINIUM_SHARE,
                purchases,
                meaning,
                metal,
                ref,
                inputs=((f"{metal}_purchases_usd", purchases), (f"{metal}_share", share)),
            )
        )
    return out
