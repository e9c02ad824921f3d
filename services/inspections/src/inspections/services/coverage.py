"""Coverage: the share of obliged agencies inspected (on site, and at all), from the local registry replica.

Obliged = the agency types marked obliged in `obligation_rules` (QĐ 19/2014/QĐ-TTg Điều 2); for a plan whose
`coverage_basis` is PLAN_TARGETS, the plan's own target list; for REGISTRY_OBLIGATION, the agencies the registry
derives as obliged (BAT_BUOC, or BAT_BUOC_THEO_KH_TINH by the province's plan). An agency dissolved or merged
leaves the denominator from its end date (`valid_to`); one not yet valid on the reference date is not counted.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from inspections import model, orm, repository
from inspections.model import INSPECTED, CoverageBasis, PlanStatus
from inspections.services.common import load
from kit.uow import UnitOfWork

COUNTED_PLANS = (PlanStatus.DA_PHE_DUYET, PlanStatus.DANG_THUC_HIEN, PlanStatus.DA_TONG_KET, PlanStatus.DIEU_CHINH)


@dataclass(frozen=True)
class Coverage:
    year: int
    plan_id: uuid.UUID | None
    as_of: date
    basis: str
    obliged: int
    inspected: int
    inspected_onsite: int
    inspected_percent: float
    onsite_percent: float
    onsite_min_percent: int | None
    meets_onsite_target: bool | None


def plan_coverage(uow: UnitOfWork, plan_id: uuid.UUID, as_of: date | None) -> Coverage:
    with uow:
        plan = load(uow, orm.Plan, plan_id)
        as_of = as_of or min(uow.now().date(), date(plan.year, 12, 31))
        pool = _pool(uow, plan)
        rows = repository.inspections_in(uow.session, plan_ids=[plan.id], year=None, statuses=INSPECTED)
        return _figures(plan.year, plan.id, as_of, plan.coverage_basis, pool, rows, plan.onsite_min_percent)


def year_coverage(uow: UnitOfWork, year: int, as_of: date | None) -> Coverage:
    with uow:
        as_of = as_of or min(uow.now().date(), date(year, 12, 31))
        plans = [p.id for p in repository.plans_of_year(uow.session, year) if p.status in COUNTED_PLANS]
        rows = repository.inspections_in(uow.session, plan_ids=plans, year=year, statuses=INSPECTED)
        target = repository.setting_value(uow.session, "onsite_min_percent")
        return _figures(year, None, as_of, CoverageBasis.OBLIGED_TYPES, _obliged(uow), rows, target)


def _pool(uow: UnitOfWork, plan: orm.Plan) -> list[orm.Agency]:
    if plan.coverage_basis == CoverageBasis.PLAN_TARGETS:
        wanted = {t.agency_id for t in plan.targets}
        return [a for a in repository.agencies(uow.session) if a.id in wanted]
    if plan.coverage_basis == CoverageBasis.REGISTRY_OBLIGATION:
        return [a for a in repository.agencies(uow.session) if a.obligation in model.REGISTRY_OBLIGED]
    return _obliged(uow)


def _obliged(uow: UnitOfWork) -> list[orm.Agency]:
    types = repository.obliged_types(uow.session)
    return [a for a in repository.agencies(uow.session) if a.agency_type in types]


def _figures(year, plan_id, as_of, basis, pool, inspections, target) -> Coverage:
    counted = {a.id for a in pool if _counts(a, as_of)}
    inspected = {i.agency_id for i in inspections} & counted
    onsite = {i.agency_id for i in inspections if i.form == model.ONSITE} & counted
    onsite_percent = _percent(len(onsite), len(counted))
    return Coverage(year=year, plan_id=plan_id, as_of=as_of, basis=basis, obliged=len(counted),
                    inspected=len(inspected), inspected_onsite=len(onsite),
                    inspected_percent=_percent(len(inspected), len(counted)), onsite_percent=onsite_percent,
                    onsite_min_percent=target,
                    meets_onsite_target=None if target is None else onsite_percent >= target)


def _counts(agency: orm.Agency, as_of: date) -> bool:
    started = agency.valid_from is None or agency.valid_from <= as_of
    ended = agency.valid_to is not None and agency.valid_to <= as_of
    return started and not ended


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0
