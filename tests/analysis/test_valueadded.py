"""Value-added content and the gross-exports decomposition: identities and a hand-computed case."""

from __future__ import annotations

import numpy as np
import pytest

from palanca.analysis import decompose_exports
from palanca.data import load_world
from palanca.model import World, calc_va_content


def _two_country_world() -> World:
    """2 countries x 1 sector, no tariffs; beta = 0.5 and 0.6.

    Trade [dest, origin]: A buys 80 from itself and 20 from B; B buys 30 from A and 70 from itself.
    """
    X = np.array([[80.0, 20.0], [30.0, 70.0]])[:, :, None]
    return World(
        name="hand",
        year=2000,
        countries=("AAA", "BBB"),
        sectors=("G",),
        sector_labels=("goods",),
        trade_usd_m=X,
        tariff=np.zeros((2, 2, 1)),
        theta=np.array([4.0]),
        va_share=np.array([[0.5], [0.6]]),
        io=np.ones((2, 1, 1)),
        final_share=np.ones((2, 1)),
        deficit_usd_m=X.sum(axis=(1, 2)) - X.sum(axis=(0, 2)),
    )


def test_hand_computed_two_country_content():
    w = _two_country_world()
    content, tariff_content = calc_va_content(w.trade_share, w.tariff, w.va_share, w.io)
    # sourcing shares: A buys 0.8 from A, 0.2 from B; B buys 0.3 from A, 0.7 from B.
    # A[m, i] = (1 - beta_i) * s[i, m]:  a_AA = 0.5*0.8, a_BA = 0.5*0.2, a_AB = 0.4*0.3, a_BB = 0.4*0.7
    a_AA, a_BA, a_AB, a_BB = 0.40, 0.10, 0.12, 0.28
    det = (1 - a_AA) * (1 - a_BB) - a_AB * a_BA
    B = np.array([[1 - a_BB, a_AB], [a_BA, 1 - a_AA]]) / det  # (I - A)^-1 for 2 x 2
    expected_A_in_A = 0.5 * B[0, 0]
    expected_B_in_A = 0.6 * B[1, 0]
    assert content[0, 0, 0] == pytest.approx(expected_A_in_A, rel=1e-12)
    assert content[1, 0, 0] == pytest.approx(expected_B_in_A, rel=1e-12)
    assert expected_A_in_A + expected_B_in_A == pytest.approx(1.0)
    np.testing.assert_allclose(tariff_content, 0.0, atol=1e-15)
    dec = decompose_exports(w, "AAA", "BBB")
    assert dec.gross_exports_usd_m == pytest.approx(30.0)
    assert dec.by_source_usd_m["BBB"] == pytest.approx(30.0 * expected_B_in_A)


@pytest.fixture(scope="module")
def w2023():
    return load_world("world2023")


def test_content_columns_sum_to_one_with_tariff_content(w2023):
    content, tariff_content = calc_va_content(w2023.trade_share, w2023.tariff, w2023.va_share, w2023.io)
    np.testing.assert_allclose(content.sum(axis=0) + tariff_content, 1.0, atol=1e-10)
    assert np.all(content >= -1e-12)


def test_decomposition_terms_sum_to_gross_exports(w2023):
    dec = decompose_exports(w2023, "MEX", "USA")
    total = sum(dec.by_source_usd_m.values()) + dec.tariff_content_usd_m
    assert total == pytest.approx(dec.gross_exports_usd_m, rel=1e-10)
    # the "China backdoor": China is among the largest foreign sources in Mexico's exports to the US
    top = [c for c, _ in dec.top_foreign(3)]
    assert "CHN" in top and "USA" in top
    assert 0.2 < dec.foreign_usd_m / dec.gross_exports_usd_m < 0.6


def test_scopes_are_labelled_and_goods_exclude_services(w2023):
    """'MEX's goods exports to USA' holds no services; the goods-and-services figure is labelled as such."""
    from palanca.data import ICIO_GOODS

    us, mx = w2023.country_index("USA"), w2023.country_index("MEX")
    goods = [w2023.sector_index(s) for s in ICIO_GOODS]
    g = decompose_exports(w2023, "MEX", "USA")
    a = decompose_exports(w2023, "MEX", "USA", scope="all")
    assert g.gross_exports_usd_m == pytest.approx(w2023.trade_usd_m[us, mx, goods].sum(), rel=1e-12)
    assert a.gross_exports_usd_m == pytest.approx(w2023.trade_usd_m[us, mx].sum(), rel=1e-12)
    assert "D35T98" not in g.by_sector_usd_m and "D35T98" in a.by_sector_usd_m
    assert g.label == "MEX's goods exports to USA" and a.label == "MEX's goods and services exports to USA"
    # services exports carry more domestic value added than goods exports
    assert a.share("MEX") > g.share("MEX")


def test_china_share_of_mexican_manufacturing_exports_beside_tiva(w2023):
    """OECD TiVA: China's share of the value added in Mexico's manufacturing exports, 9.5% (2020).
    palanca's 2023 world (WIOD 2011 input structure) puts it lower; the gap stays within 3 pp."""
    from palanca.analysis._valueadded import TIVA_CHN_SHARE_MEX_MANUFACTURING

    m = decompose_exports(w2023, "MEX", None, scope="manufacturing")
    mx = w2023.country_index("MEX")
    manuf = [j for j, s in enumerate(w2023.sectors) if s.startswith("C")]
    world_exports = w2023.trade_usd_m[:, mx, manuf].sum() - w2023.trade_usd_m[mx, mx, manuf].sum()
    assert m.gross_exports_usd_m == pytest.approx(world_exports, rel=1e-12)
    assert m.label == "MEX's manufacturing exports to the world"
    assert abs(m.share("CHN") - TIVA_CHN_SHARE_MEX_MANUFACTURING["share"]) < 0.03
