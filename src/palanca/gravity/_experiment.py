"""Counterfactual cost changes: ``pta[CAN,JPN]=1`` and the iceberg-cost change they imply."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from palanca.data import GravityData
from palanca.errors import ScenarioError

__all__ = ["CostChange", "calc_cost_index_hat", "parse_coefficients", "parse_cost_change"]

_PATTERN = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*\[\s*([^,\]]+)\s*,\s*([^\]]+)\]\s*=\s*(\S+)\s*$")


@dataclass(frozen=True)
class CostChange:
    """Set cost variable ``variable`` to ``value`` for exports of ``origins`` to ``destinations``.

    ``origins`` and ``destinations`` are tuples of country codes, or ``("*",)`` for every country
    (domestic pairs included: a wildcard matches literally).
    """

    variable: str
    origins: tuple[str, ...]
    destinations: tuple[str, ...]
    value: float

    def __str__(self) -> str:
        return f"{self.variable}[{'+'.join(self.origins)},{'+'.join(self.destinations)}]={self.value:g}"


def parse_cost_change(text: str) -> CostChange:
    """Parse ``VAR[ORIGIN,DESTINATION]=VALUE``; each side an ISO3 code, ``A+B+C`` or ``*``.

    Raises
    ------
    ScenarioError
        If the text does not have that form or the value is not a number.
    """
    m = _PATTERN.match(text)
    if not m:
        raise ScenarioError(
            f"cost change {text!r} is not of the form VAR[ORIGIN,DESTINATION]=VALUE; for example "
            "pta[CAN,JPN]=1, pta[USA+MEX+CAN,USA+MEX+CAN]=0 or international[*,CHN]=1."
        )
    var, o, d, v = m.groups()
    try:
        value = float(v)
    except ValueError:
        raise ScenarioError(f"cost change {text!r}: value {v!r} is not a number.") from None

    def side(s: str) -> tuple[str, ...]:
        codes = tuple(c.strip().upper() for c in s.split("+") if c.strip())
        return ("*",) if "*" in codes else codes

    return CostChange(var, side(o), side(d), value)


def parse_coefficients(text: str) -> dict[str, float]:
    """Parse ``"lndist=-0.39,pta=0.47"`` into ``{"lndist": -0.39, "pta": 0.47}``.

    Raises
    ------
    ScenarioError
        If an item is not ``NAME=NUMBER``.
    """
    out: dict[str, float] = {}
    for item in (t.strip() for t in text.split(",")):
        if not item:
            continue
        name, eq, value = item.partition("=")
        try:
            if not eq or not name.strip():
                raise ValueError
            out[name.strip()] = float(value)
        except ValueError:
            raise ScenarioError(f"coefficient {item!r} is not NAME=NUMBER; write e.g. lndist=-0.39,pta=0.47.") from None
    return out


def _mask(data: GravityData, codes: tuple[str, ...]) -> np.ndarray:
    if codes == ("*",):
        return np.ones(data.n_countries, dtype=bool)
    m = np.zeros(data.n_countries, dtype=bool)
    for c in codes:
        m[data.country_index(c)] = True
    return m


def calc_cost_index_hat(data: GravityData, coefficients: dict[str, float], changes: Iterable[CostChange]) -> np.ndarray:
    r"""``t_hat^{1-sigma}[n, i] = exp(sum_k b_k (x'_k[n, i] - x_k[n, i]))``, N x N.

    Changes are applied in order to the data's cost variables (a later change to the same cell
    wins). A change to a variable without a coefficient is an error: it would do nothing.

    Raises
    ------
    ScenarioError
        If a change names a variable that has no coefficient.
    UnknownCountryError
        If it names a country that the data do not contain.
    """
    delta = np.zeros((data.n_countries, data.n_countries))
    new = {}
    for ch in changes:
        if ch.variable not in coefficients:
            raise ScenarioError(
                f"cost change {ch} sets {ch.variable!r}, which has no coefficient; variables with "
                f"coefficients: {', '.join(coefficients)}."
            )
        x = new.setdefault(ch.variable, np.array(data.cost(ch.variable)))
        rows = _mask(data, ch.destinations)
        cols = _mask(data, ch.origins)
        x[np.ix_(rows, cols)] = ch.value
    for var, x in new.items():
        delta += coefficients[var] * (x - data.cost(var))
    return np.exp(delta)
