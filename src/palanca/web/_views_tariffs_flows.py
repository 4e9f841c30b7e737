"""The views of the strategic-tariff and flows runs, appended to /static/views.js (uses the helpers of `_views`).

Optimal-tariff runs lead with the rate and each side's welfare change, tariff-war runs with the Nash
tariffs, the rounds it took and their history, both under the as-of baseline they were played from;
fentanyl runs with the calibration and what each lever buys per US$bn (the multiplicative-markup rows
as a sensitivity beside the central additive ones), interdiction runs with the corridor cut and the flow
it removes, migration runs with the encounter series and the enforcement-effort model with its range
and the checks it fails. Each view ends with the run's inputs, as stored.
"""

__all__ = ["TARIFF_FLOWS_JS"]

TARIFF_FLOWS_JS = r"""
const pctOf = (x, d = 2) => (x == null || !Number.isFinite(Number(x))) ? "–" : f(100 * x, d) + "%";
const whole = (x) => (x == null || !Number.isFinite(Number(x))) ? "–"
  : Number(x).toLocaleString("en-US", {maximumFractionDigits: 0});
const yesNo = (b) => b == null ? "–" : (b ? "yes" : "no");
const FOCUS = ["USA", "MEX", "CAN", "CHN"];
function notes(items, id) { return el("ul", {class: "notes", id: id}, (items || []).map(t => el("li", {}, t))); }
const and = (l) => l.length < 2 ? l.join("") : l.slice(0, -1).join(", ") + " and " + l[l.length - 1];
function who(list) {  // a list of economies, named when short
  const l = list || [];
  return l.length <= 4 ? and(l) : l.length + " economies";
}
const pp = (x) => Number.isFinite(Number(x)) ? Number(Number(x).toFixed(3)) + 0 : x;  // a % figure, noise dropped
// --- optimal tariffs and tariff wars ----------------------------------------------------------------------
function baselineLine(p) {
  const text = p.baseline || (p.as_of ? "the tariffs in force on " + p.as_of : null);
  const dated = p.as_of && !(text || "").includes(p.as_of);
  return el("p", {class: "baseline", id: "baseline"}, el("b", {}, "Baseline: "),
            text || "not recorded with this run", dated ? " (as of " + p.as_of + ")" : null);
}
function strategicInputs(p) {
  const rows = [["world", p.world_source || p.world], ["as-of date", p.as_of ?? "–"], ["baseline", p.baseline]];
  if (p.imposer) rows.push(["imposer", p.imposer],
                           ["targets", p.targets ? p.targets.join(", ") : "every other economy"],
                           ["uniform rate", yesNo(p.uniform)]);
  if (p.players) rows.push(["players", p.players.join(", ")], ["players tax", p.targets === "all" ?
    "every other economy" : (typeof p.targets === "string" ? "each other" : JSON.stringify(p.targets))],
    ["fixed (non-responding) tariffs", p.fixed ? Object.entries(p.fixed).map(([c, t]) => c + " " + pctOf(t))
      .join(", ") : "none"], ["rounds at most", p.max_rounds]);
  rows.push(["trade-imbalance closure", p.closure && p.closure.replace(/_/g, " ")],
            ["search interval of the rate", p.bounds ? p.bounds.map(b => pctOf(b, 0)).join(" to ") : "–"],
            ["tolerance on the rates", p.tol != null ? f(100 * p.tol, 4) + " pp" : "–"],
            ["labour-supply elasticity", p.labour_elasticity ?? 0],
            ["use of tariff revenue", p.fiscal && p.fiscal.replace(/_/g, " ")]);
  return table(["input", "value"], rows.map(([k, v]) => [k, v == null ? "–" : String(v)]), "inputs");
}
function welfareChart(box, w, mark, title) {
  const cs = Object.keys(w).sort((a, b) => w[b] - w[a]);
  const [h, c] = chartBox("chart-welfare", title, 360);
  box.append(h, c);
  Plotly.react(c, [{type: "bar", x: cs, y: cs.map(k => w[k]),
    marker: {color: cs.map(k => mark.includes(k) ? "#333" : (w[k] < 0 ? "#b2182b" : "#2166ac"))},
    hovertemplate: "%{x}: %{y:.3f}% of welfare<extra></extra>"}],
    {margin: {t: 10, r: 10}, xaxis: {type: "category", tickfont: {size: 9}},
     yaxis: {title: {text: "welfare change, %"}, zeroline: true}}, PLOT);
}
function countryTable(box, r, first, whose) {
  const w = r.welfare_pct, e = r.employment_pct || {};
  const moved = Object.values(e).some(x => Math.abs(x) > 1e-9);
  const cs = [...first.filter(c => c in w), ...Object.keys(w).filter(c => !first.includes(c))
    .sort((a, b) => w[a] - w[b])];
  box.append(el("h3", {}, `Every country (${whose} first, then the hardest hit)`),
    el("div", {class: "scroll"}, table(["country", "welfare %", ...(moved ? ["employment %"] : [])],
      cs.map(c => [c, w[c], ...(moved ? [e[c]] : [])]), "countries")));
  if (!moved) box.append(el("p", {class: "muted"}, "Employment is fixed in this run (labour-supply elasticity 0)."));
}
function solverLine(r, what) {
  const s = r.solver || {};
  return el("p", {class: "muted", id: "solver"}, `${what}; ${r.converged ? "converged" : "did not converge"}. ` +
    `Final equilibrium: ${s.iterations ?? "–"} iterations, residual ${s.residual != null ? s.residual.toExponential(1)
      : "–"}. ${r.seconds != null ? f(r.seconds, 1) + " s." : ""}`);
}
function renderOptimalTariff(d) {
  const r = d.result, p = d.params || {}, w = r.welfare_pct, imp = r.imposer;
  const uniform = typeof r.tariff === "number";
  const box = shell(d, "Optimal tariff of " + imp + (p.as_of ? ", as of " + p.as_of : ""), runSub(d));
  box.append(baselineLine(p));
  const others = FOCUS.filter(c => c !== imp && c in w);
  const rate = uniform ? pctOf(r.tariff) : "one rate per target (below)";
  box.append(el("p", {class: "headline", id: "headline"},
    `${imp}'s welfare-maximising ${uniform ? "uniform " : ""}tariff on ${who(r.targets)} is ${rate}, everyone ` +
    `else's tariffs as at the baseline. At that rate ${imp}'s welfare changes by ${signed(w[imp], 3)}%` +
    (others.length ? "; " + others.map(c => `${c} ${signed(w[c], 3)}%`).join(", ") : "") +
    " (real income with fixed labour, % of the baseline)."));
  if (r.at_bound) box.append(el("p", {class: "warn", id: "warning"}, "The optimum lies at an end of the search " +
    "interval (" + (p.bounds || []).map(b => pctOf(b, 0)).join(" to ") + "): the best rate may lie outside it; " +
    "widen the interval (--bounds)."));
  if (!r.converged) box.append(el("p", {class: "warn", id: "warning-converged"},
    "The search did not meet its tolerance: read the rate as approximate."));
  const k = el("div", {class: "kpis", id: "kpis"},
    kpi("optimal tariff", uniform ? pctOf(r.tariff) : "per target", "ad valorem, on " + who(r.targets), "kpi-tariff"),
    kpi(imp + ": welfare", signed(w[imp], 3) + "%", "of real income, at the optimum", "kpi-" + imp));
  for (const c of others) k.append(kpi(c + ": welfare", signed(w[c], 3) + "%", "of real income", "kpi-" + c));
  if (r.closed_form != null)
    k.append(kpi("closed-form rate", pctOf(r.closed_form), "formula at the optimum (one sector, no IO)",
                 "kpi-formula"));
  box.append(k);
  if (!uniform) box.append(el("h3", {}, "Optimal rate by target"),
    table(["target", "tariff %"], Object.entries(r.tariff).map(([c, t]) => [c, 100 * t]), "rates"));
  welfareChart(box, w, [imp], "Welfare change by country at the optimum, % (dark: the imposer)");
  countryTable(box, r, [imp, ...others], "the imposer and its main partners");
  box.append(solverLine(r, `Search: ${r.iterations} equilibrium solves`));
  box.append(el("h3", {}, "Inputs"), strategicInputs(p));
}
function renderTariffWar(d) {
  const r = d.result, p = d.params || {}, w = r.welfare_pct, players = r.players || [];
  const fixed = Object.keys(r.tariffs).filter(c => !players.includes(c));
  const box = shell(d, "Tariff war: " + players.join(" vs ") + (p.as_of ? ", as of " + p.as_of : ""), runSub(d));
  box.append(baselineLine(p));
  const on = (c) => who((r.targets || {})[c]);
  box.append(el("p", {class: "headline", id: "headline"},
    "Nash tariffs: " + players.map(c => `${c} ${pctOf(r.tariffs[c])} on ${on(c)}`).join("; ") +
    (fixed.length ? "; fixed: " + fixed.map(c => `${c} ${pctOf(r.tariffs[c])} on ${on(c)}`).join("; ") : "") +
    `. ${r.converged ? "Settled" : "Not settled"} after ${r.iterations} round${r.iterations === 1 ? "" : "s"} of ` +
    `best responses (${r.evaluations} equilibrium solves; the last round moved a tariff by ` +
    `${f(100 * r.max_change, 4)} pp). Welfare: ` + players.map(c => `${c} ${signed(w[c], 3)}%`).join(", ") +
    " of the baseline real income."));
  if ((r.at_bound || []).length) box.append(el("p", {class: "warn", id: "warning"}, r.at_bound.join(", ") +
    ": the equilibrium rate lies at an end of the search interval (" + (p.bounds || []).map(b => pctOf(b, 0))
    .join(" to ") + "), so this is the equilibrium of the bounded game only; widen the interval (--bounds)."));
  if (!r.converged) box.append(el("p", {class: "warn", id: "warning-converged"},
    "The best responses did not settle within the tolerance: the tariffs are the last round's."));
  box.append(el("div", {class: "kpis", id: "kpis"}, players.map(c => kpi(c + ": Nash tariff", pctOf(r.tariffs[c]),
    "on " + on(c) + "; its welfare " + signed(w[c], 3) + "%", "kpi-" + c)),
    fixed.map(c => kpi(c + ": fixed tariff", pctOf(r.tariffs[c]), "does not respond", "kpi-" + c)),
    kpi("rounds of best responses", String(r.iterations), r.evaluations + " equilibrium solves", "kpi-rounds")));
  const hist = r.history || [];
  if (hist.length) {
    const [h1, c1] = chartBox("chart-history", "Each player's tariff after each round of best responses, %", 300);
    box.append(h1, c1);
    const xs = hist.map((_, i) => i + 1);
    Plotly.react(c1, players.map(c => ({type: "scatter", mode: "lines+markers", name: c, x: xs,
      y: hist.map(h => 100 * h[c]), hovertemplate: c + ", round %{x}: %{y:.3f}%<extra></extra>"})),
      {margin: {t: 10, r: 10}, xaxis: {title: {text: "round"}, dtick: 1}, yaxis: {title: {text: "tariff, %"}},
       legend: {orientation: "h"}}, PLOT);
    box.append(el("h3", {}, "History"), table(["round", ...players.map(c => c + " tariff %")],
      hist.map((h, i) => [String(i + 1), ...players.map(c => num(f(100 * h[c], 3)))]), "history"));
  } else box.append(el("p", {class: "muted", id: "history"},
    "This run was stored without its round-by-round history; the rounds and last change are above."));
  welfareChart(box, w, players, "Welfare change by country at the Nash tariffs, % (dark: the players)");
  countryTable(box, r, [...players, ...fixed], "the players");
  box.append(solverLine(r, `${r.iterations} rounds, ${r.evaluations} equilibrium solves`));
  box.append(el("h3", {}, "Inputs"), strategicInputs(p));
}
// --- flows: fentanyl levers, corridor interdiction, migration -----------------------------------------------
const LEVER = {"precursor-controls": "precursor controls at source", "mexican-enforcement": "Mexican enforcement",
               "border-interdiction": "US border interdiction", "treatment": "US demand reduction / treatment"};
const lever = (k) => LEVER[k] || String(k).replace(/-/g, " ");
function flowsInputs(p, extra) {
  const a = p.assumptions || {};
  const rows = [...extra];
  if (Object.keys(a).length) {
    rows.push(["purity of seized fentanyl", pctOf(a.purity_seized, 0)],
              ["seizure rates: precursors, synthesis, border, retail", [a.precursor_seizure_rate,
                a.synthesis_seizure_rate, a.border_seizure_rate, a.retail_seizure_rate].map(x => pctOf(x, 0))
                .join(", ")],
              ["prices per pure kg (US$)", (a.price_usd_per_kg || []).map(whole).join(" · ")],
              ["price elasticity of demand", a.elasticity], ["deaths elasticity to consumption", a.deaths_elasticity]);
  }
  if (p.data_digest) rows.push(["shipped series read (digest)", p.data_digest.slice(0, 12) + "…"]);
  return table(["input", "value"], rows.map(([k, v]) => [k, v == null ? "–" : String(v)]), "inputs");
}
function renderFentanyl(d) {
  const r = d.result, p = d.params || {}, c = r.calibration || {};
  const box = shell(d, "Fentanyl levers, FY" + r.fiscal_year + " calibration", runSub(d));
  const central = r.levers.filter(x => x.markup === "additive");
  const sens = new Map(r.levers.filter(x => x.markup !== "additive").map(x => [x.lever, x]));
  const main = central.length ? central : r.levers;
  const best = main.reduce((a, x) => (x.deaths_averted_per_usd_bn > a.deaths_averted_per_usd_bn ? x : a), main[0]);
  box.append(el("p", {class: "headline", id: "headline"},
    `CBP seized ${whole(c.cbp_sw_border_fentanyl_seized_gross_kg)} kg of fentanyl (gross) at the SW border in ` +
    `FY${r.fiscal_year}, ${whole(c.seized_pure_kg)} kg pure; the model puts ${whole(c.border_flow_pure_kg)} kg pure ` +
    `reaching the border and US consumption at ${whole(c.consumption_pure_kg)} kg pure, against ` +
    `${whole(c.synthetic_opioid_deaths_12m_to_sep)} synthetic-opioid deaths (12 months to September). ` +
    (best ? `Per US$1bn a year, ${lever(best.lever)} averts the most deaths: ${whole(best.deaths_averted_per_usd_bn)}` +
      ` (US$${f(best.cost_per_death_averted_usd_m, 2)}m a death averted).` : "")));
  const k = el("div", {class: "kpis", id: "kpis"});
  for (const x of main) {
    const s = sens.get(x.lever);
    k.append(kpi(lever(x.lever) + ", US$" + sig(x.spend_usd_bn) + "bn a year", whole(x.deaths_averted) +
      " deaths averted", [`consumption ${signed(x.consumption_change_pct, 2)}%, ` +
      `US$${f(x.cost_per_death_averted_usd_m, 2)}m a death`, s ? el("br") : null,
      s ? `multiplicative markups (sensitivity): ${whole(s.deaths_averted)}` : null],
      "kpi-" + x.lever));
  }
  box.append(k);
  const names = main.map(x => lever(x.lever));
  const all = r.levers.map(x => x.deaths_averted_per_usd_bn).filter(x => x > 0);
  const logy = all.length && Math.max(...all) / Math.min(...all) > 100;
  const [h1, c1] = chartBox("chart-levers", "Deaths averted a year per US$1bn of spending, by lever" +
    (sens.size ? " (bars: additive markups, the central case; dots: multiplicative, a sensitivity)" : "") +
    (logy ? ", log scale" : ""), 340);
  box.append(h1, c1);
  const traces = [{type: "bar", name: "additive markups (central)", x: names,
    y: main.map(x => x.deaths_averted_per_usd_bn), marker: {color: "#2166ac"},
    hovertemplate: "%{x}: %{y:,.0f} deaths averted per US$bn<extra></extra>"}];
  if (sens.size) traces.push({type: "scatter", mode: "markers", name: "multiplicative markups (sensitivity)",
    x: names, y: main.map(x => (sens.get(x.lever) || {}).deaths_averted_per_usd_bn ?? null),
    marker: {color: "#d6604d", size: 11, symbol: "diamond"},
    hovertemplate: "%{x}: %{y:,.0f} per US$bn (sensitivity)<extra></extra>"});
  Plotly.react(c1, traces, {margin: {t: 10, r: 10}, legend: {orientation: "h"},
    yaxis: {title: {text: "deaths averted per US$bn"}, type: logy ? "log" : "linear"}}, PLOT);
  box.append(el("h3", {}, "What each lever does"), table(["lever", "markups", "spending US$bn a year",
    "border crossings %", "retail price %", "consumption %", "deaths averted a year", "deaths averted per US$bn",
    "US$m per death averted", "value at the VSL, US$bn"], r.levers.map(x => [lever(x.lever),
    x.markup === "additive" ? "additive (central)" : x.markup + " (sensitivity)", x.spend_usd_bn,
    pp(x.crossing_flow_change_pct), pp(x.retail_price_change_pct), pp(x.consumption_change_pct),
    num(whole(x.deaths_averted)), num(whole(x.deaths_averted_per_usd_bn)), x.cost_per_death_averted_usd_m,
    x.value_usd_bn_at_vsl]), "levers"));
  box.append(el("p", {class: "muted"}, "Value of a death averted: " + (r.vsl_source || "US$" + whole(r.vsl_usd))));
  box.append(el("h3", {}, "Assumptions and their ranges"), notes([...(c.assumptions || []),
    ...[...new Map(r.levers.map(x => [x.lever, x.assumption])).entries()].map(([l, a]) => lever(l) + ": " + a),
    ...(r.notes || [])], "assumptions"));
  const rand = r.rydell_everingham_1994;
  if (rand) {
    const pub = rand.published_usd_m_per_1pct || {}, own = rand.palanca_usd_m_per_1pct || {};
    box.append(el("h3", {}, "Check against Rydell & Everingham (1994), cocaine: US$m to cut consumption by 1%"),
      table(["programme", "published US$m", "palanca US$m", "relative error"], [
        ...Object.entries(pub).map(([k2, v]) => {
          const e = (rand.relative_error || {})[k2];
          return [k2, v, null, e == null ? null : num(signed(100 * e, 0) + "%")];
        }),
        ...Object.entries(own).map(([k2, v]) => [k2, null, v, null])], "rand-check"),
      el("p", {class: "muted"}, "Reproduced within 25%: " + ((rand.reproduced_within_25pct || []).join(", ") ||
        "none") + "."), notes((rand.not_reproduced || []).map(t => "not reproduced — " + t)));
  }
  box.append(el("h3", {}, "Inputs"), flowsInputs(p, [["fiscal year (calibration)", "FY" + p.fiscal_year],
    ["levers", (p.levers || []).map(lever).join(", ")], ["spending per lever", "US$" + sig(p.spend_usd_bn) +
    "bn a year"], ["markup rules", (p.markups || []).join(", ")]]));
}
// "border: X → crossed: X" names one corridor: shown as "border: X".
function arcName(a) {
  const m = String(a).match(/^([^:]+): (.+) → [^:]+: (.+)$/);
  return m && m[2] === m[3] ? m[1] + ": " + m[2] : String(a);
}
function renderInterdiction(d) {
  const r = d.result, p = d.params || {}, unit = r.unit || "kg pure fentanyl per year";
  const cut = new Set(r.interdicted || []);
  const arcs = r.arcs || [];
  const box = shell(d, `Corridor interdiction, FY${r.fiscal_year}: a budget of ${sig(r.budget)} arc` +
                    (r.budget === 1 ? "" : "s"), runSub(d));
  box.append(el("p", {class: "headline", id: "headline"}, cut.size
    ? `Cutting ${and([...cut].map(arcName))} lowers the corridor network's maximum flow from ` +
      `${whole(r.max_flow_before)} ` +
      `to ${whole(r.max_flow_after)} ${unit} (${signed(-r.reduction_pct, 1)}%).`
    : `No cut of ${sig(r.budget)} arc${r.budget === 1 ? "" : "s"} lowers the maximum flow of ` +
      `${whole(r.max_flow_before)} ${unit}: the product reroutes through the other corridors.`));
  box.append(el("div", {class: "kpis", id: "kpis"},
    kpi("maximum flow before", whole(r.max_flow_before), unit, "kpi-before"),
    kpi("after the cut", whole(r.max_flow_after), unit, "kpi-after"),
    kpi("reduction", signed(-r.reduction_pct, 1) + "%", cut.size + " arc" + (cut.size === 1 ? "" : "s") + " cut",
        "kpi-reduction")));
  if (arcs.length) {
    const rows = arcs.slice().reverse();
    const [h1, c1] = chartBox("chart-arcs", "Capacity of each interdictable arc, " + unit + " (red: cut)",
                              26 * rows.length + 90);
    box.append(h1, c1);
    Plotly.react(c1, [{type: "bar", orientation: "h", y: rows.map(a => arcName(a.arc)), x: rows.map(a => a.capacity),
      marker: {color: rows.map(a => cut.has(a.arc) ? "#b2182b" : "#92a8c8")},
      hovertemplate: "%{y}: %{x:,.0f} " + unit + "<extra></extra>"}],
      {margin: {t: 10, r: 10}, yaxis: {automargin: true, tickfont: {size: 10}},
       xaxis: {title: {text: unit}}}, PLOT);
    box.append(el("h3", {}, "Arcs"), table(["arc", "capacity, " + unit, "cut"],
      arcs.map(a => [arcName(a.arc), num(whole(a.capacity)), cut.has(a.arc) ? "cut" : ""]), "arcs"));
  }
  box.append(el("p", {class: "muted"}, "Method: " + (r.method || "–")));
  box.append(el("h3", {}, "Assumptions"), notes(r.assumptions, "assumptions"));
  box.append(el("h3", {}, "Inputs"), flowsInputs(p, [["budget (arcs the interdictor can cut)", sig(p.budget)],
    ["fiscal year (CBP seizures)", "FY" + p.fiscal_year]]));
}
function renderMigration(d) {
  const r = d.result, p = d.params || {}, m = r.model || {}, e = r.effect_of_one_unit || {};
  const usbp = r.usbp_sw_apprehensions_by_fy || {}, cbp = r.cbp_sw_encounters_by_fy || {};
  const byCit = r.cbp_sw_encounters_by_citizenship_fy || {};
  const box = shell(d, "Migration: southwest-border encounters and Mexico's enforcement effort", runSub(d));
  const lastCbp = Object.keys(cbp).sort().pop(), lastUsbp = Object.keys(usbp).sort().pop();
  const range = (lo, hi, fmt) => `range ${fmt(lo)} to ${fmt(hi)}`;
  box.append(el("p", {class: "headline", id: "headline"},
    (lastCbp ? `CBP southwest-border encounters, FY${lastCbp}: ${whole(cbp[lastCbp])} (` +
      Object.keys(byCit).map(k => `${k} ${whole(byCit[k][lastCbp])}`).join(", ") + "). " : "") +
    (lastUsbp ? `USBP apprehensions, FY${lastUsbp}: ${whole(usbp[lastUsbp])}. ` : "") +
    "One unit of Mexican enforcement effort (the June 2019 National Guard deployment) changes apprehensions by " +
    `${signed(e.change_pct, 0)}% ` +
    `(${range(e.change_low_pct, e.change_high_pct, x => signed(x, 0) + "%")}) of ${whole(e.baseline_encounters)} ` +
    `(${e.baseline_source || "the baseline"}): ` +
    `${whole(e.averted)} averted a year (${range(e.averted_low, e.averted_high, whole)})` +
    (e.identified === false || m.identified === false ? " — not identified by these data (checks below)." : ".")));
  const k = el("div", {class: "kpis", id: "kpis"});
  if (lastCbp)
    k.append(kpi("CBP SW encounters, FY" + lastCbp, whole(cbp[lastCbp]), "events, a year", "kpi-encounters"));
  k.append(kpi("effect of one unit of effort", signed(e.change_pct, 1) + "%",
               range(e.change_low_pct, e.change_high_pct, x => signed(x, 1) + "%"), "kpi-effect"),
           kpi("averted a year", whole(e.averted), range(e.averted_low, e.averted_high, whole) + " apprehensions",
               "kpi-averted"),
           kpi("θ (step at the June 2019 deployment)", signed(m.theta, 3), "log points; HAC s.e. " + f(m.se_hac, 3),
               "kpi-theta"));
  box.append(k);
  if (m.identified === false) box.append(el("p", {class: "warn", id: "warning"},
    "The effort effect is not identified by these data: " + (m.failed_checks || []).join("; ") + "."));
  const years = [...new Set([...Object.keys(usbp), ...Object.keys(cbp)])].sort();
  const newest = years.slice().reverse();
  const [h1, c1] = chartBox("chart-encounters", "Southwest-border apprehensions and encounters by fiscal year", 360);
  box.append(h1, c1);
  const series = [["USBP apprehensions", usbp, "#333"], ["CBP encounters", cbp, "#2166ac"],
                  ...Object.entries(byCit).map(([k2, v], i) => ["CBP encounters: " + k2, v,
                    ["#b2182b", "#e08a00", "#67a9cf"][i % 3]])];
  Plotly.react(c1, series.map(([name, s, color]) => ({type: "scatter", mode: "lines+markers", name: name,
    x: years.filter(y => y in s), y: years.filter(y => y in s).map(y => s[y]), line: {color: color},
    hovertemplate: name + ", FY%{x}: %{y:,.0f}<extra></extra>"})),
    {margin: {t: 50, r: 10}, legend: {orientation: "h", x: 0, y: 1.02, yanchor: "bottom"},
     xaxis: {title: {text: "fiscal year"}, type: "category"},
     yaxis: {title: {text: "a year (events, not persons)"}}}, PLOT);
  const cols = [usbp, cbp, ...Object.values(byCit)];
  box.append(el("h3", {}, "By fiscal year (newest first)"), el("div", {class: "scroll"}, table(["FY",
    "USBP apprehensions", "CBP encounters", ...Object.keys(byCit).map(k2 => "CBP: " + k2)],
    newest.map(y => [y, ...cols.map(s => s[y] == null ? null : num(whole(s[y])))]), "series")));
  box.append(el("h3", {}, "Policy events"), table(["date", "event"],
    (r.policy_events || []).map(x => [x.date, x.event]), "events"));
  box.append(el("h3", {}, "The enforcement-effort model"), el("p", {class: "muted"}, "Interrupted series of log " +
    `USBP SW apprehensions, OLS ${(m.window || []).join(" to ")}, ${m.n_months} months, R² ${f(m.r2, 2)}, HAC ` +
    "(Newey–West) errors."), table(["estimate", "value"], [["θ (log points)", signed(m.theta, 3)],
    ["HAC s.e.", f(m.se_hac, 3)], ["placebo-break s.d.", f(m.placebo_sd, 3)],
    ["band of θ", (m.band || []).map(x => signed(x, 3)).join(" to ")], ["θ without the MPP term",
    signed(m.theta_without_mpp, 3)], ["best-fitting break", m.best_break], ["change per unit of effort at this θ",
    signed(m.effect_pct_per_unit, 1) + "%"], ["identified", yesNo(m.identified)],
    ...Object.entries(m.policy_coefficients || {}).map(([k2, v]) => ["policy term: " + k2.replace(/_/g, " "),
      signed(v, 3)])], "model"));
  box.append(el("h3", {}, "Inputs"), flowsInputs(p, [["baseline for the effect", (e.baseline_source || "–")]]));
}
"""
