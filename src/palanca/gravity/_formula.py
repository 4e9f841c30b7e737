"""Gravity formulas: checked token by token before pyfixest evaluates them, and split into their parts.

This module is functional. Only column names of the table, numbers and ``~ + | ^`` are accepted, so a formula can
never run code (formulaic evaluates calls such as ``I(...)``).
"""

from __future__ import annotations

import re

from palanca.errors import DataFormatError

_FORMULA_TOKEN = re.compile(r"\s*(?:(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<number>\d+(?:\.\d*)?|\.\d+)|(?P<op>[~|+^]))")


def _check_formula_tokens(formula: str, columns: list[str]) -> None:
    """Refuse any formula that is not column names, numbers and ``~ | + ^``: pyfixest hands the formula to
    formulaic, which evaluates other terms (``I(...)``, calls, attributes) as Python code."""
    example = "write e.g. 'trade ~ lndist + pta | exporter + importer' (column names joined by ~, +, | and ^)"
    pos = 0
    text = formula.rstrip()
    missing: list[str] = []
    while pos < len(text):
        m = _FORMULA_TOKEN.match(text, pos)
        if m is None:
            bad = text[pos:].lstrip()[:20]
            raise DataFormatError(
                f"formula {formula!r}: {bad[0]!r} (at {bad!r}) is not allowed; only column names of the table, "
                f"numbers and the operators ~ + | ^ are; {example}."
            )
        name = m.group("name")
        if name is not None and name not in columns and name not in missing:
            missing.append(name)
        pos = m.end()
    if missing:
        raise DataFormatError(f"formula uses column(s) {missing} that the data lack; columns: {columns}; {example}.")


def _parse_formula(formula: str) -> tuple[str, list[str], list[str]]:
    example = "write 'trade ~ lndist + pta | exporter + importer'"
    if formula.count("~") != 1:
        raise DataFormatError(f"formula {formula!r} needs exactly one '~' (has {formula.count('~')}); {example}.")
    lhs, rhs = formula.split("~", 1)
    if formula.count("|") > 1:
        raise DataFormatError(f"formula {formula!r} has more than one '|'; {example}.")
    reg, _, fe = rhs.partition("|")
    terms = [t.strip() for t in reg.split("+") if t.strip() and t.strip() not in ("1", "0")]
    fes = [t.strip() for t in re.split(r"[+]", fe) if t.strip()]
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", lhs.strip()) or not terms:
        raise DataFormatError(f"formula {formula!r} needs a dependent variable and at least one regressor; {example}.")
    if "|" in rhs and not fes:
        raise DataFormatError(f"formula {formula!r} has '|' but no fixed effects after it; {example}.")
    return lhs.strip(), terms, fes
