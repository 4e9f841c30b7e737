"""The views of the seizure-flow, firearms, cooperation-value and remittance runs, appended to /static/views.js.

Seizure-flow runs lead with the latest CBP seizure and the flow it implies under each seizure-rate case, with
the rate that would keep deaths per kg at the anchor year's; firearms runs with Mexico's seizures, the
US-sourced share and the southbound flow index it implies (flagged as not validated); cooperation runs with
what each side's cooperation is worth a year and its range; remittance runs with the view they were run for
(Mexican state, US state of origin, or year). Each view ends with its assumptions and the run's inputs, as
stored. Uses the helpers of `_views` and `_views_tariffs_flows`.
"""

__all__ = ["ACCOUNTS_JS"]

ACCOUNTS_JS = r"""
// A signed figure whose rounding to d places is zero reads "0.0", never "-0.0" or "+0.0".
const sgn = (x, d = 1) => (x == null || !Number.isFinite(Number(x))) ? "–"
  : (Number(f(x, d)) === 0 ? f(0, d) : signed(x, d));
const kg = (x) => x == null ? "–" : whole(x) + " kg";
const usdBn = (x, d = 2) => x == null ? "–" : "US$" + f(x, d) + "bn";
const usdM = (x) => x == null ? "–" : "US$" + whole(x) + "m";
const lastWith = (rows, k) => rows.filter(x => x[k] != null).pop();
function inputsTable(rows) {
  return table(["input", "value"], rows.map(([k, v]) => [k, v == null ? "–" : String(v)]), "inputs");
}
const digestRow = (p) => ["shipped series read (digest)", p.data_digest ? p.data_digest.slice(0, 12) + "…" : null];
// --- fentanyl seizure flows ---------------------------------------------------------------------------------
function renderSeizureFlows(d) {
  const r = d.result, p = d.params || {}, a = p.assumptions || {}, cs = r.seizure_rate_cases || {};
  const ys = r.years || [], last = ys[ys.length - 1], dead = lastWith(ys, "implied_seizure_rate");
  const price = r.retail_price_usd_per_kg || {};
  const fy = (y) => "FY" + y.fiscal_year;
  const box = shell(d, "Fentanyl reaching the southwest border, FY" + ys[0].fiscal_year + "–FY" +
                    last.fiscal_year, runSub(d));
  const range = (o) => `${whole(o.low)} kg at a ${pctOf(cs.low, 0)} seizure rate to ${whole(o.high)} kg at ` +
    pctOf(cs.high, 0);
  box.append(el("p", {class: "headline", id: "headline"},
    `CBP seized ${kg(last.seized_gross_kg)} of fentanyl (gross weight) at the southwest border in ${fy(last)}. ` +
    `At ${pctOf(r.purity, 0)} purity and a ${pctOf(cs.central, 0)} border seizure rate, ` +
    `${kg(last.border_flow_kg.central)} of pure fentanyl reached the border (${range(last.border_flow_kg)}) and ` +
    `${kg(last.consumption_kg.central)} pure was consumed in the US. ` +
    (dead ? `Holding deaths per pure kg at their FY${a.anchor_fiscal_year ?? "anchor"} level needs a seizure rate ` +
      `of ${pctOf(dead.implied_seizure_rate, 1)} in ${fy(dead)} (${whole(dead.deaths)} synthetic-opioid deaths).`
      : "")));
  box.append(el("div", {class: "kpis", id: "kpis"},
    kpi("seized at the SW border, " + fy(last), kg(last.seized_gross_kg), "gross weight, CBP", "kpi-seized"),
    kpi("reaching the border, " + fy(last), kg(last.border_flow_kg.central), ["pure, at a ", pctOf(cs.central, 0),
      " seizure rate", el("br"), "range " + whole(last.border_flow_kg.high) + " to " +
      whole(last.border_flow_kg.low) + " kg"], "kpi-flow"),
    kpi("consumed in the US, " + fy(last), kg(last.consumption_kg.central), "pure, range " +
      whole(last.consumption_kg.high) + " to " + whole(last.consumption_kg.low) + " kg", "kpi-consumption"),
    dead ? kpi("implied seizure rate, " + fy(dead), pctOf(dead.implied_seizure_rate, 1),
               `deaths per kg held at FY${a.anchor_fiscal_year ?? "–"}'s`, "kpi-implied") : null,
    kpi("retail price", "US$" + f(price.central / 1e6, 2) + "m", "a pure kg; range US$" + f(price.low / 1e6, 2) +
      "m to US$" + f(price.high / 1e6, 2) + "m", "kpi-price")));
  const xs = ys.map(fy), b = (c) => ys.map(y => y.border_flow_kg[c]);
  const [h1, c1] = chartBox("chart-flows", "Fentanyl by fiscal year, kg (band: seizure rate " + pctOf(cs.low, 0) +
                            " to " + pctOf(cs.high, 0) + ")", 360);
  box.append(h1, c1);
  Plotly.react(c1, [
    {type: "bar", name: "seized at the border (gross kg)", x: xs, y: ys.map(y => y.seized_gross_kg),
     marker: {color: "#bbb"}, hovertemplate: "%{x}: %{y:,.0f} kg gross seized<extra></extra>"},
    {type: "scatter", mode: "lines", x: xs, y: b("low"), line: {width: 0}, showlegend: false, hoverinfo: "skip"},
    {type: "scatter", mode: "lines", name: "reaching the border, range (pure kg)", x: xs, y: b("high"),
     fill: "tonexty", fillcolor: "rgba(33,102,172,0.18)", line: {width: 0}, hoverinfo: "skip"},
    {type: "scatter", mode: "lines+markers", name: "reaching the border, central (pure kg)", x: xs, y: b("central"),
     line: {color: "#2166ac"}, hovertemplate: "%{x}: %{y:,.0f} pure kg reach the border<extra></extra>"},
    {type: "scatter", mode: "lines+markers", name: "consumed in the US, central (pure kg)", x: xs,
     y: ys.map(y => y.consumption_kg.central), line: {color: "#b2182b", dash: "dot"},
     hovertemplate: "%{x}: %{y:,.0f} pure kg consumed<extra></extra>"}],
    {margin: {t: 30, r: 10}, legend: {orientation: "h"}, xaxis: {type: "category"},
     yaxis: {title: {text: "kg a year"}, rangemode: "tozero"}}, PLOT);
  const wd = ys.filter(y => y.implied_seizure_rate != null);
  if (wd.length) {
    const [h2, c2] = chartBox("chart-implied", "Seizure rate that keeps deaths per pure kg at FY" +
                              (a.anchor_fiscal_year ?? "–") + "'s, % (line: the central " + pctOf(cs.central, 0) +
                              ")", 280);
    box.append(h2, c2);
    Plotly.react(c2, [{type: "bar", x: wd.map(fy), y: wd.map(y => 100 * y.implied_seizure_rate),
      marker: {color: "#67a9cf"}, hovertemplate: "%{x}: %{y:.1f}%<extra></extra>"}],
      {margin: {t: 30, r: 10}, xaxis: {type: "category"}, yaxis: {title: {text: "seizure rate, %"}},
       shapes: [{type: "line", xref: "paper", x0: 0, x1: 1, y0: 100 * cs.central, y1: 100 * cs.central,
                 line: {color: "#333", dash: "dash", width: 1}}]}, PLOT);
  }
  box.append(el("h3", {}, "By fiscal year (pure kg unless marked gross)"), el("div", {class: "scroll"}, table(
    ["FY", "seized, gross kg", ...["low", "central", "high"].map(c => "reaching the border, seizure rate " +
      pctOf(cs[c], 0)), "consumed (central)", "synthetic-opioid deaths", "deaths per pure kg consumed (central)",
     "implied seizure rate"],
    ys.map(y => [fy(y), num(whole(y.seized_gross_kg)), ...["low", "central", "high"].map(c =>
      num(whole(y.border_flow_kg[c]))), num(whole(y.consumption_kg.central)), y.deaths == null ? null :
      num(whole(y.deaths)), y.deaths == null ? null : num(f(y.deaths / y.consumption_kg.central, 1)),
      y.implied_seizure_rate == null ? null : num(pctOf(y.implied_seizure_rate, 1))]), "years")));
  box.append(el("h3", {}, "Assumptions and their ranges"), notes([
    `Purity of seized fentanyl: ${pctOf(r.purity, 0)} (an assumption).`,
    `Border seizure rate: ${pctOf(cs.central, 0)} central, range ${pctOf(cs.low, 0)} to ${pctOf(cs.high, 0)}; ` +
      "a fixed rate makes the flow track seizures.",
    `Retail seizure rate: ${pctOf(r.retail_seizure_rate, 0)} of what crosses.`,
    `Implied seizure rate: the rate that keeps deaths per pure kg consumed at FY${a.anchor_fiscal_year ?? "–"}'s ` +
      "value in the central case.",
    `Retail price: US$${whole(price.central)} a pure kg (US$${whole(price.low)} to US$${whole(price.high)}): ` +
      (price.source || "–") + ".",
    "Seizures: CBP drug seizure statistics (southwest border fentanyl); deaths: CDC/NCHS provisional " +
      "synthetic-opioid deaths, 12 months to September."], "assumptions"));
  box.append(el("h3", {}, "Inputs"), inputsTable([["purity", pctOf(a.purity, 0)],
    ["border seizure rates (low, central, high)", ["low", "central", "high"].map(c =>
      pctOf((a.seizure_rate_cases || {})[c], 0)).join(", ")], ["retail seizure rate", pctOf(a.retail_seizure_rate, 0)],
    ["anchor fiscal year", a.anchor_fiscal_year], ["pill price (US$)", (a.pill_price_usd || []).join(" · ")],
    ["fentanyl per pill", a.pill_mg != null ? a.pill_mg + " mg" : null], digestRow(p)]));
}
// --- southbound firearms ------------------------------------------------------------------------------------
function renderFirearms(d) {
  const r = d.result, p = d.params || {}, a = p.assumptions || {}, ys = r.years || [];
  const last = lastWith(ys, "southbound_flow"), chk = r.atf_check || {};
  const cy = a.calibration_years || [], span = cy.length ? cy[0] + "–" + cy[cy.length - 1] : "";
  const box = shell(d, "Southbound firearms: a flow account, " + ys[0].year + "–" + ys[ys.length - 1].year,
                    runSub(d));
  box.append(el("p", {class: "headline", id: "headline"},
    `Mexico seized ${whole(last.seized_mex)} firearms in ${last.year}; at the GAO's ${pctOf(r.us_sourced_share, 0)}` +
    ` US-sourced share, ${whole(last.us_sourced_seized)} were of US origin. At the seizure rate of ` +
    `${pctOf(r.seizure_rate, 1)} that makes ${span || "the calibration years"} match McDougal et al. (2013), the ` +
    `southbound flow index is ${whole(last.southbound_flow)} firearms a year` +
    (r.validated ? "." : " — an index, not a validated estimate (checks below).")));
  if (!r.validated) box.append(el("p", {class: "warn", id: "warning"}, "Not validated: the southbound flow is " +
    (r.presented_as ? "an " + r.presented_as : "an index") + ". The seizure rate is held at its " +
    (span || "calibration") + " level, so later years, when seizures fell, are lower bounds if enforcement " +
    "fell rather than the flow."));
  box.append(el("div", {class: "kpis", id: "kpis"},
    kpi("seized in Mexico, " + last.year, whole(last.seized_mex), "firearms (UNODC)", "kpi-seized"),
    kpi("US-sourced share", pctOf(r.us_sourced_share, 0), "of traced firearms (GAO), applied to all seizures",
        "kpi-share"),
    kpi("seizure rate", pctOf(r.seizure_rate, 2), "calibrated to " + (span || "–"), "kpi-rate"),
    kpi("southbound flow, " + last.year, whole(last.southbound_flow), "firearms a year (index)", "kpi-flow")));
  const xs = ys.map(y => String(y.year));
  const [h1, c1] = chartBox("chart-firearms", "Firearms a year: seizures and the southbound flow index " +
                            "(gaps: not reported to UNODC)", 360);
  box.append(h1, c1);
  Plotly.react(c1, [
    {type: "bar", name: "seized in Mexico", x: xs, y: ys.map(y => y.seized_mex), marker: {color: "#92a8c8"},
     hovertemplate: "%{x}: %{y:,.0f} seized in Mexico<extra></extra>"},
    {type: "bar", name: "of US origin", x: xs, y: ys.map(y => y.us_sourced_seized), marker: {color: "#2166ac"},
     hovertemplate: "%{x}: %{y:,.0f} of US origin<extra></extra>"},
    {type: "scatter", mode: "lines+markers", name: "southbound flow (index)", x: xs,
     y: ys.map(y => y.southbound_flow), line: {color: "#b2182b"},
     hovertemplate: "%{x}: %{y:,.0f} southbound (index)<extra></extra>"},
    {type: "scatter", mode: "lines+markers", name: "seized in the US (ATF, all origins)", x: xs,
     y: ys.map(y => y.seized_usa), line: {color: "#777", dash: "dot"},
     hovertemplate: "%{x}: %{y:,.0f} seized in the US<extra></extra>"}],
    {barmode: "group", margin: {t: 30, r: 10}, legend: {orientation: "h"}, xaxis: {type: "category"},
     yaxis: {title: {text: "firearms a year"}}}, PLOT);
  box.append(el("h3", {}, "By year"), table(["year", "seized in Mexico", "of US origin", "southbound flow (index)",
    "seized in the US"], ys.map(y => [String(y.year), ...["seized_mex", "us_sourced_seized", "southbound_flow",
    "seized_usa"].map(k => y[k] == null ? "not reported" : num(whole(y[k])))]), "years"));
  const sot = Object.entries(chk.seized_over_traced || {});
  box.append(el("h3", {}, "Out-of-sample checks (ATF traces)"), table(["check", "value", "reads"], [
    ["US-sourced share of traced firearms, 2007–2011", num(pctOf(chk.share_2007_2011, 0)),
     "GAO 2014–2018: " + pctOf(r.us_sourced_share, 0)],
    ...sot.map(([y, v]) => ["UNODC seizures / ATF traces of firearms recovered in Mexico, " + y, num(f(v, 2)),
      v >= 1 ? "consistent (traces are a subset of seizures)" : "fails: must be at least 1"])], "checks"));
  box.append(el("h3", {}, "Assumptions and their sources"), notes([
    "US-sourced share " + pctOf(r.us_sourced_share, 0) + ": " + (r.us_sourced_share_source || "–") +
      "; applied to all seizures (an assumption).",
    "Seizure rate " + pctOf(r.seizure_rate, 2) + ": " + (r.seizure_rate_source || "–") + ".",
    "Seizures: UNODC Illicit Arms Flows Questionnaire, arms seized, total (Mexico: IAFQ/SOF; US: ATF).",
    "Presented as: " + (r.presented_as || "–") + "."], "assumptions"));
  box.append(el("h3", {}, "Inputs"), inputsTable([["US-sourced share", pctOf(p.us_sourced_share, 0)],
    ["calibration target (McDougal et al. 2013)", whole(a.mcdougal_flow) + " firearms a year"],
    ["calibration years", span], ["account years", (a.account_years || []).join("–")],
    ["ATF traces 2007–2011 (total, US-sourced)", (a.atf_traced_2007_2011 || []).map(whole).join(", ")],
    ["ATF traces of firearms recovered in Mexico", Object.entries(a.atf_mexico_traces || {}).map(([y, v]) =>
      y + ": " + whole(v)).join(", ")], digestRow(p)]));
}
// --- the value of each side's cooperation -------------------------------------------------------------------
const CHANNEL = {fentanyl_enforcement: ["Mexico's fentanyl enforcement", "to the US"],
                 migration_enforcement: ["Mexico's migration enforcement", "to the US"],
                 firearms_action: ["US action on southbound firearms", "to Mexico"]};
const channel = (k) => CHANNEL[k] || [human(k), ""];
function renderCooperation(d) {
  const r = d.result, p = d.params || {}, a = p.assumptions || {};
  const chs = Object.keys(r).filter(k => r[k] && typeof r[k] === "object" && "central_usd_bn_per_year" in r[k]);
  const band = (v) => usdBn(v.low_usd_bn_per_year) + " to " + usdBn(v.high_usd_bn_per_year);
  const box = shell(d, "What each side's cooperation is worth a year", runSub(d));
  const unid = chs.filter(k => r[k].identified === false);
  box.append(el("p", {class: "headline", id: "headline"}, chs.map(k => { const [n, to] = channel(k);
    return `${n} is worth ${usdBn(r[k].central_usd_bn_per_year)} a year ${to} (${band(r[k])})`; }).join("; ") +
    ". " + (unid.length === chs.length ? "None is identified from data: each rests on assumptions (below)."
      : unid.length ? and(unid.map(k => channel(k)[0])) + " rest on assumptions, not identified from data." : "")));
  box.append(el("div", {class: "kpis", id: "kpis"}, chs.map(k => { const [n, to] = channel(k);
    return kpi(n + ", " + to, usdBn(r[k].central_usd_bn_per_year), ["a year; range " + band(r[k]), el("br"),
      r[k].identified ? "identified from data" : "not identified: an assumption"], "kpi-" + k); })));
  const rows = chs.slice().reverse();
  const [h1, c1] = chartBox("chart-values", "Value a year, US$bn (bars: central; whiskers: the range)",
                            60 * rows.length + 90);
  box.append(h1, c1);
  Plotly.react(c1, [{type: "bar", orientation: "h", y: rows.map(k => channel(k).join(" ")),
    x: rows.map(k => r[k].central_usd_bn_per_year),
    marker: {color: rows.map(k => channel(k)[1] === "to Mexico" ? "#2e8b57" : "#2166ac")},
    error_x: {type: "data", symmetric: false, array: rows.map(k => r[k].high_usd_bn_per_year -
      r[k].central_usd_bn_per_year), arrayminus: rows.map(k => r[k].central_usd_bn_per_year -
      r[k].low_usd_bn_per_year)},
    hovertemplate: "%{y}: US$%{x:.2f}bn a year<extra></extra>"}],
    {margin: {t: 30, r: 20}, yaxis: {automargin: true}, xaxis: {title: {text: "US$bn a year"},
     rangemode: "tozero"}}, PLOT);
  box.append(el("h3", {}, "Values"), table(["channel", "to", "central, US$bn a year", "low", "high", "identified"],
    chs.map(k => [...channel(k), num(f(r[k].central_usd_bn_per_year, 2)), num(f(r[k].low_usd_bn_per_year, 2)),
      num(f(r[k].high_usd_bn_per_year, 2)), yesNo(r[k].identified)]), "values"));
  box.append(el("h3", {}, "Method and sources"));
  for (const k of chs) box.append(el("h4", {}, channel(k).join(" ")), el("p", {class: "muted"}, r[k].method || "–"),
    notes(r[k].sources, "sources-" + k));
  const tri = (v, fmt) => Array.isArray(v) && v.length === 3 ? `${fmt(v[1])} (range ${fmt(v[0])} to ${fmt(v[2])})`
    : (v == null ? null : String(v));
  const fa = a.fentanyl || {}, cases = a.seizure_rate_cases || {};
  box.append(el("h3", {}, "Assumptions and their ranges"), inputsTable([
    ["US value of a statistical life", tri(a.vsl_usd, x => "US$" + f(x / 1e6, 1) + "m")],
    ["fentanyl: fiscal year, markups", "FY" + a.fentanyl_fiscal_year + ", " + a.fentanyl_markup],
    ["fentanyl: border seizure rate", tri([cases.low, cases.central, cases.high], x => pctOf(x, 0))],
    ["fentanyl: purity of seized", pctOf(fa.purity_seized, 0)],
    ["fentanyl: price and deaths elasticities", [fa.elasticity, fa.deaths_elasticity].join(", ")],
    ["fentanyl: retail price a pure kg", tri(a.retail_price_usd_per_kg, x => "US$" + f(x / 1e6, 2) + "m")],
    ["migration: baseline fiscal year", a.migration_baseline_fiscal_year != null ? "FY" +
      a.migration_baseline_fiscal_year : null],
    ["migration: fiscal cost per apprehension", tri(a.cost_per_apprehension_usd, x => "US$" + whole(x))],
    ["firearms: Mexican firearm homicides a year", whole(a.firearm_homicides_mx)],
    ["firearms: US-sourced share", pctOf(a.us_sourced_share, 0)],
    ["firearms: share averted by full US action", tri(a.firearms_averted_share, x => pctOf(x, 0))],
    ["Mexico/US income ratio (for Mexico's VSL)", a.mx_us_income_ratio], digestRow(p)]));
}
// --- remittances by Mexican state, by US state of origin, by year ------------------------------------------------
function renderRemittances(d) {
  const r = d.result, p = d.params || {}, rows = r.rows || [], by = r.by;
  const what = by === "year" ? "by year" : by === "us-state" ? "by US state of origin, " + r.year
    : "by Mexican state, " + r.year;
  const box = shell(d, "Remittances to Mexico " + what, runSub(d));
  const top = (k) => rows.filter(x => x[k] != null).reduce((a, x) => (x[k] > a[k] ? x : a));
  const k = el("div", {class: "kpis", id: "kpis"});
  if (by === "year") {
    const done = rows.filter(x => x.inflow_usd_bn != null), last = done[done.length - 1];
    const gdp = lastWith(rows, "pct_gdp"), peak = top("inflow_usd_bn");
    box.append(el("p", {class: "headline", id: "headline"},
      `Mexico received ${usdBn(last.inflow_usd_bn, 1)} in remittances in ${last.year} ` +
      `(${sgn(last.growth_pct, 1)}% on a year earlier), ${f(last.from_us_pct, 1)}% of it from the US; ` +
      `${f(gdp.pct_gdp, 2)}% of GDP in ${gdp.year}. ` + (peak.year !== last.year ? `The peak was ` +
      `${usdBn(peak.inflow_usd_bn, 1)} in ${peak.year}.` : `${last.year} is the highest year on record.`)));
    k.append(kpi("remittances, " + last.year, usdBn(last.inflow_usd_bn, 1), sgn(last.growth_pct, 1) +
        "% on " + (last.year - 1), "kpi-inflow"),
      kpi("share of GDP, " + gdp.year, f(gdp.pct_gdp, 2) + "%", "of Mexico's GDP", "kpi-gdp"),
      kpi("from the US, " + last.year, f(last.from_us_pct, 1) + "%", "of remittances", "kpi-us"),
      kpi("average transfer, " + last.year, "US$" + whole(last.avg_transfer_usd), whole(last.operations_m) +
        " million transfers", "kpi-avg"));
    box.append(k);
    const [h1, c1] = chartBox("chart-remittances", "Remittances a year, US$bn (line: % of GDP)", 360);
    box.append(h1, c1);
    Plotly.react(c1, [{type: "bar", name: "remittances, US$bn", x: done.map(x => x.year),
      y: done.map(x => x.inflow_usd_bn), marker: {color: "#2166ac"},
      hovertemplate: "%{x}: US$%{y:.1f}bn<extra></extra>"},
      {type: "scatter", mode: "lines+markers", name: "% of GDP", yaxis: "y2", x: rows.filter(x => x.pct_gdp != null)
        .map(x => x.year), y: rows.filter(x => x.pct_gdp != null).map(x => x.pct_gdp),
       line: {color: "#b2182b"}, hovertemplate: "%{x}: %{y:.2f}% of GDP<extra></extra>"}],
      {margin: {t: 30, r: 60}, legend: {orientation: "h"}, xaxis: {title: {text: "year"}, dtick: 5},
       yaxis: {title: {text: "US$bn a year"}, rangemode: "tozero"},
       yaxis2: {title: {text: "% of GDP"}, overlaying: "y", side: "right", rangemode: "tozero", dtick: 1,
                tickformat: ".0f", ticksuffix: "%", showgrid: false}}, PLOT);
    box.append(el("h3", {}, "By year (newest first)"), el("div", {class: "scroll"}, table(["year",
      "remittances, US$bn", "Banxico press release, US$bn", "growth %", "from the US %", "% of GDP",
      "transfers, million", "average transfer, US$"], rows.slice().reverse().map(x => [String(x.year),
      x.inflow_usd_bn == null ? "incomplete" : num(f(x.inflow_usd_bn, 2)),
      x.release_usd_bn == null ? null : num(f(x.release_usd_bn, 2)),
      x.growth_pct == null ? null : num(sgn(x.growth_pct, 1)), x.from_us_pct == null ? null : num(f(x.from_us_pct, 1)),
      x.pct_gdp == null ? null : num(f(x.pct_gdp, 2)), x.operations_m == null ? null : num(f(x.operations_m, 1)),
      x.avg_transfer_usd == null ? null : num(whole(x.avg_transfer_usd))]), "rows")));
  } else {
    const us = by === "us-state", name = (x) => us ? x.us_state : x.state;
    const ranked = rows.slice().sort((a, b) => b.inflow_usd_m - a.inflow_usd_m), big = ranked[0];
    const three = ranked.slice(0, 3);
    // US states of origin: the fastest growth among the ten largest, so a tiny flow does not lead.
    const fast = (us ? ranked.slice(0, 10) : rows).filter(x => x.growth_pct != null)
      .reduce((a, x) => (x.growth_pct > a.growth_pct ? x : a));
    if (us) {
      box.append(el("p", {class: "headline", id: "headline"},
        `${name(big)} sent the most remittances to Mexico in ${r.year}: ${usdM(big.inflow_usd_m)}, ` +
        `${f(big.share_pct, 1)}% of the total from the US; with ${and(three.slice(1).map(name))} the top three ` +
        `sent ${f(three.reduce((s, x) => s + x.share_pct, 0), 1)}%.`));
      k.append(...three.map((x, i) => kpi((i ? "#" + (i + 1) + ": " : "largest sender: ") + name(x),
        usdM(x.inflow_usd_m), f(x.share_pct, 1) + "% of the total; " + sgn(x.growth_pct, 1) + "% on " + (r.year - 1),
        "kpi-top-" + (i + 1))), kpi("fastest growth of the ten largest", sgn(fast.growth_pct, 1) + "%", name(fast) +
        ", on " + (r.year - 1), "kpi-growth"));
    } else {
      const exp = top("state_gdp_pct"), per = top("usd_per_person");
      box.append(el("p", {class: "headline", id: "headline"},
        `In ${r.year} remittances were ${f(exp.state_gdp_pct, 1)}% of ${exp.state}'s GDP ` +
        `(${usdM(exp.inflow_usd_m)}, US$${whole(exp.usd_per_person)} a person), the most exposed state; ` +
        `${big.state} received the most, ${usdM(big.inflow_usd_m)} (${f(big.share_pct, 1)}% of the total).`));
      k.append(kpi("most exposed: " + exp.state, f(exp.state_gdp_pct, 1) + "%", "of state GDP; " +
          usdM(exp.inflow_usd_m), "kpi-exposed"),
        kpi("largest recipient: " + big.state, usdM(big.inflow_usd_m), f(big.share_pct, 1) + "% of the total",
            "kpi-largest"),
        kpi("most per person: " + per.state, "US$" + whole(per.usd_per_person), "a person a year", "kpi-person"),
        kpi("fastest growth: " + fast.state, sgn(fast.growth_pct, 1) + "%", "on " + (r.year - 1), "kpi-growth"));
    }
    box.append(k);
    const field = us ? "inflow_usd_m" : "state_gdp_pct";
    const shown = rows.slice().sort((a, b) => b[field] - a[field]).slice(0, us ? 20 : rows.length).reverse();
    const [h1, c1] = chartBox("chart-remittances", us ? "The 20 largest US states of origin, US$m in " + r.year
      : "Remittances as % of state GDP, " + r.year, 20 * shown.length + 90);
    box.append(h1, c1);
    Plotly.react(c1, [{type: "bar", orientation: "h", y: shown.map(name), x: shown.map(x => x[field]),
      marker: {color: "#2166ac"}, hovertemplate: us ? "%{y}: US$%{x:,.0f}m<extra></extra>"
        : "%{y}: %{x:.2f}% of state GDP<extra></extra>"}],
      {margin: {t: 30, r: 10}, yaxis: {automargin: true, tickfont: {size: 10}},
       xaxis: {title: {text: us ? "US$m a year" : "% of state GDP"}}}, PLOT);
    box.append(el("h3", {}, us ? "Every US state of origin (largest first)" : "Every state (most exposed first)"),
      el("div", {class: "scroll"}, table([us ? "US state" : "state", "remittances, US$m", "share of the total %",
        "growth %", ...(us ? [] : ["% of state GDP", "US$ a person"])], rows.map(x => [name(x),
        num(whole(x.inflow_usd_m)), num(f(x.share_pct, 2)), x.growth_pct == null ? null : num(sgn(x.growth_pct, 1)),
        ...(us ? [] : [num(f(x.state_gdp_pct, 2)), num(whole(x.usd_per_person))])]), "rows")));
  }
  box.append(el("h3", {}, "Sources and notes"), notes(r.notes, "assumptions"));
  box.append(el("h3", {}, "Inputs"), inputsTable([["view", by === "us-state" ? "by US state of origin"
    : by === "year" ? "by year" : "by Mexican state"], ["year", p.year ?? "every year"], digestRow(p)]));
}
"""
