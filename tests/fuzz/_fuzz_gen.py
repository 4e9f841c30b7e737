"""Generators of hostile input for the fuzz tests: values of the wrong kind, TOML text, DEU and gravity tables."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import strategies as st

__all__ = ["hostile_values", "shown", "toml_text", "toml_value"]

_WEIRD_TEXT = st.sampled_from(["", " ", "abc", "25%", "0,25", "[/]", "[bold]x", "[[materials]]", "<b>x</b>", "NaN",
                               "true", "∞", "\x00", "-", "1e400", "USA; MEX"])  # fmt: skip

# Values a user (or a broken editor) may put anywhere: text, numbers of every size and sign, specials,
# booleans, lists of the wrong kind, tables where scalars belong.
hostile_values = st.one_of(
    _WEIRD_TEXT,
    st.text(st.characters(exclude_categories=("Cs",)), max_size=12),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 1, 2, 3.5, 5, 10, 25, 100, 1e300, -1e300, 1e-300]),
    st.booleans(),
    st.lists(st.one_of(st.integers(-5, 5), _WEIRD_TEXT, st.booleans()), max_size=3),
    st.dictionaries(st.sampled_from(["a", "rate", "x"]), st.integers(0, 3), min_size=1, max_size=2),
)


def toml_value(v: Any) -> str:
    """TOML text of ``v`` (inline; floats inf/nan as TOML spells them)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, str):
        return _toml_string(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(type(v))


def _toml_string(v: str) -> str:
    out = []
    for ch in v:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def toml_text(doc: dict[str, Any]) -> str:
    """TOML text of a document of scalars, tables (``[name]``) and arrays of tables (``[[name]]``)."""
    lines = [f"{k} = {toml_value(v)}" for k, v in doc.items() if not isinstance(v, dict | list) or not _tables(v)]
    for k, v in doc.items():
        if isinstance(v, dict) and _tables(v):
            lines += ["", f"[{k}]", *(f"{kk} = {toml_value(x)}" for kk, x in v.items())]
        elif isinstance(v, list) and _tables(v):
            for t in v:
                lines += ["", f"[[{k}]]", *(f"{kk} = {toml_value(x)}" for kk, x in t.items())]
    return "\n".join(lines) + "\n"


def _tables(v: Any) -> bool:
    if isinstance(v, dict):
        return bool(v) and not any(isinstance(x, dict) for x in v.values()) and len(v) > 2
    return bool(v) and all(isinstance(t, dict) for t in v)


def shown(v: Any) -> str:
    """How a message may quote ``v``: its repr, or (for numbers) its str."""
    return repr(v)
