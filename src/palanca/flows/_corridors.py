"""The aggregate fentanyl corridor network: precursor ports → production → border corridors → US markets.

The year's flow :math:`F` (CBP southwest-border seizures × purity / border seizure rate, as in the
fentanyl calibration) enters at the source. Each border corridor's capacity is its *rerouting* capacity:
the largest flow it carried in any fiscal year FY2019–FY2025, so that smugglers cut off at one crossing
can move product through the others up to what those have already carried. Every production region can
reach every corridor and every corridor every market (product crossing at San Diego is sold nationwide).
Consumer markets cannot be interdicted; nor can the diffuse residuals — the "other ports and air cargo"
precursor route and the "Sonora and other" production region (every other lab in Mexico: no single
operation closes a residual).
US market shares come from CDC synthetic-opioid deaths by census region. The port and production shares
and their slack are stated assumptions (`CORRIDOR_ASSUMPTIONS`). Interdicting an arc costs one unit.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from palanca._inputs import RunInputs
from palanca.data import flows_digest, load_drug_seizures, load_overdose_deaths
from palanca.errors import DataFormatError
from palanca.flows._fentanyl import FentanylAssumptions
from palanca.flows._interdiction import InterdictionResult, Network, solve_interdiction

__all__ = [
    "BORDER_CORRIDORS",
    "CORRIDOR_ASSUMPTIONS",
    "CorridorInterdiction",
    "corridor_flows",
    "corridor_network",
    "interdict_corridors",
]

#: CBP areas of responsibility (field offices and sectors) grouped into border corridors.
BORDER_CORRIDORS: dict[str, tuple[str, ...]] = {
    "California (San Diego, El Centro)": ("San Diego Field Office", "San Diego Sector", "El Centro Sector"),
    "Arizona (Tucson, Yuma)": ("Tucson Field Office", "Tucson Sector", "Yuma Sector"),
    "El Paso / Big Bend": ("El Paso Field Office", "El Paso Sector", "Big Bend Sector"),
    "South Texas (Laredo, Del Rio, RGV)": (
        "Laredo Field Office",
        "Laredo Sector",
        "Del Rio Sector",
        "Rio Grande Valley Sector",
    ),
}
PORTS = {"Manzanillo": 0.5, "Lázaro Cárdenas": 0.3, "other ports and air cargo": 0.2}
REGIONS = {"Sinaloa": 0.6, "Jalisco–Michoacán": 0.3, "Sonora and other": 0.1}
DIFFUSE_PORTS = ("other ports and air cargo",)
DIFFUSE_REGIONS = ("Sonora and other",)
CAPACITY_YEARS = tuple(range(2019, 2026))
CENSUS_REGIONS = {
    "Northeast": "CT ME MA NH RI VT NJ NY PA YC",
    "Midwest": "IL IN MI OH WI IA KS MN MO NE ND SD",
    "South": "DE DC FL GA MD NC SC VA WV AL KY MS TN AR LA OK TX",
    "West": "AZ CO ID MT NV NM UT WY AK CA HI OR WA",
}
SLACK = {"ports": 1.5, "production": 1.2}
CORRIDOR_ASSUMPTIONS = (
    "precursor ports (share of precursor imports): Manzanillo 50%, Lázaro Cárdenas 30%, other ports and air "
    "cargo 20%, the last diffuse and not interdictable (assumption)",
    "production regions: Sinaloa 60%, Jalisco–Michoacán 30%, Sonora and other 10%, the last a residual of every "
    "other lab and not interdictable (assumption); ports 1.5× and "
    "production 1.2× their share of the largest total flow of FY2019–FY2025 (slack: assumption)",
    "routes: every port reaches every region, every region every corridor, every corridor every market (rerouting)",
    "border corridors: capacity = the largest flow the corridor carried in FY2019–FY2025 (CBP seizures × purity / "
    "border seizure rate): room to reroute",
    "markets: CDC synthetic-opioid deaths by census region (12 months to December), not interdictable",
)


def corridor_flows(fiscal_year: int, assumptions: FentanylAssumptions | None = None) -> dict[str, float]:
    """Each border corridor's calibrated flow in ``fiscal_year`` (pure kg): seizures × purity / seizure rate."""
    a = assumptions or FentanylAssumptions()
    d = load_drug_seizures()
    f = d[(d["drug"] == "Fentanyl") & (d["region"] == "Southwest Border") & (d["fiscal_year"] == fiscal_year)]
    if f["month"].nunique() != 12:
        raise DataFormatError(f"fiscal_year={fiscal_year} lacks 12 months of CBP seizures; choose 2019–2025")
    by_area = f.groupby("area")["qty_kg"].sum()
    unmapped = set(by_area.index) - {x for v in BORDER_CORRIDORS.values() for x in v}
    if unmapped:
        raise DataFormatError(f"CBP areas not mapped to a corridor: {sorted(unmapped)}")
    scale = a.purity_seized / a.border_seizure_rate
    return {c: float(by_area.reindex(list(areas)).fillna(0).sum()) * scale for c, areas in BORDER_CORRIDORS.items()}


def _market_shares(fiscal_year: int) -> dict[str, float]:
    od = load_overdose_deaths()
    sel = od[(od["indicator"] == "synthetic_opioids") & (od["period_end"] == np.datetime64(f"{fiscal_year}-12-01"))]
    by_state = sel[sel["state"] != "US"].set_index("state")["deaths_reported_12m"].fillna(0.0)
    if by_state.empty:
        raise DataFormatError(f"no CDC state rows for December {fiscal_year}; choose 2019–2023")
    totals = {r: float(by_state.reindex(states.split()).fillna(0).sum()) for r, states in CENSUS_REGIONS.items()}
    # VSRR reports New York City ("YC") apart from the rest of New York ("NY"); states + YC = US total
    s = sum(totals.values())
    return {r: v / s for r, v in totals.items()}


def corridor_network(fiscal_year: int = 2025, assumptions: FentanylAssumptions | None = None) -> Network:
    """The corridor network of ``fiscal_year`` (kg of pure fentanyl per year)."""
    a = assumptions or FentanylAssumptions()
    corridors = corridor_flows(fiscal_year, a)
    by_year = [corridor_flows(y, a) for y in CAPACITY_YEARS]
    capacity = {c: max(flows[c] for flows in by_year) for c in corridors}
    peak = max(sum(flows.values()) for flows in by_year)
    markets = _market_shares(min(fiscal_year, 2023))
    total = sum(corridors.values())
    nodes: list[str] = ["source"]
    arcs: list[tuple[str, str, float, float]] = []

    def add(tail: str, head: str, cap: float, cost: float) -> None:
        for n in (tail, head):
            if n not in nodes:
                nodes.append(n)
        arcs.append((tail, head, cap, cost))

    add("source", "supply", total, np.inf)  # the year's flow: what smugglers try to move
    for p, share in PORTS.items():
        add("supply", f"port: {p}", SLACK["ports"] * peak * share, np.inf if p in DIFFUSE_PORTS else 1.0)
        for r in REGIONS:
            add(f"port: {p}", f"labs: {r}", np.inf, np.inf)
    for r, share in REGIONS.items():
        add(
            f"labs: {r}",
            f"production: {r}",
            SLACK["production"] * peak * share,
            np.inf if r in DIFFUSE_REGIONS else 1.0,
        )
        for c in BORDER_CORRIDORS:
            add(f"production: {r}", f"border: {c}", np.inf, np.inf)
    for c in corridors:
        add(f"border: {c}", f"crossed: {c}", capacity[c], 1.0)
        for m in markets:
            add(f"crossed: {c}", f"market: {m}", np.inf, np.inf)
    for m, share in markets.items():
        add(f"market: {m}", "sink", total * share * 10.0, np.inf)  # demand is not the constraint
    index = {n: k for k, n in enumerate(nodes)}
    return Network(
        nodes=tuple(nodes),
        tail=np.array([index[t] for t, _, _, _ in arcs]),
        head=np.array([index[h] for _, h, _, _ in arcs]),
        capacity=np.array([c for _, _, c, _ in arcs]),
        interdiction_cost=np.array([r for _, _, _, r in arcs]),
        source=index["source"],
        sink=index["sink"],
        unit="kg pure fentanyl per year",
    )


@dataclass(frozen=True)
class CorridorInterdiction:
    """Interdiction on the corridor network with the data behind it."""

    fiscal_year: int
    result: InterdictionResult
    # The exact inputs of the call that made this result (`palanca.RunInputs`); the store saves them.
    inputs: RunInputs | None = None

    def to_dict(self) -> dict[str, object]:
        net = self.result.network
        stage_arcs = [k for k in range(net.tail.size) if np.isfinite(net.interdiction_cost[k])]
        return {
            "fiscal_year": self.fiscal_year,
            **self.result.to_dict(),
            "arcs": [{"arc": net.arc_label(k), "capacity": float(net.capacity[k])} for k in stage_arcs],
            "assumptions": list(CORRIDOR_ASSUMPTIONS),
            "inputs": None if self.inputs is None else self.inputs.to_dict(),
        }

    @property
    def summary(self) -> str:
        r, net = self.result, self.result.network
        lines = [
            f"Fentanyl corridor network, FY{self.fiscal_year} — Wood (1993) max-flow interdiction, budget "
            f"{r.budget:g} arc(s) ({r.method})",
            f"  maximum flow before: {r.max_flow_before:,.0f} {net.unit}; after: {r.max_flow_after:,.0f} "
            f"({-r.reduction_pct:+.1f}%)",
            "  interdicted: " + ("; ".join(net.arc_label(k) for k in r.interdicted) or "nothing"),
            "  stage capacities (kg/yr):",
        ]
        for k in range(net.tail.size):
            if np.isfinite(net.interdiction_cost[k]):
                mark = " [interdicted]" if k in r.interdicted else ""
                lines.append(f"    {net.arc_label(k)}: {net.capacity[k]:,.0f}{mark}")
        lines.append("  sources and assumptions: CBP drug seizure statistics (corridor capacities); CDC/NCHS VSRR")
        lines += [f"    {s}" for s in CORRIDOR_ASSUMPTIONS]
        lines.append(
            "  corridor capacities are the largest flows of FY2019–FY2025, so a closed corridor's product reroutes "
            "through the others"
        )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary


def interdict_corridors(
    budget: float, *, fiscal_year: int = 2025, assumptions: FentanylAssumptions | None = None
) -> CorridorInterdiction:
    """Best use of ``budget`` arc interdictions on the corridor network (Wood 1993 MIP, HiGHS)."""
    a = assumptions or FentanylAssumptions()
    net = corridor_network(fiscal_year, a)
    result = solve_interdiction(net, budget)
    params = {
        "budget": float(budget),
        "fiscal_year": int(fiscal_year),
        "assumptions": asdict(a),
        "data_digest": flows_digest("drug_seizures", "overdose_deaths"),
    }
    return CorridorInterdiction(fiscal_year, result, inputs=RunInputs("interdict_corridors", params))
