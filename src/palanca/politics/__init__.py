"""Bargaining and forecasting: spatial forecasting models scored on negotiation data, and the
US–Mexico bargain with disagreement payoffs read from the trade model.

This layer reads payoffs; it does no economics beyond that.
"""

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

__all__ = [
    "BEST_MODEL",
    "BdmRun",
    "BdmTerms",
    "CrossValidation",
    "Forecast",
    "ForecastModel",
    "bdm_expected_utility",
    "bdm_simulate",
    "calc_compromise",
    "calc_nash_reference",
    "calc_weighted_median",
    "cross_validate",
    "exchange_positions",
    "forecast",
]
