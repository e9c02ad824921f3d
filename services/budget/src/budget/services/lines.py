"""Use cases of budget lines: estimate, revise, approve, disburse, settle, and read them. Each owns its
transaction."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from budget import repository
from budget.model.caps import Override
from budget.model.lines import (
    LineNotFound,
    LineStatus,
    Move,
    Owner,
    UnknownAgency,
    after_disbursement,
    ensure_owner,
    ensure_within_approved,
    ensure_within_disbursed,
    moved,
)
from budget.orm import BudgetLine, Expenditure, Settlement
from budget.services import cap_checks
from contracts import budget as events
from contracts.budget import Action, CapCheck, Origin
from kit import preconditions
from kit.access import AgencyScope
from kit.errors import Conflict, RuleViolated
from kit.pagination import Page
from kit.uow import UnitOfWork

REVISABLE = ("title", "estimate", "funding_source", "months")


@dataclass(frozen=True)
class Spending:
    amount: int
    spent_on: date
    description: str
    voucher: str | None = None
    origin: str = Origin.MANUAL
    origin_ref: str | None = None


def estimate_line(uow: UnitOfWork, fields: dict, *, override: Override | None = None, by: str | None = None):
    with uow:
        if fields.get("owner") is not None:
            ensure_owner(fields["owner"], fields.get("agency_id"))
        line = BudgetLine(id=uuid.uuid4(), status=LineStatus.LAP_DU_TOAN, cap_check=CapCheck.KHONG_XAC_DINH, **fields)
        _attach_agency(uow, line)
        uow.session.add(line)
        cap_checks.check(uow, line, line.estimate, Action.ESTIMATE, override, by)
        _publish_estimated(uow, _loaded(uow, line))
        uow.commit()
        return line


def revise_estimate(uow: UnitOfWork, line_id: uuid.UUID, fields: dict, *, expected: int | None = None,
                    override: Override | None = None, by: str | None = None, agency_id: uuid.UUID | None = None):
    """Revise the estimate made from version `expected` of the line (412 when it changed since; a route always
    names one, the demo's seeding none)."""
    with uow:
        line = get(uow, line_id, agency_id, lock=True)
        if expected is not None:
            preconditions.check(line.version, expected)
        moved(line.id, line.status, Move.REVISE)
        for name in REVISABLE:
            if name in fields:
                setattr(line, name, fields[name])
        changed(line)
        cap_checks.check(uow, line, line.estimate, Action.ESTIMATE, override, by)
        _publish_estimated(uow, _loaded(uow, line))
        uow.commit()
        return line


def approve_line(uow: UnitOfWork, line_id: uuid.UUID, *, approved: int, approving_doc: str, approved_on: date,
                 override: Override | None = None, by: str | None = None):
    with uow:
        line = get(uow, line_id, lock=True)
        status = moved(line.id, line.status, Move.APPROVE)
        cap_checks.check(uow, line, approved, Action.APPROVE, override, by)
        line.approved, line.approving_doc, line.approved_on = approved, approving_doc, approved_on
        changed(line)
        # Actual costs of other services may have been recorded on the line before its approval.
        line.status = after_disbursement(status) if line.disbursed else status
        uow.publish(events.LineApproved(line_id=line.id, fiscal_year=line.fiscal_year, agency_id=line.agency_id,
                                        category=line.category, approved=approved, approving_doc=approving_doc,
                                        approved_at=uow.now()))
        uow.commit()
        return _loaded(uow, line)


def disburse(uow: UnitOfWork, line_id: uuid.UUID, spending: Spending, *, override: Override | None = None,
             by: str | None = None):
    """Record money spent by hand. The actual costs of other services (a class, an inspection) come only from
    their events (services/costs.py): a manual record claiming their origin would make the real one be skipped as
    already recorded."""
    if spending.origin != Origin.MANUAL:
        raise RuleViolated("origin_not_manual", origin=spending.origin)
    with uow:
        line = get(uow, line_id, lock=True)
        moved(line.id, line.status, Move.DISBURSE)
        if spending.origin_ref and repository.find_expenditure_of(uow.session, spending.origin, spending.origin_ref):
            raise Conflict("expenditure_already_recorded", origin=spending.origin, origin_ref=spending.origin_ref)
        total = line.disbursed + spending.amount
        ensure_within_approved(total, line.approved)
        cap_checks.check(uow, line, total, Action.DISBURSE, override, by)
        expenditure = add_expenditure(uow, line, spending, by)
        uow.commit()
        return expenditure


def add_expenditure(uow: UnitOfWork, line: BudgetLine, spending: Spending, by: str | None) -> Expenditure:
    """Add the expenditure and its event to the open unit of work (the caller commits)."""
    expenditure = Expenditure(id=uuid.uuid4(), line_id=line.id, recorded_by=by, **vars(spending))
    uow.session.add(expenditure)
    line.status = after_disbursement(line.status)
    changed(line)
    _loaded(uow, line)
    uow.publish(events.LineDisbursed(
        line_id=line.id, expenditure_id=expenditure.id, fiscal_year=line.fiscal_year, agency_id=line.agency_id,
        category=line.category, amount=expenditure.amount, disbursed_total=line.disbursed, origin=expenditure.origin,
        origin_ref=expenditure.origin_ref, spent_on=expenditure.spent_on, disbursed_at=uow.now()))
    return expenditure


def settle(uow: UnitOfWork, line_id: uuid.UUID, *, amount: int, settlement_doc: str, settled_on: date, final: bool,
           by: str | None = None):
    with uow:
        line = get(uow, line_id, lock=True)
        status = moved(line.id, line.status, Move.CLOSE if final else Move.SETTLE)
        ensure_within_disbursed(line.settled + amount, line.disbursed)
        settlement = Settlement(id=uuid.uuid4(), line_id=line.id, amount=amount, settlement_doc=settlement_doc,
                                settled_on=settled_on, final=final, recorded_by=by)
        uow.session.add(settlement)
        if final:
            line.status, line.settlement_doc = status, settlement_doc
        changed(line)
        _loaded(uow, line)
        uow.publish(events.LineSettled(
            line_id=line.id, settlement_id=settlement.id, fiscal_year=line.fiscal_year, agency_id=line.agency_id,
            amount=amount, settled_total=line.settled, settlement_doc=settlement_doc, final=final,
            settled_at=uow.now()))
        uow.commit()
        return settlement


def get_line(uow: UnitOfWork, line_id: uuid.UUID, agency_id: uuid.UUID | None = None) -> BudgetLine:
    with uow:
        return get(uow, line_id, agency_id)


def list_lines(uow: UnitOfWork, filters: dict, page: int, page_size: int) -> Page:
    """A page of the lines matching `filters` (the fields of `repository.LineFilter`)."""
    with uow:
        return repository.list_lines(uow.session, repository.LineFilter(**filters), page, page_size)


def records_of(uow: UnitOfWork, line_id: uuid.UUID, agency_id: uuid.UUID | None = None) -> dict:
    with uow:
        get(uow, line_id, agency_id)
        session = uow.session
        return {"expenditures": repository.expenditures_of(session, line_id),
                "settlements": repository.settlements_of(session, line_id),
                "overrides": [o for o, _ in repository.overrides(session, line_id=line_id)]}


def get(uow: UnitOfWork, line_id: uuid.UUID, agency_id: uuid.UUID | None = None, *, lock: bool = False):
    """The line, or 404; with `agency_id` (an agency officer) another agency's line is 404 too."""
    line = repository.find_line(uow.session, line_id, lock=lock)
    if line is None:
        raise LineNotFound(line_id=line_id)
    AgencyScope(agency_id).ensure(line.agency_id, LineNotFound, line_id=line_id)
    if lock:
        # The locking statement computed the totals from its snapshot, taken before it waited for the lock.
        uow.session.refresh(line)
    return line


def changed(line: BudgetLine) -> None:
    """Raise the line's version (its ETag): every change does, its totals' included. The caller holds the lock."""
    line.version += 1


def _attach_agency(uow: UnitOfWork, line: BudgetLine) -> None:
    if line.agency_id is None:
        line.owner = Owner.PROGRAMME
        return
    agency = repository.find_agency(uow.session, line.agency_id)
    if agency is None or not agency.active:
        raise UnknownAgency(agency_id=line.agency_id)
    line.owner, line.agency_name = Owner.AGENCY, agency.name
    line.agency_level = repository.level_of(uow.session, agency.agency_type)


def _loaded(uow: UnitOfWork, line: BudgetLine) -> BudgetLine:
    """Flush, then reload the line so its disbursed and settled totals are the database's sums."""
    uow.session.flush()
    uow.session.refresh(line)
    return line


def _publish_estimated(uow: UnitOfWork, line: BudgetLine) -> None:
    uow.publish(events.LineEstimated(
        line_id=line.id, fiscal_year=line.fiscal_year, agency_id=line.agency_id, category=line.category,
        funding_source=line.funding_source, estimate=line.estimate, cap_amount=line.cap_amount,
        cap_check=line.cap_check, estimated_at=uow.now()))
