"""Scenario schema, the shipped library and the builder's arrays."""

from __future__ import annotations

import numpy as np
import pytest

from palanca.data import gegravity_sample_estimate, load_world, mfn_rates
from palanca.data._reference import load_usmca_compliance
from palanca.errors import ScenarioError
from palanca.model import calc_va_content
from palanca.policy import applied_tariffs
from palanca.scenarios import build_scenario, list_scenarios, load_scenario, parse_scenario, sector_groups

REQUIRED = {
    "us-tariff-25-mex",
    "us-tariff-30-mex-retaliation",
    "usmca-collapse",
    "us-2025-stack",
    "roo-tightening",
    "china-backdoor-closed",
    "mexico-tariffs-asia",
    "latam-diversification",
    "us-global-surcharge",
    "usmca-review-2026",
}


@pytest.fixture(scope="module")
def w():
    return load_world("world2023")


def test_library_has_the_required_scenarios_with_sources_and_dates():
    lib = {s.id: s for s in list_scenarios()}
    assert REQUIRED <= set(lib)
    for s in lib.values():
        assert s.sources, s.id
        assert s.date, s.id
    assert lib["us-tariff-25-mex"].comparators  # PIIE, EY, ifo printed beside palanca's figures


VARIANTS = [
    "us-tariff-25-mex/usmca-exempt",
    "usmca-collapse/trade-costs",
    "us-2025-stack/post-ruling",
    "us-2025-stack/post-ruling-15",
    "us-2025-stack/after-surcharge",
    "us-global-surcharge/15pct",
    "us-global-surcharge/expiry",
    "mexico-tariffs-asia/proposal-2025",
]


@pytest.mark.parametrize("sid", [*sorted(REQUIRED), *VARIANTS])
def test_every_scenario_builds_on_world2023(w, sid):
    b = build_scenario(load_scenario(sid), w)
    assert b.shock.tariff.shape == w.tariff.shape
    assert np.all(b.shock.tariff > -1)
    changed = (b.shock.tariff != w.tariff) | (b.shock.trade_cost_hat != 1)
    assert changed.any(), f"{sid} changes nothing"


def test_us_tariff_25_adds_to_goods_only(w):
    # EO 14194 (90 FR 9117): 25% on all products of Mexico, energy included; the 10% energy rate is Canada's
    # (EO 14193, sec. 2), not Mexico's.
    b = build_scenario(load_scenario("us-tariff-25-mex"), w)
    us, mx = w.country_index("USA"), w.country_index("MEX")
    g = sector_groups(w)
    goods = [w.sector_index(s) for s in g["goods"]]
    services = [w.sector_index(s) for s in g["services"]]
    d = b.shock.tariff - b.world.tariff  # relative to the as-of baseline
    np.testing.assert_allclose(d[us, mx, goods], 0.25)
    np.testing.assert_allclose(d[us, mx, services], 0.0)
    d[us, mx, :] = 0
    assert np.abs(d).max() == 0  # nobody else is touched


def test_usmca_exemption_scales_by_non_compliant_share(w):
    b = build_scenario(load_scenario("us-tariff-25-mex/usmca-exempt"), w)
    us, mx = w.country_index("USA"), w.country_index("MEX")
    shares = load_usmca_compliance()
    j = w.sector_index("C29")
    assert b.shock.tariff[us, mx, j] - b.world.tariff[us, mx, j] == pytest.approx(0.25 * (1 - shares[("MEX", "C29")]))


def test_mfn_mode_applies_the_mfn_schedule_on_top_of_the_2025_26_measures(w):
    # The MFN is the imposer's schedule (palanca.data.mfn_rates), no longer its tariff on China: the
    # numbers changed because that input was fixed. The 2025-26 layer in force on the as-of date stays.
    # A collapse ends the USMCA carve-outs of the 2025-26 measures too (Proclamation 10908: only USMCA vehicles
    # pay on their non-US content, only USMCA parts are exempt), so the layer is the registry's without them.
    b = build_scenario(load_scenario("usmca-collapse"), w)
    us, mx = (w.country_index(c) for c in ("USA", "MEX"))
    goods = [w.sector_index(s) for s in sector_groups(w)["goods"]]
    layer = applied_tariffs(w, b.as_of, usmca_preferences=False) - w.tariff
    j = w.sector_index("C29")
    assert layer[us, mx, j] > (b.world.tariff - w.tariff)[us, mx, j] + 0.05
    np.testing.assert_allclose(b.shock.tariff[us, mx, goods], (mfn_rates(w, "USA") + layer[us, mx])[goods])
    np.testing.assert_allclose(b.shock.tariff[mx, us, goods], (mfn_rates(w, "MEX") + layer[mx, us])[goods])


def test_lost_agreement_raises_iceberg_costs_by_the_gravity_estimate_net_of_tariffs(w):
    # palanca.gravity's one agreement-loss function: exp(b_pta / 4) on goods between members (sigma = 5 in the
    # estimate's one-sector model), net of the MFN tariff the scenario restores, never below 1. The coefficient
    # is read from the shipped estimate (no longer copied into the scenario file): the numbers changed because
    # the mapping was fixed (the flow mapping exp(b / theta_j) gave +53% on autos under Caliendo-Parro thetas).
    b = gegravity_sample_estimate()["coefficients"]["pta"]
    built = build_scenario(load_scenario("usmca-collapse/trade-costs"), w)
    us, ca = w.country_index("USA"), w.country_index("CAN")
    j = w.sector_index("C29")
    tariff_change = (1 + built.shock.tariff[us, ca, j]) / (1 + built.world.tariff[us, ca, j])
    assert built.shock.trade_cost_hat[us, ca, j] == pytest.approx(max(np.exp(b / 4.0) / tariff_change, 1.0))
    assert built.shock.trade_cost_hat[us, us, j] == 1.0
    assert built.shock.trade_cost_hat[us, ca, w.sector_index("D35T98")] == 1.0  # services are not goods


def test_content_tariff_equals_rate_times_chinese_content(w):
    b = build_scenario(load_scenario("china-backdoor-closed"), w)
    us, mx, cn = (w.country_index(c) for c in ("USA", "MEX", "CHN"))
    base = b.world  # the as-of baseline
    content, _ = calc_va_content(base.trade_share, base.tariff, base.va_share, base.io)
    j = w.sector_index("C26")
    assert b.shock.tariff[us, mx, j] - base.tariff[us, mx, j] == pytest.approx(0.25 * content[cn, mx, j])
    assert 0.0 < content[cn, mx, j] < 0.5


def test_short_run_scales_theta(w):
    sc = load_scenario("us-tariff-25-mex")
    import dataclasses

    from palanca.scenarios import ElasticitySet

    b = build_scenario(dataclasses.replace(sc, elasticities=ElasticitySet.SHORT_RUN), w)
    np.testing.assert_allclose(b.world.theta, w.theta * sc.short_run_theta_scale)


BASE = """
id = "t"
title = "test"
date = "2025-01-01"
world = "world2023"
"""


@pytest.mark.parametrize(
    ("body", "pattern"),
    [
        (
            '[[tariffs]]\nimposer = "USA"\ntargets = ["MEX"]\nrate = -1.0',
            r"tariffs\[0\]\.rate = -1\.0: a rate must exceed −1",
        ),
        (
            '[[tariffs]]\nimposer = "USA"\ntargets = ["MEX"]\nrate = 25',
            r"tariffs\[0\]\.rate = 25: looks like a percent.*0\.25",
        ),
        ('[[tariffs]]\nimposer = "USA"\ntargets = ["MEX"]\nrate = 0.1\ncolour = 1', r"unknown key\(s\) \['colour'\]"),
        ('closure = "magic"', r"closure = 'magic'.*must be one of"),
        ('date = "1 Feb"', r"date = '1 Feb': is not an ISO date"),
        (
            '[[tariffs]]\nimposer = "USA"\ntargets = ["MEX"]\nmode = "mfn"\nrate = 0.0',
            r'tariffs\[0\]\.rate = 0\.0: a mode = "mfn" block uses the imposer\'s MFN schedule',
        ),
    ],
)
def test_schema_errors_name_field_value_and_fix(body, pattern):
    with pytest.raises(ScenarioError, match=pattern):
        base = BASE.replace('date = "2025-01-01"\n', "") if body.startswith("date") else BASE
        parse_scenario(base + body)


def test_bad_toml_and_unknown_id():
    with pytest.raises(ScenarioError, match="not valid TOML"):
        parse_scenario("id = ")
    with pytest.raises(ScenarioError, match=r"known ids: .*us-tariff-25-mex"):
        load_scenario("no-such")
    with pytest.raises(ScenarioError, match=r"variant 'x' is not defined.*usmca-exempt"):
        load_scenario("us-tariff-25-mex/x")


def test_build_errors_for_unknown_country_sector_and_overlap(w):
    sc = parse_scenario(BASE + '[[tariffs]]\nimposer = "USA"\ntargets = ["XXX"]\nrate = 0.1')
    with pytest.raises(ScenarioError, match=r"tariffs\[0\]\.targets: country 'XXX' is not in world"):
        build_scenario(sc, w)
    sc = parse_scenario(BASE + '[[tariffs]]\nimposer = "USA"\ntargets = ["MEX"]\nsectors = ["cars"]\nrate = 0.1')
    with pytest.raises(ScenarioError, match=r"tariffs\[0\]\.sectors contains 'cars'.*groups: .*autos"):
        build_scenario(sc, w)
    two = (
        '[[tariffs]]\nimposer = "USA"\ntargets = ["MEX"]\nsectors = ["autos"]\nmode = "set"\nrate = 0.1\n'
        '[[tariffs]]\nimposer = "USA"\ntargets = ["MEX"]\nsectors = ["C29"]\nmode = "set"\nrate = 0.2\n'
    )
    with pytest.raises(ScenarioError, match=r"tariffs\[1\] and tariffs\[0\] both set.*overlapping"):
        build_scenario(parse_scenario(BASE + two), w)


def test_comparators_are_annual_or_percent_figures_of_one_horizon():
    # palanca reports a change per year (USD bn a year, % of income); a cumulative multi-year figure (PIIE's
    # USD 200bn over 2025-2028 for 25% on Mexico and Canada) is not the same measure and is not printed beside it.
    for sc in list_scenarios():
        assert sc.sources, sc.id
        for v in (None, *(vid for vid, _ in sc.variants)):
            s = sc.variant(v) if v else sc
            for c in s.comparators:
                text = f"{c.measure} {c.note}".lower()
                assert "cumulative" not in text, (s.id, c.source)
                assert (c.value_pct is None) != (c.value_usd_bn is None), (s.id, c.source)
