"""A stored run's parameters are its result's own inputs, and re-running from them gives the stored numbers.

One test per kind of result (leverage, scenario run, remittance tax, bargain, gravity experiment), each saved
through the CLI command that makes it, so that a command cannot drop an option from what it stores.
"""

from __future__ import annotations

import json
import tomllib

import pytest
from typer.testing import CliRunner

from palanca._api import rerun
from palanca._inputs import RunInputs
from palanca.cli import app
from palanca.errors import ScenarioError
from palanca.store import get_run, list_runs

runner = CliRunner()


def _same(x, y) -> bool:
    """Equal records, floats to the solver's tolerance (a re-run may take another path to the same fixed point)."""
    if isinstance(x, dict) and isinstance(y, dict):
        return x.keys() == y.keys() and all(_same(x[k], y[k]) for k in x)
    if isinstance(x, list | tuple) and isinstance(y, list | tuple):
        return len(x) == len(y) and all(_same(a, b) for a, b in zip(x, y, strict=True))
    if isinstance(x, float) and isinstance(y, float):
        return x == pytest.approx(y, rel=1e-8, abs=1e-9)
    return x == y


def _without_solved_digest(params: dict) -> dict:
    return {k: v for k, v in params.items() if k != "world_digest"}


def _run(store, *args: str) -> tuple[dict, object]:
    """Invoke the CLI with ``--json`` and a store; return its JSON output and the one stored run."""
    res = runner.invoke(app, [*args, "--json", "--store", str(store)])
    assert res.exit_code == 0, res.output
    (row,) = list_runs(store)
    return json.loads(res.stdout), get_run(row.run_id, store)


def test_run_inputs_are_frozen_and_round_trip():
    inp = RunInputs("leverage", {"seed": 3, "between": ["USA", "MEX"], "scenario": {"id": "x"}}, "w", "d")
    assert RunInputs.from_dict(inp.to_dict()) == inp
    assert inp.seed == 3 and inp.params["between"] == ("USA", "MEX")
    with pytest.raises(TypeError):
        inp.params["seed"] = 4  # read-only
    with pytest.raises(ValueError, match="finite"):
        RunInputs("leverage", {"sigma": float("nan")})
    with pytest.raises(TypeError, match="record plain numbers"):
        RunInputs("leverage", {"world": object()})


def test_leverage_run_stores_its_inputs_and_reruns(tmp_path):
    store = tmp_path / "s.duckdb"
    args = ("--scenario", "us-tariff-25-mex", "--draws", "2", "--seed", "5", "--sigma", "0.1")
    args = (*args, "--remittance-tax", "0.02")
    out, run = _run(store, "leverage", *args)
    assert run.params == out["inputs"]
    assert run.params["seed"] == 5 and run.params["draws"] == 2 and run.params["sigma"] == 0.1
    assert run.params["remittance_tax"] == 0.02 and run.params["scenario"]["id"] == "us-tariff-25-mex"
    assert run.info.world == run.params["world"] == "world2023" and run.info.seed == 5
    assert run.world_digest == run.params["world_digest"] and len(run.world_digest) == 64
    again = rerun(run.params)
    assert _without_solved_digest(again.inputs.to_dict()) == _without_solved_digest(run.params)
    assert _same(again.to_dict()["countries"], run.result["countries"])
    assert _same(again.to_dict()["sectors"], run.result["sectors"])
    assert again.to_dict()["other_channels_usd_bn"] == run.result["other_channels_usd_bn"]


def test_scenario_run_records_its_as_of_date_and_reruns(tmp_path):
    store = tmp_path / "s.duckdb"
    out, run = _run(store, "scenario", "run", "us-tariff-25-mex", "--as-of", "2025-06-01")
    assert run.kind == "scenario" and run.params == out["inputs"]
    assert run.params["as_of"] == "2025-06-01" == run.params["scenario"]["as_of"]
    assert _same(rerun(run.params).to_dict()["countries"], run.result["countries"])


def test_a_changed_world_is_refused_on_rerun(tmp_path):
    store = tmp_path / "s.duckdb"
    _, run = _run(store, "scenario", "run", "us-tariff-25-mex")
    params = {**run.params, "data_digest": "0" * 64}
    with pytest.raises(ScenarioError, match="data behind this run are not the recorded ones"):
        rerun(params)


def test_remittance_tax_run_stores_its_inputs_and_reruns(tmp_path):
    store = tmp_path / "s.duckdb"
    out, run = _run(store, "remittances", "tax", "--rate", "0.03", "--draws", "60", "--seed", "4",
                    "--cash-share", "0.6", "--horizon", "long-run")  # fmt: skip
    assert run.params == out["inputs"]
    assert run.params["cash_share"] == 0.6 and run.params["horizon"] == "long-run" and run.params["seed"] == 4
    assert len(run.params["base_digest"]) == 64
    again = rerun(run.params).to_dict()
    assert again["national_change_usd_bn"] == run.result["national_change_usd_bn"]
    assert again["states"] == run.result["states"] and again["benchmark"] == run.result["benchmark"]


def test_bargain_run_stores_its_inputs_and_reruns(tmp_path):
    store = tmp_path / "s.duckdb"
    out, run = _run(store, "bargain", "--draws", "3", "--seed", "2", "--judgement-values", "--as-of", "2026-01-15")
    assert run.params["cooperation"] is False  # the flag is part of what made the run
    assert run.params["as_of"] == "2026-01-15" and run.params["draws"] == 3 and run.params["seed"] == 2
    assert run.params["scenario"]["name"] == "usmca-review-2026" and run.world_digest == run.params["world_digest"]
    assert tomllib.loads(run.scenario_toml) == run.params["scenario"]  # the bargain scenario's value, whole
    again = rerun(run.params)
    assert again.run_inputs.to_dict() == run.params
    d = json.loads(json.dumps(again.to_dict(), default=float))
    assert d["leverage_usa"] == run.result["leverage_usa"] and d["deal"] == run.result["deal"]
    assert d["monte_carlo"] == run.result["monte_carlo"]
    assert out["leverage_usa"] == run.result["leverage_usa"]


def test_a_bargain_with_model_cooperation_values_records_their_inputs(tmp_path, monkeypatch):
    from palanca.politics import _bargain

    store = tmp_path / "s.duckdb"
    _, run = _run(store, "bargain", "--draws", "0", "--as-of", "2026-01-15")
    assert run.params["cooperation"] is True and len(run.params["data_digest"]) == 64
    assert rerun(run.params).run_inputs.to_dict() == run.params
    # the flows model's data or assumptions changed since: the re-run says so instead of giving other numbers
    monkeypatch.setattr(_bargain, "cooperation_digest", lambda: "f" * 64)
    with pytest.raises(ScenarioError, match=r"data_digest ffffffffffff now"):
        rerun(run.params)
    monkeypatch.undo()
    with pytest.raises(ScenarioError, match=r"world_digest \w{12} now, 111111111111 recorded"):  # the world too
        rerun({**run.params, "world_digest": "1" * 64})


def test_gravity_run_stores_its_inputs_and_reruns(tmp_path):
    from palanca.data import GEGRAVITY_SAMPLE

    store = tmp_path / "s.duckdb"
    coef = "lndist=-0.39,contiguity=0.16,common_language=0.25,pta=0.47,international=-3.07"
    res = runner.invoke(app, ["gravity", "solve", str(GEGRAVITY_SAMPLE), "--sigma", "5", "--reference-importer",
                              "DEU", "--coef", coef, "--set", "pta[CAN,JPN]=1", "--store", str(store)])  # fmt: skip
    assert res.exit_code == 0, res.output
    (row,) = list_runs(store)
    run = get_run(row.run_id, store)
    assert run.params["changes"] == [{"variable": "pta", "origins": ["CAN"], "destinations": ["JPN"], "value": 1.0}]
    assert run.params["coefficients"]["pta"] == 0.47 and len(run.params["table_digest"]) == 64
    with pytest.raises(ScenarioError, match="needs its table again"):
        rerun(run.params)
    again = rerun(run.params, data=GEGRAVITY_SAMPLE)
    assert again.inputs.to_dict() == run.params
    assert again.country_records() == run.result["countries"]


def test_sweep_points_store_the_sweep_inputs(tmp_path):
    from palanca.scenarios import load_scenario
    from palanca.sweep import parse_vary, sweep

    store = tmp_path / "s.duckdb"
    sc = load_scenario("us-tariff-25-mex")
    res = sweep(sc, [parse_vary("us_tariff_mex=0.1,0.2")], draws=0, seed=9, executor="sync", store=store)
    assert res.inputs.call == "sweep" and res.inputs.seed == 9 and res.inputs.scenario == sc.to_dict()
    points = [get_run(r.run_id, store) for r in list_runs(store)]
    assert sorted(p.params["point"]["us_tariff_mex"] for p in points) == [0.1, 0.2]
    for p in points:
        assert {k: v for k, v in p.params.items() if k != "point"} == res.inputs.to_dict()
        assert p.world_digest == res.inputs.world_digest


def test_record_tables_are_keyed_by_their_fields():
    from palanca.store import tidy_rows

    rows = tidy_rows(
        {
            "sectors": [
                {"sector": "C29", "country": "MEX", "output_pct": -3.0},
                {"sector": "C29", "country": "USA", "output_pct": 1.0},
            ],
            "groups": [{"group": "autos", "country": "MEX", "output_pct": -2.0}],
        }
    )
    cells = {(t, k, c): v for t, k, c, v, _ in rows}
    assert cells[("sectors", "C29/MEX", "output_pct")] == -3.0 and cells[("sectors", "C29/USA", "output_pct")] == 1.0
    assert cells[("groups", "autos/MEX", "output_pct")] == -2.0
