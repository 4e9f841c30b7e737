r"""The USMCA origin check for a bill of materials, as of a date.

Regional value content (USMCA Art. 4.5):

.. math::

    RVC_{TV} = \frac{TV - VNM}{TV} \times 100, \qquad RVC_{NC} = \frac{NC - VNM}{NC} \times 100,

so :math:`(1 - RVC_{TV}/100)\,TV = (1 - RVC_{NC}/100)\,NC = VNM`. A margin of :math:`m` points is
:math:`m/100 \times` base USD of non-originating materials that could be added (+) or must be replaced (−).
VNM counts materials that are not originating; a material's status comes from its declaration or its own BOM, and
originating materials count in full (roll-up, USMCA Art. 4.5.4; CUSMA RoO Regs s. 14(1)). For the core parts of a
vehicle the roll-up follows the 2022 USMCA panel (*United States — Automotive Rules of Origin*, final report of
14 December 2022), which the United States contests; ``roll_up = "us"`` applies the U.S. reading instead (the
non-originating content of originating core parts stays in the vehicle's VNM).

The RVC methods are alternatives (Art. 4.5.1); the transaction value method only where the product-specific rule
has one. Tariff shift and RVC are alternatives where the rule says "or" (``shift_or_rvc``). Every other test is
required. Thresholds: `palanca.roo.RULES`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from palanca.errors import BillOfMaterialsError
from palanca.roo._automotive import at_least, core_part_tests, lvc_tests, metal_tests, part_content
from palanca.roo._bom import BillOfMaterials, Material, ProductKind
from palanca.roo._results import MaterialEffect, OriginResult, OriginTest
from palanca.roo._rules import DE_MINIMIS_SHARE, RULES, rule_for

__all__ = ["calc_rvc", "check_origin", "parse_as_of"]

_TOL = 1e-9
_SHIFT_DIGITS = {"chapter": 2, "heading": 4, "subheading": 6}
_VNM_MEANING = "non-originating materials that could be added (+) or must be replaced by originating ones (−)"
_ASR_LAST_DAY = dt.date(2025, 6, 30)


def calc_rvc(base_usd: float, non_originating_usd: float) -> float:
    """RVC in percent: (base − VNM) / base × 100, base = TV or NC (USMCA Art. 4.5.2-4.5.3)."""
    return (base_usd - non_originating_usd) / base_usd * 100.0


def parse_as_of(as_of: dt.date | str | None) -> dt.date:
    """A date from a `datetime.date`, an ISO string, or None (today)."""
    if as_of is None:
        return dt.date.today()
    if isinstance(as_of, dt.datetime):
        return as_of.date()
    if isinstance(as_of, dt.date):
        return as_of
    try:
        return dt.date.fromisoformat(str(as_of))
    except ValueError:
        raise BillOfMaterialsError(f"as_of = {as_of!r}: not a date; write it as YYYY-MM-DD, e.g. 2026-07-01.") from None


def _resolve(bom: BillOfMaterials, as_of: dt.date, notes: list[str]) -> BillOfMaterials:
    """Replace each material's own BOM by the status and content it yields on ``as_of``."""
    mats = []
    for m in bom.materials:
        if m.sub_bom is not None:
            r = check_origin(m.sub_bom, as_of=as_of)
            vnm = r.non_originating_usd
            content = m.non_originating_content_usd
            content = min(vnm, m.value_usd) if content is None else content
            notes.append(
                f"{m.description}: {'originating' if r.qualifies else 'not originating'} per its own bill "
                f"of materials (binding test {r.binding_test})."
            )
            m = dataclasses.replace(m, originating=r.qualifies, sub_bom=None, non_originating_content_usd=content)
        mats.append(m)
    return dataclasses.replace(bom, materials=tuple(mats))


def _variant(bom: BillOfMaterials, as_of: dt.date, notes: list[str]) -> str:
    k = bom.kind
    if k is ProductKind.OTHER_VEHICLE:
        return f"art10_{bom.article_10_paragraph}"
    if k is ProductKind.OTHER_VEHICLE_PART:
        engine = bom.hs_code.replace(".", "").startswith(("8407", "8408", "870840"))
        if bom.article_10_paragraph == 1 and not engine:
            notes.append(
                "Other vehicles: the 62.5% of App. Art. 10.1 covers engines of 8407/8408 and goods of 8708.40 only "
                "(HTSUS GN 11, other vehicles (A)(2)); the other Table F goods are at 60% ((B)(3))."
            )
            return "art10_2"
        return f"art10_{bom.article_10_paragraph}"
    if k is ProductKind.HEAVY_TRUCK_PART:
        return f"table_{bom.parts_table.lower()}"
    if bom.alternative_staging:
        if as_of <= _ASR_LAST_DAY:
            return "alternative_staging"
        notes.append(
            f"alternative_staging: the regime's default period ended on {_ASR_LAST_DAY.isoformat()} "
            "(CUSMA RoO Regs s. 19(2)); the standard rules apply."
        )
    return ""


def _rvc_test(method: str, base: float, vnm: float, threshold: float, ref: str, group: str) -> OriginTest:
    label = "RVC, net cost method" if method == "net_cost" else "RVC, transaction value method"
    key = "net_cost_usd" if method == "net_cost" else "transaction_value_usd"
    return at_least(
        f"rvc_{method}",
        label,
        calc_rvc(base, vnm),
        threshold,
        base,
        _VNM_MEANING,
        group,
        ref,
        True,
        ((key, base), ("non_originating_usd", vnm)),
    )


def _rule_rvc_tests(bom, vnm, as_of, notes) -> list[OriginTest]:
    variant = _variant(bom, as_of, notes)
    methods = ["net_cost"] if bom.net_cost_usd is not None else []
    if bom.kind.is_automotive_part and bom.transaction_value_allowed:
        methods.append("transaction_value")
    if not methods:
        raise BillOfMaterialsError(
            f"product.net_cost_usd = None: the {bom.kind.value} rule is computed by the net cost method unless the "
            "product-specific rule includes a transaction value method (GN 11(k)(iii)); give net_cost_usd, or set "
            "transaction_value_allowed = true if the rule has one."
        )
    out = []
    for method in methods:
        rule = rule_for(bom.kind.value, method, as_of, variant)
        if rule is None and not any(r.kind == bom.kind.value and r.method == method for r in RULES):
            raise BillOfMaterialsError(
                f"product.transaction_value_allowed = True: palanca has no {method} rule for {bom.kind.value} "
                "(App. Art. 10 states net cost only); set it to false and give net_cost_usd."
            )
        if rule is None:
            raise BillOfMaterialsError(
                f"as_of = {as_of.isoformat()}: no {bom.kind.value} {method} rule is in force "
                "(the USMCA rules apply from 1 July 2020)."
            )
        base = bom.net_cost_usd if method == "net_cost" else bom.transaction_value_usd
        ref = f"{rule.citation} [{rule.id}]" + ("" if rule.checked else " (stage values not checked in the text)")
        out.append(_rvc_test(method, base, vnm, rule.threshold_pct, ref, "rvc"))
    return out


def _psr_tests(bom: BillOfMaterials, vnm: float, de_minimis: bool) -> list[OriginTest]:
    both = bom.tariff_shift is not None and (bom.rvc_threshold_pct or bom.rvc_net_cost_threshold_pct) is not None
    group = "product_specific_rule" if both and bom.shift_or_rvc == "or" else "rvc"
    ref = f"product-specific rule for HS {bom.hs_code} (USMCA Annex 4-B), computed per Art. 4.5"
    out = []
    if (
        bom.rvc_net_cost_threshold_pct is not None
        and bom.net_cost_usd is not None
        and bom.rvc_method != "transaction_value"
    ):
        out.append(_rvc_test("net_cost", bom.net_cost_usd, vnm, bom.rvc_net_cost_threshold_pct, ref, group))
    if bom.rvc_threshold_pct is not None and bom.rvc_method != "net_cost":
        out.append(_rvc_test("transaction_value", bom.transaction_value_usd, vnm, bom.rvc_threshold_pct, ref, group))
    if bom.tariff_shift is not None:
        out.append(_shift_test(bom, de_minimis, "product_specific_rule" if group != "rvc" else "tariff_shift"))
    return out


def _shift_failures(bom: BillOfMaterials) -> list[Material]:
    digits = _SHIFT_DIGITS[bom.tariff_shift]
    code = bom.hs_code.replace(".", "")
    if len(code) < digits:
        raise BillOfMaterialsError(
            f"product.hs_code = {bom.hs_code!r}: a {bom.tariff_shift} shift needs at least "
            f"{digits} digits; give the full subheading."
        )
    out = []
    for m in bom.materials:
        if m.originating:
            continue
        mc = m.hs_code.replace(".", "")
        if len(mc) < digits:
            raise BillOfMaterialsError(
                f"materials[{m.description!r}].hs_code = {m.hs_code!r}: a {bom.tariff_shift} "
                f"shift needs at least {digits} digits; give the material's full subheading."
            )
        if mc[:digits] == code[:digits]:
            out.append(m)
    return out


def _shift_test(bom: BillOfMaterials, de_minimis: bool, group: str) -> OriginTest:
    """Failing non-originating value as a share of TV (or, if smaller, of total cost) ≤ 0 (or ≤ 10 % de minimis)."""
    tv, tc = bom.transaction_value_usd, bom.total_cost_usd
    failing = sum(m.value_usd for m in _shift_failures(bom))
    base, basis = tv, "transaction value"
    if de_minimis and tc is not None and tc > tv:
        base, basis = tc, "total cost"
    value = failing / base * 100.0
    threshold = 100.0 * DE_MINIMIS_SHARE if de_minimis else 0.0
    margin = threshold - value
    label = "Tariff shift: failing materials" + (f" (de minimis, {basis})" if de_minimis else "")
    ref = f"change of {bom.tariff_shift} (USMCA Art. 4.2, Annex 4-B)"
    ref += "; de minimis Art. 4.12.1, CUSMA RoO Regs s. 5(1)(a)" if de_minimis else ""
    return OriginTest(
        "tariff_shift",
        label,
        value,
        threshold,
        margin >= -_TOL,
        margin,
        margin / 100.0 * base,
        "non-originating materials failing the shift that could be added (+) or must be replaced (−)",
        group,
        ref,
        True,
        (("failing_non_originating_usd", failing), (f"{basis.replace(' ', '_')}_usd", base)),
    )


def _scope(bom: BillOfMaterials, test: OriginTest, counted: list[Material]) -> tuple[list[Material], float]:
    if test.name in ("rvc_net_cost", "rvc_transaction_value"):
        return counted, dict(test.inputs).get("net_cost_usd") or dict(test.inputs)["transaction_value_usd"]
    if test.name.startswith("core_parts"):
        core = [m for m in bom.materials if m.core_part]
        return [m for m in core if not m.originating], sum(m.value_usd for m in core)
    return _shift_failures(bom), dict(test.inputs).get("transaction_value_usd") or dict(test.inputs)["total_cost_usd"]


def check_origin(
    bom: BillOfMaterials,
    *,
    as_of: dt.date | str | None = None,
    de_minimis: bool | None = None,
    roll_up: str | None = None,
    core_parts_method: str | None = None,
) -> OriginResult:
    """Apply the USMCA origin tests that the product's kind calls for, with the rules in force on ``as_of``.

    Parameters
    ----------
    bom : BillOfMaterials
    as_of : date or ISO string, optional
        Date of the rules (default today).
    de_minimis : bool, optional
        Apply the 10 % de minimis rule to an ``other_good``'s tariff shift; None uses the BOM's field.
    roll_up, core_parts_method : str, optional
        Override the BOM's ``roll_up`` (``"panel"``/``"us"``) and ``core_parts_method``
        (``"individual"``/``"super_core"``).

    Returns
    -------
    OriginResult

    Raises
    ------
    BillOfMaterialsError
        For options that do not apply to the kind, missing figures a rule needs, or a date before the rules.
    """
    as_of = parse_as_of(as_of)
    changes = {k: v for k, v in (("roll_up", roll_up), ("core_parts_method", core_parts_method)) if v is not None}
    if de_minimis is not None:
        if de_minimis and bom.kind is not ProductKind.OTHER_GOOD:
            raise BillOfMaterialsError(
                f"de_minimis = True: the de minimis option applies to kind 'other_good' only, "
                f"not {bom.kind.value}; drop --de-minimis."
            )
        changes["de_minimis"] = de_minimis
    if changes:
        bom = dataclasses.replace(bom, **changes)  # validated again at construction
    notes: list[str] = list(bom.notes)
    bom = _resolve(bom, as_of, notes)
    status = [bool(m.originating) for m in bom.materials]
    tests: list[OriginTest] = []
    deemed: set[int] = set()
    vehicle = bom.kind in (ProductKind.PASSENGER_VEHICLE, ProductKind.LIGHT_TRUCK, ProductKind.HEAVY_TRUCK)
    if vehicle:
        tests, deemed = core_part_tests(bom, status, as_of, notes)
    counted = [m for i, m in enumerate(bom.materials) if not (status[i] or i in deemed)]
    vnm = sum(m.value_usd for m in counted)
    if vehicle and bom.roll_up == "us":
        extra = sum(
            part_content(m, status[i])
            for i, m in enumerate(bom.materials)
            if m.core_part and (status[i] or i in deemed)
        )
        vnm += extra
        notes.append(
            f"Roll-up by the U.S. reading: USD {extra:,.0f} of non-originating content in originating core "
            "parts stays in the vehicle's VNM (the 2022 USMCA panel rejected this reading)."
        )
    elif vehicle and any(m.core_part for m in bom.materials):
        notes.append(
            "Originating core parts count in full in the vehicle's RVC, as the 2022 USMCA panel read App. "
            'Art. 3 with Art. 4.5.4; the United States contests that reading (roll_up = "us").'
        )
    battery_psr = bom.kind is ProductKind.CORE_PART and bom.states_own_rule
    if bom.kind is ProductKind.OTHER_GOOD or battery_psr:
        if battery_psr:
            notes.append(
                "A propulsion battery of 8507.60 is originating under its own product-specific rule, not "
                "Table A.2 (GN 11(k)(iii)(C); CUSMA RoO Regs s. 14(3))."
            )
        tests += _psr_tests(bom, vnm, bom.de_minimis)
    else:
        tests += _rule_rvc_tests(bom, vnm, as_of, notes)
    if vehicle:
        tests += lvc_tests(bom, as_of, notes) + metal_tests(bom, status, as_of, notes)
    return _result(bom, tests, counted, as_of, vnm, notes)


def _result(bom, tests, counted, as_of, vnm, notes) -> OriginResult:
    best: dict[str, OriginTest] = {}
    for t in tests:
        if t.group not in best or t.margin_pp > best[t.group].margin_pp:
            best[t.group] = t
    failing = [t for t in best.values() if not t.passes]
    graded = [t for t in best.values() if t.name != "core_parts_originating"] or list(best.values())
    binding = min(failing or graded, key=lambda t: t.margin_pp)
    material_tests = [t for t in best.values() if t.material_based]
    deciding = binding if binding.material_based else min(material_tests, key=lambda t: t.margin_pp, default=None)
    effects: list[MaterialEffect] = []
    if deciding is not None:
        scope, base = _scope(bom, deciding, counted)
        for m in scope:
            eff = m.value_usd / base * 100.0
            flips = (not deciding.passes) and eff >= -deciding.margin_pp - _TOL
            effects.append(MaterialEffect(m.description, m.hs_code, m.value_usd, eff, flips))
        effects.sort(key=lambda e: -e.effect_pp)
    return OriginResult(
        product=bom.name,
        hs_code=bom.hs_code,
        kind=bom.kind.value,
        qualifies=not failing,
        tests=tuple(tests),
        binding_test=binding.name,
        deciding_test=None if deciding is None else deciding.name,
        deciding_materials=tuple(effects),
        notes=tuple(notes),
        as_of=as_of.isoformat(),
        non_originating_usd=vnm,
    )
