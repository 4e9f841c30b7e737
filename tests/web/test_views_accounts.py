"""The seizure-flow, firearms, cooperation-value and remittance runs on screen, in headless Chromium.

Each test opens a run saved by its CLI command (conftest ``cli_runs_server``) and checks the key figures on screen
against the stored record, with their units, the assumptions and the run's inputs. Screenshots go to
tests/web/artifacts/ (ignored by git): dashboard-seizure-flows.png, dashboard-firearms.png,
dashboard-cooperation.png, dashboard-remittances-state.png, dashboard-remittances-us-state.png,
dashboard-remittances-year.png.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from test_views_tariffs_flows import _chart, _no_dump, _open, _shot, _text

pytestmark = pytest.mark.browser


def _whole(x: float) -> str:
    """A count as the page writes it: halves away from zero, as JavaScript's toLocaleString rounds."""
    return f"{Decimal(repr(x)).quantize(Decimal(1), rounding=ROUND_HALF_UP):,}"


def _sgn(x: float, d: int = 1) -> str:
    s = f"{x:+.{d}f}"
    return s[1:] if float(s) == 0 else s


def test_seizure_flows_view(browser, cli_runs_server):
    url, _, ids = cli_runs_server
    run = _open(browser, url, "seizure_flows", ids["seizure_flows"])
    r, p = run["result"], run["params"]
    last = r["years"][-1]
    dead = [y for y in r["years"] if y["implied_seizure_rate"] is not None][-1]
    fy = f"FY{last['fiscal_year']}"
    assert _text(browser, "view-title").endswith(fy)
    assert f"{_whole(last['seized_gross_kg'])} kg" in _text(browser, "kpi-seized") and fy in _text(
        browser, "kpi-seized"
    )
    flow = _text(browser, "kpi-flow")
    b = last["border_flow_kg"]
    assert f"{_whole(b['central'])} kg" in flow and f"range {_whole(b['high'])} to {_whole(b['low'])} kg" in flow
    assert f"{_whole(last['consumption_kg']['central'])} kg" in _text(browser, "kpi-consumption")
    assert f"{100 * dead['implied_seizure_rate']:.1f}%" in _text(browser, "kpi-implied")
    head = _text(browser, "headline")
    assert f"{100 * r['purity']:.0f}% purity" in head and f"{_whole(dead['deaths'])} synthetic-opioid deaths" in head
    assert f"US${r['retail_price_usd_per_kg']['central'] / 1e6:.2f}m" in _text(browser, "kpi-price")
    series = {t.get("name"): t for t in _chart(browser, "chart-flows")}
    central = series["reaching the border, central (pure kg)"]
    assert central["y"] == [y["border_flow_kg"]["central"] for y in r["years"]]
    implied = [100 * y["implied_seizure_rate"] for y in r["years"] if y["implied_seizure_rate"] is not None]
    assert _chart(browser, "chart-implied")[0]["y"] == implied
    rows = browser.find_elements("css selector", "#years tr")
    assert len(rows) == 1 + len(r["years"])
    cases = r["seizure_rate_cases"]
    assert f"range {100 * cases['low']:.0f}% to {100 * cases['high']:.0f}%" in _text(browser, "assumptions")
    assert r["retail_price_usd_per_kg"]["source"] in _text(browser, "assumptions")
    inputs = _text(browser, "inputs")
    assert f"anchor fiscal year\t{p['assumptions']['anchor_fiscal_year']}" in inputs
    assert p["data_digest"][:12] in inputs
    _no_dump(browser)
    print("screenshot:", _shot(browser, "dashboard-seizure-flows.png"))


def test_firearms_view(browser, cli_runs_server):
    url, _, ids = cli_runs_server
    run = _open(browser, url, "firearms", ids["firearms"])
    r, p = run["result"], run["params"]
    last = [y for y in r["years"] if y["southbound_flow"] is not None][-1]
    assert _whole(last["seized_mex"]) in _text(browser, "kpi-seized") and str(last["year"]) in _text(
        browser, "kpi-seized"
    )
    assert f"{100 * r['us_sourced_share']:.0f}%" in _text(browser, "kpi-share")
    assert f"{100 * r['seizure_rate']:.2f}%" in _text(browser, "kpi-rate")
    assert _whole(last["southbound_flow"]) in _text(browser, "kpi-flow") and "index" in _text(browser, "kpi-flow")
    head = _text(browser, "headline")
    assert f"{_whole(last['us_sourced_seized'])} were of US origin" in head
    assert r["validated"] is False and "Not validated" in _text(browser, "warning")
    flow = next(t for t in _chart(browser, "chart-firearms") if t["name"] == "southbound flow (index)")
    assert flow["y"] == [y["southbound_flow"] for y in r["years"]]
    table = _text(browser, "years")
    assert "not reported" in table and _whole(r["years"][-1]["seized_usa"]) in table
    checks = _text(browser, "checks")
    for y, v in r["atf_check"]["seized_over_traced"].items():
        assert f"{y}\t{v:.2f}" in checks
    assert r["us_sourced_share_source"] in _text(browser, "assumptions")
    assert _whole(p["assumptions"]["mcdougal_flow"]) + " firearms a year" in _text(browser, "inputs")
    _no_dump(browser)
    print("screenshot:", _shot(browser, "dashboard-firearms.png"))


def test_cooperation_view(browser, cli_runs_server):
    url, _, ids = cli_runs_server
    run = _open(browser, url, "cooperation", ids["cooperation"])
    r, a = run["result"], run["params"]["assumptions"]
    channels = ["fentanyl_enforcement", "migration_enforcement", "firearms_action"]
    head = _text(browser, "headline")
    for k in channels:
        v = r[k]
        card = _text(browser, "kpi-" + k)
        assert f"US${v['central_usd_bn_per_year']:.2f}bn" in card
        assert f"range US${v['low_usd_bn_per_year']:.2f}bn to US${v['high_usd_bn_per_year']:.2f}bn" in card
        assert f"US${v['central_usd_bn_per_year']:.2f}bn a year" in head
        assert v["sources"][0] in _text(browser, "sources-" + k)
    assert "to the US" in _text(browser, "kpi-fentanyl_enforcement") and "to Mexico" in _text(
        browser, "kpi-firearms_action"
    )
    bars = _chart(browser, "chart-values")[0]
    assert sorted(bars["x"]) == sorted(r[k]["central_usd_bn_per_year"] for k in channels)
    assert len(browser.find_elements("css selector", "#values tr")) == 1 + len(channels)
    inputs = _text(browser, "inputs")
    lo, mid, hi = a["vsl_usd"]
    assert f"US${mid / 1e6:.1f}m (range US${lo / 1e6:.1f}m to US${hi / 1e6:.1f}m)" in inputs
    assert f"FY{a['fentanyl_fiscal_year']}, {a['fentanyl_markup']}" in inputs
    _no_dump(browser)
    print("screenshot:", _shot(browser, "dashboard-cooperation.png"))


def test_remittances_by_state_view(browser, cli_runs_server):
    url, _, ids = cli_runs_server
    run = _open(browser, url, "remittances", ids["remittances"])
    r = run["result"]
    rows = r["rows"]
    exp = max(rows, key=lambda x: x["state_gdp_pct"])
    big = max(rows, key=lambda x: x["inflow_usd_m"])
    per = max(rows, key=lambda x: x["usd_per_person"])
    fast = max(rows, key=lambda x: x["growth_pct"])
    assert _text(browser, "view-title") == f"Remittances to Mexico by Mexican state, {r['year']}"
    assert exp["state"] in _text(browser, "kpi-exposed") and f"{exp['state_gdp_pct']:.1f}%" in _text(
        browser, "kpi-exposed"
    )
    assert f"US${_whole(big['inflow_usd_m'])}m" in _text(browser, "kpi-largest")
    assert f"US${_whole(per['usd_per_person'])}" in _text(browser, "kpi-person")
    assert f"{_sgn(fast['growth_pct'])}%" in _text(browser, "kpi-growth")
    chart = _chart(browser, "chart-remittances")[0]
    assert len(chart["y"]) == len(rows) and chart["y"][-1] == exp["state"]
    table = browser.find_elements("css selector", "#rows tr")
    assert len(table) == 1 + len(rows)
    # A growth that rounds to zero reads 0.0, never -0.0.
    assert "-0.0" not in _text(browser, "rows") and "+0.0" not in _text(browser, "rows")
    for note in r["notes"]:
        assert note in _text(browser, "assumptions")
    assert f"year\t{r['year']}" in _text(browser, "inputs")
    _no_dump(browser)
    print("screenshot:", _shot(browser, "dashboard-remittances-state.png"))


def test_remittances_by_us_state_view(browser, cli_runs_server):
    url, _, ids = cli_runs_server
    run = _open(browser, url, "remittances", ids["remittances_us_state"])
    r = run["result"]
    ranked = sorted(r["rows"], key=lambda x: -x["inflow_usd_m"])
    for i, x in enumerate(ranked[:3], 1):
        card = _text(browser, f"kpi-top-{i}")
        assert x["us_state"] in card and f"US${_whole(x['inflow_usd_m'])}m" in card
        assert f"{x['share_pct']:.1f}% of the total" in card
    head = _text(browser, "headline")
    assert f"top three sent {sum(x['share_pct'] for x in ranked[:3]):.1f}%" in head
    fast = max(ranked[:10], key=lambda x: x["growth_pct"])
    assert fast["us_state"] in _text(browser, "kpi-growth")
    chart = _chart(browser, "chart-remittances")[0]
    assert len(chart["y"]) == 20 and chart["y"][-1] == ranked[0]["us_state"]
    assert len(browser.find_elements("css selector", "#rows tr")) == 1 + len(r["rows"])
    _no_dump(browser)
    print("screenshot:", _shot(browser, "dashboard-remittances-us-state.png"))


def test_remittances_by_year_view(browser, cli_runs_server):
    url, _, ids = cli_runs_server
    run = _open(browser, url, "remittances", ids["remittances_year"])
    rows = run["result"]["rows"]
    done = [x for x in rows if x["inflow_usd_bn"] is not None]
    last, gdp = done[-1], [x for x in rows if x["pct_gdp"] is not None][-1]
    card = _text(browser, "kpi-inflow")
    assert f"US${last['inflow_usd_bn']:.1f}bn" in card and f"{_sgn(last['growth_pct'])}% on {last['year'] - 1}" in card
    assert f"{gdp['pct_gdp']:.2f}%" in _text(browser, "kpi-gdp") and str(gdp["year"]) in _text(browser, "kpi-gdp")
    assert f"{last['from_us_pct']:.1f}%" in _text(browser, "kpi-us")
    head = _text(browser, "headline")
    assert f"US${last['inflow_usd_bn']:.1f}bn in remittances in {last['year']}" in head
    bars = _chart(browser, "chart-remittances")[0]
    assert bars["y"] == [x["inflow_usd_bn"] for x in done]
    assert len(browser.find_elements("css selector", "#rows tr")) == 1 + len(rows)
    assert "every year" in _text(browser, "inputs")
    _no_dump(browser)
    print("screenshot:", _shot(browser, "dashboard-remittances-year.png"))
