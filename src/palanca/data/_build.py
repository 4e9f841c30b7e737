"""Build the shipped worlds from the raw public data (``../shared/data``).

`build_shipped(source, out)` reads the tariffwar ICIO file, the WIOD 2013 release (2011) and the
BACI 2023 totals, and writes ``icio2022``, ``world2023`` and ``wiod2011`` (world plus the full
WIOT) under ``out`` with a machine-readable provenance record. ``scripts/build_worlds.py`` is the
command-line entry point.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from palanca.data._baci import BaciTotals, read_baci_matrix
from palanca.data._icio2022 import DEFAULT_ELASTICITIES, WIOD_PROXY, build_icio_world
from palanca.data._nowcast import nowcast_goods, scale_domestic_to_gdp
from palanca.data._sectors import ICIO_GOODS
from palanca.data._shipped import write_world
from palanca.data._tariffs import UsSchedule, mfn_table, read_us_schedule, rebuild_tariffs
from palanca.data._tariffwar import ELASTICITY_SETS, TariffWarYear, read_tariffwar
from palanca.data._wiod2013 import WIOT, read_wiod2013
from palanca.data._wiod_world import wiod_world, write_wiot_folder
from palanca.errors import DataFormatError

__all__ = ["SOURCES", "BuildInputs", "build_shipped", "read_build_inputs"]

log = logging.getLogger(__name__)

#: Raw files (relative to ``shared/data``) with their citation and terms.
SOURCES = {
    "tariffwar": {
        "file": "tariffwar-wiod16-icio25/icio2025ext_81c_28s_2011_2022.npz",
        "origin": "GitHub ahmadlp/tariffwar mat/ICIO2022.mat, commit 98636984981426dd17be3a9e532973a2995ce601",
        "underlying": "OECD ICIO 2025 edition (CN1/CN2, MX1/MX2 merged); Teti (2024) Global Tariff Database "
        "(applied rates, 2021 reused for 2022); elasticities of the papers in ELASTICITY_SETS",
        "licence": "OECD data: reuse with attribution (CC BY 4.0 since 2024); Teti: cite; repo has no licence",
    },
    "wiod2013": {
        "file": "wiod-2013-release/wiot_2011.RData",
        "origin": "GitHub bquast/wiod data/wiot_2011.RData, commit 59a28ac22fbd7751ea84c0f33722b5246b0af46d",
        "underlying": "WIOD 2013 release, Timmer et al. (2015) RIE 23:575-605",
        "licence": "WIOD: free use with citation (CC BY 4.0 on DataverseNL)",
    },
    "baci": {
        "file": "liberation-day-2025/trade_cepii.csv + country_labels.csv + gdp.csv",
        "origin": "GitHub JoeLoera/liberation-day-replication, commit e1f26fdbebd5de80daaad03bdb8dbca1cf24e22d",
        "underlying": "CEPII BACI HS22 V202501, year 2023 (FOB, mirror-reconciled); World Bank WDI GDP 2023",
        "licence": "BACI: Etalab Open Licence 2.0 (attribution); WDI: CC BY 4.0",
    },
    "us_tariff_schedule": {
        "file": "us-tariffs-2025-budgetlab/mfn_rates_2025_us_hs8.csv + s301_product_lists.csv",
        "origin": "GitHub Budget-Lab-Yale/Tariff-ETRs ffc01053 (MFN) and tariff-rate-tracker 8315fffd (301 lists)",
        "underlying": "USITC Harmonized Tariff Schedule 2025 basic edition, column 1 general (HTS8); USTR "
        "Section 301 lists 1-4B (HTS 9903.88.01-.16)",
        "licence": "US government works (public domain); tracker code MIT; the MFN compilation has no licence file",
    },
    "concordances": {
        "file": "concordances/oecd_btdixe_hs_to_isic4_enduse.csv + un_hs2022_to_hs2017/_hs2017_to_hs2012",
        "origin": "OECD STI BTDIxE HS-ISIC4 conversion key; UNSD HS conversion tables",
        "licence": "OECD: reuse with attribution; UNSD: free reuse",
    },
    "chn_retaliation": {
        "citation": "C. P. Bown, 'US-China Trade War Tariffs: An Up-to-Date Chart', PIIE: China's average "
        "tariff on US exports 21.1% (rates in force from 14 Feb 2020)",
    },
}
_NAMES_EXTRA = {"TWN": "Taiwan", "ROW": "Rest of the world", "STP": "São Tomé and Príncipe"}


@dataclass(frozen=True)
class BuildInputs:
    """The parsed raw inputs of the build (small slices can be passed in tests)."""

    tariffwar: TariffWarYear
    wiot: WIOT
    baci: BaciTotals
    gdp_usd_m: dict[str, float]
    names: dict[str, str]
    us_schedule: UsSchedule | None = None


def read_build_inputs(source: str | Path) -> BuildInputs:
    """Read the raw files of `SOURCES` from ``source`` (the ``shared/data`` folder)."""
    source = Path(source)
    if not source.is_dir():
        raise DataFormatError(f"{source} is not a folder; pass the shared/data folder with --source.")
    tw = read_tariffwar(source / SOURCES["tariffwar"]["file"], 2022)
    wiot = read_wiod2013(source / SOURCES["wiod2013"]["file"])
    lib = source / "liberation-day-2025"
    baci = read_baci_matrix(lib / "trade_cepii.csv", lib / "country_labels.csv", year=2023)
    labels = pd.read_csv(lib / "country_labels.csv").sort_values("iso_code")
    gdp = pd.read_csv(lib / "gdp.csv")
    if len(gdp) != len(labels) or "gdp" not in gdp.columns:
        raise DataFormatError(f"gdp.csv must have a 'gdp' column with {len(labels)} rows (one per country).")
    gdp_m = dict(zip(labels["iso3"], gdp["gdp"].to_numpy() / 1e6, strict=True))
    names = dict(zip(labels["iso3"], labels["CountryName"], strict=True)) | _NAMES_EXTRA
    us = read_us_schedule(source / "us-tariffs-2025-budgetlab", source / "concordances", tw.sectors)
    return BuildInputs(tariffwar=tw, wiot=wiot, baci=baci, gdp_usd_m=gdp_m, names=names, us_schedule=us)


#: Trade elasticity of the services aggregate in every set (the tariffwar convention for services).
SERVICES_THETA = 4.0


def _services_theta(tw: TariffWarYear) -> tuple[TariffWarYear, dict]:
    """Every set's services-aggregate elasticity at `SERVICES_THETA`.

    No tariff-based estimate covers services (tariffs apply to goods only). The tariffwar concordance
    gives FGO's services aggregate 8.35, FGO's Table 8 row for ISIC 90-93 ("other community, social
    and personal services"), which is estimated on the HS goods classified there, not on services;
    with it the default world's services trade was twice as elastic as in every other set, and Mexico's
    loss under a 25% US tariff 0.5 pp smaller (-1.33% against -1.83%).
    """
    services = [j for j, s in enumerate(tw.sectors) if s not in ICIO_GOODS]
    eps = np.array(tw.epsilon, dtype=np.float64, copy=True)
    replaced = {
        code: round(float(eps[k, j]), 4)
        for k, code in enumerate(tw.elasticity_codes)
        for j in services
        if eps[k, j] != SERVICES_THETA
    }
    eps[:, services] = SERVICES_THETA
    record = {"theta": SERVICES_THETA, "sectors": [tw.sectors[j] for j in services], "replaced": replaced}
    return TariffWarYear(**{**tw.__dict__, "epsilon": eps}), record


def _gdp_for(countries: tuple[str, ...], gdp: dict[str, float]) -> np.ndarray:
    out = np.array([gdp.get(c, np.nan) for c in countries])
    if "ROW" in countries:
        out[countries.index("ROW")] = sum(v for c, v in gdp.items() if c not in countries)
    return out


def build_shipped(
    inputs: BuildInputs, out: str | Path, *, worlds: tuple[str, ...] = ("icio2022", "world2023", "wiod2011")
) -> dict[str, dict[str, int]]:
    """Build and write the shipped worlds; returns file sizes (bytes) by world."""
    out = Path(out)
    tw = inputs.tariffwar
    block: dict = {}
    if inputs.us_schedule is not None:
        goods_mask = np.array([s in ICIO_GOODS for s in tw.sectors])
        tariff, mfn, record = rebuild_tariffs(tw.tariff, tw.trade_usd_m, tw.countries, goods_mask, inputs.us_schedule)
        tw = TariffWarYear(**{**tw.__dict__, "tariff": tariff})
        block = {"tariff_block": record, "mfn_rates": mfn_table(mfn, tw.countries, tw.sectors)}
    # tariffs are shipped as float32: round them first so the shipped world is the built world
    tw = TariffWarYear(**{**tw.__dict__, "tariff": tw.tariff.astype(np.float32).astype(np.float64)})
    tw, services_record = _services_theta(tw)
    block["services_theta"] = services_record
    sets = {k: tw.elasticities(k) for k in tw.elasticity_codes}
    sizes: dict[str, dict[str, int]] = {}
    icio = build_icio_world(tw, inputs.wiot, elasticities=DEFAULT_ELASTICITIES)
    names = np.array([inputs.names.get(c, c) for c in icio.countries])
    gdp = _gdp_for(icio.countries, inputs.gdp_usd_m)
    common = {
        "sources": SOURCES,
        "elasticity_set_citations": ELASTICITY_SETS,
        "wiod_proxy_table": WIOD_PROXY,
        "goods_sectors": list(ICIO_GOODS),
        "units": "USD millions, current prices; tariffs as fractions; flows at basic (producer) prices",
        **block,
    }
    icio_steps = [
        "tariffwar ICIO 2022 flows [exporter, importer, sector] -> [destination, origin, sector]",
        "Teti tariffs [exporter, importer] -> [destination, origin]; services tariffs set to 0; applied-tariff "
        "block rebuilt (palanca.data._tariffs: US MFN from the HTS8 schedule scaled by Teti's preference ratios, "
        "Section 301 on China (line-mean layer scaled so that the US tariff on China is the 11% collected), "
        "China's retaliation calibrated to PIIE's 21.1%, other rates above 0.35 capped; "
        "MFN table in mfn_rates); rounded to float32",
        "WIOD 2011 industries -> 16 groups -> 28 ICIO sectors: value-added shares and input shares by group; "
        "input shares split within a group by the economy's 2022 absorption; absent economies use wiod_proxy",
        "capped RAS of intermediate use so that it never exceeds absorption (balance_io)",
        "deficit = imports - exports (all sectors, producer prices)",
        "final-demand shares from goods-market clearing (re-derived on load)",
    ]
    if "icio2022" in worlds:
        sizes["icio2022"] = write_world(
            icio, out / "icio2022", elasticity_sets=sets, default_elasticities=DEFAULT_ELASTICITIES,
            country_columns={"name": names, "gdp_2023_wdi_usd_m": gdp}, goods=ICIO_GOODS,
            provenance={**common, "transformations": icio_steps},
        )  # fmt: skip
    if "world2023" in worlds:
        w23 = nowcast_goods(icio, inputs.baci, ICIO_GOODS, name="world2023", year=2023)
        w23 = scale_domestic_to_gdp(w23, gdp)
        sizes["world2023"] = write_world(
            w23, out / "world2023", elasticity_sets=sets, default_elasticities=DEFAULT_ELASTICITIES,
            country_columns={"name": names, "gdp_2023_wdi_usd_m": gdp}, goods=ICIO_GOODS,
            provenance={**common, "transformations": [*icio_steps,
                "nowcast: BACI 2023 exporter x importer goods totals (thousands USD -> USD m) "
                "mapped to the 81 economies (others summed into ROW, ROW-ROW dropped); per origin, "
                "RAS of [destination x goods sector] to BACI pair totals (exact) and the origin's "
                "2022 sector composition scaled to its BACI total; TWN and STP (absent from BACI) "
                "keep 2022 flows",
                "services trade kept at 2022 values (no 2023 services data in the sources); WDI GDP 2023 carried "
                "as gdp_2023_wdi_usd_m",
                "scale: each economy's domestic sales (all sectors, one factor) scaled so that value added equals "
                "WDI 2023 GDP (scale_domestic_to_gdp; factors in provenance scale_to_gdp)",
                "input shares re-balanced (balance_io); deficits and final-demand shares re-derived"]},
        )  # fmt: skip
    if "wiod2011" in worlds:
        # WIOD industries c1-c16 are agriculture, mining and manufacturing; c17-c35 utilities, construction, services.
        WIOD_GOODS = tuple(f"c{k}" for k in range(1, 17))
        ww, wsets = wiod_world(inputs.wiot, sets, tuple(icio.sectors), DEFAULT_ELASTICITIES)
        folder = out / "wiod2011"
        sizes["wiod2011"] = write_world(
            ww, folder, elasticity_sets=wsets, default_elasticities=DEFAULT_ELASTICITIES,
            country_columns={"name": np.array([inputs.names.get(c, c) for c in ww.countries])},
            goods=WIOD_GOODS,
            provenance={"sources": {"wiod2013": SOURCES["wiod2013"]}, "goods_sectors": list(WIOD_GOODS),
                "elasticity_sets": {k: v.tolist() for k, v in wsets.items()}, "transformations": [
                "X[n, i, j] = intermediate use by n's industries + final use by n (5 categories summed)",
                "negative final use (inventory draw-downs) set to 0",
                "value-added share = 1 - inputs / output from flows (clipped at 0.01); "
                "input shares = inputs / total",
                "tariffs zero; elasticities: tariffwar set of the WIOD group's first ICIO sector",
                "deficits from flows; final-demand shares from goods-market clearing"]},
        )  # fmt: skip
        sizes["wiod2011"].update(write_wiot_folder(inputs.wiot, folder))
    for name, files in sizes.items():
        log.info("%s: %.2f MB", name, sum(files.values()) / 1e6)
    return sizes
