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

from palanca.model import World, calc_va_content_of

__all__ = ["ExportContent", "decompose_exports"]


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
    importer: str
    gross_exports_usd_m: float
    by_source_usd_m: dict[str, float]
    tariff_content_usd_m: float
    by_sector_usd_m: dict[str, dict[str, float]]

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


def decompose_exports(
    world: World,
    exporter: str,
    importer: str,
    *,
    goods_only: bool = True,
    content: tuple[np.ndarray, np.ndarray] | None = None,
) -> ExportContent:
    """Split ``exporter``'s gross exports to ``importer`` by the country of value added.

    Parameters
    ----------
    world : World
    exporter, importer : str
        ISO3 codes.
    goods_only : bool
        Restrict to the world's tradable goods sectors (default) or include all sectors.
    content : tuple of ndarray, optional
        Precomputed ``calc_va_content`` output for ``world`` (otherwise only the exporter's columns are solved for).
    """
    s, r = world.country_index(exporter), world.country_index(importer)
    if content is not None:
        va_s, tariff_s = content[0][:, s, :], content[1][s]
    else:
        va_s, tariff_s = calc_va_content_of(world.trade_share, world.tariff, world.va_share, world.io, s)
    E = np.array(world.trade_usd_m[r, s, :])  # sales of s to r by sector
    if goods_only:
        E = np.where(world.tradable, E, 0.0)
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
    )
