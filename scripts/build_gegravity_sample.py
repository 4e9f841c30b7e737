"""Ship the gegravity sample data set and its PPML estimate.

Copies ``../shared/data/gegravity-sample/sample_data_set.dlm`` (or ``--source DIR``) byte for byte
to ``src/palanca/data/shipped/gegravity-sample/`` after checking its SHA-256, then estimates the
gravity equation of gegravity's documentation by PPML with exporter and importer fixed effects
(`palanca.gravity.estimate_ppml`, needs the ``gravity`` extra) and writes
``ppml_estimate.json`` beside it (the same JSON as ``palanca gravity estimate --out``).

Usage::

    .venv/bin/python scripts/build_gegravity_sample.py [--source ../shared/data]
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
from pathlib import Path

from palanca.data import read_gravity_table
from palanca.gravity import DEFAULT_FORMULA, estimate_ppml

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "data"
OUT = REPO / "src" / "palanca" / "data" / "shipped" / "gegravity-sample"
SHA256 = "9a81286e50bc05e681a265929c1474dc9bb11812c689ce9b76f1bb629f723f13"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    args = parser.parse_args()
    src = args.source / "gegravity-sample" / "sample_data_set.dlm"
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    if digest != SHA256:
        raise SystemExit(f"{src} has sha256 {digest}, expected {SHA256} (gegravity @358cba1)")
    OUT.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, OUT / "sample_data_set.dlm")
    est = estimate_ppml(read_gravity_table(OUT / "sample_data_set.dlm"), DEFAULT_FORMULA, vcov="hetero")
    (OUT / "ppml_estimate.json").write_text(est.to_json() + "\n")
    print(est.summary())
    print(f"wrote {OUT}/sample_data_set.dlm ({src.stat().st_size} bytes) and ppml_estimate.json")


if __name__ == "__main__":
    main()
