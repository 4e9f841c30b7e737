"""The elasticity sets of the shipped ICIO worlds."""

from __future__ import annotations

import numpy as np
import pytest

from palanca.data import ICIO_GOODS, elasticity_sets, load_world


@pytest.mark.parametrize("name", ["world2023", "icio2022"])
def test_services_aggregate_is_four_in_every_set(name):
    """Fontagné, Guimbard & Orefice (2022, JIE 137:103593) estimate tariff elasticities on HS6 goods;
    their Table 8 row for ISIC 90-93 (-8.35) comes from the goods classified there, not from services,
    so the services aggregate takes the value every other set uses (4)."""
    w = load_world(name)
    sv = [j for j, s in enumerate(w.sectors) if s not in ICIO_GOODS]
    assert [w.sectors[j] for j in sv] == ["D35T98"]
    sets = elasticity_sets(w)
    assert set(sets) == {"BSY", "CP", "FGO", "GYY", "IS", "LL", "Shap", "U4"}
    for code, theta in sets.items():
        assert theta[sv] == pytest.approx([4.0]), code
    np.testing.assert_allclose(w.theta[sv], 4.0)
    assert w.provenance["services_theta"]["replaced"] == {"FGO": 8.35}
    # FGO's goods values are Table 8's |epsilon|, e.g. food 4.17, chemicals 10.56
    fgo = sets["FGO"]
    assert fgo[w.sector_index("C10T12")] == pytest.approx(4.17)
    assert fgo[w.sector_index("C20")] == pytest.approx(10.56)
