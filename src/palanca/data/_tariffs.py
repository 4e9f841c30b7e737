"""The applied-tariff block of the shipped worlds: US MFN and Section 301 rates from the US tariff
schedule, China's retaliatory tariffs on the US, a screen of every economy's sector rates, and
the MFN rate of every importer by sector.

Steps (each recorded in the provenance under ``tariff_block``):

1. **US MFN by sector.** Each HTS8 line of the 2025 US schedule (column 1 general rate; specific and
   compound rates enter at 0 ad-valorem equivalent, so food and drink are understated) is mapped
   HS2022 -> HS2017 -> HS2012 (UN conversion tables) -> OECD BTDIxE ISIC rev.4 industry -> ICIO
   sector (`BTDIXE_TO_ICIO`; `HS2022_SECTOR_OVERRIDES` where the UN link lands in another industry than the
   goods). The sector rate is the simple mean of its lines: the sources hold no
   US imports by tariff line, so no trade weights within a sector.
2. **US applied rates by partner.** The Teti (2024) rates keep the structure of US preferences
   (USMCA, other FTAs, GSP): the rate on partner ``i`` is the HTS MFN rate times Teti's ratio of
   that partner's rate to Teti's non-preferential (highest) US rate in the sector, capped at 1.
   Only partners with a US preference in force in 2023 keep a ratio below 1 (`US_PREFERENCES_2023`:
   the free-trade agreements, AGOA, the US-Japan Trade Agreement). The GSP lapsed on 31 Dec 2020 and
   was not renewed (CBP, CSMS notice of 21 Dec 2020: GSP-eligible goods pay the column 1 general rate
   from 1 Jan 2021), but Teti's rates for 2021 still carry it (India, Thailand, Indonesia, Brazil,
   Turkey, the Philippines, Cambodia at 0.3-0.5 of the MFN rate): those partners pay the MFN rate.
3. **Section 301 on China** (in force throughout 2023): HTS8 lines on list 1, 2 or 3 (HTS
   headings 9903.88.01–.04) pay 25%, list 4A (9903.88.15) 7.5%, list 4B (9903.88.16) was
   suspended; the 2024 increases (9903.91) came after 2023. The sector layer is the simple mean
   over the sector's HTS8 lines (lines off the lists add 0). Rates: USTR notices as encoded in the
   Budget Lab tariff tracker's ``policy_params.yaml`` (``section_301_rates``).
   **Weighting.** A simple mean over lines counts list 4B (phones, laptops, toys: high import value,
   never collected) and excluded lines as if they were small, so it gives about 20% trade-weighted on
   China and $90bn of duties on Chinese goods, against collected duties of about 11% of the value of
   imports from China (Trade Partnership Worldwide from Census data, as reported by the Wall Street
   Journal, Dec 2024) and FY2023 customs duties of $80bn on all US imports (US Treasury). The sources
   hold no US imports by tariff line, so within-sector weights cannot be built; the line-mean layer
   keeps the pattern across sectors and is scaled by one factor so that the US tariff on China (MFN
   plus Section 301, weighted by the build's US imports from China) equals `US_ON_CHN_COLLECTED`.
   Bown's (PIIE) 19.3% is the statutory average on 2017 import weights, a different quantity.
4. **China's retaliation on the US** (State Council Tariff Commission, 2018–19 lists; halved in
   part on 14 Feb 2020): no product lists are in the sources, so a uniform additional rate on US
   goods is set so that China's trade-weighted tariff on US goods equals 21.1%, the average that
   Bown (PIIE, "US-China Trade War Tariffs: An Up-to-Date Chart", rates in force from Feb 2020)
   reports. A calibrated layer, not a statutory one.
5. **Screen.** Any other importer's sector rate above `SCREEN_CAP` is an aggregation artefact of
   the source (specific duties on alcohol and tobacco converted to very high ad-valorem
   equivalents and averaged into the 16 WIOD groups: 91% on US food, 99.9% on Saudi food); it is
   capped at `SCREEN_CAP` (judgement, plausible range 0.15–0.35), and every capped cell is listed.
6. **MFN by importer** (`mfn_table`): the US row is step 1; every other importer's MFN rate is the
   highest screened rate it applies to any partner in the sector (Teti's rates hold no trade
   remedies, so the highest applied rate is the non-preferential one).

This module is functional: arrays in, arrays out; `read_us_schedule` reads the raw files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from palanca.errors import DataFormatError

__all__ = [
    "BTDIXE_TO_ICIO",
    "CHN_RETALIATION_TARGET",
    "HS2022_SECTOR_OVERRIDES",
    "S301_RATES_2023",
    "SCREEN_CAP",
    "US_ON_CHN_COLLECTED",
    "US_PREFERENCES_2023",
    "UsSchedule",
    "hs6_to_icio",
    "mfn_table",
    "read_us_schedule",
    "rebuild_tariffs",
]

#: Rates above this are treated as artefacts outside the US (judgement; range 0.15–0.35).
SCREEN_CAP = 0.35
#: China's average tariff on US goods, rates in force from 14 Feb 2020 (Bown, PIIE chart).
CHN_RETALIATION_TARGET = 0.211
#: Duties collected on US imports from China over their value, 2024 through September: "roughly 11%"
#: (Trade Partnership Worldwide's analysis of Census data; Wall Street Journal, "Breaking Down Trump's
#: Tariffs on China and the World, in Charts", Dec 2024). Before 2018: 2.7% ($13.5bn on 2017 imports,
#: Pew Research Center from USITC data).
US_ON_CHN_COLLECTED = 0.11
#: Partners with a US tariff preference in force in 2023: free-trade agreements (USMCA, Australia,
#: Chile, Colombia, Costa Rica (CAFTA-DR), Israel, Jordan, Korea, Morocco, Peru, Singapore), AGOA
#: beneficiaries (Angola, Côte d'Ivoire, DR Congo, Nigeria, Senegal, São Tomé, South Africa) and the
#: US-Japan Trade Agreement (2020). Every other partner pays the MFN rate (the GSP lapsed in 2021).
US_PREFERENCES_2023 = frozenset(
    {"CAN", "MEX", "AUS", "CHL", "COL", "CRI", "ISR", "JOR", "KOR", "MAR", "PER", "SGP"}
    | {"AGO", "CIV", "COD", "NGA", "SEN", "STP", "ZAF"}
    | {"JPN"}
)
#: Section 301 rates in force in 2023 by HTS chapter-99 heading (USTR; tracker ``section_301_rates``).
S301_RATES_2023: dict[str, float] = {
    "9903.88.01": 0.25,  # list 1
    "9903.88.02": 0.25,  # list 2
    "9903.88.03": 0.25,  # list 3
    "9903.88.04": 0.25,  # list 3 additions
    "9903.88.15": 0.075,  # list 4A (15% from 1 Sep 2019, 7.5% from 14 Feb 2020)
    "9903.88.16": 0.0,  # list 4B (suspended, never in force)
}

#: OECD BTDIxE ISIC rev.4 industry (prefix before " used") -> ICIO 2025 sector. Publishing (D58, D581) and
#: audiovisual (D59) are service industries in the ICIO; their goods (printed books and newspapers, blank and
#: recorded media, exposed film, printed music) go to printing (C17_18) and other manufacturing (C31T33), a
#: judgement. The key's wastes, materials recovery (D38), electricity (D35) and "Others" have no goods sector.
BTDIXE_TO_ICIO: dict[str, str] = {
    "D01": "A01", "D01T02": "A01", "D02": "A02", "D03": "A03",
    "D05": "B05", "D06": "B06", "D07": "B07", "D071": "B07", "D072": "B07", "D08": "B08",
    "D10": "C10T12", "D11": "C10T12", "D12": "C10T12",
    "D13": "C13T15", "D14": "C13T15", "D15": "C13T15", "D13T15": "C13T15",
    "D16": "C16", "D17": "C17_18", "D18": "C17_18", "D181": "C17_18", "D182": "C17_18",
    "D58": "C17_18", "D581": "C17_18",
    "D19": "C19", "D20": "C20", "D21": "C21", "D22": "C22", "D23": "C23",
    "D241T31": "C24A", "D242T32": "C24B", "D24T25": "C25", "D25X": "C25", "D252": "C25",
    "D26": "C26", "D261": "C26", "D262": "C26", "D263": "C26", "D264": "C26", "D265": "C26",
    "D266": "C26", "D267": "C26", "D26T27": "C26", "D27": "C27", "D28": "C28",
    "D29": "C29", "D29T30": "C29", "D301": "C301", "D302A9": "C302T309", "D303": "C302T309",
    "D304": "C302T309", "D31": "C31T33", "D32": "C31T33", "D325": "C31T33", "D32X": "C31T33",
    "D10T33": "C31T33", "D59": "C31T33",
}  # fmt: skip


#: HS2022 six-digit codes whose bridged HS2012 code (the UN tables' one-to-one link for a split or merge) sits in
#: another industry than the goods: code -> (ICIO sector, or None for no goods sector; reason). `hs6_to_icio`
#: applies them after the bridge.
HS2022_SECTOR_OVERRIDES: dict[str, tuple[str | None, str]] = {
    # Crustaceans other than live, fresh, chilled or frozen (HS2017 0306.9: dried, salted, in brine, smoked,
    # cooked in shell; flours and meals). Their UN link is HS2012 0306.2x "not frozen", which held live and fresh
    # crustaceans too (now 0306.3x) and which the key puts in fishing (D03). They are processing (ISIC 1020), where
    # the key puts frozen crustaceans (0306.1x), dried, salted and smoked fish (0305) and molluscs and other
    # aquatic invertebrates neither live, fresh nor chilled (0307.29-.99, 0308.x9).
    "030691": ("C10T12", "rock lobster and other sea crawfish, dried, salted, in brine, smoked or cooked"),
    "030692": ("C10T12", "lobsters (Homarus), dried, salted, in brine, smoked or cooked"),
    "030693": ("C10T12", "crabs, dried, salted, in brine, smoked or cooked"),
    "030694": ("C10T12", "Norway lobsters, dried, salted, in brine, smoked or cooked"),
    "030695": ("C10T12", "shrimps and prawns, dried, salted, in brine, smoked or cooked"),
    "030699": ("C10T12", "other crustaceans, dried, salted, in brine, smoked or cooked; flours, meals, pellets"),
    # Unmanned aircraft (HS2022 8806.2x remote-controlled flight only, 8806.9x other): HS2017 classified them as
    # aircraft (8802, D303) or, with a camera, as cameras (8525.80); the UN link of the subheadings by weight up
    # to 150 kg is 8525.80 (D26). 8806.10 (for passengers), 8806.29 and 8806.99 link to 8802.40 and are C302T309.
    "880621": ("C302T309", "unmanned aircraft, remote-controlled only, maximum take-off weight up to 250 g"),
    "880622": ("C302T309", "unmanned aircraft, remote-controlled only, over 250 g up to 7 kg"),
    "880623": ("C302T309", "unmanned aircraft, remote-controlled only, over 7 kg up to 25 kg"),
    "880624": ("C302T309", "unmanned aircraft, remote-controlled only, over 25 kg up to 150 kg"),
    "880691": ("C302T309", "other unmanned aircraft, maximum take-off weight up to 250 g"),
    "880692": ("C302T309", "other unmanned aircraft, over 250 g up to 7 kg"),
    "880693": ("C302T309", "other unmanned aircraft, over 7 kg up to 25 kg"),
    "880694": ("C302T309", "other unmanned aircraft, over 25 kg up to 150 kg"),
    # Electrical and electronic waste and scrap other than of cells and batteries (8549.21-.99): the UN link is
    # HS2012 8542.31 (processors, D26). The key places waste and scrap of metals, including the HS2012 codes that
    # held e-waste for metal recovery (7112 precious-metal waste and ash, 8548.10 battery waste), in the metal
    # industry as used goods (D242T32 used: C24B), and only the wastes of 3825 in no goods industry. 8549.11-.19
    # (cells and batteries) link to 8548.10 and are C24B.
    "854921": ("C24B", "e-waste for precious-metal recovery, with batteries, mercury switches, CRT glass or PCBs"),
    "854929": ("C24B", "other e-waste of a kind used principally for precious-metal recovery"),
    "854931": ("C24B", "electrical assemblies and printed circuit boards (waste), with hazardous components"),
    "854939": ("C24B", "other electrical assemblies and printed circuit boards (waste)"),
    "854991": ("C24B", "other electrical and electronic waste and scrap, with hazardous components"),
    "854999": ("C24B", "other electrical and electronic waste and scrap"),
}


@dataclass(frozen=True)
class UsSchedule:
    """US tariff layers by ICIO sector (length J, fractions) with their line counts."""

    sectors: tuple[str, ...]
    mfn: np.ndarray
    s301: np.ndarray
    lines: np.ndarray
    s301_lines: np.ndarray
    unmapped_lines: int

    def __post_init__(self) -> None:
        j = len(self.sectors)
        for name in ("mfn", "s301", "lines", "s301_lines"):
            if np.shape(getattr(self, name)) != (j,):
                raise DataFormatError(f"UsSchedule.{name} must have length {j} (one per sector).")


def hs6_to_icio(concordances: str | Path) -> dict[str, str]:
    """HS2022 six-digit code -> ICIO sector: the one HS -> sector mapping of every palanca build.

    The US tariff schedule of 2025 is in HS2022, and the OECD BTDIxE key holds HS1988 to HS2012 (its newest
    vintage, ``hs_version`` 4). Each HS2022 code is bridged to one HS2012 code with the UN conversion tables
    (HS2022 -> HS2017 -> HS2012; for splits and merges the UN's chosen one-to-one link), then takes the
    BTDIxE industry of that HS2012 code (`BTDIXE_TO_ICIO`). Looking an HS2022 code up directly in the key
    would mislabel the codes created or reused since 2012 (8485 is additive-manufacturing machinery in HS2022,
    ships' propellers in HS2002; 8524 flat-panel modules, recorded media in HS1996; road tractors 8701.21-.29).

    Every HS2022 code reaches a code of the key. Codes the key allocates to no goods industry (wastes,
    materials recovery, electricity, "Others") take the modal sector of their HS2012 heading when it has one
    (waste oils 2710.91/.99, spent fuel 2844.50, used tyres 4012.20) and are otherwise left out (wastes of
    3825, worn clothing 6309, rags 6310, electricity 2716, slag 2621.90, reclaimed rubber 4003, photographic
    plates 3704/3705, plans 4906, chapter 97); chapters 98-99 are not HS codes.

    Where the UN's one-to-one link lands in another industry than the goods, `HS2022_SECTOR_OVERRIDES` sets
    the sector, each with its reason: crustaceans neither live, fresh, chilled nor frozen (0306.91-.99) are
    food processing, as the key treats the same forms of fish, molluscs and other aquatic invertebrates;
    unmanned aircraft (8806.21-.24, .91-.94) are aircraft, not cameras; electrical and electronic waste and
    scrap (8549.21-.99) is non-ferrous metals (C24B), as the key treats the waste and scrap of metals it was
    split from (7112, 8548.10) and as battery waste 8549.11-.19 reaches through 8548.10.

    Parameters
    ----------
    concordances : path
        The folder with ``oecd_btdixe_hs_to_isic4_enduse.csv``, ``un_hs2022_to_hs2017_conversion.csv`` and
        ``un_hs2017_to_hs2012_conversion.csv``.
    """
    c = Path(concordances)
    key = pd.read_csv(c / "oecd_btdixe_hs_to_isic4_enduse.csv", dtype=str)
    key = key[key["hs_version"] == "4"].copy()
    key["sector"] = key["btdixe_isic4"].str.replace(" used", "", regex=False).map(BTDIXE_TO_ICIO)
    key = key.dropna(subset=["sector"])
    by12 = key.groupby("hs6")["sector"].agg(lambda s: s.mode().iloc[0]).to_dict()
    by4 = key.groupby("hs4")["sector"].agg(lambda s: s.mode().iloc[0]).to_dict()
    b22 = pd.read_csv(c / "un_hs2022_to_hs2017_conversion.csv", dtype=str)
    b17 = pd.read_csv(c / "un_hs2017_to_hs2012_conversion.csv", dtype=str)
    m17 = dict(zip(b22["hs2022"], b22["hs2017"], strict=True))
    m12 = dict(zip(b17["hs2017"], b17["hs2012"], strict=True))
    out: dict[str, str] = {}
    for h22 in set(b22["hs2022"]):
        h17 = m17[h22]
        h12 = m12.get(h17, h17)
        s = by12.get(h12) or by4.get(h12[:4])
        if s:
            out[h22] = s
    for h22, (s, _) in HS2022_SECTOR_OVERRIDES.items():
        if h22 not in m17:
            raise DataFormatError(
                f"HS2022_SECTOR_OVERRIDES names {h22}, which is not an HS2022 code of "
                "un_hs2022_to_hs2017_conversion.csv; correct the code or drop the entry."
            )
        if s is None:
            out.pop(h22, None)
        else:
            out[h22] = s
    return out


def read_us_schedule(budgetlab: str | Path, concordances: str | Path, sectors: tuple[str, ...]) -> UsSchedule:
    """US MFN (HTS8, 2025 basic edition) and 2023 Section 301 layers by ICIO sector.

    Raises
    ------
    DataFormatError
        If a file lacks its columns or an MFN rate is negative or not finite.
    """
    b = Path(budgetlab)
    mfn = pd.read_csv(b / "mfn_rates_2025_us_hs8.csv", dtype={"hs8": str})
    s301 = pd.read_csv(b / "s301_product_lists.csv", dtype=str)
    for df, cols, name in ((mfn, {"hs8", "mfn_rate"}, "mfn"), (s301, {"hts8", "ch99_code"}, "s301")):
        if not cols <= set(df.columns):
            raise DataFormatError(f"the {name} file needs columns {sorted(cols)}; it has {list(df.columns)}.")
    rate = mfn["mfn_rate"].to_numpy(np.float64)
    if not np.all(np.isfinite(rate)) or np.any(rate < 0):
        raise DataFormatError("mfn_rates_2025_us_hs8.csv: mfn_rate must be finite and nonnegative.")
    hs = hs6_to_icio(concordances)
    mfn["sector"] = mfn["hs8"].str[:6].map(hs)
    s301["add"] = s301["ch99_code"].map(S301_RATES_2023).fillna(0.0)
    add = s301.groupby("hts8")["add"].max()
    mfn["s301"] = mfn["hs8"].map(add).fillna(0.0)
    k = {s: i for i, s in enumerate(sectors)}
    j = len(sectors)
    out = {n: np.zeros(j) for n in ("mfn", "s301", "lines", "s301_lines")}
    for s, g in mfn.dropna(subset=["sector"]).groupby("sector"):
        if s in k:
            out["mfn"][k[s]] = g["mfn_rate"].mean()
            out["s301"][k[s]] = g["s301"].mean()
            out["lines"][k[s]] = len(g)
            out["s301_lines"][k[s]] = int((g["s301"] > 0).sum())
    return UsSchedule(sectors=tuple(sectors), unmapped_lines=int(mfn["sector"].isna().sum()), **out)


def rebuild_tariffs(
    tariff: np.ndarray,
    trade_usd_m: np.ndarray,
    countries: tuple[str, ...],
    goods: np.ndarray,
    us: UsSchedule,
) -> tuple[np.ndarray, np.ndarray, dict]:
    """The applied-tariff block of the module docstring.

    Parameters
    ----------
    tariff : ndarray, N x N x J
        Source (Teti) applied rates ``[destination, origin, sector]``.
    trade_usd_m : ndarray, N x N x J
        Flows used as weights of China's retaliation layer.
    countries : tuple of str, length N
    goods : ndarray of bool, length J
        Tariffable sectors.
    us : UsSchedule

    Returns
    -------
    (tariff, mfn, record)
        The rebuilt ``tariff`` (N x N x J), the MFN rate by importer and sector (N x J) and a
        JSON-ready record of every step.
    """
    tau = np.where(goods[None, None, :], np.asarray(tariff, dtype=np.float64), 0.0)
    n = len(countries)
    off = ~np.eye(n, dtype=bool)
    us_i = countries.index("USA")
    flagged = [
        {"importer": countries[a], "sector": us.sectors[c], "partners": int(cnt), "max_rate": round(float(mx), 4)}
        for (a, c), cnt, mx in _flag_cells(tau, off, us_i)
    ]
    screened = tau.copy()
    others = np.arange(n) != us_i
    screened[others] = np.minimum(screened[others], SCREEN_CAP)
    teti_top = np.where(off[us_i][:, None], tau[us_i], 0.0).max(axis=0)
    ratio = np.divide(tau[us_i], teti_top[None, :], out=np.zeros_like(tau[us_i]), where=teti_top[None, :] > 0)
    no_pref = np.array([c not in US_PREFERENCES_2023 and c not in ("ROW", "USA") for c in countries])
    below = (np.where(goods, ratio, 1.0) < 0.9).any(axis=1)
    gsp_reset = sorted(c for c, k in zip(countries, no_pref & below, strict=True) if k)
    ratio[no_pref] = 1.0
    new = screened.copy()
    new[us_i] = np.minimum(ratio, 1.0) * np.where(goods, us.mfn, 0.0)[None, :]
    new[us_i, us_i] = 0.0
    mfn = _mfn_from_applied(new, off)
    mfn[us_i] = np.where(goods, us.mfn, 0.0)
    record: dict = {"screen_cap": SCREEN_CAP, "screened_cells": flagged, "us_partners_at_mfn_gsp_lapsed": gsp_reset}
    record["us_s301_by_sector"] = dict(zip(us.sectors, [0.0] * len(us.sectors), strict=True))
    if "CHN" in countries:
        cn = countries.index("CHN")
        wu = trade_usd_m[us_i, cn] * goods
        layer = np.where(goods, us.s301, 0.0)
        mfn_on_cn = float((new[us_i, cn] * wu).sum() / wu.sum())
        line_mean = float((layer * wu).sum() / wu.sum())
        scale = min(max((US_ON_CHN_COLLECTED - mfn_on_cn) / line_mean, 0.0), 1.0) if line_mean > 0 else 0.0
        new[us_i, cn] += scale * layer
        record |= {
            "us_s301_line_mean_trade_weighted": round(line_mean, 5),
            "us_s301_scale_to_collected": round(scale, 5),
            "us_on_chn_collected_target": US_ON_CHN_COLLECTED,
            "us_s301_line_mean_by_sector": dict(zip(us.sectors, np.round(us.s301, 5).tolist(), strict=True)),
            "us_s301_by_sector": dict(zip(us.sectors, np.round(scale * us.s301, 5).tolist(), strict=True)),
        }
        w = trade_usd_m[cn, us_i] * goods
        base = float((new[cn, us_i] * w).sum() / w.sum())
        delta = max(CHN_RETALIATION_TARGET - base, 0.0)
        new[cn, us_i] += delta * goods
        record |= {
            "chn_retaliation_uniform_add": round(delta, 5),
            "chn_on_usa_trade_weighted_before": round(base, 5),
            "chn_on_usa_trade_weighted": round(float((new[cn, us_i] * w).sum() / w.sum()), 5),
            "usa_on_chn_trade_weighted": round(float((new[us_i, cn] * wu).sum() / wu.sum()), 5),
        }
    record |= {
        "us_mfn_by_sector": dict(zip(us.sectors, np.round(us.mfn, 5).tolist(), strict=True)),
        "us_hts8_lines_by_sector": dict(zip(us.sectors, us.lines.astype(int).tolist(), strict=True)),
        "us_hts8_lines_unmapped": us.unmapped_lines,
    }
    return new, mfn, record


def _flag_cells(tau: np.ndarray, off: np.ndarray, us_i: int):
    big = (tau > SCREEN_CAP) & off[:, :, None]
    big[us_i] = False
    cells = np.argwhere(big.any(axis=1))
    return [((a, c), big[a, :, c].sum(), tau[a, :, c].max()) for a, c in cells]


def _mfn_from_applied(tau: np.ndarray, off: np.ndarray) -> np.ndarray:
    return np.where(off[:, :, None], tau, 0.0).max(axis=1)


def mfn_table(mfn: np.ndarray, countries: tuple[str, ...], sectors: tuple[str, ...]) -> dict[str, list[float]]:
    """The MFN table as a JSON-ready mapping importer -> rates by sector (rounded to 1e-6)."""
    if mfn.shape != (len(countries), len(sectors)):
        raise DataFormatError(f"mfn has shape {mfn.shape}; expected {(len(countries), len(sectors))}.")
    return {c: np.round(mfn[k], 6).tolist() for k, c in enumerate(countries)}
