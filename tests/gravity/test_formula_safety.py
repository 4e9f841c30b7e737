"""A gravity formula is column names, numbers and ~ + | ^ only: nothing in it is ever run as Python."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from palanca.cli import app
from palanca.data import GEGRAVITY_SAMPLE, read_gravity_table
from palanca.errors import DataFormatError
from palanca.gravity import estimate_ppml

runner = CliRunner()


def test_formula_with_python_code_is_refused_and_not_run(tmp_path):
    marker = tmp_path / "ran"
    formula = f"trade ~ I(__import__('os').system('touch {marker}')) | exporter"
    with pytest.raises(DataFormatError, match=r"'\(' \(at .\(__import__.*is not allowed"):
        estimate_ppml(read_gravity_table(GEGRAVITY_SAMPLE), formula)
    res = runner.invoke(app, ["gravity", "estimate", str(GEGRAVITY_SAMPLE), "--formula", formula])
    assert res.exit_code == 1 and "trade ~ lndist + pta | exporter + importer" in res.output
    assert not marker.exists()


@pytest.mark.parametrize(
    "formula",
    [
        "trade ~ lndist + np.log(lndist) | exporter",
        "trade ~ lndist.__class__ | exporter",
        "trade ~ lndist + {lndist} | exporter",
        "trade ~ lndist; x | exporter",
        "trade ~ lndist | exporter + C(importer)",
    ],
)
def test_formula_with_anything_but_columns_and_operators_is_refused(formula):
    with pytest.raises(DataFormatError, match="formula"):
        estimate_ppml(read_gravity_table(GEGRAVITY_SAMPLE), formula)
