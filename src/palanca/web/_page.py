"""The dashboard page: one HTML file and its scripts, vanilla JavaScript over the JSON API (plotly.js from /static).

The scripts are served as /static/page.js (routing, the inputs, the list of stored runs, downloads) and
/static/views.js (one view per run kind, `_views`); no inline script, so the Content-Security-Policy can
forbid them. Every string from the server is inserted as text (``textContent``), never as HTML.

Views have addresses (hash routing), so a link reproduces what is on screen: ``#/run/ID``,
``#/sweep/SWEEP_ID``, ``#/scenario/ID?tariffs=25,10&theta=1&draws=0&seed=0``; the list's filter rides
along as ``kind=``, ``q=`` and ``page=``.
"""

from html import escape

from palanca.store import KINDS

__all__ = ["KIND_LABELS", "PAGE", "PAGE_JS"]

#: What the page calls each kind of stored run (the filter's options and the list's kind column).
KIND_LABELS = {
    "leverage": "leverage",
    "scenario": "scenario",
    "gravity": "gravity",
    "bargain": "bargain",
    "remittance_tax": "remittance tax",
    "sweep_point": "sweep point",
    "optimal_tariff": "optimal tariff",
    "tariff_war": "tariff war",
    "fentanyl": "fentanyl levers",
    "interdiction": "corridor interdiction",
    "migration": "migration",
    "seizure_flows": "seizure flows",
    "firearms": "firearms",
    "cooperation": "cooperation values",
    "remittances": "remittances",
}


def _kind_options() -> str:
    """One ``<option>`` per kind the store knows, in the store's order (a kind without a label shows its name)."""
    return "\n".join(
        f'<option value="{escape(k)}">{escape(KIND_LABELS.get(k, k.replace("_", " ")))}</option>' for k in KINDS
    )


_PAGE = r"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>palanca dashboard</title>
<script src="/static/plotly.min.js"></script>
<style>
body{font-family:system-ui,sans-serif;margin:0;color:#222}header{background:#1f3b57;color:#fff;padding:.6rem 1rem}
main{display:grid;grid-template-columns:380px minmax(0,1fr);gap:1rem;padding:1rem}
fieldset{border:1px solid #ccc;margin-bottom:.8rem}label{display:block;margin:.3rem 0;font-size:.9rem}
input[type=number]{width:6rem}button{padding:.3rem .8rem;margin-top:.3rem}
#error{color:#a00;font-weight:600;white-space:pre-wrap}#status{color:#555}.muted{color:#666;font-size:.85rem}
pre{background:#f6f6f6;padding:.5rem;font-size:.78rem;max-height:22rem;overflow:auto;white-space:pre-wrap}
table{border-collapse:collapse;font-size:.8rem;margin:.4rem 0}td,th{border:1px solid #ddd;padding:.15rem .4rem}
th{background:#f3f3f3;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
#runs tr.current{background:#eef4fb}#runs table{width:100%;table-layout:fixed}
#runs td{overflow-wrap:anywhere}#runs th:nth-child(1){width:2.2rem}#runs th:nth-child(2){width:5.6rem}
#runs th:nth-child(4){width:2.6rem}.mfn{color:#555;font-style:italic}
.headline{font-size:1.05rem;line-height:1.45;background:#f5f8fc;border-left:4px solid #2166ac;padding:.5rem .9rem}
.verdict{display:inline-block;font-size:.75rem;font-weight:600;border-radius:3px;padding:.05rem .4rem;
 margin-right:.5rem;background:#ddd}.verdict.ratio{background:#fde2c4}.verdict.indistinguishable{background:#e5e5e5}
.verdict.opposite_signs{background:#d7ecd9}
.kpis{display:flex;flex-wrap:wrap;gap:.8rem;margin:.7rem 0}.kpi{border:1px solid #ddd;border-radius:5px;
 padding:.4rem .7rem;min-width:10rem}.kpi .k{font-size:.78rem;color:#555}.kpi .v{font-size:1.3rem;font-weight:600}
.kpi .s{font-size:.78rem;color:#555}.actions{display:flex;flex-wrap:wrap;gap:.8rem;align-items:center;
 font-size:.85rem;margin:.4rem 0}.actions code{background:#f3f3f3;padding:.1rem .3rem}
.chart-head{display:flex;justify-content:space-between;align-items:end;margin-top:1rem}
.chart-head h3{margin:0;font-size:1rem}.chart-head button{font-size:.75rem;margin:0}
.baseline{font-size:.9rem;margin:.3rem 0;color:#333}.baseline b{font-weight:600}
.warn{background:#fff4e0;border-left:4px solid #e08a00;padding:.4rem .8rem;font-size:.9rem}
.scroll{max-height:24rem;overflow:auto;display:inline-block}.notes{font-size:.82rem;color:#444;margin:.3rem 0}
.notes li{margin:.15rem 0}
</style></head><body>
<header><b>palanca</b> — who holds the leverage? (every run is read back from the results store)</header>
<main>
<section>
<fieldset><legend>New run: scenario</legend>
<select id="scenario"></select><div id="title" class="muted"></div></fieldset>
<fieldset><legend>Tariffs (%)</legend><div id="tariffs"></div></fieldset>
<fieldset><legend>Elasticities and uncertainty</legend>
<label>trade-elasticity scale (×) <input id="theta" type="number" step="0.1" value="1"></label>
<label>Monte Carlo draws <input id="draws" type="number" step="1" value="0"></label>
<label>seed <input id="seed" type="number" step="1" value="0"></label></fieldset>
<button id="run">Run</button> <span id="status"></span>
<div id="error" role="alert"></div>
<fieldset><legend>Stored runs</legend>
<label>kind <select id="filter-kind"><option value="">all</option>@KIND_OPTIONS@</select></label>
<label>label contains <input id="filter-q" type="search" maxlength="120"></label>
<div id="runs"></div>
<div><button id="prev">‹ newer</button> <span id="page-info" class="muted"></span>
<button id="next">older ›</button></div>
<label>compare <input id="cmp-a" type="number" style="width:4rem"> with
<input id="cmp-b" type="number" style="width:4rem"></label><button id="compare">Compare</button>
<pre id="diff"></pre>
</fieldset>
</section>
<section id="view"><p class="muted">Pick a scenario and run it, or show a stored run.</p></section>
</main>
<script src="/static/page.js"></script><script src="/static/views.js"></script></body></html>
"""

PAGE = _PAGE.replace("@KIND_OPTIONS@", _kind_options())

PAGE_JS = r"""const $ = (id) => document.getElementById(id);
const PAGE_SIZE = 10;
const LABELS = {theta: "trade-elasticity scale", draws: "Monte Carlo draws", seed: "seed"};
const state = {controls: null, listKey: null, total: 0};
// What each kind of run is called: the filter's own options (the server lists every kind the store knows).
const KIND_LABEL = Object.fromEntries([...$("filter-kind").options].filter(o => o.value)
                                        .map(o => [o.value, o.textContent]));
const kindLabel = (k) => KIND_LABEL[k] || String(k).replace(/_/g, " ");
// Build elements from parts: strings become text nodes, so no server or user string is ever parsed as HTML.
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null) continue;
    if (k === "class") e.className = v; else if (k.startsWith("on")) e[k] = v;
    else if (k === "dataset") Object.assign(e.dataset, v); else e.setAttribute(k, v);
  }
  for (const c of kids.flat()) if (c != null) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}
function token() { return sessionStorage.getItem("palanca-token"); }
async function raw(path, opts) {
  opts = Object.assign({}, opts || {});
  opts.headers = Object.assign({}, opts.headers || {}, token() ? {"X-Palanca-Token": token()} : {});
  const r = await fetch(path, opts);
  if (r.status === 401) {
    const t = window.prompt("This dashboard needs its access token (printed by `palanca serve`):");
    if (t) { sessionStorage.setItem("palanca-token", t.trim()); return raw(path, opts); }
  }
  return r;
}
async function api(path, opts, withResponse) {
  const r = await raw(path, opts);
  const body = await r.json().catch(() => ({error: "bad response (" + r.status + ")"}));
  if (!r.ok) throw new Error(body.error || ("HTTP " + r.status));
  return withResponse ? [body, r] : body;
}
function showError(e) { $("error").textContent = e ? String(e.message || e) : ""; }
// --- addresses: #/PATH?QUERY ----------------------------------------------------------------------------
function parseHash() {
  const h = location.hash.replace(/^#/, "") || "/";
  const at = h.indexOf("?");
  const path = at < 0 ? h : h.slice(0, at), query = at < 0 ? "" : h.slice(at + 1);
  return {parts: path.split("/").filter(Boolean).map(decodeURIComponent), q: new URLSearchParams(query)};
}
function listParams() {
  const p = {};
  if ($("filter-kind").value) p.kind = $("filter-kind").value;
  if ($("filter-q").value.trim()) p.q = $("filter-q").value.trim();
  const page = Number(parseHash().q.get("page") || "1");
  if (page > 1) p.page = String(page);
  return p;
}
function hashFor(parts, params) {
  const q = new URLSearchParams(Object.assign(listParams(), params || {}));
  for (const [k, v] of [...q.entries()]) if (v === "" || v == null) q.delete(k);
  const s = q.toString();
  return "#/" + parts.map(encodeURIComponent).join("/") + (s ? "?" + s : "");
}
function go(parts, params, replace) {
  const h = hashFor(parts, params);
  if (h === location.hash) return route();
  if (replace) { history.replaceState(null, "", h); return route(); }
  location.hash = h;  // the hashchange handler routes
}
async function route() {
  showError(null);
  const {parts, q} = parseHash();
  $("filter-kind").value = q.get("kind") || "";
  $("filter-q").value = q.get("q") || "";
  loadRuns().catch(showError);
  try {
    if (parts[0] === "run" && /^\d+$/.test(parts[1] || "")) await showRun(Number(parts[1]));
    else if (parts[0] === "sweep" && parts[1]) await showSweep(parts[1]);
    else await showScenario(parts[0] === "scenario" ? parts[1] : null, q);
  } catch (e) { showError(e); }
}
window.addEventListener("hashchange", route);
// --- the inputs, in the units shown -------------------------------------------------------------------
async function loadScenarios() {
  const list = await api("/api/scenarios");
  $("scenario").replaceChildren(...list.map(s => el("option", {value: s.id}, s.id)));
}
const pct = (x) => String(+(x * 100).toFixed(6));
const blockName = (b) => b.label + " [" + b.sectors.join(", ") + "]";  // as the server's messages name it
async function loadControls(id) {
  if (state.controls && state.controls.id === id) return state.controls;
  const sc = await api("/api/scenario?id=" + encodeURIComponent(id));
  $("scenario").value = id;
  $("title").textContent = sc.title;
  const rows = sc.tariffs.map(b => {
    const name = blockName(b);
    if (b.mode === "mfn") return el("label", {}, name + " ", el("span", {class: "mfn", id: "tariff-" + b.index},
                                                              "MFN schedule"));
    return el("label", {}, name + " ", el("input", {class: "rate", id: "tariff-" + b.index, type: "number",
      step: "any", value: pct(b.rate), dataset: {index: String(b.index)}, onchange: syncScenarioHash}), " %");
  });
  $("tariffs").replaceChildren(...(rows.length ? rows : [el("i", {}, "no tariff blocks")]));
  state.controls = sc;
  return sc;
}
function syncScenarioHash() {
  if (!state.controls) return;
  history.replaceState(null, "", hashFor(["scenario", state.controls.id], formParams()));
}
function formParams() {
  const rates = [...document.querySelectorAll("input.rate")].map(i => i.value.trim());
  return {tariffs: rates.join(","), theta: $("theta").value.trim(), draws: $("draws").value.trim(),
          seed: $("seed").value.trim()};
}
async function showScenario(id, q) {
  const sc = await loadControls(id || state.controls?.id || "us-tariff-25-mex");
  const given = (q.get("tariffs") || "").split(",");
  document.querySelectorAll("input.rate").forEach((i, k) => { if (given[k]) i.value = given[k]; });
  for (const k of ["theta", "draws", "seed"]) if (q.get(k)) $(k).value = q.get(k);
  $("view").replaceChildren(el("p", {class: "muted"}, "Scenario " + sc.id + ": set the inputs and Run."));
}
// Checked here, in percent as typed, before anything is sent; the request carries fractions (converted once).
// The rules and words are the server's (`_messages`), which names a tariff the same way and in the same unit.
function readInputs() {
  const sc = state.controls, problems = [];
  const blocks = sc.tariffs;
  const rates = blocks.map(b => {
    if (b.mode === "mfn") return b.rate ?? 0;  // the imposer's MFN schedule: the server ignores the number
    const box = $("tariff-" + b.index), v = box.value.trim(), x = Number(v);
    if (v === "" || !Number.isFinite(x) || x < 0 || x > 200)
      problems.push(`${blockName(b)}: ${v === "" ? "empty" : v + "%"} — a tariff must lie between 0% and 200%; ` +
                    "enter it in % (25 for 25%)");
    return x / 100;
  });
  const num = (id) => $(id).value.trim() === "" ? NaN : Number($(id).value);  // an empty box is no number
  const theta = num("theta"), draws = num("draws"), seed = num("seed");
  const bad = (id, why) => problems.push(`${LABELS[id]}: ${$(id).value.trim() || "empty"} — ${why}`);
  if (!(theta > 0.05 && theta <= 5))
    bad("theta", "use a factor above 0.05 and at most 5 (1 = the published elasticities)");
  if (!(Number.isInteger(draws) && draws >= 0 && draws <= 100)) bad("draws", "use a whole number from 0 to 100");
  if (!(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 31)) bad("seed", "use a whole number from 0 to 2147483647");
  if (problems.length) throw new Error(problems.join("\n"));
  return {scenario: sc.id, tariffs: rates, theta_scale: theta, draws: draws, seed: seed};
}
async function run() {
  showError(null);
  let body;
  try { body = readInputs(); } catch (e) { showError(e); $("status").textContent = "not run"; return; }
  $("status").textContent = "running…"; $("run").disabled = true;
  try {
    const out = await api("/api/run", {method: "POST", headers: {"Content-Type": "application/json"},
                                       body: JSON.stringify(body)});
    $("status").textContent = out.save_error ? "done, not saved" : "done";
    state.listKey = null;
    if (out.run_id == null) {
      renderRun({run_id: null, kind: "leverage", label: body.scenario, params: body, result: out.result});
      showError(out.save_error);
    } else go(["run", String(out.run_id)], {page: ""});
  } catch (e) { showError(e); $("status").textContent = "failed"; }
  finally { $("run").disabled = false; }
}
// --- stored runs: filter and pages --------------------------------------------------------------------
async function loadRuns() {
  const {q} = parseHash();
  const page = Math.max(1, Number(q.get("page") || "1") || 1);
  const key = [q.get("kind") || "", q.get("q") || "", page].join("|");
  const current = parseHash().parts[0] === "run" ? parseHash().parts[1] : null;
  if (key !== state.listKey) {
    state.listKey = key;
    const qs = new URLSearchParams({limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE});
    if (q.get("kind")) qs.set("kind", q.get("kind"));
    if (q.get("q")) qs.set("q", q.get("q"));
    const [runs, resp] = await api("/api/runs?" + qs, null, true);
    state.total = Number(resp.headers.get("X-Total-Count") || runs.length);
    state.page = page;
    const head = el("tr", {}, ["id", "kind", "label", ""].map(h => el("th", {}, h)));
    $("runs").replaceChildren(el("table", {}, head, runs.map(r => {
      const to = r.kind === "sweep_point" && r.sweep_id ? ["sweep", r.sweep_id] : ["run", String(r.run_id)];
      return el("tr", {dataset: {runId: String(r.run_id)}}, el("td", {class: "n"}, String(r.run_id)),
        el("td", {}, kindLabel(r.kind)), el("td", {title: "created " + r.created_at.replace("T", " ")}, r.label),
        el("td", {}, el("a", {href: hashFor(to), dataset: {run: String(r.run_id)}}, "show")));
    })));
    const first = state.total ? (page - 1) * PAGE_SIZE + 1 : 0;
    $("page-info").textContent = `${first}–${(page - 1) * PAGE_SIZE + runs.length} of ${state.total}`;
    $("prev").disabled = page <= 1;
    $("next").disabled = page * PAGE_SIZE >= state.total;
  }
  document.querySelectorAll("#runs tr[data-run-id]").forEach(tr =>
    tr.classList.toggle("current", tr.dataset.runId === current));
}
function setListParam(changes) {
  const {parts, q} = parseHash();
  for (const [k, v] of Object.entries(changes)) { if (v) q.set(k, v); else q.delete(k); }
  const s = q.toString();
  location.hash = "#/" + parts.map(encodeURIComponent).join("/") + (s ? "?" + s : "");
}
function page(step) { setListParam({page: String(Math.max(1, (state.page || 1) + step))}); }
// --- downloads: a link that works as is, and through fetch when the dashboard has a token -------------
// ``open``: the link opens in a new tab (a report) rather than saving; with a token it is saved all the same.
function download(href, name, label, id, open) {
  const attrs = open ? {target: "_blank", rel: "noopener"} : {download: name};
  return el("a", {href: href, id: id, ...attrs, onclick: async (ev) => {
    if (!token()) return;  // the browser fetches it itself
    ev.preventDefault();
    try {
      const r = await raw(href);
      if (!r.ok) throw new Error((await r.json().catch(() => ({}))).error || ("HTTP " + r.status));
      const url = URL.createObjectURL(await r.blob());
      el("a", {href: url, download: name}).click();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) { showError(e); }
  }}, label);
}
async function compare() {
  showError(null);
  const a = Number($("cmp-a").value), b = Number($("cmp-b").value);
  if (!Number.isInteger(a) || !Number.isInteger(b) || !$("cmp-a").value || !$("cmp-b").value)
    return showError("compare: give two run ids (whole numbers)");
  try { $("diff").textContent = (await api(`/api/diff?a=${a}&b=${b}`)).summary; } catch (e) { showError(e); }
}
$("scenario").onchange = () => { state.controls = null; go(["scenario", $("scenario").value], {tariffs: ""}); };
["theta", "draws", "seed"].forEach(k => $(k).addEventListener("change", syncScenarioHash));
$("filter-kind").onchange = () => setListParam({kind: $("filter-kind").value, page: ""});
$("filter-q").onchange = () => setListParam({q: $("filter-q").value.trim(), page: ""});
$("prev").onclick = () => page(-1); $("next").onclick = () => page(1);
$("run").onclick = run; $("compare").onclick = compare;
loadScenarios().then(route).catch(showError);
"""
