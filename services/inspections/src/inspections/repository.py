"""Queries of the inspections service. The session is tenant-bound, so every query here sees one province."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, func, or_, select, text
from sqlalchemy.orm import Session

from contracts.registry import AgencyStatus, AgencyType
from inspections import model, orm
from inspections.model import RecommendationStatus
from kit import db
from kit.pagination import Page, paginate

KINDS = {orm.Plan: "plan", orm.Team: "team", orm.Inspection: "inspection", orm.Recommendation: "recommendation",
         orm.Agency: "agency", orm.Attachment: "attachment"}


@dataclass(frozen=True)
class InspectionFilter:
    plan_id: uuid.UUID | None = None
    agency_id: uuid.UUID | None = None
    status: str | None = None
    form: str | None = None
    year: int | None = None
    q: str | None = None
    order: str = "oldest"  # one of services.inspections.ORDERS
    only_agency_id: uuid.UUID | None = None


@dataclass(frozen=True)
class RecommendationFilter:
    inspection_id: uuid.UUID | None = None
    status: str | None = None
    overdue_on: date | None = None
    only_agency_id: uuid.UUID | None = None


def locked(query: Select, lock: bool = True) -> Select:
    """`query` taking the row locks of what it finds (FOR UPDATE), re-read from the database: what a change checks
    stays as it read it until the change commits, and a second change waits for it and sees its result."""
    return query.with_for_update().execution_options(populate_existing=True) if lock else query


def find(session: Session, cls: type, object_id, *, lock: bool = False) -> object | None:
    return session.scalars(locked(select(cls).where(cls.id == object_id), lock)).first()


def get(session: Session, cls: type, object_id, *, lock: bool = False) -> object:
    """The row (locked for a change with `lock`), or NotFound (404) naming its kind: another province's rows are
    not found either."""
    found = find(session, cls, object_id, lock=lock)
    if found is None:
        raise model.not_found(KINDS[cls], object_id)
    return found


def list_plans(session: Session, year: int | None, status: str | None, page: int, page_size: int) -> Page:
    query = select(orm.Plan)
    if year is not None:
        query = query.where(orm.Plan.year == year)
    if status is not None:
        query = query.where(orm.Plan.status == status)
    return paginate(session, query, (orm.Plan.year.desc(), orm.Plan.created_at), page, page_size)


def list_inspections(session: Session, where: InspectionFilter, page: int, page_size: int) -> Page:
    query = select(orm.Inspection)
    for column in ("plan_id", "agency_id", "status", "form"):
        if getattr(where, column) is not None:
            query = query.where(getattr(orm.Inspection, column) == getattr(where, column))
    if where.only_agency_id is not None:
        query = query.where(orm.Inspection.agency_id == where.only_agency_id)
    if where.year is not None:
        query = query.where(_of_year(where.year))
    if where.q:
        query = query.where(orm.Inspection.agency.has(db.contains_folded(session, orm.Agency.name, where.q)))
    newest = (_visit_date().desc().nulls_first(), orm.Inspection.created_at.desc(), orm.Inspection.id)
    if where.order == "newest":  # the ones not yet dated first: they are the next to arrange
        order = newest
    elif where.order == "agency":  # by name as a Vietnamese reader looks for it ("Đ" with "D"), newest first
        query = query.outerjoin(orm.Inspection.agency)
        order = (db.folded(session, orm.Agency.name).asc().nulls_last(), *newest)
    else:
        order = (orm.Inspection.scheduled_date, orm.Inspection.created_at, orm.Inspection.id)
    return paginate(session, query, order, page, page_size)


def _visit_date():
    return func.coalesce(orm.Inspection.conducted_date, orm.Inspection.scheduled_date)


def _of_year(year: int):
    """An inspection's year is that of its visit (conducted, else scheduled); one not yet dated belongs to its
    plan's year."""
    dated = _visit_date()
    plans = select(orm.Plan.id).where(orm.Plan.year == year)
    return or_(and_(dated >= date(year, 1, 1), dated < date(year + 1, 1, 1)),
               and_(dated.is_(None), orm.Inspection.plan_id.in_(plans)))


def list_recommendations(session: Session, where: RecommendationFilter, page: int, page_size: int) -> Page:
    query = select(orm.Recommendation)
    if where.inspection_id is not None:
        query = query.where(orm.Recommendation.inspection_id == where.inspection_id)
    if where.status is not None:
        query = query.where(orm.Recommendation.status == where.status)
    if where.overdue_on is not None:
        query = query.where(orm.Recommendation.deadline < where.overdue_on,
                            orm.Recommendation.status != RecommendationStatus.DONG)
    if where.only_agency_id is not None:
        query = query.where(orm.Recommendation.agency_id == where.only_agency_id)
    return paginate(session, query, (orm.Recommendation.deadline, orm.Recommendation.created_at), page, page_size)


def team_subjects(session: Session, plan_id, team_id) -> set[str]:
    """User subjects of the members of the plan's teams (or of one team, for an ad hoc inspection)."""
    query = select(orm.TeamMember.user_subject).join(orm.Team, orm.Team.id == orm.TeamMember.team_id)
    if plan_id is not None:
        query = query.where(orm.Team.plan_id == plan_id)
    elif team_id is not None:
        query = query.where(orm.Team.id == team_id)
    else:
        return set()
    return {subject for subject in session.scalars(query) if subject}


def teams_of(session: Session, plan_id) -> list[orm.Team]:
    return list(session.scalars(select(orm.Team).where(orm.Team.plan_id == plan_id).order_by(orm.Team.created_at)))


# The version of a criterion or setting the province has not set yet (the library's row, as is); its first change
# makes the province's own row at the next one.
UNSET_VERSION = 1


@dataclass(frozen=True)
class CriterionView:
    """A library criterion as one province uses it: its own weight and choice to use it, when it set them."""

    code: str
    ordinal: int
    title: str
    weight: int
    legal_basis: str
    verification_status: str
    active: bool
    province_setting: bool
    version: int


@dataclass(frozen=True)
class SettingView:
    key: str
    value: int | None
    default: int | None
    legal_basis: str
    verification_status: str
    province_setting: bool
    version: int


def criteria(session: Session, *, active_only: bool = True) -> list[CriterionView]:
    own = {row.code: row for row in session.scalars(select(orm.CriterionSetting))}
    views = [_criterion(row, own.get(row.code)) for row in session.scalars(
        select(orm.Criterion).order_by(orm.Criterion.ordinal))]
    return [view for view in views if view.active or not active_only]


def _criterion(row: orm.Criterion, own: orm.CriterionSetting | None) -> CriterionView:
    weight = own.weight if own and own.weight is not None else row.weight
    active = own.active if own and own.active is not None else row.active
    return CriterionView(row.code, row.ordinal, row.title, weight, row.legal_basis, row.verification_status,
                         active, own is not None, own.version if own else UNSET_VERSION)


def criterion_setting(session: Session, code: str, *, lock: bool = False) -> orm.CriterionSetting | None:
    query = select(orm.CriterionSetting).where(orm.CriterionSetting.code == code)
    return session.scalars(locked(query, lock)).first()


def settings(session: Session) -> list[SettingView]:
    own = {row.key: row for row in session.scalars(select(orm.ProvinceSetting))}
    return [SettingView(row.key, own[row.key].value if row.key in own else row.value, row.value, row.legal_basis,
                        row.verification_status, row.key in own,
                        own[row.key].version if row.key in own else UNSET_VERSION)
            for row in session.scalars(select(orm.ReferenceValue).order_by(orm.ReferenceValue.key))]


def setting_value(session: Session, key: str) -> int | None:
    """The province's value for `key`, else the reference default (None when neither exists)."""
    return next((view.value for view in settings(session) if view.key == key), None)


def province_setting(session: Session, key: str, *, lock: bool = False) -> orm.ProvinceSetting | None:
    query = select(orm.ProvinceSetting).where(orm.ProvinceSetting.key == key)
    return session.scalars(locked(query, lock)).first()


def agencies(session: Session) -> list[orm.Agency]:
    return list(session.scalars(select(orm.Agency)))


def agencies_of_types(session: Session, types, status: str) -> list[orm.Agency]:
    query = select(orm.Agency).where(orm.Agency.agency_type.in_(types), orm.Agency.status == status)
    return list(session.scalars(query))


def open_inspections_of(session: Session, agency_id, statuses, *, lock: bool = False) -> list[orm.Inspection]:
    """In id order: locked with `lock`, in the same order by every change that locks several."""
    query = select(orm.Inspection).where(orm.Inspection.agency_id == agency_id, orm.Inspection.status.in_(statuses))
    return list(session.scalars(locked(query.order_by(orm.Inspection.id), lock)))


def open_recommendations_of(session: Session, agency_id, *, lock: bool = False) -> list[orm.Recommendation]:
    query = select(orm.Recommendation).where(orm.Recommendation.agency_id == agency_id,
                                             orm.Recommendation.status != RecommendationStatus.DONG)
    return list(session.scalars(locked(query.order_by(orm.Recommendation.id), lock)))


def lock_inspections(session: Session, inspection_ids) -> list[orm.Inspection]:
    """Lock these inspections, in id order (two changes that lock several cannot wait for each other)."""
    query = select(orm.Inspection).where(orm.Inspection.id.in_(list(inspection_ids))).order_by(orm.Inspection.id)
    return list(session.scalars(locked(query)))


def inspections_in(session: Session, *, plan_ids: list, year: int | None, statuses) -> list[orm.Inspection]:
    """Inspections under the given plans, plus ad hoc ones of `year` (by record date) when a year is given."""
    query = select(orm.Inspection).where(orm.Inspection.status.in_(statuses))
    rows = list(session.scalars(query))
    return [row for row in rows if row.plan_id in plan_ids
            or (year is not None and row.plan_id is None and row.record_date and row.record_date.year == year)]


def plans_of_year(session: Session, year: int) -> list[orm.Plan]:
    return list(session.scalars(select(orm.Plan).where(orm.Plan.year == year)))


def plan_titled(session: Session, title: str) -> orm.Plan | None:
    return session.scalars(select(orm.Plan).where(orm.Plan.title == title)).first()


def recommendations_of(session: Session, inspection_id) -> list[orm.Recommendation]:
    query = select(orm.Recommendation).where(orm.Recommendation.inspection_id == inspection_id)
    return list(session.scalars(query))


# The numbering register (ADR 29).

def issued(session: Session, kind: str, record: str) -> orm.IssuedDocument | None:
    query = select(orm.IssuedDocument).where(orm.IssuedDocument.kind == kind, orm.IssuedDocument.record == record)
    return session.scalars(query).first()


def issued_for(session: Session, records: list[str]) -> list[orm.IssuedDocument]:
    query = select(orm.IssuedDocument).where(orm.IssuedDocument.record.in_(records))
    return list(session.scalars(query.order_by(orm.IssuedDocument.issued_on, orm.IssuedDocument.number)))


def take_register(session: Session, body: str, year: int) -> None:
    """Until the transaction ends, the province's issues in `body`'s sequence of `year` wait for this one: the
    next free number is read and taken by one issue at a time (PostgreSQL; SQLite writes one at a time anyway)."""
    if session.get_bind().dialect.name == "postgresql":
        key = f"document_register:{session.info['tenant']}:{body}:{year}"
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": key})


def number_holder(session: Session, body: str, year: int, number: int) -> orm.IssuedDocument | None:
    table = orm.IssuedDocument
    query = select(table).where(table.body == body, table.year == year, table.number == number)
    return session.scalars(query).first()


def next_free_number(session: Session, body: str, year: int) -> int:
    """One more than the highest number of `body`'s sequence of `year` (1 for the first)."""
    table = orm.IssuedDocument
    highest = session.scalar(select(func.max(table.number)).where(table.body == body, table.year == year))
    return (highest or 0) + 1


def inspections_done(session: Session, year: int) -> list[orm.Inspection]:
    """Inspections whose record was drawn up in `year`, under a plan or ad hoc."""
    query = select(orm.Inspection).where(orm.Inspection.status.in_(model.INSPECTED),
                                         orm.Inspection.record_date.between(date(year, 1, 1), date(year, 12, 31)))
    return list(session.scalars(query.order_by(orm.Inspection.record_date)))


def recommendations_of_inspections(session: Session, inspection_ids: list) -> list[orm.Recommendation]:
    query = select(orm.Recommendation).where(orm.Recommendation.inspection_id.in_(inspection_ids))
    return list(session.scalars(query))


def province_ubnd(session: Session) -> str | None:
    """The name the registry gives the province's UBND (an agency of type UBND_TINH still active), if registered."""
    query = select(orm.Agency.name).where(orm.Agency.agency_type == AgencyType.UBND_TINH,
                                          orm.Agency.status == AgencyStatus.HOAT_DONG)
    return session.scalars(query.order_by(orm.Agency.name)).first()


def criterion_titles(session: Session) -> dict[str, str]:
    return {row.code: row.title for row in session.scalars(select(orm.Criterion))}


def attachments_of(session: Session, recommendation_id) -> list[orm.Attachment]:
    """The recommendation's attachments not deleted, oldest first."""
    return list(session.scalars(select(orm.Attachment).where(
        orm.Attachment.recommendation_id == recommendation_id, orm.Attachment.deleted_at.is_(None))
        .order_by(orm.Attachment.uploaded_at, orm.Attachment.id)))


def attachments_to_purge(session: Session, deleted_before) -> list[orm.Attachment]:
    """The province's attachments deleted before `deleted_before` whose file is still stored, locked (skipping
    those another purge holds)."""
    return list(session.scalars(select(orm.Attachment).where(
        orm.Attachment.deleted_at <= deleted_before, orm.Attachment.purged_at.is_(None))
        .with_for_update(skip_locked=True)))


def provinces_with_deleted_attachments(session: Session) -> list[str]:
    return list(session.scalars(select(orm.Attachment.tenant_id).where(
        orm.Attachment.deleted_at.is_not(None), orm.Attachment.purged_at.is_(None)).distinct()))
