"""Malformed bills of materials for `palanca roo check`: exit 0 (qualifies), 3 (does not) or 1 (invalid, naming
the field), never a traceback."""

from __future__ import annotations

import copy
import tempfile
import tomllib
from pathlib import Path

from _fuzz_gen import hostile_values, toml_text
from _fuzz_harness import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SHIPPED = Path(__file__).resolve().parents[2] / "src/palanca/data/shipped/roo"
BASE = tomllib.loads((SHIPPED / "sedan-qualifies.toml").read_text(encoding="utf-8"))


@st.composite
def mutated(draw):
    doc = copy.deepcopy(BASE)
    where = draw(st.sampled_from(["product", "labour", "steel_aluminium", "materials", "top"]))
    if where == "top":
        field = draw(st.sampled_from(["product", "labour", "materials", "de_minimis", "notes"]))
        doc[field] = draw(hostile_values)
    elif where == "materials":
        k = draw(st.integers(0, len(doc["materials"]) - 1))
        field = draw(st.sampled_from(sorted({f for m in doc["materials"] for f in m})))
        doc["materials"][k][field] = draw(hostile_values)
    else:
        field = draw(st.sampled_from(sorted(doc[where])))
        doc[where][field] = draw(hostile_values)
    return doc, field


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_a_mutated_bom_field_is_named_or_judged(case):
    doc, field = case
    path = Path(tempfile.mkdtemp(prefix="palanca-fuzz-")) / "bom.toml"
    path.write_text(toml_text(doc), encoding="utf-8")
    out = invoke(["roo", "check", str(path)])
    assert out.clean, out.escaped or out.output
    assert out.rc in (0, 1, 3), out.output
    if out.rc == 1:
        assert "error: " in out.output and field in out.output, out.output
