"""Queries of the notifications service. Sessions are tenant-bound (the province's rows only), except for the
list of provinces, which is the service's own and names no province's data."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Select, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from kit.pagination import Page, paginate
from notifications.model.deliveries import Status
from notifications.orm import (
    Agency,
    CalendarToken,
    Delivery,
    Notice,
    NoticeRead,
    Officer,
    Province,
    ProvinceSetting,
    QualitySystem,
    SendLog,
    UpkeepRecord,
)

ISO_SECRETARY = "THU_KY_ISO"


def province_slugs(connection: Connection) -> list[str]:
    """The provinces the service heard of. A plain connection, not a tenant-bound session: the table is the
    service's own list of slugs, under no province (the scheduler then opens each province's unit of work)."""
    return list(connection.execute(select(Province.tenant).order_by(Province.tenant)).scalars())


def find_province(session: Session, tenant: str) -> Province | None:
    return session.get(Province, tenant)


def setting(session: Session, *, lock: bool = False) -> ProvinceSetting | None:
    query = select(ProvinceSetting)
    return session.scalars(query.with_for_update() if lock else query).first()


def find_agency(session: Session, agency_id: uuid.UUID) -> Agency | None:
    return session.scalars(select(Agency).where(Agency.id == agency_id)).first()


def active_agencies(session: Session, agency_id: uuid.UUID | None = None) -> list[Agency]:
    query = select(Agency).where(Agency.active.is_(True))
    if agency_id is not None:
        query = query.where(Agency.id == agency_id)
    return list(session.scalars(query.order_by(Agency.name, Agency.id)))


def statuses_by_agency(session: Session) -> dict[uuid.UUID, list[str]]:
    found: dict[uuid.UUID, list[str]] = {}
    for agency_id, status in session.execute(select(QualitySystem.agency_id, QualitySystem.status)):
        found.setdefault(agency_id, []).append(status)
    return found


def upkeep_of_year(session: Session, year: int) -> dict[uuid.UUID, tuple[set[str], bool]]:
    """{agency: (the activity types on record in `year`, whether a record says the year's upkeep complete)}."""
    found: dict[uuid.UUID, tuple[set[str], bool]] = {}
    query = select(UpkeepRecord.agency_id, UpkeepRecord.activity_type, UpkeepRecord.upkeep_completed_on).where(
        UpkeepRecord.year == year)
    for agency_id, activity_type, completed_on in session.execute(query):
        types, complete = found.setdefault(agency_id, (set(), False))
        types.add(activity_type)
        found[agency_id] = (types, complete or completed_on is not None)
    return found


def current_secretaries(session: Session) -> dict[uuid.UUID, list[Officer]]:
    query = select(Officer).where(Officer.role == ISO_SECRETARY, Officer.removed_on.is_(None))
    found: dict[uuid.UUID, list[Officer]] = {}
    for officer in session.scalars(query.order_by(Officer.appointed_on, Officer.id)):
        found.setdefault(officer.agency_id, []).append(officer)
    return found


def find_officer(session: Session, officer_id: uuid.UUID) -> Officer | None:
    return session.scalars(select(Officer).where(Officer.id == officer_id)).first()


def find_upkeep_record(session: Session, record_id: uuid.UUID) -> UpkeepRecord | None:
    return session.scalars(select(UpkeepRecord).where(UpkeepRecord.id == record_id)).first()


def notices_of_reminder(session: Session, kind: str, year: int,
                        lead_days: int) -> dict[uuid.UUID, tuple[Notice, set[str]]]:
    """The notices of one reminder by agency, each with the addresses it has a delivery for (in lower case)."""
    notices = {notice.id: notice for notice in session.scalars(select(Notice).where(
        Notice.kind == kind, Notice.year == year, Notice.lead_days == lead_days))}
    found = {notice.agency_id: (notice, set()) for notice in notices.values()}
    if notices:
        query = select(Delivery.notice_id, Delivery.recipient).where(Delivery.notice_id.in_(list(notices)))
        for notice_id, recipient in session.execute(query):
            found[notices[notice_id].agency_id][1].add(recipient.strip().lower())
    return found


def notices_of_year(session: Session, year: int) -> list[tuple[Notice, list[Delivery]]]:
    notices = list(session.scalars(select(Notice).where(Notice.year == year).order_by(Notice.due_at, Notice.id)))
    deliveries: dict[uuid.UUID, list[Delivery]] = {}
    if notices:
        query = select(Delivery).where(Delivery.notice_id.in_([notice.id for notice in notices]))
        for delivery in session.scalars(query.order_by(Delivery.recipient)):
            deliveries.setdefault(delivery.notice_id, []).append(delivery)
    return [(notice, deliveries.get(notice.id, [])) for notice in notices]


def deliveries_to_send(session: Session, now: datetime, limit: int) -> list[uuid.UUID]:
    query = select(Delivery.id).where(Delivery.status == Status.PENDING, Delivery.next_attempt_at <= now)
    return list(session.scalars(query.order_by(Delivery.next_attempt_at, Delivery.id).limit(limit)))


def stale_claims(session: Session, claimed_before: datetime) -> list[Delivery]:
    query = select(Delivery).where(Delivery.status == Status.SENDING,
                                   or_(Delivery.claimed_at.is_(None), Delivery.claimed_at < claimed_before))
    return list(session.scalars(query.with_for_update(skip_locked=True)))


def find_delivery(session: Session, delivery_id: uuid.UUID, *, lock: bool = False) -> Delivery | None:
    query = select(Delivery).where(Delivery.id == delivery_id)
    return session.scalars(query.with_for_update() if lock else query).first()


def find_notice_by_id(session: Session, notice_id: uuid.UUID) -> Notice | None:
    return session.scalars(select(Notice).where(Notice.id == notice_id)).first()


def send_log(session: Session, delivery_id: uuid.UUID) -> list[SendLog]:
    query = select(SendLog).where(SendLog.delivery_id == delivery_id).order_by(SendLog.at, SendLog.attempt)
    return list(session.scalars(query))


def tokens_of(session: Session, subject: str) -> list[CalendarToken]:
    query = select(CalendarToken).where(CalendarToken.subject == subject).order_by(CalendarToken.created_at)
    return list(session.scalars(query))


def find_token(session: Session, token_id: uuid.UUID) -> CalendarToken | None:
    return session.scalars(select(CalendarToken).where(CalendarToken.id == token_id)).first()


def token_by_hash(session: Session, hashed: str) -> CalendarToken | None:
    return session.scalars(select(CalendarToken).where(CalendarToken.token_hash == hashed)).first()


@dataclass(frozen=True)
class InboxFilter:
    """One person's notices: those of `agency_id` (None: the whole province's), only the ones they have not read
    (`unread`), of one kind and one year."""

    subject: str
    agency_id: uuid.UUID | None = None
    unread: bool = False
    kind: str | None = None
    year: int | None = None


INBOX_ORDER = (Notice.due_at.desc(), Notice.agency_name, Notice.id)


def inbox(session: Session, where: InboxFilter, page: int, page_size: int) -> Page:
    return paginate(session, _inbox_query(where), INBOX_ORDER, page, page_size)


def count_inbox(session: Session, where: InboxFilter) -> int:
    return session.execute(select(func.count()).select_from(_inbox_query(where).subquery())).scalar_one()


def inbox_ids(session: Session, where: InboxFilter) -> list[uuid.UUID]:
    return list(session.scalars(_inbox_query(where).with_only_columns(Notice.id)))


def _inbox_query(where: InboxFilter) -> Select:
    query = select(Notice)
    if where.agency_id is not None:
        query = query.where(Notice.agency_id == where.agency_id)
    if where.unread:
        query = query.where(~_read_by(where.subject))
    if where.kind is not None:
        query = query.where(Notice.kind == where.kind)
    if where.year is not None:
        query = query.where(Notice.year == where.year)
    return query


def _read_by(subject: str):
    return select(NoticeRead.notice_id).where(NoticeRead.notice_id == Notice.id,
                                              NoticeRead.subject == subject).exists()


def read_at(session: Session, subject: str, notice_ids: list[uuid.UUID]) -> dict[uuid.UUID, datetime]:
    """When `subject` read each of `notice_ids` they have read."""
    if not notice_ids:
        return {}
    query = select(NoticeRead.notice_id, NoticeRead.read_at).where(NoticeRead.subject == subject,
                                                                   NoticeRead.notice_id.in_(notice_ids))
    return {notice_id: at for notice_id, at in session.execute(query)}


def mark_read(session: Session, subject: str, notice_ids: list[uuid.UUID], at: datetime) -> int:
    """Record that `subject` read `notice_ids` at `at`; one read before keeps its time. Returns how many were
    new. One statement that skips the rows already there, so two requests at once cannot collide on the key."""
    if not notice_ids:
        return 0
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    rows = [{"tenant_id": session.info["tenant"], "notice_id": notice_id, "subject": subject, "read_at": at}
            for notice_id in notice_ids]
    table = NoticeRead.__table__
    insert = dialect.insert(table).values(rows).on_conflict_do_nothing(index_elements=["notice_id", "subject"])
    return len(session.execute(insert.returning(table.c.notice_id)).all())
