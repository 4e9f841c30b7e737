"""The ``wiod2011`` world and the shipped WIOD 2011 table (`load_wiot`).

The `World` is the published 41 x 35 table read as trade flows: ``X[n, i, j] = sum_u Z[(i, j),
(n, u)] + final[(i, j), n]`` (intermediate plus final use by destination ``n``). Negative final use
(inventory draw-downs) is set to zero; gross output, value-added shares ``1 - inputs / output`` and
input shares follow from the flows. WIOD holds no tariffs: they are zero. Elasticities: each WIOD
industry group takes the tariffwar value of its first ICIO sector (services: the services value).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from palanca.data._accounts import final_shares_from_flows
from palanca.data._sectors import ICIO_TO_WIOD_GROUP, WIOD_GROUPS
from palanca.data._wiod2013 import FINAL_CATEGORIES, WIOD_INDUSTRIES, WIOT
from palanca.errors import DataFormatError
from palanca.model import World

__all__ = ["load_wiot", "read_wiot_folder", "wiod_world", "write_wiot_folder"]

SHIPPED = Path(__file__).parent / "shipped"
_PQ = {"compression": "zstd", "compression_level": 19, "index": False}


def wiod_world(
    wiot: WIOT, theta_by_icio: dict[str, np.ndarray], sectors_icio: tuple[str, ...], default: str
) -> tuple[World, dict[str, np.ndarray]]:
    """The WIOT as a `World` (module docstring); returns it with all elasticity sets mapped."""
    n, s = len(wiot.countries), len(wiot.industries)
    Z = wiot.Z.reshape(n, s, n, s)  # origin country, origin industry, using country, using industry
    F = wiot.final_by_destination.reshape(n, s, n)
    n_neg = int((F < 0).sum())
    X = Z.sum(axis=3).transpose(2, 0, 1) + np.maximum(F, 0.0).transpose(2, 0, 1)  # [dest, origin, ind]
    Y = X.sum(axis=0)
    inputs = Z.sum(axis=0).transpose(1, 0, 2)  # (using country, input industry, using industry)
    tot_in = inputs.sum(axis=1)
    beta = np.divide(Y - tot_in, Y, out=np.ones_like(Y), where=Y > 0)
    n_low = int(((beta < 0.01) & (Y > 0)).sum())
    beta = np.clip(beta, 0.01, 1.0)
    io = np.divide(inputs, tot_in[:, None, :], out=np.zeros_like(inputs), where=tot_in[:, None, :] > 0)
    beta = np.where(tot_in > 0, beta, 1.0)
    group_of = {code: g for g, members in WIOD_GROUPS.items() for code in members}
    rep = {}
    for code in sectors_icio:
        rep.setdefault(ICIO_TO_WIOD_GROUP[code], sectors_icio.index(code))
    sets = {k: np.array([v[rep[group_of[c]]] for c in wiot.industries]) for k, v in theta_by_icio.items()}
    idx = np.arange(n)
    imports = X.sum(axis=(1, 2)) - X[idx, idx].sum(axis=1)
    exports = X.sum(axis=(0, 2)) - X[idx, idx].sum(axis=1)
    deficit = imports - exports
    deficit = deficit - deficit.mean()
    tariff = np.zeros_like(X)
    alpha = final_shares_from_flows(X, tariff, beta, io, deficit)
    world = World(
        name="wiod2011",
        year=wiot.year,
        countries=wiot.countries,
        sectors=wiot.industries,
        sector_labels=wiot.industry_labels,
        trade_usd_m=X,
        tariff=tariff,
        theta=sets[default],
        va_share=beta,
        io=io,
        final_share=alpha,
        deficit_usd_m=deficit,
        provenance={
            "elasticities": default,
            "negative_final_use_cells_zeroed": n_neg,
            "va_share_below_1pct_clipped": n_low,
            "tariffs": "zero (WIOD holds no tariffs)",
        },
    )
    return world, sets


def write_wiot_folder(wiot: WIOT, folder: str | Path) -> dict[str, int]:
    """Ship a WIOT compactly: Z (nonzero cells, integer USD m where the source is integer),
    final demand by destination and category, output, labels."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    r, c = np.nonzero(wiot.Z)
    vals = wiot.Z[r, c]
    integer = bool(np.all(vals == np.round(vals)))
    pd.DataFrame(
        {
            "row": r.astype(np.int16),
            "col": c.astype(np.int16),
            "value": vals.astype(np.int32) if integer else vals,
        }
    ).to_parquet(folder / "wiot_Z.parquet", **_PQ)
    rr, dd, ff = np.nonzero(wiot.final)
    pd.DataFrame(
        {
            "row": rr.astype(np.int16),
            "destination": dd.astype(np.int8),
            "category": ff.astype(np.int8),
            "value": wiot.final[rr, dd, ff],
        }
    ).to_parquet(folder / "wiot_final.parquet", **_PQ)
    pd.DataFrame({"output": wiot.output}).to_parquet(folder / "wiot_output.parquet", **_PQ)
    meta = {
        "year": wiot.year,
        "countries": list(wiot.countries),
        "industries": list(wiot.industries),
        "industry_labels": list(wiot.industry_labels),
        "final_categories": list(FINAL_CATEGORIES),
        "Z_integer_usd_m": integer,
        **wiot.provenance,
    }
    (folder / "wiot.json").write_text(json.dumps(meta, indent=1) + "\n")
    return {p.name: p.stat().st_size for p in sorted(folder.glob("wiot*"))}


def read_wiot_folder(folder: str | Path) -> WIOT:
    """Read a WIOT written by `write_wiot_folder`."""
    folder = Path(folder)
    if not (folder / "wiot.json").exists():
        raise DataFormatError(f"{folder} holds no shipped WIOT (wiot.json missing).")
    meta = json.loads((folder / "wiot.json").read_text())
    n, s = len(meta["countries"]), len(meta["industries"])
    zdf = pd.read_parquet(folder / "wiot_Z.parquet")
    Z = np.zeros((n * s, n * s))
    Z[zdf["row"].to_numpy(np.int64), zdf["col"].to_numpy(np.int64)] = zdf["value"].to_numpy(np.float64)
    fdf = pd.read_parquet(folder / "wiot_final.parquet")
    F = np.zeros((n * s, n, len(meta["final_categories"])))
    F[
        fdf["row"].to_numpy(np.int64),
        fdf["destination"].to_numpy(np.int64),
        fdf["category"].to_numpy(np.int64),
    ] = fdf["value"].to_numpy(np.float64)
    labels = {code: label for code, _, label in WIOD_INDUSTRIES}
    return WIOT(
        year=int(meta["year"]),
        countries=tuple(meta["countries"]),
        industries=tuple(meta["industries"]),
        industry_labels=tuple(meta.get("industry_labels") or [labels.get(c, c) for c in meta["industries"]]),
        Z=Z,
        final=F,
        output=pd.read_parquet(folder / "wiot_output.parquet")["output"].to_numpy(np.float64),
        provenance={k: v for k, v in meta.items() if k not in ("countries", "industries", "industry_labels")},
    )


def load_wiot(name: str = "wiod2011") -> WIOT:
    """The full world input-output table shipped with palanca (``"wiod2011"``: WIOD 2013 release,
    2011, 41 regions x 35 industries) for value-added decompositions.

    Returns
    -------
    WIOT
        ``Z`` (country-industry x country-industry intermediate use), ``final`` (by destination
        and category; ``final_by_destination`` sums categories), ``output``, ``value_added``,
        ``labels``, ``A``.
    """
    folder = SHIPPED / name
    if not (folder / "wiot.json").exists():
        have = sorted(p.parent.name for p in SHIPPED.glob("*/wiot.json"))
        raise DataFormatError(f"no shipped input-output table {name!r}; available: {', '.join(have) or 'none'}")
    return read_wiot_folder(folder)
