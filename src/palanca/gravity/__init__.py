"""Structural gravity on palanca's engine: PPML estimation and gegravity-style experiments.

- `estimate_ppml`: PPML with exporter and importer (or pair/panel) fixed effects via pyfixest
  (``pip install 'palanca[gravity]'``), robust or clustered standard errors, the Santos
  Silva–Tenreyro existence check.
- `gravity_baseline` → `GravityBaseline`: modelled trade costs, multilateral resistances and a
  one-sector `World`; `solve_gravity` → `GravityResults`: a cost-variable experiment solved by
  ``palanca.model.solve_from`` (``Closure.CONDITIONAL`` = gegravity's results exactly,
  ``Closure.OUTPUT_MULTIPLE`` = the full-endowment GE).
- `agreement_loss_trade_cost_hat` / `agreement_loss_shock`: "USMCA disappears" on any `World`
  (the one agreement-loss function; coefficient read by name from the gravity estimate).
"""

from palanca.gravity._agreements import (
    AGGREGATE_THETA,
    USMCA,
    agreement_loss_shock,
    agreement_loss_trade_cost_hat,
    shipped_agreement_effect,
)
from palanca.gravity._baseline import GravityBaseline, gravity_baseline
from palanca.gravity._estimate import (
    DEFAULT_FORMULA,
    ExistenceCheck,
    PPMLResult,
    check_existence,
    estimate_ppml,
)
from palanca.gravity._experiment import CostChange, parse_coefficients, parse_cost_change
from palanca.gravity._results import COUNTRY_COLUMNS, GravityResults
from palanca.gravity._solve import GRAVITY_CLOSURES, gravity_experiment, solve_gravity

__all__ = [
    "AGGREGATE_THETA",
    "COUNTRY_COLUMNS",
    "DEFAULT_FORMULA",
    "GRAVITY_CLOSURES",
    "USMCA",
    "CostChange",
    "ExistenceCheck",
    "GravityBaseline",
    "GravityResults",
    "PPMLResult",
    "agreement_loss_shock",
    "agreement_loss_trade_cost_hat",
    "check_existence",
    "estimate_ppml",
    "gravity_baseline",
    "gravity_experiment",
    "parse_coefficients",
    "parse_cost_change",
    "shipped_agreement_effect",
    "solve_gravity",
]
