"""`palanca policy`: JSON shapes, exit codes (0 ok, 1 domain error with a clean message, 2 usage)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from palanca.cli import app

runner = CliRunner()


def test_timeline_json_lists_mexican_actions_with_sources():
    res = runner.invoke(app, ["policy", "timeline", "--country", "MEX", "--json"])
    assert res.exit_code == 0, res.output
    items = json.loads(res.output)
    ids = {a["id"] for a in items}
    assert {"mx-ligie-2026", "us-ieepa-fentanyl-mex", "us-s122-surcharge", "usmca-joint-review-2026"} <= ids
    assert all(a["sources"] for a in items)
    assert [a["effective"] for a in items] == sorted(a["effective"] for a in items)


def test_tariffs_json_gives_sector_rates_on_the_date():
    res = runner.invoke(
        app, ["policy", "tariffs", "--as-of", "2025-06-01", "--importer", "USA", "--exporter", "MEX", "--json"]
    )
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["as_of"] == "2025-06-01" and len(out["sectors"]) == 27
    by = {s["sector"]: s["rate"] for s in out["sectors"]}
    assert 0.2 < by["C24A"] < 0.3  # Section 232 steel at 25% (50% only from 4 June 2025), no USMCA exemption
    assert out["trade_weighted"] > out["baseline_trade_weighted"]


@pytest.mark.parametrize(
    ("args", "code", "pattern"),
    [
        (["policy", "tariffs", "--as-of", "1 Feb"], 1, "as_of = '1 Feb': not an ISO date"),
        (["policy", "tariffs", "--exporter", "XXX"], 1, "country 'XXX' is not in world"),
        (["policy", "timeline", "--country", "ZZZ"], 1, "country 'ZZZ' is not in world"),
        (["policy", "tariffs", "--no-such-option"], 2, "No such option"),
    ],
)
def test_errors_are_clean_messages_with_documented_exit_codes(args, code, pattern):
    res = runner.invoke(app, args)
    assert res.exit_code == code
    assert pattern in res.output
    assert "Traceback" not in res.output
