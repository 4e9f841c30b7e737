"""Bargaining and forecasting: spatial forecasting models scored on negotiation data, and the
US–Mexico bargain with threat points from the engine, values from `palanca.flows`, credibility from the
dated record of threats, and signposts that re-run it as events arrive.

This layer reads payoffs; it does no economics beyond that.
"""

from palanca.politics._bargain import bargain, prepare_bargain, solve_bargain
from palanca.politics._bargain_inputs import BargainInputs, resolve_inputs, with_cooperation_values
from palanca.politics._bargain_payoffs import ThreatPoint
from palanca.politics._bargain_results import LEVERAGE_MEANING, BargainResult, Deal
from palanca.politics._bargain_solve import rubinstein_on_frontier
from palanca.politics._bargain_spec import DIMENSIONS, BargainScenario, load_bargain_scenario
from palanca.politics._bargaining import (
    calc_fearon_range,
    calc_leverage_index,
    calc_nash_weight,
    calc_rubinstein,
    calc_rubinstein_split,
    calc_threat_credibility,
)
from palanca.politics._bdm import BdmRun, BdmTerms, bdm_expected_utility, bdm_simulate
from palanca.politics._credibility import (
    Backtest,
    Credibility,
    Episode,
    backtest_credibility,
    episodes_as_of,
    threat_credibility,
)
from palanca.politics._exchange import exchange_positions
from palanca.politics._forecast import (
    BEST_MODEL,
    CrossValidation,
    Forecast,
    ForecastModel,
    cross_validate,
    forecast,
)
from palanca.politics._signposts import BargainTimeline, bargain_backtest, bargain_timeline
from palanca.politics._spatial import calc_compromise, calc_nash_reference, calc_weighted_median
from palanca.politics._trade_payoffs import TradeCurve, trade_payoff_curve

__all__ = [
    "BEST_MODEL",
    "DIMENSIONS",
    "LEVERAGE_MEANING",
    "Backtest",
    "BargainInputs",
    "BargainResult",
    "BargainScenario",
    "BargainTimeline",
    "BdmRun",
    "BdmTerms",
    "Credibility",
    "CrossValidation",
    "Deal",
    "Episode",
    "Forecast",
    "ForecastModel",
    "ThreatPoint",
    "TradeCurve",
    "backtest_credibility",
    "bargain",
    "bargain_backtest",
    "bargain_timeline",
    "bdm_expected_utility",
    "bdm_simulate",
    "calc_compromise",
    "calc_fearon_range",
    "calc_leverage_index",
    "calc_nash_reference",
    "calc_nash_weight",
    "calc_rubinstein",
    "calc_rubinstein_split",
    "calc_threat_credibility",
    "calc_weighted_median",
    "cross_validate",
    "episodes_as_of",
    "exchange_positions",
    "forecast",
    "load_bargain_scenario",
    "prepare_bargain",
    "resolve_inputs",
    "rubinstein_on_frontier",
    "solve_bargain",
    "threat_credibility",
    "trade_payoff_curve",
    "with_cooperation_values",
]
