"""Rebuild the shipped worlds (icio2022, world2023, wiod2011) from ../shared/data.

Usage: python scripts/build_worlds.py [--source PATH] [--out PATH] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from palanca.data import build_shipped, read_build_inputs

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "data")
    p.add_argument("--out", type=Path, default=ROOT / "src" / "palanca" / "data" / "shipped")
    p.add_argument("--only", nargs="*", default=["icio2022", "world2023", "wiod2011"])
    args = p.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    sizes = build_shipped(read_build_inputs(args.source), args.out, worlds=tuple(args.only))
    for name, files in sizes.items():
        total = sum(files.values())
        print(f"{name}: {total / 1e6:.2f} MB  " + ", ".join(f"{f} {b / 1e3:.0f} kB" for f, b in files.items()))


if __name__ == "__main__":
    main()
