"""`palanca validate cp2015`: exit codes, table, JSON records, and the call into the API."""

from __future__ import annotations

import json
from unittest import mock

from typer.testing import CliRunner

from palanca.cli import app

runner = CliRunner()


def test_table_prints_paper_values():
    res = runner.invoke(app, ["validate", "cp2015"])
    assert res.exit_code == 0, res.output
    assert "Table 2" in res.output
    assert "+1.31" in res.output and "(+1.31)" in res.output  # palanca beside the paper


def test_json_has_all_regions_and_keys():
    res = runner.invoke(app, ["validate", "cp2015", "--json"])
    assert res.exit_code == 0
    rows = json.loads(res.output)
    assert len(rows) == 62
    assert set(rows[0]) == {"case", "country", "welfare_pct", "tot_pct", "vot_pct", "real_wage_pct"}
    mex = next(r for r in rows if r["case"] == "with_deficit" and r["country"] == "MEX")
    assert abs(mex["welfare_pct"] - 1.17) < 0.005


def test_cli_calls_the_api_and_reports_domain_errors():
    from palanca.errors import ConvergenceError

    err = ConvergenceError("solver did not converge; try a larger max_iter", iterations=3, residual=1.0)
    with mock.patch("palanca.cli.validate.validate_cp2015", side_effect=err) as api:
        res = runner.invoke(app, ["validate", "cp2015"])
    api.assert_called_once_with()
    assert res.exit_code == 1
    assert "did not converge" in res.output
    assert "Traceback" not in res.output
