"""End to end in headless Debian Chromium (Selenium): change a tariff, run, check the chart and numbers.

Needs /usr/bin/chromium and /usr/bin/chromedriver (`make test` installs them with apt-get where it
can) and selenium (dev extra); the driver fixture is in conftest.py. The screenshot is kept in
tests/web/artifacts/ (ignored by git).
"""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).parent / "artifacts"


def _shown_run(drv) -> str:
    return drv.execute_script(
        "const v = document.querySelector('#view [data-run-id]'); return v ? v.dataset.runId : ''"
    )


def _wait_run(drv, previous: str) -> str:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(drv, 120).until(lambda d: _shown_run(d) not in ("", previous) or d.find_element("id", "error").text)
    assert drv.find_element("id", "error").text == ""
    assert drv.current_url.endswith(f"#/run/{_shown_run(drv)}")  # the address names the run shown
    return _shown_run(drv)


def test_change_tariff_run_and_compare_with_api(browser, live_server):
    from selenium.webdriver.support.ui import Select, WebDriverWait

    url, _ = live_server
    drv = browser
    drv.get(url + "/")
    WebDriverWait(drv, 30).until(lambda d: d.find_elements("id", "tariff-0"))
    Select(drv.find_element("id", "scenario")).select_by_value("us-tariff-25-mex")
    WebDriverWait(drv, 30).until(lambda d: d.find_element("id", "tariff-0").get_attribute("value") == "25")
    drv.find_element("id", "run").click()
    first = _wait_run(drv, "")
    mex_before = drv.find_element("id", "pct-MEX").text
    y_before = drv.execute_script("return document.getElementById('chart-income').data[0].y")

    box = drv.find_element("id", "tariff-0")
    box.clear()
    box.send_keys("50")
    drv.find_element("id", "run").click()
    second = _wait_run(drv, first)
    mex_after = drv.find_element("id", "pct-MEX").text
    y_after = drv.execute_script("return document.getElementById('chart-income').data[0].y")
    assert second != first and mex_after != mex_before and y_after != y_before
    assert float(mex_after) < float(mex_before)  # a higher US tariff costs Mexico more

    api = httpx.get(f"{url}/api/runs/{second}").json()
    assert api["params"]["scenario"]["tariffs"][0]["rate"] == pytest.approx(0.5)
    countries = api["result"]["countries"]
    assert y_after == pytest.approx([c["real_income_pct"] for c in countries], abs=1e-12)
    mex = next(c for c in countries if c["country"] == "MEX")
    assert mex_after == f"{mex['real_income_pct']:.3f}"

    # a bad value is a visible message, not a stack trace
    box.clear()
    box.send_keys("-5")
    drv.find_element("id", "run").click()
    WebDriverWait(drv, 30).until(lambda d: d.find_element("id", "error").text)
    assert "-5% — a tariff must lie between 0% and 200%" in drv.find_element("id", "error").text
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "dashboard.png"
    drv.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")


def test_markup_in_a_stored_label_is_inert(browser, live_server):
    """A run label and scenario id holding HTML stay text: no element is made, no script runs."""
    from selenium.webdriver.support.ui import WebDriverWait

    from palanca.store import RunRecord, save_run

    url, store = live_server
    label = '<img src=x onerror="document.title=\'pwned\'"><b id="injected">bold</b>'
    save_run(RunRecord(kind="scenario", label=label, params={"scenario": label}, result={"x": 1.0}), store)
    drv = browser
    drv.get(url + "/")
    WebDriverWait(drv, 30).until(lambda d: label in d.find_element("id", "runs").text)
    time.sleep(0.5)  # an onerror handler would have fired by now
    assert drv.title == "palanca dashboard"
    assert drv.find_elements("id", "injected") == []
    assert drv.find_elements("css selector", "#runs img") == []


def test_the_page_asks_for_the_token_of_a_remote_dashboard(browser, tmp_path):
    """Served beyond loopback (token on), the page asks for the token once and then works."""
    import socket
    import threading

    import uvicorn
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    from palanca.web import create_app

    token = "browser-token-" + "z" * 12
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(tmp_path / "s.duckdb", allowed_hosts=None, token=token)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                if httpx.get(url + "/", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        assert httpx.get(url + "/api/scenarios").status_code == 401
        drv = browser
        drv.get(url + "/")
        WebDriverWait(drv, 30).until(ec.alert_is_present())
        alert = drv.switch_to.alert
        assert "access token" in alert.text
        alert.send_keys(token)
        alert.accept()
        WebDriverWait(drv, 30).until(lambda d: d.find_elements("id", "tariff-0"))
        assert drv.execute_script('return sessionStorage.getItem("palanca-token")') == token
        assert drv.find_element("id", "error").text == ""
    finally:
        server.should_exit = True
        thread.join(10)
