"""Aggregation of worlds to regions and broad sectors preserves the accounts."""

from __future__ import annotations

import numpy as np
import pytest

from palanca.data import aggregate, list_region_maps, load_region_map, load_world
from palanca.data._aggregate import RegionMap
from palanca.errors import DataFormatError
from palanca.model import solve


@pytest.fixture(scope="module")
def w23():
    return load_world("world2023")


def test_shipped_maps():
    assert {"usmca-china", "north-america", "goods-services", "broad"} <= set(list_region_maps())
    m = load_region_map("usmca-china")
    assert list(m.groups)[:4] == ["USA", "MEX", "CAN", "CHN"] and len(m.groups["EU27"]) == 27


def test_usmca_china_aggregate_is_consistent(w23):
    a = aggregate(w23, load_region_map("usmca-china"), load_region_map("broad"))
    assert a.countries == ("USA", "MEX", "CAN", "CHN", "EU27", "RAS", "LAM", "ROW")
    assert a.sectors == ("AGR", "ENE", "MIN", "MET", "ELE", "AUT", "MAN", "SRV")
    # totals preserved
    assert a.trade_usd_m.sum() == pytest.approx(w23.trade_usd_m.sum(), rel=1e-12)
    assert a.value_added_usd_m.sum() == pytest.approx(w23.value_added_usd_m.sum(), rel=1e-12)
    assert a.tariff_revenue_usd_m.sum() == pytest.approx(w23.tariff_revenue_usd_m.sum(), rel=1e-9)
    # single-country regions keep their accounts
    u = w23.country_index("USA")
    assert a.deficit_usd_m[0] == pytest.approx(w23.deficit_usd_m[u])
    assert a.value_added_usd_m[1] == pytest.approx(w23.value_added_usd_m[w23.country_index("MEX")])
    mex_usa_autos = w23.trade_usd_m[u, w23.country_index("MEX"), w23.sector_index("C29")]
    assert a.trade_usd_m[0, 1, a.sector_index("AUT")] == pytest.approx(mex_usa_autos)
    # EU deficit = sum of members
    eu = [w23.country_index(c) for c in load_region_map("usmca-china").groups["EU27"]]
    assert a.deficit_usd_m[4] == pytest.approx(w23.deficit_usd_m[eu].sum())
    # still an exact equilibrium: zero residual and a zero shock changes nothing
    assert np.abs(a.expenditure_residual_usd_m()).max() < 1e-6 * a.absorption_usd_m.max()
    np.testing.assert_allclose(solve(a).real_income_hat, 1.0, atol=1e-10)


def test_map_errors(w23, tmp_path):
    with pytest.raises(DataFormatError, match="in both"):
        RegionMap("x", "regions", {"A": ("USA",), "B": ("USA",)})
    with pytest.raises(DataFormatError, match="does not place"):
        aggregate(w23, RegionMap("x", "regions", {"A": ("USA",)}))
    with pytest.raises(DataFormatError, match="lacks"):
        aggregate(w23, RegionMap("x", "regions", {"A": ("ZZZ",)}, default="ROW"))
    with pytest.raises(DataFormatError, match="shipped map"):
        load_region_map("nope")
    p = tmp_path / "m.toml"
    p.write_text('name = "m"\n[groups]\nA = ["USA"]\n')
    with pytest.raises(DataFormatError, match=r"\[regions\] or \[sectors\]"):
        load_region_map(p)
