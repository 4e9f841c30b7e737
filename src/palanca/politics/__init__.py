"""Bargaining and forecasting: spatial forecasting models scored on negotiation data, and the
US–Mexico bargain with disagreement payoffs read from the trade model.

This layer reads payoffs; it does no economics beyond that.
"""

from palanca.politics._bargain import (
    DIMENSIONS,
    BargainResult,
    BargainScenario,
    Deal,
    bargain,
    load_bargain_scenario,
    with_fentanyl_value_from_flows,
)
from palanca.politics._bargaining import (
    calc_fearon_range,
    calc_nash_weight,
    calc_rubinstein,
    calc_rubinstein_split,
    calc_threat_credibility,
)
from palanca.politics._bdm import BdmRun, BdmTerms, bdm_expected_utility, bdm_simulate
from palanca.politics._exchange import exchange_positions
from palanca.politics._forecast import (
    BEST_MODEL,
    CrossValidation,
    Forecast,
    ForecastModel,
    cross_validate,
    forecast,
)
from palanca.politics._spatial import calc_compromise, calc_nash_reference, calc_weighted_median
from palanca.politics._trade_payoffs import TradeCurve, trade_payoff_curve

__all__ = [
    "BEST_MODEL",
    "DIMENSIONS",
    "BargainResult",
    "BargainScenario",
    "BdmRun",
    "BdmTerms",
    "CrossValidation",
    "Deal",
    "Forecast",
    "ForecastModel",
    "TradeCurve",
    "bargain",
    "bdm_expected_utility",
    "bdm_simulate",
    "calc_compromise",
    "calc_fearon_range",
    "calc_nash_reference",
    "calc_nash_weight",
    "calc_rubinstein",
    "calc_rubinstein_split",
    "calc_threat_credibility",
    "calc_weighted_median",
    "cross_validate",
    "exchange_positions",
    "forecast",
    "load_bargain_scenario",
    "trade_payoff_curve",
    "with_fentanyl_value_from_flows",
]
