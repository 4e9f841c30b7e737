"""A DEU file that repeats an issue id (or an actor column) is refused, naming the line, not scored twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from palanca.cli import app
from palanca.data import read_deu
from palanca.errors import DataFormatError

MOCK = Path(__file__).parent / "mock"
runner = CliRunner()


def _lines() -> list[str]:
    return (MOCK / "deu_small.tsv").read_text(encoding="utf-8").splitlines()


def test_duplicate_issue_id_is_an_error_naming_the_line(tmp_path):
    lines = _lines()
    f = tmp_path / "dup.tsv"
    f.write_text("\n".join([*lines, lines[2]]) + "\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"line 6: issue isnr = 'd1i1' is already on line 3"):
        read_deu(f)
    res = runner.invoke(app, ["forecast", "deu", str(f)])
    assert res.exit_code == 1 and "already on line 3" in res.output and "MAE" not in res.output


def test_duplicate_actor_column_is_an_error(tmp_path):
    lines = _lines()
    f = tmp_path / "dupcol.tsv"
    f.write_text("\n".join(ln + '\t"pa"' if k == 0 else ln + "\t" for k, ln in enumerate(lines)) + "\n")
    with pytest.raises(DataFormatError, match=r"line 1: column 'pa' appears more than once"):
        read_deu(f)


def test_deu_file_with_utf8_bom_reads(tmp_path):
    f = tmp_path / "bom.tsv"
    f.write_bytes(b"\xef\xbb\xbf" + (MOCK / "deu_small.tsv").read_bytes())
    assert len(read_deu(f).issue_ids) == len(read_deu(MOCK / "deu_small.tsv").issue_ids)
