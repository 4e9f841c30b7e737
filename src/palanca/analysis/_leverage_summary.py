"""Plain-text rendering of a `LeverageResult` (used by its ``summary``; the CLI prints it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from palanca.analysis._leverage_results import CountryOutcome, LeverageResult
    from palanca.scenarios import Comparator

__all__ = ["explain", "higher_order_pct", "render_leverage"]


def _pct(x: float | None, digits: int = 2) -> str:
    return "n/a" if x is None else f"{x:+.{digits}f}%"


def _ours(r: LeverageResult, c: Comparator) -> str:
    """palanca's figure closest in kind to a published comparator."""
    mine = next((o for o in r.countries if o.country == c.country), None)
    if mine is None:
        return "country not reported"
    manuf = r.group_output_pct("manufacturing", c.country)
    if "manufactur" in c.measure.lower() and manuf is not None:
        return f"manufacturing gross output {manuf:+.1f}%"
    if c.value_usd_bn is not None:
        return f"real income {mine.real_income_usd_bn:+,.1f} USD bn a year (long run)"
    return f"real income {mine.real_income_pct:+.2f}% (long run), welfare {mine.short_run_pct:+.2f}% (short run)"


def higher_order_pct(c: CountryOutcome) -> float:
    """The exact real-income change less its first-order terms of trade and volume of trade (% of income)."""
    return c.real_income_pct - c.terms_of_trade_pct - c.volume_of_trade_pct


def explain(c: CountryOutcome) -> str:
    """One sentence on what drives a side's long-run change, read off its own decomposition."""
    tot, vot, rest, x = c.terms_of_trade_pct, c.volume_of_trade_pct, higher_order_pct(c), c.real_income_pct
    first = tot + vot
    verdict = "gains" if x > 0 else "loses"
    if tot > 0 > vot:
        how = "its terms-of-trade gain " + ("outweighs" if first > 0 else "falls short of") + " its efficiency loss"
    elif tot < 0 and vot < 0:
        how = "it loses on both its terms of trade and efficiency"
    elif tot < 0 < vot:
        how = "its efficiency gain " + ("outweighs" if first > 0 else "falls short of") + " its terms-of-trade loss"
    else:
        how = "it gains on both its terms of trade and efficiency"
    return (
        f"{c.country} {verdict} {abs(x):.2f}%: at first order {how} ({first:+.2f}%), "
        f"and the higher-order terms add {rest:+.2f} points."
    )


def _ids(ids: tuple[int, ...]) -> str:
    return ", ".join(map(str, ids[:10])) + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")


def render_leverage(r: LeverageResult) -> str:
    a, b = r.between
    channels = ["trade (the scenario's tariffs, solved in general equilibrium)", *r.other_channels]
    banded = r.draws > 0
    lines = [
        f"Leverage: {r.scenario.title}",
        f"scenario {r.scenario.id} · world {r.world_name} · channels: {'; '.join(channels)}",
        (
            f"{r.draws} elasticity draws (seed {r.seed}; "
            + ("each draws one of the published elasticity sets, " if r.span_sets else "")
            + f"within-set log-sd {r.sigma}; {r.converged_draws} converged"
            + (f", {len(r.failed_draws)} failed: draws {_ids(r.failed_draws)}" if r.failed_draws else "")
            + ")"
            if banded
            else "no elasticity draws: central estimate only, no band"
        )
        + f" · solver: {r.equilibrium.iterations} iterations, residual {r.equilibrium.residual:.1e}",
        *([f"baseline: {r.baseline}"] if r.baseline else []),
        "",
        r.headline.text,
        "",
        "Real income (exact I/P change; USD at baseline income"
        + ("; band = 5-95% over trade elasticities)" if banded else ")"),
    ]
    other = bool(r.other_channels)
    head = f"{'country':8}{'long run':>10}"
    if banded:
        head += f"{'5%':>9}{'95%':>9}"
    head += f"{'short run':>11}{'USD bn':>10}{'USD/person':>12}"
    if other:
        head += f"{'other USD bn':>14}"
    lines.append(head)
    for c in r.countries:
        pc = "n/a" if c.real_income_usd_per_capita is None else f"{c.real_income_usd_per_capita:,.0f}"
        row = f"{c.country:8}{_pct(c.real_income_pct):>10}"
        if banded:
            row += f"{_pct(c.low_pct):>9}{_pct(c.high_pct):>9}"
        row += f"{_pct(c.short_run_pct):>11}{c.real_income_usd_bn:>10.1f}{pc:>12}"
        if other:
            row += f"{c.other_channels_usd_bn:>14.2f}"
        lines.append(row)
    lines.append(
        "  short run: welfare change with the employment margin (equivalent variation, Ignatenko et al. 2025), "
        "which counts the hours no longer worked; not I/P"
    )
    if r.by_set:
        lines.append("  across the elasticity sets (no noise): " + "; ".join(
            f"{c} {min(v[c] for v in r.by_set.values()):+.2f}% to {max(v[c] for v in r.by_set.values()):+.2f}%"
            for c in r.between
        ))  # fmt: skip
        lines.append(
            f"  {b} by set: " + ", ".join(f"{k} {v[b]:+.2f}%" for k, v in r.by_set.items())
        )  # fmt: skip
    oa, ob = r.outcome(a), r.outcome(b)
    if other:
        lines.append(f"  other USD bn: the non-trade channels named above ({', '.join(r.other_channels)}), a year")
        lines.append(
            f"With other channels: {b} total {ob.total_usd_bn:+.1f} USD bn = {ob.total_pct_gdp:+.2f}% of GDP; "
            f"{a} total {oa.total_usd_bn:+.1f} USD bn = {oa.total_pct_gdp:+.2f}% of GDP."
        )
    if r.subtotals is not None:
        st = r.subtotals
        lines += ["", "Subtotals by shock (long run, % of income; Shapley values, they add up to the total)"]
        lines.append(
            f"{'country':8}{'tariffs':>10}{'retaliation':>13}{'total':>9}"
            f"{'tariffs alone':>15}{'retal. alone':>14}{'interaction':>13}"
        )
        for k, c in enumerate(st.countries):
            if c in (a, b):
                total = st.tariffs_pct[k] + st.retaliation_pct[k]
                lines.append(
                    f"{c:8}{_pct(st.tariffs_pct[k]):>10}{_pct(st.retaliation_pct[k]):>13}{_pct(total):>9}"
                    f"{_pct(st.tariffs_alone_pct[k]):>15}{_pct(st.retaliation_alone_pct[k]):>14}"
                    f"{_pct(st.interaction_pct[k]):>13}"
                )
        lines.append("  each subtotal = its measures alone + half the interaction (joint - both alone)")
    lines += [
        "",
        "What explains it (long run, % of baseline income unless stated)",
        f"{'country':8}{'terms of trade':>16}{'efficiency':>12}{'higher order':>14}{'exact':>9}"
        f"{'tariff rev. USD bn':>20}{'CPI':>9}{'real wage':>11}",
    ]
    for c in (oa, ob):
        lines.append(
            f"{c.country:8}{_pct(c.terms_of_trade_pct):>16}{_pct(c.volume_of_trade_pct):>12}"
            f"{_pct(higher_order_pct(c)):>14}{_pct(c.real_income_pct):>9}"
            f"{c.tariff_revenue_change_usd_bn:>+20.1f}{_pct(c.cpi_pct):>9}{_pct(c.real_wage_pct):>11}"
        )
    lines += [
        "  terms of trade and efficiency (volume of trade): first-order terms of Caliendo and Parro (2015, eq. 20)",
        "  at baseline flows and tariffs; higher order = exact - both (second-order terms, among them the new",
        "  tariffs' own efficiency cost, which baseline-tariff weights leave out); the tariff revenue change is",
        "  inside the efficiency term, not added to it.",
        *(f"  {explain(c)}" for c in (oa, ob)),
        "",
        "Sensitivity (short run: labour fixed by sector, employment margin, one-year elasticities) vs vulnerability",
        f"(long run): {b} {ob.short_run_pct:+.2f}% (employment {ob.short_run_employment_pct:+.2f}%) vs "
        f"{ob.real_income_pct:+.2f}%; {a} {oa.short_run_pct:+.3f}% (employment {oa.short_run_employment_pct:+.2f}%)"
        f" vs {oa.real_income_pct:+.3f}%.",
        f"Low-elasticity sensitivity (long-run model, trade elasticities x {r.scenario.short_run_theta_scale}): "
        f"{b} {ob.low_elasticity_pct:+.2f}%, {a} {oa.low_elasticity_pct:+.3f}%.",
    ]
    d = r.dependence
    lines += [
        "",
        "Dependence in the baseline (goods trade)",
        f"  {b}'s exports going to {a}: {d.export_share_b_to_a:.1%}; {a}'s exports going to {b}: "
        f"{d.export_share_a_to_b:.1%}",
        f"  {a}'s imports from {b}: {d.import_share_a_from_b:.1%}; {b}'s imports from {a}: "
        f"{d.import_share_b_from_a:.1%}",
        f"  export-partner HHI: {a} {d.hhi_exports_a:.2f}, {b} {d.hhi_exports_b:.2f}; trade/GDP: "
        f"{a} {d.trade_gdp_a:.0%}, {b} {d.trade_gdp_b:.0%}",
        f"  Barbieri salience {d.salience:.3f}, symmetry {d.symmetry:.3f}; bilateral goods trade "
        f"{d.bilateral_goods_trade_usd_bn:,.0f} USD bn",
    ]
    if r.us_auto_inputs_from_mex_share is not None:
        lines.append(
            f"  Mexico's share of the US auto sector's imported intermediate inputs: "
            f"{r.us_auto_inputs_from_mex_share:.1%}"
        )
    if r.groups:
        lines += ["", "Where it hurts: gross output by sector group"]
        for g in dict.fromkeys(row["group"] for row in r.groups):
            vals = [row for row in r.groups if row["group"] == g]
            lines.append(f"  {g:14}" + "  ".join(f"{row['country']} {row['output_pct']:+.1f}%" for row in vals))
    vas = [v for v in (r.value_added, r.value_added_all) if v is not None]
    if vas:
        lines += ["", "Value-added origin (Borin-Mancini source-based)"]
    for va in vas:
        lines += [
            f"  {va.label} ({va.gross_exports_usd_m / 1e3:,.0f} USD bn): domestic {va.share(va.exporter):.1%}, "
            f"foreign {va.foreign_usd_m / va.gross_exports_usd_m:.1%}: "
            + ", ".join(f"{c} {v / va.gross_exports_usd_m:.1%}" for c, v in va.top_foreign(5)),
        ]
    m = r.value_added_manufacturing
    if m is not None and "CHN" in m.by_source_usd_m:
        lines.append(
            f"  China's share of {m.label} ({m.gross_exports_usd_m / 1e3:,.0f} USD bn): {m.share('CHN'):.1%} "
            "(OECD TiVA: 9.5% for Mexico in 2020)"
        )
    if r.scenario.comparators:
        lines += ["", "Published figures to compare (models differ: dynamic macro vs static trade)"]
        for c in r.scenario.comparators:
            val = f"{c.value_pct:+.2f}%" if c.value_pct is not None else f"{c.value_usd_bn:+,.0f} USD bn"
            lines.append(f"  {c.country} {c.measure}: {val} — {c.source}; {c.note} | palanca: {_ours(r, c)}")
    if r.scenario.sources:
        lines += ["", "Sources"] + [f"  {s}" for s in r.scenario.sources]
    return "\n".join(lines)
