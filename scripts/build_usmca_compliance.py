"""Build src/palanca/data/shipped/usmca/compliance_shares.csv from the Budget Lab's USMCA shares.

Reads ../shared/data/us-tariffs-2025-budgetlab/usmca_shares.csv (share of 2025 US imports entered
under USMCA preference, by 46 GTAP-style sectors, for Canada and Mexico) and maps it to the 28 ICIO
sectors of palanca's modern worlds: the simple mean over the GTAP sectors each ICIO sector covers
(no trade weights are published with the file). Services (D35T98) are not tariffed: share 1.

    python scripts/build_usmca_compliance.py [--source PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "us-tariffs-2025-budgetlab" / "usmca_shares.csv"
DEFAULT_OUT = ROOT / "src" / "palanca" / "data" / "shipped" / "usmca"

#: ICIO 2025 sector -> GTAP codes it covers (GTAP 10 sector list).
ICIO_TO_GTAP: dict[str, tuple[str, ...]] = {
    "A01": ("pdr", "wht", "gro", "v_f", "osd", "c_b", "pfb", "ocr", "ctl", "oap", "rmk", "wol"),
    "A02": ("frs",),
    "A03": ("fsh",),
    "B05": ("coa",),
    "B06": ("oil", "gas"),
    "B07": ("oxt",),
    "B08": ("oxt",),
    "B09": ("oxt",),
    "C10T12": ("cmt", "omt", "vol", "mil", "pcr", "sgr", "ofd", "b_t"),
    "C13T15": ("tex", "wap", "lea"),
    "C16": ("lum",),
    "C17_18": ("ppp",),
    "C19": ("p_c",),
    "C20": ("chm",),
    "C21": ("bph",),
    "C22": ("rpp",),
    "C23": ("nmm",),
    "C24A": ("i_s",),
    "C24B": ("nfm",),
    "C25": ("fmp",),
    "C26": ("ele",),
    "C27": ("eeq",),
    "C28": ("ome",),
    "C29": ("mvh",),
    "C301": ("otn",),
    "C302T309": ("otn",),
    "C31T33": ("omf",),
}


def build(source: Path) -> pd.DataFrame:
    raw = pd.read_csv(source)
    missing = {"gtap_code", "canada", "mexico"} - set(raw.columns)
    if missing:
        raise ValueError(f"{source}: missing columns {sorted(missing)}")
    raw = raw.set_index("gtap_code")
    rows = []
    for sector, codes in ICIO_TO_GTAP.items():
        absent = [c for c in codes if c not in raw.index]
        if absent:
            raise ValueError(f"{source}: GTAP codes {absent} (for {sector}) are missing")
        for country, col in (("CAN", "canada"), ("MEX", "mexico")):
            rows.append({"exporter": country, "sector": sector, "usmca_share": float(raw.loc[list(codes), col].mean())})
    for country in ("CAN", "MEX"):
        rows.append({"exporter": country, "sector": "D35T98", "usmca_share": 1.0})
    return pd.DataFrame(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    df = build(args.source)
    args.out.mkdir(parents=True, exist_ok=True)
    df.to_csv(args.out / "compliance_shares.csv", index=False, float_format="%.6f")
    (args.out / "provenance.json").write_text(
        json.dumps(
            {
                "file": "compliance_shares.csv",
                "source": "The Budget Lab at Yale, Tariff Rate Tracker (GitHub Budget-Lab-Yale/tariff-rate-tracker "
                "@ 8315fffd697c42559141ed5f8bf7c8fa3da47ae8, resources/usmca_shares.csv); underlying data "
                "USITC DataWeb (imports entered under SPI S/S+)",
                "licence": "MIT (Budget Lab code and docs); USITC data public domain",
                "transformations": [
                    "GTAP-style sectors mapped to ICIO 2025 sectors (scripts/build_usmca_compliance.py ICIO_TO_GTAP)",
                    "simple mean over the GTAP sectors an ICIO sector covers (no weights in the source)",
                    "services (D35T98) set to 1: not subject to goods tariffs",
                ],
            },
            indent=1,
        )
        + "\n"
    )
    print(f"wrote {len(df)} rows to {args.out}")


if __name__ == "__main__":
    main()
