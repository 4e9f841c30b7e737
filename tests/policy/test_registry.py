"""The dated registry of tariff actions: legal identities of the record and the as-of arithmetic."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from palanca.data import load_world
from palanca.data._reference import load_usmca_compliance
from palanca.errors import PolicyError
from palanca.policy import (
    ActionStatus,
    TariffAction,
    applied_tariffs,
    load_registry,
    newest_date,
    sector_measures,
    tariffs_between,
    timeline,
)

RULING = dt.date(2026, 2, 20)  # Learning Resources, Inc. v. Trump
IEEPA_END = dt.date(2026, 2, 24)  # CBP ended collection (tracker: ieepa_invalidation_date)


@pytest.fixture(scope="module")
def w():
    return load_world("world2023")


def test_every_action_cites_sources_and_has_a_status():
    acts = load_registry()
    assert len(acts) >= 30
    assert all(a.sources and isinstance(a.status, ActionStatus) for a in acts)
    assert newest_date() == dt.date(2026, 7, 24)  # the end of the Section 122 surcharge


def test_ieepa_actions_end_when_collection_ended_and_are_struck_down():
    # Learning Resources v. Trump (20 Feb 2026): IEEPA does not authorise tariffs; collection ended 24 Feb 2026.
    ruling = next(a for a in load_registry() if a.id == "us-scotus-learning-resources")
    assert ruling.effective == RULING and ruling.is_event
    ieepa = [a for a in load_registry() if a.authority == "IEEPA"]
    assert all(a.end is not None and a.end <= IEEPA_END for a in ieepa)
    assert {a.status for a in ieepa if a.end == IEEPA_END} <= {ActionStatus.STRUCK_DOWN, ActionStatus.SUSPENDED}
    assert not [a for a in ieepa if a.in_force(IEEPA_END)]


def test_section_122_lasts_the_statutory_150_days_and_records_both_rates():
    s122 = [a for a in load_registry() if a.authority == "Section 122"]
    assert len(s122) == 1
    a = s122[0]
    assert (a.end - a.effective).days == 150  # 19 U.S.C. 2132: at most 150 days without Congress
    assert a.rate == 0.10 and [r for r, _ in a.alternatives] == [0.15] and a.alternatives[0][1]


def test_steel_and_aluminium_rise_to_50_percent_on_4_june_2025():
    by_id = {a.id: a for a in load_registry()}
    assert by_id["us-s232-steel-alu-25"].end == by_id["us-s232-steel-alu-50"].effective == dt.date(2025, 6, 4)
    assert by_id["us-s232-steel-alu-50"].rate == 0.50 and by_id["us-s232-steel-alu-50"].rate_on("GBR") == 0.25


def test_nothing_before_2025_changes_the_world(w):
    np.testing.assert_array_equal(applied_tariffs(w, "2024-12-31"), w.tariff)


def test_usmca_exemption_starts_on_7_march_2025(w):
    # The fentanyl tariff on Mexico: 25% on everything on 4-6 March 2025, on the non-USMCA share from 7 March.
    us, mx = w.country_index("USA"), w.country_index("MEX")
    j = w.sector_index("C13T15")  # no Section 232 coverage, no exempt-list interplay for IEEPA fentanyl
    q = load_usmca_compliance()[("MEX", "C13T15")]
    before = applied_tariffs(w, "2025-03-05")[us, mx, j] - w.tariff[us, mx, j]
    after = applied_tariffs(w, "2025-03-07")[us, mx, j] - w.tariff[us, mx, j]
    assert before == pytest.approx(0.25)
    assert after == pytest.approx(0.25 * (1 - q))


def test_reciprocal_tariffs_do_not_stack_on_section_232_steel(w):
    us, de = w.country_index("USA"), w.country_index("DEU")
    j = w.sector_index("C24A")
    cover = sector_measures(w, "cover_s232_steel_alu")[j]
    d = applied_tariffs(w, "2025-09-03")[us, de, j] - w.tariff[us, de, j]
    # 50% on the covered share; the 15% EU floor only on the rest (minus the exempt list).
    assert d == pytest.approx(0.5 * cover + max(0.0, 0.15 - 0.0045) * max(0.0, 1 - cover - 0.135), rel=0.05)


def test_tariffs_on_mexico_on_1_december_2026_are_section_232_only(w):
    out = tariffs_between(w, "USA", "MEX", "2026-12-01")
    by = {s["sector"]: s for s in out["sectors"]}
    assert by["C13T15"]["rate"] == pytest.approx(by["C13T15"]["baseline"])  # IEEPA gone, Section 122 expired
    assert by["C24A"]["rate"] > by["C24A"]["baseline"] + 0.4  # steel 50%, no USMCA exemption
    assert out["trade_weighted"] > out["baseline_trade_weighted"]


def test_mexico_2026_tariffs_reproduce_the_published_aggregates(w):
    # Calibration check (not an independent test): the action is set to USD 52bn of covered imports and
    # 70bn pesos (USD 3.8bn) of extra duty (SHCP, Dec 2025); FTA partners are untouched.
    mx = w.country_index("MEX")
    d = (applied_tariffs(w, "2026-01-01") - applied_tariffs(w, "2025-12-31"))[mx]
    assert (d * w.trade_usd_m[mx]).sum() / 1e3 == pytest.approx(3.8, abs=0.2)
    for fta in ("JPN", "VNM", "DEU", "CAN", "USA", "CHL"):
        assert d[w.country_index(fta)].max() == 0.0


def test_timeline_filters_by_country_and_names_unknown_codes():
    mex = timeline("MEX")
    assert any(a.id == "mx-ligie-2026" for a in mex) and any(a.id == "us-ieepa-fentanyl-mex" for a in mex)
    assert all(a.country == "MEX" or a.applies_to("MEX") for a in mex)


def test_bad_entries_and_dates_are_domain_errors(w):
    with pytest.raises(PolicyError, match=r"as_of = '2026-02-30': not an ISO date"):
        applied_tariffs(w, "2026-02-30")
    with pytest.raises(PolicyError, match="sources is empty"):
        TariffAction.from_dict(
            {"id": "x", "country": "USA", "authority": "a", "title": "t", "status": "in_force",
             "effective": "2025-01-01", "sources": []}
        )  # fmt: skip
    with pytest.raises(PolicyError, match=r"status = 'maybe'"):
        TariffAction.from_dict(
            {"id": "x", "country": "USA", "authority": "a", "title": "t", "status": "maybe",
             "effective": "2025-01-01", "sources": ["s"]}
        )  # fmt: skip
    with pytest.raises(PolicyError, match="rate override for unknown action"):
        applied_tariffs(w, "2026-03-01", overrides={"no-such-action": 0.1})
    with pytest.raises(PolicyError, match="importer and exporter are both"):
        tariffs_between(w, "USA", "USA")


def test_auto_deals_take_effect_on_their_own_dates(w):
    # UK 30 Jun 2025 (EPD proclamation of 16 Jun), EU 1 Aug 2025 (framework of 21 Aug, retroactive),
    # Japan 16 Sep 2025 (EO 14345), Korea 1 Nov 2025 (joint fact sheet of 14 Nov 2025).
    us, j = w.country_index("USA"), w.sector_index("C29")
    dates = {"GBR": "2025-06-30", "DEU": "2025-08-01", "JPN": "2025-09-16", "KOR": "2025-11-01"}
    for iso, d in dates.items():
        on = dt.date.fromisoformat(d)
        before = applied_tariffs(w, on - dt.timedelta(days=1))[us, w.country_index(iso), j]
        after = applied_tariffs(w, on)[us, w.country_index(iso), j]
        assert after < before - 0.03, iso


def test_derivatives_of_the_inclusions_process_are_collected_from_18_august_2025(w):
    # FR Doc. 2025-15819: 407 codes added; the tracker applies them from 18 Aug 2025.
    us, de, j = w.country_index("USA"), w.country_index("DEU"), w.sector_index("C28")
    before, after = (applied_tariffs(w, d)[us, de, j] for d in ("2025-08-17", "2025-08-18"))
    assert after > before + 0.015
    assert sector_measures(w, "cover_s232_derivatives_aug2025")[j] > sector_measures(w, "cover_s232_derivatives")[j]


def test_trucks_exclude_farm_tractors_and_buses_pay_10_pct():
    # Proclamation of 17 Oct 2025: road tractors and MHD trucks 25%, buses 10% (tracker mhd_vehicles, buses).
    acts = {a.id: a for a in load_registry()}
    assert acts["us-s232-buses"].rate == 0.10 and acts["us-s232-buses"].coverage == "cover_s232_buses"
    assert acts["us-s232-trucks"].rate == 0.25
    import csv

    from palanca.policy import POLICY_SHIPPED

    rows = {r["sector"]: r for r in csv.DictReader((POLICY_SHIPPED / "sector_measures.csv").open())}
    assert float(rows["C28"]["cover_s232_trucks"]) < 0.01  # 8701.9x agricultural tractors are not in scope


def test_furniture_stays_at_25_pct_through_2026():
    # Proclamation of 31 Dec 2025 postponed the 30%/50% rates to 1 Jan 2027.
    a = next(a for a in load_registry() if a.id == "us-s232-furniture")
    assert a.rate == 0.25 and a.end is None and "1 Jan 2027" in a.note
