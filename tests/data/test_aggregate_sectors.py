"""A sector-aggregated world keeps which sectors are goods and the named groups its map leaves whole."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from palanca.cli import app
from palanca.data import (
    absent_sector_groups,
    aggregate,
    goods_mask,
    load_region_map,
    load_world,
    read_world,
    sector_groups,
    write_world,
)
from palanca.data._aggregate import RegionMap
from palanca.errors import DataFormatError, ScenarioError
from palanca.policy import resolve_sectors
from palanca.scenarios import build_scenario, parse_scenario

GOODS_25 = """
id = "goods-25"
title = "25% US tariff on Mexican goods"
date = "2025-02-01"
world = "world2023"
closure = "fixed_deficit"
description = "A 25% US tariff on every Mexican goods sector."

[[tariffs]]
imposer = "USA"
targets = ["MEX"]
sectors = ["goods"]
rate = 0.25
label = "25% on goods"
"""


@pytest.fixture(scope="module")
def w23():
    return load_world("world2023")


@pytest.fixture(scope="module")
def gs(w23):
    return aggregate(w23, None, load_region_map("goods-services"))


def _members(m: RegionMap, k: str, w23) -> list[int]:
    return [w23.sector_index(c) for c in m.groups[k]]


def test_goods_services_keeps_goods_and_totals(w23, gs):
    assert gs.sectors == ("GDS", "SRV")
    assert goods_mask(gs).tolist() == [True, False]
    assert sector_groups(gs)["goods"] == ("GDS",) and sector_groups(gs)["services"] == ("SRV",)
    assert gs.provenance["goods_sectors"] == ["GDS"] and gs.provenance["mixed_sectors"] == {}
    m = load_region_map("goods-services")
    for k in ("GDS", "SRV"):  # aggregated trade is the sum of its members'
        np.testing.assert_allclose(
            gs.trade_usd_m[:, :, gs.sector_index(k)], w23.trade_usd_m[:, :, _members(m, k, w23)].sum(axis=2), rtol=1e-12
        )
    g = goods_mask(w23)
    assert gs.trade_usd_m[:, :, 0].sum() == pytest.approx(w23.trade_usd_m[:, :, g].sum(), rel=1e-12)


def test_a_goods_tariff_taxes_goods_not_services(gs):
    built = build_scenario(parse_scenario(GOODS_25), gs)
    u, x = gs.country_index("USA"), gs.country_index("MEX")
    added = built.shock.tariff[u, x] - built.world.tariff[u, x]  # on top of the as-of baseline
    np.testing.assert_allclose(added, [0.25, 0.0], atol=1e-12)
    assert "(1 sectors)" in built.log[-1]


def test_groups_split_by_the_map_are_refused_by_name(gs):
    assert set(sector_groups(gs)) == {"goods", "services", "all"}
    assert "B05, B06, C19" in absent_sector_groups(gs)["energy"]
    want = (
        r"'energy', a group that world 'world2023:countries:goods-services'.*merged with other sectors into GDS"
        r".*Its groups: all, goods, services; sectors: GDS, SRV"
    )
    with pytest.raises(ScenarioError, match=want):
        resolve_sectors(gs, ("goods", "-energy"), "tariffs[0].sectors")


def test_a_group_merged_with_itself_survives(w23):
    a = aggregate(w23, load_region_map("usmca-china"), load_region_map("broad"))
    groups = sector_groups(a)
    assert groups["autos"] == ("AUT",) and groups["energy"] == ("ENE",) and groups["metals"] == ("MET",)
    assert groups["electrical"] == ("ELE",) and groups["agrifood"] == ("AGR",)
    assert groups["goods"] == ("AGR", "ENE", "MIN", "MET", "ELE", "AUT", "MAN") and groups["services"] == ("SRV",)
    # merged with other sectors: electronics (C26) shares ELE with C27, manufacturing shares AGR with A01-A03
    for name in ("electronics", "steel", "manufacturing", "transport_equipment", "mining"):
        assert name not in groups and name in absent_sector_groups(a)
    assert resolve_sectors(a, ("goods", "-energy"), "x").tolist() == [True, False, True, True, True, True, True, False]


def test_a_mixed_sector_is_not_goods_and_splits_its_groups(w23):
    codes = w23.sectors
    m = RegionMap("mixed", "sectors", {"AUTSRV": ("C29", "D35T98"), "REST": tuple(c for c in codes[:-1] if c != "C29")})
    a = aggregate(w23, None, m)
    assert a.provenance["mixed_sectors"] == {"AUTSRV": {"goods": ["C29"], "other": ["D35T98"]}}
    assert goods_mask(a).tolist() == [False, True]
    assert "services" not in sector_groups(a) and "autos" in absent_sector_groups(a)
    with pytest.raises(ScenarioError, match=r"'autos'.*into AUTSRV"):
        resolve_sectors(a, ("autos",), "tariffs[0].sectors")
    built = build_scenario(parse_scenario(GOODS_25), a)
    u, x = a.country_index("USA"), a.country_index("MEX")
    np.testing.assert_allclose(built.shock.tariff[u, x] - built.world.tariff[u, x], [0.0, 0.25], atol=1e-12)


def test_regions_only_aggregates_keep_the_world_record(w23):
    a = aggregate(w23, load_region_map("north-america"), None)
    for key in ("goods_sectors", "sector_groups"):
        assert a.provenance[key] == w23.provenance[key]
    assert "mixed_sectors" not in a.provenance and "sector_groups_absent" not in a.provenance
    assert sector_groups(a) == sector_groups(w23)


def test_write_read_round_trip_keeps_goods_and_groups(w23, tmp_path):
    a = aggregate(w23, load_region_map("usmca-china"), load_region_map("broad"))
    write_world(a, tmp_path / "agg")
    sec = pd.read_parquet(tmp_path / "agg" / "sectors.parquet")
    assert sec["goods"].tolist() == goods_mask(a).tolist()
    back = read_world(tmp_path / "agg")
    np.testing.assert_allclose(back.trade_usd_m, a.trade_usd_m, rtol=1e-12)  # tariffs are stored as float32
    assert sector_groups(back) == sector_groups(a) and absent_sector_groups(back) == absent_sector_groups(a)
    assert goods_mask(back).tolist() == goods_mask(a).tolist()
    # the goods flag is the record: a folder whose flag and groups disagree is refused
    sec.loc[sec["sector"] == "SRV", "goods"] = True
    sec.to_parquet(tmp_path / "agg" / "sectors.parquet", index=False)
    with pytest.raises(DataFormatError, match=r"flags goods .*'SRV'.*sector_groups.goods"):
        read_world(tmp_path / "agg")


def test_cli_aggregate_then_scenario_run(tmp_path):
    runner = CliRunner()
    out = tmp_path / "gs"
    r = runner.invoke(app, ["world", "aggregate", "world2023", "--sectors", "goods-services", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert "goods sectors: GDS" in r.output and "energy" in r.output
    scen = tmp_path / "goods-25.toml"
    scen.write_text(GOODS_25)
    r = runner.invoke(app, ["scenario", "run", str(scen), "--world", str(out), "--json", "--no-store"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.output[r.output.index("{") :])
    mex = next(c for c in d["countries"] if c["country"] == "MEX")
    assert -3.0 < mex["real_income_pct"] < -1.5
    srv = [s for s in d["sectors"] if s["sector"] == "SRV" and s["country"] == "MEX"]
    assert srv and srv[0]["export_pct"] > -20  # services exports are not taxed
    r = runner.invoke(app, ["scenario", "run", "us-tariff-25-mex", "--world", str(out), "--no-store"])
    assert r.exit_code != 0 and "'energy', a group that world" in r.output


def test_a_sector_aggregate_that_records_no_goods_is_refused_with_the_command_that_rewrites_it(w23, tmp_path):
    a = aggregate(w23, None, load_region_map("goods-services"))
    write_world(a, tmp_path / "agg")
    prov_path = tmp_path / "agg" / "provenance.json"
    prov = json.loads(prov_path.read_text())
    for key in ("mixed_sectors", "sector_groups_absent"):  # as a folder of an older palanca has it
        prov.pop(key, None)
    prov["goods_sectors"] = list(w23.provenance["goods_sectors"])  # its source world's codes
    prov_path.write_text(json.dumps(prov))
    with pytest.raises(DataFormatError, match=r"does not record which of its sectors are goods .* palanca world "
                       r"aggregate world2023 --sectors MAP \[--regions MAP\] --out "):  # fmt: skip
        read_world(tmp_path / "agg")
    regions_only = aggregate(w23, load_region_map("usmca-china"), None)  # no sector map: nothing to record
    write_world(regions_only, tmp_path / "reg")
    assert read_world(tmp_path / "reg").sectors == w23.sectors
