"""The strategic tariffs and the fentanyl, interdiction and migration results carry their inputs, and re-run.

As in ``test_run_inputs.py``: each is saved through the CLI command that makes it, its stored parameters
are the result's own inputs, and `palanca.rerun` of them gives the stored numbers.
"""

from __future__ import annotations

import pytest
from _cli_runs import plain as _plain
from _cli_runs import run_and_read as _run

from palanca._api import rerun
from palanca.errors import ScenarioError, StoreError
from palanca.store import record_flows


def test_optimal_tariff_run_stores_its_as_of_date_and_reruns(tmp_path):
    out, run = _run(tmp_path / "s.duckdb", "tariff", "optimal", "MEX", "--as-of", "2025-06-01", "--target", "USA")
    assert run.kind == "optimal_tariff" and run.params == out["inputs"]
    assert run.params["as_of"] == "2025-06-01" and run.params["targets"] == ["USA"]
    assert run.params["world_source"] == "world2023" and run.info.world == "world2023"
    assert run.world_digest == run.params["world_digest"] and len(run.params["data_digest"]) == 64
    again = rerun(run.params)
    assert again.inputs.to_dict() == run.params
    assert again.tariff == pytest.approx(run.result["tariff"], abs=1e-9)
    assert again.welfare_pct == pytest.approx(run.result["welfare_pct"], abs=1e-9)


def test_tariff_war_run_stores_its_inputs_and_reruns(tmp_path):
    out, run = _run(tmp_path / "s.duckdb", "tariff", "war", "--players", "USA", "MEX", "--as-of", "2024-12-31",
                    "--tol", "1e-3")  # fmt: skip
    assert run.kind == "tariff_war" and run.params == out["inputs"]
    assert run.params["players"] == ["USA", "MEX"] and run.params["tol"] == 1e-3 and run.params["fixed"] is None
    assert run.solver["converged"] is True
    again = rerun(run.params)
    assert again.inputs.to_dict() == run.params
    assert again.tariffs == pytest.approx(run.result["tariffs"], abs=1e-9)
    assert again.welfare_pct == pytest.approx(run.result["welfare_pct"], abs=1e-9)


def test_fentanyl_run_stores_its_inputs_and_reruns(tmp_path):
    out, run = _run(tmp_path / "s.duckdb", "flows", "fentanyl", "--lever", "treatment", "--spend", "2",
                    "--markup", "both", "--fiscal-year", "2022")  # fmt: skip
    assert run.kind == "fentanyl" and run.params == out["inputs"]
    assert run.params["levers"] == ["treatment"] and run.params["markups"] == ["additive", "multiplicative"]
    assert run.params["spend_usd_bn"] == 2.0 and run.params["fiscal_year"] == 2022
    assert run.params["assumptions"]["border_seizure_rate"] == 0.1
    again = rerun(run.params)
    assert again.inputs.to_dict() == run.params
    d = _plain(again.to_dict())
    assert d["levers"] == run.result["levers"] and d["calibration"] == run.result["calibration"]


def test_interdiction_run_stores_its_inputs_and_reruns(tmp_path):
    pytest.importorskip("pyomo")
    pytest.importorskip("highspy")
    out, run = _run(tmp_path / "s.duckdb", "flows", "interdiction", "--budget", "2", "--fiscal-year", "2024")
    assert run.kind == "interdiction" and run.params == out["inputs"]
    assert run.params["budget"] == 2.0 and run.params["fiscal_year"] == 2024
    again = _plain(rerun(run.params).to_dict())
    assert again == run.result


def test_migration_run_stores_its_inputs_and_reruns(tmp_path):
    out, run = _run(tmp_path / "s.duckdb", "flows", "migration")
    assert run.kind == "migration" and run.params == out["inputs"] and len(run.params["data_digest"]) == 64
    again = _plain(rerun(run.params).to_dict())
    assert again == run.result
    with pytest.raises(ScenarioError, match="data behind this run are not the recorded ones"):
        rerun({**run.params, "data_digest": "0" * 64})


def test_record_flows_refuses_a_result_it_does_not_know():
    from palanca.flows import remittance_tax

    with pytest.raises(StoreError, match="record_flows takes the results of fentanyl_levers"):
        record_flows(remittance_tax(0.01, draws=10))
