"""Write docs/tutorial.ipynb (unexecuted) from the cells below; `make test` executes it (tests/docs)."""

from __future__ import annotations

from pathlib import Path

import nbformat as nbf

CELLS = [
    (
        "md",
        """# palanca in ten minutes

This notebook runs on the data shipped with palanca (no downloads). It covers:

1. a world and a scenario from the library;
2. the leverage report — who loses what, with bands — and what its headline means;
3. a scenario of your own, written as a TOML file;
4. a chart.

Each step is one call to the public API; the command line (`palanca leverage …`) calls the same functions.""",
    ),
    ("md", "## 1. A world and a scenario"),
    (
        "code",
        """import palanca

world = palanca.load_world("world2023")
print(world.name, len(world.countries), "economies x", len(world.sectors), "sectors")

scenario = palanca.load_scenario("us-tariff-25-mex")
print(scenario.title)
for block in scenario.tariffs:
    print(" ", block.imposer, "on", block.targets, block.sectors, block.rate)""",
    ),
    (
        "md",
        """## 2. The leverage report

`palanca.leverage` solves the scenario in general equilibrium, relative to the tariffs in force on the scenario's
baseline date, and draws trade elasticities to give 5–95% bands. A handful of draws keeps this notebook quick; use
a few hundred for a real analysis.""",
    ),
    (
        "code",
        """report = palanca.leverage("us-tariff-25-mex", ("USA", "MEX"), draws=6, seed=0)
print(report.summary)""",
    ),
    (
        "md",
        """The headline gives a ratio of losses only when both sides move the same way and neither effect is
indistinguishable from zero; otherwise it says which case applies. Dollars and each side's share of the joint loss
come first, because equal dollar losses can be very unequal shares of income.""",
    ),
    (
        "code",
        """headline = report.headline
print(headline.verdict)
print(headline.text)
usa, mex = report.outcome("USA"), report.outcome("MEX")
assert mex.real_income_pct < 0  # Mexico loses under a US tariff on its goods""",
    ),
    ("md", "## 3. A scenario of your own\n\nA scenario is a TOML file; errors name the field, the value and the fix."),
    (
        "code",
        """import tempfile
from pathlib import Path

toml = '''
id = "my-autos-tariff"
title = "A 15% US tariff on Mexican autos, Mexico answers on US agriculture"
world = "world2023"

[[tariffs]]
imposer = "USA"
targets = ["MEX"]
sectors = ["autos"]
rate = 0.15

[[retaliation]]
imposer = "MEX"
targets = ["USA"]
sectors = ["agriculture"]
rate = 0.15
'''
path = Path(tempfile.mkdtemp()) / "my-autos-tariff.toml"
path.write_text(toml)
mine = palanca.leverage(palanca.load_scenario(str(path)), ("USA", "MEX"), draws=0)
print(mine.headline.text)""",
    ),
    ("md", "A mistake is caught before anything is solved:"),
    (
        "code",
        """from palanca.errors import ScenarioError

bad = path.with_name("bad.toml")
bad.write_text(toml.replace("rate = 0.15", "rate = 15", 1))  # 15 means 1,500%: a percent typed as a fraction
try:
    palanca.load_scenario(str(bad))
except ScenarioError as err:
    print("error:", err)""",
    ),
    ("md", "## 4. A chart\n\nResults are plain values; `to_dict()` gives the JSON the CLI prints with `--json`."),
    (
        "code",
        """import plotly.graph_objects as go

rows = report.to_dict()["countries"]
fig = go.Figure(
    go.Bar(
        x=[r["country"] for r in rows],
        y=[r["real_income_pct"] for r in rows],
        error_y=dict(
            type="data",
            symmetric=False,
            array=[r["high_pct"] - r["real_income_pct"] for r in rows],
            arrayminus=[r["real_income_pct"] - r["low_pct"] for r in rows],
        ),
    )
)
fig.update_layout(title=scenario.title, yaxis_title="real income, % change (5-95% band)")
fig""",
    ),
]


def main() -> None:
    nb = nbf.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbf.v4.new_markdown_cell(s) if k == "md" else nbf.v4.new_code_cell(s) for k, s in CELLS]
    out = Path(__file__).resolve().parents[1] / "docs" / "tutorial.ipynb"
    nbf.write(nb, out)
    print(out)


if __name__ == "__main__":
    main()
