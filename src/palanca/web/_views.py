"""The dashboard's views, one per run kind, served as /static/views.js (uses `el`, `api`, `download` from page.js).

Each view is drawn from the stored run alone (nothing is solved while showing): leverage and scenario
runs lead with the stored headline (USD and % of income for both sides; a ratio only where its verdict
is ``ratio``, with its band), bargain runs with the predicted deal and each side's gain, remittance-tax
runs with the national change and its band, sweeps with their grid; optimal-tariff, tariff-war, fentanyl,
interdiction and migration runs as `_views_tariffs_flows` draws them; seizure-flow, firearms, cooperation
and remittance runs as `_views_accounts` draws them; any other kind (gravity) with its tables. Every view has
CSV and PNG downloads, the run's report and a link that reproduces it.
"""

from palanca.web._views_accounts import ACCOUNTS_JS
from palanca.web._views_tariffs_flows import TARIFF_FLOWS_JS

__all__ = ["VIEWS_JS"]

_VIEWS_JS = r"""const VERDICT = {ratio: "ratio of losses", indistinguishable: "one side indistinguishable from zero",
                 opposite_signs: "opposite signs"};
const RATE_NAMES = new Set(["us_tariff_mex", "mex_tariff_usa"]);
const f = (x, d = 2) => (x == null || !Number.isFinite(Number(x))) ? "–" : Number(x).toFixed(d);
const signed = (x, d = 2) => (x == null || !Number.isFinite(Number(x))) ? "–" : (x > 0 ? "+" : "") + f(x, d);
const sig = (x) => typeof x === "number" ? String(Number(x.toPrecision(4))) : (x == null ? "–" : String(x));
const human = (k) => String(k).replace(/_pct$/, " %").replace(/_usd_bn$/, " USD bn").replace(/_usd_m$/, " USD m")
  .replace(/_/g, " ");
const PLOT = {responsive: true, displaylogo: false};
// Diverging, white at zero; losses red and gains blue, as in the bar charts.
const DIVERGING = [[0, "#b2182b"], [0.25, "#ef8a62"], [0.5, "#f7f7f7"], [0.75, "#67a9cf"], [1, "#2166ac"]];
function niceCeil(x) {
  for (const m of [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500]) if (x <= m) return m;
  return Math.ceil(x);
}
function robustMax(values) {  // the colour range: the 95th percentile of |z|, so one outlier does not wash it out
  const a = values.filter(Number.isFinite).map(Math.abs).sort((x, y) => x - y);
  if (!a.length) return 1;
  return niceCeil(Math.max(a[Math.floor(0.95 * (a.length - 1))], 1e-3));
}
function kpi(k, v, s, id) {
  return el("div", {class: "kpi", id: id}, el("div", {class: "k"}, k), el("div", {class: "v"}, v),
            s ? el("div", {class: "s"}, s) : null);
}
// A cell is a number (shown to 4 significant digits), text, or num(text): a figure already formatted, set as a number.
const num = (text) => ({num: text});
function table(headers, rows, id) {
  const cell = (c) => typeof c === "number" ? el("td", {class: "n"}, sig(c))
    : (c != null && c.num != null ? el("td", {class: "n"}, c.num) : el("td", {}, c == null ? "–" : c));
  return el("table", {id: id}, el("tr", {}, headers.map(h => el("th", {}, h))),
            rows.map(r => el("tr", {}, r.map(cell))));
}
function chartBox(id, title, height) {
  const div = el("div", {id: id, class: "chart", style: `height:${height}px`});
  const btn = el("button", {id: "png-" + id, type: "button", onclick: () =>
    Plotly.downloadImage(div, {format: "png", filename: "palanca-" + id, width: div.clientWidth || 1000,
                               height: height, scale: 2})}, "PNG");
  return [el("div", {class: "chart-head"}, el("h3", {}, title), btn), div];
}
function shell(d, title, sub) {
  const v = $("view");
  Array.from(v.querySelectorAll(".chart")).forEach(c => { try { Plotly.purge(c); } catch (e) { /* not drawn */ } });
  const box = el("div", {dataset: {view: d.kind, runId: String(d.run_id ?? "")}, id: "view-" + d.kind});
  box.append(el("h2", {id: "view-title"}, title), el("div", {class: "muted"}, sub));
  const bar = el("div", {class: "actions", id: "actions"},
                 el("a", {href: location.href, id: "share-link"}, "link to this view"));
  if (d.csv_url) bar.append(download(d.csv_url, `palanca-run-${d.run_id}.csv`, "CSV (all result tables)", "csv-link"));
  if (d.csv_url && (d.tables || []).includes("countries"))
    bar.append(download(d.csv_url + "?table=countries", `palanca-run-${d.run_id}-countries.csv`, "CSV (countries)",
                        "csv-countries"));
  if (d.report_url) bar.append(download(d.report_url, `palanca-report-${d.run_id}.html`, "report (HTML)",
                                        "report-link", true));
  if (d.report_command) bar.append(el("span", {}, "report from a terminal: ",
                                      el("code", {id: "report-command"}, d.report_command)));
  box.append(bar);
  v.replaceChildren(box);
  return box;
}
function runSub(d) {
  const p = d.params || {};
  const bits = [d.run_id == null ? "not saved" : "run " + d.run_id, kindLabel(d.kind)];
  if (d.world) bits.push("world " + d.world);
  if (p.draws != null) bits.push(p.draws + " draws" + (p.draws ? ", seed " + (p.seed ?? 0) : " (no band)"));
  if (d.created_at) bits.push(d.created_at.replace("T", " "));
  return bits.join(" · ");
}
async function showRun(id) {
  const d = await api("/api/runs/" + id);
  if (d.kind === "sweep_point" && d.sweep_id) return showSweep(d.sweep_id, d.run_id);
  return renderRun(d);
}
async function renderRun(d) {
  const r = d.result || {};
  const own = (d.kind === "leverage" || d.kind === "scenario") && r.countries && r.sectors;
  if (!own && !state.controls) loadControls("us-tariff-25-mex").catch(() => null);
  if (own) return renderLeverage(d);
  if (d.kind === "bargain" && r.deal) return renderBargain(d);
  if (d.kind === "remittance_tax" && r.national_change_usd_bn) return renderRemittance(d);
  if (d.kind === "optimal_tariff" && r.welfare_pct && r.tariff != null) return renderOptimalTariff(d);
  if (d.kind === "tariff_war" && r.tariffs && r.welfare_pct) return renderTariffWar(d);
  if (d.kind === "fentanyl" && Array.isArray(r.levers) && r.levers.length) return renderFentanyl(d);
  if (d.kind === "interdiction" && r.max_flow_before != null) return renderInterdiction(d);
  if (d.kind === "migration" && r.model) return renderMigration(d);
  if (d.kind === "seizure_flows" && (r.years || []).length) return renderSeizureFlows(d);
  if (d.kind === "firearms" && (r.years || []).some(y => y.southbound_flow != null)) return renderFirearms(d);
  if (d.kind === "cooperation" && r.fentanyl_enforcement) return renderCooperation(d);
  if (d.kind === "remittances" && (r.rows || []).length) return renderRemittances(d);
  return renderGeneric(d);
}
// --- leverage and scenario runs ---------------------------------------------------------------------------
async function blockRows(p) {  // the stored scenario's tariff blocks, and the form set to this run's inputs
  const sc = p.scenario && typeof p.scenario === "object" ? p.scenario : {id: p.scenario};
  const blocks = [...(sc.tariffs || []), ...(sc.retaliation || [])];
  try {
    await loadControls(sc.id);
    blocks.forEach((b, k) => { const box = $("tariff-" + k);
                               if (box && box.tagName === "INPUT" && b.rate != null) box.value = pct(b.rate); });
    for (const [k, id] of [["theta_scale", "theta"], ["draws", "draws"], ["seed", "seed"]])
      if (p[k] != null) $(id).value = p[k];
  } catch (e) { /* a scenario no longer in the library: the table below still shows what ran */ }
  return blocks.map(b => [(b.label || b.imposer + " on " + (b.targets || []).join("+")) + " [" +
    (b.sectors || []).join(", ") + "]", b.mode === "mfn" ? "MFN schedule" : f(100 * b.rate, 2) + "%"]);
}
// Sector rows are long (one per sector and country: sector, label, country, partner, output_pct, export_pct)
// or, in older stores, wide (PREFIX + country columns): both give the same matrix.
function sectorMatrix(rows, field, prefix) {
  const short = (s) => s.label ? (s.label.length > 38 ? s.label.slice(0, 37) + "…" : s.label) + " (" + s.sector + ")"
                               : s.sector;
  const secs = [...new Map(rows.map(x => [x.sector, x])).values()];
  if (rows.length && "country" in rows[0] && field in rows[0]) {
    const cols = [...new Map(rows.map(x => [x.country, x.partner])).entries()];
    const at = new Map(rows.map(x => [x.sector + "|" + x.country, x[field]]));
    return {names: secs.map(short), cols: cols.map(([c, p]) => field === "export_pct" && p ? c + " → " + p : c),
            z: secs.map(x => cols.map(([c]) => at.get(x.sector + "|" + c) ?? null))};
  }
  const keys = rows.length ? Object.keys(rows[0]).filter(k => k.startsWith(prefix)) : [];
  return {names: secs.map(short), cols: keys.map(k => k.slice(prefix.length).replace("_to_", " → ")),
          z: secs.map(x => keys.map(k => x[k]))};
}
async function renderLeverage(d) {
  const r = d.result, h = r.headline;
  const by = Object.fromEntries(r.countries.map(c => [c.country, c]));
  const sides = (r.between && r.between.length === 2 ? r.between : ["USA", "MEX"]).filter(c => by[c]);
  const box = shell(d, r.title || d.label, runSub(d) + " · scenario " + (r.scenario || d.label));
  box.append(h ? el("p", {class: "headline", id: "headline"}, el("span", {class: "verdict " + h.verdict, id: "verdict"},
                                                                  VERDICT[h.verdict] || h.verdict), h.text)
               : el("p", {class: "headline", id: "headline"},
                   "This run was stored without a headline; its figures follow."));
  const k = el("div", {class: "kpis", id: "kpis"});
  for (const c of sides) {
    const x = by[c];
    k.append(kpi(c + ": real income, a year", signed(x.real_income_usd_bn, 1) + " USD bn",
      [el("span", {id: "pct-" + c}, signed(x.real_income_pct, 3)), "% of income (5–95%: " + signed(x.low_pct, 3) +
       " to " + signed(x.high_pct, 3) + "%)"], "kpi-" + c));
  }
  if (h && h.share_of_joint_loss)
    k.append(kpi("share of the joint dollar loss", sides.map(c => c + " " + f(100 * h.share_of_joint_loss[c], 0) + "%")
                 .join(" · "), "of the two sides' combined USD loss", "kpi-share"));
  if (h && h.verdict === "ratio" && h.ratio != null)
    k.append(kpi("ratio of losses (% of income)", f(h.ratio, 1) + "×", h.ratio_band ? "5–95%: " + f(h.ratio_band[0],
        1) +
                 " to " + f(h.ratio_band[1], 1) + "×" : "no band for the ratio in this run", "kpi-ratio"));
  box.append(k);
  const cs = r.countries, banded = cs.some(c => c.high_pct !== c.low_pct);
  const [h1, c1] = chartBox("chart-income", "Real-income change by country, % (long run" +
                            (banded ? ", 5–95% band" : "") + "; dots: short run)", 340);
  box.append(h1, c1);
  Plotly.react(c1, [{type: "bar", x: cs.map(c => c.country), y: cs.map(c => c.real_income_pct), name: "long run",
    marker: {color: cs.map(c => c.real_income_pct < 0 ? "#b2182b" : "#2166ac")},
    error_y: banded ? {type: "data", symmetric: false, array: cs.map(c => c.high_pct - c.real_income_pct),
                       arrayminus: cs.map(c => c.real_income_pct - c.low_pct)} : undefined},
    {type: "scatter", mode: "markers", x: cs.map(c => c.country), y: cs.map(c => c.short_run_pct), name: "short run",
     marker: {color: "#333", size: 9}}],
    {margin: {t: 10, r: 10}, yaxis: {title: {text: "% of real income"}, zeroline: true}, legend: {orientation: "h"}},
        PLOT);
  for (const [field, prefix, id, what] of [["output_pct", "output_pct_", "chart-sectors", "Output"],
                                            ["export_pct", "exports_pct_", "chart-exports",
                                                "Exports to the partner"]]) {
    const m = sectorMatrix(r.sectors, field, prefix);
    if (!m.cols.length) continue;
    const lim = robustMax(m.z.flat());
    const [hh, cc] = chartBox(id, what + " change by sector, % (own colour scale, capped at ±" + lim +
                              "%; hover for the value)", Math.max(320, 20 * m.names.length + 90));
    box.append(hh, cc);
    Plotly.react(cc, [{type: "heatmap", zmid: 0, zmin: -lim, zmax: lim, colorscale: DIVERGING, x: m.cols, y: m.names,
      z: m.z, texttemplate: "%{z:.1f}", textfont: {size: 10},
      hovertemplate: "%{y}<br>%{x}: %{z:.2f}%<extra></extra>", colorbar: {ticksuffix: "%"}}],
      {margin: {t: 40, l: 10, r: 10}, yaxis: {automargin: true, autorange: "reversed"}, xaxis: {side: "top"}}, PLOT);
  }
  const dcols = [["real_income_pct", "real income %"], ["real_income_usd_bn", "real income USD bn"],
    ["short_run_pct", "short run %"], ["terms_of_trade_pct", "terms of trade %"],
    ["tariff_revenue_change_usd_bn", "tariff revenue change USD bn"], ["cpi_pct", "CPI %"],
    ["real_wage_pct", "real wage %"], ["short_run_employment_pct", "short-run employment %"],
    ["other_channels_usd_bn", "non-trade channels USD bn"]].filter(([k]) => k in cs[0]);
  box.append(el("h3", {}, "What makes up each side's figure"),
             table(["country", ...dcols.map(c => c[1])], cs.map(c => [c.country, ...dcols.map(([k]) => c[k])]),
                 "decomposition"));
  const sub = r.subtotals_by_shock;
  if (sub && sub.countries && sub.countries.length) {
    const sc = [["tariffs_pct", "the tariffs %"], ["retaliation_pct", "the retaliation %"],
                ["tariffs_alone_pct", "tariffs alone %"], ["retaliation_alone_pct", "retaliation alone %"]];
    box.append(el("h3", {}, "Subtotals by shock (real income)"), el("p", {class: "muted"}, sub.method || ""),
               table(["country", ...sc.map(c => c[1])], sub.countries.map(c => [c.country, ...sc.map(([k]) => c[k])]),
                     "subtotals"));
  }
  const p = d.params || {};
  const inputs = [["scenario", r.scenario || (p.scenario || {}).id],
                  ["trade-elasticity scale", sig(p.theta_scale ?? 1) + "×"],
                  ...(await blockRows(p))];
  box.append(el("h3", {}, "Inputs"), table(["input", "value"], inputs, "inputs"));
}
// --- bargain runs -----------------------------------------------------------------------------------------
function renderBargain(d) {
  const r = d.result, t = r.deal.terms || {}, g = r.gain_usd_bn || {}, gp = r.gain_pct || {};
  const box = shell(d, "The US–Mexico bargain: " + (r.scenario || d.label), runSub(d));
  const tariff = t.us_tariff != null ? "a US tariff of " + f(100 * t.us_tariff, 1) + "% on Mexico" : "the terms below";
  box.append(el("p", {class: "headline", id: "headline"},
    `Predicted deal: ${tariff}. Over the disagreement point the USA gains ${signed(g.USA, 1)} USD bn a year ` +
    `(${signed(gp.USA, 3)}% of its income) and Mexico ${signed(g.MEX, 1)} USD bn ` +
    `(${signed(gp.MEX, 3)}% of its income). ` +
    `US leverage index ${f(r.leverage_usa, 2)} (0.5 = even).`));
  box.append(el("div", {class: "kpis", id: "kpis"},
    kpi("USA gain, a year", signed(g.USA, 1) + " USD bn", signed(gp.USA, 3) + "% of income", "kpi-USA"),
    kpi("MEX gain, a year", signed(g.MEX, 1) + " USD bn", signed(gp.MEX, 3) + "% of income", "kpi-MEX"),
    kpi("US leverage index", f(r.leverage_usa, 3), "0 = Mexico holds it all, 1 = the USA", "kpi-leverage"),
    kpi("surplus split to the USA", f(r.surplus_split_usa, 3), "over the disagreement point", "kpi-split"),
    kpi("US share of the dollar gains", f(100 * r.usd_share_usa, 0) + "%", null, "kpi-usd-share")));
  if (r.leverage_meaning) box.append(el("p", {class: "muted"}, r.leverage_meaning));
  const cliff = (r.deal_at_2036_cliff || {}).terms || {};
  const fmtTerm = (k, v) => v == null ? "–" : (k === "us_tariff" ? f(100 * v, 2) + "%" : f(v, 3));
  box.append(el("h3", {}, "The predicted deal, by dimension"), table(["dimension", "deal", "at the 2036 cliff"],
    Object.keys(t).map(k => [human(k), fmtTerm(k, t[k]), fmtTerm(k, cliff[k])]), "deal"));
  const torn = (r.tornado || []).slice().sort((a, b) => Math.abs(b.swing) - Math.abs(a.swing)).slice(0, 12).reverse();
  if (torn.length) {
    const base = r.leverage_usa;
    const [h1, c1] = chartBox("chart-tornado", "What moves the US leverage index (each parameter at its low and high)",
                              Math.max(300, 28 * torn.length + 90));
    box.append(h1, c1);
    const y = torn.map(x => human(x.parameter));
    Plotly.react(c1, ["low", "high"].map((end, i) => ({type: "bar", orientation: "h", name: "parameter at its " + end,
      y: y, base: torn.map(() => base), x: torn.map(x => x["leverage_at_" + end] - base),
      marker: {color: i ? "#2166ac" : "#b2182b"}, customdata: torn.map(x => [x[end], x["leverage_at_" + end]]),
      hovertemplate: "%{y}<br>" + end + " = %{customdata[0]:.4g}: index %{customdata[1]:.3f}<extra></extra>"})),
      {barmode: "overlay", margin: {t: 10, r: 10}, yaxis: {automargin: true},
       xaxis: {title: {text: "US leverage index (line: this run, " + f(base, 3) + ")"}},
       shapes: [{type: "line", x0: base, x1: base, yref: "paper", y0: 0, y1: 1, line: {color: "#333", dash: "dot"}}],
       legend: {orientation: "h", x: 0, y: 1.02, yanchor: "bottom"}}, PLOT);
  }
  const sides = ["USA", "MEX"];
  const [h2, c2] = chartBox("chart-gains", "Each side's gain, % of its income", 320);
  box.append(h2, c2);
  Plotly.react(c2, [["gain_pct", "deal over disagreement"], ["ideal_gain_pct", "its ideal deal over disagreement"],
                    ["gain_over_outside_pct", "deal over USMCA collapse"]].map(([k, name]) =>
    ({type: "bar", name: name, x: sides, y: sides.map(s => (r[k] || {})[s])})),
    {barmode: "group", margin: {t: 10, r: 10}, yaxis: {title: {text: "% of income"}}, legend: {orientation: "h"}},
        PLOT);
}
// --- remittance-tax runs ----------------------------------------------------------------------------------
function renderRemittance(d) {
  const r = d.result, n = r.national_change_usd_bn;
  const box = shell(d, "A US tax on remittances to Mexico: " + f(100 * r.rate, 2) + "%", runSub(d));
  box.append(el("p", {class: "headline", id: "headline"},
    `A ${f(100 * r.rate, 2)}% US tax on remittances (${r.horizon} response, ${r.year} flows) changes what Mexican ` +
    `households receive by ${signed(n.central, 2)} USD bn a year ` +
    `(5–95%: ${signed(n.low, 2)} to ${signed(n.high, 2)}), ` +
    `${signed(r.national_change_pct, 2)}% of the flows and ${signed(r.national_change_pct_gdp, 3)}% of Mexico's GDP; ` +
    `the tax raises ${f(r.us_tax_revenue_usd_bn, 2)} USD bn a year for the US Treasury.`));
  box.append(el("div", {class: "kpis", id: "kpis"},
    kpi("remittances received, a year", signed(n.central, 2) + " USD bn", "5–95%: " + signed(n.low, 2) + " to "
        + signed(n.high, 2), "kpi-national"),
    kpi("share of the flows", signed(r.national_change_pct, 2) + "%", "baseline " + f(r.baseline_usd_bn, 1)
        + " USD bn", "kpi-flows"),
    kpi("Mexico's GDP", signed(r.national_change_pct_gdp, 3) + "%", "GDP of " + r.gdp_year, "kpi-gdp"),
    kpi("US tax revenue", f(r.us_tax_revenue_usd_bn, 2) + " USD bn", "a year", "kpi-revenue")));
  const st = (r.states || []).slice().sort((a, b) => b.change_usd_m - a.change_usd_m);
  if (st.length) {
    const [h1, c1] = chartBox("chart-states", "Change by Mexican state, USD m a year (bars: 5–95% band)",
        22 * st.length + 90);
    box.append(h1, c1);
    Plotly.react(c1, [{type: "bar", orientation: "h", y: st.map(s => s.state), x: st.map(s => s.change_usd_m),
      marker: {color: "#b2182b"}, customdata: st.map(s => [s.change_pct_flows, s.change_pct_state_gdp]),
      error_x: {type: "data", symmetric: false, array: st.map(s => s.change_usd_m_high - s.change_usd_m),
                arrayminus: st.map(s => s.change_usd_m - s.change_usd_m_low)},
      hovertemplate: "%{y}: %{x:.1f} USD m (%{customdata[0]:.2f}% of its flows, " +
        "%{customdata[1]:.3f}% of its GDP)<extra></extra>"}],
      {margin: {t: 10, r: 10}, yaxis: {automargin: true}, xaxis: {title: {text: "USD m a year"}}}, PLOT);
  }
  const us = (r.us_states || []).slice().sort((a, b) => a.change_usd_m - b.change_usd_m).slice(0, 15).reverse();
  if (us.length) {
    const [h2, c2] = chartBox("chart-us-states",
        "Where the taxed money is sent from: the 15 US states most affected, USD m a year",
                              22 * us.length + 90);
    box.append(h2, c2);
    Plotly.react(c2, [{type: "bar", orientation: "h", y: us.map(s => s.name || s.us_state),
        x: us.map(s => s.change_usd_m),
      marker: {color: "#d6604d"}, hovertemplate: "%{y}: %{x:.1f} USD m<extra></extra>"}],
      {margin: {t: 10, r: 10}, yaxis: {automargin: true}, xaxis: {title: {text: "USD m a year"}}}, PLOT);
  }
  const b = r.benchmark;
  if (b) box.append(el("h3", {}, "Benchmark"), el("p", {class: "muted"}, b.source || ""),
    table(["measure", "USD bn a year"], [["published", b.published_usd_bn], ["reproduced by palanca",
        b.reproduced_usd_bn],
      ["palanca's own model", b.palanca_usd_bn], ["palanca 5%", b.palanca_low_usd_bn], ["palanca 95%",
          b.palanca_high_usd_bn]], "benchmark"));
  box.append(el("h3", {}, "Parameters"), table(["parameter", "value"], Object.entries(r.parameters || {}).map(([k,
      v]) => [human(k), v]), "parameters"));
}
// --- sweeps -----------------------------------------------------------------------------------------------
const VARIED = {us_tariff_mex: "US tariff on Mexico", mex_tariff_usa: "Mexico's tariff on the US",
                theta_scale: "trade-elasticity scale", sigma: "s.d. of the elasticity draws"};
const named = (n) => VARIED[n] || human(n);
const val = (name, v) => RATE_NAMES.has(name) ? f(100 * v, 1) + "%" : sig(v);
async function showSweep(sid, pointRun) {
  const s = await api("/api/sweeps/" + encodeURIComponent(sid));
  if (!state.controls) loadControls("us-tariff-25-mex").catch(() => null);
  const names = Object.keys(s.vary).length ? Object.keys(s.vary) : Object.keys(s.points[0].point);
  const d = {kind: "sweep", run_id: pointRun ?? s.points[0].run_id, csv_url: null};
  const box = shell(d, "Sweep of " + s.scenario + ": " + names.map(named).join(" × "),
                    `sweep ${s.sweep_id} · ${s.points.length} points · world ${s.world} · ${s.draws} draws per point`);
  $("actions").append(download(s.csv_url, `palanca-sweep-${s.sweep_id}.csv`, "CSV (every point)", "csv-link"),
    el("span", {}, "each point is a run; its report: ", el("code", {id: "report-command"}, "palanca report RUN_ID")));
  const at = (p, c) => (p.countries.find(x => x.country === c) || {}).real_income_pct;
  const countries = ["USA", "MEX"].filter(c => s.points[0].countries.some(x => x.country === c));
  const best = (c) => s.points.reduce((a, p) => (at(p, c) > at(a, c) ? p : a));
  box.append(el("p", {class: "headline", id: "headline"}, `${s.points.length} points: ` +
    names.map(n => named(n) + " ∈ {" + (s.vary[n] || []).map(v => val(n, v)).join(", ") + "}").join(" × ") +
    ". " + countries.map(c => { const p = best(c); return `${c} fares best at ` + names.map(n => named(n)
        + " " +
      val(n, p.point[n])).join(", ") + ` (${signed(at(p, c), 3)}% of income)`; }).join("; ") + "."));
  if (names.length === 2) {
    const [xn, yn] = names, xs = s.vary[xn], ys = s.vary[yn];
    for (const c of countries) {
      const z = ys.map(yv => xs.map(xv => { const p = s.points.find(q => q.point[xn] === xv && q.point[yn] === yv);
                                            return p ? at(p, c) : null; }));
      const lim = Math.max(...z.flat().filter(Number.isFinite).map(Math.abs), 1e-6);
      const [hh, cc] = chartBox("chart-sweep-" + c, c + ": real-income change, % (own colour scale)", 320);
      box.append(hh, cc);
      Plotly.react(cc, [{type: "heatmap", x: xs.map(v => val(xn, v)), y: ys.map(v => val(yn, v)), z: z, zmid: 0,
        zmin: -lim, zmax: lim, colorscale: DIVERGING, colorbar: {ticksuffix: "%"}, texttemplate: "%{z:.3f}",
        hovertemplate: xn + " %{x}, " + yn + " %{y}: %{z:.4f}%<extra></extra>"}],
        {margin: {t: 10, r: 10}, xaxis: {title: {text: named(xn)}, type: "category"},
         yaxis: {title: {text: named(yn)}, type: "category"}}, PLOT);
    }
  } else {
    const xn = names[0], pts = s.points.slice().sort((a, b) => a.point[xn] - b.point[xn]);
    const [hh, cc] = chartBox("chart-sweep", "Real-income change, % by " + named(xn), 340);
    box.append(hh, cc);
    Plotly.react(cc, countries.map(c => ({type: "scatter", mode: "lines+markers", name: c,
      x: pts.map(p => RATE_NAMES.has(xn) ? 100 * p.point[xn] : p.point[xn]), y: pts.map(p => at(p, c))})),
      {margin: {t: 10, r: 10}, xaxis: {title: {text: named(xn) + (RATE_NAMES.has(xn) ? " (%)" : "")}},
       yaxis: {title: {text: "% of real income"}}}, PLOT);
  }
  box.append(el("h3", {}, "Points"), table(["run", ...names.map(named), ...countries.map(c => c + " %")],
    s.points.map(p => [String(p.run_id), ...names.map(n => val(n, p.point[n])), ...countries.map(c => at(p, c))]),
        "points"));
}
// --- any other kind (gravity): its tables and a chart of the first % column, sorted -------------------------------
function renderGeneric(d) {
  const r = d.result || {};
  const box = shell(d, (d.kind === "gravity" ? "Gravity experiment: " : "") + (r.label || d.label), runSub(d));
  const lists = Object.entries(r).filter(([, v]) => Array.isArray(v) && v.length && typeof v[0] === "object");
  const scalars = Object.entries(r).filter(([, v]) => typeof v === "number" || typeof v === "string");
  const first = lists.find(([, v]) => v[0].country !== undefined) || lists[0];
  const rows = first ? first[1].slice() : [], lab = rows.length ? Object.keys(rows[0])[0] : null;
  const key = rows.length ? Object.keys(rows[0]).find(k => k.endsWith("_pct")) : null;
  if (key) rows.sort((a, b) => b[key] - a[key]);
  const said = key ? ` ${human(key)} ranges from ${signed(rows[0][key], 3)} (${rows[0][lab]}) to ` +
    `${signed(rows[rows.length - 1][key], 3)} (${rows[rows.length - 1][lab]}).` : "";
  box.append(el("p", {class: "headline", id: "headline"}, lists.length ? "Tables of this " + kindLabel(d.kind) +
    " run: " + lists.map(([k, v]) => k + " (" + v.length + " rows)").join(", ") + "." + said
    : "This run holds no tables."));
  if (key) {
    const shown = rows.slice(0, 60);
    const [hh, cc] = chartBox("chart-main", human(key) + " by " + lab + (rows.length > 60 ? " (top 60)" : ""), 360);
    box.append(hh, cc);
    Plotly.react(cc, [{type: "bar", x: shown.map(x => String(x[lab])), y: shown.map(x => x[key]),
      marker: {color: shown.map(x => x[key] < 0 ? "#b2182b" : "#2166ac")}}],
      {margin: {t: 10, r: 10}, yaxis: {title: {text: human(key)}}, xaxis: {type: "category"}}, PLOT);
  }
  if (scalars.length) box.append(table(["value", ""], scalars.map(([k, v]) => [human(k), v]), "scalars"));
  for (const [name, rows] of lists) {
    const cols = Object.keys(rows[0]).filter(c => typeof rows[0][c] !== "object");
    box.append(el("h3", {}, human(name) + (rows.length > 40 ? " (first 40 of " + rows.length + "; all in the CSV)"
        : "")),
               table(cols.map(human), rows.slice(0, 40).map(x => cols.map(c => x[c]))));
  }
}
"""

VIEWS_JS = _VIEWS_JS + TARIFF_FLOWS_JS + ACCOUNTS_JS
