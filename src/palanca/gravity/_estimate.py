r"""PPML estimation of the structural gravity equation with fixed effects.

.. math:: X_{ij} = \exp\big(\textstyle\sum_k b_k x_{ijk} + \eta_i + \psi_j\big)\,\varepsilon_{ij}

estimated by Poisson pseudo-maximum likelihood (Santos Silva and Tenreyro 2006 [1]_) with
exporter and importer fixed effects (or any fixed effects pyfixest's formula syntax allows:
``exporter^year + importer^year + exporter^importer`` for panels with pair effects), through
pyfixest's ``fepois`` (the ``gravity`` extra). Before fitting, the existence of the estimates is
checked as Santos Silva and Tenreyro (2010) [2]_ propose: a regressor combination that is
collinear on the observations with positive flows but not zero, and of one sign, on the zero
flows, sends a coefficient to infinity. pyfixest additionally drops observations separated by
the fixed effects (Correia, Guimarães and Zylkin 2020 [3]_).

References
----------
.. [1] J. M. C. Santos Silva and S. Tenreyro, "The Log of Gravity", Review of Economics and
   Statistics 88(4): 641–658, 2006.
.. [2] J. M. C. Santos Silva and S. Tenreyro, "On the existence of the maximum likelihood
   estimates in Poisson regression", Economics Letters 107(2): 310–312, 2010.
.. [3] S. Correia, P. Guimarães and T. Zylkin, "Fast Poisson estimation with high-dimensional
   fixed effects", Stata Journal 20(1): 95–115, 2020.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from palanca.errors import DataFormatError, MissingDependencyError, PalancaWarning
from palanca.gravity._formula import _check_formula_tokens, _parse_formula

__all__ = ["ExistenceCheck", "PPMLResult", "check_existence", "estimate_ppml"]

DEFAULT_FORMULA = "trade ~ lndist + contiguity + common_language + pta + international | exporter + importer"


@dataclass(frozen=True)
class ExistenceCheck:
    """Result of the Santos Silva–Tenreyro (2010) existence check.

    Attributes
    ----------
    ok : bool
        True when no regressor combination separates the zero flows.
    problems : tuple of str
        One sentence per separating combination, naming the regressors involved.
    n_zero : int
        Observations with a zero flow.
    """

    ok: bool
    problems: tuple[str, ...] = ()
    n_zero: int = 0


def check_existence(y: np.ndarray, X: np.ndarray, names: tuple[str, ...], *, tol: float = 1e-9) -> ExistenceCheck:
    r"""Santos Silva and Tenreyro (2010) check that the PPML estimates exist.

    The estimates fail to exist when some direction :math:`\delta` has :math:`X\delta = 0` on the
    observations with :math:`y > 0` and :math:`X\delta` of one sign, not all zero, where
    :math:`y = 0`: moving the coefficients along :math:`\delta` raises the likelihood forever.
    Each basis vector of the null space of the positive-flow design is tested (this is the
    paper's check; a direction mixing several null vectors is caught when the null space is
    one-dimensional, the usual case).

    Parameters
    ----------
    y : ndarray, n
        Flows, nonnegative.
    X : ndarray, n x K
        Regressors (fixed effects included as dummies where they matter).
    names : tuple of str, length K
    """
    y = np.asarray(y, dtype=np.float64)
    X = np.asarray(X, dtype=np.float64)
    zero = y <= 0
    if not zero.any():
        return ExistenceCheck(ok=True, n_zero=0)
    Xp, X0 = X[~zero], X[zero]
    # null space of the positive-flow design, from its SVD
    _, s, vt = np.linalg.svd(Xp, full_matrices=True)
    rank = int((s > tol * max(s.max(initial=0.0), 1.0)).sum())
    problems = []
    scale = np.abs(X).max(axis=0) + 1.0
    for delta in vt[rank:]:
        z = X0 @ delta
        big = np.abs(z) > 1e3 * tol * float(scale @ np.abs(delta))
        if big.any() and (np.all(z[big] > 0) or np.all(z[big] < 0)):
            involved = [names[k] for k in np.argsort(-np.abs(delta)) if abs(delta[k]) > 1e-6][:6]
            problems.append(
                f"{', '.join(involved)} separate {int(big.sum())} zero flow(s) from the positive "
                "ones (collinear where trade is positive): drop those regressors or observations."
            )
    return ExistenceCheck(ok=not problems, problems=tuple(problems), n_zero=int(zero.sum()))


@dataclass(frozen=True)
class PPMLResult:
    """A PPML gravity estimate.

    Attributes
    ----------
    formula : str
        pyfixest formula, ``depvar ~ regressors | fixed effects``.
    coefficients, std_errors : Mapping[str, float]
        Estimates and standard errors of the non-fixed-effect regressors.
    vcov : str
        Covariance estimator (``"hetero"`` robust, ``"iid"``, or ``"CRV1:<cluster var>"``).
    nobs : int
        Observations used (after pyfixest drops separated ones).
    n_dropped : int
        Observations dropped by pyfixest (separation by fixed effects, singletons, missing data).
    converged : bool
    deviance : float
    existence : ExistenceCheck
    """

    formula: str
    coefficients: Mapping[str, float]
    std_errors: Mapping[str, float]
    vcov: str
    nobs: int
    n_dropped: int
    converged: bool
    deviance: float
    existence: ExistenceCheck = field(default_factory=lambda: ExistenceCheck(ok=True))

    def __post_init__(self) -> None:
        object.__setattr__(self, "coefficients", MappingProxyType(dict(self.coefficients)))
        object.__setattr__(self, "std_errors", MappingProxyType(dict(self.std_errors)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "formula": self.formula,
            "coefficients": dict(self.coefficients),
            "std_errors": dict(self.std_errors),
            "vcov": self.vcov,
            "nobs": self.nobs,
            "n_dropped": self.n_dropped,
            "converged": self.converged,
            "deviance": self.deviance,
            "existence": {
                "ok": self.existence.ok,
                "problems": list(self.existence.problems),
                "n_zero": self.existence.n_zero,
            },
        }

    def to_json(self) -> str:
        """JSON text; what ``palanca gravity estimate --out`` writes and ``--coef-from`` reads."""
        return json.dumps(self.to_dict(), indent=1)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> PPMLResult:
        if "coefficients" not in d:
            raise DataFormatError(
                "estimate JSON has no 'coefficients' object; write it with `palanca gravity estimate --out`."
            )
        ex = d.get("existence", {})
        return cls(
            formula=str(d.get("formula", "")),
            coefficients={str(k): float(v) for k, v in d["coefficients"].items()},
            std_errors={str(k): float(v) for k, v in d.get("std_errors", {}).items()},
            vcov=str(d.get("vcov", "")),
            nobs=int(d.get("nobs", 0)),
            n_dropped=int(d.get("n_dropped", 0)),
            converged=bool(d.get("converged", True)),
            deviance=float(d.get("deviance", np.nan)),
            existence=ExistenceCheck(
                ok=bool(ex.get("ok", True)),
                problems=tuple(ex.get("problems", ())),
                n_zero=int(ex.get("n_zero", 0)),
            ),
        )

    @classmethod
    def from_json(cls, text: str) -> PPMLResult:
        try:
            return cls.from_dict(json.loads(text))
        except json.JSONDecodeError as exc:
            raise DataFormatError(
                f"estimate file is not JSON ({exc}); pass the output of `palanca gravity estimate --out`."
            ) from None

    def summary(self) -> str:
        """Plain-text table of coefficients and standard errors."""
        lines = [f"PPML  {self.formula}", f"nobs {self.nobs}  vcov {self.vcov}  converged {self.converged}"]
        lines += [f"{k:>20s} {v:12.7f}  ({self.std_errors.get(k, np.nan):.7f})" for k, v in self.coefficients.items()]
        lines.append("existence (Santos Silva-Tenreyro 2010): " + ("ok" if self.existence.ok else "FAILS"))
        lines += [f"  - {p}" for p in self.existence.problems]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


def _import_pyfixest():
    try:
        import pyfixest
    except ImportError as exc:  # pragma: no cover - exercised with a monkeypatched import
        raise MissingDependencyError(
            "PPML gravity estimation needs pyfixest, which is not installed; install the gravity "
            "extra: pip install 'palanca[gravity]'"
        ) from exc
    return pyfixest


def _clean(data: pd.DataFrame, depvar: str, numeric: list[str], keys: list[str]) -> pd.DataFrame:
    """Numeric, finite, non-negative flows; rows missing a used value dropped with a warning naming them.

    Lines are the file's (line 1 is the header).
    """
    data = data.copy()
    for c in [depvar, *numeric]:
        raw = data[c]
        num = pd.to_numeric(raw, errors="coerce")
        text = num.isna() & raw.notna() & (raw.astype(str).str.strip() != "")
        if text.any():
            k = int(np.flatnonzero(text.to_numpy())[0])
            raise DataFormatError(f"column {c!r}, line {k + 2}: {raw.iloc[k]!r} is not a number; fix that cell.")
        values = num.to_numpy(dtype=np.float64)
        inf = np.isinf(values)
        if inf.any():
            k = int(np.flatnonzero(inf)[0])
            raise DataFormatError(f"column {c!r}, line {k + 2}: {values[k]} is not finite; fix that cell.")
        data[c] = num
    y = data[depvar].to_numpy(dtype=np.float64)
    if (y < 0).any():
        k = int(np.flatnonzero(y < 0)[0])
        raise DataFormatError(
            f"column {depvar!r}, line {k + 2}: {y[k]:g} is negative; PPML models flows that are zero or positive."
        )
    used = [depvar, *numeric, *keys]
    gone = data[used].isna().any(axis=1).to_numpy()
    if gone.any():
        cols = [c for c in used if data[c].isna().any()]
        first = [int(k) + 2 for k in np.flatnonzero(gone)[:5]]
        warnings.warn(
            f"{int(gone.sum())} of {len(data)} rows dropped: missing values in {cols} (lines {first}"
            f"{', …' if gone.sum() > 5 else ''}).",
            PalancaWarning,
            stacklevel=3,
        )
        data = data.loc[~gone]
    if data.empty:
        raise DataFormatError(f"no rows left to estimate on: every row misses a value in {used}.")
    return data


def _vcov_arg(vcov: str) -> str | dict[str, str]:
    if vcov in ("hetero", "iid", "HC1", "HC2", "HC3"):
        return vcov
    if vcov.startswith("CRV1:") or vcov.startswith("CRV3:"):
        kind, var = vcov.split(":", 1)
        return {kind: var}
    raise DataFormatError(
        f"vcov {vcov!r} is not known; use 'hetero' (robust), 'iid', or 'CRV1:<column>' to cluster (e.g. CRV1:pair)."
    )


def estimate_ppml(
    table: pd.DataFrame,
    formula: str = DEFAULT_FORMULA,
    *,
    vcov: str = "hetero",
    check: bool = True,
    tol: float = 1e-10,
    max_iter: int = 200,
) -> PPMLResult:
    """Estimate a gravity equation by PPML with fixed effects (pyfixest ``fepois``).

    Parameters
    ----------
    table : DataFrame
        Long gravity table (see `palanca.data.read_gravity_table`).
    formula : str
        ``depvar ~ x1 + x2 | fe1 + fe2`` (pyfixest syntax; ``a^b`` interacts fixed effects).
        Without ``|``, exporter and importer fixed effects are added.
    vcov : str
        ``"hetero"`` (Eicker–Huber–White, the default), ``"iid"``, or ``"CRV1:<column>"`` for
        standard errors clustered by a column; ``"CRV1:pair"`` builds an exporter–importer pair id
        if the table has no ``pair`` column.
    check : bool
        Run the Santos Silva–Tenreyro existence check first and raise if it fails.

    Raises
    ------
    MissingDependencyError
        If pyfixest (the ``gravity`` extra) is not installed.
    DataFormatError
        If a column of the formula is missing, or the estimates do not exist.
    """
    if "|" not in formula:
        formula = f"{formula} | exporter + importer"
    _check_formula_tokens(formula, [str(c) for c in table.columns])
    depvar, regressors, fes = _parse_formula(formula)
    data = table
    vcov_arg = _vcov_arg(vcov)
    if isinstance(vcov_arg, dict) and "pair" in vcov_arg.values() and "pair" not in data.columns:
        data = data.assign(pair=data["exporter"].astype(str) + "_" + data["importer"].astype(str))
    fe_cols = {c for f in fes for c in f.split("^")}
    plain = [r for r in regressors if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", r)]
    missing = [c for c in [depvar, *plain, *sorted(fe_cols)] if c not in data.columns]
    if missing:
        raise DataFormatError(f"formula uses column(s) {missing} that the data lack; columns: {list(data.columns)}")
    cluster = list(vcov_arg.values()) if isinstance(vcov_arg, dict) else []
    absent = [c for c in cluster if c not in data.columns]
    if absent:
        raise DataFormatError(
            f"vcov {vcov!r} clusters by column {absent[0]!r}, which the data lack; columns: {list(data.columns)} "
            "(CRV1:pair builds exporter-importer pairs)."
        )
    data = _clean(data, depvar, plain, sorted(fe_cols | set(cluster)))
    n_params = len(regressors) + sum(int(data[c].nunique()) for c in fe_cols)
    if len(data) <= n_params:
        raise DataFormatError(
            f"{len(data)} usable rows for {n_params} parameters ({len(regressors)} regressors and the fixed-effect "
            "levels); PPML needs more flows than parameters. Give more rows or fewer fixed effects."
        )
    existence = ExistenceCheck(ok=True)
    if check and len(plain) == len(regressors):
        y = data[depvar].to_numpy(dtype=np.float64)
        dummies = [pd.get_dummies(data[c].astype(str), prefix=c, dtype=np.float64) for c in sorted(fe_cols)]
        design = pd.concat([data[plain].astype(np.float64), *dummies], axis=1)
        if design.shape[1] <= 3000:
            existence = check_existence(y, design.to_numpy(), tuple(design.columns))
            if not existence.ok:
                raise DataFormatError(
                    "the PPML estimates do not exist (Santos Silva and Tenreyro 2010): " + " ".join(existence.problems)
                )
    pf = _import_pyfixest()
    try:
        fit = pf.fepois(
            formula,
            data=data,
            vcov=vcov_arg,
            iwls_tol=tol,
            iwls_maxiter=max_iter,
            separation_check=["fe", "ir"],
        )
    except (ValueError, TypeError, KeyError, np.linalg.LinAlgError) as exc:
        raise DataFormatError(
            f"pyfixest could not estimate {formula!r} on these data ({type(exc).__name__}: {str(exc)[:300]})."
        ) from None
    coef, se = fit.coef(), fit.se()
    if len(data) > fit._N:
        warnings.warn(
            f"pyfixest dropped {int(len(data) - fit._N)} of {len(data)} rows (singleton or separated fixed effects); "
            "the estimate uses the rest.",
            PalancaWarning,
            stacklevel=2,
        )
    return PPMLResult(
        formula=formula,
        coefficients={k: float(v) for k, v in coef.items()},
        std_errors={k: float(v) for k, v in se.items()},
        vcov=vcov,
        nobs=int(fit._N),
        n_dropped=int(len(table) - fit._N),
        converged=bool(getattr(fit, "_convergence", True)),
        deviance=float(np.asarray(fit.deviance).ravel()[0]) if hasattr(fit, "deviance") else float("nan"),
        existence=existence,
    )
