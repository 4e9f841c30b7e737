"""`palanca gravity estimate|solve` with typer's CliRunner."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest
from typer.testing import CliRunner

from palanca.cli import app
from palanca.data import GEGRAVITY_SAMPLE

runner = CliRunner()
COEF = (
    "lndist=-0.3898623,contiguity=0.891577,common_language=0.0326249,pta=0.4711383,"
    "international=-3.412584,constant=16.32434"
)
ISSUE_ARGS = [
    "gravity",
    "solve",
    str(GEGRAVITY_SAMPLE),
    "--sigma",
    "5",
    "--reference-importer",
    "DEU",
    "--coef",
    COEF,
    "--set",
    "pta[CAN,JPN]=1",
    "--set",
    "pta[JPN,CAN]=1",
]
COLUMNS = [
    "country",
    "welfare_pct",
    "terms_of_trade_pct",
    "factory_gate_price_pct",
    "gdp_pct",
    "foreign_exports_pct",
    "foreign_imports_pct",
    "intranational_trade_pct",
]


def _read(path):
    with open(path, newline="") as fh:
        return list(csv.DictReader(fh))


def test_solve_as_in_the_issue(tmp_path):
    out, bil = tmp_path / "results.csv", tmp_path / "bilateral.csv"
    # gegravity's one-round answer needs the conditional closure
    r = runner.invoke(app, [*ISSUE_ARGS, "--closure", "conditional", "--out", str(out), "--bilateral-out", str(bil)])
    assert r.exit_code == 0, r.output
    assert "welfare > 0 is a gain" in r.output
    rows = _read(out)
    assert len(rows) == 30 and list(rows[0])[: len(COLUMNS)] == COLUMNS
    can = next(row for row in rows if row["country"] == "CAN")
    assert float(can["welfare_pct"]) == pytest.approx(0.418261, abs=1e-5)
    assert float(can["foreign_exports_pct"]) == pytest.approx(1.573180, abs=1e-5)
    assert len(_read(bil)) == 900


def test_json_output_and_closure_option():
    a = json.loads(runner.invoke(app, [*ISSUE_ARGS, "--json", "--closure", "conditional"]).output)
    b = json.loads(runner.invoke(app, [*ISSUE_ARGS, "--json"]).output)  # default: full-endowment GE
    assert [r["country"] for r in a] == [r["country"] for r in b]
    can = next(r for r in a if r["country"] == "CAN")
    can_full = next(r for r in b if r["country"] == "CAN")
    assert can["factory_gate_price_pct"] == pytest.approx(-0.135770, abs=1e-5)
    assert can_full["factory_gate_price_pct"] == pytest.approx(-0.118571, abs=1e-5)


def test_estimate_then_coef_from(tmp_path):
    pytest.importorskip("pyfixest")
    est = tmp_path / "estimate.json"
    r = runner.invoke(app, ["gravity", "estimate", str(GEGRAVITY_SAMPLE), "--out", str(est)])
    assert r.exit_code == 0, r.output
    assert "pta" in r.output and "existence" in r.output
    coef = json.loads(est.read_text())["coefficients"]
    assert coef["pta"] == pytest.approx(0.4711383, abs=1e-6)
    args = [
        "gravity",
        "solve",
        str(GEGRAVITY_SAMPLE),
        "--sigma",
        "5",
        "--reference-importer",
        "DEU",
        "--set",
        "pta[CAN,JPN]=1",
        "--set",
        "pta[JPN,CAN]=1",
        "--json",
    ]
    from_file = json.loads(runner.invoke(app, [*args, "--coef-from", str(est)]).output)
    inline = ",".join(f"{k}={v!r}" for k, v in coef.items())
    from_text = json.loads(runner.invoke(app, [*args, "--coef", inline]).output)
    np.testing.assert_allclose([r["welfare_pct"] for r in from_file], [r["welfare_pct"] for r in from_text])


def test_cli_passes_parsed_arguments_to_the_api(monkeypatch):
    import palanca.gravity as api

    seen = {}

    def fake(table, coefficients, changes, **kwargs):
        seen.update(coefficients=coefficients, changes=changes, **kwargs)
        raise SystemExit(0)

    monkeypatch.setattr(api, "gravity_experiment", fake)
    runner.invoke(app, [*ISSUE_ARGS[:-2], "--set", "pta[USA+MEX,*]=0", "--year", "2006"])
    assert seen["sigma"] == 5.0 and seen["reference_importer"] == "DEU" and seen["year"] == "2006"
    assert seen["coefficients"]["constant"] == 16.32434
    assert [str(c) for c in seen["changes"]] == ["pta[CAN,JPN]=1", "pta[USA+MEX,*]=0"]
    assert seen["closure"].value == "output_multiple"  # the converged full-endowment GE by default


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--set", "pta[CAN;JPN]=1"], "VAR[ORIGIN,DESTINATION]=VALUE"),
        (["--set", "pta[CAN,XYZ]=1"], "'XYZ' is not in the gravity data"),
        (["--set", "tariff[CAN,JPN]=1"], "no coefficient"),
        (["--reference-importer", "ZZZ"], "'ZZZ' is not in the gravity data"),
    ],
)
def test_bad_input_exits_1_with_a_message(extra, message):
    r = runner.invoke(app, [*ISSUE_ARGS, *extra])
    assert r.exit_code == 1
    assert message in " ".join(r.output.split())


def test_missing_coefficients_is_a_usage_error():
    r = runner.invoke(app, ["gravity", "solve", str(GEGRAVITY_SAMPLE), "--sigma", "5", "--reference-importer", "DEU"])
    assert r.exit_code == 2
