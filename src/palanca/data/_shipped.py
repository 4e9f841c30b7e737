"""Compact Parquet (zstd) storage of a `World` with a JSON provenance record.

Folder layout (``shipped/<world>/``): ``flows.parquet`` (destination, origin, sector,
trade_usd_m, tariff), ``country_sector.parquet`` (country, sector, va_share),
``io.parquet`` (country, input_sector, sector, io — nonzero cells), ``countries.parquet``
(country, deficit_usd_m, extra columns such as gdp_usd_m), ``sectors.parquet`` (sector, label,
goods flag, one ``theta_<SET>`` column per elasticity set) and ``provenance.json`` (among it the
named ``sector_groups``, ``goods_sectors`` and, for an aggregate, ``mixed_sectors`` and
``sector_groups_absent``). Where ``provenance.json`` records ``goods_sectors`` (every world written
as it is, e.g. an aggregate), the goods flag is read back as the world's goods sectors.
Final-demand shares are not stored: they are re-derived on load from the stored flows with
`final_shares_from_flows`, so a loaded world satisfies goods-market clearing by construction.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from palanca.data._accounts import final_shares_from_flows
from palanca.data._sectors import sector_groups
from palanca.errors import DataFormatError
from palanca.model import World

__all__ = ["read_world", "write_world"]

_PQ = {"compression": "zstd", "compression_level": 19, "index": False}


def write_world(
    world: World,
    folder: str | Path,
    *,
    elasticity_sets: dict[str, np.ndarray] | None = None,
    default_elasticities: str = "default",
    country_columns: dict[str, np.ndarray] | None = None,
    goods: tuple[str, ...] | None = None,
    provenance: dict | None = None,
) -> dict[str, int]:
    """Write ``world`` to ``folder``; returns the file sizes in bytes.

    ``goods`` flags the goods sectors; ``None`` (a world written as it is) flags the world's own
    (`sector_groups`) and records them as ``goods_sectors``, so that `read_world` gives them back.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    n, j = world.n_countries, world.n_sectors
    C = pd.Categorical(world.countries, categories=world.countries)
    S = pd.Categorical(world.sectors, categories=world.sectors)
    d, o, s = np.meshgrid(np.arange(n), np.arange(n), np.arange(j), indexing="ij")
    flows = pd.DataFrame(
        {
            "destination": C[d.ravel()],
            "origin": C[o.ravel()],
            "sector": S[s.ravel()],
            "trade_usd_m": world.trade_usd_m.ravel(),
            "tariff": world.tariff.ravel().astype(np.float32),
        }
    )
    flows = flows[(flows["trade_usd_m"] != 0) | (flows["tariff"] != 0)]
    flows.to_parquet(folder / "flows.parquet", **_PQ)
    c, s2 = np.meshgrid(np.arange(n), np.arange(j), indexing="ij")
    pd.DataFrame({"country": C[c.ravel()], "sector": S[s2.ravel()], "va_share": world.va_share.ravel()}).to_parquet(
        folder / "country_sector.parquet", **_PQ
    )
    c3, k3, j3 = np.nonzero(world.io)
    pd.DataFrame({"country": C[c3], "input_sector": S[k3], "sector": S[j3], "io": world.io[c3, k3, j3]}).to_parquet(
        folder / "io.parquet", **_PQ
    )
    cols = {"country": list(world.countries), "deficit_usd_m": world.deficit_usd_m}
    cols.update({k: np.asarray(v) for k, v in (country_columns or {}).items()})
    pd.DataFrame(cols).to_parquet(folder / "countries.parquet", **_PQ)
    written_default = default_elasticities
    own_goods = goods is None
    if goods is None:
        goods = sector_groups(world)["goods"]
    if elasticity_sets is None:
        # A world written as it is (e.g. an aggregated one): its current theta under the name of its set, and the
        # other sets it carries, so that `read_world` gives back the same world and the same choice of sets.
        written_default = str(world.provenance.get("elasticities") or default_elasticities)
        carried = world.provenance.get("elasticity_sets") or {}
        sets = {k: np.asarray(v) for k, v in carried.items() if np.asarray(v).shape == (j,)}
        sets[written_default] = world.theta
    else:
        sets = elasticity_sets
    sec = pd.DataFrame(
        {
            "sector": list(world.sectors),
            "label": list(world.sector_labels),
            "goods": [code in goods for code in world.sectors],
        }
    )
    for k, v in sets.items():
        sec[f"theta_{k}"] = np.asarray(v, dtype=np.float64)
    sec.to_parquet(folder / "sectors.parquet", **_PQ)
    record = {
        "name": world.name,
        "year": world.year,
        "default_elasticities": default_elasticities,
        **dict(world.provenance),
        **(provenance or {}),
    }
    if elasticity_sets is None:
        record.update(name=world.name, year=world.year, default_elasticities=written_default)
    if own_goods:
        record["goods_sectors"] = list(goods)
    (folder / "provenance.json").write_text(json.dumps(record, indent=1, default=_jsonable) + "\n")
    return {p.name: p.stat().st_size for p in sorted(folder.iterdir()) if p.is_file()}


def _jsonable(v):
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, np.ndarray):
        return v.tolist()
    if isinstance(v, tuple | set):
        return list(v)
    return str(v)


def _goods_flagged(folder: Path, sec: pd.DataFrame, prov: dict) -> list[str]:
    """The goods sectors flagged in ``sectors.parquet``, checked against ``provenance.json``.

    A goods column that flags nothing while ``provenance.json`` names goods sectors is unset, and the
    provenance record stands; any other disagreement with ``sector_groups.goods`` is an error.
    """
    flagged = [str(c) for c, g in zip(sec["sector"], sec["goods"], strict=True) if bool(g)]
    named = (prov.get("sector_groups") or {}).get("goods")
    if not flagged and (named or prov.get("goods_sectors")):
        return list(prov["goods_sectors"])
    if named is not None and set(named) != set(flagged):
        raise DataFormatError(
            f"{folder.name}: sectors.parquet flags goods {flagged} but provenance.json sector_groups.goods is "
            f"{list(named)}; make them agree (write the world again with palanca.data.write_world)."
        )
    return flagged


def read_world(folder: str | Path, *, elasticities: str | None = None) -> World:
    """Read a world written by `write_world`; ``elasticities`` picks a stored ``theta_<SET>``."""
    folder = Path(folder)
    needed = ["flows.parquet", "country_sector.parquet", "io.parquet", "countries.parquet"]
    needed += ["sectors.parquet", "provenance.json"]
    missing = [f for f in needed if not (folder / f).exists()]
    if missing:
        raise DataFormatError(f"{folder} lacks {missing}; rebuild it with scripts/build_worlds.py.")
    prov = json.loads((folder / "provenance.json").read_text())
    if prov.get("sector_map") and "mixed_sectors" not in prov:
        source = prov.get("aggregated_from", "WORLD")
        raise DataFormatError(
            f"{folder}: this sector aggregate of {source} does not record which of its sectors are goods "
            "(provenance.json has no 'mixed_sectors'; it was written by an older palanca), so a tariff on goods "
            f"would tax its services too. Write it again: palanca world aggregate {source} --sectors MAP "
            f"[--regions MAP] --out {folder}"
        )
    countries = tuple(pd.read_parquet(folder / "countries.parquet")["country"].astype(str))
    cdf = pd.read_parquet(folder / "countries.parquet")
    sec = pd.read_parquet(folder / "sectors.parquet")
    sectors = tuple(sec["sector"].astype(str))
    n, j = len(countries), len(sectors)
    ci = {c: k for k, c in enumerate(countries)}
    si = {s: k for k, s in enumerate(sectors)}

    def codes(series: pd.Series, index: dict[str, int]) -> np.ndarray:
        return series.astype(str).map(index).to_numpy()

    f = pd.read_parquet(folder / "flows.parquet")
    X = np.zeros((n, n, j))
    tau = np.zeros((n, n, j))
    pos = (codes(f["destination"], ci), codes(f["origin"], ci), codes(f["sector"], si))
    X[pos] = f["trade_usd_m"].to_numpy(np.float64)
    tau[pos] = f["tariff"].to_numpy(np.float64)
    cs = pd.read_parquet(folder / "country_sector.parquet")
    beta = np.zeros((n, j))
    beta[codes(cs["country"], ci), codes(cs["sector"], si)] = cs["va_share"].to_numpy()
    iodf = pd.read_parquet(folder / "io.parquet")
    io = np.zeros((n, j, j))
    io[codes(iodf["country"], ci), codes(iodf["input_sector"], si), codes(iodf["sector"], si)] = iodf["io"]
    deficit = cdf["deficit_usd_m"].to_numpy(np.float64)
    key = elasticities or prov.get("default_elasticities", "default")
    col = f"theta_{key}"
    if col not in sec.columns:
        have = [c.removeprefix("theta_") for c in sec.columns if c.startswith("theta_")]
        raise DataFormatError(f"elasticity set {key!r} is not stored for {folder.name}; choose one of {have}.")
    alpha = final_shares_from_flows(X, tau, beta, io, deficit)
    prov = {**prov, "elasticities": key}
    if "goods_sectors" in prov and "goods" in sec.columns:
        prov["goods_sectors"] = _goods_flagged(folder, sec, prov)
    return World(
        name=str(prov["name"]),
        year=int(prov["year"]),
        countries=countries,
        sectors=sectors,
        sector_labels=tuple(sec["label"].astype(str)),
        trade_usd_m=X,
        tariff=tau,
        theta=sec[col].to_numpy(np.float64),
        va_share=beta,
        io=io,
        final_share=alpha,
        deficit_usd_m=deficit,
        provenance=prov,
    )
