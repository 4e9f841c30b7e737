r"""The USMCA origin tests for a bill of materials.

The ``calc_*`` functions are functional kernels (numbers in, numbers out); `check_origin` applies
the tests that the product's kind calls for and returns an `OriginResult`.

Regional value content (USMCA Art. 4.5):

.. math::

    RVC_{TV} = \frac{TV - VNM}{TV} \times 100, \qquad RVC_{NC} = \frac{NC - VNM}{NC} \times 100,

so that :math:`(1 - RVC_{TV}/100)\,TV = (1 - RVC_{NC}/100)\,NC = VNM`: with :math:`NC \le TV` the
net-cost figure is the lower one, which is why Tables A.2–C set the transaction-value thresholds ten
points higher. A margin of :math:`m` points is :math:`m/100 \times` base USD of non-originating
materials that could be added (:math:`m > 0`) or must be replaced by originating ones (:math:`m < 0`).

Labour value content (Automotive Appendix, Art. 7), in points of net cost:

.. math::

    LVC = 100\,\big(s_{MM} + \min(s_{T}, 0.10) + \min(s_{A}, 0.05)\big), \qquad 100\,s_{MM} \ge 25\ (30),

with :math:`s_{MM}, s_T, s_A` the high-wage (≥ US$16/hour) material and manufacturing, technology and
assembly expenditures as shares of net cost.

References
----------
.. [1] Agreement between the United States of America, the United Mexican States, and Canada
   (USMCA), Chapter 4 (Rules of Origin), Articles 4.5 and 4.12, and the Appendix to Annex 4-B
   (automotive goods), Articles 3, 4, 6 and 7.
"""

from __future__ import annotations

from palanca.roo._bom import BillOfMaterials, Material, ProductKind
from palanca.roo._results import MaterialEffect, OriginResult, OriginTest
from palanca.roo._thresholds import (
    ASSEMBLY_CAP_PP,
    CORE_PARTS_RVC_PP,
    DE_MINIMIS_SHARE,
    LVC_RULES,
    RVC_RULES,
    STEEL_ALUMINIUM_SHARE,
    TECHNOLOGY_CAP_PP,
)
from palanca.errors import BillOfMaterialsError

__all__ = ["calc_lvc", "calc_rvc", "check_origin"]

_TOL = 1e-9
_SHIFT_DIGITS = {"chapter": 2, "heading": 4, "subheading": 6}
_VNM_MEANING = "non-originating materials that could be added (+) or must be replaced by originating ones (−)"


def calc_rvc(base_usd: float, non_originating_usd: float) -> float:
    """RVC in percent: (base − VNM) / base × 100, base = TV or NC (USMCA Art. 4.5.2–4.5.3)."""
    return (base_usd - non_originating_usd) / base_usd * 100.0


def calc_lvc(material_manufacturing_share: float, technology_share: float, assembly_share: float) -> float:
    """LVC in percent of net cost; technology counts ≤ 10 and assembly ≤ 5 points (Automotive Appendix, Art. 7)."""
    return (
        100.0 * material_manufacturing_share
        + min(100.0 * technology_share, TECHNOLOGY_CAP_PP)
        + min(100.0 * assembly_share, ASSEMBLY_CAP_PP)
    )


def _at_least(
    name, label, value, threshold, base_usd, meaning, group, reference, material_based=False, inputs=()
) -> OriginTest:
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


def _rvc_tests(bom: BillOfMaterials) -> list[OriginTest]:
    vnm = bom.non_originating_usd
    if bom.kind is ProductKind.OTHER_GOOD:
        if bom.rvc_threshold_pct is None:
            return []
        nc_pp = tv_pp = float(bom.rvc_threshold_pct)
        ref = f"product-specific rule for HS {bom.hs_code} (USMCA Annex 4-B), computed per Art. 4.5"
        use_nc = bom.rvc_method in ("either", "net_cost") and bom.net_cost_usd is not None
        use_tv = bom.rvc_method in ("either", "transaction_value")
    else:
        rule = RVC_RULES[bom.kind.value]
        nc_pp, tv_pp, ref = rule.net_cost_pp, rule.transaction_value_pp, rule.reference
        use_nc = bom.net_cost_usd is not None
        use_tv = tv_pp is not None
    out = []
    if use_nc:
        nc = bom.net_cost_usd
        out.append(
            _at_least(
                "rvc_net_cost",
                "RVC, net cost method",
                calc_rvc(nc, vnm),
                nc_pp,
                nc,
                _VNM_MEANING,
                "rvc",
                ref,
                True,
                (("net_cost_usd", nc), ("non_originating_usd", vnm)),
            )
        )
    if use_tv:
        tv = bom.transaction_value_usd
        out.append(
            _at_least(
                "rvc_transaction_value",
                "RVC, transaction value method",
                calc_rvc(tv, vnm),
                tv_pp,
                tv,
                _VNM_MEANING,
                "rvc",
                ref,
                True,
                (("transaction_value_usd", tv), ("non_originating_usd", vnm)),
            )
        )
    return out


def _core_test(bom: BillOfMaterials, notes: list[str]) -> list[OriginTest]:
    if bom.kind not in (ProductKind.PASSENGER_VEHICLE, ProductKind.LIGHT_TRUCK):
        if bom.kind is ProductKind.HEAVY_TRUCK:
            notes.append("The heavy-truck core-parts requirement (Automotive Appendix, Art. 4) is not tested.")
        return []
    core = [m for m in bom.materials if m.core_part]
    if not core:
        notes.append("No material is flagged core_part = true: the core-parts requirement (Art. 3.2) was not tested.")
        return []
    total = sum(m.value_usd for m in core)
    vnm = sum(m.value_usd for m in core if not m.originating)
    notes.append(
        "Core parts are tested together as one aggregate (value-weighted); the per-part RVC of Table A.2 and the "
        "super-core averaging option (Table S) are not modelled."
    )
    return [
        _at_least(
            "core_parts_rvc",
            "Core parts (taken together), RVC",
            calc_rvc(total, vnm),
            CORE_PARTS_RVC_PP,
            total,
            "non-originating core-part value that could be added (+) or must be replaced (−)",
            "core_parts",
            "USMCA Automotive Appendix, Art. 3.2 and Table A.2",
            True,
            (("core_parts_usd", total), ("non_originating_core_parts_usd", vnm)),
        )
    ]


def _lvc_tests(bom: BillOfMaterials) -> list[OriginTest]:
    rule, lab, nc = LVC_RULES[bom.kind.value], bom.labour, bom.net_cost_usd
    meaning = "high-wage expenditure above (+) or below (−) the requirement"
    lvc = calc_lvc(lab.material_manufacturing_share, lab.technology_share, lab.assembly_share)
    inputs = (
        ("high_wage_material_manufacturing_share", lab.material_manufacturing_share),
        ("high_wage_technology_share", lab.technology_share),
        ("high_wage_assembly_share", lab.assembly_share),
    )
    return [
        _at_least(
            "lvc", "Labour value content (LVC)", lvc, rule.total_pp, nc, meaning, "lvc", rule.reference, inputs=inputs
        ),
        _at_least(
            "lvc_high_wage_material_manufacturing",
            "LVC: high-wage material & manufacturing",
            100.0 * lab.material_manufacturing_share,
            rule.material_manufacturing_min_pp,
            nc,
            meaning,
            "lvc_high_wage_material_manufacturing",
            rule.reference,
            inputs=inputs[:1],
        ),
    ]


def _metal_tests(bom: BillOfMaterials, notes: list[str]) -> list[OriginTest]:
    out = []
    ref = "USMCA Automotive Appendix, Art. 6.1"
    meaning = "annual purchases that could shift to non-originating (+) or must shift to originating (−)"
    for metal in ("steel", "aluminium"):
        sa = bom.steel_aluminium
        if sa is not None:
            purchases = getattr(sa, f"{metal}_purchases_usd")
            share = getattr(sa, f"{metal}_north_american_share")
        else:
            flagged = [m for m in bom.materials if getattr(m, metal)]
            if not flagged:
                notes.append(f"No {metal} purchases given or flagged; the {metal} requirement (Art. 6) was not tested.")
                continue
            purchases = sum(m.value_usd for m in flagged)
            share = sum(m.value_usd for m in flagged if m.originating) / purchases if purchases > 0 else 0.0
            notes.append(
                f"The {metal} share is estimated from this bill of materials; Art. 6 applies to the producer's annual "
                "purchases: give them in [steel_aluminium]."
            )
        out.append(
            _at_least(
                metal,
                f"North American {metal} purchases",
                100.0 * share,
                100.0 * STEEL_ALUMINIUM_SHARE,
                purchases,
                meaning,
                metal,
                ref,
                inputs=((f"{metal}_purchases_usd", purchases), (f"{metal}_north_american_share", share)),
            )
        )
    return out


def _shift_failures(bom: BillOfMaterials) -> list[Material]:
    digits = _SHIFT_DIGITS[bom.tariff_shift]
    code = bom.hs_code.replace(".", "")
    if len(code) < digits:
        raise BillOfMaterialsError(
            f"product.hs_code = {bom.hs_code!r}: a {bom.tariff_shift} shift needs at least {digits} digits; "
            "give the full subheading."
        )
    out = []
    for m in bom.materials:
        if m.originating:
            continue
        mc = m.hs_code.replace(".", "")
        if len(mc) < digits:
            raise BillOfMaterialsError(
                f"materials[{m.description!r}].hs_code = {m.hs_code!r}: a {bom.tariff_shift} shift needs at least "
                f"{digits} digits; give the material's full subheading."
            )
        if mc[:digits] == code[:digits]:
            out.append(m)
    return out


def _shift_test(bom: BillOfMaterials, de_minimis: bool) -> OriginTest:
    tv = bom.transaction_value_usd
    failing = sum(m.value_usd for m in _shift_failures(bom))
    value = failing / tv * 100.0
    threshold = 100.0 * DE_MINIMIS_SHARE if de_minimis else 0.0
    margin = threshold - value
    label = "Tariff shift: failing materials" + (" (de minimis)" if de_minimis else "")
    ref = f"change of {bom.tariff_shift} (USMCA Art. 4.2, Annex 4-B)"
    ref += "; de minimis Art. 4.12.1" if de_minimis else ""
    return OriginTest(
        "tariff_shift",
        label,
        value,
        threshold,
        margin >= -_TOL,
        margin,
        margin / 100.0 * tv,
        "non-originating materials failing the shift that could be added (+) or must be replaced (−)",
        "tariff_shift",
        ref,
        True,
        (("failing_non_originating_usd", failing), ("transaction_value_usd", tv)),
    )


def _scope(bom: BillOfMaterials, test: OriginTest) -> tuple[list[Material], float]:
    if test.name == "rvc_net_cost":
        return [m for m in bom.materials if not m.originating], bom.net_cost_usd
    if test.name == "rvc_transaction_value":
        return [m for m in bom.materials if not m.originating], bom.transaction_value_usd
    if test.name == "core_parts_rvc":
        core = [m for m in bom.materials if m.core_part]
        return [m for m in core if not m.originating], sum(m.value_usd for m in core)
    return _shift_failures(bom), bom.transaction_value_usd


def _best_by_group(tests: list[OriginTest]) -> dict[str, OriginTest]:
    best: dict[str, OriginTest] = {}
    for t in tests:
        if t.group not in best or t.margin_pp > best[t.group].margin_pp:
            best[t.group] = t
    return best


def check_origin(bom: BillOfMaterials, *, de_minimis: bool | None = None) -> OriginResult:
    """Apply the USMCA origin tests that the product's kind calls for.

    Parameters
    ----------
    bom : BillOfMaterials
    de_minimis : bool, optional
        Apply the 10 % de minimis rule (Art. 4.12.1) to the tariff-shift test of an ``other_good``;
        None (default) uses the BOM's ``de_minimis`` field.

    Returns
    -------
    OriginResult
        ``qualifies``, every test's value, threshold and margin (points and USD), the binding test
        and the non-originating materials ranked by their effect on it.

    Raises
    ------
    BillOfMaterialsError
        If ``de_minimis`` is asked for an automotive good, or HS codes are too short for the tariff shift.

    Notes
    -----
    Vehicles (passenger vehicles, light trucks, heavy trucks): RVC by net cost, core parts (passenger
    vehicles and light trucks), LVC and its high-wage material and manufacturing floor, steel and
    aluminium. Parts: RVC by net cost (if NC is given) or transaction value, either sufficing.
    Other goods: the RVC and/or tariff shift their product-specific rule states. The two RVC methods
    are alternatives (Art. 4.5.1); every other test is required. Thresholds: `_thresholds`.
    """
    if de_minimis is None:
        de_minimis = bom.de_minimis
    elif de_minimis and bom.kind is not ProductKind.OTHER_GOOD:
        raise BillOfMaterialsError(
            f"de_minimis = True: the de minimis option applies to kind 'other_good' only, not {bom.kind.value}; "
            "drop --de-minimis."
        )
    notes: list[str] = list(bom.notes)
    tests = _rvc_tests(bom)
    if bom.kind.is_vehicle:
        tests += _core_test(bom, notes) + _lvc_tests(bom) + _metal_tests(bom, notes)
    if bom.kind is ProductKind.HEAVY_TRUCK:
        notes.append("Heavy-truck RVC 70% applies from 1 July 2027 (64% from 1 July 2024; Automotive Appendix Art. 4).")
    if bom.kind is ProductKind.OTHER_GOOD and bom.tariff_shift is not None:
        tests.append(_shift_test(bom, de_minimis))
    elif de_minimis and bom.kind is ProductKind.OTHER_GOOD:
        notes.append("de minimis (Art. 4.12) relieves only a tariff-shift rule; this product's rule has none.")

    best = _best_by_group(tests)
    failing = [t for t in best.values() if not t.passes]
    binding = min(failing or best.values(), key=lambda t: t.margin_pp)
    material_tests = [t for t in best.values() if t.material_based]
    deciding = binding if binding.material_based else min(material_tests, key=lambda t: t.margin_pp, default=None)
    effects: list[MaterialEffect] = []
    if deciding is not None:
        scope, base = _scope(bom, deciding)
        for m in scope:
            eff = m.value_usd / base * 100.0
            effects.append(
                MaterialEffect(
                    m.description,
                    m.hs_code,
                    m.value_usd,
                    eff,
                    (not deciding.passes) and eff >= -deciding.margin_pp - _TOL,
                )
            )
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
    )
