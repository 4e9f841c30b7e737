"""The tutorial notebook runs top to bottom on the shipped data, and says what it claims to show.

Executed with nbclient in a fresh kernel of this environment. The notebook is written by
``scripts/make_tutorial.py``; edit the cells there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOK = Path(__file__).resolve().parents[2] / "docs" / "tutorial.ipynb"


def _text(cell) -> str:
    out = []
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream":
            out.append(o.get("text", ""))
        elif "data" in o:
            out.append(str(o["data"].get("text/plain", "")))
    return "".join(out)


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path_factory.mktemp("nb"))}}
    )
    client.execute()
    return nb


def test_every_cell_runs_without_error(executed):
    errors = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors


def test_the_leverage_report_and_its_headline_are_shown(executed):
    text = "\n".join(_text(c) for c in executed.cells if c.cell_type == "code")
    assert "Leverage: 25% US tariff on Mexican goods" in text
    assert any(v in text for v in ("\nratio\n", "\nindistinguishable\n", "\nopposite_signs\n"))
    assert "MEX loses" in text


def test_the_bad_scenario_file_gets_a_message_naming_the_rate(executed):
    text = "\n".join(_text(c) for c in executed.cells if c.cell_type == "code")
    assert "error:" in text and "rate" in text and "15" in text


def test_the_chart_is_a_plotly_figure_with_one_bar_per_country(executed):
    last = [c for c in executed.cells if c.cell_type == "code"][-1]
    data = next(o["data"] for o in last.outputs if "data" in o)
    assert "application/vnd.plotly.v1+json" in data
    fig = data["application/vnd.plotly.v1+json"]
    assert fig["data"][0]["type"] == "bar" and "MEX" in fig["data"][0]["x"]
