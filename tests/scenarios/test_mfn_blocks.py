"""An MFN tariff block can never be read as "add 0": the schema, the builder and the dashboard's request path."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from palanca.data import load_world
from palanca.errors import ScenarioError
from palanca.scenarios import TariffBlock, build_scenario, load_scenario


@pytest.fixture(scope="module")
def w():
    return load_world("world2023")


def test_an_mfn_block_has_no_rate_and_refuses_one():
    sc = load_scenario("usmca-collapse")
    b = sc.tariffs[0]
    assert b.mode == "mfn" and b.rate is None
    with pytest.raises(ScenarioError, match=r'an "mfn" block takes the imposer\'s MFN schedule and has no rate'):
        dataclasses.replace(b, rate=0.0)
    with pytest.raises(ScenarioError, match="applies MFN rates and has no rate to set"):
        b.with_rate(0.0)
    with pytest.raises(ScenarioError, match=r'a mode = "add" block needs a rate'):
        TariffBlock(imposer="USA", targets=("MEX",), sectors=("goods",), rate=None)


def test_dashboard_rates_leave_mfn_blocks_as_they_are(w):
    # The dashboard sends one rate per block, 0 for MFN blocks; the run must equal the library scenario
    # (Mexico lost -0.000% instead of the scenario's loss when MFN blocks became "add 0").
    pytest.importorskip("pydantic")
    from palanca.web._service import _apply

    sc = load_scenario("usmca-collapse")
    sent = _apply(sc, [0.0] * (len(sc.tariffs) + len(sc.retaliation)))
    assert [b.mode for b in sent.tariffs] == ["mfn"] * len(sc.tariffs)
    a, b = build_scenario(sc, w), build_scenario(sent, w)
    np.testing.assert_array_equal(a.shock.tariff, b.shock.tariff)
    us, mx = w.country_index("USA"), w.country_index("MEX")
    assert (b.shock.tariff[us, mx] - b.world.tariff[us, mx]).max() > 0.01  # the MFN tariff is really there
