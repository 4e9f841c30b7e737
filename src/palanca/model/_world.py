"""The `World`: a baseline economy as a frozen value of labelled arrays.

Conventions (DESIGN.md): trade arrays are indexed ``[destination n, origin i, sector j]``; money is
in USD millions; tariffs are fractions; IO coefficients ``io[n, k, j]`` are the share of input sector
``k`` in sector ``j``'s intermediate costs in country ``n``.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from palanca.errors import UnknownCountryError, UnknownSectorError, WorldValidationError

__all__ = ["World"]

_SHARE_TOL = 1e-5


def _readonly(a: Any, dtype: type = np.float64) -> np.ndarray:
    arr = np.array(a, dtype=dtype, copy=True)
    arr.setflags(write=False)
    return arr


def _did_you_mean(code: str, known: tuple[str, ...]) -> str:
    """``"did you mean 'X'? "`` for the closest known code, or ``""``."""
    close = difflib.get_close_matches(code, list(known), n=1, cutoff=0.5)
    return f"did you mean {close[0]!r}? " if close else ""


@dataclass(frozen=True, eq=False)
class World:
    """A baseline economy: N countries, J sectors, bilateral trade with domestic sales.

    Parameters
    ----------
    name : str
        Identifier, e.g. ``"cp1993"`` or ``"world2023"``.
    year : int
        Base year of the flows.
    countries : tuple of str, length N
        ISO 3166 alpha-3 codes (``"ROW"`` for a rest-of-world aggregate).
    sectors : tuple of str, length J
        Short sector codes.
    sector_labels : tuple of str, length J
        Human-readable sector names.
    trade_usd_m : ndarray(float, ndim=3), shape N x N x J
        ``X[n, i, j]``: value of sector-``j`` goods that destination ``n`` buys from origin ``i``, at
        producer prices (before tariffs), USD millions. The diagonal ``X[n, n, j]`` is domestic sales.
    tariff : ndarray(float, ndim=3), shape N x N x J
        ``tau[n, i, j]``: ad-valorem tariff of ``n`` on ``i``'s sector-``j`` goods, as a fraction.
    theta : ndarray(float, ndim=1), length J
        Trade elasticity (Fréchet dispersion) of each sector, positive.
    va_share : ndarray(float, ndim=2), shape N x J
        ``beta[n, j]``: value-added share of gross output, in (0, 1].
    io : ndarray(float, ndim=3), shape N x J x J
        ``io[n, k, j]``: share of input sector ``k`` in sector ``j``'s intermediate costs; each
        column ``io[n, :, j]`` sums to one (or is all zero where ``beta[n, j] == 1``).
    final_share : ndarray(float, ndim=2), shape N x J
        ``alpha[n, j]``: Cobb–Douglas share of sector ``j`` in final demand; rows sum to one.
    deficit_usd_m : ndarray(float, ndim=1), length N
        ``D[n]``: trade deficit (imports minus exports at producer prices); sums to zero.
    provenance : Mapping[str, Any]
        Sources and transformations that produced the arrays.

    Raises
    ------
    WorldValidationError
        If shapes disagree, flows are negative, shares do not sum to one or tariffs are ≤ −1.
    """

    name: str
    year: int
    countries: tuple[str, ...]
    sectors: tuple[str, ...]
    sector_labels: tuple[str, ...]
    trade_usd_m: np.ndarray
    tariff: np.ndarray
    theta: np.ndarray
    va_share: np.ndarray
    io: np.ndarray
    final_share: np.ndarray
    deficit_usd_m: np.ndarray
    provenance: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "countries", tuple(str(c) for c in self.countries))
        set_(self, "sectors", tuple(str(s) for s in self.sectors))
        set_(self, "sector_labels", tuple(str(s) for s in self.sector_labels))
        for name in ("trade_usd_m", "tariff", "theta", "va_share", "io", "final_share", "deficit_usd_m"):
            set_(self, name, _readonly(getattr(self, name)))
        set_(self, "provenance", MappingProxyType(dict(self.provenance)))
        self._check()

    # A world travels to worker processes by plain pickle: the read-only provenance mapping goes as a dict
    # and the arrays come back read-only, without validating again what was valid when it was sent.
    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "provenance": dict(self.provenance)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            if isinstance(value, np.ndarray):
                value.setflags(write=False)
            object.__setattr__(self, name, value)
        object.__setattr__(self, "provenance", MappingProxyType(dict(state["provenance"])))

    # ------------------------------------------------------------------ validation
    def _check(self) -> None:
        n, j = len(self.countries), len(self.sectors)
        if len(set(self.countries)) != n:
            dup = sorted({c for c in self.countries if self.countries.count(c) > 1})
            raise WorldValidationError(f"countries must be unique; got duplicates {dup}. Give each economy one code.")
        if len(set(self.sectors)) != j:
            dup = sorted({s for s in self.sectors if self.sectors.count(s) > 1})
            raise WorldValidationError(f"sectors must be unique; got duplicates {dup}. Give each sector one code.")
        if len(self.sector_labels) != j:
            raise WorldValidationError(
                f"sector_labels has {len(self.sector_labels)} entries but sectors has {j}; give one label per sector."
            )
        expected = {
            "trade_usd_m": (n, n, j),
            "tariff": (n, n, j),
            "theta": (j,),
            "va_share": (n, j),
            "io": (n, j, j),
            "final_share": (n, j),
            "deficit_usd_m": (n,),
        }
        for name, shape in expected.items():
            got = getattr(self, name).shape
            if got != shape:
                raise WorldValidationError(
                    f"{name} has shape {got} but the world has N={n} countries and J={j} sectors, "
                    f"so it must be {shape} (layout [destination, origin, sector])."
                )
            arr = getattr(self, name)
            if not np.all(np.isfinite(arr)):
                bad = np.argwhere(~np.isfinite(arr))[0]
                raise WorldValidationError(
                    f"{name}{tuple(int(b) for b in bad)} is {arr[tuple(bad)]}; every entry must be "
                    "finite. Fill missing data before building the World."
                )
        self._check_nonneg("trade_usd_m", self.trade_usd_m)
        if np.any(self.tariff <= -1.0):
            idx = tuple(np.argwhere(self.tariff <= -1.0)[0])
            raise WorldValidationError(
                f"tariff{self._label(idx)} = {self.tariff[idx]:.4g} is ≤ −1 (−100%); tariffs are "
                "ad-valorem fractions (0.25 for 25%) and must exceed −1."
            )
        if np.any(self.theta <= 0):
            k = int(np.argmax(self.theta <= 0))
            raise WorldValidationError(
                f"theta[{self.sectors[k]}] = {self.theta[k]:.4g}; trade elasticities must be positive (e.g. 4 to 8)."
            )
        if np.any((self.va_share <= 0) | (self.va_share > 1)):
            idx = tuple(np.argwhere((self.va_share <= 0) | (self.va_share > 1))[0])
            raise WorldValidationError(
                f"va_share[{self.countries[idx[0]]}, {self.sectors[idx[1]]}] = "
                f"{self.va_share[idx]:.4g}; value-added shares must lie in (0, 1]."
            )
        self._check_nonneg("io", self.io)
        col = self.io.sum(axis=1)  # (N, J)
        needs_inputs = self.va_share < 1.0 - 1e-12
        bad = needs_inputs & (np.abs(col - 1.0) > _SHARE_TOL)
        if np.any(bad):
            c, s = np.argwhere(bad)[0]
            raise WorldValidationError(
                f"io[{self.countries[c]}, :, {self.sectors[s]}] sums to {col[c, s]:.6f}; the input "
                "shares of a sector's intermediate costs must sum to 1. Normalise each column."
            )
        self._check_nonneg("final_share", self.final_share)
        rows = self.final_share.sum(axis=1)
        if np.any(np.abs(rows - 1.0) > _SHARE_TOL):
            c = int(np.argmax(np.abs(rows - 1.0)))
            raise WorldValidationError(
                f"final_share[{self.countries[c]}, :] sums to {rows[c]:.6f}; final-demand shares "
                "must sum to 1 across sectors. Normalise the row."
            )
        scale = max(float(self.trade_usd_m.sum()), 1.0)
        if abs(float(self.deficit_usd_m.sum())) > 1e-6 * scale:
            raise WorldValidationError(
                f"deficit_usd_m sums to {self.deficit_usd_m.sum():.6g}; trade deficits must sum "
                "to zero across countries. Derive them from the trade flows."
            )
        if np.any(self.gross_output_usd_m.sum(axis=1) <= 0):
            c = int(np.argmax(self.gross_output_usd_m.sum(axis=1) <= 0))
            raise WorldValidationError(f"{self.countries[c]} has no gross output; every economy must sell something.")

    def _check_nonneg(self, name: str, arr: np.ndarray) -> None:
        if np.any(arr < 0):
            idx = tuple(np.argwhere(arr < 0)[0])
            raise WorldValidationError(
                f"{name}{self._label(idx)} = {arr[idx]:.6g} is negative; flows and shares must be "
                "nonnegative. Check the source's sign convention or drop the entry."
            )

    def _label(self, idx: tuple[int, ...]) -> str:
        if len(idx) == 3 and idx[0] < len(self.countries):
            n, i, j = (int(v) for v in idx)
            if i < len(self.countries):
                return f"[{self.countries[n]}, {self.countries[i]}, {self.sectors[j]}]"
            return f"[{self.countries[n]}, {self.sectors[i]}, {self.sectors[j]}]"
        return str(tuple(int(v) for v in idx))

    # ------------------------------------------------------------------ sizes and labels
    @property
    def n_countries(self) -> int:
        return len(self.countries)

    @property
    def n_sectors(self) -> int:
        return len(self.sectors)

    def country_index(self, code: str) -> int:
        """Position of an ISO3 code; raises `UnknownCountryError` naming the known codes."""
        try:
            return self.countries.index(code.upper())
        except ValueError:
            raise UnknownCountryError(
                f"country {code!r} is not in world {self.name!r}; {_did_you_mean(code.upper(), self.countries)}"
                f"known ISO3 codes: {', '.join(self.countries)}"
            ) from None

    def sector_index(self, code: str) -> int:
        """Position of a sector code; raises `UnknownSectorError` naming the known codes."""
        if code in self.sectors:
            return self.sectors.index(code)
        lowered = [s.lower() for s in self.sectors]
        if code.lower() in lowered:
            return lowered.index(code.lower())
        raise UnknownSectorError(
            f"sector {code!r} is not in world {self.name!r}; {_did_you_mean(code.upper(), self.sectors)}"
            f"known sector codes: {', '.join(self.sectors)}"
        )

    # ------------------------------------------------------------------ derived accounts
    @property
    def gross_output_usd_m(self) -> np.ndarray:
        """Gross output ``Y[i, j] = sum_n X[n, i, j]`` (origin by sector), USD millions."""
        return self.trade_usd_m.sum(axis=0)

    @property
    def value_added_usd_m(self) -> np.ndarray:
        """Value added (GDP at factor cost, labour income) by country, USD millions."""
        return (self.va_share * self.gross_output_usd_m).sum(axis=1)

    @property
    def absorption_usd_m(self) -> np.ndarray:
        """Expenditure ``X[n, j] = sum_i X[n, i, j] (1 + tau[n, i, j])`` incl. tariffs, N x J."""
        return (self.trade_usd_m * (1.0 + self.tariff)).sum(axis=1)

    @property
    def tariff_revenue_usd_m(self) -> np.ndarray:
        """Tariff revenue by country, USD millions."""
        return (self.trade_usd_m * self.tariff).sum(axis=(1, 2))

    @property
    def income_usd_m(self) -> np.ndarray:
        """Final-demand income ``I = VA + R + D`` by country, USD millions."""
        return self.value_added_usd_m + self.tariff_revenue_usd_m + self.deficit_usd_m

    @property
    def trade_share(self) -> np.ndarray:
        """Expenditure shares ``pi[n, i, j]`` (tariff-inclusive), N x N x J; zero where no spending."""
        spend = self.trade_usd_m * (1.0 + self.tariff)
        tot = spend.sum(axis=1, keepdims=True)
        return np.divide(spend, tot, out=np.zeros_like(spend), where=tot > 0)

    @property
    def tradable(self) -> np.ndarray:
        """Boolean mask of sectors with any international trade, length J."""
        off = self.trade_usd_m.sum(axis=(0, 1)) - np.einsum("nnj->j", self.trade_usd_m)
        return off > 0

    @property
    def digest(self) -> str:
        """SHA-256 over names and arrays: a stable identity for provenance records."""
        h = hashlib.sha256()
        h.update(repr((self.name, self.year, self.countries, self.sectors)).encode())
        for name in ("trade_usd_m", "tariff", "theta", "va_share", "io", "final_share", "deficit_usd_m"):
            h.update(np.ascontiguousarray(getattr(self, name)).tobytes())
        return h.hexdigest()

    def expenditure_residual_usd_m(self) -> np.ndarray:
        """Residual of the goods-market identity, N x J (zero in an exact model equilibrium).

        ``X[n, j] - sum_k io[n, j, k] (1 - beta[n, k]) Y[n, k] - alpha[n, j] I[n]``
        (Caliendo and Parro 2015, eq. 7).
        """
        y = self.gross_output_usd_m
        inter = np.einsum("njk,nk->nj", self.io, (1.0 - self.va_share) * y)
        return self.absorption_usd_m - inter - self.final_share * self.income_usd_m[:, None]

    def __repr__(self) -> str:
        return (
            f"World(name={self.name!r}, year={self.year}, N={self.n_countries}, "
            f"J={self.n_sectors}, gdp_usd_bn={self.value_added_usd_m.sum() / 1e3:,.0f})"
        )
