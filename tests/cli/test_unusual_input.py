"""Input that used to be accepted without a word, or crashed: high rates warn naming the block, percents and
non-finite rates are refused, duplicate blocks warn, bad DEU cells and gravity rows are named."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from typer.testing import CliRunner

from palanca.cli import app
from palanca.cli._storeopts import with_eta

runner = CliRunner()
HEAD = 'id = "t"\ntitle = "t"\ndate = "2025-02-01"\nworld = "world2023"\n'
BLOCK = '[[tariffs]]\nimposer = "USA"\ntargets = ["MEX"]\nsectors = ["goods"]\nrate = {rate}\nlabel = "{label}"\n'


def _show(tmp_path, text: str):
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    return runner.invoke(app, ["scenario", "show", str(path)])


def test_a_rate_above_100_percent_warns_naming_the_block(tmp_path):
    res = _show(tmp_path, HEAD + BLOCK.format(rate=1.45, label="Liberation Day"))
    assert res.exit_code == 0
    assert "warning: tariffs[0] (Liberation Day): rate = 1.45 is 145%, above 100%" in res.output


@pytest.mark.parametrize("rate", ["5", "25", "145"])
def test_a_rate_that_looks_like_a_percent_is_refused(tmp_path, rate):
    res = _show(tmp_path, HEAD + BLOCK.format(rate=rate, label="x"))
    assert res.exit_code == 1 and f"tariffs[0].rate = {rate}: looks like a percent" in res.output


@pytest.mark.parametrize("rate", ["nan", "inf"])
def test_a_non_finite_rate_is_refused(tmp_path, rate):
    res = _show(tmp_path, HEAD + BLOCK.format(rate=rate, label="x"))
    assert res.exit_code == 1 and f"tariffs[0].rate = {rate}: must be a finite number" in res.output


def test_duplicate_tariff_blocks_warn(tmp_path):
    res = _show(tmp_path, HEAD + BLOCK.format(rate=0.25, label="a") + BLOCK.format(rate=0.25, label="b"))
    assert res.exit_code == 0
    assert "warning: tariffs[0] and tariffs[1] are the same block (USA on MEX [goods], mode add)" in res.output


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('tariffs = "USA"\n', "tariffs = 'USA': must be a list of tables"),
        ("[tariffs]\nimposer = 1\n", "tariffs = {'imposer': 1}: must be a list of tables"),
        ('short_run_theta_scale = "abc"\n', "short_run_theta_scale = 'abc': must be a finite number"),
        (BLOCK.format(rate='"abc"', label="x"), "tariffs[0].rate = 'abc': must be a number"),
    ],
)
def test_wrong_kinds_of_value_name_the_field(tmp_path, body, message):
    res = _show(tmp_path, HEAD + body)
    assert res.exit_code == 1 and message in res.output and "Traceback" not in res.output


@pytest.mark.parametrize(("cell", "why"), [("inf", "is not a finite number"), ("nan", "is not a finite number"),
                                           ("1e300", "is beyond ±1e+06")])  # fmt: skip
def test_deu_cells_that_are_not_positions_name_the_line(tmp_path, cell, why):
    path = tmp_path / "d.tsv"
    path.write_text(
        '"prnr"\t"isnr"\t"pa"\t"pb"\t"sa"\t"sb"\t"out"\n\t\t"1"\t"2"\t\t\t\n'
        f'"d1"\t"d1i1"\t10\t{cell}\t50\t50\t20\n"d1"\t"d1i2"\t10\t90\t50\t50\t20\n',
        encoding="utf-8",
    )
    res = runner.invoke(app, ["forecast", "deu", str(path)])
    assert res.exit_code == 1 and f"line 3, pb = '{cell}' {why}" in res.output


def test_a_long_run_announces_its_duration_once():
    buf = io.StringIO()
    console = Console(file=buf, width=200)
    seen = []
    tick = with_eta(lambda d, t: seen.append(d), console, min_total=1000, after_s=0.0)
    for k in range(1, 4):
        tick(k, 100_000)
    assert seen == [1, 2, 3]
    text = buf.getvalue()
    assert text.count("100000 draws: about") == 1 and "to go at" in text
    quiet = io.StringIO()
    short = with_eta(lambda d, t: None, Console(file=quiet), min_total=1000, after_s=0.0)
    short(1, 200)
    assert quiet.getvalue() == ""


SAMPLE = "src/palanca/data/shipped/gegravity-sample/sample_data_set.dlm"


def test_gravity_estimate_reports_the_rows_it_drops(tmp_path):
    from pathlib import Path

    lines = (Path(__file__).resolve().parents[2] / SAMPLE).read_text().splitlines()
    cells = lines[1].split(",")
    cells[3] = ""  # a missing trade value on line 2
    path = tmp_path / "g.csv"
    path.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n")
    res = runner.invoke(app, ["gravity", "estimate", str(path)])
    assert res.exit_code == 0, res.output
    assert f"warning: 1 of {len(lines) - 1} rows dropped: missing values in ['trade'] (lines [2])" in res.output


def test_a_ragged_gravity_table_is_an_error_not_an_abort(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    lines = (Path(__file__).resolve().parents[2] / SAMPLE).read_text().splitlines()
    path = tmp_path / "g.csv"
    path.write_text("\n".join(lines[:4]) + "\nGBR,AUS\n")
    proc = subprocess.run(  # in a child: this input once aborted the interpreter inside pyfixest
        [sys.executable, "-c", "from palanca.cli import main; main()", "gravity", "estimate", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 1, proc.stderr
    assert "usable rows for" in proc.stderr and "PPML needs more flows than parameters" in proc.stderr


def test_gravity_out_to_an_unwritable_path_names_it(tmp_path):
    from pathlib import Path

    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    sample = Path(__file__).resolve().parents[2] / SAMPLE
    res = runner.invoke(app, ["gravity", "estimate", str(sample), "--out", str(blocker / "est.json")])
    assert res.exit_code == 1 and f"cannot use {blocker / 'est.json'}: Not a directory" in res.output
