"""Reports: self-contained HTML (plotly.js inline, no remote scripts), the charts each kind needs, sources, PDF."""

from __future__ import annotations

import re
from pathlib import Path
from unittest import mock

import pytest
from typer.testing import CliRunner

from palanca.cli import app
from palanca.errors import StoreError
from palanca.report import find_pdf_engine, write_pdf, write_report
from palanca.store import RunRecord, save_run

runner = CliRunner()


@pytest.fixture(scope="module")
def leverage_store(tmp_path_factory) -> Path:
    from palanca._api import leverage
    from palanca.store import record_leverage

    store = tmp_path_factory.mktemp("rep") / "s.duckdb"
    res = leverage("us-tariff-25-mex", draws=4, seed=1, remittance_tax=0.01)
    save_run(record_leverage(res, {"wall_s": 1.0}), store)
    return store


def _scripts(text: str) -> list[str]:
    return re.findall(r"<script[^>]*\bsrc\s*=\s*['\"]?([^'\" >]+)", text, flags=re.I)


def test_leverage_report_is_self_contained_with_every_chart(leverage_store, tmp_path):
    path = write_report(1, tmp_path / "r.html", leverage_store)
    text = path.read_text()
    assert _scripts(text) == []  # no <script src=...> at all, so no CDN
    assert not re.search(r"<link[^>]+href=['\"]https?:", text)
    assert "plotly.js v" in text or "Plotly" in text  # the library itself is inlined
    for title in (
        "Real-income change, % of income",
        "The two sides, % of income",
        "Sectoral effects",
        "Bilateral exports by sector",
        "Remittance tax: incidence by Mexican state",
        "Remittance tax: change by US state of origin",
    ):
        assert title in text, title
    assert "Executive Order 14194" in text and "Banxico" in text  # sources cited
    assert "world digest (SHA-256)" in text and "[[tariffs]]" in text  # provenance and the scenario TOML
    assert text.count("Plotly.newPlot") >= 5


def test_bargain_and_remittance_reports(tmp_path):
    store = tmp_path / "s.duckdb"
    from palanca.flows import remittance_tax

    rem = remittance_tax(0.035, draws=50, seed=2)
    rid = save_run(RunRecord(kind="remittance_tax", label="rt", params={"rate": 0.035}, result=rem.to_dict()), store)
    text = write_report(rid, tmp_path / "rem.html", store).read_text()
    assert "incidence by Mexican state" in text and "Michoac" in text
    bargain = {
        "scenario": "usmca-review-2026",
        "disagreement_pct": {"USA": -0.01, "MEX": -0.32},
        "outside_option_pct": {"USA": -0.03, "MEX": -2.0},
        "deal": {"terms": {"us_tariff": 0.0}, "usa_pct": 0.15, "mex_pct": 0.08},
        "fearon": {"low": 0.45, "high": 1.0},
        "leverage_usa": 0.86,
    }
    rid = save_run(RunRecord(kind="bargain", label="b", params={}, result=bargain), store)
    text = write_report(rid, tmp_path / "b.html", store).read_text()
    assert "Bargaining range: US leverage index 0.86; Fearon range of US shares 0.45" in text
    assert _scripts(text) == []


def test_report_cli_and_missing_run(leverage_store, tmp_path):
    out = tmp_path / "cli.html"
    res = runner.invoke(app, ["report", "1", "-o", str(out), "--store", str(leverage_store)])
    assert res.exit_code == 0, res.output
    assert out.stat().st_size > 1_000_000  # plotly.js inline is ~4 MB
    res = runner.invoke(app, ["report", "99", "--store", str(leverage_store)])
    assert res.exit_code == 1 and "run 99 is not in the store" in res.output
    with pytest.raises(StoreError):
        write_report(99, tmp_path / "x.html", leverage_store)


def test_report_cli_passes_arguments(tmp_path):
    with mock.patch("palanca.cli.report.write_report", return_value=tmp_path / "r.html") as api:
        res = runner.invoke(app, ["report", "7", "-o", "r.html", "--store", "s.duckdb"])
    assert res.exit_code == 0
    api.assert_called_once_with(7, Path("r.html"), Path("s.duckdb"))


@pytest.mark.skipif(find_pdf_engine() is None, reason="no Debian PDF engine (apt-get install chromium)")
def test_pdf(leverage_store, tmp_path):
    html = write_report(1, tmp_path / "r.html", leverage_store)
    pdf = write_pdf(html, tmp_path / "r.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 20_000


def test_demo_ends_with_the_report(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, ["demo", "--draws", "2", "--store", str(tmp_path / "d.duckdb")])
    assert res.exit_code == 0, res.output
    assert "Headline report (run 1):" in res.output
    text = (tmp_path / "palanca-report.html").read_text()
    assert "The two sides, % of income" in text and _scripts(text) == []
