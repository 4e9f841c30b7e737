"""Live dashboard servers on free localhost ports with their own stores, and the headless browser that drives them."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    from palanca.web import create_app

    store = tmp_path_factory.mktemp("web") / "s.duckdb"
    url, server, thread = _serve(create_app(store))
    yield url, store
    server.should_exit = True
    thread.join(10)


def _serve(app):
    import httpx
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(url + "/api/scenarios", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    return url, server, thread


@pytest.fixture(scope="module")
def seeded_server(tmp_path_factory):
    """A dashboard (with reports) over a store holding one small real run of every kind, made through the APIs.

    Yields ``(url, store, ids)``; ``ids`` maps ``leverage``, ``scenario``, ``bargain``, ``remittance_tax``,
    ``gravity`` to a run id, ``sweep`` to the sweep id and ``sweep_point`` to one of its runs, ``fillers`` to the extra
    remittance-tax runs that make the list run to a second page.
    """
    import httpx

    from palanca import _api
    from palanca.data import GEGRAVITY_SAMPLE
    from palanca.gravity import parse_cost_change
    from palanca.report import render_report
    from palanca.scenarios import load_scenario
    from palanca.store import (
        list_runs,
        record_bargain,
        record_gravity,
        record_leverage,
        record_remittance_tax,
        save_run,
    )
    from palanca.sweep import Vary, sweep
    from palanca.web import create_app

    store = tmp_path_factory.mktemp("views") / "s.duckdb"
    ids: dict = {}
    res = _api.leverage(load_scenario("us-tariff-30-mex-retaliation"), draws=2, seed=1)
    ids["scenario"] = save_run(record_leverage(res, kind="scenario"), store)
    ids["bargain"] = save_run(record_bargain(_api.bargain("usmca-review-2026", draws=0, seed=0)), store)
    sw = sweep(
        load_scenario("us-tariff-25-mex"),
        [Vary("us_tariff_mex", (0.1, 0.25)), Vary("mex_tariff_usa", (0.0, 0.1))],
        draws=0,
        executor="sync",
        store=store,
    )
    ids["sweep"], ids["sweep_point"] = sw.sweep_id, sw.run_ids[0]
    ids["fillers"] = []
    for rate in (0.005, 0.01, 0.015, 0.02, 0.025, 0.03, 0.035, 0.04, 0.045):
        rt = _api.remittance_tax(rate, draws=40, seed=0)
        ids["fillers"].append(save_run(record_remittance_tax(rt), store))
    ids["remittance_tax"] = ids["fillers"].pop(1)  # the 1% tax
    coef = {"lndist": -0.39, "contiguity": 0.89, "common_language": 0.03, "pta": 0.47, "international": -3.41}
    pta = [parse_cost_change("pta[CAN,JPN]=1"), parse_cost_change("pta[JPN,CAN]=1")]
    grav = _api.gravity_experiment(GEGRAVITY_SAMPLE, coef, pta, sigma=5.0, reference_importer="DEU")
    ids["gravity"] = save_run(record_gravity(grav), store)
    url, server, thread = _serve(create_app(store, report=render_report))
    out = httpx.post(url + "/api/run", json={"scenario": "us-tariff-25-mex", "draws": 2, "seed": 0}, timeout=120)
    ids["leverage"] = out.json()["run_id"]
    assert len(list_runs(store)) > 10
    yield url, store, ids
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def cli_runs_server(tmp_path_factory):
    """A dashboard (with reports) over a store with one run of each strategic-tariff and flows kind, saved by the CLI.

    Yields ``(url, store, ids)``; ``ids`` maps ``optimal_tariff``, ``tariff_war``, ``fentanyl``, ``interdiction`` (when
    pyomo and highspy are installed), ``migration``, ``seizure_flows``, ``firearms``, ``cooperation`` and
    ``remittances`` (by Mexican state) to a run id, and ``remittances_us_state`` and ``remittances_year`` to the other
    two remittance views.
    """
    import importlib.util

    from typer.testing import CliRunner

    from palanca.cli import app
    from palanca.report import render_report
    from palanca.store import list_runs
    from palanca.web import create_app

    store = tmp_path_factory.mktemp("cli-runs") / "s.duckdb"
    commands = {
        "optimal_tariff": ["tariff", "optimal", "USA", "--as-of", "2025-06-01"],
        "tariff_war": ["tariff", "war", "--players", "USA", "MEX", "--as-of", "2025-06-01", "--tol", "1e-3"],
        "fentanyl": ["flows", "fentanyl", "--markup", "both"],
        "interdiction": ["flows", "interdiction", "--budget", "2"],
        "migration": ["flows", "migration"],
        "seizure_flows": ["flows", "seizure-flows"],
        "firearms": ["flows", "firearms"],
        "cooperation": ["flows", "values"],
        "remittances": ["remittances", "show", "--by", "state", "--year", "2024"],
        "remittances_us_state": ["remittances", "show", "--by", "us-state", "--year", "2024"],
        "remittances_year": ["remittances", "show", "--by", "year"],
    }
    if not (importlib.util.find_spec("pyomo") and importlib.util.find_spec("highspy")):
        del commands["interdiction"]
    ids: dict = {}
    for kind, args in commands.items():
        res = CliRunner().invoke(app, [*args, "--json", "--store", str(store)])
        assert res.exit_code == 0, res.output
        ids[kind] = list_runs(store, limit=1)[0].run_id
        assert list_runs(store, limit=1)[0].kind == kind.removesuffix("_us_state").removesuffix("_year")
    url, server, thread = _serve(create_app(store, report=render_report))
    yield url, store, ids
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium driven by Selenium (skipped where either is missing)."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium missing: pip install -e '.[dev]'")
    if not (Path(CHROMIUM).exists() and Path(DRIVER).exists()):
        pytest.skip(f"{CHROMIUM} or {DRIVER} missing: apt-get install chromium chromium-driver (make test tries)")
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
              "--disable-dev-shm-usage", "--window-size=1300,1000"):  # fmt: skip
        opts.add_argument(a)
    drv = webdriver.Chrome(service=Service(executable_path=DRIVER), options=opts)
    yield drv
    drv.quit()
