"""The strategic-tariff and flows runs on screen, in headless Chromium, each saved by the CLI command that makes it.

Each test opens a stored run (conftest ``cli_runs_server``) and checks the figures a reader needs against the
stored record, with their units, the as-of baseline for the tariff kinds and the run's inputs. Screenshots go
to tests/web/artifacts/ (ignored by git): dashboard-optimal-tariff.png, dashboard-tariff-war.png,
dashboard-fentanyl.png, dashboard-interdiction.png, dashboard-migration.png.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).parent / "artifacts"


def _wait(drv, cond, timeout=60):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    # The view may be re-rendered between finding an element and reading it: ask again.
    return WebDriverWait(drv, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(cond)


def _open(drv, url: str, kind: str, rid: int) -> dict:
    """Open run ``rid``, wait for its view of ``kind`` with every chart drawn; return the stored run."""
    drv.get(f"{url}/#/run/{rid}")

    def ready(d):
        if d.find_element("id", "error").text:
            raise AssertionError("the page shows an error: " + d.find_element("id", "error").text)
        boxes = d.find_elements("css selector", f"#view [data-view='{kind}']")
        if not boxes or boxes[0].get_attribute("data-run-id") != str(rid):
            return False
        return d.execute_script("return [...document.querySelectorAll('#view .chart')].every(c => c.data)")

    _wait(drv, ready)
    return httpx.get(f"{url}/api/runs/{rid}").json()


def _text(drv, id_: str) -> str:
    return drv.execute_script(f"const e = document.getElementById('{id_}'); return e ? e.innerText : ''")


def _chart(drv, id_: str) -> list:
    return drv.execute_script(f"return document.getElementById('{id_}').data")


def _shot(drv, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    height = drv.execute_script("return document.body.scrollHeight")
    drv.set_window_size(1400, min(max(height, 1000), 4000))
    drv.execute_script("window.dispatchEvent(new Event('resize'))")
    path = ARTIFACTS / name
    drv.save_screenshot(str(path))
    drv.set_window_size(1300, 1000)
    assert path.stat().st_size > 20_000
    return path


def _no_dump(drv) -> None:
    view = drv.find_element("id", "view").text
    assert "{" not in view and "undefined" not in view and "NaN" not in view and "[object" not in view


def test_optimal_tariff_view(browser, cli_runs_server):
    url, _, ids = cli_runs_server
    run = _open(browser, url, "optimal_tariff", ids["optimal_tariff"])
    r, p = run["result"], run["params"]
    assert _text(browser, "baseline") == "Baseline: " + p["baseline"] and "2025-06-01" in p["baseline"]
    assert f"{100 * r['tariff']:.2f}%" in _text(browser, "kpi-tariff")
    head = _text(browser, "headline")
    assert (
        f"USA's welfare-maximising uniform tariff on {len(r['targets'])} economies is {100 * r['tariff']:.2f}%" in head
    )
    w = r["welfare_pct"]
    assert f"USA's welfare changes by {w['USA']:+.3f}%" in head and f"MEX {w['MEX']:+.3f}%" in head
    assert f"{w['MEX']:+.3f}%" in _text(browser, "kpi-MEX")
    bars = _chart(browser, "chart-welfare")[0]
    assert len(bars["x"]) == len(w) and bars["y"] == pytest.approx(sorted(w.values(), reverse=True))
    assert _text(browser, "countries").split("\n")[1].startswith("USA")
    inputs = _text(browser, "inputs")
    assert "as-of date\t2025-06-01" in inputs and "imposer\tUSA" in inputs and "0% to 100%" in inputs
    _no_dump(browser)
    print("screenshot:", _shot(browser, "dashboard-optimal-tariff.png"))


def test_tariff_war_view_shows_the_rounds_and_their_history(browser, cli_runs_server):
    url, _, ids = cli_runs_server
    run = _open(browser, url, "tariff_war", ids["tariff_war"])
    r, p = run["result"], run["params"]
    assert _text(browser, "baseline").startswith("Baseline: the tariffs in force on 2025-06-01")
    head = _text(browser, "headline")
    t = r["tariffs"]
    assert f"Nash tariffs: USA {100 * t['USA']:.2f}% on MEX; MEX {100 * t['MEX']:.2f}% on USA" in head
    assert f"after {r['iterations']} round" in head and f"({r['evaluations']} equilibrium solves" in head
    assert f"{100 * t['MEX']:.2f}%" in _text(browser, "kpi-MEX") and _text(browser, "kpi-rounds").endswith(
        f"{r['evaluations']} equilibrium solves"
    )
    hist = r["history"]
    assert len(hist) == r["iterations"] and hist[-1] == pytest.approx(t)
    lines = {tr["name"]: tr for tr in _chart(browser, "chart-history")}
    assert set(lines) == {"USA", "MEX"} and lines["USA"]["x"] == list(range(1, len(hist) + 1))
    assert lines["MEX"]["y"] == pytest.approx([100 * h["MEX"] for h in hist])
    assert len(_text(browser, "history").split("\n")) == 1 + len(hist)
    assert "players\tUSA, MEX" in _text(browser, "inputs") and p["tol"] == 1e-3
    _no_dump(browser)
    print("screenshot:", _shot(browser, "dashboard-tariff-war.png"))


def test_fentanyl_view_shows_each_lever_and_its_sensitivity(browser, cli_runs_server):
    url, _, ids = cli_runs_server
    run = _open(browser, url, "fentanyl", ids["fentanyl"])
    r, c = run["result"], run["result"]["calibration"]
    head = _text(browser, "headline")
    assert f"CBP seized {c['cbp_sw_border_fentanyl_seized_gross_kg']:,.0f} kg of fentanyl (gross)" in head
    assert f"US consumption at {c['consumption_pure_kg']:,.0f} kg pure" in head
    central = {x["lever"]: x for x in r["levers"] if x["markup"] == "additive"}
    sens = {x["lever"]: x for x in r["levers"] if x["markup"] == "multiplicative"}
    assert set(central) == set(sens) == {"precursor-controls", "mexican-enforcement", "border-interdiction",
                                         "treatment"}  # fmt: skip
    best = max(central.values(), key=lambda x: x["deaths_averted_per_usd_bn"])
    assert f"averts the most deaths: {best['deaths_averted_per_usd_bn']:,.0f}" in head
    card = _text(browser, "kpi-border-interdiction")
    x = central["border-interdiction"]
    assert (
        f"{x['deaths_averted']:,.0f} deaths averted" in card and f"US${x['cost_per_death_averted_usd_m']:.2f}m" in card
    )
    assert f"multiplicative markups (sensitivity): {sens['border-interdiction']['deaths_averted']:,.0f}" in card
    bars, dots = _chart(browser, "chart-levers")
    assert bars["y"] == pytest.approx([central[k]["deaths_averted_per_usd_bn"] for k in central])
    assert dots["y"] == pytest.approx([sens[k]["deaths_averted_per_usd_bn"] for k in central])
    levers = _text(browser, "levers")
    assert levers.count("(sensitivity)") == 4 and "e-1" not in levers  # no floating-point noise
    assert "range 5–25%" in _text(browser, "assumptions")
    assert "markup rules\tadditive, multiplicative" in _text(browser, "inputs")
    _no_dump(browser)
    print("screenshot:", _shot(browser, "dashboard-fentanyl.png"))


def test_interdiction_view_shows_the_cut(browser, cli_runs_server):
    url, _, ids = cli_runs_server
    if "interdiction" not in ids:
        pytest.skip("pyomo and highspy are needed for the interdiction run")
    run = _open(browser, url, "interdiction", ids["interdiction"])
    r = run["result"]
    head = _text(browser, "headline")
    assert f"from {r['max_flow_before']:,.0f} to {r['max_flow_after']:,.0f} kg pure fentanyl per year" in head
    assert f"({-r['reduction_pct']:+.1f}%)" in head and "→ crossed" not in head
    assert f"{r['max_flow_after']:,.0f}" in _text(browser, "kpi-after")
    bars = _chart(browser, "chart-arcs")[0]
    red = [y for y, col in zip(bars["y"], bars["marker"]["color"], strict=True) if col == "#b2182b"]
    assert len(red) == len(r["interdicted"]) == 2 and all(y.split(": ")[1] in head for y in red)
    assert sum(line.endswith("\tcut") for line in _text(browser, "arcs").split("\n")[1:]) == 2
    assert "budget (arcs the interdictor can cut)\t2" in _text(browser, "inputs")
    _no_dump(browser)
    print("screenshot:", _shot(browser, "dashboard-interdiction.png"))


def test_migration_view_shows_the_series_and_the_model(browser, cli_runs_server):
    url, _, ids = cli_runs_server
    run = _open(browser, url, "migration", ids["migration"])
    r = run["result"]
    e, m = r["effect_of_one_unit"], r["model"]
    cbp = r["cbp_sw_encounters_by_fy"]
    last = max(cbp)
    head = _text(browser, "headline")
    assert f"CBP southwest-border encounters, FY{last}: {cbp[last]:,.0f}" in head
    assert f"changes apprehensions by {e['change_pct']:+.0f}% (range {e['change_low_pct']:+.0f}%" in head
    assert f"{e['averted']:,.0f} averted a year" in head
    assert f"{m['theta']:+.3f}" in _text(browser, "kpi-theta")
    if not m["identified"]:
        assert m["failed_checks"][0] in _text(browser, "warning")
    traces = {t["name"]: t for t in _chart(browser, "chart-encounters")}
    usbp = r["usbp_sw_apprehensions_by_fy"]
    assert traces["USBP apprehensions"]["y"] == pytest.approx([usbp[k] for k in sorted(usbp)])
    assert "CBP encounters: Mexico" in traces
    assert _text(browser, "series").split("\n")[1].startswith(last)  # newest first
    assert len(_text(browser, "events").split("\n")) == 1 + len(r["policy_events"])
    assert "shipped series read (digest)" in _text(browser, "inputs")
    _no_dump(browser)
    print("screenshot:", _shot(browser, "dashboard-migration.png"))


def test_the_filter_finds_a_new_kind_and_its_list_names_it(browser, cli_runs_server):
    from selenium.webdriver.support.ui import Select

    url, _, ids = cli_runs_server
    drv = browser
    drv.get(f"{url}/#/")
    _wait(drv, lambda d: d.find_elements("css selector", "#runs a[data-run]"))
    Select(drv.find_element("id", "filter-kind")).select_by_visible_text("tariff war")
    _wait(drv, lambda d: "kind=tariff_war" in d.current_url and _text(d, "page-info") == "1–1 of 1")
    assert "tariff war" in _text(drv, "runs") and "optimal tariff" not in _text(drv, "runs")
    drv.find_element("css selector", f"#runs a[data-run='{ids['tariff_war']}']").click()
    _wait(
        drv,
        lambda d: d.find_elements("css selector", f"#view [data-view='tariff_war'][data-run-id='{ids['tariff_war']}']"),
    )
    assert f"#/run/{ids['tariff_war']}?kind=tariff_war" in drv.current_url
    assert Select(drv.find_element("id", "filter-kind")).first_selected_option.text == "tariff war"
