"""Malformed gravity tables for `palanca gravity estimate`: a bad cell is an error naming its column and line,
missing values are dropped with a warning that says so, and nothing crashes (NaN rows once killed the
process inside pyfixest)."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pandas as pd
from _fuzz_harness import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SAMPLE = Path(__file__).resolve().parents[2] / "src/palanca/data/shipped/gegravity-sample/sample_data_set.dlm"
_FULL = pd.read_csv(SAMPLE)
_SIX = sorted(_FULL.exporter.unique())[:6]
BASE = _FULL[_FULL.exporter.isin(_SIX) & _FULL.importer.isin(_SIX)].reset_index(drop=True)  # 36 flows
NUMERIC = ["trade", "lndist", "pta", "contiguity", "common_language", "international"]
BAD = st.sampled_from(["lots", "inf", "-inf", "-5", "1,5", "∞", "[/]"])


def _write(data: bytes) -> Path:
    path = Path(tempfile.mkdtemp(prefix="palanca-fuzz-")) / "g.csv"
    path.write_bytes(data)
    return path


@st.composite
def tables(draw):
    t = BASE.astype(str)
    col = draw(st.sampled_from(NUMERIC))
    row = draw(st.integers(0, len(t) - 1))
    value = draw(st.one_of(BAD, st.just("")))
    if value == "-5" and col != "trade":
        value = "lots"  # a negative regressor is legitimate
    t.loc[row, col] = value
    return t.to_csv(index=False).encode(), col, row + 2, value


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_a_bad_cell_is_named_and_a_blank_one_dropped_with_a_warning(case):
    data, col, line, value = case
    out = invoke(["gravity", "estimate", str(_write(data))])
    assert out.clean, out.escaped or out.output
    if value == "":
        assert out.rc in (0, 1), out.output  # 35 flows may still identify the model, or the check says why not
        assert f"1 of {len(BASE)} rows dropped: missing values in ['{col}'] (lines [{line}])" in out.output
    else:
        assert out.rc == 1 and f"column '{col}', line {line}" in out.output, out.output


@settings(max_examples=15, deadline=None)
@given(st.one_of(
    st.binary(max_size=300),
    st.just(b""),
    st.just(BASE.head(0).to_csv(index=False).encode()),  # header only
    st.integers(1, 8).map(lambda k: b"\n".join(BASE.to_csv(index=False).encode().split(b"\n")[:4])
                          + b"\nGBR,AUS" * k),  # ragged rows
))  # fmt: skip
def test_broken_files_are_clean_errors(data):
    out = invoke(["gravity", "estimate", str(_write(data))])
    assert out.clean and out.rc == 1, out.escaped or out.output


@settings(max_examples=8, deadline=None)
@given(
    st.sampled_from(
        [
            "trade ~ ~ |",
            "~ lndist",
            "trade ~",
            "trade ~ lndist | ",
            "trade ~ lndist || exporter",
            "trade ~ nosuch | exporter + importer",
            "trade ~ lndist | nosuch",
        ]
    ),
    st.sampled_from(["hetero", "CRV1:nope", "iid", "bogus"]),
)
def test_bad_formulas_and_vcov_are_clean_errors(formula, vcov):
    buf = io.BytesIO(BASE.to_csv(index=False).encode())
    out = invoke(["gravity", "estimate", str(_write(buf.getvalue())), "--formula", formula, "--vcov", vcov])
    assert out.clean and out.rc == 1, out.escaped or out.output
    assert "formula" in out.output or "vcov" in out.output or "column" in out.output, out.output
