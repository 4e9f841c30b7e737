"""`palanca roo check | examples`: exit codes, output, and the arguments the CLI passes to the API."""

from __future__ import annotations

import json
from unittest import mock

from typer.testing import CliRunner

from palanca.cli import app
from palanca.roo import check_origin, load_bom

runner = CliRunner()


def test_check_example_that_qualifies_exits_0():
    r = runner.invoke(app, ["roo", "check", "--example", "sedan-qualifies", "--as-of", "2026-06-01"])
    assert r.exit_code == 0, r.output
    assert "QUALIFIES as originating" in r.stdout and "RVC, net cost method" in r.stdout and "85.93%" in r.stdout
    assert "rules in force on 2026-06-01" in r.stdout


def test_check_example_that_fails_exits_3_and_names_the_binding_test():
    r = runner.invoke(app, ["roo", "check", "--example", "sedan-fails-lvc", "--as-of", "2026-06-01"])
    assert r.exit_code == 3
    assert (
        "DOES NOT QUALIFY" in r.stdout and "Binding test: Labour value content (LVC) fails by 7.00 points" in r.stdout
    )


def test_check_file_json(tmp_path):
    path = tmp_path / "gear.toml"
    path.write_text(load_bom_text("transmission-core-part"), encoding="utf-8")
    r = runner.invoke(app, ["roo", "check", str(path), "--json", "--as-of", "2026-06-01"])
    assert r.exit_code == 3
    out = json.loads(r.stdout)
    assert out["qualifies"] is False and out["binding_test"] == "rvc_net_cost"
    assert out["deciding_materials"][0]["description"] == "Gear set"
    assert out == check_origin(load_bom(str(path)), as_of="2026-06-01").to_dict()


def test_bad_input_exits_1_with_a_clear_message(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(load_bom_text("sedan-qualifies").replace('"passenger_vehicle"', '"car"'), encoding="utf-8")
    r = runner.invoke(app, ["roo", "check", str(path)])
    assert r.exit_code == 1 and "product.kind = 'car': unknown kind" in r.output
    r = runner.invoke(app, ["roo", "check"])
    assert r.exit_code == 1 and "give either a BOM file or --example NAME" in r.output


def test_examples_lists_the_shipped_boms():
    r = runner.invoke(app, ["roo", "examples", "--json"])
    names = json.loads(r.stdout)
    assert r.exit_code == 0 and {"sedan-fails-lvc", "sedan-qualifies", "transmission-core-part"} <= set(names)


def test_cli_passes_the_bom_and_de_minimis_to_the_api():
    real = check_origin(load_bom("sedan-qualifies"))
    with (
        mock.patch("palanca.cli.roo.load_bom", wraps=load_bom) as loader,
        mock.patch("palanca.cli.roo.check_origin", return_value=real) as checker,
    ):
        argv = ["roo", "check", "--example", "sedan-qualifies", "--no-de-minimis", "--json", "--as-of", "2027-07-01"]
        r = runner.invoke(app, [*argv, "--roll-up", "us"])
    assert r.exit_code == 0, r.output
    loader.assert_called_once_with("sedan-qualifies")
    (bom,), kwargs = checker.call_args
    assert bom == load_bom("sedan-qualifies")
    assert kwargs == {"de_minimis": False, "as_of": "2027-07-01", "roll_up": "us"}
    with mock.patch("palanca.cli.roo.check_origin", return_value=real) as checker:
        runner.invoke(app, ["roo", "check", "--example", "sedan-qualifies"])
    assert checker.call_args.kwargs == {"de_minimis": None, "as_of": None, "roll_up": None}


def test_rules_json_lists_the_rules_in_force_with_citations():
    """Heavy trucks: 64% NC in 2026 and 70% from 1 July 2027 (CUSMA RoO Regs s. 13, 8701.20)."""
    r = runner.invoke(app, ["roo", "rules", "--as-of", "2026-06-01", "--json"])
    assert r.exit_code == 0, r.output
    rules = json.loads(r.stdout)
    keys = {"id", "kind", "method", "threshold_pct", "effective_from", "effective_to", "citation"}
    assert rules and all(keys <= set(x) for x in rules)
    assert all(x["method"] in ("net_cost", "transaction_value") for x in rules)
    heavy = [x for x in rules if x["kind"] == "heavy_truck"]
    assert [x["threshold_pct"] for x in heavy] == [64.0]
    later = json.loads(runner.invoke(app, ["roo", "rules", "--as-of", "2027-07-01", "--json"]).stdout)
    assert [x["threshold_pct"] for x in later if x["kind"] == "heavy_truck"] == [70.0]
    text = runner.invoke(app, ["roo", "rules", "--as-of", "2026-06-01"])
    assert text.exit_code == 0 and "heavy_truck" in text.stdout and "App. Art. 4.1" in text.stdout


def test_bad_date_exits_1_with_the_format():
    r = runner.invoke(app, ["roo", "rules", "--as-of", "July 2026"])
    assert r.exit_code == 1 and "write it as YYYY-MM-DD" in r.output


def load_bom_text(name: str) -> str:
    from importlib import resources

    return resources.files("palanca.data").joinpath("shipped", "roo", f"{name}.toml").read_text(encoding="utf-8")
