"""Applied tariffs on an aggregated world: the registry applied on the source world, then aggregated.

Two checks of the aggregated baseline: it equals `aggregate` run on the source world whose tariffs are the
applied ones (by construction), and, independently, a cell equals the trade-weighted mean of the source's
applied tariffs over the cell's members, computed here from the source arrays with the rule `aggregate`
documents (revenue-preserving: sum of tariff x flow over sum of flow, at the source's flows).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from palanca.data import ICIO_GOODS, aggregate, load_region_map, load_world, write_world
from palanca.errors import PolicyError
from palanca.policy import aggregate_source, applied_tariffs

AS_OF = "2026-07-24"


@pytest.fixture(scope="module")
def source():
    return load_world("world2023")


@pytest.fixture(scope="module")
def applied(source):
    return applied_tariffs(source, AS_OF)


@pytest.fixture(scope="module")
def regions_agg(source):
    return aggregate(source, load_region_map("usmca-china"), None)


@pytest.fixture(scope="module")
def sectors_agg(source):
    return aggregate(source, None, load_region_map("goods-services"))


@pytest.mark.parametrize("which", ["regions_agg", "sectors_agg"])
def test_aggregated_applied_tariffs_are_the_aggregate_of_the_source_applied_tariffs(which, request, source, applied):
    agg = request.getfixturevalue(which)
    src = aggregate_source(agg)
    assert src.world.name == "world2023"
    got = src.applied_tariffs(agg.tariff, AS_OF)
    expected = aggregate(
        dataclasses.replace(source, tariff=applied),
        load_region_map("usmca-china") if which == "regions_agg" else None,
        load_region_map("goods-services") if which == "sectors_agg" else None,
    ).tariff
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-15)
    assert not np.allclose(got, agg.tariff)  # the registry did change the baseline


def test_goods_cell_us_on_mexico_is_the_trade_weighted_mean_of_the_member_sectors(sectors_agg, source, applied):
    got = aggregate_source(sectors_agg).applied_tariffs(sectors_agg.tariff, AS_OF)
    n, i = source.country_index("USA"), source.country_index("MEX")
    members = [source.sector_index(s) for s in load_region_map("goods-services").groups["GDS"]]
    w = source.trade_usd_m[n, i, members]
    hand = float((w * applied[n, i, members]).sum() / w.sum())
    cell = got[sectors_agg.country_index("USA"), sectors_agg.country_index("MEX"), sectors_agg.sector_index("GDS")]
    assert cell == pytest.approx(hand, rel=1e-12)
    assert round(cell, 3) == 0.074  # docs/policy.md: 7.4% weighted by the 2023 flows
    base = float((w * source.tariff[n, i, members]).sum() / w.sum())
    assert hand > base + 0.01  # the 2025-26 measures on Mexico's non-USMCA goods raise it visibly


def test_merged_region_cell_is_the_trade_weighted_mean_of_its_members(regions_agg, source, applied):
    """The US tariff on EU27 motor vehicles: the registry's rates on each member, weighted by its exports."""
    got = aggregate_source(regions_agg).applied_tariffs(regions_agg.tariff, AS_OF)
    n, j = source.country_index("USA"), source.sector_index("C29")
    members = [source.country_index(c) for c in load_region_map("usmca-china").groups["EU27"]]
    w = source.trade_usd_m[n, members, j]
    hand = float((w * applied[n, members, j]).sum() / w.sum())
    cell = got[regions_agg.country_index("USA"), regions_agg.country_index("EU27"), regions_agg.sector_index("C29")]
    assert cell == pytest.approx(hand, rel=1e-12)


def test_a_folder_aggregate_matches_to_float32(tmp_path, regions_agg, source, applied):
    write_world(regions_agg, tmp_path / "uc")
    agg = load_world(tmp_path / "uc")
    got = aggregate_source(agg).applied_tariffs(agg.tariff, AS_OF)
    expected = aggregate(dataclasses.replace(source, tariff=applied), load_region_map("usmca-china"), None).tariff
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-7)  # the stored tariffs are float32


def _tamper(folder, column, change):
    f = pd.read_parquet(folder / "flows.parquet")
    row = (f["destination"] == "USA") & (f["origin"] == "MEX") & (f["sector"] == "C29")
    f.loc[row, column] = f.loc[row, column] + change
    f.to_parquet(folder / "flows.parquet", index=False)


@pytest.mark.parametrize(("column", "what"), [("trade_usd_m", "flows"), ("tariff", "tariffs")])
def test_an_aggregate_of_another_copy_of_the_source_is_refused(tmp_path, regions_agg, column, what):
    write_world(regions_agg, tmp_path / "uc")
    _tamper(tmp_path / "uc", column, 0.01 if column == "tariff" else 100.0)  # a point of tariff, 100 USD m
    fix = "aggregate it again: palanca world aggregate world2023 --regions usmca-china --out DIR"
    with pytest.raises(PolicyError, match=rf"does not reproduce its {what}.*USA from MEX, sector C29.*{fix}"):
        aggregate_source(load_world(tmp_path / "uc"))


def test_an_aggregate_of_a_world_palanca_cannot_load_is_refused(regions_agg):
    other = dataclasses.replace(regions_agg, provenance={**regions_agg.provenance, "aggregated_from": "my-world"})
    with pytest.raises(PolicyError, match="'my-world', which is not a world palanca loads by name"):
        aggregate_source(other)


def test_a_world_that_is_no_aggregate_is_refused(source):
    with pytest.raises(PolicyError, match="not an aggregate"):
        aggregate_source(source)


def test_an_aggregate_of_an_aggregate_is_told_to_aggregate_the_shipped_world_once(regions_agg):
    twice = aggregate(regions_agg, None, load_region_map("goods-services"))
    with pytest.raises(PolicyError, match=r"palanca world aggregate world2023 --regions MAP --sectors MAP --out DIR"):
        aggregate_source(twice)


def test_the_effective_rate_and_bilateral_rates_on_a_region_aggregate_are_the_source_worlds(regions_agg, source):
    from palanca.policy import effective_tariff_rate, tariffs_between

    # the US is not merged by usmca-china: its effective rate over the same flows is the full world's
    assert effective_tariff_rate(regions_agg, AS_OF) == pytest.approx(effective_tariff_rate(source, AS_OF), rel=1e-12)
    got = tariffs_between(regions_agg, "USA", "EU27", AS_OF)["trade_weighted"]
    members = [source.country_index(c) for c in load_region_map("usmca-china").groups["EU27"]]
    n = source.country_index("USA")
    tau = applied_tariffs(source, AS_OF)[n][members]
    w = source.trade_usd_m[n][members] * np.array([s in set(ICIO_GOODS) for s in source.sectors])
    assert got == pytest.approx(float((tau * w).sum() / w.sum()), rel=1e-12)  # not the registry on "EU27" itself
    assert round(got, 3) == 0.080  # docs/policy.md
