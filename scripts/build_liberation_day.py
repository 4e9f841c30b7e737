"""Ship the inputs of Ignatenko, Lashkaripour, Macedoni & Simonovska (2025, JIE) compactly.

Reads ``../shared/data/liberation-day-2025/`` (or ``--source DIR``): the 194 x 194 BACI 2023 goods
trade matrix (thousands of USD, row exporter, column importer), WDI GDP (current USD), the USTR
"Liberation Day" tariff on each exporter and the country labels, and writes to
``src/palanca/data/shipped/liberation-day/``:

- ``trade.parquet``: exporter, importer, trade_usd_k (nonzero cells only, zstd);
- ``countries.csv``: iso3, name, gdp_usd, ustr_tariff (file order = the paper's country order);
- ``provenance.json`` with the SHA-256 of every source file.

Usage::

    .venv/bin/python scripts/build_liberation_day.py [--source ../shared/data]
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "data"
OUT = REPO / "src" / "palanca" / "data" / "shipped" / "liberation-day"
FILES = ("trade_cepii.csv", "gdp.csv", "tariffs.csv", "country_labels.csv")


def build(source: Path, out: Path = OUT) -> dict[str, int]:
    src = source / "liberation-day-2025"
    digests = {f: hashlib.sha256((src / f).read_bytes()).hexdigest() for f in FILES}
    X = pd.read_csv(src / "trade_cepii.csv").apply(pd.to_numeric, errors="coerce").fillna(0.0).to_numpy()
    labels = pd.read_csv(src / "country_labels.csv")
    gdp = pd.read_csv(src / "gdp.csv")["gdp"].to_numpy(dtype=float)
    tariff = pd.read_csv(src / "tariffs.csv")["applied_tariff"].to_numpy(dtype=float)
    n = len(labels)
    if X.shape != (n, n) or gdp.shape != (n,) or tariff.shape != (n,):
        raise SystemExit(f"unexpected shapes: trade {X.shape}, gdp {gdp.shape}, tariffs {tariff.shape}, labels {n}")
    if not (labels["iso_code"].to_numpy() == np.arange(1, n + 1)).all():
        raise SystemExit("country_labels.csv is not in the order of the trade matrix (iso_code 1..N)")
    codes = labels["iso3"].astype(str).to_numpy()
    ex, im = np.nonzero(X)
    out.mkdir(parents=True, exist_ok=True)
    pd.DataFrame({"exporter": codes[ex], "importer": codes[im], "trade_usd_k": X[ex, im]}).to_parquet(
        out / "trade.parquet", compression="zstd", compression_level=19, index=False
    )
    pd.DataFrame({"iso3": codes, "name": labels["CountryName"], "gdp_usd": gdp, "ustr_tariff": tariff}).to_csv(
        out / "countries.csv", index=False, float_format="%.17g"
    )
    prov = {
        "name": "liberation-day",
        "sources": [
            {
                "repo": "https://github.com/JoeLoera/liberation-day-replication",
                "commit": "e1f26fdbebd5de80daaad03bdb8dbca1cf24e22d",
                "note": "redistributes the data of the replication package of Ignatenko, Lashkaripour, Macedoni & "
                "Simonovska (2025), Journal of International Economics 157:104138",
                "files_sha256": digests,
                "underlying": [
                    "CEPII BACI HS22 V202501, year 2023 (Etalab Open Licence 2.0, attribution)",
                    "World Bank WDI GDP, current USD (CC BY 4.0)",
                    "USTR reciprocal tariff calculations, 2 April 2025 (US government work)",
                ],
            }
        ],
        "transformations": [
            "trade_cepii.csv: blanks read as 0; stored as nonzero (exporter, importer) cells, thousands of USD",
            "gdp.csv, tariffs.csv, country_labels.csv: joined by row order into countries.csv (no change of values)",
        ],
        "built_by": "scripts/build_liberation_day.py",
    }
    (out / "provenance.json").write_text(json.dumps(prov, indent=1) + "\n")
    return {p.name: p.stat().st_size for p in out.iterdir()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    args = parser.parse_args()
    for name, size in sorted(build(args.source).items()):
        print(f"{name}: {size:,} bytes")


if __name__ == "__main__":
    main()
