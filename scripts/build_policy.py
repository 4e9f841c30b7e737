"""Build src/palanca/data/shipped/policy/sector_measures.csv from the Budget Lab's HTS-level files.

Reads ``../shared/data/us-tariffs-2025-budgetlab/`` (US MFN by HTS8, Section 301 lists, Section 232 product
scopes, the IEEPA exempt list, the fentanyl carve-outs) and the OECD HS -> ISIC Rev.4 key in
``../shared/data/concordances/``, and writes, for each of the 28 ICIO sectors of palanca's modern worlds:

- ``us_mfn``: the simple mean of the US MFN ad-valorem rate over the sector's HTS8 lines (specific and
  compound rates count as 0, as in the source), and ``us_mfn_dutiable``: the share of lines with a rate;
- ``cover_*``: the share of the sector's HTS lines inside a measure's product scope (Section 232 steel and
  aluminium, copper, timber, furniture, autos and parts, trucks; the IEEPA/Section 122 exempt list; the
  fentanyl energy/potash carve-outs; the Section 301 lists) and ``s301_rate``: the mean Section 301 rate
  over the sector's lines.

No import values at HTS level are shipped with the sources, so every share is a line count (documented in
PROVENANCE.md); the registry's actions name the measure they scale by.

    python scripts/build_policy.py [--source DIR] [--concordances DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
DEFAULT_SOURCE = SHARED / "us-tariffs-2025-budgetlab"
DEFAULT_CONC = SHARED / "concordances"
DEFAULT_OUT = ROOT / "src" / "palanca" / "data" / "shipped" / "policy"

#: OECD BTDIxE ISIC Rev.4 industry code -> ICIO 2025 sector.
ISIC_TO_ICIO = {
    "D01": "A01", "D01T02": "A01", "D02": "A02", "D03": "A03", "D05": "B05", "D06": "B06", "D07": "B07",
    "D071": "B07", "D072": "B07", "D08": "B08", "D09": "B09", "D10": "C10T12", "D11": "C10T12",
    "D12": "C10T12", "D13": "C13T15", "D14": "C13T15", "D15": "C13T15", "D13T15": "C13T15", "D16": "C16",
    "D17": "C17_18", "D18": "C17_18", "D181": "C17_18", "D182": "C17_18", "D19": "C19", "D20": "C20",
    "D21": "C21", "D22": "C22", "D23": "C23", "D241T31": "C24A", "D24T25": "C24A", "D242T32": "C24B",
    "D252": "C25", "D25X": "C25", "D26": "C26", "D261": "C26", "D262": "C26", "D263": "C26", "D264": "C26",
    "D265": "C26", "D266": "C26", "D267": "C26", "D26T27": "C26", "D27": "C27", "D28": "C28", "D29": "C29",
    "D29T30": "C29", "D301": "C301", "D302A9": "C302T309", "D303": "C302T309", "D304": "C302T309",
    "D31": "C31T33", "D32": "C31T33", "D325": "C31T33", "D32X": "C31T33", "D10T33": "C31T33",
}  # fmt: skip

#: Section 301 rate by list (USTR notices; the 2024 increases are listed per ch99 code by the source).
S301_RATE = {"1": 0.25, "2": 0.25, "3": 0.25, "4A": 0.075, "4B": 0.0}

#: HTS prefixes of the Section 232 actions (policy_params.yaml section_232_chapters/_headings; auto
#: parts by their chapter-87 headings because the tracker's parts list is not in the snapshot).
PREFIXES = {
    "cover_s232_steel_alu": ("72", "73", "76"),
    "cover_s232_copper": ("7406", "7407", "7408", "7409", "7410", "7411", "7412", "7413", "7415", "7418", "7419"),
    "cover_s232_timber": ("4403", "4406", "4407"),
    "cover_s232_furniture": ("940161", "940340", "940360", "940391"),
    "cover_s232_vehicles": ("870322", "870323", "870324", "870331", "870332", "870333", "870334", "870340",
                            "870350", "870360", "870370", "870380", "870390", "870421", "870431", "870441",
                            "870451"),
    "cover_s232_autoparts": ("8706", "8707", "8708"),
    # Road tractors and medium/heavy trucks (policy_params.yaml section_232_headings.mhd_vehicles): farm
    # tractors (8701.9x) are outside the proclamation of 17 Oct 2025; buses (8702) pay 10%, a measure of their own.
    "cover_s232_trucks": ("870121", "870122", "870123", "870124", "870129", "870410", "870422", "870423", "870432",
                          "870442", "870443", "870452", "870460"),
    "cover_s232_buses": ("8702",),
}  # fmt: skip


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def hs6_to_icio(conc: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """HS6 -> ICIO sector (newest HS vintage in the OECD key first), with HS4 and HS2 modal fallbacks."""
    rows = _read(conc / "oecd_btdixe_hs_to_isic4_enduse.csv")
    hs6: dict[str, str] = {}
    by4: dict[str, Counter] = defaultdict(Counter)
    by2: dict[str, Counter] = defaultdict(Counter)
    for r in sorted(rows, key=lambda r: -int(r["hs_version"])):
        code = r["btdixe_isic4"].replace(" used", "")
        if code not in ISIC_TO_ICIO:
            continue
        sec = ISIC_TO_ICIO[code]
        hs6.setdefault(r["hs6"], sec)
        by4[r["hs6"][:4]][sec] += 1
        by2[r["hs6"][:2]][sec] += 1
    return hs6, {k: c.most_common(1)[0][0] for k, c in by4.items()}, {k: c.most_common(1)[0][0] for k, c in by2.items()}


def build(source: Path, conc: Path, out: Path) -> dict:
    hs6, hs4, hs2 = hs6_to_icio(conc)

    def sector(code: str) -> str | None:
        return hs6.get(code[:6]) or hs4.get(code[:4]) or hs2.get(code[:2])

    mfn = _read(source / "mfn_rates_2025_us_hs8.csv")
    lines: dict[str, list[str]] = defaultdict(list)
    rate: dict[str, float] = {}
    unmapped = 0
    for r in mfn:
        sec = sector(r["hs8"])
        if sec is None:
            unmapped += 1
            continue
        lines[sec].append(r["hs8"])
        rate[r["hs8"]] = float(r["mfn_rate"] or 0.0)
    members: dict[str, set[str]] = {}
    for name, prefixes in PREFIXES.items():
        members[name] = {h for h in rate if h.startswith(prefixes)}
    # Derivatives by date of inclusion: the lists of the March 2025 proclamations (blank date in the source) and
    # the 407 codes of the inclusions process (FR 2025-15819), collected from 18 Aug 2025.
    drows = _read(source / "s232_derivative_products.csv")
    deriv = {r["hts_prefix"][:8] for r in drows if not r["effective_date"]}
    deriv_aug = {r["hts_prefix"][:8] for r in drows if r["effective_date"] == "2025-08-18"} - deriv
    members["cover_s232_derivatives"] = {h for h in rate if h[:8] in deriv} - members["cover_s232_steel_alu"]
    members["cover_s232_derivatives_aug2025"] = (
        {h for h in rate if h[:8] in deriv_aug} - members["cover_s232_steel_alu"] - members["cover_s232_derivatives"]
    )
    exempt = {r["hts10"][:8] for r in _read(source / "ieepa_exempt_products.csv")}
    members["cover_ieepa_exempt"] = {h for h in rate if h in exempt}
    carve = _read(source / "fentanyl_carveout_products.csv")
    members["cover_fentanyl_carveout_mx"] = {r["hts8"] for r in carve if r["category"].endswith("_mx")}
    members["cover_fentanyl_carveout_ca"] = {r["hts8"] for r in carve if r["category"].endswith("_ca")}
    s301: dict[str, float] = {}
    for r in _read(source / "s301_product_lists.csv"):
        s301[r["hts8"]] = max(s301.get(r["hts8"], 0.0), S301_RATE.get(r["list"], 0.25))
    members["cover_s301"] = {h for h in rate if s301.get(h, 0.0) > 0}

    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for sec in sorted(lines):
        hs = lines[sec]
        n = len(hs)
        row = {
            "sector": sec,
            "n_lines": n,
            "us_mfn": round(sum(rate[h] for h in hs) / n, 6),
            "us_mfn_dutiable": round(sum(rate[h] > 0 for h in hs) / n, 6),
        }
        for name in sorted(members):
            row[name] = round(sum(h in members[name] for h in hs) / n, 6)
        row["s301_rate"] = round(sum(s301.get(h, 0.0) for h in hs) / n, 6)
        rows.append(row)
    with (out / "sector_measures.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    prov = {
        "file": "sector_measures.csv",
        "source": "The Budget Lab at Yale, Tariff Rate Tracker @ 8315fffd697c42559141ed5f8bf7c8fa3da47ae8 "
        "(resources/*.csv, config/policy_params.yaml); US MFN from Budget-Lab-Yale/Tariff-ETRs @ ffc01053 "
        "(USITC HTS 2025 basic edition); OECD BTDIxE HS->ISIC Rev.4 conversion key",
        "licence": "MIT (Budget Lab code and docs); USITC HTS public domain; OECD reuse with attribution",
        "transformations": [
            "HTS8 -> HS6 -> ISIC Rev.4 (OECD BTDIxE key, newest HS vintage; HS4 then HS2 modal fallback) -> ICIO",
            "every share is an HTS8 line count within the sector (no line-level import values in the sources)",
            "Section 232 derivatives split by inclusion date (March 2025 lists; 18 Aug 2025 inclusions)",
            "trucks: road tractors 8701.21-.29 and trucks (not farm tractors 8701.9x); buses 8702 separately (10%)",
            "us_mfn: simple mean of ad-valorem MFN rates; specific/compound rates count as 0 (as in the source)",
            "s301_rate: mean over lines of the Section 301 list rate (lists 1-3 25%, 4A 7.5%, 4B 0)",
        ],
        "unmapped_hts8_lines": unmapped,
        "n_hts8_lines": len(mfn),
    }
    (out / "provenance.json").write_text(json.dumps(prov, indent=1) + "\n", encoding="utf-8")
    return prov


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    p.add_argument("--concordances", type=Path, default=DEFAULT_CONC)
    p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    a = p.parse_args()
    print(json.dumps(build(a.source, a.concordances, a.out), indent=1))


if __name__ == "__main__":
    main()
