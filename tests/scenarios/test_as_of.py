"""Scenarios relative to an as-of baseline from the policy registry; one source of truth for a scenario."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from palanca.data import load_world
from palanca.data._reference import load_usmca_compliance
from palanca.errors import ScenarioError
from palanca.model import Closure
from palanca.policy import applied_tariffs, load_registry, newest_date, sector_measures
from palanca.scenarios import build_scenario, list_scenarios, load_scenario, parse_scenario, sector_groups


@pytest.fixture(scope="module")
def w():
    return load_world("world2023")


def test_default_baseline_is_the_newest_registry_date_and_a_pre_2025_date_is_the_world(w):
    sc = load_scenario("us-tariff-25-mex")
    b = build_scenario(sc, w)
    assert b.as_of == newest_date().isoformat()
    np.testing.assert_array_equal(b.world.tariff, applied_tariffs(w, newest_date()))
    old = build_scenario(sc, w, as_of="2024-12-31")
    np.testing.assert_array_equal(old.world.tariff, w.tariff)  # nothing of 2025-26 in force yet
    with pytest.raises(ScenarioError, match=r"as_of = '1 March': not an ISO date"):
        build_scenario(sc, w, as_of="1 March")
    with pytest.raises(ScenarioError, match="already carries the tariffs in force on 2024-12-31"):
        build_scenario(sc, old.world)  # the registry is never applied twice


def test_us_2025_stack_is_the_registry_on_19_february_2026_for_every_partner(w):
    b = build_scenario(load_scenario("us-2025-stack"), w)
    us = w.country_index("USA")
    np.testing.assert_array_equal(b.world.tariff, w.tariff)  # baseline: 2024
    np.testing.assert_array_equal(b.shock.tariff[us], applied_tariffs(w, "2026-02-19")[us])
    mx = w.country_index("MEX")
    np.testing.assert_array_equal(b.shock.tariff[mx], w.tariff[mx])  # Mexico's own 2026 tariffs not in it
    hit = (b.shock.tariff[us] - w.tariff[us]).max(axis=1) > 0.05
    assert hit.sum() >= w.n_countries - 3  # all partners (not only MEX, CAN, CHN)


def test_post_ruling_variant_is_the_section_122_surcharge_on_the_non_usmca_share(w):
    # Independent computation for a sector without Section 232 coverage: 10% x (1 - q) x (1 - exempt share).
    b = build_scenario(load_scenario("us-2025-stack/post-ruling"), w)
    us, mx = w.country_index("USA"), w.country_index("MEX")
    j = w.sector_index("C13T15")
    q = load_usmca_compliance()[("MEX", "C13T15")]
    e = sector_measures(w, "cover_ieepa_exempt")[j]
    assert b.shock.tariff[us, mx, j] - w.tariff[us, mx, j] == pytest.approx(0.10 * (1 - q) * (1 - e))
    b15 = build_scenario(load_scenario("us-2025-stack/post-ruling-15"), w)
    assert b15.shock.tariff[us, mx, j] - w.tariff[us, mx, j] == pytest.approx(0.15 * (1 - q) * (1 - e))


def test_surcharge_expiry_and_reinstatement_are_mirror_images(w):
    up = build_scenario(load_scenario("us-global-surcharge"), w)
    down = build_scenario(load_scenario("us-global-surcharge/expiry"), w)
    np.testing.assert_allclose(up.shock.tariff - up.world.tariff, down.world.tariff - down.shock.tariff)


def test_failed_review_loses_the_usmca_carve_outs_of_section_232(w):
    b = build_scenario(load_scenario("usmca-review-2026"), w)
    us, mx, ca = (w.country_index(c) for c in ("USA", "MEX", "CAN"))
    j = w.sector_index("C29")
    assert b.shock.tariff[us, mx, j] > b.world.tariff[us, mx, j] + 0.05  # vehicles and parts pay in full
    np.testing.assert_array_equal(b.shock.tariff[mx, ca], b.world.tariff[mx, ca])  # MEX-CAN keeps USMCA


def test_mexico_2026_tariffs_scenario_changes_only_mexican_tariffs_on_non_fta_partners(w):
    b = build_scenario(load_scenario("mexico-tariffs-asia"), w)
    d = b.shock.tariff - b.world.tariff
    mx = w.country_index("MEX")
    assert np.abs(np.delete(d, mx, axis=0)).max() == 0
    hit = {w.countries[i] for i in np.flatnonzero(d[mx].max(axis=1) > 0)}
    # Every partner without an FTA with Mexico (Mondaq, 23 Dec 2025; KBS, 30 Dec 2025 names the UAE and South
    # Africa too); FTA partners keep their preferences, Vietnam and Malaysia among them (CPTPP).
    assert {"CHN", "KOR", "TWN", "THA", "IDN", "IND", "BRA", "RUS", "TUR", "ARE", "ZAF"} <= hit
    assert not hit & {"USA", "CAN", "JPN", "VNM", "MYS", "DEU", "GBR", "CHE", "ISR", "CHL", "PER", "COL", "CRI"}
    # calibrated to about USD 52bn of covered imports at 2023 flows (Reuters, Dec 2025)
    covered = sum(
        share * w.trade_usd_m[mx, w.country_index(c), w.sector_index(j)]
        for a in load_registry()
        if a.id == "mx-ligie-2026"
        for j, _, share in a.sector_rates
        for c in a.targets
    )
    assert covered == pytest.approx(52_000, rel=0.01)


def test_a_replaced_field_survives_a_variant():
    sc = dataclasses.replace(load_scenario("usmca-collapse"), closure=Closure.ZERO_DEFICIT, as_of="2025-06-01")
    v = sc.variant("trade-costs")
    assert v.closure is Closure.ZERO_DEFICIT and v.as_of == "2025-06-01"
    assert isinstance(load_scenario("us-tariff-25-mex").closure, Closure)
    assert dataclasses.replace(sc, closure="conditional").closure is Closure.CONDITIONAL


def test_every_library_scenario_round_trips_through_its_dict():
    for sc in list_scenarios():
        for v in (None, *(vid for vid, _ in sc.variants)):
            s = sc.variant(v) if v else sc
            assert type(s).from_dict(s.to_dict()) == s


def test_sector_groups_come_from_the_world_not_its_name(w):
    renamed = dataclasses.replace(w, name="cp1993-lookalike")
    assert sector_groups(renamed) == sector_groups(w)
    assert sector_groups(w)["autos"] == ("C29",)


def test_policy_fields_are_validated():
    base = 'id = "t"\ntitle = "t"\n'
    with pytest.raises(ScenarioError, match=r"policy_date = '2026-13-01': is not an ISO date"):
        parse_scenario(base + 'policy_date = "2026-13-01"\n')
    with pytest.raises(ScenarioError, match=r"policy_imposers = \['CAN'\]: the policy registry holds actions by USA"):
        parse_scenario(base + 'policy_imposers = ["CAN"]\n')
    with pytest.raises(ScenarioError, match=r"usmca_preferences = 'no': must be true or false"):
        parse_scenario(base + 'usmca_preferences = "no"\n')
    with pytest.raises(ScenarioError, match=r"rate override for unknown action"):
        build_scenario(parse_scenario(base + 'policy_date = "2026-03-01"\npolicy_overrides = { nope = 0.1 }\n'))
