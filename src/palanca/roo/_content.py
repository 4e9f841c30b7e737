r"""From bills of materials to the economics: Section 232 non-U.S. content, averaging, and compliant shares.

Section 232 autos (Proclamation 10908 of 26 March 2025, 90 FR 14705, clauses (1)-(2)): a 25 % tariff on automobiles
(passenger vehicles and light trucks) from 3 April 2025 and on listed parts from 3 May 2025. For an automobile that
qualifies under the USMCA, once Commerce approves the importer's U.S.-content documentation, the tariff applies
"exclusively to the value of the non-U.S. content", computed by subtracting the U.S. content from the total value;
U.S. content is "the value of the automobile attributable to parts wholly obtained, produced entirely, or
substantially transformed in the United States". USMCA-qualifying parts are not subject to the tariff until Commerce
establishes a process to tax their non-U.S. content. Medium- and heavy-duty vehicles and their listed parts follow
the same design from 1 November 2025 (Proclamation 10984 of 17 October 2025; HTSUS 9903.74.03: 25 % "upon the value
of the non-U.S. content"); buses of heading 8702 pay 10 % (9903.74.02). So, for a product of value :math:`TV` with
U.S. parts :math:`U`, on or after the action's first day,

.. math:: s_{232} = \begin{cases} 1 - U/TV & \text{USMCA-qualifying vehicle} \\ 0 & \text{USMCA-qualifying part
    (until a process exists)} \\ 1 & \text{not qualifying} \end{cases}

is the share of the value the 25 % applies to (0 before the first day). U.S. content depends on where parts were
made (``origin``), not on their originating status. The App. Art. 10 vehicles, their parts and other goods are
refused: whether a proclamation covers them, and at what rate, depends on the tariff line.

Averaging (App. Art. 5 for vehicles, over a fiscal year by model line, class or plant; the CUSMA RoO Regs'
averaging subsection for parts and the super-core; article and subsection numbers not checked): the averaged RVC
is :math:`\sum_k u_k (NC_k - VNM_k) / \sum_k u_k NC_k` over the units :math:`u_k`.
palanca computes the average; that the BOMs form one permitted category is the producer's statement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from palanca.errors import BillOfMaterialsError
from palanca.roo._bom import BillOfMaterials, ProductKind
from palanca.roo._check import check_origin, parse_as_of

__all__ = [
    "SECTION_232_AUTO_RATE",
    "LostPreference",
    "NonUsContent",
    "average_rvc",
    "calc_lost_preference",
    "calc_non_us_content",
    "calc_taxed_share",
    "compliant_share",
]

SECTION_232_AUTO_RATE = 0.25
"""Proclamation 10908, clause (1) (automobiles and parts); Proclamation 10984 (medium- and heavy-duty vehicles)."""

_P10908 = "Proclamation 10908 (26 March 2025), cl. (1)-(2)"
_P10984 = "Proclamation 10984 (17 October 2025); HTSUS 9903.74.03"
_AUTOS_FROM = dt.date(2025, 4, 3)
_AUTO_PARTS_FROM = dt.date(2025, 5, 3)
_MHDV_FROM = dt.date(2025, 11, 1)


@dataclass(frozen=True)
class NonUsContent:
    """The base of the Section 232 auto tariff for one product.

    Attributes
    ----------
    qualifies : bool
        USMCA-originating as of the date.
    us_content_usd : float
        Parts with ``origin = "USA"``.
    taxed_share : float
        Share of the value the 25 % applies to (see the module docstring).
    basis : str
    citation : str
    in_force : bool
        Whether the Section 232 action covering the product was in force on the date.
    """

    qualifies: bool
    us_content_usd: float
    value_usd: float
    taxed_share: float
    basis: str
    citation: str = "Proclamation 10908 (26 March 2025), cl. (1)-(2); Proclamation 10984 (17 October 2025)"
    in_force: bool = True

    @property
    def effective_rate(self) -> float:
        """The Section 232 rate on the whole value: 0.25 × ``taxed_share``."""
        return SECTION_232_AUTO_RATE * self.taxed_share


def _regime(bom: BillOfMaterials) -> tuple[str, str, dt.date]:
    """Which Section 232 action covers the product: ("vehicle" | "part", citation, first day)."""
    k = bom.kind
    if k in (ProductKind.PASSENGER_VEHICLE, ProductKind.LIGHT_TRUCK):
        return "vehicle", _P10908, _AUTOS_FROM
    if k is ProductKind.HEAVY_TRUCK:
        return "vehicle", _P10984, _MHDV_FROM
    if k is ProductKind.HEAVY_TRUCK_PART:
        return "part", _P10984, _MHDV_FROM
    if k.is_automotive_part and k is not ProductKind.OTHER_VEHICLE_PART:
        return "part", _P10908, _AUTO_PARTS_FROM
    raise BillOfMaterialsError(
        f"product.kind = {k.value!r}: palanca does not determine the Section 232 treatment of this kind. "
        "Proclamation 10908 covers passenger vehicles and light trucks and the parts in its annex; Proclamation "
        "10984 covers medium- and heavy-duty vehicles and their listed parts (25%) and buses of heading 8702 (10%, "
        "HTSUS 9903.74.02); other vehicles, their parts and other goods depend on the tariff line. Use a vehicle or "
        "automotive-part kind, or leave this product out of the Section 232 base."
    )


def calc_non_us_content(bom: BillOfMaterials, *, as_of: dt.date | str | None = None) -> NonUsContent:
    """The share of a product's value that the Section 232 auto tariff taxes (Proclamation 10908, cl. (2)).

    Raises
    ------
    BillOfMaterialsError
        If a material lacks ``origin`` (U.S. content cannot be counted without it), or for a kind whose Section 232
        treatment palanca does not determine (``other_vehicle``, ``other_vehicle_part``, ``other_good``).
    """
    what, citation, start = _regime(bom)
    missing = [m.description for m in bom.materials if m.origin is None]
    if missing:
        raise BillOfMaterialsError(
            f"materials[{missing[0]!r}].origin = None: U.S. content for Section 232 counts parts made in the United "
            'States; give each material\'s origin = "ISO3" (where it was wholly obtained, produced or substantially '
            "transformed)."
        )
    day = parse_as_of(as_of)
    qualifies = check_origin(bom, as_of=day).qualifies
    us = sum(m.value_usd for m in bom.materials if m.origin == "USA")
    tv = bom.transaction_value_usd
    if day < start:
        return NonUsContent(
            qualifies,
            us,
            tv,
            0.0,
            f"before {start.isoformat()}: the Section 232 tariff was not in force",
            citation,
            in_force=False,
        )
    if not qualifies:
        return NonUsContent(
            False,
            us,
            tv,
            1.0,
            "not USMCA-originating: the tariff applies to the full value"
            + (" (if the part is listed in the proclamation's annex)" if what == "part" else ""),
            citation,
        )
    if what == "vehicle":
        return NonUsContent(
            True,
            us,
            tv,
            1.0 - us / tv,
            "USMCA-qualifying vehicle: non-U.S. content = value − U.S. parts (once Commerce approves the importer's "
            "U.S.-content submission; until then the full value)",
            citation,
        )
    return NonUsContent(
        True,
        us,
        tv,
        0.0,
        "USMCA-qualifying part: not taxed until Commerce sets a non-U.S. content process",
        citation,
    )


def calc_taxed_share(boms: Sequence[BillOfMaterials], weights: Sequence[float], *, as_of=None) -> float:
    """Trade-weighted `NonUsContent.taxed_share` of a set of BOMs: the share of a sector's value that the Section 232
    auto tariff applies to (e.g. over `load_representative_set("autos")`, for the policy layer)."""
    _check_weights(boms, weights)
    shares = [calc_non_us_content(b, as_of=as_of).taxed_share for b in boms]
    return sum(w * s for w, s in zip(weights, shares, strict=True)) / sum(weights)


def average_rvc(boms: Sequence[BillOfMaterials], units: Sequence[float], *, as_of=None) -> float:
    """Net-cost RVC averaged over a fiscal year's units (App. Art. 5), in percent; VNM as each check counts it."""
    if len(boms) != len(units) or not boms:
        raise BillOfMaterialsError(f"units = {list(units)!r}: give one positive unit count per BOM ({len(boms)}).")
    if any(u <= 0 for u in units) or any(b.net_cost_usd is None for b in boms):
        raise BillOfMaterialsError("averaging needs positive units and a net_cost_usd in every BOM (App. Art. 5).")
    vnm = [check_origin(b, as_of=as_of).non_originating_usd for b in boms]
    nc = sum(u * b.net_cost_usd for u, b in zip(units, boms, strict=True))
    return sum(u * (b.net_cost_usd - v) for u, b, v in zip(units, boms, vnm, strict=True)) / nc * 100.0


def _qualifies_tightened(bom: BillOfMaterials, as_of, rvc_uplift_pp: float) -> bool:
    r = check_origin(bom, as_of=as_of)
    if not r.qualifies or rvc_uplift_pp == 0:
        return r.qualifies
    nc = [t for t in r.tests if t.name == "rvc_net_cost"]
    return bool(nc) and nc[0].value_pp >= nc[0].threshold_pp + rvc_uplift_pp - 1e-9


def _check_weights(boms, weights) -> None:
    if len(boms) != len(weights) or not boms or any(w < 0 for w in weights) or sum(weights) <= 0:
        raise BillOfMaterialsError(f"weights = {list(weights)!r}: give one nonnegative weight per BOM, not all zero.")


def compliant_share(
    boms: Sequence[BillOfMaterials], weights: Sequence[float], *, as_of=None, rvc_uplift_pp: float = 0.0
) -> float:
    """Weighted share of the BOMs that qualify: the calculator's estimate of a sector's compliant trade share.

    ``rvc_uplift_pp`` adds a hypothetical tightening: the net-cost RVC must also reach the rule in force plus this
    many points (10 for the ``roo-tightening`` scenario's 75 → 85 %).
    """
    _check_weights(boms, weights)
    ok = [_qualifies_tightened(b, as_of, rvc_uplift_pp) for b in boms]
    return sum(w for w, q in zip(weights, ok, strict=True) if q) / sum(weights)


@dataclass(frozen=True)
class LostPreference:
    """What a tightening does to a set of representative BOMs (see `calc_lost_preference`)."""

    compliant_share_before: float
    compliant_share_after: float
    added_tariff_rate: float

    @property
    def losing_share(self) -> float:
        """Share of the trade that qualified before and no longer does."""
        return self.compliant_share_before - self.compliant_share_after


def calc_lost_preference(
    boms: Sequence[BillOfMaterials],
    weights: Sequence[float],
    mfn_rates: Sequence[float],
    *,
    as_of=None,
    rvc_uplift_pp: float = 10.0,
) -> LostPreference:
    r"""The trade-weighted tariff added when a tightening makes products lose USMCA status.

    A product that stops qualifying pays its MFN rate and the Section 232 auto tariff on its full value instead of
    on its non-U.S. content (Proclamation 10908, cl. (1)-(2)), so its tariff rises by
    :math:`\tau^{MFN}_k + 0.25\,U_k/TV_k`; the added rate is :math:`\sum_k w_k\,\ell_k\,(\tau^{MFN}_k +
    0.25\,U_k/TV_k) / \sum_k w_k` with :math:`\ell_k = 1` for a product that qualifies now and not after.
    """
    _check_weights(boms, weights)
    if len(mfn_rates) != len(boms) or any(not 0 <= t < 1 for t in mfn_rates):
        raise BillOfMaterialsError(f"mfn_rates = {list(mfn_rates)!r}: give one MFN rate per BOM as a fraction.")
    before = [check_origin(b, as_of=as_of).qualifies for b in boms]
    after = [_qualifies_tightened(b, as_of, rvc_uplift_pp) for b in boms]
    total = sum(weights)
    added = 0.0
    for b, w, t, q0, q1 in zip(boms, weights, mfn_rates, before, after, strict=True):
        if q0 and not q1:
            now = calc_non_us_content(b, as_of=as_of)
            full = 1.0 if now.in_force else 0.0
            added += w * (t + SECTION_232_AUTO_RATE * (full - now.taxed_share))
    share = lambda flags: sum(w for w, f in zip(weights, flags, strict=True) if f) / total  # noqa: E731
    return LostPreference(share(before), share(after), added / total)
