"""The baseline of `palanca tariff optimal | war` on an aggregated world: the registry on its source, aggregated."""

from __future__ import annotations

import numpy as np

from palanca.analysis._strategic import strategic_baseline
from palanca.data import aggregate, load_region_map, load_world
from palanca.model import Closure
from palanca.policy import aggregate_source, applied_tariffs


def test_strategic_baseline_of_an_aggregate_is_the_registry_on_its_source():
    agg = aggregate(load_world("world2023"), None, load_region_map("goods-services"))
    base, date, how = strategic_baseline(agg, "2026-07-24", Closure.FIXED_DEFICIT)
    assert (
        how == "the tariffs in force on 2026-07-24 (palanca policy registry, on the source world world2023, aggregated)"
    )
    expected = aggregate_source(agg).applied_tariffs(agg.tariff, date)
    np.testing.assert_allclose(base.tariff, expected, rtol=1e-12)
    _, _, before = strategic_baseline(agg, "2025-02-03", Closure.FIXED_DEFICIT)  # nothing in force yet
    assert before.endswith("none beyond the world's 2023 tariffs")
    assert np.array_equal(aggregate_source(agg).applied_tariffs(agg.tariff, "2025-02-03"), agg.tariff)
    assert np.array_equal(applied_tariffs(load_world("world2023"), "2025-02-03"), load_world("world2023").tariff)
