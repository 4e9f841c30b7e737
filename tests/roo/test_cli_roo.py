"""`palanca roo check | examples`: exit codes, output, and the arguments the CLI passes to the API."""

from __future__ import annotations

import json
from unittest import mock

from typer.testing import CliRunner

from palanca.cli import app
from palanca.roo import check_origin, load_bom

runner = CliRunner()


def test_check_example_that_qualifies_exits_0():
    r = runner.invoke(app, ["roo", "check", "--example", "sedan-qualifies"])
    assert r.exit_code == 0, r.output
    assert "QUALIFIES as originating" in r.stdout and "RVC, net cost method" in r.stdout and "84.07%" in r.stdout


def test_check_example_that_fails_exits_2_and_names_the_binding_test():
    r = runner.invoke(app, ["roo", "check", "--example", "sedan-fails-lvc"])
    assert r.exit_code == 2
    assert (
        "DOES NOT QUALIFY" in r.stdout and "Binding test: Labour value content (LVC) fails by 4.00 points" in r.stdout
    )


def test_check_file_json(tmp_path):
    path = tmp_path / "gear.toml"
    path.write_text(load_bom_text("transmission-core-part"), encoding="utf-8")
    r = runner.invoke(app, ["roo", "check", str(path), "--json"])
    assert r.exit_code == 2
    out = json.loads(r.stdout)
    assert out["qualifies"] is False and out["binding_test"] == "rvc_net_cost"
    assert out["deciding_materials"][0]["description"] == "Gear set"
    assert out == check_origin(load_bom(str(path))).to_dict()


def test_bad_input_exits_1_with_a_clear_message(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(load_bom_text("sedan-qualifies").replace('"passenger_vehicle"', '"car"'), encoding="utf-8")
    r = runner.invoke(app, ["roo", "check", str(path)])
    assert r.exit_code == 1 and "product.kind = 'car': unknown kind" in r.output
    r = runner.invoke(app, ["roo", "check"])
    assert r.exit_code == 1 and "give either a BOM file or --example NAME" in r.output


def test_examples_lists_the_shipped_boms():
    r = runner.invoke(app, ["roo", "examples", "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout) == ["sedan-fails-lvc", "sedan-qualifies", "transmission-core-part"]


def test_cli_passes_the_bom_and_de_minimis_to_the_api():
    real = check_origin(load_bom("sedan-qualifies"))
    with (
        mock.patch("palanca.cli.roo.load_bom", wraps=load_bom) as loader,
        mock.patch("palanca.cli.roo.check_origin", return_value=real) as checker,
    ):
        r = runner.invoke(app, ["roo", "check", "--example", "sedan-qualifies", "--no-de-minimis", "--json"])
    assert r.exit_code == 0, r.output
    loader.assert_called_once_with("sedan-qualifies")
    (bom,), kwargs = checker.call_args
    assert bom == load_bom("sedan-qualifies") and kwargs == {"de_minimis": False}
    with mock.patch("palanca.cli.roo.check_origin", return_value=real) as checker:
        runner.invoke(app, ["roo", "check", "--example", "sedan-qualifies"])
    assert checker.call_args.kwargs == {"de_minimis": None}


def load_bom_text(name: str) -> str:
    from importlib import resources

    return resources.files("palanca.data").joinpath("shipped", "roo", f"{name}.toml").read_text(encoding="utf-8")
