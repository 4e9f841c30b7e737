r"""Turn a `Scenario` into the engine's inputs: the as-of baseline `World` and a `Shock` relative to it.

The one builder of every shipped scenario. The baseline on the as-of date is the model solved from
the world's data (the 2023 flows at the pre-2025 tariffs) under the tariffs in force that day (the
world's tariffs plus the 2025–26 actions, `palanca.policy.applied_tariffs`; on an aggregated world,
the actions applied on the world it was aggregated from, then aggregated, `palanca.policy.registry_world`;
default: the newest date in the registry): its trade shares, tariff revenue, incomes and prices are an
equilibrium at the as-of tariffs. The scenario's blocks then change that baseline, and every effect is the ratio of
the scenario's solution to the baseline's. In exact hat algebra the two steps compose: solving the
scenario from the data in one step and dividing by the as-of solution gives the same answer.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from palanca.data import load_world, mfn_rates
from palanca.data._reference import load_usmca_compliance
from palanca.errors import ConvergenceError, PolicyError, ScenarioError, UnknownCountryError
from palanca.gravity import agreement_loss_trade_cost_hat
from palanca.model import Closure, Shock, SolverOptions, World, calc_va_content, rebase, solve
from palanca.policy import applied_tariffs, newest_date, parse_date, registry_world, resolve_sectors, sector_groups
from palanca.scenarios._schema import ContentTariff, ElasticitySet, Scenario, TariffBlock

__all__ = ["BuiltScenario", "as_of_baseline", "build_scenario", "sector_groups"]


def _resolve_countries(world: World, spec: tuple[str, ...], path: str, exclude: str = "") -> list[int]:
    out: list[int] = []
    for code in spec:
        if code in ("*", "ALL"):
            add = [k for k, c in enumerate(world.countries) if c != exclude]
        else:
            try:
                add = [world.country_index(code)]
            except UnknownCountryError as exc:
                raise ScenarioError(f"{path}: {exc}") from None
        twice = [world.countries[k] for k in add if k in out]
        if twice:
            raise ScenarioError(
                f"{path} = {list(spec)!r}: {twice[0]} is listed more than once (with {code!r}), so its entry "
                f"would be applied twice. List each country once."
            )
        out.extend(add)
    return out


def as_of_baseline(
    data_world: World, tariff: np.ndarray, closure: Closure, options: SolverOptions | None = None
) -> World:
    """The model solved from ``data_world`` under the tariff levels ``tariff``: a baseline consistent with them.

    Where ``tariff`` is the data's own, the model re-solved at the data's policy (`palanca.model.rebase`).
    Raises `ConvergenceError` if the solve fails: a baseline that is no equilibrium would make every
    counterfactual on it wrong.
    """
    options = dataclasses.replace(options or SolverOptions(), throw=True)
    base = rebase(data_world, closure=closure, options=options)
    if np.array_equal(tariff, data_world.tariff):
        return base
    eq = solve(data_world, Shock(tariff=tariff, label="as-of tariffs"), closure=closure, options=options, baseline=base)
    return eq.to_world(name=data_world.name)


@dataclass(frozen=True, eq=False)
class BuiltScenario:
    """A scenario ready for the engine: ``world`` is the as-of baseline; ``shock`` is relative to it.

    ``data_world`` is the world of the data (pre-2025 tariffs, the scenario's elasticities) from
    which ``world`` is solved; `baseline_at` re-solves that baseline for other elasticities.
    """

    scenario: Scenario
    world: World
    shock: Shock
    closure: Closure
    log: tuple[str, ...]
    as_of: str = ""
    data_world: World | None = None

    def baseline_at(self, theta: np.ndarray | None = None, options: SolverOptions | None = None) -> World:
        """The as-of baseline re-solved from the data with trade elasticities ``theta`` (default: the world's)."""
        if self.data_world is None or np.array_equal(self.data_world.tariff, self.world.tariff):
            return self.world if theta is None else dataclasses.replace(self.world, theta=theta)
        data = self.data_world if theta is None else dataclasses.replace(self.data_world, theta=theta)
        base = as_of_baseline(data, self.world.tariff, self.closure, options)
        return dataclasses.replace(base, name=self.world.name, provenance=self.world.provenance)


def _compliance_factor(world: World, importer: str, exporter: str, mask: np.ndarray, path: str) -> np.ndarray:
    shares = load_usmca_compliance()
    out = np.ones(world.n_sectors)
    # The shares are US imports from CAN/MEX; Mexican and Canadian imports from the US use the
    # partner's share for the same sector (documented proxy: the same rules of origin apply).
    partner = exporter if importer == "USA" else importer
    for j in np.flatnonzero(mask):
        key = (partner, world.sectors[j])
        if key not in shares:
            raise ScenarioError(
                f"{path}: non_compliant_only needs a USMCA compliance share for {importer}<-{exporter} "
                f"sector {world.sectors[j]}, and none is shipped (shares exist for ICIO sectors of CAN "
                "and MEX). Set non_compliant_only = false or use world2023."
            )
        out[j] = 1.0 - shares[key]
    return out


def _apply_tariffs(
    world: World,
    blocks: tuple[TariffBlock, ...],
    kind: str,
    tau: np.ndarray,
    set_by: dict[tuple[int, int, int], str],
    log: list[str],
    layer: np.ndarray,
) -> None:
    for k, b in enumerate(blocks):
        path = f"{kind}[{k}]"
        n = _resolve_countries(world, (b.imposer,), f"{path}.imposer")[0]
        mask = resolve_sectors(world, b.sectors, f"{path}.sectors")
        for i in _resolve_countries(world, b.targets, f"{path}.targets", exclude=b.imposer):
            if i == n:
                raise ScenarioError(f"{path}: {b.imposer} cannot put a tariff on itself; remove it from targets.")
            if b.mode == "mfn":
                try:
                    rate = mfn_rates(world, b.imposer) + layer[n, i]  # MFN plus the 2025-26 measures
                except (PolicyError, ValueError) as exc:
                    raise ScenarioError(f'{path}: mode = "mfn" needs the MFN schedule of {b.imposer}: {exc}') from None
            else:
                rate = np.full(world.n_sectors, b.rate)
            if b.non_compliant_only:
                rate = rate * _compliance_factor(world, world.countries[n], world.countries[i], mask, path)
            for j in np.flatnonzero(mask):
                if b.mode in ("set", "mfn"):
                    key = (n, i, int(j))
                    if key in set_by:
                        raise ScenarioError(
                            f"{path} and {set_by[key]} both set the tariff of {b.imposer} on "
                            f"{world.countries[i]} {world.sectors[j]}: overlapping definitions. Use "
                            'mode = "add" to stack them or narrow one block\'s sectors.'
                        )
                    set_by[key] = path
                    tau[n, i, j] = rate[j]
                else:
                    tau[n, i, j] += rate[j]
        what = "MFN schedule" if b.mode == "mfn" else f"{b.mode} {b.rate:.3g}"
        log.append(
            f"{path}: {b.imposer} {what} on {', '.join(b.targets)} "
            f"({int(mask.sum())} sectors{', non-compliant share only' if b.non_compliant_only else ''})"
        )


def _apply_content_tariffs(world: World, blocks: tuple[ContentTariff, ...], tau: np.ndarray, log: list[str]) -> None:
    if not blocks:
        return
    content, _ = calc_va_content(world.trade_share, world.tariff, world.va_share, world.io)
    for k, b in enumerate(blocks):
        path = f"content_tariffs[{k}]"
        n = _resolve_countries(world, (b.imposer,), f"{path}.imposer")[0]
        mask = resolve_sectors(world, b.sectors, f"{path}.sectors")
        origins = _resolve_countries(world, b.content_origin, f"{path}.content_origin")
        for i in _resolve_countries(world, b.exporters, f"{path}.exporters", exclude=b.imposer):
            share = content[origins, i, :].sum(axis=0)  # foreign VA share of i's output, by sector
            tau[n, i, mask] += b.rate * share[mask]
            log.append(
                f"{path}: {b.imposer} {b.rate:.3g} on the {'+'.join(b.content_origin)} value-added "
                f"content of {world.countries[i]} goods (content share, output-weighted: "
                f"{np.average(share[mask], weights=world.gross_output_usd_m[i, mask] + 1e-12):.2%})"
            )


def _as_of_tariffs(world: World, scenario: Scenario, as_of: str, log: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(baseline tariffs on ``as_of``, the scenario's policy state) on ``world``."""
    try:
        on, to_world, where = registry_world(world)
        in_force = applied_tariffs(on, as_of)  # on the world the registry acts on
        base = to_world(in_force)
    except PolicyError as exc:
        if scenario.policy_date or not scenario.usmca_preferences:
            raise ScenarioError(f"scenario {scenario.id!r} reads the policy registry: {exc}") from None
        log.append(f"baseline: the world's own tariffs (no dated policy for this world: {exc})")
        return np.array(world.tariff, copy=True), np.array(world.tariff, copy=True)
    log.append(f"baseline: tariffs in force on {as_of} (palanca policy registry{where})")
    if not scenario.policy_date and scenario.usmca_preferences:
        return base, base.copy()
    when = scenario.policy_date or as_of
    overrides = dict(scenario.policy_overrides)
    imposers = scenario.policy_imposers
    others = tuple(c for c in ("USA", "MEX") if c not in imposers)
    try:
        policy = applied_tariffs(
            on, when, overrides=overrides, usmca_preferences=scenario.usmca_preferences, imposers=imposers
        )
        for c in others:  # the other imposers keep their as-of tariffs (an imposer's actions set its own row only)
            if c in on.countries:
                policy[on.country_index(c)] = in_force[on.country_index(c)]
    except PolicyError as exc:
        raise ScenarioError(f"scenario {scenario.id!r}: {exc}") from None
    extra = "".join(f", {k} at {v:.3g}" for k, v in overrides.items())
    extra += "" if scenario.usmca_preferences else ", USMCA exemptions lost"
    log.append(f"policy: the registry's tariffs of {', '.join(imposers)} in force on {when}{extra}{where}")
    return base, to_world(policy)


def build_scenario(scenario: Scenario, world: World | None = None, *, as_of: str | None = None) -> BuiltScenario:
    """The as-of baseline world (with the scenario's elasticities) and the shock that encode ``scenario``.

    Parameters
    ----------
    scenario : Scenario
    world : World, optional
        Overrides ``scenario.world`` (a shipped world's name). Its tariffs are the pre-2025 baseline.
    as_of : str, optional
        ISO date of the baseline; overrides ``scenario.as_of``; default the newest date in the registry.
    """
    data_world = world or load_world(scenario.world)
    if data_world.provenance.get("tariffs_as_of"):
        raise ScenarioError(
            f"world {data_world.name!r} already carries the tariffs in force on "
            f"{data_world.provenance['tariffs_as_of']} (it is a built scenario's baseline); pass the shipped world, "
            "whose tariffs are the pre-2025 baseline, and set the date with as_of."
        )
    log: list[str] = []
    if scenario.elasticities is ElasticitySet.SHORT_RUN:
        data_world = dataclasses.replace(
            data_world, theta=data_world.theta * scenario.short_run_theta_scale, name=f"{data_world.name}-short-run"
        )
        log.append(f"short-run elasticities: theta x {scenario.short_run_theta_scale}")
    try:
        date = parse_date(as_of or scenario.as_of or newest_date()).isoformat()
    except PolicyError as exc:
        raise ScenarioError(str(exc)) from None
    base, tau = _as_of_tariffs(data_world, scenario, date, log)
    solved = data_world  # nothing in force yet beyond the data's tariffs: the data are the baseline
    if not np.array_equal(base, data_world.tariff):
        try:
            solved = as_of_baseline(data_world, base, scenario.closure)
        except ConvergenceError as exc:
            raise ScenarioError(
                f"scenario {scenario.id!r}: the model does not solve under the tariffs in force on {date}: {exc}"
            ) from None
        log.append(f"baseline: the model solved from the {data_world.year} data under the tariffs in force on {date}")
    world = dataclasses.replace(
        solved,
        name=data_world.name,
        provenance={**data_world.provenance, "as_of": date, "tariffs_as_of": date},
    )
    layer = tau - data_world.tariff
    set_by: dict[tuple[int, int, int], str] = {}
    _apply_tariffs(world, scenario.tariffs, "tariffs", tau, set_by, log, layer)
    _apply_tariffs(world, scenario.retaliation, "retaliation", tau, set_by, log, layer)
    _apply_content_tariffs(world, scenario.content_tariffs, tau, log)
    d_hat = np.ones_like(world.trade_usd_m)
    for k, b in enumerate(scenario.trade_costs):
        path = f"trade_costs[{k}]"
        mask = resolve_sectors(world, b.sectors, f"{path}.sectors")
        for n in _resolve_countries(world, b.importers, f"{path}.importers"):
            for i in _resolve_countries(world, b.exporters, f"{path}.exporters"):
                if i != n:
                    d_hat[n, i, mask] *= 1.0 + b.change
        log.append(f"{path}: iceberg costs x {1 + b.change:.4g} on {int(mask.sum())} sectors")
    if scenario.lost_agreement:
        members = [world.countries[k] for k in _resolve_countries(world, scenario.lost_agreement, "lost_agreement")]
        goods = resolve_sectors(world, ("goods",), "goods")
        # One agreement-loss function (palanca.gravity), net of the tariff preference the scenario removes.
        lost = agreement_loss_trade_cost_hat(
            world,
            scenario.agreement_coefficient,
            members=members,
            mapping=scenario.agreement_mapping,
            net_of_tariffs=(1.0 + tau) / (1.0 + world.tariff),
        )
        lost[:, :, ~goods] = 1.0
        d_hat *= lost
        b = (
            "the gravity estimate"
            if scenario.agreement_coefficient is None
            else f"{scenario.agreement_coefficient:.4g}"
        )
        log.append(
            f"lost agreement among {', '.join(members)}: iceberg costs from palanca.gravity "
            f"(b = {b}, {scenario.agreement_mapping} mapping, net of the tariff change) on goods"
        )
    if np.any(tau <= -1):
        raise ScenarioError("the scenario drives some tariff to −100% or below; check the rates.")
    shock = Shock(tariff=tau, trade_cost_hat=d_hat, label=scenario.id)
    return BuiltScenario(scenario, world, shock, scenario.closure, tuple(log), as_of=date, data_world=data_world)
