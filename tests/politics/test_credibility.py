"""Credibility from the record: the shipped event log, Beta posteriors by hand, as-of, backtest, timeline."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from palanca.cli import app
from palanca.data import CoercionEvent, load_coercion_events
from palanca.errors import DataFormatError
from palanca.politics import backtest_credibility, bargain_timeline, episodes_as_of, threat_credibility

D = dt.date.fromisoformat


def _ev(ep, date, who, target, kind, outcome=""):
    return CoercionEvent(ep, D(date), who, target, kind, outcome, "", "https://example.org")


def test_shipped_log_is_dated_sourced_and_has_the_key_events():
    ev = load_coercion_events()
    assert list(ev) == sorted(ev, key=lambda e: e.date)
    assert all(e.source.startswith("http") for e in ev)
    keyed = {(e.episode, e.date.isoformat(), e.kind, e.outcome) for e in ev}
    # facts checked against the cited pages (PROVENANCE.md)
    assert ("us-mex-2019-migration", "2019-05-30", "threat", "") in keyed
    assert ("us-mex-2019-migration", "2019-06-07", "outcome", "suspended") in keyed
    assert ("us-mex-2025-ieepa-feb", "2025-02-03", "outcome", "suspended") in keyed
    assert ("us-mex-2025-ieepa-mar", "2025-03-04", "outcome", "executed") in keyed
    assert ("us-mex-2025-ieepa-mar", "2025-03-07", "outcome", "partly_executed") in keyed
    assert ("us-mex-2025-ieepa-mar", "2026-02-20", "ruling", "struck_down") in keyed
    assert ("usmca-review-2026", "2026-07-01", "review", "not_extended") in keyed
    assert {e.target for e in ev if e.threatener == "USA"} == {"MEX", "CAN", "CHN"}


def test_bad_event_rows_name_the_field(tmp_path):
    with pytest.raises(DataFormatError, match="kind = 'tweet'"):
        _ev("x", "2025-01-01", "USA", "MEX", "tweet")
    with pytest.raises(DataFormatError, match="outcome = ''; an outcome row needs"):
        _ev("x", "2025-01-01", "USA", "MEX", "outcome")
    bad = tmp_path / "ev.csv"
    bad.write_text(
        "episode,date,threatener,target,kind,outcome,summary,source\nx,1/2/2025,USA,MEX,threat,,s,http://a\n"
    )
    with pytest.raises(DataFormatError, match="date = '1/2/2025'; write YYYY-MM-DD"):
        load_coercion_events(bad)


def test_posterior_by_hand_as_of_1_june_2019():
    """Known by 1 Jun 2019: US-MEX steel 232 executed (1); base rate: China 301 and May-2019 executed (1, 1);
    the 2019 migration threat is pending. Beta(1 + 1 + 0.5*2, 1 + 0 + 0) = Beta(3, 1): mean 0.75.
    Durability over the three executed US measures, none struck down: Beta(3.5, 0.5), mean 0.875."""
    c = threat_credibility(load_coercion_events(), "USA", "MEX", D("2019-06-01"), base_rate_weight=0.5)
    assert c.execution == (3.0, 1.0) and c.durability == (3.5, 0.5)
    assert c.mean == pytest.approx(0.75 * 0.875)
    assert (c.n_dyad, c.n_base) == (1, 2)


def test_as_of_uses_only_earlier_events_and_the_ruling_lowers_durability():
    ev = load_coercion_events()
    before = threat_credibility(ev, "USA", "MEX", D("2026-02-19"))
    after = threat_credibility(ev, "USA", "MEX", D("2026-02-20"))
    assert before.execution == after.execution  # the ruling is not an execution outcome
    assert after.durability_mean < before.durability_mean
    # four IEEPA measures (MEX, CAN 25%, CAN 35%, CHN) of the eight executed US measures were struck down
    assert after.durability == (0.5 + 8 - 4, 0.5 + 4)
    pending = [e for e in episodes_as_of(ev, D("2025-07-20")) if e.episode == "us-mex-2025-30pct"]
    assert pending[0].outcome == "pending" and pending[0].score is None


def test_backtest_brier_by_hand():
    """Three episodes: A executed (forecast 0.5 by both: nothing known), B suspended, C executed.
    At B: model (dyad USA-MEX, A is against CAN: prior 1 + 0.5*1, 1) -> 1.5/2.5 = 0.6; base rate 2/3.
    At C: model USA-MEX with B (0) and A (0.5 weight): (1 + 0.5)/(1 + 1.5 + 1) = 1.5/3.5; base (1+1)/(2+2) = 0.5."""
    ev = (
        _ev("a", "2020-01-01", "USA", "CAN", "outcome", "executed"),
        _ev("b", "2020-02-01", "USA", "MEX", "threat"),
        _ev("b", "2020-02-05", "USA", "MEX", "outcome", "suspended"),
        _ev("c", "2020-03-01", "USA", "MEX", "threat"),
        _ev("c", "2020-03-09", "USA", "MEX", "outcome", "executed"),
    )
    bt = backtest_credibility(ev, base_rate_weight=0.5)
    pm = [0.5, 0.6, 1.5 / 3.5]
    pb = [0.5, 2 / 3, 0.5]
    y = [1.0, 0.0, 1.0]
    assert [r["p_model"] for r in bt.rows] == pytest.approx(pm)
    assert [r["p_base_rate"] for r in bt.rows] == pytest.approx(pb)
    assert bt.brier_model == pytest.approx(sum((p - o) ** 2 for p, o in zip(pm, y, strict=True)) / 3)
    assert bt.brier_base_rate == pytest.approx(sum((p - o) ** 2 for p, o in zip(pb, y, strict=True)) / 3)


def test_shipped_backtest_scores_every_resolved_episode():
    bt = backtest_credibility(load_coercion_events())
    resolved = [e for e in episodes_as_of(load_coercion_events()) if e.score is not None]
    assert bt.n == len(resolved) >= 15
    assert 0 < bt.brier_model < 0.5 and 0 < bt.brier_base_rate < 0.5


def test_timeline_rows_follow_the_us_mexico_events():
    tl = bargain_timeline("usmca-review-2026", world="cp1993", until="2025-03-10")
    dates = [r["date"] for r in tl.rows]
    ev = load_coercion_events()
    expected = sorted(
        {e.date.isoformat() for e in ev if {e.threatener, e.target} == {"USA", "MEX"} and e.date <= D("2025-03-10")}
    )
    assert dates == expected
    by = {r["date"]: r for r in tl.rows}
    # the 3 Feb 2025 suspension lowers US credibility against Mexico; the 4 Mar execution raises it
    assert by["2025-02-03"]["credibility_usa"] < by["2025-02-01"]["credibility_usa"]
    assert by["2025-03-04"]["credibility_usa"] > by["2025-02-03"]["credibility_usa"]


def test_cli_backtest_json():
    res = CliRunner().invoke(app, ["bargain", "backtest", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["episodes_scored"] == len(out["rows"]) and out["brier_model"] > 0


def test_provenance_records_the_shipped_event_log():
    import hashlib
    from pathlib import Path

    import palanca.data

    folder = Path(palanca.data.__file__).parent / "shipped" / "politics"
    rec = {f["file"]: f for f in json.loads((folder / "provenance.json").read_text())["files"]}
    digest = hashlib.sha256((folder / "events.csv").read_bytes()).hexdigest()
    assert rec["events.csv"]["sha256"] == digest, "events.csv changed: run scripts/build_politics_data.py"


def test_event_dates_against_the_public_record():
    """Dates checked against the record: the 10% on USD 300bn was announced by the President on 1 Aug 2019 and
    split by USTR on 13 Aug (cmtradelaw.com and Los Angeles Times, 13 Aug 2019);
    phase one (13 Dec 2019) halved List 4A from 15% to 7.5% (BDO, 13 Dec 2019); Learning Resources v. Trump was
    decided on 20 Feb 2026 (slip opinion, No. 24-1287); the joint review was on 1 Jul 2026 (USTR statement)."""
    ev = {(e.episode, e.kind, e.outcome or ""): e for e in load_coercion_events()}
    assert ev[("us-chn-2019-list4", "threat", "")].date == D("2019-08-01")
    assert "15%" in ev[("us-chn-2019-list4", "outcome", "partly_executed")].summary
    assert ev[("us-mex-2025-ieepa-mar", "ruling", "struck_down")].date == D("2026-02-20")
    assert ev[("usmca-review-2026", "review", "not_extended")].date == D("2026-07-01")
    assert ev[("us-mex-2019-migration", "threat", "")].date == D("2019-05-30")
    assert ev[("us-mex-2025-30pct", "threat", "")].date == D("2025-07-12")


def test_posterior_by_hand_as_of_30_june_2026():
    """US against Mexico: steel 232 (1), 2019 migration (0), Feb 2025 (0), Mar 2025 (1/2), 30% letter (0):
    1.5 of 5. Against others: CAN Feb (0), CAN Mar (1/2), CAN steel (0), CAN 35% (1), CHN 301 (1), CHN May 2019
    (1), CHN list 4 (1/2), CHN Oct 2019 (0), CHN 100% (0), CHN Feb 2025 (1): 5 of 10. Beta(1 + 1.5 + 2.5,
    1 + 3.5 + 2.5) = Beta(5, 7). Durability: 8 executed, 4 struck down: Beta(4.5, 4.5)."""
    c = threat_credibility(load_coercion_events(), "USA", "MEX", D("2026-06-30"), base_rate_weight=0.5)
    assert c.execution == (5.0, 7.0) and c.durability == (4.5, 4.5)
    assert c.mean == pytest.approx(5 / 12 * 0.5)


def test_backtest_uses_only_events_before_each_episode():
    """Each forecast equals the one computed from a log cut the day before the episode starts (no look-ahead)."""
    ev = load_coercion_events()
    bt = backtest_credibility(ev, base_rate_weight=0.5)
    for row in bt.rows:
        start = D(str(row["start"]))
        cut = [e for e in ev if e.date < start]
        c = threat_credibility(cut, *_dyad(ev, str(row["episode"])), None, base_rate_weight=0.5)
        assert row["p_model"] == pytest.approx(c.execution_mean)
        known = [e for e in episodes_as_of(cut) if e.score is not None]
        a, b = 1 + sum(e.score for e in known), 1 + sum(1 - e.score for e in known)
        assert row["p_base_rate"] == pytest.approx(a / (a + b))


def _dyad(ev, episode: str) -> tuple[str, str]:
    e = next(e for e in ev if e.episode == episode)
    return e.threatener, e.target


def test_timeline_before_the_log_is_a_clean_domain_error():
    res = CliRunner().invoke(app, ["bargain", "timeline", "--world", "cp1993", "--until", "1990-01-01"])
    assert res.exit_code == 1 and "no US–Mexico event" in res.output and "Traceback" not in res.output
