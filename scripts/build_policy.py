"""Build src/palanca/data/shipped/policy/sector_measures.csv from the Budget Lab's HTS-level files.

Reads ``../shared/data/us-tariffs-2025-budgetlab/`` (US MFN by HTS8, Section 301 lists, Section 232 product
scopes, the IEEPA exempt list, the fentanyl carve-outs) and the UN HS vintage bridges and the OECD HS -> ISIC
Rev.4 key in ``../shared/data/concordances/``, and writes, for each of the ICIO goods sectors of palanca's
modern worlds (HTS8 lines placed by `palanca.data._tariffs.hs6_to_icio`, as for the worlds' US MFN rates):

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
from collections import defaultdict
from pathlib import Path

from palanca.data._tariffs import hs6_to_icio

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
DEFAULT_SOURCE = SHARED / "us-tariffs-2025-budgetlab"
DEFAULT_CONC = SHARED / "concordances"
DEFAULT_OUT = ROOT / "src" / "palanca" / "data" / "shipped" / "policy"

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


def build(source: Path, conc: Path, out: Path) -> dict:
    hs6 = hs6_to_icio(conc)
    mfn = _read(source / "mfn_rates_2025_us_hs8.csv")
    lines: dict[str, list[str]] = defaultdict(list)
    rate: dict[str, float] = {}
    unmapped = 0
    for r in mfn:
        sec = hs6.get(r["hs8"][:6])
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
        "(USITC HTS 2025 basic edition); UN HS conversion tables; OECD BTDIxE HS->ISIC Rev.4 conversion key",
        "licence": "MIT (Budget Lab code and docs); USITC HTS public domain; OECD reuse with attribution",
        "transformations": [
            "HTS8 -> HS2022 six-digit -> ICIO sector by palanca.data._tariffs.hs6_to_icio, as for the worlds' "
            "US MFN (UN tables HS2022 -> HS2017 -> HS2012, OECD BTDIxE key at HS2012 -> ISIC Rev.4 -> ICIO; "
            "HS2022_SECTOR_OVERRIDES where the UN link lands in another industry: processed crustaceans "
            "0306.91-.99, unmanned aircraft 8806.21-.24 and .91-.94, e-waste 8549.21-.99)",
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
