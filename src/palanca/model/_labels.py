"""Country and sector labels attached to an `Equilibrium`'s arrays, at the edge: ``Equilibrium.to_xarray``.

xarray is imported inside the function (it is not needed to solve anything, and ``model/`` keeps no table
library at module level). Dimension names follow the project's vocabulary: ``country`` and ``sector`` for
country-by-sector arrays, ``destination`` and ``origin`` for bilateral ones (``X[n, i, j]``: n buys from i).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import xarray

    from palanca.model._results import Equilibrium

__all__ = ["equilibrium_to_xarray"]

_BY_COUNTRY = (
    ("wage_hat", "wage change, new/old"),
    ("income_hat", "nominal income change, new/old"),
    ("price_index_hat", "consumer price index change, new/old"),
    ("real_wage_hat", "real wage change, new/old"),
    ("real_income_hat", "real income change (I/P), new/old"),
    ("employment_hat", "employment change, new/old"),
    ("income_usd_m", "counterfactual income, USD m"),
    ("deficit_usd_m", "counterfactual trade deficit, USD m"),
    ("tariff_revenue_usd_m", "counterfactual tariff revenue, USD m"),
)
_BY_COUNTRY_SECTOR = (
    ("price_hat", "sectoral price index change by destination, new/old"),
    ("cost_hat", "input-bundle cost change by origin, new/old"),
    ("gross_output_hat", "gross output change, new/old"),
    ("gross_output_usd_m", "counterfactual gross output, USD m"),
    ("expenditure_usd_m", "counterfactual expenditure (tariff-inclusive), USD m"),
    ("employment_sector_hat", "employment change by sector, new/old"),
)
_BILATERAL = (
    ("trade_share", "expenditure share pi[n, i, j] of destination n on origin i in sector j"),
    ("trade_usd_m", "counterfactual trade at producer prices, USD m"),
    ("trade_hat", "trade change, new/old"),
    ("tariff", "counterfactual tariff of destination n on origin i, fraction"),
)


def equilibrium_to_xarray(eq: Equilibrium) -> xarray.Dataset:
    """The equilibrium's arrays as one labelled `xarray.Dataset` (changes as ratios new/old, levels in USD m).

    Dimensions: ``country`` (N), ``sector`` (J, with a ``sector_label`` coordinate) and ``destination``/``origin``
    (N each) for bilateral arrays. Attributes carry the world's name, the closure and the solver status.
    """
    try:
        import xarray as xr
    except ImportError:  # pragma: no cover - xarray is a core dependency
        raise ImportError("Equilibrium.to_xarray needs xarray: pip install 'xarray>=2024.1'.") from None
    w = eq.world
    countries, sectors = list(w.countries), list(w.sectors)
    data: dict[str, Any] = {}
    for name, desc in _BY_COUNTRY:
        data[name] = xr.Variable(("country",), getattr(eq, name), attrs={"description": desc})
    for name, desc in _BY_COUNTRY_SECTOR:
        data[name] = xr.Variable(("country", "sector"), getattr(eq, name), attrs={"description": desc})
    for name, desc in _BILATERAL:
        data[name] = xr.Variable(("destination", "origin", "sector"), getattr(eq, name), attrs={"description": desc})
    coords = {
        "country": countries,
        "destination": countries,
        "origin": countries,
        "sector": sectors,
        "sector_label": ("sector", list(w.sector_labels)),
    }
    attrs = {
        "world": w.name,
        "closure": str(getattr(eq.closure, "value", eq.closure)),
        "status": eq.status,
        "converged": int(eq.converged),
        "iterations": int(eq.iterations),
        "residual": float(eq.residual),
        "method": eq.method,
    }
    return xr.Dataset(data, coords=coords, attrs=attrs)
