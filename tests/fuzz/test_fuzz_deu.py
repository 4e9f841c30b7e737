"""Malformed DEU files for `palanca forecast deu`: a bad cell is an error naming its line and column; a
well-formed file is forecast; never a traceback."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

from _fuzz_harness import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ACTORS = ("a", "b", "c")
COLS = [*(f"p{a}" for a in ACTORS), *(f"s{a}" for a in ACTORS), "rp", "out"]
GOOD = st.one_of(st.integers(0, 100).map(str), st.floats(0, 100, allow_nan=False).map(lambda x: f"{x:.3f}"))
BAD = st.sampled_from(["inf", "-inf", "nan", "NaN", "1e300", "-1e300", "abc", "12,5", "∞", "0x10"])


@st.composite
def deu_files(draw):
    n = draw(st.integers(1, 4))
    rows = [[draw(GOOD) for _ in COLS] for _ in range(n)]
    bad: set[tuple[int, str]] = set()
    for _ in range(draw(st.integers(0, 2))):
        r, c = draw(st.integers(0, n - 1)), draw(st.integers(0, len(COLS) - 1))
        rows[r][c] = draw(BAD)
        bad.add((r + 3, COLS[c]))  # line 1: header, line 2: capabilities
    lines = ["\t".join(['"prnr"', '"isnr"', *(f'"{c}"' for c in COLS)]), "\t".join(["", "", "1", "2", "1.5"])]
    lines += ["\t".join([f'"d{k}"', f'"d{k}i1"', *row]) for k, row in enumerate(rows)]
    return "\n".join(lines) + "\n", bad


def _is_bad(cell: str) -> bool:
    try:
        return not math.isfinite(float(cell)) or abs(float(cell)) > 1e6
    except ValueError:
        return True


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(deu_files())
def test_bad_cells_are_named_good_files_are_forecast(case):
    text, bad = case
    path = Path(tempfile.mkdtemp(prefix="palanca-fuzz-")) / "d.tsv"
    path.write_text(text, encoding="utf-8")
    out = invoke(["forecast", "deu", str(path)])
    assert out.clean, out.escaped or out.output
    if bad:
        assert out.rc == 1, out.output
        assert any(f"line {line}, {col}" in out.output for line, col in bad), out.output
    else:
        assert out.rc == 0, out.output


@settings(max_examples=20, deadline=None)
@given(st.one_of(st.binary(max_size=300), st.just(b""), st.just(b"\xff\xfe\x00\x00" * 20)))
def test_binary_deu_files_are_clean_errors(data):
    path = Path(tempfile.mkdtemp(prefix="palanca-fuzz-")) / "d.tsv"
    path.write_bytes(data)
    out = invoke(["forecast", "deu", str(path)])
    assert out.clean and out.rc == 1, out.escaped or out.output


def test_a_header_without_isnr_is_shown_as_read_not_as_a_template(tmp_path):
    f = tmp_path / "comma.tsv"
    f.write_text('"prnr","isnr","pa"\n"d1","d1i1",5\n', encoding="utf-8")
    out = invoke(["forecast", "deu", str(f)])
    assert out.rc == 1 and not out.traceback, out.output
    assert "{rows" not in out.output and "prnr" in out.output
