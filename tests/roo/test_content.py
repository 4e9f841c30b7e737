"""From BOMs to the economics: Section 232 non-U.S. content, compliant shares, and the roo-tightening scenario."""

from __future__ import annotations

import dataclasses

import pytest

from palanca.errors import BillOfMaterialsError
from palanca.roo import (
    SECTION_232_AUTO_RATE,
    Material,
    calc_lost_preference,
    calc_non_us_content,
    calc_taxed_share,
    compliant_share,
    load_bom,
    load_representative_set,
)

AS_OF = "2026-07-01"


def test_section_232_taxes_the_non_us_content_of_a_qualifying_vehicle():
    """Proclamation 10908 cl. (2): non-U.S. content = value − U.S. content, U.S. content = parts made in the United
    States. The shipped sedan (TV 30,000) has U.S. parts: transmission 2,500, seats 1,100, steel 1,800 = 5,400, so
    the 25% applies to 1 − 5,400/30,000 = 82% of its value: an effective rate of 20.5%."""
    c = calc_non_us_content(load_bom("sedan-qualifies"), as_of=AS_OF)
    assert c.qualifies and c.us_content_usd == pytest.approx(5_400.0)
    assert c.taxed_share == pytest.approx(0.82) and c.effective_rate == pytest.approx(SECTION_232_AUTO_RATE * 0.82)


def test_section_232_full_value_when_not_qualifying_and_zero_for_a_qualifying_part():
    """Cl. (1): a non-qualifying automobile pays 25% on its full value; USMCA-qualifying parts are not taxed until
    Commerce sets a process for their non-U.S. content."""
    assert calc_non_us_content(load_bom("sedan-fails-lvc"), as_of=AS_OF).taxed_share == 1.0
    part = load_bom("transmission-core-part")
    fixed = dataclasses.replace(part, materials=tuple(dataclasses.replace(m, originating=True) for m in part.materials))
    assert calc_non_us_content(fixed, as_of=AS_OF).taxed_share == 0.0


def test_us_content_needs_each_materials_origin():
    bom = load_bom("sedan-qualifies")
    bom = dataclasses.replace(bom, materials=(*bom.materials, Material("bolts", "7318.15", 10, True)))
    with pytest.raises(BillOfMaterialsError, match=r"materials\['bolts'\]\.origin = None: U\.S\. content"):
        calc_non_us_content(bom, as_of=AS_OF)


def test_compliant_share_is_the_weighted_share_that_qualifies():
    """Weights 1, 2, 3 on (qualifies, fails LVC, fails RVC): share 1/6."""
    boms = [load_bom(n) for n in ("sedan-qualifies", "sedan-fails-lvc", "transmission-core-part")]
    assert compliant_share(boms, [1, 2, 3], as_of=AS_OF) == pytest.approx(1 / 6)
    with pytest.raises(BillOfMaterialsError, match="weights"):
        compliant_share(boms, [1, 2], as_of=AS_OF)


def test_roo_tightening_rate_is_the_calculators_output_over_the_representative_boms():
    """The scenario's tariff equals calc_lost_preference over the shipped representative auto BOMs with a 10-point
    RVC uplift, as of the scenario date (identity between the library file and the calculator)."""
    from palanca.scenarios import load_scenario

    scenario = load_scenario("roo-tightening")
    rep = load_representative_set("autos")
    lost = calc_lost_preference(rep.boms, rep.weights, rep.mfn_rates, as_of=scenario.date, rvc_uplift_pp=10.0)
    assert lost.compliant_share_before == 1.0 and lost.compliant_share_after == pytest.approx(0.65)
    (tariff,) = scenario.tariffs
    assert tariff.rate == pytest.approx(round(lost.added_tariff_rate, 4))
    # by hand: only the pickup (weight 0.35, MFN 25%, U.S. content share 0.2622) stops qualifying
    us_share = 1 - calc_non_us_content(load_bom("rep-pickup-light-truck"), as_of=AS_OF).taxed_share
    assert lost.added_tariff_rate == pytest.approx(0.35 * (0.25 + 0.25 * us_share))


def test_representative_set_weights_sum_to_one():
    assert sum(load_representative_set().weights) == pytest.approx(1.0)


def test_shipped_files_match_their_provenance_record():
    """provenance.json lists every shipped BOM and the representative set with its SHA-256 (labelled judgement)."""
    import hashlib
    import json
    from importlib import resources

    root = resources.files("palanca.data").joinpath("shipped", "roo")
    record = json.loads(root.joinpath("provenance.json").read_text(encoding="utf-8"))
    shipped = {p.name for p in root.iterdir() if p.name.endswith((".toml", ".csv"))}
    assert set(record["files"]) == shipped
    for name, entry in record["files"].items():
        assert hashlib.sha256(root.joinpath(name).read_bytes()).hexdigest() == entry["sha256"], name
        assert entry["kind"] == "judgement"


def test_sector_taxed_share_is_the_weighted_mean_of_the_products():
    """Σ w·taxed_share / Σ w over the representative autos: 0.35·0.7378 + 0.25·0.8719 + 0.15·0.82 + 0.05·0.7024
    + 0.20·0.6267 ≈ 0.760 (identity with the per-product figures)."""
    rep = load_representative_set("autos")
    per = [calc_non_us_content(b, as_of=AS_OF).taxed_share for b in rep.boms]
    got = calc_taxed_share(rep.boms, rep.weights, as_of=AS_OF)
    assert got == pytest.approx(sum(w * s for w, s in zip(rep.weights, per, strict=True)))
    assert got == pytest.approx(0.760, abs=5e-4)
