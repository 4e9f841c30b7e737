"""The engine reproduces Caliendo & Parro (2015, ReStud 82(1)), Table 2, to ±0.005 pp."""

from __future__ import annotations

import pytest

from palanca.analysis import CP2015_TABLE2, validate_cp2015


@pytest.fixture(scope="module")
def records():
    return {(r["case"], r["country"]): r for r in validate_cp2015().records()}


@pytest.mark.parametrize(
    ("key", "column", "value"),
    [(key, col, val) for key, cols in CP2015_TABLE2.items() for col, val in cols.items()],
)
def test_table2(records, key, column, value):
    assert records[key][column] == pytest.approx(value, abs=0.005)


def test_all_regions_reported(records):
    assert len(records) == 62
    assert {c for _, c in records} >= {"CAN", "MEX", "USA", "CHN", "ROW"}
