"""The page knows every kind of run the store holds: the kind filter lists each, with a readable label, and
views.js has a view for each kind saved by the tariff and flows commands."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from palanca.store import KINDS
from palanca.web import create_app
from palanca.web._page import KIND_LABELS, PAGE
from palanca.web._views import VIEWS_JS


def _filter_options(html: str) -> list[tuple[str, str]]:
    select = re.search(r'<select id="filter-kind">(.*?)</select>', html, re.S)
    assert select, "the page has no kind filter"
    return re.findall(r'<option value="([^"]*)">([^<]*)</option>', select.group(1))


def test_the_kind_filter_lists_every_kind_the_store_knows(tmp_path):
    html = TestClient(create_app(tmp_path / "s.duckdb"), base_url="http://127.0.0.1").get("/").text
    options = _filter_options(html)
    assert options[0] == ("", "all")
    assert [v for v, _ in options[1:]] == list(KINDS)
    labels = dict(options[1:])
    assert all("_" not in t for t in labels.values())  # readable, not the stored names
    assert labels["optimal_tariff"] == "optimal tariff" and labels["interdiction"] == "corridor interdiction"


def test_each_kind_reads_differently_and_a_kind_without_a_label_shows_its_name():
    labels = dict(_filter_options(PAGE)[1:])
    assert len(set(labels.values())) == len(KINDS)
    assert all(labels[k] == KIND_LABELS.get(k, k.replace("_", " ")) for k in KINDS)
    assert "@KIND_OPTIONS@" not in PAGE


def test_views_js_draws_each_new_kind():
    for kind, fn in [("optimal_tariff", "renderOptimalTariff"), ("tariff_war", "renderTariffWar"),
                     ("fentanyl", "renderFentanyl"), ("interdiction", "renderInterdiction"),
                     ("migration", "renderMigration")]:  # fmt: skip
        assert f'd.kind === "{kind}"' in VIEWS_JS and f"function {fn}(d)" in VIEWS_JS
    assert "<script>" not in PAGE  # the views stay in /static/views.js, under the page's script policy
