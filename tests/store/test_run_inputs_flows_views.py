"""The seizure flows, the firearms account, the cooperation values and the remittance views carry their inputs,
and re-run.

As in ``test_run_inputs_tariffs_flows.py``: each is saved through the CLI command that makes it, its stored
parameters are the result's own inputs, and `palanca.rerun` of them gives the stored numbers.
"""

from __future__ import annotations

import pytest
from _cli_runs import plain as _plain
from _cli_runs import run_and_read as _run

from palanca._api import rerun
from palanca.errors import ScenarioError


def test_seizure_flows_run_stores_its_inputs_and_reruns(tmp_path):
    out, run = _run(tmp_path / "s.duckdb", "flows", "seizure-flows")
    assert run.kind == "seizure_flows" and run.params == out["inputs"] and len(run.params["data_digest"]) == 64
    a = run.params["assumptions"]
    assert a["purity"] == out["purity"] and a["seizure_rate_cases"] == out["seizure_rate_cases"]
    assert a["anchor_fiscal_year"] == 2021 and a["pill_price_usd"] == [3.0, 4.0, 5.0]
    again = rerun(run.params)
    assert again.inputs.to_dict() == run.params
    assert _plain(again.to_dict()) == run.result
    with pytest.raises(ScenarioError, match="data behind this run are not the recorded ones"):
        rerun({**run.params, "data_digest": "0" * 64})
    with pytest.raises(ScenarioError, match=r"purity 0\.2 recorded, 0\.1 now"):
        rerun({**run.params, "assumptions": {**a, "purity": 0.2}})


def test_firearms_run_stores_its_inputs_and_reruns(tmp_path):
    out, run = _run(tmp_path / "s.duckdb", "flows", "firearms")
    assert run.kind == "firearms" and run.params == out["inputs"] and len(run.params["data_digest"]) == 64
    assert run.params["us_sourced_share"] == 0.7 == out["us_sourced_share"]
    assert run.params["assumptions"]["calibration_years"] == [2010, 2011, 2012]
    again = rerun(run.params)
    assert again.inputs.to_dict() == run.params
    assert _plain(again.to_dict()) == run.result
    other = rerun({**run.params, "us_sourced_share": 0.5})  # the share is the call's argument
    assert other.us_sourced_share == 0.5 and other.seizure_rate == pytest.approx(run.result["seizure_rate"] * 5 / 7)


def test_cooperation_run_stores_its_inputs_and_reruns(tmp_path):
    out, run = _run(tmp_path / "s.duckdb", "flows", "values")
    assert run.kind == "cooperation" and run.params == out["inputs"] and len(run.params["data_digest"]) == 64
    a = run.params["assumptions"]
    assert a["fentanyl_fiscal_year"] == 2023 and a["fentanyl"]["border_seizure_rate"] == 0.1
    assert a["firearms_averted_share"] == [0.05, 0.15, 0.3] and a["migration_baseline_fiscal_year"] == 2019
    again = rerun(run.params)
    assert again.inputs.to_dict() == run.params
    assert _plain(again.to_dict()) == run.result
    with pytest.raises(ScenarioError, match="data behind this run are not the recorded ones"):
        rerun({**run.params, "data_digest": "0" * 64})


@pytest.mark.parametrize(("by", "year"), [("state", 2023), ("year", None)])
def test_remittance_view_run_stores_its_inputs_and_reruns(tmp_path, by, year):
    args = ["remittances", "show", "--by", by] + ([] if year is None else ["--year", str(year)])
    out, run = _run(tmp_path / "s.duckdb", *args)
    assert run.kind == "remittances" and run.params == out["inputs"] and len(run.params["data_digest"]) == 64
    assert run.params["by"] == by and run.params["year"] == year == out["year"]
    again = rerun(run.params)
    assert again.inputs.to_dict() == run.params
    assert _plain(again.to_dict()) == run.result
