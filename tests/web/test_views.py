"""Every run kind on screen, in headless Chromium: what a reader sees, its downloads, report and address.

The store is seeded (conftest ``seeded_server``) with small real runs of each kind; each test opens or
clicks to a view and asserts the text, the chart and the links against the stored run. Screenshots go to
tests/web/artifacts/ (ignored by git): dashboard-leverage.png, dashboard-scenario.png, dashboard-bargain.png,
dashboard-remittance.png, dashboard-sweep.png, dashboard-gravity.png, dashboard-runs-page2.png, dashboard-mfn.png,
dashboard-units.png.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).parent / "artifacts"
LISTED = "return [...document.querySelectorAll('#runs a[data-run]')].map(a => a.dataset.run)"
LISTED = "return [...document.querySelectorAll('#runs a[data-run]')].map(a => a.dataset.run)"


def _wait(drv, cond, timeout=60):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    # The view may be re-rendered between finding an element and reading it: ask again.
    return WebDriverWait(drv, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(cond)


def _view(drv, kind: str, run_id=None):
    """Wait until the view of ``kind`` (for ``run_id`` when given) is drawn, its charts included."""

    def ready(d):
        if d.find_element("id", "error").text:
            raise AssertionError("the page shows an error: " + d.find_element("id", "error").text)
        boxes = d.find_elements("css selector", f"#view [data-view='{kind}']")
        if not boxes or (run_id is not None and boxes[0].get_attribute("data-run-id") != str(run_id)):
            return False
        return d.execute_script("return [...document.querySelectorAll('#view .chart')].every(c => c.data)")

    _wait(drv, ready)
    return drv.find_element("css selector", "#view [data-view]")


def _shot(drv, name: str, height: int = 1800) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    drv.set_window_size(1400, height)
    drv.execute_script("window.dispatchEvent(new Event('resize'))")
    drv.implicitly_wait(0)
    path = ARTIFACTS / name
    _wait(drv, lambda d: d.execute_script("return document.readyState") == "complete")
    drv.save_screenshot(str(path))
    drv.set_window_size(1300, 1000)
    assert path.stat().st_size > 20_000
    return path


def _png_of(drv, chart_id: str) -> bytes:
    url = drv.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"Plotly.toImage(document.getElementById('{chart_id}'), {{format: 'png', width: 800, height: 400}})"
        ".then(done, e => done('error: ' + e))"
    )
    assert url.startswith("data:image/png;base64,"), url[:80]
    return base64.b64decode(url.split(",", 1)[1])


def _text(drv, id_: str) -> str:
    return drv.execute_script(f"const e = document.getElementById('{id_}'); return e ? e.innerText : ''")


def _value(drv, id_: str) -> str:
    return drv.execute_script(f"const e = document.getElementById('{id_}'); return e ? e.value : null")


def test_leverage_view_leads_with_the_stored_headline(browser, seeded_server):
    url, _, ids = seeded_server
    drv, rid = browser, ids["leverage"]
    run = httpx.get(f"{url}/api/runs/{rid}").json()
    h = run["result"]["headline"]
    drv.get(f"{url}/#/run/{rid}")
    _view(drv, "leverage", rid)
    assert h["text"] in _text(drv, "headline")
    assert "loss ratio" not in drv.find_element("id", "view").text
    assert bool(drv.find_elements("id", "kpi-ratio")) == (h["verdict"] == "ratio")
    by = {c["country"]: c for c in run["result"]["countries"]}
    for side in ("USA", "MEX"):
        card = _text(drv, "kpi-" + side)
        assert f"{by[side]['real_income_usd_bn']:+.1f} USD bn" in card and "% of income" in card
    share = _text(drv, "kpi-share")
    assert f"MEX {100 * h['share_of_joint_loss']['MEX']:.0f}%" in share
    y = drv.execute_script("return document.getElementById('chart-income').data[0].y")
    assert y == pytest.approx([c["real_income_pct"] for c in run["result"]["countries"]], abs=1e-12)
    zmax = drv.execute_script("return document.getElementById('chart-sectors').data[0].zmax")
    values = [abs(s["output_pct"]) for s in run["result"]["sectors"]]
    assert zmax <= 2 * max(values) and zmax < 200  # the colour range follows the data, not one outlier
    labels = drv.execute_script("return document.getElementById('chart-sectors').data[0].y")
    assert any("Crop and animal production" in t for t in labels)  # names, with the code beside them

    csv = httpx.get(drv.find_element("id", "csv-countries").get_attribute("href"))
    mex = f"countries,MEX,real_income_pct,{by['MEX']['real_income_pct']!r}"
    assert csv.status_code == 200 and mex in csv.text and "attachment" in csv.headers["content-disposition"]
    full = httpx.get(drv.find_element("id", "csv-link").get_attribute("href")).text
    assert "headline,,verdict,," + h["verdict"] in full
    report = httpx.get(drv.find_element("id", "report-link").get_attribute("href"))
    assert report.status_code == 200 and f"run {rid}" in report.text
    assert "sandbox" in report.headers["content-security-policy"]
    assert _text(drv, "report-command") == f"palanca report {rid} -o report-{rid}.html"
    assert len(_png_of(drv, "chart-income")) > 5_000

    drv.refresh()  # the address alone brings the same view back
    _view(drv, "leverage", rid)
    assert h["text"] in _text(drv, "headline")
    print("screenshot:", _shot(drv, "dashboard-leverage.png", 2300))


def test_scenario_run_shows_its_blocks_and_verdict(browser, seeded_server):
    url, _, ids = seeded_server
    drv, rid = browser, ids["scenario"]
    run = httpx.get(f"{url}/api/runs/{rid}").json()
    drv.get(f"{url}/#/run/{rid}")
    _view(drv, "scenario", rid)
    h = run["result"]["headline"]
    assert _text(drv, "verdict") and h["text"] in _text(drv, "headline")
    if h["verdict"] == "ratio":
        assert f"{h['ratio']:.1f}×" in _text(drv, "kpi-ratio")
        if h["ratio_band"]:
            assert "{:.1f} to {:.1f}×".format(*h["ratio_band"]) in _text(drv, "kpi-ratio")
    else:
        assert drv.find_elements("id", "kpi-ratio") == []
    if run["result"].get("subtotals_by_shock"):
        assert "the retaliation %" in _text(drv, "subtotals")
    inputs = _text(drv, "inputs")
    assert "us-tariff-30-mex-retaliation" in inputs and "30.00%" in inputs
    print("screenshot:", _shot(drv, "dashboard-scenario.png", 2300))


def test_bargain_run_replaces_the_previous_view(browser, seeded_server):
    from selenium.webdriver.support.ui import Select

    url, _, ids = seeded_server
    drv, rid = browser, ids["bargain"]
    drv.get(f"{url}/#/run/{ids['leverage']}")
    _view(drv, "leverage", ids["leverage"])
    Select(drv.find_element("id", "filter-kind")).select_by_value("bargain")
    _wait(
        drv,
        lambda d: (
            "kind=bargain" in d.current_url and "bargain" in _text(d, "runs") and "leverage" not in _text(d, "runs")
        ),
    )
    drv.find_element("css selector", f"#runs a[data-run='{rid}']").click()
    _view(drv, "bargain", rid)
    assert re.search(rf"#/run/{rid}\?kind=bargain$", drv.current_url)
    assert drv.find_elements("id", "pct-MEX") == [] and drv.find_elements("id", "chart-sectors") == []
    r = httpx.get(f"{url}/api/runs/{rid}").json()["result"]
    head = _text(drv, "headline")
    assert f"a US tariff of {100 * r['deal']['terms']['us_tariff']:.1f}% on Mexico" in head
    assert f"Mexico {r['gain_usd_bn']['MEX']:+.1f} USD bn" in head
    assert f"{r['leverage_usa']:.3f}" in _text(drv, "kpi-leverage")
    torn = drv.execute_script("return document.getElementById('chart-tornado').data[0].y")
    assert len(torn) == min(12, len(r["tornado"])) and all("_" not in t for t in torn)
    assert "{" not in drv.find_element("id", "view").text  # no JSON dump
    drv.refresh()
    _view(drv, "bargain", rid)
    assert Select(drv.find_element("id", "filter-kind")).first_selected_option.text == "bargain"
    print("screenshot:", _shot(drv, "dashboard-bargain.png", 1800))


def test_remittance_tax_run(browser, seeded_server):
    url, _, ids = seeded_server
    drv, rid = browser, ids["remittance_tax"]
    drv.get(f"{url}/#/run/{rid}")
    _view(drv, "remittance_tax", rid)
    r = httpx.get(f"{url}/api/runs/{rid}").json()["result"]
    n = r["national_change_usd_bn"]
    assert f"{n['central']:+.2f} USD bn a year (5–95%: {n['low']:+.2f} to {n['high']:+.2f})" in _text(drv, "headline")
    states = drv.execute_script("return document.getElementById('chart-states').data[0]")
    assert len(states["y"]) == len(r["states"]) == 32 and states["orientation"] == "h"
    csv = httpx.get(drv.find_element("id", "csv-link").get_attribute("href")).text
    assert "states,Guerrero,change_usd_m," in csv
    print("screenshot:", _shot(drv, "dashboard-remittance.png", 2400))


def test_sweep_grid_from_a_point_in_the_list(browser, seeded_server):
    url, _, ids = seeded_server
    drv = browser
    drv.get(f"{url}/#/?kind=sweep_point")
    _wait(drv, lambda d: d.find_elements("css selector", f"#runs a[data-run='{ids['sweep_point']}']"))
    drv.find_element("css selector", f"#runs a[data-run='{ids['sweep_point']}']").click()
    _view(drv, "sweep")
    assert f"#/sweep/{ids['sweep']}" in drv.current_url
    grid = drv.execute_script("return document.getElementById('chart-sweep-MEX').data[0]")
    assert grid["x"] == ["10.0%", "25.0%"] and grid["y"] == ["0.0%", "10.0%"]
    pts = httpx.get(f"{url}/api/sweeps/{ids['sweep']}").json()["points"]
    mex = {(p["point"]["us_tariff_mex"], p["point"]["mex_tariff_usa"]): next(
        c["real_income_pct"] for c in p["countries"] if c["country"] == "MEX") for p in pts}  # fmt: skip
    assert grid["z"][1][0] == pytest.approx(mex[(0.1, 0.1)])
    assert "US tariff on Mexico ∈ {10.0%, 25.0%}" in _text(drv, "headline") and "4 points" in _text(drv, "headline")
    csv = httpx.get(drv.find_element("id", "csv-link").get_attribute("href")).text.splitlines()
    assert csv[0] == "run_id,us_tariff_mex,mex_tariff_usa,country,real_income_pct,low_pct,median_pct,high_pct"
    assert len(csv) == 1 + 4 * len(pts[0]["countries"])
    drv.refresh()
    _view(drv, "sweep")
    print("screenshot:", _shot(drv, "dashboard-sweep.png", 1500))


def test_gravity_run_shows_its_tables(browser, seeded_server):
    url, _, ids = seeded_server
    drv, rid = browser, ids["gravity"]
    drv.get(f"{url}/#/run/{rid}")
    _view(drv, "gravity", rid)
    countries = httpx.get(f"{url}/api/runs/{rid}").json()["result"]["countries"]
    best = max(countries, key=lambda c: c["welfare_pct"])
    assert f"welfare % ranges from {best['welfare_pct']:+.3f} ({best['country']})" in _text(drv, "headline")
    bars = drv.execute_script("return document.getElementById('chart-main').data[0]")
    assert bars["x"][0] == best["country"] and len(bars["x"]) == len(countries)
    assert "bilateral (first 40 of 900; all in the CSV)" in _text(drv, "view")
    print("screenshot:", _shot(drv, "dashboard-gravity.png", 1400))


def test_runs_are_paged_and_filtered_and_the_page_is_in_the_address(browser, seeded_server):
    url, _, ids = seeded_server
    drv = browser

    def shown():
        return drv.execute_script(LISTED)

    n_tax = len(ids["fillers"]) + 1
    drv.get(f"{url}/#/?kind=remittance_tax")
    _wait(drv, lambda d: _text(d, "page-info") == f"1–{n_tax} of {n_tax}")
    assert set(_text(drv, "runs").split("\n")[1:]) <= {
        t for t in _text(drv, "runs").split("\n") if "remittance tax" in t
    }
    drv.get(f"{url}/#/")
    _wait(drv, lambda d: re.fullmatch(r"1–10 of \d+", _text(d, "page-info")))
    total = int(_text(drv, "page-info").split(" of ")[1])
    assert total > 10
    first = shown()
    drv.find_element("id", "next").click()
    _wait(drv, lambda d: "page=2" in d.current_url and shown() and shown() != first)
    second = shown()
    assert len(first) == 10 and len(second) == total - 10 and not set(first) & set(second)
    drv.refresh()
    _wait(drv, lambda d: d.find_elements("css selector", "#runs a[data-run]"))
    assert shown() == second and _text(drv, "page-info") == f"11–{total} of {total}"
    print("screenshot:", _shot(drv, "dashboard-runs-page2.png", 1400))
    box = drv.find_element("id", "filter-q")
    box.send_keys("2.00%\n")
    _wait(drv, lambda d: "q=2.00" in d.current_url and _text(d, "page-info") == "1–1 of 1")
    assert "remittance tax 2.00%" in _text(drv, "runs")


def test_scenario_address_sets_the_inputs_and_mfn_blocks_say_so(browser, seeded_server):
    url, _, _ = seeded_server
    drv = browser
    drv.get(f"{url}/#/scenario/us-tariff-25-mex?tariffs=40,10&theta=0.8&draws=3")
    _wait(drv, lambda d: d.find_elements("id", "tariff-0") and _text(d, "title"))
    _wait(drv, lambda d: _value(d, "tariff-0") == "40")
    assert drv.find_element("id", "tariff-1").get_attribute("value") == "10"
    assert drv.find_element("id", "theta").get_attribute("value") == "0.8"
    assert drv.find_element("id", "draws").get_attribute("value") == "3"
    box = drv.find_element("id", "tariff-0")
    box.clear()
    box.send_keys("35\t")
    _wait(drv, lambda d: "tariffs=35%2C10" in d.current_url or "tariffs=35,10" in d.current_url)

    drv.get(f"{url}/#/scenario/usmca-collapse")
    _wait(drv, lambda d: d.find_elements("id", "tariff-0") and "usmca-collapse" in d.current_url)
    _wait(drv, lambda d: _text(d, "tariff-0") == "MFN schedule")
    assert drv.find_elements("css selector", "input.rate") == [] and "0%" not in _text(drv, "tariffs")
    draws = drv.find_element("id", "draws")
    draws.clear()
    draws.send_keys("0")
    drv.find_element("id", "run").click()  # the run's own inputs say MFN too
    _view(drv, "leverage")
    inputs = _text(drv, "inputs")
    assert inputs.count("MFN schedule") == 3 and "0.00%" not in inputs
    print("screenshot:", _shot(drv, "dashboard-mfn.png", 1000))


def test_input_errors_speak_in_the_units_typed(browser, seeded_server):
    from palanca.store import list_runs

    url, store, _ = seeded_server
    drv = browser
    n = len(list_runs(store))
    drv.get(f"{url}/#/scenario/us-tariff-25-mex")
    _wait(drv, lambda d: _value(d, "tariff-0") == "25")
    box = drv.find_element("id", "tariff-0")
    box.clear()
    box.send_keys("250")
    theta = drv.find_element("id", "theta")
    theta.clear()
    theta.send_keys("9")
    drv.find_element("id", "draws").clear()
    drv.find_element("id", "run").click()
    _wait(drv, lambda d: _text(d, "error"))
    err = _text(drv, "error")
    tariff = "IEEPA 25% [goods, -energy]: 250% — a tariff must lie between 0% and 200%; enter it in % (25 for 25%)"
    assert tariff in err
    assert "trade-elasticity scale: 9 — use a factor above 0.05 and at most 5 (1 = the published elasticities)" in err
    assert "Monte Carlo draws: empty — use a whole number from 0 to 100" in err  # an empty box is not 0 draws
    assert "2.5" not in err and "[0, 2]" not in err
    assert len(list_runs(store)) == n
    print("screenshot:", _shot(drv, "dashboard-units.png", 1000))

    # The server's own check, as the page shows it for a request that skipped the page's: the same words, in %.
    drv.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "api('/api/run', {method: 'POST', headers: {'Content-Type': 'application/json'},"
        " body: JSON.stringify({scenario: 'us-tariff-25-mex', tariffs: [2.5, 0.25], draws: 0})})"
        ".then(() => done(), e => { showError(e); done(); })"
    )
    err = _text(drv, "error")
    assert err.startswith("IEEPA 25% [goods, -energy] (tariffs[0]): 250% (sent as 2.5) — " + tariff.split(" — ")[1])
    assert len(list_runs(store)) == n
    print("screenshot:", _shot(drv, "dashboard-server-units.png", 1000))
