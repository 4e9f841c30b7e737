"""Copy the negotiation datasets palanca ships from ../shared/data and check their hashes; record the
files authored in the repository (the coercion event log and the bargain spec) with their hashes.

Usage: python scripts/build_politics_data.py [--source PATH_TO_SHARED_DATA]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEST = REPO / "src" / "palanca" / "data" / "shipped" / "politics"
AUTHORED = {
    "events.csv": (
        "coercive episodes 2018-26 (US-MEX; US-CAN and US-CHN for base rates; MEX counter-threats), one row per "
        "dated event; each row cites the public page that reports it (column source)"
    ),
    "usmca-review-2026.toml": "bargain spec: judgement values with ranges and bases; cited figures in comments",
}
FILES = {
    "deu3/deu3_train.csv": "08834b406bee7afe30ff7c14db5dd4f7154f49deb4540d3f51cda94e69876390",
    "bdm-eu-emissions-1994/eu_emission_standards_actors.csv": (
        "e5d7330096a4b38280f3ac09dc162da860b7558aad69890a5574588800d76faf"
    ),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--source", type=Path, default=REPO.parent / "shared" / "data")
    args = ap.parse_args()
    record = {"built_by": "scripts/build_politics_data.py", "files": []}
    for rel, sha in FILES.items():
        src = args.source / rel
        digest = hashlib.sha256(src.read_bytes()).hexdigest()
        if digest != sha:
            raise SystemExit(f"{src}: sha256 {digest} differs from the expected {sha}; check the source.")
        shutil.copyfile(src, DEST / src.name)
        record["files"].append(
            {"file": src.name, "from": f"shared/data/{rel}", "sha256": sha, "transformation": "none (copy)"}
        )
    for name, what in AUTHORED.items():
        path = DEST / name
        record["files"].append(
            {
                "file": name,
                "from": "authored in the repository",
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                "transformation": what,
            }
        )
    record["sources"] = {
        "deu3_train.csv": ("Arregui & Perarnaud (2022) DEU III, doi:10.34810/data53, CC BY 4.0; Thomson et al. (2006)"),
        "eu_emission_standards_actors.csv": (
            "Bueno de Mesquita (1994) ch. 4; Scholz, Calbert & Smith (2011) JTP 23(4)"
        ),
        "events.csv": "news reports, official statements and the Supreme Court opinion cited per row",
    }
    (DEST / "provenance.json").write_text(json.dumps(record, indent=1) + "\n")
    print(f"copied {len(FILES)} files to {DEST}")


if __name__ == "__main__":
    main()
