"""The dashboard API's validation messages: each names the field as the page shows it, the value as entered, the fix.

The page shows and takes tariffs in percent (25 for 25%) and sends fractions (0.25); the API takes fractions.
A tariff is therefore reported in percent, the unit of the page, beside the number that was sent, and the fix
gives both forms. The other inputs have the same unit on the page and in the API. The page checks its inputs
with the same rules and words before sending (`_page`), so a message reads the same wherever it is made.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

__all__ = ["TARIFF_RULE", "pct", "tariff_problem", "validation_message"]

TARIFF_RULE = "a tariff must lie between 0% and 200%"
_TARIFF_FIX = "enter it in % (25 for 25%); the API takes the fraction (0.25)"
_RUN_FIELDS = ("scenario", "tariffs", "theta_scale", "draws", "seed", "sigma")
_EXAMPLE = '{"scenario": "us-tariff-25-mex", "tariffs": [0.25, 0.25]}'

# name as the page shows it (or as the API names it, for inputs the page does not have), and the rule with its fix
_FIELDS: dict[str, tuple[str, str]] = {
    "scenario": ("scenario", "pick one of the library's scenarios (the page's list; GET /api/scenarios)"),
    "theta_scale": (
        "trade-elasticity scale",
        "use a factor above 0.05 and at most 5 (1 = the published elasticities)",
    ),
    "draws": ("Monte Carlo draws", "use a whole number from 0 to 100"),
    "seed": ("seed", "use a whole number from 0 to 2147483647"),
    "sigma": (
        "s.d. of the elasticity draws",
        "use a number of log-points from 0 to 2 (0.25 is the default)",
    ),
    "limit": ("runs per page", "use a whole number from 1 to 1000"),
    "offset": ("runs to skip", "use a whole number from 0"),
    "kind": ("kind", "use a run kind of at most 40 characters (leverage, scenario, bargain, …)"),
    "q": ("label contains", "use at most 120 characters"),
    "id": ("scenario", "pick one of the library's scenarios (the page's list; GET /api/scenarios)"),
    "table": ("table", "use a table name of at most 80 characters (a run's tables are listed by /api/runs/ID)"),
    "run_id": ("run id", "use a whole number (the list of stored runs, or `palanca runs list`, shows the ids)"),
    "sweep_id": ("sweep id", "use 1 to 64 letters, digits, '-' or '_' (`palanca runs list` shows the sweeps)"),
    "a": ("compare: first run id", "give two run ids (whole numbers)"),
    "b": ("compare: second run id", "give two run ids (whole numbers)"),
}


def pct(rate: float) -> str:
    """A fraction as the page writes it in percent: 0.25 -> ``25``, 2.5 -> ``250``, 0.075 -> ``7.5``."""
    x = 100 * rate
    if abs(x) >= 1e7:
        return f"{x:.4g}"
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _sent(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return f"{v!r}"[:60]


def tariff_problem(name: str, k: int, rate: Any) -> str:
    """The message for tariff block ``k`` (``name`` as the page labels it) sent as ``rate``."""
    if isinstance(rate, int | float) and not isinstance(rate, bool) and rate == rate:
        return f"{name} (tariffs[{k}]): {pct(rate)}% (sent as {_sent(rate)}) — {TARIFF_RULE}; {_TARIFF_FIX}"
    return f"{name} (tariffs[{k}]): {_sent(rate)} is not a number — {TARIFF_RULE}; {_TARIFF_FIX}"


def _shown(v: Any) -> str:
    if v is None:
        return "missing"
    if isinstance(v, str) and v.strip() == "":
        return "empty"
    if isinstance(v, dict | list):
        return "a JSON " + ("object" if isinstance(v, dict) else "list")
    return _sent(v)


def _one(e: Mapping[str, Any], body: Any, block_name: Callable[[int], str]) -> str:
    kind, loc, got = e.get("type", ""), tuple(e.get("loc", ())), e.get("input")
    where = loc[0] if loc else "body"
    path = [x for x in loc[1:]] if where in ("body", "query", "path") else list(loc)
    if kind == "json_invalid":
        why = (e.get("ctx") or {}).get("error", "")
        return f"the request body is not valid JSON ({why}) — send a JSON object such as {_EXAMPLE}"
    if not path:
        return f"the request body must be a JSON object (got {_shown(got)}) — send one such as {_EXAMPLE}"
    field = str(path[0])
    if kind == "missing":
        got = None
    if kind == "extra_forbidden":
        return f"{field}: not an input of a run (got {_shown(got)}) — remove it; a run takes " + ", ".join(_RUN_FIELDS)
    if field == "tariffs":
        if kind == "tariff_range":
            ctx = e.get("ctx") or {}
            return tariff_problem(block_name(int(ctx["index"])), int(ctx["index"]), ctx["rate"])
        if len(path) > 1 and isinstance(path[1], int):
            return tariff_problem(block_name(path[1]), path[1], got)
        if kind == "too_long":
            n = len(got) if isinstance(got, list) else "too many"
            return f"tariffs: {n} rates sent — send one rate per tariff block of the scenario (at most 64)"
        return f"tariffs: {_shown(got)} — send a list with one rate per tariff block, as fractions: [0.25, 0.25]"
    name, fix = _FIELDS.get(field, (field, str(e.get("msg", "invalid"))))
    named = name if name == field else f"{name} ({field})"
    return f"{named}: {_shown(got)} — {fix}"


def validation_message(
    errors: Sequence[Mapping[str, Any]], body: Any = None, block_names: Callable[[str], Sequence[str]] | None = None
) -> str:
    """One line per problem of a request (pydantic's ``errors()``), in the page's words and units.

    ``block_names`` gives the page's label of each tariff block of a scenario id (the request body's
    ``scenario``), so that a tariff is named as on the page; without it a block is named by its number.
    """
    names: Sequence[str] = ()
    if block_names is not None and isinstance(body, dict) and isinstance(body.get("scenario"), str):
        names = block_names(body["scenario"])

    def block_name(k: int) -> str:
        return names[k] if 0 <= k < len(names) else f"tariff {k + 1}"

    lines = list(dict.fromkeys(_one(e, body, block_name)[:400] for e in errors))
    return "\n".join(lines) or "invalid request"
