"""One self-contained HTML report per stored run (plotly.js inlined: it works offline, no CDN).

The report reads the run back from the store and renders its ``to_dict()`` record, and nothing else (no model
is re-run while rendering, so a report always agrees with its stored run): a three-sentence summary, how to read
it and the methods pages, charts for what the run kind has, the result tables, the run's provenance (inputs, world
digest, version) and every source cited. ``--pdf`` prints that HTML with headless Chromium where it is installed.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from plotly.offline import get_plotlyjs

from palanca.errors import PalancaError
from palanca.report._format import kv_table
from palanca.report._narrative import how_to_read, methods, summary_sentences
from palanca.report._sections import bargain_sections, generic_sections, leverage_sections, remittance_sections
from palanca.store import StoredRun, get_run

__all__ = ["find_pdf_engine", "render_report", "write_pdf", "write_report"]

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;color:#222}
h1{font-size:1.6rem}h2{font-size:1.25rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0;display:block;overflow-x:auto}
caption{text-align:left;font-weight:600;padding:.3rem 0}
td,th{border:1px solid #ddd;padding:.2rem .5rem}
th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}pre{background:#f7f7f7;padding:.6rem;
overflow-x:auto;font-size:.8rem}.meta{color:#555;font-size:.9rem}.note{color:#444;font-size:.9rem}
.summary{font-size:1.05rem;line-height:1.5;background:#f5f8fc;border-left:4px solid #2166ac;padding:.6rem 1rem}
.howto{border:1px solid #ccc;border-radius:6px;padding:.4rem 1rem;font-size:.9rem;background:#fffdf5}
.howto h3{font-size:1rem;margin:.4rem 0}
"""


_TITLES = {
    "remittance_tax": "A US tax on remittances to Mexico: {label}",
    "bargain": "The US–Mexico bargain: scenario {label}",
}


def _intro(run: StoredRun) -> list[str]:
    said = " ".join(html.escape(s) for s in summary_sentences(run.kind, run.result))
    how = "".join(f"<li>{html.escape(t)}</li>" for t in how_to_read(run.kind))
    links = ", ".join(f"<a href='{html.escape(u, quote=True)}'>{html.escape(t)}</a>" for u, t in methods(run.kind))
    return [
        f"<p class='summary'>{said}</p>",
        f"<div class='howto'><h3>How to read this</h3><ul>{how}</ul><p>Methods: {links}.</p></div>",
    ]


def render_report(run: StoredRun) -> str:
    """The HTML text of the report of ``run`` (plotly.js inlined), from the stored record alone."""
    kind = run.kind
    if kind in ("leverage", "scenario", "sweep_point") and run.result.get("countries") and run.result.get("sectors"):
        sections, sources = leverage_sections(run)
    elif kind == "remittance_tax":
        sections, sources = remittance_sections(run)
    elif kind == "bargain":
        sections, sources = bargain_sections(run)
    else:
        sections, sources = generic_sections(run)
    i = run.info
    title = run.result.get("title") or _TITLES.get(kind, "{label}").format(label=i.label)
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
        **{f"solver {k}": v for k, v in (run.solver or {}).items()},
        **{f"param {k}": v for k, v in run.params.items()},
    }
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>palanca report: run {i.run_id} {html.escape(str(title))}</title><style>{_CSS}</style>",
        f"<script type='text/javascript'>{get_plotlyjs()}</script></head><body>",
        f"<h1>{html.escape(str(title))}</h1>",
        f"<p class='meta'>palanca run {i.run_id} ({kind}), {i.created_at:%Y-%m-%d %H:%M}. "
        "Every figure is the stored run's; sources at the end.</p>",
        *_intro(run),
        *sections,
        "<h2>Run provenance</h2>" + kv_table(prov),
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
