"""Validation of the engine against Caliendo and Parro (2015), Table 2 (NAFTA 1993 -> 2005)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from palanca.data import cp1993_world, cp_tariffs, read_cp2015
from palanca.model import Closure, Equilibrium, Shock, SolverOptions, World, rebase, solve

__all__ = ["CP2015_TABLE2", "NAFTA", "NaftaValidation", "nafta_shock", "validate_cp2015"]

NAFTA = ("CAN", "MEX", "USA")

#: Caliendo and Parro (2015, Review of Economic Studies 82(1), Table 2), percent.
CP2015_TABLE2: dict[tuple[str, str], dict[str, float]] = {
    ("zero_deficit", "MEX"): {"welfare_pct": 1.31, "tot_pct": -0.41, "vot_pct": 1.72, "real_wage_pct": 1.72},
    ("zero_deficit", "CAN"): {"welfare_pct": -0.06, "tot_pct": -0.11, "vot_pct": 0.04, "real_wage_pct": 0.32},
    ("zero_deficit", "USA"): {"welfare_pct": 0.08, "tot_pct": 0.04, "vot_pct": 0.04, "real_wage_pct": 0.11},
    ("with_deficit", "MEX"): {"welfare_pct": 1.17},
    ("with_deficit", "CAN"): {"welfare_pct": -0.04},
    ("with_deficit", "USA"): {"welfare_pct": 0.08},
}

_CASES = {"zero_deficit": Closure.ZERO_DEFICIT, "with_deficit": Closure.FIXED_DEFICIT}


def nafta_shock(world: World, tariffs2005: np.ndarray) -> Shock:
    """NAFTA as in CP 2015: 2005 tariffs among CAN, MEX and USA only; all others as in 1993."""
    tau = np.array(world.tariff, copy=True)
    idx = [world.country_index(c) for c in NAFTA]
    for n in idx:
        for i in idx:
            tau[n, i, :] = tariffs2005[n, i, :]
    return Shock(tariff=tau, label="NAFTA tariff changes 1993->2005 (CP 2015)")


@dataclass(frozen=True)
class NaftaValidation:
    """The NAFTA counterfactual in both cases, with the paper's Table 2 beside it."""

    equilibria: dict[str, Equilibrium]

    def records(self) -> list[dict[str, object]]:
        """One record per case and region: welfare (ToT + VoT), ToT, VoT, real wage, in percent."""
        rows: list[dict[str, object]] = []
        for case, eq in self.equilibria.items():
            for k, country in enumerate(eq.world.countries):
                rows.append(
                    {
                        "case": case,
                        "country": country,
                        "welfare_pct": 100 * float(eq.welfare_first_order[k]),
                        "tot_pct": 100 * float(eq.terms_of_trade_total[k]),
                        "vot_pct": 100 * float(eq.volume_of_trade_total[k]),
                        "real_wage_pct": 100 * (float(eq.real_wage_hat[k]) - 1),
                        "real_income_exact_pct": 100 * (float(eq.real_income_hat[k]) - 1),
                    }
                )
        return rows

    def max_abs_error_pp(self) -> float:
        """Largest absolute gap to the published Table 2 entries (percentage points)."""
        published = {(r["case"], r["country"]): r for r in self.records()}
        return max(
            abs(float(published[key][col]) - value)
            for key, cols in CP2015_TABLE2.items()
            for col, value in cols.items()
        )


def validate_cp2015(options: SolverOptions | None = None) -> NaftaValidation:
    """Solve NAFTA on the shipped CP 1993 world, zero-deficit and with-deficit cases."""
    files = read_cp2015()
    world = cp1993_world(files)
    shock = nafta_shock(world, cp_tariffs(files.tariffs2005_pct))
    eqs = {}
    for case, closure in _CASES.items():
        base = rebase(world, closure=closure, options=options)
        eqs[case] = solve(world, shock, closure=closure, options=options, baseline=base)
    return NaftaValidation(eqs)
