"""pandas DataFrames of analysis results, labelled by country and sector (pandas is imported only when called)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["LEVERAGE_TABLES", "leverage_frame"]

LEVERAGE_TABLES = ("countries", "sectors", "groups", "by_elasticity_set")


def leverage_frame(result: Any, table: str = "countries") -> pd.DataFrame:
    """One table of a `LeverageResult` as a DataFrame.

    ``countries``: one row per country (index ``country``), the columns of ``to_dict()["countries"]`` (% of income,
    USD bn a year, the 5–95% band). ``sectors``: one row per sector and country of the pair (index ``sector``,
    ``country``, with the ``label`` and ``partner``), % changes of output and of exports to the partner, baseline
    exports. ``groups``: sector groups × countries, % change of gross output.
    ``by_elasticity_set``: elasticity sets × countries, real-income change in %.
    """
    import pandas as pd

    d = result.to_dict()
    if table == "countries":
        return pd.DataFrame(d["countries"]).set_index("country")
    if table == "sectors":
        return pd.DataFrame(d["sectors"]).set_index(["sector", "country"])
    if table == "groups":
        rows = pd.DataFrame(d["groups"], columns=["group", "country", "output_pct"])
        frame = rows.pivot(index="group", columns="country", values="output_pct")
        return frame.reindex(index=list(dict.fromkeys(rows["group"])), columns=list(dict.fromkeys(rows["country"])))
    if table == "by_elasticity_set":
        frame = pd.DataFrame(d["uncertainty"]["real_income_pct_by_elasticity_set"]).T
        frame.index.name, frame.columns.name = "elasticity_set", "country"
        return frame
    raise ValueError(f"table = {table!r}: choose one of {', '.join(LEVERAGE_TABLES)}.")
