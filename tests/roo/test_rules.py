"""The rules as dated data: stages, effective dates and citations (`palanca.roo.RULES`)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from palanca.roo import LVC_RULES, RULES, Rule, lvc_rule, rule_for, rules_in_force

D = dt.date


@pytest.mark.parametrize(
    ("kind", "method", "day", "pct"),
    [
        # HTSUS GN 11(k)(iii)(B): Table A.2 parts 66/76 from July 1, 2020 ... 75/85 "beginning on July 1, 2023".
        ("core_part", "net_cost", D(2023, 6, 30), 72.0),
        ("core_part", "net_cost", D(2023, 7, 1), 75.0),
        ("core_part", "transaction_value", D(2020, 7, 1), 76.0),
        ("core_part", "transaction_value", D(2023, 7, 1), 85.0),
        # GN 11(k)(iii)(D): Table B parts 62.5/72.5 (2020), 65/75, 67.5/77.5, 70/80 (July 1, 2023).
        ("principal_part", "net_cost", D(2021, 7, 1), 65.0),
        ("principal_part", "transaction_value", D(2022, 12, 31), 77.5),
        ("principal_part", "net_cost", D(2026, 1, 1), 70.0),
        # Passenger vehicles on the same July dates (App. Art. 3.1): 72% until 30 June 2023, then 75%.
        ("passenger_vehicle", "net_cost", D(2023, 1, 1), 72.0),
        ("passenger_vehicle", "net_cost", D(2023, 7, 1), 75.0),
        # CUSMA RoO Regs s. 13, 8701.20: 60% from July 1, 2020 to June 30, 2024; 64% to June 30, 2027; 70% after.
        ("heavy_truck", "net_cost", D(2024, 6, 30), 60.0),
        ("heavy_truck", "net_cost", D(2026, 6, 1), 64.0),
        ("heavy_truck", "net_cost", D(2027, 6, 30), 64.0),
        ("heavy_truck", "net_cost", D(2027, 7, 1), 70.0),
    ],
)
def test_stage_in_force_on_a_date(kind, method, day, pct):
    assert rule_for(kind, method, day).threshold_pct == pct


def test_nothing_is_in_force_before_the_agreement():
    """USMCA entered into force on 1 July 2020: no rule on 30 June 2020."""
    assert rules_in_force(D(2020, 6, 30)) == []
    assert lvc_rule("passenger_vehicle", D(2020, 6, 30)) is None


def test_stages_of_one_rule_never_overlap_and_leave_no_gap():
    """For each (kind, method, variant) the stages tile time from their first day: each ends the day before the
    next begins, and only the last is open-ended (identity over the table)."""
    key = lambda r: (r.kind, r.method, r.variant)  # noqa: E731
    for _, group in itertools.groupby(sorted(RULES, key=lambda r: (*key(r), r.effective_from)), key=key):
        stages = list(group)
        for a, b in itertools.pairwise(stages):
            assert a.effective_to == b.effective_from - dt.timedelta(days=1), (a.id, b.id)
        assert all(s.effective_to is not None for s in stages[:-1])


def test_every_rule_cites_the_appendix_and_has_a_unique_id():
    assert len({r.id for r in RULES}) == len(RULES)
    assert all(r.citation.startswith("App. Art") for r in RULES)
    assert all(r.note for r in RULES if not r.checked)  # an unchecked figure says why


def test_rule_json_has_the_documented_fields():
    d = rule_for("heavy_truck", "net_cost", D(2026, 6, 1)).to_dict()
    assert {"id", "kind", "method", "threshold_pct", "effective_from", "effective_to", "citation"} <= set(d)
    assert d == d | {
        "kind": "heavy_truck",
        "method": "net_cost",
        "threshold_pct": 64.0,
        "effective_from": "2024-07-01",
        "effective_to": "2027-06-30",
    }


def test_invalid_rules_are_refused_at_construction():
    with pytest.raises(ValueError, match="method"):
        Rule("x", "core_part", "tv", 75, D(2020, 7, 1), None, "App. Art. 3")
    with pytest.raises(ValueError, match="threshold_pct"):
        Rule("x", "core_part", "net_cost", 0, D(2020, 7, 1), None, "App. Art. 3")


def test_lvc_stages_reach_40_and_45():
    """App. Art. 7: passenger vehicles 40% (≥ 25 points material & manufacturing) from 1 July 2023; light trucks
    45% (≥ 30) from entry into force."""
    pv, lt = lvc_rule("passenger_vehicle", D(2026, 1, 1)), lvc_rule("light_truck", D(2020, 7, 1))
    assert (pv.total_pp, pv.material_manufacturing_min_pp) == (40.0, 25.0)
    assert (lt.total_pp, lt.material_manufacturing_min_pp) == (45.0, 30.0)
    assert all(r.total_pp - r.material_manufacturing_min_pp == 15.0 for r in LVC_RULES)  # 10 tech + 5 assembly
