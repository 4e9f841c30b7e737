"""`runs diff` reports only real changes: a default left out of one run's parameters is not a change, and a changed
scenario line is shown with the table it belongs to."""

from __future__ import annotations

from palanca.store import RunRecord, diff_runs, save_run

_TOML_A = 'id = "a"\n\n[[tariffs]]\nimposer = "USA"\nrate = 0.25\n'
_TOML_B = 'id = "a"\n\n[[tariffs]]\nimposer = "USA"\nrate = 0.30\n'


def _run(store, params, sigma, toml):
    result = {"uncertainty": {"draws": 4, "seed": 0, "theta_log_sd": sigma, "spans_elasticity_sets": True}}
    return save_run(RunRecord(kind="leverage", label="x", params=params, result=result, scenario_toml=toml), store)


def test_a_default_recorded_in_the_result_is_not_a_change(tmp_path):
    store = tmp_path / "s.duckdb"
    a = _run(store, {"draws": 4, "seed": 0}, 0.25, _TOML_A)  # sigma left out of the parameters (the default)
    b = _run(store, {"draws": 4, "seed": 0, "sigma": 0.25}, 0.25, _TOML_A)
    c = _run(store, {"draws": 4, "seed": 0, "sigma": 0.5}, 0.5, _TOML_A)
    assert "params.sigma" not in diff_runs(a, b, store).inputs
    assert diff_runs(a, c, store).inputs["params.sigma"] == (0.25, 0.5)


def test_scenario_hunks_name_their_table(tmp_path):
    store = tmp_path / "s.duckdb"
    a = _run(store, {}, 0.25, _TOML_A)
    b = _run(store, {}, 0.25, _TOML_B)
    d = diff_runs(a, b, store)
    hunks = [ln for ln in d.scenario_diff if ln.startswith("@@")]
    assert hunks and all(h.endswith("[[tariffs]]") for h in hunks)
    assert "-rate = 0.25" in d.scenario_diff and "+rate = 0.30" in d.scenario_diff
    assert "[[tariffs]]" in d.summary and "[]" not in d.summary
