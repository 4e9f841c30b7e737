"""Turn a `Scenario` into the engine's inputs: a (possibly re-parameterised) `World` and a `Shock`."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from palanca.data import load_world
from palanca.data._reference import load_usmca_compliance
from palanca.errors import ScenarioError, UnknownCountryError, UnknownSectorError
from palanca.model import Closure, Shock, World, calc_va_content
from palanca.scenarios._schema import ContentTariff, ElasticitySet, Scenario, TariffBlock

__all__ = ["BuiltScenario", "build_scenario", "sector_groups"]

#: Groups for the Caliendo–Parro sectors (cp1993).
_CP_GROUPS: dict[str, tuple[str, ...]] = {
    "agriculture": ("AGR",),
    "energy": ("MIN", "PET"),
    "mining": ("MIN",),
    "autos": ("AUT",),
    "steel": ("BMT",),
    "basic_metals": ("BMT",),
    "metals": ("BMT", "FMT"),
    "electronics": ("OFF", "COM", "ELE"),
    "manufacturing": (
        "FOO",
        "TEX",
        "WOO",
        "PAP",
        "PET",
        "CHE",
        "PLA",
        "MNM",
        "BMT",
        "FMT",
        "MAC",
        "OFF",
        "ELE",
        "COM",
        "MED",
        "AUT",
        "OTR",
        "OTH",
    ),
}


def sector_groups(world: World) -> dict[str, tuple[str, ...]]:
    """Named sector groups usable in scenarios for ``world``.

    ICIO worlds use the ICIO groups (``goods`` = the 27 goods sectors); other worlds get
    ``goods`` = the tradable sectors and ``services`` = the rest; ``all`` is every sector.
    """
    goods = tuple(s for s, t in zip(world.sectors, world.tradable, strict=True) if t)
    groups: dict[str, tuple[str, ...]] = {}
    try:
        from palanca.data._sectors import ICIO_GROUPS, ICIO_SECTORS

        if set(world.sectors) == {c for c, _ in ICIO_SECTORS}:
            groups.update(ICIO_GROUPS)
    except ImportError:  # pragma: no cover - the ICIO worlds ship with palanca
        pass
    if world.name.startswith("cp1993"):
        groups.update(_CP_GROUPS)
    groups.setdefault("goods", goods)
    groups.setdefault("services", tuple(s for s in world.sectors if s not in groups["goods"]))
    groups["all"] = world.sectors
    return groups


def _resolve_sectors(world: World, spec: tuple[str, ...], path: str) -> np.ndarray:
    groups = sector_groups(world)
    mask = np.zeros(world.n_sectors, dtype=bool)
    for item in spec:
        neg = item.startswith("-")
        name = item[1:] if neg else item
        if name in groups:
            idx = [world.sector_index(s) for s in groups[name]]
        else:
            try:
                idx = [world.sector_index(name)]
            except UnknownSectorError:
                raise ScenarioError(
                    f"{path} contains {name!r}, which is neither a sector of world {world.name!r} "
                    f"nor a group; groups: {', '.join(sorted(groups))}; sectors: "
                    f"{', '.join(world.sectors)}."
                ) from None
        mask[idx] = not neg
    return mask


def _resolve_countries(world: World, spec: tuple[str, ...], path: str, exclude: str = "") -> list[int]:
    out: list[int] = []
    for code in spec:
        if code in ("*", "ALL"):
            out.extend(k for k, c in enumerate(world.countries) if c != exclude)
            continue
        try:
            out.append(world.country_index(code))
        except UnknownCountryError as exc:
            raise ScenarioError(f"{path}: {exc}") from None
    return out


@dataclass(frozen=True, eq=False)
class BuiltScenario:
    """A scenario ready for the engine."""

    scenario: Scenario
    world: World
    shock: Shock
    closure: Closure
    log: tuple[str, ...]


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
) -> None:
    for k, b in enumerate(blocks):
        path = f"{kind}[{k}]"
        n = _resolve_countries(world, (b.imposer,), f"{path}.imposer")[0]
        mask = _resolve_sectors(world, b.sectors, f"{path}.sectors")
        for i in _resolve_countries(world, b.targets, f"{path}.targets", exclude=b.imposer):
            if i == n:
                raise ScenarioError(f"{path}: {b.imposer} cannot put a tariff on itself; remove it from targets.")
            if b.mode == "mfn":
                ref = _resolve_countries(world, (b.reference,), f"{path}.reference")[0]
                rate = np.array(world.tariff[n, ref, :])
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
        what = f"MFN (as on {b.reference})" if b.mode == "mfn" else f"{b.mode} {b.rate:.3g}"
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
        mask = _resolve_sectors(world, b.sectors, f"{path}.sectors")
        origins = _resolve_countries(world, b.content_origin, f"{path}.content_origin")
        for i in _resolve_countries(world, b.exporters, f"{path}.exporters", exclude=b.imposer):
            share = content[origins, i, :].sum(axis=0)  # foreign VA share of i's output, by sector
            tau[n, i, mask] += b.rate * share[mask]
            log.append(
                f"{path}: {b.imposer} {b.rate:.3g} on the {'+'.join(b.content_origin)} value-added "
                f"content of {world.countries[i]} goods (content share, output-weighted: "
                f"{np.average(share[mask], weights=world.gross_output_usd_m[i, mask] + 1e-12):.2%})"
            )


def build_scenario(scenario: Scenario, world: World | None = None) -> BuiltScenario:
    """The world (with the scenario's elasticities) and the shock that encode ``scenario``.

    Parameters
    ----------
    scenario : Scenario
    world : World, optional
        Overrides ``scenario.world`` (a shipped world's name).
    """
    world = world or load_world(scenario.world)
    log: list[str] = []
    if scenario.elasticities is ElasticitySet.SHORT_RUN:
        world = dataclasses.replace(
            world, theta=world.theta * scenario.short_run_theta_scale, name=f"{world.name}-short-run"
        )
        log.append(f"short-run elasticities: theta x {scenario.short_run_theta_scale}")
    tau = np.array(world.tariff, copy=True)
    set_by: dict[tuple[int, int, int], str] = {}
    _apply_tariffs(world, scenario.tariffs, "tariffs", tau, set_by, log)
    _apply_tariffs(world, scenario.retaliation, "retaliation", tau, set_by, log)
    _apply_content_tariffs(world, scenario.content_tariffs, tau, log)
    d_hat = np.ones_like(world.trade_usd_m)
    for k, b in enumerate(scenario.trade_costs):
        path = f"trade_costs[{k}]"
        mask = _resolve_sectors(world, b.sectors, f"{path}.sectors")
        for n in _resolve_countries(world, b.importers, f"{path}.importers"):
            for i in _resolve_countries(world, b.exporters, f"{path}.exporters"):
                if i != n:
                    d_hat[n, i, mask] *= 1.0 + b.change
        log.append(f"{path}: iceberg costs x {1 + b.change:.4g} on {int(mask.sum())} sectors")
    if scenario.lost_agreement:
        coef = scenario.agreement_coefficient
        members = _resolve_countries(world, scenario.lost_agreement, "lost_agreement")
        goods = world.tradable
        factor = np.exp(coef / world.theta)  # gravity: X ~ d^-theta, agreement raises ln X by coef
        for n in members:
            for i in members:
                if i != n:
                    d_hat[n, i, goods] *= factor[goods]
        log.append(
            f"lost agreement among {', '.join(scenario.lost_agreement)}: iceberg costs x "
            f"exp({coef:.4g}/theta_j) on goods"
        )
    if np.any(tau <= -1):
        raise ScenarioError("the scenario drives some tariff to −100% or below; check the rates.")
    shock = Shock(tariff=tau, trade_cost_hat=d_hat, label=scenario.id)
    return BuiltScenario(scenario, world, shock, Closure(scenario.closure), tuple(log))
