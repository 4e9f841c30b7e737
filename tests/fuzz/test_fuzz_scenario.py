"""Malformed scenario files: every outcome is a documented exit code, never a traceback; an error names the
field it is about, and nothing is stored."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path

from _fuzz_gen import hostile_values, toml_text
from _fuzz_harness import invoke, stored_run_count
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

BASE = {
    "id": "fuzz",
    "title": "fuzz",
    "date": "2025-02-01",
    "world": "world2023",
    "closure": "fixed_deficit",
    "tariffs": [{"imposer": "USA", "targets": ["MEX"], "sectors": ["goods"], "rate": 0.25, "label": "fuzz"}],
}
TOP = ["id", "title", "date", "world", "closure", "elasticities", "short_run_theta_scale", "agreement_coefficient",
       "tariffs", "retaliation", "trade_costs", "lost_agreement", "usmca_preferences", "as_of"]  # fmt: skip
BLOCK = ["imposer", "targets", "sectors", "rate", "mode", "non_compliant_only", "label"]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _write(text: str | bytes) -> Path:
    d = Path(tempfile.mkdtemp(prefix="palanca-fuzz-"))
    path = d / "s.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


@st.composite
def mutated(draw):
    doc = copy.deepcopy(BASE)
    if draw(st.booleans()):
        field = draw(st.sampled_from(TOP))
        doc[field] = draw(hostile_values)
        return doc, field
    field = draw(st.sampled_from(BLOCK))
    doc["tariffs"][0][field] = draw(hostile_values)
    return doc, field


@FAST
@given(mutated())
def test_a_mutated_field_is_named_or_accepted(case):
    doc, field = case
    path = _write(toml_text(doc))
    out = invoke(["scenario", "show", str(path)])
    assert out.clean, out.escaped or out.output
    assert out.rc in (0, 1)
    if out.rc == 1:
        assert out.output.startswith("error: ") and field in out.output, out.output


@FAST
@given(st.one_of(st.binary(max_size=400), st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
                 st.integers(50, 4000).map(lambda n: b"x = " + b"[" * n + b"]" * n),
                 st.integers(50, 4000).map(lambda n: b"x = " + b"{a = " * n + b"1" + b"}" * n),
                 st.binary(min_size=1, max_size=20).map(lambda b: toml_text(BASE).encode() + b"\xff" + b)))  # fmt: skip
def test_garbage_bytes_are_a_clean_error(data):
    path = _write(data)
    out = invoke(["scenario", "show", str(path)])
    assert out.clean, out.escaped or out.output
    assert out.rc in (0, 1)


@settings(max_examples=6, deadline=None)
@given(st.sampled_from([("world", "world1066"), ("imposer", "XXX"), ("targets", ["ZZZ"]), ("sectors", ["nope"]),
                        ("rate", 2.5), ("label", "[/] <b>x</b>")]))  # fmt: skip
def test_a_run_that_fails_stores_nothing(case):
    field, value = case
    doc = copy.deepcopy(BASE)
    (doc if field in doc else doc["tariffs"][0])[field] = value
    path = _write(toml_text(doc))
    store = path.parent / "runs.duckdb"
    out = invoke(["scenario", "run", str(path), "--store", str(store)])
    assert out.clean, out.escaped or out.output
    if out.rc == 0:
        assert stored_run_count(store) == 1
    else:
        assert out.rc == 1 and stored_run_count(store) == 0
        assert str(value if isinstance(value, str) else value[0]) in out.output, out.output


def test_a_scenario_path_that_is_a_device_fifo_or_folder_is_refused_without_reading(tmp_path):
    import os

    (tmp_path / "zero.toml").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "fifo.toml")
    (tmp_path / "dir.toml").mkdir()
    for name in ("zero.toml", "fifo.toml", "dir.toml"):
        out = invoke(["scenario", "run", str(tmp_path / name), "--no-store"])
        assert out.rc == 1 and not out.traceback, out.output
        assert "is missing or not a regular file" in out.output
