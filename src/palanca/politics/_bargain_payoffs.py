r"""Payoffs of the US–Mexico bargain, its disagreement point and its outside option.

Payoffs, in % of each player's own real income a year,

.. math:: U_{US} = k\,T_{US}(t) + v_m e_m + v_f e_f - c_g e_g^2 + v_s s, \qquad
          U_{MX} = k\,T_{MX}(t) - c_m e_m^2 - c_f e_f^2 + b_f e_f + v_g e_g - c_s s^2,

where :math:`T` are the engine's real-income curves (`trade_payoff_curve`) and :math:`k` a payoff
scale. The disagreement point (inside option, a flow while the dispute lasts) is

.. math:: d_i = \pi_{US}\bigl[\pi_{MX} W_i + (1 - \pi_{MX}) O_i\bigr] + (1 - \pi_{US}) Q_i - p_i,

with :math:`\pi` the threat credibilities from the record (`threat_credibility`), :math:`Q` the tariffs
in force on the as-of date (a dispute in which no new threat is carried out keeps them), :math:`W` the
engine's tariff war between the two (Nash equilibrium of best-responding uniform tariffs,
`palanca.model.tariff_war`), :math:`O` the US optimal tariff against a passive Mexico
(`palanca.model.optimal_tariff`) and :math:`p_i` the investment-pause cost. Where the engine's strategic
solvers are unavailable, :math:`W` and :math:`O` are the threatened tariff with and without Mexico's
announced counter-tariff on the engine's trade curve (labelled as that fallback in the result). The
outside option is USMCA collapse with each member's MFN tariffs (the library scenario ``usmca-collapse``
solved by the engine).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize

from palanca.politics._bargain_spec import BargainScenario
from palanca.politics._trade_payoffs import TradeCurve

__all__ = ["Payoffs", "ThreatPoint"]


@dataclass(frozen=True)
class ThreatPoint:
    """What the threats are worth to each side (% of real income), and how they were computed.

    Attributes
    ----------
    war_pct, us_only_pct : (USA, MEX)
        Payoffs of the tariff war, and of the US tariff with Mexico not retaliating.
    tariffs : dict
        Tariffs behind ``war_pct`` (USA on MEX, MEX on USA).
    method : str
        ``engine: tariff_war`` or the labelled fallback.
    converged : bool
    """

    war_pct: tuple[float, float]
    us_only_pct: tuple[float, float]
    tariffs: dict[str, float]
    method: str
    converged: bool
    status_quo_pct: tuple[float, float] = (0.0, 0.0)

    def __post_init__(self) -> None:
        if not all(math.isfinite(v) for v in (*self.war_pct, *self.us_only_pct, *self.status_quo_pct)):
            raise ValueError(
                f"threat payoffs must be finite; got {self.war_pct}, {self.us_only_pct}, {self.status_quo_pct}."
            )


class Payoffs:
    """Payoff functions of one scenario on one trade curve, with its disagreement point (internal)."""

    def __init__(
        self,
        sc: BargainScenario,
        curve: TradeCurve,
        threat: ThreatPoint,
        credibility: tuple[float, float],
        outside: tuple[float, float],
    ) -> None:
        p = sc.params
        self.p, self.curve, self.k = p, curve, p["trade.payoff_scale"]
        self.upper = np.array([p["trade.max_tariff"], 1.0, 1.0, 1.0, p["sovereignty.red_line"]])
        self.p_usa, self.p_mex = credibility
        k = self.k
        war = tuple(
            self.p_mex * k * w + (1 - self.p_mex) * k * o
            for w, o in zip(threat.war_pct, threat.us_only_pct, strict=True)
        )
        self.war = (float(war[0]), float(war[1]))
        pause = (p["usmca.pause_cost_usa_pct"], p["usmca.pause_cost_mex_pct"])
        sq = (k * threat.status_quo_pct[0], k * threat.status_quo_pct[1])
        self.status_quo = sq
        self.inside = tuple(
            self.p_usa * w + (1 - self.p_usa) * q - c for w, q, c in zip(self.war, sq, pause, strict=True)
        )
        self.outside = (k * outside[0], k * outside[1])
        self.threat = threat

    def __call__(self, z: np.ndarray) -> tuple[float, float]:
        p = self.p
        t, em, ef, eg, s = z
        us = (
            self.k * self.curve.value("USA", t)
            + p["migration.value_usa_pct"] * em
            + p["fentanyl.value_usa_pct"] * ef
            - p["firearms.cost_usa_pct"] * eg**2
            + p["sovereignty.value_usa_pct"] * s
        )
        mx = (
            self.k * self.curve.value("MEX", t)
            - p["migration.cost_mex_pct"] * em**2
            - p["fentanyl.cost_mex_pct"] * ef**2
            + p["fentanyl.benefit_mex_pct"] * ef
            + p["firearms.value_mex_pct"] * eg
            - p["sovereignty.cost_mex_pct"] * s**2
        )
        return us, mx

    def gradients(self, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """d U_US / dz and d U_MX / dz (one-sided slope of the piecewise-linear trade curve)."""
        p = self.p
        t, em, ef, eg, s = z
        grid = self.curve.tariff_grid
        k = int(np.clip(np.searchsorted(grid, t, side="right") - 1, 0, len(grid) - 2))
        dt = grid[k + 1] - grid[k]
        su = self.k * (self.curve.usa_pct[0, k + 1] - self.curve.usa_pct[0, k]) / dt
        sm = self.k * (self.curve.mex_pct[0, k + 1] - self.curve.mex_pct[0, k]) / dt
        gu = np.array(
            [su, p["migration.value_usa_pct"], p["fentanyl.value_usa_pct"], -2 * p["firearms.cost_usa_pct"] * eg,
             p["sovereignty.value_usa_pct"]]
        )  # fmt: skip
        dm_f = p["fentanyl.benefit_mex_pct"] - 2 * p["fentanyl.cost_mex_pct"] * ef
        gm = np.array(
            [sm, -2 * p["migration.cost_mex_pct"] * em, dm_f, p["firearms.value_mex_pct"],
             -2 * p["sovereignty.cost_mex_pct"] * s]
        )  # fmt: skip
        return gu, gm

    def nash(
        self, beta: float, d: tuple[float, float], start: np.ndarray | None = None
    ) -> tuple[np.ndarray, float, float] | None:
        """Maximise beta log(U_US - d_US) + (1 - beta) log(U_MX - d_MX) on the box; None if no gain.

        Two starts (no tariff, half the top tariff), or one warm ``start`` plus the no-tariff start.
        """
        bounds = [(0.0, float(u)) for u in self.upper]

        def neg(z: np.ndarray) -> tuple[float, np.ndarray]:
            us, mx = self(z)
            gu, gm = us - d[0], mx - d[1]
            du, dm = self.gradients(z)
            if gu <= 0 or gm <= 0:  # outside the individually rational set: a steep, continuous wall
                pen = 1e6 + 1e3 * (max(0.0, -gu) + max(0.0, -gm))
                grad = -1e3 * ((du if gu <= 0 else 0.0) + (dm if gm <= 0 else 0.0))
                return pen, np.asarray(grad, dtype=float) * np.ones(5)
            return -(beta * math.log(gu) + (1 - beta) * math.log(gm)), -(beta * du / gu + (1 - beta) * dm / gm)

        best = None
        starts = [np.array([t0, 0.5, 0.5, 0.5, 0.5 * self.upper[4]]) for t0 in (0.0, 0.5 * self.upper[0])]
        if start is not None:
            starts = [np.clip(start, 0.0, self.upper), starts[0]]
        for z0 in starts:
            res = minimize(neg, z0, jac=True, method="TNC", bounds=bounds)
            if best is None or res.fun < best.fun:
                best = res
        assert best is not None
        if best.fun >= 1e6:
            return None
        z = np.clip(best.x, 0.0, self.upper)  # the red line is a bound: never crossed
        us, mx = self(z)
        return z, us, mx

    def best_given(self, who: int, floor: float, start: np.ndarray) -> tuple[np.ndarray, float, float] | None:
        """The deal best for ``1 - who`` among those giving ``who`` at least ``floor``, or None if none does.

        SLSQP from ``start`` and from the Nash points that lean towards ``who`` (feasible starts); the best
        feasible result is kept.
        """
        other = 1 - who
        bounds = [(0.0, float(u)) for u in self.upper]

        def obj(z: np.ndarray) -> tuple[float, np.ndarray]:
            return -self(z)[other], -self.gradients(z)[other]

        cons = {"type": "ineq", "fun": lambda z: self(z)[who] - floor, "jac": lambda z: self.gradients(z)[who]}
        starts = [np.clip(start, 0.0, self.upper)]
        for b in (0.6, 0.75, 0.9, 0.98):
            pt = self.nash(b if who == 0 else 1 - b, self.inside, start)
            if pt is not None:
                starts.append(pt[0])
        best = None
        for z0 in starts:
            for z in (z0, np.clip(minimize(obj, z0, jac=True, method="SLSQP", bounds=bounds,
                                           constraints=[cons]).x, 0.0, self.upper)):  # fmt: skip
                vals = self(z)
                if vals[who] >= floor - 1e-7 and (best is None or vals[other] > best[1 + other]):
                    best = (z, *vals)
        return best

    def ideal_gains(self, d: tuple[float, float], start: np.ndarray) -> tuple[float, float]:
        """Each side's largest gain over ``d`` among deals the other accepts (Kalai–Smorodinsky ideal point).

        Maximises :math:`U_i - d_i` subject to :math:`U_j \\ge d_j` on the box (SLSQP from ``start``, a
        feasible deal), and keeps the best of that and the frontier traced by near-dictatorial Nash weights.
        """
        out = []
        bounds = [(0.0, float(u)) for u in self.upper]
        for who in (0, 1):
            other = 1 - who

            def obj(z: np.ndarray, who: int = who) -> tuple[float, np.ndarray]:
                return -self(z)[who], -self.gradients(z)[who]

            cons = {
                "type": "ineq",
                "fun": lambda z, other=other: self(z)[other] - d[other],
                "jac": lambda z, other=other: self.gradients(z)[other],
            }
            best = self(start)[who]
            res = minimize(obj, start, jac=True, method="SLSQP", bounds=bounds, constraints=[cons])
            z = np.clip(res.x, 0.0, self.upper)
            if self(z)[other] >= d[other] - 1e-9:
                best = max(best, self(z)[who])
            w = 0.999 if who == 0 else 0.001
            near = self.nash(w, d, start)
            if near is not None:
                best = max(best, near[1 + who])
            out.append(best - d[who])
        return out[0], out[1]
