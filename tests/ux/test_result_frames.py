"""Result DataFrames carry the same numbers as the records, labelled; notebooks show the terminal's text."""

from __future__ import annotations

import html

import pytest


@pytest.fixture(scope="module")
def lev():
    from palanca._api import leverage

    return leverage("us-tariff-25-mex", draws=2, seed=1)


def test_leverage_frames(lev):
    countries = lev.to_frame()
    mex = lev.outcome("MEX")
    assert countries.loc["MEX", "real_income_pct"] == mex.real_income_pct
    assert countries.loc["MEX", "total_usd_bn"] == pytest.approx(mex.total_usd_bn)
    sectors = lev.to_frame("sectors")
    assert sectors.index.names == ["sector", "country"] and sectors.loc[("C29", "MEX"), "label"].startswith("Motor")
    assert sectors.loc[("C29", "MEX"), "partner"] == "USA" and len(sectors) == 2 * len(lev.equilibrium.world.sectors)
    groups = lev.to_frame("groups")
    assert groups.loc["autos", "MEX"] == lev.group_output_pct("autos", "MEX")
    assert groups.index.name == "group" and groups.columns.name == "country"
    by_set = lev.to_frame("by_elasticity_set")
    assert set(by_set.columns) >= {"USA", "MEX"} and len(by_set) == len(lev.by_set)
    with pytest.raises(ValueError, match="choose one of countries, sectors"):
        lev.to_frame("nope")


def test_leverage_notebook_view_is_the_summary(lev):
    assert html.escape(lev.summary) in lev._repr_html_()
    assert str(lev) == lev.summary


def test_remittance_and_origin_frames():
    from palanca.flows import remittance_tax
    from palanca.roo import check_origin, load_bom

    rem = remittance_tax(0.01, draws=5, seed=0)
    states = rem.to_frame()
    rec = {s["state"]: s for s in rem.to_dict()["states"]}
    assert len(states) == 32 and states.loc["Guerrero", "change_usd_m"] == rec["Guerrero"]["change_usd_m"]
    us = rem.to_frame("us_states")
    assert us.loc["CA", "name"] == "California"
    assert html_escaped(rem.summary) in rem._repr_html_()

    res = check_origin(load_bom("sedan-qualifies"), as_of="2026-06-01")
    tests = res.to_frame()
    assert list(tests.index) == [t.name for t in res.tests]
    assert bool(tests.loc[res.tests[0].name, "passes"]) == res.tests[0].passes
    assert html_escaped(res.summary) in res._repr_html_()


def html_escaped(text: str) -> str:
    return html.escape(text)
