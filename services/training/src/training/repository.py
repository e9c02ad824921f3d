"""Queries of the training service. Sessions are tenant-bound, so every ORM query here sees one province."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from kit.pagination import Page, paginate
from kit.tenancy import own_rows
from training.model import ACTIVE, LIVE_CLASSES, ClassNotFound, RegistrationStatus
from training.orm import (
    AgencyReplica,
    Attendance,
    Certificate,
    CertificateCounter,
    ClassSession,
    CourseType,
    DefaultSettings,
    OfficerReplica,
    OnSiteRequest,
    Province,
    Registration,
    TenantSettings,
    TrainingClass,
)


@dataclass(frozen=True)
class ClassFilter:
    year: int | None = None
    course_type: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class RegistrationFilter:
    class_id: uuid.UUID | None = None
    agency_id: uuid.UUID | None = None
    status: str | None = None


def list_course_types(session: Session) -> list[CourseType]:
    return list(session.scalars(select(CourseType).order_by(CourseType.position)))


def find_course_type(session: Session, code: str) -> CourseType | None:
    return session.get(CourseType, code)


def default_settings(session: Session) -> DefaultSettings:
    return session.get(DefaultSettings, 1)


def find_tenant_settings(session: Session, *, lock: bool = False) -> TenantSettings | None:
    query = select(TenantSettings)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    return session.scalars(query).first()


def find_class(session: Session, class_id: uuid.UUID, *, lock: bool = False) -> TrainingClass | None:
    query = select(TrainingClass).where(TrainingClass.id == class_id)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    return session.scalars(query).first()


def get_class(session: Session, class_id: uuid.UUID, *, lock: bool = False) -> TrainingClass:
    """The class (locked for update with `lock`), or ClassNotFound."""
    found = find_class(session, class_id, lock=lock)
    if found is None:
        raise ClassNotFound(class_id)
    return found


def list_classes(session: Session, where: ClassFilter, page: int, page_size: int) -> Page:
    query = select(TrainingClass)
    for column in ("year", "course_type", "status"):
        if getattr(where, column) is not None:
            query = query.where(getattr(TrainingClass, column) == getattr(where, column))
    return paginate(session, query, (TrainingClass.year.desc(), TrainingClass.title, TrainingClass.id), page,
                    page_size)


def find_registration(session: Session, registration_id: uuid.UUID) -> Registration | None:
    return session.scalars(select(Registration).where(Registration.id == registration_id)).first()


def list_registrations(session: Session, where: RegistrationFilter, page: int, page_size: int) -> Page:
    query = select(Registration)
    for column in ("class_id", "agency_id", "status"):
        if getattr(where, column) is not None:
            query = query.where(getattr(Registration, column) == getattr(where, column))
    return paginate(session, query, (Registration.class_id, Registration.queue_no), page, page_size)


def class_registrations(session: Session, class_id: uuid.UUID, *statuses: str) -> list[Registration]:
    query = select(Registration).where(Registration.class_id == class_id)
    if statuses:
        query = query.where(Registration.status.in_(statuses))
    return list(session.scalars(query.order_by(Registration.queue_no)))


def next_queue_no(session: Session, class_id: uuid.UUID) -> int:
    query = select(func.max(Registration.queue_no)).where(Registration.class_id == class_id)
    return (session.execute(query).scalar_one() or 0) + 1


def person_bookings(session: Session, person_id: str) -> list[tuple[Registration, TrainingClass]]:
    """The person's confirmed or waitlisted registrations in classes that are not cancelled or over."""
    query = (select(Registration, TrainingClass).join(TrainingClass, TrainingClass.id == Registration.class_id)
             .where(Registration.person_id == person_id, Registration.status.in_(ACTIVE),
                    TrainingClass.status.in_(LIVE_CLASSES)))
    return [tuple(row) for row in session.execute(query)]


def lock_person(session: Session, tenant: str, person_id: str) -> None:
    """Serialize nominations of one person (the double-booking check spans classes). PostgreSQL only;
    SQLite (embedded mode) serializes every write anyway."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:tenant || '/' || :person))"),
                        {"tenant": tenant, "person": person_id})


def attendance_of(session: Session, class_id: uuid.UUID) -> list[Attendance]:
    query = (select(Attendance).join(ClassSession, ClassSession.id == Attendance.session_id)
             .where(ClassSession.class_id == class_id))
    return list(session.scalars(query))


def session_attendance(session: Session, session_id: uuid.UUID) -> list[Attendance]:
    query = select(Attendance).where(Attendance.session_id == session_id).order_by(Attendance.registration_id)
    return list(session.scalars(query))


def find_attendance(session: Session, registration_id: uuid.UUID, session_id: uuid.UUID) -> Attendance | None:
    query = select(Attendance).where(Attendance.registration_id == registration_id,
                                     Attendance.session_id == session_id)
    return session.scalars(query).first()


def locked_counter(session: Session, year: int) -> CertificateCounter | None:
    query = select(CertificateCounter).where(CertificateCounter.year == year).with_for_update()
    return session.scalars(query.execution_options(populate_existing=True)).first()


def certificates_of(session: Session, class_id: uuid.UUID) -> list[Certificate]:
    return list(session.scalars(select(Certificate).where(Certificate.class_id == class_id)
                                .order_by(Certificate.seq)))


def find_request(session: Session, request_id: uuid.UUID, *, lock: bool = False) -> OnSiteRequest | None:
    query = select(OnSiteRequest).where(OnSiteRequest.id == request_id)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    return session.scalars(query).first()


def list_requests(session: Session, agency_id: uuid.UUID | None, status: str | None, page: int,
                  page_size: int) -> Page:
    query = select(OnSiteRequest)
    if agency_id is not None:
        query = query.where(OnSiteRequest.agency_id == agency_id)
    if status is not None:
        query = query.where(OnSiteRequest.status == status)
    return paginate(session, query, (OnSiteRequest.created_at.desc(), OnSiteRequest.id), page, page_size)


def confirmed_count(session: Session, class_id: uuid.UUID) -> int:
    query = select(func.count()).where(Registration.class_id == class_id,
                                       Registration.status == RegistrationStatus.CONFIRMED)
    return session.execute(query.select_from(Registration)).scalar_one()


def active_officers(session: Session, roles: tuple[str, ...], agency_id: uuid.UUID | None) -> list:
    """Current appointments to `roles` in agencies not known to be dissolved or merged, with the agency name."""
    query = (select(OfficerReplica, AgencyReplica.name)
             .outerjoin(AgencyReplica, AgencyReplica.id == OfficerReplica.agency_id)
             .where(OfficerReplica.active.is_(True), OfficerReplica.role.in_(roles), own_rows(OfficerReplica, session),
                    (AgencyReplica.active.is_(True)) | (AgencyReplica.id.is_(None))))
    if agency_id is not None:
        query = query.where(OfficerReplica.agency_id == agency_id)
    return list(session.execute(query.order_by(OfficerReplica.agency_id, OfficerReplica.role)))


def completions(session: Session, course_types: list[str]) -> list[Registration]:
    """Registrations that completed a class of one of `course_types` (with the class's course type)."""
    query = (select(Registration, TrainingClass.course_type)
             .join(TrainingClass, TrainingClass.id == Registration.class_id)
             .where(Registration.completed.is_(True), TrainingClass.course_type.in_(course_types)))
    return list(session.execute(query))


def agency_names(session: Session) -> dict[uuid.UUID, str]:
    """{agency id: name} of the agencies the replica knows by name."""
    return {a.id: a.name for a in session.scalars(select(AgencyReplica)) if a.name}


def active_agency_ids(session: Session, agency_id: uuid.UUID | None) -> list[uuid.UUID]:
    query = select(AgencyReplica.id).where(AgencyReplica.active.is_(True), own_rows(AgencyReplica, session))
    if agency_id is not None:
        query = query.where(AgencyReplica.id == agency_id)
    return list(session.scalars(query))


def agency_successors(session: Session) -> dict[uuid.UUID, uuid.UUID]:
    """{agency id: the agency it merged into} of every merged agency the session reads (its lineage's too)."""
    query = select(AgencyReplica.id, AgencyReplica.successor_agency_id).where(
        AgencyReplica.successor_agency_id.is_not(None))
    return {agency: successor for agency, successor in session.execute(query)}


def live_registrations(session: Session, agency_id: uuid.UUID | None = None) -> list[Registration]:
    """Confirmed or waitlisted registrations in classes not over yet (of one agency, if given), locked."""
    query = (select(Registration).join(TrainingClass, TrainingClass.id == Registration.class_id)
             .where(Registration.status.in_(ACTIVE), TrainingClass.status.in_(LIVE_CLASSES)))
    if agency_id is not None:
        query = query.where(Registration.agency_id == agency_id)
    query = query.order_by(Registration.class_id, Registration.queue_no).with_for_update(of=Registration)
    return list(session.scalars(query))


def live_on_site_classes(session: Session, agency_id: uuid.UUID) -> list[TrainingClass]:
    """Classes not over yet held at `agency_id`'s office."""
    query = select(TrainingClass).where(TrainingClass.on_site_agency_id == agency_id,
                                        TrainingClass.status.in_(LIVE_CLASSES))
    return list(session.scalars(query))


def agencies_at_merger(session: Session) -> list[uuid.UUID]:
    """The province's agencies still there on its last day before a succession: the active ones and those that went
    on in another (merged), not the dissolved ones."""
    went_on = AgencyReplica.active.is_(True) | AgencyReplica.successor_agency_id.is_not(None)
    return list(session.scalars(select(AgencyReplica.id).where(own_rows(AgencyReplica, session), went_on)))


def appointments(session: Session, role: str) -> list[OfficerReplica]:
    """Every appointment of the province's agencies to `role`, ended ones included."""
    return list(session.scalars(select(OfficerReplica).where(OfficerReplica.role == role,
                                                             own_rows(OfficerReplica, session))))


def province_name(session: Session, tenant: str) -> str | None:
    found = session.get(Province, tenant)
    return found.name if found else None
