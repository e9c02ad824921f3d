"""Coverage: the share of obliged agencies inspected (on site, and at all), from the local registry replica.

Obliged = what the registry derives and carries in its agency events (`contracts.registry.OBLIGED`: the type's
rule under QĐ 19/2014/QĐ-TTg Điều 2, or the province's cited override); this service keeps no copy of the rules.
A plan whose `coverage_basis` is PLAN_TARGETS counts its own target list instead. An agency counts from its
`valid_from` to its `valid_to`, both days included (as in every service).
"""

from __future__ import annotations

import uuid
from datetime import date

from contracts.inspections import CoverageBasis
from contracts.registry import OBLIGED
from inspections import model, orm, repository
from inspections.model import COUNTED_PLANS, INSPECTED, ONSITE_TARGET, Coverage
from kit.uow import UnitOfWork


def plan_coverage(uow: UnitOfWork, plan_id: uuid.UUID, as_of: date | None) -> Coverage:
    with uow:
        plan = repository.get(uow.session, orm.Plan, plan_id)
        as_of = as_of or min(uow.now().date(), date(plan.year, 12, 31))
        pool = _pool(uow, plan)
        rows = repository.inspections_in(uow.session, plan_ids=[plan.id], year=None, statuses=INSPECTED)
        return model.coverage(plan.year, plan.id, as_of, plan.coverage_basis, pool, rows, plan.onsite_min_percent)


def year_coverage(uow: UnitOfWork, year: int, as_of: date | None) -> Coverage:
    with uow:
        as_of = as_of or min(uow.now().date(), date(year, 12, 31))
        plans = [p.id for p in repository.plans_of_year(uow.session, year) if p.status in COUNTED_PLANS]
        rows = repository.inspections_in(uow.session, plan_ids=plans, year=year, statuses=INSPECTED)
        target = repository.setting_value(uow.session, ONSITE_TARGET)
        return model.coverage(year, None, as_of, CoverageBasis.REGISTRY_OBLIGATION, _obliged(uow), rows, target)


def _pool(uow: UnitOfWork, plan: orm.Plan) -> list[orm.Agency]:
    if plan.coverage_basis == CoverageBasis.PLAN_TARGETS:
        wanted = {t.agency_id for t in plan.targets}
        return [a for a in repository.agencies(uow.session) if a.id in wanted]
    return _obliged(uow)


def _obliged(uow: UnitOfWork) -> list[orm.Agency]:
    return [a for a in repository.agencies(uow.session) if a.obligation in OBLIGED]
