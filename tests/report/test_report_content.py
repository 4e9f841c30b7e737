"""What a report says: a summary from the stored numbers, how to read it, sector names, one scale per measure,
maps by state, comparators only beside figures of the same kind, and no cell with raw JSON or long decimals."""

from __future__ import annotations

import copy
import html as htmllib
import re

import pytest

from palanca.report import _charts as ch
from palanca.report import render_report
from palanca.report._comparators import comparator_rows
from palanca.report._format import fmt
from palanca.store import RunRecord, get_run, save_run


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    """A leverage run with a 1% remittance tax, and a remittance run, saved to a fresh store."""
    from palanca._api import leverage
    from palanca.flows import remittance_tax
    from palanca.store import record_leverage, record_remittance_tax

    store = tmp_path_factory.mktemp("content") / "s.duckdb"
    res = leverage("us-tariff-25-mex", draws=4, seed=1, remittance_tax=0.01)
    lev = save_run(record_leverage(res, {"wall_s": 1.0}), store)
    rem = remittance_tax(0.035, draws=20, seed=2)
    rid = save_run(record_remittance_tax(rem, {"wall_s": 0.1}), store)
    return store, lev, rid


def _cells(text: str) -> list[str]:
    return [htmllib.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", text, flags=re.S)]


def _significant(cell: str) -> int:
    digits = re.sub(r"[^0-9]", "", cell.split("e")[0]).lstrip("0")
    return len(digits.rstrip("0")) if "." not in cell else len(digits)


def test_leverage_report_opens_with_summary_how_to_read_and_methods(stored):
    store, lev, _ = stored
    run = get_run(lev, store)
    text = render_report(run)
    summary = re.search(r"<p class='summary'>(.*?)</p>", text, flags=re.S).group(1)
    sentences = re.split(r"(?<=[.])\s+(?=[A-Z])", htmllib.unescape(summary).strip())
    assert len(sentences) == 3, sentences
    verdict = run.result["headline"]["text"].rsplit(". ", 1)[-1].rstrip(".")
    assert verdict in htmllib.unescape(summary)  # the headline's own verdict, not a ratio computed here
    assert "remittance tax 1.0%" in summary  # the added channel is named
    assert "How to read this" in text
    assert "docs/leverage.md" in text


def test_cells_hold_no_json_nor_more_than_four_significant_digits(stored):
    store, lev, rid = stored
    for run_id in (lev, rid):
        text = render_report(get_run(run_id, store))
        cells = _cells(text)
        assert cells
        assert not [c for c in cells if c.lstrip().startswith(("{", "[")) or '": ' in c]
        numbers = [c for c in cells if re.fullmatch(r"[+-]?[0-9][0-9,]*\.[0-9]+", c.strip())]
        assert numbers and max(_significant(c) for c in numbers) <= 4, [c for c in numbers if _significant(c) > 4]
        assert "2,024" not in text and "2,025" not in text


def test_years_and_numbers_are_formatted():
    assert fmt(2024, "gdp_year") == "2024"
    assert fmt(0.154360338) == "0.1544"
    assert fmt(27870.44) == "27,870"
    assert fmt(-1.2141e-4) == "-0.0001214"
    assert fmt({"USA": 0.25}) == "USA 0.25"


def test_sector_names_everywhere_codes_on_hover(stored):
    store, lev, _ = stored
    r = get_run(lev, store).result
    panels = ch.fig_sector_panels(r)
    heat = panels.data[0]
    assert "Motor vehicles, trailers and semi-trailers…" in heat.y or any("Motor vehicles" in y for y in heat.y)
    assert not any(re.fullmatch(r"[A-Z][0-9T_AB]+", y) for y in heat.y)  # names, not ISIC codes
    assert any("C29" in row for row in heat.customdata)  # the code is on hover
    assert not any("output_pct_" in str(x) for x in heat.x)  # no raw keys on the axis
    text = render_report(get_run(lev, store))
    assert "title='C29'" in text


def test_each_measure_has_its_own_panel_and_colour_scale(stored):
    store, lev, _ = stored
    fig = ch.fig_sector_panels(get_run(lev, store).result)
    out, exp = fig.data[0], fig.data[1]
    assert out.coloraxis != exp.coloraxis
    lo = fig.layout[out.coloraxis]
    hi = fig.layout[exp.coloraxis]
    out_max = max(abs(v) for row in out.z for v in row)
    exp_max = max(abs(v) for row in exp.z for v in row)
    assert lo.cmax == pytest.approx(out_max) and hi.cmax == pytest.approx(exp_max)
    assert lo.cmax < 200 and hi.cmax <= 100  # export changes are bounded by -100%; the scale is the data's


def test_comparators_only_beside_the_same_kind(stored):
    store, lev, _ = stored
    r = get_run(lev, store).result
    two = ch.fig_leverage_comparison(r)
    plotted = [y for t in two.data for y in (t.y or ())]
    assert -13.0 not in plotted  # ifo's manufacturing value added is not on the %-of-income axis
    assert -200.0 not in plotted  # PIIE's cumulative USD figure is not on a % axis
    manuf = ch.fig_manufacturing_comparison(r)
    assert -13.0 in [y for t in manuf.data for y in t.y]
    synthetic = {
        "countries": [{"country": "USA", "real_income_pct": -0.04, "short_run_pct": 0.03, "total_usd_bn": -12.9}],
        "comparators": [
            {"source": "S", "country": "USA", "measure": "GDP", "value_usd_bn": -200.0, "value_pct": None,
             "note": "cumulative US GDP loss over 2025-2028"},
        ],
    }  # fmt: skip
    (row,) = comparator_rows(synthetic)
    assert row["published value"] == "-200 USD bn" and row["horizon"].startswith("cumulative over several years")
    assert "USD bn a year" in row["palanca, same kind of measure"]
    assert "not comparable as it stands" in row["palanca, same kind of measure"]
    assert ch.fig_leverage_comparison({**synthetic, "between": ["USA", "MEX"]}) is None  # one side only: no chart


def test_remittance_report_maps_mexican_and_us_states(stored):
    store, _, rid = stored
    r = get_run(rid, store).result
    mx = ch.fig_remittance_states(r["states"], r["rate"])
    us = ch.fig_remittance_us_states(r["us_states"])
    guerrero = next(s for s in r["states"] if s["state"] == "Guerrero")
    assert any(guerrero["change_pct_state_gdp"] in row for row in mx.data[0].z)
    assert any("Guerrero (GRO)" in c for row in mx.data[0].customdata for c in row)
    california = next(s for s in r["us_states"] if s["us_state"] == "CA")
    assert any(california["change_usd_m"] in row for row in us.data[0].z)
    filled = sum(v is not None for row in mx.data[0].z for v in row)
    assert filled == 32
    text = render_report(get_run(rid, store))
    summary = htmllib.unescape(re.search(r"<p class='summary'>(.*?)</p>", text, flags=re.S).group(1))
    assert f"{r['national_change_usd_bn']['central']:+,.3f} USD bn a year" in summary
    assert "docs/flows.md" in text


def test_a_stored_run_renders_its_stored_numbers_after_the_data_change(stored, tmp_path, monkeypatch):
    """The report re-runs nothing: change the stored by-state figure, break the remittance loaders, render."""
    store, lev, _ = stored
    run = get_run(lev, store)
    rec = copy.deepcopy(run.result)
    detail = next(iter(rec["other_channels_detail"].values()))
    guerrero = next(s for s in detail["states"] if s["state"] == "Guerrero")
    guerrero["change_pct_state_gdp"] = -0.4321  # a value no model run would give: only the stored record has it
    rid = save_run(
        RunRecord(kind="leverage", label="edited", params=dict(run.params), result=rec), tmp_path / "e.duckdb"
    )

    def broken(*a, **k):
        raise AssertionError("the report re-ran the remittance model")

    import palanca.data
    import palanca.flows

    monkeypatch.setattr(palanca.flows, "remittance_tax", broken)
    monkeypatch.setattr(palanca.data, "remittance_base", broken)
    monkeypatch.setattr(palanca.data, "load_remittances_mx_state", broken)
    text = render_report(get_run(rid, tmp_path / "e.duckdb"))
    assert "Guerrero (GRO): -0.4321 % of state GDP" in text
