r"""Value-added origin of gross exports (the "China backdoor" figure).

We implement the source-based bilateral decomposition of Borin and Mancini (2019, section 3,
eq. 12 aggregated over the domestic and foreign terms): gross exports of country s to r in sector j,
:math:`E_{sr}^j`, split by the country in which the value was added,

.. math:: E_{sr} = \underbrace{V_s B_{ss} E_{sr}}_{\text{domestic content (DVA + DDC)}}
          + \sum_{c \ne s} \underbrace{V_c B_{cs} E_{sr}}_{\text{foreign content from } c
          \text{ (FVA + FDC)}} + \underbrace{T B_{\cdot s} E_{sr}}_{\text{tariffs on inputs}},

with :math:`B` the global Leontief inverse of the world's multi-regional IO table (see
`palanca.model.calc_va_content`). The terms sum exactly to gross exports. The foreign-content
terms by source are the vertical-specialisation measure of Hummels, Ishii and Yi (2001) generalised
to many countries, the "VS" of Koopman, Wang and Wei (2014, eq. 36).

References
----------
A. Borin and M. Mancini, "Measuring What Matters in Global Value Chains and Value-Added Trade",
World Bank Policy Research WP 8804, 2019.
R. Koopman, Z. Wang and S.-J. Wei, "Tracing Value-Added and Double Counting in Gross Exports",
American Economic Review 104(2): 459–494, 2014.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from palanca.data import goods_mask
from palanca.errors import ScenarioError
from palanca.model import World, calc_va_content_of

__all__ = ["SCOPES", "TIVA_CHN_SHARE_MEX_MANUFACTURING", "ExportContent", "decompose_exports"]

#: The sector scopes of `decompose_exports` and the label each is printed with.
SCOPES = {"goods": "goods", "all": "goods and services", "manufacturing": "manufacturing"}

#: OECD TiVA: China's share of the value added in Mexico's manufacturing exports (all destinations),
#: 9.5% in 2020 (8.1% in 2017), as reported from the OECD TiVA database by Opportimes, "China's value
#: added in Mexican manufacturing exports".
TIVA_CHN_SHARE_MEX_MANUFACTURING = {"share": 0.095, "year": 2020, "source": "OECD TiVA (2020)"}


def _scope_mask(world: World, scope: str) -> np.ndarray:
    if scope == "goods":
        return goods_mask(world)
    if scope == "all":
        return np.ones(world.n_sectors, dtype=bool)
    if scope == "manufacturing":
        groups = world.provenance.get("sector_groups") or {}
        manuf = set(groups.get("manufacturing") or [s for s in world.sectors if s.startswith("C")])
        return np.array([s in manuf for s in world.sectors]) & goods_mask(world)
    raise ScenarioError(f"scope = {scope!r}: use one of {', '.join(SCOPES)}.")


@dataclass(frozen=True)
class ExportContent:
    """Value-added origin of ``exporter``'s gross exports to ``importer``.

    Attributes
    ----------
    gross_exports_usd_m : float
    by_source_usd_m : dict[str, float]
        Value added by country of origin (the exporter's own entry is its domestic content).
    tariff_content_usd_m : float
        Tariffs paid on imported inputs along the chain.
    by_sector_usd_m : dict[str, dict[str, float]]
        For each sector: gross exports and the content of each of the top sources.
    """

    exporter: str
    importer: str | None
    gross_exports_usd_m: float
    by_source_usd_m: dict[str, float]
    tariff_content_usd_m: float
    by_sector_usd_m: dict[str, dict[str, float]]
    scope: str = "goods"

    @property
    def label(self) -> str:
        """What the gross exports are, e.g. "MEX's goods exports to USA"."""
        to = "the world" if self.importer is None else self.importer
        return f"{self.exporter}'s {SCOPES.get(self.scope, self.scope)} exports to {to}"

    @property
    def domestic_usd_m(self) -> float:
        return self.by_source_usd_m[self.exporter]

    @property
    def foreign_usd_m(self) -> float:
        return sum(v for k, v in self.by_source_usd_m.items() if k != self.exporter)

    def share(self, source: str) -> float:
        """Share of gross exports that is value added in ``source``."""
        return self.by_source_usd_m.get(source, 0.0) / self.gross_exports_usd_m

    def top_foreign(self, k: int = 5) -> list[tuple[str, float]]:
        items = [(c, v) for c, v in self.by_source_usd_m.items() if c != self.exporter]
        return sorted(items, key=lambda cv: -cv[1])[:k]

    def to_dict(self) -> dict[str, object]:
        """JSON-ready record (shares of gross exports; USD bn)."""
        return {
            "label": self.label,
            "scope": self.scope,
            "exporter": self.exporter,
            "importer": self.importer,
            "gross_exports_usd_bn": self.gross_exports_usd_m / 1e3,
            "domestic_share": self.share(self.exporter),
            "foreign_share": self.foreign_usd_m / self.gross_exports_usd_m,
            "top_foreign_usd_bn": {c: v / 1e3 for c, v in self.top_foreign(6)},
            "method": "Borin-Mancini (2019) source-based: V B E by country of value added",
        }


def decompose_exports(
    world: World,
    exporter: str,
    importer: str | None,
    *,
    scope: str = "goods",
    content: tuple[np.ndarray, np.ndarray] | None = None,
    exporter_content: tuple[np.ndarray, np.ndarray] | None = None,
) -> ExportContent:
    """Split ``exporter``'s gross exports to ``importer`` by the country of value added.

    Parameters
    ----------
    world : World
    exporter : str
    importer : str or None
        ISO3 codes; ``None``: exports to every other economy.
    scope : {"goods", "all", "manufacturing"}
        The sectors: the world's goods sectors (default; services excluded), every sector, or
        manufacturing goods (ISIC C) only.
    content : tuple of ndarray, optional
        Precomputed ``calc_va_content`` output for ``world`` (otherwise only the exporter's columns are solved for).
    exporter_content : tuple of ndarray, optional
        Precomputed ``calc_va_content_of(..., exporter)`` output (to decompose several scopes at the cost of one).
    """
    s = world.country_index(exporter)
    if exporter_content is not None:
        va_s, tariff_s = exporter_content
    elif content is not None:
        va_s, tariff_s = content[0][:, s, :], content[1][s]
    else:
        va_s, tariff_s = calc_va_content_of(world.trade_share, world.tariff, world.va_share, world.io, s)
    if importer is None:
        E = world.trade_usd_m[:, s, :].sum(axis=0) - world.trade_usd_m[s, s, :]  # exports to everyone else
    else:
        E = np.array(world.trade_usd_m[world.country_index(importer), s, :])  # sales of s to r by sector
    E = np.where(_scope_mask(world, scope), E, 0.0)
    by_source = va_s @ E  # (N,)
    by_sector: dict[str, dict[str, float]] = {}
    order = np.argsort(-by_source)
    for j in np.flatnonzero(E > 0):
        row = {"gross_exports": float(E[j])}
        for c in order[:6]:
            row[world.countries[c]] = float(va_s[c, j] * E[j])
        by_sector[world.sectors[j]] = row
    return ExportContent(
        exporter=exporter,
        importer=importer,
        gross_exports_usd_m=float(E.sum()),
        by_source_usd_m={c: float(v) for c, v in zip(world.countries, by_source, strict=True)},
        tariff_content_usd_m=float(tariff_s @ E),
        by_sector_usd_m=by_sector,
        scope=scope,
    )
