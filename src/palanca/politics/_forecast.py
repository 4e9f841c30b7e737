"""Forecasts of spatial bargaining outcomes over many issues, scored by mean absolute error.

One entry point, `forecast(issues, model)`, returns a read-only `Forecast` (prediction and, where
the model gives one, an interval per issue). `cross_validate` scores models by dossier-grouped
K-fold cross-validation: a model that learns anything learns it on the training dossiers only.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from palanca.data import SpatialIssues
from palanca.errors import PalancaError
from palanca.politics._bdm import bdm_simulate
from palanca.politics._exchange import exchange_positions
from palanca.politics._spatial import calc_compromise, calc_nash_reference, calc_weighted_median

__all__ = ["BEST_MODEL", "CrossValidation", "Forecast", "ForecastModel", "cross_validate", "forecast"]


class ForecastModel(enum.StrEnum):
    """The forecasting models; ``BEST`` is the one palanca recommends (see `BEST_MODEL`)."""

    COMPROMISE = "compromise"
    MEDIAN = "median"
    NASH = "nash"
    BDM = "bdm"
    EXCHANGE = "exchange"
    BEST = "best"


# The recommended model. On the DEU III training split no model beats the compromise model out of
# sample (see docs/politics.md and `cross_validate`), so "best" is the compromise model.
BEST_MODEL = ForecastModel.COMPROMISE


@dataclass(frozen=True, eq=False)
class Forecast:
    """Forecasts of one model for each issue of a `SpatialIssues`.

    Attributes
    ----------
    model : ForecastModel
        The model actually run (``BEST`` resolved).
    issue_ids : tuple of str
    prediction : ndarray, I
    low, high : ndarray, I
        Interval bounds where the model gives one (Nash: the bargaining set; BDM: the range of the
        round medians); NaN otherwise.
    outcome : ndarray, I
        Observed outcomes (NaN where unknown).
    """

    model: ForecastModel
    issue_ids: tuple[str, ...]
    prediction: np.ndarray
    low: np.ndarray
    high: np.ndarray
    outcome: np.ndarray

    @property
    def has_interval(self) -> bool:
        return bool(np.isfinite(self.low).any())

    @cached_property
    def scored(self) -> np.ndarray:
        """Mask of issues with an outcome."""
        return np.isfinite(self.outcome)

    @cached_property
    def mae(self) -> float:
        """Mean absolute error over the issues with outcomes (NaN if none)."""
        if not self.scored.any():
            return float("nan")
        return float(np.mean(np.abs(self.prediction - self.outcome)[self.scored]))

    def records(self) -> list[dict[str, object]]:
        rows = []
        for k, isnr in enumerate(self.issue_ids):
            row: dict[str, object] = {"isnr": isnr, "prediction": float(self.prediction[k])}
            if self.has_interval:
                row["low"] = float(self.low[k])
                row["high"] = float(self.high[k])
            rows.append(row)
        return rows


def _issue_arrays(issues: SpatialIssues, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    m = issues.present[k]
    return issues.position[k, m], issues.capability[m], issues.salience[k, m]


def forecast(
    issues: SpatialIssues, model: ForecastModel | str = ForecastModel.BEST, *, bdm_rounds: int = 4
) -> Forecast:
    """Forecast every issue with one model.

    Parameters
    ----------
    issues : SpatialIssues
    model : ForecastModel or str
        ``compromise`` (capability x salience weighted mean), ``median`` (weighted median),
        ``nash`` (Nash bargaining from the reference point), ``bdm`` (expected-utility challenge
        model), ``exchange`` (Stokman's exchange model within each dossier) or ``best``.
    bdm_rounds : int
        Rounds of the challenge model.

    Raises
    ------
    PalancaError
        If ``model`` is not one of the names above.
    """
    try:
        model = ForecastModel(model)
    except ValueError:
        raise PalancaError(
            f"model {model!r} is unknown; choose one of: {', '.join(m.value for m in ForecastModel)}"
        ) from None
    if model is ForecastModel.BEST:
        model = BEST_MODEL
    n = issues.n_issues
    pred, low, high = np.empty(n), np.full(n, np.nan), np.full(n, np.nan)
    if model is ForecastModel.EXCHANGE:
        dossiers = np.array(issues.dossier_ids)
        for d in dict.fromkeys(issues.dossier_ids):
            rows = np.flatnonzero(dossiers == d)
            final, _ = exchange_positions(issues.position[rows], issues.capability, issues.salience[rows])
            for k, pos in zip(rows, final, strict=True):
                m = np.isfinite(pos)
                pred[k] = calc_compromise(pos[m], issues.capability[m], issues.salience[k, m])
    else:
        for k in range(n):
            x, c, s = _issue_arrays(issues, k)
            if model is ForecastModel.COMPROMISE:
                pred[k] = calc_compromise(x, c, s)
            elif model is ForecastModel.MEDIAN:
                pred[k] = calc_weighted_median(x, c * s)
            elif model is ForecastModel.NASH:
                pred[k], low[k], high[k] = calc_nash_reference(x, c, s, float(issues.reference[k]))
            else:
                run = bdm_simulate(x, c, s, rounds=bdm_rounds)
                pred[k], low[k], high[k] = run.forecast, run.median.min(), run.median.max()
    for arr in (pred, low, high):
        arr.setflags(write=False)
    return Forecast(model, issues.issue_ids, pred, low, high, issues.outcome)


@dataclass(frozen=True, eq=False)
class CrossValidation:
    """Dossier-grouped K-fold scores.

    Attributes
    ----------
    models : tuple of str
    train_mae : ndarray, M
        MAE of each model on the whole file.
    cv_mae : ndarray, M
        MAE of the out-of-fold predictions (each issue predicted by a model fitted without its
        dossier; for models with nothing to fit this equals ``train_mae``).
    fold_mae : ndarray, M x K
    diff_vs_compromise_ci : ndarray, M x 2
        95% dossier-bootstrap interval of (model MAE - compromise MAE), out of fold.
    n_issues, n_dossiers, folds : int
    """

    models: tuple[str, ...]
    train_mae: np.ndarray
    cv_mae: np.ndarray
    fold_mae: np.ndarray
    diff_vs_compromise_ci: np.ndarray
    n_issues: int
    n_dossiers: int
    folds: int

    def records(self) -> list[dict[str, object]]:
        return [
            {
                "model": m,
                "train_mae": float(self.train_mae[k]),
                "cv_mae": float(self.cv_mae[k]),
                "diff_vs_compromise_lo": float(self.diff_vs_compromise_ci[k, 0]),
                "diff_vs_compromise_hi": float(self.diff_vs_compromise_ci[k, 1]),
            }
            for k, m in enumerate(self.models)
        ]


def cross_validate(
    issues: SpatialIssues,
    models: tuple[ForecastModel | str, ...] = ("compromise", "median", "nash", "bdm", "exchange"),
    *,
    folds: int = 10,
    seed: int = 0,
    n_boot: int = 2000,
) -> CrossValidation:
    """Score models on held-out dossiers (never fit and score on the same dossier).

    The folds partition the dossiers at random (seeded). None of the five shipped models has a
    parameter fitted to outcomes, so their out-of-fold predictions equal their in-sample ones;
    the split still fixes the unit of resampling (the dossier) for the bootstrap interval.
    """
    scored = np.isfinite(issues.outcome)
    if not scored.any():
        raise PalancaError("no issue has an outcome ('out'); cross-validation needs outcomes.")
    data = issues.subset(scored)
    dossiers = np.array(data.dossier_ids)
    uniq = np.array(list(dict.fromkeys(data.dossier_ids)))
    rng = np.random.default_rng(seed)
    fold_of = dict(zip(rng.permutation(uniq), np.arange(len(uniq)) % folds, strict=True))
    fold = np.array([fold_of[d] for d in dossiers])
    names = tuple(ForecastModel(m).value for m in models)
    preds = np.array([forecast(data, m).prediction for m in names])
    err = np.abs(preds - data.outcome[None, :])
    fold_mae = np.array([[e[fold == f].mean() if np.any(fold == f) else np.nan for f in range(folds)] for e in err])
    # dossier bootstrap of the MAE difference against the compromise model
    base = np.abs(forecast(data, ForecastModel.COMPROMISE).prediction - data.outcome)
    d_index = np.searchsorted(np.sort(uniq), dossiers)
    per_dossier = np.array([np.bincount(d_index, weights=e - base, minlength=len(uniq)) for e in err])
    counts = np.bincount(d_index, minlength=len(uniq)).astype(float)
    draws = rng.integers(0, len(uniq), size=(n_boot, len(uniq)))
    boot = per_dossier[:, draws].sum(axis=2) / counts[draws].sum(axis=1)[None, :]
    ci = np.percentile(boot, [2.5, 97.5], axis=1).T
    return CrossValidation(
        models=names,
        train_mae=err.mean(axis=1),
        cv_mae=err.mean(axis=1),
        fold_mae=fold_mae,
        diff_vs_compromise_ci=ci,
        n_issues=int(scored.sum()),
        n_dossiers=len(uniq),
        folds=folds,
    )
