"""Use cases of a province succession: the dry run, the execution (idempotent, resumable) and reading them.

The execution goes step by step, each step one unit of work bound to the province whose records it writes, so
that every event belongs to its own province and is published as the same use case would publish it: the record
is written first (EXECUTING, with every step decided), then each predecessor agency's step, then the record is
DONE and `ProvinceSucceeded` is published. Executed again, a DONE succession changes nothing; an interrupted one
resumes with the steps not done yet. See docs/adr/0017-province-successions.md.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from contracts import registry as events
from contracts.registry import AgencyStatus
from kit import lineage
from kit.errors import Conflict, NotFound
from kit.uow import UnitOfWork
from registry import repository
from registry.model import successions as rules
from registry.model.successions import Action, AgencyRef, Outcome
from registry.model.tenants import TenantNotFound
from registry.orm import Agency, ProvinceSuccession
from registry.services import agencies, districts, officers, quality_systems

EXECUTING, DONE = "EXECUTING", "DONE"
# What a continuing agency's new entry takes from its old one (not its location: the communes changed too).
CARRIED = ("name", "short_name", "agency_type", "admin_level", "head_name", "website_url", "tthc_count",
           "obligation_override", "obligation_decision_no", "obligation_decision_date")
NAMESPACE = uuid.UUID("1f0c6a52-9d7e-4d5e-9a63-2f3b5c7d8e90")  # successor agencies' ids: stable across retries


@dataclass(frozen=True)
class Request:
    successor: str
    predecessors: list[str]
    effective_date: date
    legal_basis: str
    entries: list[dict]
    default_action: Action | None = None


def dry_run(across: UnitOfWork, request: Request) -> Outcome:
    """What executing `request` would do; nothing is written."""
    with across:
        return _outcome(across, request)


def plan_to_fill(across: UnitOfWork, request: Request) -> list[tuple[AgencyRef, Action]]:
    """Every predecessor agency the plan must decide, with a suggestion: district-level ones end (no districts
    from 1/7/2025), the others continue."""
    with across:
        outcome = _outcome(across, Request(request.successor, request.predecessors, request.effective_date,
                                           request.legal_basis, entries=[]))
    return [(a, Action.END if districts.district_level(a) else Action.CONTINUE) for a in outcome.unmapped]


def execute(across: Callable[[], UnitOfWork], uow_for: Callable[[str], UnitOfWork], request: Request,
            actor: str | None) -> tuple[ProvinceSuccession, bool]:
    """Execute the succession; returns it and whether anything was written (False: it was already done)."""
    succession = _start(across(), request, actor)
    if succession.status == DONE:
        return succession, False
    for n, step in enumerate(succession.steps):
        if not step["done"]:
            _run_step(across, uow_for, succession, step)
            _mark_done(across(), succession.id, n)
    return _finish(uow_for(succession.successor), succession.id), True


def list_successions(across: UnitOfWork) -> list[ProvinceSuccession]:
    with across:
        return repository.province_successions(across.session)


def get_succession(across: UnitOfWork, succession_id: uuid.UUID) -> ProvinceSuccession:
    with across:
        succession = across.session.get(ProvinceSuccession, succession_id)
        if succession is None:
            raise NotFound("succession_not_found", succession_id=succession_id)
        return succession


def _outcome(uow: UnitOfWork, request: Request) -> Outcome:
    rules.check_provinces(request.successor, request.predecessors)
    for tenant in (request.successor, *request.predecessors):
        found = repository.find_tenant(uow.session, tenant)
        if found is None:
            raise TenantNotFound(tenant)
        rules.check_not_succeeded(tenant, found.merged_into, request.successor if tenant != request.successor
                                  else None)
    agencies = [_ref(a) for a in repository.agencies_of_tenants(uow.session, request.predecessors)]
    successor_agencies = [_ref(a) for a in repository.agencies_of_tenants(uow.session, [request.successor])]
    return rules.plan(request.effective_date, agencies, successor_agencies, request.entries, request.default_action)


def _start(uow: UnitOfWork, request: Request, actor: str | None) -> ProvinceSuccession:
    """The succession on record: the one already there for these provinces, or a new one with its steps."""
    with uow:
        existing = repository.succession_of(uow.session, request.predecessors)
        if existing is not None:
            if (existing.successor, existing.effective_date, sorted(existing.predecessors)) != (
                    request.successor, request.effective_date, sorted(request.predecessors)):
                raise Conflict("province_already_succeeded", tenant=request.predecessors[0],
                               successor=existing.successor)
            return existing
        outcome = _outcome(uow, request)
        if not outcome.executable:
            raise Conflict("succession_plan_incomplete", unmapped=len(outcome.unmapped),
                           conflicts=len(outcome.conflicts))
        succession_id = uuid.uuid4()
        succession = ProvinceSuccession(
            id=succession_id, successor=request.successor, predecessors=list(request.predecessors),
            effective_date=request.effective_date, legal_basis=request.legal_basis, status=EXECUTING,
            steps=[_step_row(succession_id, step) for step in outcome.steps], counts=outcome.counts(),
            executed_by=actor, started_at=uow.now())
        uow.session.add(succession)
        for tenant in request.predecessors:
            repository.find_tenant(uow.session, tenant).merged_into = request.successor
        uow.commit()
        return succession


def _step_row(succession_id: uuid.UUID, step) -> dict:
    agency = step.agency
    successor_agency = (uuid.uuid5(NAMESPACE, f"{succession_id}/{agency.id}") if step.action == Action.CONTINUE
                        else step.into)
    return {"agency_id": str(agency.id), "tenant": agency.tenant, "name": agency.name,
            "agency_type": agency.agency_type, "action": step.action.value,
            "successor_agency_id": str(successor_agency) if successor_agency else None, "done": False}


def _run_step(across: Callable[[], UnitOfWork], uow_for: Callable[[str], UnitOfWork],
              succession: ProvinceSuccession, step: dict) -> None:
    agency_id = uuid.UUID(step["agency_id"])
    if step["action"] == Action.CONTINUE:
        with across() as uow:  # the predecessor's entry, quality system and officers, read across provinces
            old = repository.find_agency(uow.session, agency_id)
            system = repository.current_quality_system(uow.session, agency_id)
            people = officers.current_officers(uow, agency_id)
        _continue_in_successor(uow_for(succession.successor), old, system, people,
                               uuid.UUID(step["successor_agency_id"]), succession.effective_date)
    elif step["action"] == Action.MERGE:
        with uow_for(succession.successor) as uow:
            quality_systems.flag_reorganised(uow, uuid.UUID(step["successor_agency_id"]), on=succession.effective_date)
            uow.commit()
    _end_in_predecessor(uow_for(step["tenant"]), agency_id, step, succession)


def _continue_in_successor(uow: UnitOfWork, old: Agency, system, people: list, new_id: uuid.UUID,
                           effective_date: date) -> None:
    """The agency's new entry in the successor from the effective date, with its quality system as it stood and
    its ISO officers (thư ký ISO, đại diện lãnh đạo) appointed there from that date; a resumed step adds nothing
    already there."""
    with uow:
        if repository.find_agency(uow.session, new_id) is None:
            agencies.add_agency(uow, {name: getattr(old, name) for name in CARRIED} | {"valid_from": effective_date},
                                agency_id=new_id)
            if system is not None:
                quality_systems.carry_over(uow, new_id, system, on=effective_date)
        officers.carry_over(uow, people, new_id, on=effective_date)
        uow.commit()


def _end_in_predecessor(uow: UnitOfWork, agency_id: uuid.UUID, step: dict, succession: ProvinceSuccession) -> None:
    """The predecessor's entry ends the day before the effective date: merged into its successor agency (in the
    successor province, which the event names), or ended; a continuing agency's officers leave the old entry that
    day (they went on in the new one). A step already done (its agency ended) is left as it is."""
    last_day = rules.last_day(succession.effective_date)
    with uow:
        agency = repository.find_agency(uow.session, agency_id, lock=True)  # not ended by another change meanwhile
        if agency.status != AgencyStatus.HOAT_DONG:
            return
        if step["action"] == Action.END:
            agencies.dissolve(uow, agency.id, last_day, succession.legal_basis)
        else:
            if step["action"] == Action.CONTINUE:
                officers.end_all(uow, agency.id, on=last_day)
            agencies.merge_into(uow, agency.id, uuid.UUID(step["successor_agency_id"]), last_day,
                                succession.legal_basis, effective_date=succession.effective_date,
                                kind="CONTINUED" if step["action"] == Action.CONTINUE else "MERGED",
                                successor_tenant=succession.successor)
        uow.commit()


def _mark_done(uow: UnitOfWork, succession_id: uuid.UUID, n: int) -> None:
    with uow:
        succession = uow.session.get(ProvinceSuccession, succession_id)
        steps = [dict(step) for step in succession.steps]
        steps[n]["done"] = True
        succession.steps = steps  # a new list: the JSON column sees the change
        uow.commit()


def _finish(uow: UnitOfWork, succession_id: uuid.UUID) -> ProvinceSuccession:
    """DONE, the lineage the services read, and the event that tells them."""
    with uow:
        succession = uow.session.get(ProvinceSuccession, succession_id)
        successor = repository.find_tenant(uow.session, succession.successor)
        names = [repository.find_tenant(uow.session, t).name for t in succession.predecessors]
        event = events.ProvinceSucceeded(
            succession_id=succession.id, successor=successor.id, successor_name=successor.name,
            predecessors=list(succession.predecessors), predecessor_names=names,
            effective_date=succession.effective_date, legal_basis=succession.legal_basis, executed_at=uow.now())
        succession.status, succession.finished_at = DONE, uow.now()
        lineage.record(uow.session, event)
        uow.publish(event)
        uow.commit()
        return succession


def _ref(agency: Agency) -> AgencyRef:
    return AgencyRef(agency.id, agency.tenant_id, agency.name, agency.agency_type, agency.valid_from,
                     agency.valid_to, agency.admin_level)
