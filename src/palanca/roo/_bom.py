"""The bill of materials (BOM): frozen values validated at construction. TOML reading is in `_load`.

Originating status is a property of each material, stated in one of two ways: ``originating = true/false`` (a
supplier's certification of origin or the producer's own determination) or ``bom = "part.toml"`` (the material's
own bill of materials, checked as of the same date). The country a material comes from (``origin``) does not make
it originating (USMCA Art. 4.2): it is used only to count U.S. content for Section 232 (`calc_non_us_content`).

Every error names the field, the value and the fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from palanca.roo._bom_parts import (
    LabourContent,
    Material,
    ProductKind,
    SteelAluminium,
    _err,
    _flag,
    _hs,
    _number,
    _percent,
)

__all__ = ["BillOfMaterials", "LabourContent", "Material", "ProductKind", "SteelAluminium"]

_VEHICLE_OPTIONS = ("alternative_staging", "core_parts_method", "roll_up")
_ASR_KINDS = (ProductKind.PASSENGER_VEHICLE, ProductKind.LIGHT_TRUCK, ProductKind.CORE_PART)
_DIESEL_ONLY = ("870331", "870332", "870333")
_VEHICLE_HEADINGS = {
    ProductKind.PASSENGER_VEHICLE: (("8703",), "8703.21-8703.90"),
    ProductKind.LIGHT_TRUCK: (("870421", "870431", "870441", "870451", "870460"), "8704.21 or 8704.31 (HS 2012)"),
    ProductKind.HEAVY_TRUCK: (
        ("87012", "870422", "870423", "870432", "870442", "870443", "870452", "870453", "870460", "870490", "8706"),
        "8701.20, 8704.22, 8704.23, 8704.32 or 8704.90 (HS 2012), or a chassis of 8706",
    ),
}
_TABLE_F_OWN_RULE = ("848210", "848220", "848230", "848240", "848250", "848280", "848320", "848330")
_OTHER_GOOD_FIELDS = ("rvc_threshold_pct", "rvc_net_cost_threshold_pct", "tariff_shift")


@dataclass(frozen=True)
class BillOfMaterials:
    """A product and the materials used to produce it; validated at construction.

    Attributes
    ----------
    name, hs_code : str
    kind : ProductKind
    transaction_value_usd : float
        TV, adjusted to exclude international shipping (USMCA Art. 4.5.2).
    net_cost_usd : float or None
        NC (Art. 4.5.3); required for vehicles (net cost method only). At most TV.
    total_cost_usd : float or None
        Total cost, the alternative de minimis base (CUSMA RoO Regs s. 5(1)(a)(ii)).
    materials : tuple of Material
    labour, steel_aluminium : for vehicles (App. Arts. 6-7).
    rvc_threshold_pct, rvc_net_cost_threshold_pct : float or None
        ``other_good`` (and a propulsion battery): its Annex 4-B rule's TV and NC thresholds, in percent.
    rvc_method : str
        ``"either"``, ``"net_cost"`` or ``"transaction_value"`` (``other_good``).
    tariff_shift : str or None
        ``"chapter"``, ``"heading"`` or ``"subheading"``.
    shift_or_rvc : str
        ``"or"``: the tariff shift and the RVC are alternative rules; ``"and"``: the rule needs both.
    de_minimis : bool
        Apply the 10 % de minimis rule (Art. 4.12) to the tariff shift.
    transaction_value_allowed : bool
        Automotive parts: the product-specific rule includes a transaction value method (GN 11(k)(iii)).
    parts_table : str
        ``heavy_truck_part``: ``"D"`` or ``"E"``.
    article_10_paragraph : int
        ``other_vehicle`` and ``other_vehicle_part``: 1 (62.5 %) or 2 (60 %). For a part it names the vehicle's
        paragraph; only engines of 8407/8408 and goods of 8708.40 for an Art. 10.1 vehicle take 62.5 %, the other
        Table F goods 60 % (HTSUS GN 11, other vehicles (A)(2), (B)(3)).
    alternative_staging : bool
        The producer's vehicles are under an approved alternative staging regime (App. Art. 8): passenger vehicles,
        light trucks and their Table A.1 parts only (CUSMA RoO Regs s. 19(1), (4)).
    core_parts_method : str
        ``"individual"`` (each Table A.1 part originating) or ``"super_core"`` (the core parts as one part).
    roll_up : str
        ``"panel"`` (originating core parts count in full, as the 2022 USMCA panel read App. Art. 3 with USMCA
        Art. 4.5.4) or ``"us"`` (only their originating content counts, the U.S. reading the panel rejected).
    """

    name: str
    hs_code: str
    kind: ProductKind
    transaction_value_usd: float
    net_cost_usd: float | None = None
    materials: tuple[Material, ...] = ()
    labour: LabourContent | None = None
    steel_aluminium: SteelAluminium | None = None
    total_cost_usd: float | None = None
    rvc_threshold_pct: float | None = None
    rvc_net_cost_threshold_pct: float | None = None
    rvc_method: str = "either"
    tariff_shift: str | None = None
    shift_or_rvc: str = "or"
    de_minimis: bool = False
    transaction_value_allowed: bool = False
    parts_table: str = "D"
    article_10_paragraph: int = 1
    alternative_staging: bool = False
    core_parts_method: str = "individual"
    roll_up: str = "panel"
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if not isinstance(self.kind, ProductKind):
            raise _err("product", "kind", self.kind, f"must be one of {', '.join(k.value for k in ProductKind)}.")
        _hs("product", self.hs_code)
        tv = _number("product", "transaction_value_usd", self.transaction_value_usd, positive=True)
        if self.net_cost_usd is not None:
            nc = _number("product", "net_cost_usd", self.net_cost_usd, positive=True)
            if nc > tv:
                raise _err(
                    "product",
                    "net_cost_usd",
                    self.net_cost_usd,
                    f"exceeds transaction_value_usd = {tv:g}; net cost is total cost less sales, royalty and "
                    "shipping costs (Art. 4.5.3) and cannot be above the price. Check the two figures.",
                )
        if self.total_cost_usd is not None:
            _number("product", "total_cost_usd", self.total_cost_usd, positive=True)
        if not self.materials:
            raise _err("bill of materials", "materials", [], "add at least one [[materials]] table.")
        for name in ("de_minimis", "transaction_value_allowed", "alternative_staging"):
            _flag("product", name, getattr(self, name))
        self._check_material_totals(tv)
        self._check_kind_fields()

    def _check_material_totals(self, tv: float) -> None:
        total = sum(m.value_usd for m in self.materials)
        for base_name, base in (("net_cost_usd", self.net_cost_usd), ("transaction_value_usd", tv)):
            if base is not None and total > base * (1 + 1e-9):
                raise _err(
                    "product",
                    base_name,
                    base,
                    f"is below the materials' total value {total:g}; the materials are part of the good's "
                    "cost, so an RVC below zero is impossible. Check the materials' value_usd and units.",
                )

    def _check_kind_fields(self) -> None:
        kind = self.kind
        battery = kind is ProductKind.CORE_PART and self.hs_code.replace(".", "").startswith("850760")
        psr_fields = kind is ProductKind.OTHER_GOOD or battery
        for name in _OTHER_GOOD_FIELDS:
            if not psr_fields and getattr(self, name) is not None:
                raise _err(
                    "product",
                    name,
                    getattr(self, name),
                    f"applies to kind = 'other_good' (or a propulsion battery of 8507.60) only, not {kind}.",
                )
        if kind is not ProductKind.OTHER_GOOD and self.de_minimis:
            raise _err(
                "product",
                "de_minimis",
                True,
                "palanca applies de minimis to the tariff shift of kind = 'other_good' only; remove it.",
            )
        if kind.is_vehicle:
            if self.net_cost_usd is None:
                raise _err("product", "net_cost_usd", None, "is required for vehicles (net cost method only).")
            if self.labour is None:
                raise _err("bill of materials", "labour", None, "add a [labour] table for a vehicle (LVC, Art. 7).")
            if self.steel_aluminium is None and not any(m.steel or m.aluminium for m in self.materials):
                raise _err(
                    "bill of materials",
                    "steel_aluminium",
                    None,
                    "add a [steel_aluminium] table with the producer's purchases (Art. 6), or flag steel/"
                    "aluminium materials.",
                )
        self._check_vehicle_scope()
        for name, allowed in (
            ("core_parts_method", ("individual", "super_core")),
            ("roll_up", ("panel", "us")),
            ("rvc_method", ("either", "net_cost", "transaction_value")),
            ("shift_or_rvc", ("or", "and")),
            ("parts_table", ("D", "E")),
        ):
            if getattr(self, name) not in allowed:
                raise _err("product", name, getattr(self, name), f"must be one of {', '.join(map(repr, allowed))}.")
        if self.article_10_paragraph not in (1, 2) or isinstance(self.article_10_paragraph, bool):
            raise _err("product", "article_10_paragraph", self.article_10_paragraph, "must be 1 or 2 (App. Art. 10).")
        if self.tariff_shift not in (None, "chapter", "heading", "subheading"):
            raise _err("product", "tariff_shift", self.tariff_shift, "must be 'chapter', 'heading' or 'subheading'.")
        for name in ("rvc_threshold_pct", "rvc_net_cost_threshold_pct"):
            if getattr(self, name) is not None:
                _percent("product", name, getattr(self, name))
        if (psr_fields and kind is ProductKind.OTHER_GOOD) or (battery and self._is_propulsion_battery_good):
            self._check_psr()

    def _check_vehicle_scope(self) -> None:
        """Kinds that the tariff line or the Appendix rules out (App. Arts. 1, 8 and 10; GN 11 other-vehicle rules)."""
        kind, code = self.kind, self.hs_code.replace(".", "")
        if self.alternative_staging and kind not in _ASR_KINDS:
            raise _err(
                "product",
                "alternative_staging",
                True,
                "an alternative staging regime covers passenger vehicles and light trucks and their Table A.1 parts "
                f"only (App. Art. 8; CUSMA RoO Regs s. 19(1), (4)), not {kind.value}; remove it.",
            )
        if self.transaction_value_allowed and not kind.is_automotive_part:
            raise _err(
                "product",
                "transaction_value_allowed",
                True,
                "applies to automotive parts whose Annex 4-B rule has a transaction value method (GN 11(k)(iii)); "
                f"the {kind.value} rule is "
                + (
                    "stated by rvc_threshold_pct and rvc_method."
                    if kind is ProductKind.OTHER_GOOD
                    else "net cost only (CUSMA RoO Regs s. 13)."
                )
                + " Remove it.",
            )
        if kind is ProductKind.CORE_PART and code.startswith("850760") and not self.states_own_rule:
            raise _err(
                "product",
                "hs_code",
                self.hs_code,
                "a battery of 8507.60 used as the primary source of propulsion power is excepted from the Table A.2 "
                "thresholds (GN 11(k)(iii)(C); CUSMA RoO Regs s. 14(2)-(3)) and is originating under its own "
                "Annex 4-B rule: state that rule (rvc_threshold_pct, rvc_net_cost_threshold_pct and/or tariff_shift).",
            )
        headings = _VEHICLE_HEADINGS.get(kind)
        if headings and (not code.startswith(headings[0]) or code.startswith("870310")):
            raise _err(
                "product",
                "hs_code",
                self.hs_code,
                f"a {kind.value} is classified in {headings[1]} (App. Art. 1; CUSMA RoO Regs s. 13); a good of "
                "8703.10 follows its own rule (60% TV or 50% NC): give the vehicle's subheading, or use kind = "
                '"other_vehicle" or "other_good" with its rule.',
            )
        if kind in (ProductKind.PASSENGER_VEHICLE, ProductKind.LIGHT_TRUCK) and code[:6] in _DIESEL_ONLY:
            raise _err(
                "product",
                "hs_code",
                self.hs_code,
                "a vehicle of 8703.31-8703.33 has a compression-ignition engine as its primary motor of propulsion; "
                "it is not a passenger vehicle under the Appendix but an App. Art. 10.1 vehicle at 62.5% NC "
                '(HTSUS GN 11, other vehicles (A)(1)): use kind = "other_vehicle" with article_10_paragraph = 1.',
            )
        if kind is ProductKind.OTHER_VEHICLE:
            if code.startswith("87012"):
                raise _err(
                    "product",
                    "hs_code",
                    self.hs_code,
                    "a road tractor of 8701.20 is a heavy truck (App. Art. 4; CUSMA RoO Regs s. 13): use kind = "
                    '"heavy_truck".',
                )
            if self.article_10_paragraph == 1 and code[:4] in ("8701", "8705", "8706"):
                raise _err(
                    "product",
                    "article_10_paragraph",
                    1,
                    f"a vehicle of heading {code[:4]} is an App. Art. 10.2 vehicle at 60% NC (HTSUS GN 11, other "
                    "vehicles (B)(1)); set article_10_paragraph = 2.",
                )
            if self.article_10_paragraph == 2 and code[:4] == "8703":
                raise _err(
                    "product",
                    "article_10_paragraph",
                    2,
                    "the vehicles of heading 8703 in App. Art. 10 (compression-ignition passenger vehicles, "
                    "motorcycles, motorhomes, ambulances, off-road vehicles) are Art. 10.1 vehicles at 62.5% NC "
                    "(HTSUS GN 11, other vehicles (A)(1)); set article_10_paragraph = 1.",
                )
        if kind is ProductKind.OTHER_VEHICLE_PART and code[:6] in _TABLE_F_OWN_RULE:
            raise _err(
                "product",
                "hs_code",
                self.hs_code,
                "bearings of 8482.10-8482.80 and goods of 8483.20 and 8483.30 are excluded from the Table F rule "
                "for other vehicles (HTSUS GN 11, other vehicles (B)(3)); they follow their own Annex 4-B rule: "
                'use kind = "other_good" with that rule.',
            )

    @property
    def _is_propulsion_battery_good(self) -> bool:
        return self.states_own_rule

    @property
    def states_own_rule(self) -> bool:
        """Whether the BOM states a product-specific rule (an ``other_good``, or a propulsion battery of 8507.60)."""
        return any(getattr(self, n) is not None for n in _OTHER_GOOD_FIELDS)

    def _check_psr(self) -> None:
        if self.rvc_threshold_pct is None and self.rvc_net_cost_threshold_pct is None and self.tariff_shift is None:
            raise _err(
                "product",
                "rvc_threshold_pct",
                None,
                "an other_good needs its Annex 4-B rule: set rvc_threshold_pct (TV) and/or "
                "rvc_net_cost_threshold_pct (NC), and/or tariff_shift.",
            )
        uses_nc = self.rvc_method in ("either", "net_cost") and self.net_cost_usd is not None
        if self.rvc_method == "net_cost" and self.net_cost_usd is None:
            raise _err("product", "net_cost_usd", None, "is required when rvc_method = 'net_cost'.")
        has_rvc = self.rvc_threshold_pct is not None or self.rvc_net_cost_threshold_pct is not None
        tv_usable = self.rvc_threshold_pct is not None and self.rvc_method != "net_cost"
        nc_usable = self.rvc_net_cost_threshold_pct is not None and uses_nc
        if has_rvc and not (tv_usable or nc_usable) and self.tariff_shift is None:
            raise _err(
                "product",
                "rvc_method",
                self.rvc_method,
                "leaves no RVC test to compute: give net_cost_usd with rvc_net_cost_threshold_pct, or "
                "rvc_threshold_pct (TV) with rvc_method 'either' or 'transaction_value'.",
            )
        if has_rvc and uses_nc and self.rvc_net_cost_threshold_pct is None:
            raise _err(
                "product",
                "rvc_net_cost_threshold_pct",
                None,
                "is required to use the net cost method: the rule's NC threshold differs from its TV one "
                "(Annex 4-B rules typically read 60% TV or 50% NC). Set it, or rvc_method = "
                "'transaction_value'.",
            )

    @property
    def non_originating_usd(self) -> float:
        """VNM as stated: the value of materials declared non-originating (sub-BOMs are resolved by the check)."""
        return sum(m.value_usd for m in self.materials if m.originating is False)
