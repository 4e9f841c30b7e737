"""PPML estimation: gegravity's documented coefficients, the existence check, JSON, errors."""

from __future__ import annotations

import builtins
import json

import numpy as np
import pandas as pd
import pytest

from palanca.data import GEGRAVITY_SAMPLE, gegravity_sample_estimate, read_gravity_table
from palanca.errors import DataFormatError, MissingDependencyError
from palanca.gravity import PPMLResult, check_existence, estimate_ppml

pytest.importorskip("pyfixest")

#: Issue 3 / gegravity's documentation: PPML with exporter and importer fixed effects on the sample.
EXPECTED = {
    "lndist": -0.3898623,
    "contiguity": 0.8915769,
    "common_language": 0.0326250,
    "pta": 0.4711383,
    "international": -3.4125844,
}


@pytest.fixture(scope="module")
def table():
    return read_gravity_table(GEGRAVITY_SAMPLE)


@pytest.fixture(scope="module")
def est(table):
    return estimate_ppml(table)


def test_coefficients_match_gegravity_documentation(est):
    assert list(est.coefficients) == list(EXPECTED)
    for k, v in EXPECTED.items():
        assert est.coefficients[k] == pytest.approx(v, abs=1e-5), k
    assert est.converged and est.nobs == 900 and est.n_dropped == 0
    assert est.existence.ok
    assert all(0 < se < 1 for se in est.std_errors.values())


def test_shipped_estimate_is_current(est):
    shipped = PPMLResult.from_dict(gegravity_sample_estimate())
    for k, v in est.coefficients.items():
        assert shipped.coefficients[k] == pytest.approx(v, abs=1e-9)
        assert shipped.std_errors[k] == pytest.approx(est.std_errors[k], rel=1e-6)


def test_json_round_trip(est):
    again = PPMLResult.from_json(est.to_json())
    assert dict(again.coefficients) == dict(est.coefficients)
    assert again.existence == est.existence
    assert json.loads(est.to_json())["formula"].endswith("| exporter + importer")


def test_clustered_standard_errors_differ_from_iid(table, est):
    clustered = estimate_ppml(table, vcov="CRV1:exporter")
    iid = estimate_ppml(table, vcov="iid")
    np.testing.assert_allclose(list(clustered.coefficients.values()), list(est.coefficients.values()), atol=1e-9)
    assert clustered.std_errors["pta"] != pytest.approx(iid.std_errors["pta"], rel=1e-3)


def test_existence_check_flags_separating_regressor():
    rng = np.random.default_rng(0)
    n = 200
    x1 = rng.normal(size=n)
    sep = (rng.random(n) < 0.1).astype(float)  # wherever sep == 1 the flow is zero
    y = np.where(sep == 1, 0.0, rng.poisson(np.exp(1 + 0.3 * x1)) + 1.0)
    X = np.column_stack([np.ones(n), x1, sep])
    res = check_existence(y, X, ("const", "x1", "sep"))
    assert not res.ok and "sep" in res.problems[0] and res.n_zero == int(sep.sum())
    # no separation: zeros spread over the support of every regressor
    y2 = np.where(rng.random(n) < 0.1, 0.0, y + 1)
    assert check_existence(y2, X[:, :2], ("const", "x1")).ok


def test_estimate_refuses_when_estimates_do_not_exist(table):
    t = table.copy()
    t["bad"] = 0.0
    zero = (t["exporter"] == "AUS") & (t["importer"] == "BRA")
    t.loc[zero, "bad"] = 1.0
    t.loc[zero, "trade"] = 0.0
    with pytest.raises(DataFormatError, match=r"do not exist.*bad"):
        estimate_ppml(t, "trade ~ lndist + bad | exporter + importer")


def test_missing_column_and_bad_vcov_are_named(table):
    with pytest.raises(DataFormatError, match=r"\['tariff'\]"):
        estimate_ppml(table, "trade ~ lndist + tariff")
    with pytest.raises(DataFormatError, match="CRV1:<column>"):
        estimate_ppml(table, vcov="robust-ish")


def test_missing_pyfixest_names_the_extra(table, monkeypatch):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "pyfixest":
            raise ImportError("No module named 'pyfixest'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(MissingDependencyError, match=r"pip install 'palanca\[gravity\]'"):
        estimate_ppml(table, check=False)


def test_table_reader_errors(tmp_path):
    with pytest.raises(DataFormatError, match="does not exist"):
        read_gravity_table(tmp_path / "nope.csv")
    f = tmp_path / "semi.csv"
    pd.DataFrame({"exporter": ["A"], "importer": ["A"], "trade": [1.0]}).to_csv(f, sep=";", index=False)
    assert list(read_gravity_table(f).columns) == ["exporter", "importer", "trade"]
