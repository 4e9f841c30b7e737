"""The bargain's model-computed inputs: cooperation values from `palanca.flows`, credibility from the record,
threat point and outside option from the engine.

`resolve_inputs` takes a spec (`BargainScenario`, whose values are judgement) and returns the inputs the
solver uses, with every value a palanca model computes written in from that model (value, range and a
``model: ...`` basis) — never typed in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from palanca.data import CoercionEvent, load_coercion_events
from palanca.errors import ConvergenceError, ScenarioError
from palanca.politics._bargain_payoffs import ThreatPoint
from palanca.politics._bargain_spec import BargainScenario
from palanca.politics._credibility import Credibility, threat_credibility
from palanca.politics._trade_payoffs import TradeCurve, engine_outside_option, engine_status_quo, engine_threats

if TYPE_CHECKING:
    from palanca.flows import CooperationValues

__all__ = ["BargainInputs", "cooperation_digest", "resolve_inputs", "with_cooperation_values"]

# bargain parameter <- (flows channel, whose GDP converts it)
_CHANNELS = {
    "fentanyl.value_usa_pct": ("fentanyl_enforcement", "USA"),
    "migration.value_usa_pct": ("migration_enforcement", "USA"),
    "firearms.value_mex_pct": ("firearms_action", "MEX"),
}


@dataclass(frozen=True, eq=False)
class BargainInputs:
    """The solver's inputs: the scenario with model values, credibilities, threat point, outside option."""

    scenario: BargainScenario
    credibility_usa: Credibility
    credibility_mex: Credibility
    threat: ThreatPoint
    outside_pct: tuple[float, float]
    outside_method: str
    as_of: dt.date | None
    events: tuple[CoercionEvent, ...]


@cache
def _cooperation_values() -> CooperationValues:
    from palanca.flows import cooperation_values  # flows loads its data tables: only when a bargain is resolved

    return cooperation_values()


def cooperation_digest() -> str:
    """SHA-256 of the inputs of `palanca.flows.cooperation_values` (the shipped series it reads and the
    assumptions held in code), recorded by a bargain that takes its cooperation values from it."""
    inputs = _cooperation_values().inputs
    record = json.dumps(_plain(None if inputs is None else inputs.params), sort_keys=True, default=str)
    return hashlib.sha256(record.encode()).hexdigest()


def _plain(value: object) -> object:
    """Mappings as dicts and sequences as lists, all the way down, so that key order does not change a digest."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def with_cooperation_values(scenario: BargainScenario) -> BargainScenario:
    """The scenario with the US value of Mexican enforcement and Mexico's value of US firearms action from
    `palanca.flows.cooperation_values` (US$bn a year, converted to % of the beneficiary's GDP).

    The bargain's maximal effort (level 1 of a dimension) is mapped to the flows model's unit of effort
    (a stated assumption). A channel the data do not identify keeps the model's range, and its basis
    says so.
    """
    values = _cooperation_values()
    sc = scenario
    for key, (channel, who) in _CHANNELS.items():
        cv = getattr(values, channel)
        gdp = scenario.gdp_usd_bn[who]
        lo, mid, hi = (100.0 * v / gdp for v in (cv.low_usd_bn_per_year, cv.central_usd_bn_per_year,
                                                 cv.high_usd_bn_per_year))  # fmt: skip
        ident = "identified" if cv.identified else "not identified by the data: range is the model's bounds"
        sc = sc.with_value(key, mid, lo, hi, f"model: palanca.flows.cooperation_values().{channel} ({ident})")
    return sc


def _status_quo(curve: TradeCurve) -> tuple[float, float]:
    """The engine's payoff of the tariffs in force, or the reference's (0, 0) where that cannot be built."""
    try:
        return engine_status_quo(curve.world, curve.policy_as_of)
    except (ScenarioError, ConvergenceError):
        return 0.0, 0.0


def _threat_point(curve: TradeCurve, sc: BargainScenario) -> ThreatPoint:
    sq = _status_quo(curve)
    rec = engine_threats(curve.world, curve.policy_as_of)
    if rec is not None and rec["converged"]:
        return ThreatPoint(
            war_pct=tuple(rec["war_pct"]),
            us_only_pct=tuple(rec["us_only_pct"]),
            tariffs={**rec["tariffs"], "USA_on_MEX_if_no_retaliation": rec["us_optimal_tariff"]},
            method="engine: palanca.model.tariff_war (Nash tariffs) and optimal_tariff (US on a passive Mexico)",
            converged=True,
            status_quo_pct=sq,
        )
    thr, ret = sc.params["trade.threat_tariff"], sc.params["trade.counter_tariff"]
    return ThreatPoint(
        war_pct=(curve.value("USA", thr, ret), curve.value("MEX", thr, ret)),
        us_only_pct=(curve.value("USA", thr), curve.value("MEX", thr)),
        tariffs={"USA_on_MEX": thr, "MEX_on_USA": ret},
        method=(
            "fallback (engine tariff war unavailable or unconverged): the threatened tariff with and without "
            "Mexico's announced counter-tariff on the engine's trade curve"
        ),
        converged=True,
        status_quo_pct=sq,
    )


def resolve_inputs(
    scenario: BargainScenario,
    curve: TradeCurve,
    *,
    as_of: dt.date | None = None,
    events: Sequence[CoercionEvent] | None = None,
    cooperation: bool = True,
) -> BargainInputs:
    """Everything the solver needs, from the models (see the module docstring).

    Parameters
    ----------
    scenario : BargainScenario
    curve : TradeCurve
        The engine's trade payoffs (its world is used for the threat point and outside option).
    as_of : datetime.date, optional
        Only events dated on or before it inform credibility.
    events : sequence of CoercionEvent, optional
        The event log (the shipped one when omitted).
    cooperation : bool
        Take the cooperation values from `palanca.flows` (default); False keeps the spec's values.
    """
    events = load_coercion_events() if events is None else events
    sc = with_cooperation_values(scenario) if cooperation else scenario
    w = sc.params["credibility.base_rate_weight"]
    cred_us = threat_credibility(events, "USA", "MEX", as_of, base_rate_weight=w)
    cred_mx = threat_credibility(events, "MEX", "USA", as_of, base_rate_weight=w)
    outside, outside_method = engine_outside_option(curve.world, curve.policy_as_of)
    return BargainInputs(
        scenario=sc,
        credibility_usa=cred_us,
        credibility_mex=cred_mx,
        threat=_threat_point(curve, sc),
        outside_pct=outside,
        outside_method=outside_method,
        as_of=as_of,
        events=tuple(events),
    )
