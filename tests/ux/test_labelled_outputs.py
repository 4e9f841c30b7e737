"""Labelled outputs in Python: Equilibrium.to_xarray, result DataFrames, and the notebook view equal to the text."""

from __future__ import annotations

import html

import numpy as np
import pytest

from palanca.data import load_world
from palanca.model import rebase, solve
from palanca.scenarios import build_scenario, load_scenario


@pytest.fixture(scope="module")
def eq():
    built = build_scenario(load_scenario("us-tariff-25-mex"), load_world("world2023"))
    base = rebase(built.world, closure=built.closure)
    return solve(base, built.shock, closure=built.closure, baseline=base)


def test_to_xarray_labels_every_array(eq):
    ds = eq.to_xarray()
    w = eq.world
    assert ds.sizes == {"country": w.n_countries, "sector": w.n_sectors, "destination": w.n_countries,
                        "origin": w.n_countries}  # fmt: skip
    mex, usa = w.country_index("MEX"), w.country_index("USA")
    c29 = w.sector_index("C29")
    assert ds.real_income_hat.sel(country="MEX").item() == eq.real_income_hat[mex]
    assert ds.gross_output_hat.sel(country="MEX", sector="C29").item() == eq.gross_output_hat[mex, c29]
    # bilateral: destination USA buys from origin MEX, exactly the engine's [n, i, j] layout
    assert ds.trade_usd_m.sel(destination="USA", origin="MEX", sector="C29").item() == eq.trade_usd_m[usa, mex, c29]
    tau = ds.tariff.sel(destination="USA", origin="MEX", sector="C29").item()
    assert tau == eq.tariff[usa, mex, c29] and tau > w.tariff[usa, mex, c29]  # the US tariff on Mexican cars rose
    assert str(ds.sector_label.sel(sector="C29").item()).startswith("Motor vehicles")
    assert ds.attrs["world"] == "world2023" and ds.attrs["converged"] == 1
    # an identity on the labelled data: expenditure shares over origins sum to one
    np.testing.assert_allclose(ds.trade_share.sum("origin").values, 1.0, atol=1e-9)


def test_equilibrium_summary_is_the_notebook_view(eq):
    text = eq.summary
    assert str(eq) == text
    assert html.escape(text) in eq._repr_html_()
    assert text.splitlines()[0].startswith("Equilibrium on world world2023")
    first = eq.to_dict()["countries"]
    top = max(first, key=lambda r: abs(r["real_income_pct"]))
    assert top["country"] in text.splitlines()[4]  # the largest mover leads the table


def test_model_does_not_import_xarray_at_module_level():
    import subprocess
    import sys

    code = "import sys, palanca.model; assert 'xarray' not in sys.modules; assert 'pandas' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
