"""Screenshots of rendered reports (a leverage run with a remittance tax, a bargain run, a remittance run).

Needs /usr/bin/chromium (``apt-get install chromium``); skipped without it. The PNGs and the HTML they show are kept
in tests/report/artifacts/ (ignored by git) for a person to look at; the test checks each one was drawn.
"""

from __future__ import annotations

import os
import struct
import subprocess
from pathlib import Path

import pytest

from palanca.report import write_report

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"


def _shoot(html: Path, png: Path, home: Path, height: int = 2400) -> None:
    cmd = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--virtual-time-budget=8000",
        f"--screenshot={png}", f"--window-size=1280,{height}", html.resolve().as_uri(),
    ]  # fmt: skip
    subprocess.run(cmd, capture_output=True, timeout=180, env={**os.environ, "HOME": str(home)}, check=False)


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} missing: apt-get install chromium")
def test_report_screenshots(tmp_path):
    from palanca._api import leverage
    from palanca.flows import remittance_tax
    from palanca.politics import bargain
    from palanca.store import record_bargain, record_leverage, record_remittance_tax, save_run

    store = tmp_path / "s.duckdb"
    lev = leverage("us-tariff-25-mex", draws=4, seed=1, remittance_tax=0.01)
    runs = {"leverage-remittance-tax": save_run(record_leverage(lev, {"wall_s": 0.0}), store)}
    b = bargain("usmca-review-2026", draws=10, seed=3)
    runs["bargain"] = save_run(record_bargain(b, {}), store)
    rem = remittance_tax(0.035, draws=50, seed=2)
    runs["remittance-tax"] = save_run(record_remittance_tax(rem, {}), store)
    ARTIFACTS.mkdir(exist_ok=True)
    for name, rid in runs.items():
        html = write_report(rid, ARTIFACTS / f"report-{name}.html", store)
        for suffix, height in (("", 2400), ("-full", 9000)):
            png = ARTIFACTS / f"report-{name}{suffix}.png"
            png.unlink(missing_ok=True)
            _shoot(html, png, tmp_path, height)
            assert png.exists() and png.stat().st_size > 50_000, png  # a drawn page, not a blank one
            assert _png_size(png) == (1280, height)
