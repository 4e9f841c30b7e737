"""One self-contained HTML report per stored run (plotly.js inlined: it works offline, no CDN).

The report reads the run back from the store and renders its ``to_dict()`` record: charts for
what the run kind has, the result tables, the run's provenance (inputs, world digest, version)
and every source cited. ``--pdf`` prints that HTML with headless Chromium where it is installed.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from palanca.errors import PalancaError
from palanca.report import _charts as ch
from palanca.store import StoredRun, get_run

__all__ = ["find_pdf_engine", "render_report", "write_pdf", "write_report"]

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;color:#222}
h1{font-size:1.6rem}h2{font-size:1.25rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0;display:block;overflow-x:auto}
td,th{border:1px solid #ddd;padding:.2rem .5rem}
th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}pre{background:#f7f7f7;padding:.6rem;
overflow-x:auto;font-size:.8rem}.meta{color:#555;font-size:.9rem}
"""


def _fmt(v: Any) -> str:
    if isinstance(v, bool) or v is None:
        return html.escape(str(v))
    if isinstance(v, float):
        return f"{v:,.4g}" if abs(v) >= 1e4 or (v != 0 and abs(v) < 1e-3) else f"{v:,.3f}"
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, Mapping | list):
        return html.escape(json.dumps(v, ensure_ascii=False, default=str)[:200])
    return html.escape(str(v))


def _table(rows: Sequence[Mapping[str, Any]], caption: str = "") -> str:
    if not rows:
        return ""
    cols = list(dict.fromkeys(k for r in rows for k in r))
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in cols)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td class='n'>{_fmt(r.get(c))}</td>"
            if isinstance(r.get(c), int | float) and not isinstance(r.get(c), bool)
            else f"<td>{_fmt(r.get(c))}</td>"
            for c in cols
        )
        + "</tr>"
        for r in rows
    )
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _kv(d: Mapping[str, Any]) -> str:
    return _table([{"key": k, "value": v} for k, v in d.items()])


def _fig(fig: go.Figure | None) -> str:
    if fig is None:
        return ""
    return fig.to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False, "responsive": True})


def _leverage_sections(run: StoredRun) -> tuple[list[str], list[str]]:
    r = run.result
    out = [
        "<h2>Real income by country</h2>" + _fig(ch.fig_real_income(r)),
        "<h2>Leverage: who loses more</h2>" + _fig(ch.fig_leverage_comparison(r)),
        _table(r.get("countries") or [], "Real-income change by country (pct = % of income; USD in bn)"),
        "<h2>Sectoral effects</h2>" + _fig(ch.fig_sector_heatmap(r)),
        "<h2>Bilateral trade changes</h2>" + _fig(ch.fig_bilateral_trade(r)),
        _table([{"group": g, **v} for g, v in (r.get("groups") or {}).items()], "Output change by sector group, %"),
        "<h2>Dependence</h2>" + _kv(r.get("dependence") or {}),
    ]
    if r.get("value_added"):
        out.append("<h2>Value-added origin of exports</h2>" + _kv(r["value_added"]))
    sources = list(r.get("sources") or [])
    rate = run.params.get("remittance_tax")
    if rate:
        from palanca.flows import remittance_tax

        rem = remittance_tax(float(rate), seed=int(run.params.get("seed") or 0)).to_dict()
        out.append("<h2>Remittance tax by Mexican state</h2>" + _fig(ch.fig_remittance_states(rem["states"], rate)))
        sources += _remittance_sources(rem)
    if r.get("comparators"):
        out.append("<h2>Published comparators</h2>" + _table(r["comparators"]))
        sources += sorted({c["source"] for c in r["comparators"]})
    return out, sources


def _remittance_sources(rem: Mapping[str, Any]) -> list[str]:
    out = ["Banxico, remittance income by Mexican state and by US state of origin (quarterly series)"]
    bench = rem.get("benchmark")
    if isinstance(bench, Mapping) and bench.get("source"):
        out.append(str(bench["source"]))
    return out


def _remittance_sections(run: StoredRun) -> tuple[list[str], list[str]]:
    r = run.result
    out = [
        "<h2>Incidence by Mexican state</h2>" + _fig(ch.fig_remittance_states(r.get("states") or [], r.get("rate"))),
        "<h2>National effect</h2>" + _kv({k: v for k, v in r.items() if not isinstance(v, list)}),
        _table(r.get("states") or [], "By Mexican state"),
        _table(r.get("us_states") or [], "By US state of origin"),
    ]
    return out, _remittance_sources(r)


def _bargain_sections(run: StoredRun) -> tuple[list[str], list[str]]:
    r = run.result
    out = ["<h2>Bargaining range</h2>" + _fig(ch.fig_bargaining_range(r))]
    if r.get("deal"):
        out.append(_table([{"dimension": k, "deal": v} for k, v in r["deal"]["terms"].items()], "Predicted deal"))
    for key in ("surplus_pct", "surplus_usd_bn", "credibility", "fearon", "rubinstein", "monte_carlo"):
        if r.get(key):
            out.append(f"<h2>{key.replace('_', ' ')}</h2>" + _kv(r[key]))
    out.append(_table(r.get("usmca_timeline") or [], "USMCA review timeline"))
    out.append(_table(r.get("tornado") or [], "Tornado: what moves the US share of the surplus"))
    return out, ["palanca politics: shipped scenario " + str(r.get("scenario")) + " (its parameter file cites sources)"]


def _generic_sections(run: StoredRun) -> tuple[list[str], list[str]]:
    out = []
    for name, v in run.result.items():
        if isinstance(v, list) and v and isinstance(v[0], Mapping):
            out.append(f"<h2>{html.escape(name)}</h2>" + _table(v[:200]))
    return out, []


def render_report(run: StoredRun) -> str:
    """The HTML text of the report of ``run`` (plotly.js inlined)."""
    kind = run.kind
    if kind in ("leverage", "scenario", "sweep_point") and run.result.get("countries") and run.result.get("sectors"):
        sections, sources = _leverage_sections(run)
    elif kind == "remittance_tax":
        sections, sources = _remittance_sections(run)
    elif kind == "bargain":
        sections, sources = _bargain_sections(run)
    else:
        sections, sources = _generic_sections(run)
    i = run.info
    title = run.result.get("title") or i.label
    engine = f"palanca {i.palanca_version}" + (f", world {i.world} (digest {run.world_digest})" if i.world else "")
    sources = list(dict.fromkeys([*sources, engine]))
    prov = {
        "run id": i.run_id,
        "kind": kind,
        "created": f"{i.created_at:%Y-%m-%d %H:%M:%S}",
        "palanca version": i.palanca_version,
        "world": i.world,
        "world digest (SHA-256)": run.world_digest,
        "seed": i.seed,
        "wall time, s": i.wall_s,
        "solver": run.solver,
        **{f"param {k}": v for k, v in run.params.items()},
    }
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>palanca report: run {i.run_id} {html.escape(str(title))}</title><style>{_CSS}</style>",
        f"<script type='text/javascript'>{get_plotlyjs()}</script></head><body>",
        f"<h1>{html.escape(str(title))}</h1>",
        f"<p class='meta'>palanca run {i.run_id} ({kind}), {i.created_at:%Y-%m-%d %H:%M}. "
        "Negative numbers are losses. Every figure is the stored run's; sources at the end.</p>",
        *sections,
        "<h2>Run provenance</h2>" + _kv(prov),
    ]
    if run.scenario_toml:
        parts.append("<h2>Scenario (TOML)</h2><pre>" + html.escape(run.scenario_toml) + "</pre>")
    parts.append("<h2>Sources</h2><ol>" + "".join(f"<li>{html.escape(s)}</li>" for s in sources) + "</ol>")
    parts.append("</body></html>")
    return "\n".join(p for p in parts if p)


def write_report(run_id: int, path: str | os.PathLike[str], store: str | os.PathLike[str] | None = None) -> Path:
    """Write the report of stored run ``run_id`` to ``path`` (HTML) and return the path.

    Raises a `PalancaError` naming the path and the reason where it cannot be written.
    """
    out = Path(path)
    text = render_report(get_run(run_id, store))
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise PalancaError(
            f"cannot write the report to {out} ({exc.strerror or exc}); give an --out path in a folder you can write."
        ) from None
    return out


def find_pdf_engine() -> str | None:
    """A Debian-packaged HTML-to-PDF engine on PATH: Chromium (headless print), else wkhtmltopdf."""
    for name in ("chromium", "chromium-browser", "google-chrome", "wkhtmltopdf"):
        exe = shutil.which(name)
        if exe:
            return exe
    return None


def write_pdf(html_path: str | os.PathLike[str], pdf_path: str | os.PathLike[str]) -> Path:
    """Print the HTML report to PDF with `find_pdf_engine`; raises a `PalancaError` naming the fix if none."""
    exe = find_pdf_engine()
    if exe is None:
        raise PalancaError("no PDF engine found: install one with `apt-get install chromium` (or wkhtmltopdf).")
    src, out = Path(html_path).resolve(), Path(pdf_path).resolve()
    if Path(exe).name == "wkhtmltopdf":
        cmd = [exe, "--quiet", "--javascript-delay", "2000", str(src), str(out)]
    else:
        cmd = [
            exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--virtual-time-budget=10000", "--no-pdf-header-footer", f"--print-to-pdf={out}", src.as_uri(),
        ]  # fmt: skip
    with tempfile.TemporaryDirectory() as home:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": home})
    if proc.returncode != 0 or not out.exists():
        raise PalancaError(f"{Path(exe).name} could not print {src} to PDF: {proc.stderr.strip()[-300:]}")
    return out
