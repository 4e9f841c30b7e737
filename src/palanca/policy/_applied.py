r"""Applied tariffs *as of* a date: the world's baseline plus every action in force that day.

For importer :math:`n`, partner :math:`i` and sector :math:`j`, an action :math:`a` in force on the date adds

.. math::

    \Delta\tau^a_{nij} = r^a_i(j)\; c^a_j\; \kappa^a\; s^a_{ij}\; u^a_{ij},

with :math:`r` the rate (per-partner override; for an all-in floor :math:`\max(0, f - \text{MFN}_j)`),
:math:`c_j` the share of the sector's tariff lines in the product scope (``sector_measures.csv``),
:math:`\kappa` the taxed content share (metal content of derivatives), :math:`s_{ij}` the stacking factor
(``not_on_232``: :math:`1 - \min(1, C^{232}_{ij} + E_j)` with :math:`C^{232}` the Section 232 coverage in
force for the partner and :math:`E_j` the exempt-list share where the action honours it) and :math:`u_{ij}` the
USMCA factor for Canada and Mexico (``exempt``: :math:`1 - q_{ij}`; ``non_us_content``:
:math:`1 - 0.40\,q_{ij}`, with :math:`q` the USMCA-compliant share and 0.40 the tracker's US-content share).
An action with rates by sector adds :math:`c_j r_j` (``floor_at``: raises the covered share to the rate,
:math:`\tau' = c\max(\tau, r) + (1-c)\tau`).

The average effective tariff rate is the pre-substitution import-weighted mean over goods,
:math:`\sum_{i \ne n, j} \tau_{nij} X_{nij} / \sum_{i \ne n, j} X_{nij}`, as the Budget Lab at Yale reports it.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import warnings
from collections.abc import Mapping
from functools import cache
from typing import Any

import numpy as np

from palanca.data import goods_mask, mfn_rates
from palanca.data._reference import load_usmca_compliance
from palanca.errors import PalancaWarning, PolicyError
from palanca.model import Shock, World
from palanca.policy._registry import POLICY_SHIPPED, TariffAction, load_registry, newest_date, parse_date
from palanca.policy._sectors import resolve_sectors

__all__ = [
    "US_AUTO_CONTENT_SHARE",
    "applied_tariffs",
    "effective_tariff_rate",
    "mfn_rates",
    "policy_shock",
    "sector_measures",
    "tariffs_between",
]

#: US/USMCA-origin share of a USMCA vehicle's value (Budget Lab tracker, ``auto_rebate.us_auto_content_share``).
US_AUTO_CONTENT_SHARE = 0.40

#: The statutory maximum of a Section 122 surcharge (Trade Act of 1974, 19 U.S.C. 2132: up to 15% ad valorem).
S122_MAX_RATE = 0.15
S122_ACTION = "us-s122-surcharge"


@cache
def _measures_table() -> dict[str, dict[str, float]]:
    with (POLICY_SHIPPED / "sector_measures.csv").open(encoding="utf-8") as f:
        return {r["sector"]: {k: float(v) for k, v in r.items() if k != "sector"} for r in csv.DictReader(f)}


def _coverage(world: World, a: TariffAction) -> np.ndarray:
    """The covered share of each sector: the action's value share where it has one, else the line count."""
    if not a.coverage:
        return np.ones(world.n_sectors)
    lines = sector_measures(world, a.coverage)
    return np.where(lines > 0, a.value_share, 0.0) if a.value_share is not None else lines


def sector_measures(world: World, name: str) -> np.ndarray:
    """A column of ``sector_measures.csv`` on the world's sectors, (J,); sectors without tariff lines get 0."""
    table = _measures_table()
    if not set(world.sectors) & set(table):
        raise PolicyError(
            f"world {world.name!r} has none of the ICIO sectors the policy registry is built on; "
            "use world2023 or icio2022."
        )
    cols = next(iter(table.values()))
    if name not in cols:
        raise PolicyError(f"measure {name!r} is not in sector_measures.csv; known: {', '.join(sorted(cols))}.")
    return np.array([table.get(s, {}).get(name, 0.0) for s in world.sectors])


def _compliance(world: World, partner: str) -> np.ndarray:
    shares = load_usmca_compliance()
    return np.array([shares.get((partner, s), 0.0) for s in world.sectors])


def _usmca_factor(a: TariffAction, world: World, partner: str, on: dt.date, usmca: bool) -> np.ndarray | float:
    if not usmca or a.usmca == "none" or partner not in ("MEX", "CAN") or (a.usmca_from and on < a.usmca_from):
        return 1.0
    q = _compliance(world, partner)
    return 1.0 - q if a.usmca == "exempt" else 1.0 - US_AUTO_CONTENT_SHARE * q


def _check_overrides(on: dt.date, overrides: Mapping[str, float]) -> None:
    """Refuse a rate override that is not a finite rate (or, for Section 122, above its statutory cap);
    warn where the overridden action is not in force on ``on`` (the override then changes nothing)."""
    acts = {a.id: a for a in load_registry()}
    for key, rate in overrides.items():
        label = f"Section 122 surcharge rate ({key})" if key == S122_ACTION else f"rate override {key}"
        if isinstance(rate, bool) or not isinstance(rate, int | float) or not math.isfinite(rate):
            raise PolicyError(f"{label} = {rate!r}: must be a finite number. Give a fraction, e.g. 0.15.")
        if key == S122_ACTION and not 0.0 <= rate <= S122_MAX_RATE:
            fix = (
                f"give {rate / 100:g}"
                if S122_MAX_RATE < rate <= 100 * S122_MAX_RATE
                else f"give a fraction between 0 and {S122_MAX_RATE:g}"
            )
            raise PolicyError(
                f"Section 122 surcharge rate = {rate:g}: must be between 0 and {S122_MAX_RATE:g} "
                f"({S122_MAX_RATE:.0%}, the statutory maximum of section 122 of the Trade Act of 1974); {fix}."
            )
        if key in acts and rate <= -1.0:
            raise PolicyError(f"rate override {key} = {rate:g}: a rate must exceed -1 (-100%). Give a fraction.")
        if key in acts and not acts[key].in_force(on):
            warnings.warn(
                f"rate override {key} = {rate:g}: the action is not in force on {on.isoformat()} "
                f"(effective {acts[key].effective.isoformat()}"
                f"{f', ended {acts[key].end.isoformat()}' if acts[key].end else ''}), so the override changes nothing.",
                PalancaWarning,
                stacklevel=3,
            )


def _active(on: dt.date, country: str, overrides: Mapping[str, float]) -> list[TariffAction]:
    acts = [a for a in load_registry() if a.country == country and a.in_force(on)]
    known = {a.id for a in load_registry()}
    bad = set(overrides) - known
    if bad:
        raise PolicyError(f"rate override for unknown action(s) {sorted(bad)}; see `palanca policy timeline`.")
    return acts


def applied_tariffs(
    world: World,
    as_of: str | dt.date | None = None,
    *,
    overrides: Mapping[str, float] | None = None,
    usmca_preferences: bool = True,
    imposers: tuple[str, ...] = ("USA", "MEX"),
) -> np.ndarray:
    """Applied tariffs tau[n, i, j] on ``as_of``: the world's baseline plus the actions in force.

    Parameters
    ----------
    world : World
        An ICIO-sector world (its tariffs are the pre-2025 baseline, Section 301 included).
    as_of : date or ISO string, optional
        Default: the newest date in the registry.
    overrides : mapping, optional
        ``{action_id: rate}`` to use another reading of an action (e.g. ``{"us-s122-surcharge": 0.15}``).
    usmca_preferences : bool
        False: USMCA-compliant goods lose the exemptions the actions grant them (the agreement ends).
    imposers : tuple of str
        Whose actions are applied (the registry holds actions by USA and MEX).
    """
    on = parse_date(as_of) if as_of is not None else newest_date()
    overrides = dict(overrides or {})
    _check_overrides(on, overrides)
    tau = np.array(world.tariff, copy=True)
    goods = goods_mask(world)
    for country in imposers:
        if country not in world.countries:
            continue
        n = world.country_index(country)
        acts = _active(on, country, overrides)
        c232 = np.zeros((world.n_countries, world.n_sectors))
        for a in acts:
            if a.authority == "Section 232" and a.rate > 0 and a.coverage:
                cov = _coverage(world, a) * resolve_sectors(world, a.sectors, a.id)
                for i, iso in enumerate(world.countries):
                    if a.applies_to(iso):
                        c232[i] += cov
        c232 = np.minimum(c232, 1.0)
        exempt = sector_measures(world, "cover_ieepa_exempt")
        mfn = mfn_rates(world, country)
        for a in acts:
            mask = resolve_sectors(world, a.sectors, a.id) & goods
            cov = _coverage(world, a)
            for i, iso in enumerate(world.countries):
                if i == n or not a.applies_to(iso):
                    continue
                if a.sector_rates:  # rates and covered shares by sector
                    for code, rate, share in a.sector_rates:
                        if code in world.sectors:
                            j = world.sector_index(code)
                            if a.mode == "floor_at":
                                tau[n, i, j] = share * max(tau[n, i, j], rate) + (1 - share) * tau[n, i, j]
                            else:
                                tau[n, i, j] += share * rate
                    continue
                r = np.full(world.n_sectors, overrides.get(a.id, a.rate_on(iso)))
                if iso in a.floor_targets:
                    r = np.maximum(0.0, a.floor_rate - mfn)
                share = cov * a.content
                if a.stacking == "not_on_232":
                    share = share * np.maximum(0.0, 1.0 - c232[i] - (exempt if a.exempt_list else 0.0))
                elif a.exempt_list:
                    share = share * (1.0 - exempt)
                tau[n, i, mask] += (r * share * _usmca_factor(a, world, iso, on, usmca_preferences))[mask]
    if np.any(tau <= -1):
        raise PolicyError("the registry drives some tariff to -100% or below; check the rates of the deals.")
    return np.maximum(tau, 0.0)


def _applied_on(world: World, on: dt.date, overrides: Mapping[str, float] | None) -> np.ndarray:
    """`applied_tariffs` on ``world``: an ICIO world, or an aggregate of one through its checked source
    (`palanca.policy._aggregated.registry_world`; an aggregate whose source cannot be used is refused)."""
    from palanca.policy._aggregated import registry_world  # it builds on this module

    source, to_world, _ = registry_world(world)
    return to_world(applied_tariffs(source, on, overrides=overrides))


def policy_shock(
    world: World, as_of: str | dt.date | None = None, *, overrides: Mapping[str, float] | None = None
) -> Shock:
    """The policy in force on ``as_of`` as a `Shock` on ``world`` (tariff levels; no trade-cost change)."""
    on = parse_date(as_of) if as_of is not None else newest_date()
    return Shock(tariff=_applied_on(world, on, overrides), label=f"policy as of {on.isoformat()}")


def effective_tariff_rate(
    world: World,
    as_of: str | dt.date | None = None,
    importer: str = "USA",
    *,
    overrides: Mapping[str, float] | None = None,
) -> float:
    """Average effective tariff rate on the importer's goods imports (pre-substitution weights), fraction."""
    n = world.country_index(importer)
    on = parse_date(as_of) if as_of is not None else newest_date()
    tau = _applied_on(world, on, overrides)[n]
    X = np.array(world.trade_usd_m[n], copy=True)
    X[n] = 0.0
    X = X * goods_mask(world)
    return float((tau * X).sum() / X.sum())


def tariffs_between(
    world: World,
    importer: str,
    exporter: str,
    as_of: str | dt.date | None = None,
    *,
    overrides: Mapping[str, float] | None = None,
) -> dict[str, Any]:
    """The importer's applied rate on each of the exporter's sectors on ``as_of``, with the baseline.

    Returns ``{"as_of", "importer", "exporter", "trade_weighted", "baseline_trade_weighted", "sectors":
    [{"sector", "label", "rate", "baseline"}]}`` (fractions; weights: the world's baseline flows).
    """
    on = parse_date(as_of) if as_of is not None else newest_date()
    n, i = world.country_index(importer), world.country_index(exporter)
    if n == i:
        raise PolicyError(f"importer and exporter are both {importer!r}; give two different countries.")
    tau = _applied_on(world, on, overrides)[n, i]
    base = world.tariff[n, i]
    goods = goods_mask(world)
    w = world.trade_usd_m[n, i] * goods
    tw = float((tau * w).sum() / w.sum()) if w.sum() > 0 else 0.0
    btw = float((base * w).sum() / w.sum()) if w.sum() > 0 else 0.0
    return {
        "as_of": on.isoformat(),
        "importer": importer,
        "exporter": exporter,
        "trade_weighted": tw,
        "baseline_trade_weighted": btw,
        "sectors": [
            {"sector": s, "label": lab, "rate": float(tau[j]), "baseline": float(base[j])}
            for j, (s, lab) in enumerate(zip(world.sectors, world.sector_labels, strict=True))
            if goods[j]
        ],
    }
