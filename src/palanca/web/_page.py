"""The dashboard page: one HTML file and its script, vanilla JavaScript over the JSON API (plotly.js from /static).

The script is served as /static/page.js (no inline script, so the Content-Security-Policy can forbid them);
every string from the server is inserted as text or escaped with ``esc``.
"""

__all__ = ["PAGE", "PAGE_JS"]

PAGE = r"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>palanca dashboard</title>
<script src="/static/plotly.min.js"></script>
<style>
body{font-family:system-ui,sans-serif;margin:0;color:#222}header{background:#1f3b57;color:#fff;padding:.6rem 1rem}
main{display:grid;grid-template-columns:340px minmax(0,1fr);gap:1rem;padding:1rem}
fieldset{border:1px solid #ccc;margin-bottom:.8rem}label{display:block;margin:.3rem 0;font-size:.9rem}
input[type=number]{width:6rem}button{padding:.35rem .9rem;margin-top:.4rem}
#error{color:#a00;font-weight:600;white-space:pre-wrap}#status{color:#555}
pre{background:#f6f6f6;padding:.5rem;font-size:.78rem;max-height:22rem;overflow:auto}
table{border-collapse:collapse;font-size:.8rem}td,th{border:1px solid #ddd;padding:.15rem .4rem}
.kpi{display:flex;gap:1.5rem;font-size:1.1rem}.kpi b{font-size:1.4rem}
</style></head><body>
<header><b>palanca</b> — who holds the leverage? (runs are saved to the results store)</header>
<main>
<section>
<fieldset><legend>Scenario</legend>
<select id="scenario"></select><div id="title" style="font-size:.8rem;color:#555"></div></fieldset>
<fieldset><legend>Tariffs (%)</legend><div id="tariffs"></div></fieldset>
<fieldset><legend>Elasticities and uncertainty</legend>
<label>trade-elasticity scale <input id="theta" type="number" step="0.1" value="1"></label>
<label>Monte Carlo draws <input id="draws" type="number" step="1" value="0"></label>
<label>seed <input id="seed" type="number" step="1" value="0"></label></fieldset>
<button id="run">Run</button> <span id="status"></span>
<div id="error" role="alert"></div>
<fieldset><legend>Stored runs</legend>
<div id="runs"></div>
<label>compare <input id="cmp-a" type="number" style="width:4rem"> with
<input id="cmp-b" type="number" style="width:4rem"></label><button id="compare">Compare</button>
</fieldset>
</section>
<section>
<div class="kpi"><span>run <b id="run-id">–</b></span><span>MEX <b id="mex-pct">–</b> %</span>
<span>USA <b id="usa-pct">–</b> %</span><span>loss ratio <b id="ratio">–</b></span></div>
<div id="chart-income" style="height:340px"></div>
<div id="chart-sectors" style="height:420px"></div>
<h3>Leverage summary</h3><pre id="summary"></pre>
<h3>Comparison</h3><pre id="diff"></pre>
</section></main>
<script src="/static/page.js"></script></body></html>
"""

PAGE_JS = r"""const $ = (id) => document.getElementById(id);
// Every string from the server (scenario ids, labels, titles, kinds) is user text: escape it before it
// goes into HTML; the Content-Security-Policy would block an injected script even so.
const esc = (v) => String(v).replace(/[&<>"'`]/g,
  (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;"}[c]));
async function api(path, opts) {
  opts = Object.assign({}, opts || {});
  const token = sessionStorage.getItem("palanca-token");
  opts.headers = Object.assign({}, opts.headers || {}, token ? {"X-Palanca-Token": token} : {});
  const r = await fetch(path, opts);
  if (r.status === 401) {
    const t = window.prompt("This dashboard needs its access token (printed by `palanca serve`):");
    if (t) { sessionStorage.setItem("palanca-token", t.trim()); return api(path, opts); }
  }
  const body = await r.json().catch(() => ({error: "bad response (" + r.status + ")"}));
  if (!r.ok) throw new Error(body.error || ("HTTP " + r.status));
  return body;
}
function showError(e) { $("error").textContent = e ? String(e.message || e) : ""; }
async function loadScenarios() {
  const list = await api("/api/scenarios");
  $("scenario").innerHTML = list.map(s => `<option value="${esc(s.id)}">${esc(s.id)}</option>`).join("");
  $("scenario").value = "us-tariff-25-mex";
  await loadControls();
}
async function loadControls() {
  showError(null);
  const sc = await api("/api/scenario?id=" + encodeURIComponent($("scenario").value));
  $("title").textContent = sc.title;
  $("tariffs").innerHTML = sc.tariffs.map(b =>
    `<label>${esc(b.label)} [${esc(b.sectors.join(", "))}] <input class="rate" id="tariff-${+b.index}" type="number"
      step="any" value="${+(b.rate * 100).toFixed(6)}"></label>`).join("") || "<i>no tariff blocks</i>";
}
function num(id) { const v = $(id).value.trim(); return v === "" ? NaN : Number(v); }
async function run() {
  showError(null); $("status").textContent = "running…"; $("run").disabled = true;
  try {
    const rates = [...document.querySelectorAll("input.rate")]
      .map(i => i.value.trim() === "" ? null : Number(i.value) / 100);
    const body = {scenario: $("scenario").value, tariffs: rates, theta_scale: num("theta"),
                  draws: num("draws"), seed: num("seed")};
    const out = await api("/api/run", {method: "POST", headers: {"Content-Type": "application/json"},
                                       body: JSON.stringify(body)});
    render(out); await loadRuns();
    $("status").textContent = out.save_error ? "done, not saved" : "done";
    if (out.save_error) showError(out.save_error);
  } catch (e) { showError(e); $("status").textContent = "failed"; }
  finally { $("run").disabled = false; }
}
function render(out) {
  const r = out.result, by = Object.fromEntries(r.countries.map(c => [c.country, c]));
  $("run-id").textContent = out.run_id == null ? "not saved" : String(out.run_id);
  $("mex-pct").textContent = by.MEX ? by.MEX.real_income_pct.toFixed(3) : "–";
  $("usa-pct").textContent = by.USA ? by.USA.real_income_pct.toFixed(3) : "–";
  $("ratio").textContent = r.loss_ratio == null ? "–" : r.loss_ratio.toFixed(1);
  $("summary").textContent = out.summary || "";
  const cs = r.countries;
  Plotly.react("chart-income", [{type: "bar", x: cs.map(c => c.country), y: cs.map(c => c.real_income_pct),
    error_y: {type: "data", symmetric: false, array: cs.map(c => c.high_pct - c.real_income_pct),
              arrayminus: cs.map(c => c.real_income_pct - c.low_pct)}, name: "long run"},
    {type: "scatter", mode: "markers", x: cs.map(c => c.country), y: cs.map(c => c.short_run_pct), name: "short run"}],
    {title: {text: "Real-income change, %" + (out.run_id == null ? "" : " (run " + (+out.run_id) + ")")},
     margin: {t: 40}}, {responsive: true});
  const col = Object.keys(r.sectors[0]).filter(k => k.startsWith("output_pct_"));
  Plotly.react("chart-sectors", [{type: "heatmap", zmid: 0, colorscale: "RdBu", y: r.sectors.map(s => s.sector), x: col,
    z: r.sectors.map(s => col.map(k => s[k]))}], {title: {text: "Output change by sector, %"}, margin: {t: 40, l: 80}},
    {responsive: true});
}
async function loadRuns() {
  const runs = await api("/api/runs?limit=15");
  $("runs").innerHTML = "<table><tr><th>id</th><th>kind</th><th>label</th><th></th></tr>" + runs.map(r =>
    `<tr><td>${+r.run_id}</td><td>${esc(r.kind)}</td><td>${esc(r.label)}</td>
     <td><a href="#" data-run="${+r.run_id}">show</a></td></tr>`).join("") + "</table>";
  document.querySelectorAll("a[data-run]").forEach(a => a.onclick = async (ev) => {
    ev.preventDefault(); showError(null);
    try { const d = await api("/api/runs/" + a.dataset.run);
      if (d.result && d.result.countries && d.result.sectors) render({run_id: d.run_id, result: d.result, summary: ""});
      else $("summary").textContent = JSON.stringify(d.result, null, 1).slice(0, 4000);
    } catch (e) { showError(e); } });
}
async function compare() {
  showError(null);
  try { const d = await api(`/api/diff?a=${num("cmp-a")}&b=${num("cmp-b")}`); $("diff").textContent = d.summary; }
  catch (e) { showError(e); }
}
$("scenario").onchange = () => loadControls().catch(showError);
$("run").onclick = run; $("compare").onclick = compare;
loadScenarios().then(loadRuns).catch(showError);
"""
