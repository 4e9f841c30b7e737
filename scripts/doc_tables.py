"""Print the result tables of the user guide as markdown, from fresh palanca runs.

    .venv/bin/python scripts/doc_tables.py scenarios     # docs/scenarios.md: every scenario and variant
    .venv/bin/python scripts/doc_tables.py sets          # docs/elasticities.md: Mexico's loss under each set
    .venv/bin/python scripts/doc_tables.py band [DRAWS]  # the 5-95% bands of us-tariff-25-mex (500 draws, seed 0)

Every run is `palanca._api.leverage` on the scenario's own world and baseline date (fixed deficits unless the
scenario says otherwise), central elasticities (FGO) for the tables, no elasticity draws unless stated.
"""

from __future__ import annotations

import sys

import palanca._api as api

COUNTRIES = ("USA", "MEX", "CAN", "CHN")


def _ids() -> list[str]:
    out = []
    for sc in api.list_scenarios():
        out.append(sc.id)
        out.extend(f"{sc.id}/{v.id}" for v in sc.variants)
    return out


def _minus(x: float, fmt: str) -> str:
    return format(x, fmt).replace("-", "−")


def scenarios() -> None:
    print("| scenario | as of | USA % | MEX % | CAN % | CHN % | USA USD bn | MEX USD bn |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for ref in _ids():
        r = api.leverage(ref, ("USA", "MEX"), draws=0, seed=0).to_dict()
        by = {c["country"]: c for c in r["countries"]}
        as_of = r["inputs"].get("as_of") or r["inputs"]["scenario"].get("as_of") or str(api.newest_date())
        pct = " | ".join(_minus(by[c]["real_income_pct"], "+.2f") for c in COUNTRIES)
        usd = " | ".join(_minus(by[c]["real_income_usd_bn"], "+.1f") for c in ("USA", "MEX"))
        print(f"| `{ref}` | {as_of} | {pct} | {usd} |")


def sets() -> None:
    r = api.leverage("us-tariff-25-mex", ("USA", "MEX"), draws=8, seed=0).to_dict()
    by_set = r["uncertainty"]["real_income_pct_by_elasticity_set"]
    print("| set | USA % | MEX % |")
    print("| --- | --- | --- |")
    rows = sorted(by_set.items(), key=lambda kv: -kv[1]["MEX"])
    for name, v in rows:
        print(f"| {name} | {_minus(v['USA'], '+.2f')} | {_minus(v['MEX'], '+.2f')} |")


def band(draws: int = 500) -> None:
    for span in (True, False):
        r = api.leverage("us-tariff-25-mex", ("USA", "MEX"), draws=draws, seed=0, span_sets=span).to_dict()
        label = "all sets" if span else "within FGO only"
        for c in r["countries"][:2]:
            print(
                f"{label}: {c['country']} central {c['real_income_pct']:+.2f}%, median {c['median_pct']:+.2f}%, "
                f"5-95% [{c['low_pct']:+.2f}%, {c['high_pct']:+.2f}%] ({r['uncertainty']['converged_draws']} of "
                f"{draws} draws, seed 0)"
            )


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "scenarios"
    if what == "scenarios":
        scenarios()
    elif what == "sets":
        sets()
    elif what == "band":
        band(int(sys.argv[2]) if len(sys.argv) > 2 else 500)
    else:
        raise SystemExit(f"unknown table {what!r}: scenarios, sets or band")
