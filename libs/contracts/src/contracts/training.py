"""Events published by services/training (topics `training.class`, `training.registration`,
`training.attendance`, `training.certificate`). Course types are reference data of the service, so they
travel as plain strings (`DAI_DIEN_LANH_DAO_THU_KY_ISO`, ...)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from contracts.catalogue import event


class QmsRole(StrEnum):
    """The nominee's role in the agency's QMS."""

    THU_KY_ISO = "THU_KY_ISO"
    DAI_DIEN_LANH_DAO = "DAI_DIEN_LANH_DAO"
    LANH_DAO = "LANH_DAO"
    CHUYEN_GIA_DANH_GIA_NOI_BO = "CHUYEN_GIA_DANH_GIA_NOI_BO"
    CAN_BO = "CAN_BO"


@event("training.class.scheduled", version=1, key="class_id")
@dataclass(frozen=True, kw_only=True)
class ClassScheduled:
    """A training class was planned (status DU_KIEN). Key: class_id."""

    class_id: UUID
    year: int
    title: str
    course_type: str
    capacity: int
    first_day: date
    last_day: date
    session_count: int
    cost_estimate: int
    on_site_agency_id: UUID | None = None
    scheduled_at: datetime


@event("training.class.opened", version=1, key="class_id")
@dataclass(frozen=True, kw_only=True)
class ClassOpened:
    """A class opened for registration (MO_DANG_KY). Key: class_id."""

    class_id: UUID
    opened_at: datetime


@event("training.class.cancelled", version=1, key="class_id")
@dataclass(frozen=True, kw_only=True)
class ClassCancelled:
    """A class was cancelled (HUY) with a reason; its registrations lapse. Key: class_id."""

    class_id: UUID
    reason: str
    cancelled_at: datetime


@event("training.class.finished", version=1, key="class_id")
@dataclass(frozen=True, kw_only=True)
class ClassFinished:
    """A class ended (DA_KET_THUC); completion was decided for every participant. Key: class_id."""

    class_id: UUID
    course_type: str
    participants: int
    completed: int
    finished_at: datetime


@event("training.class.settled", version=1, key="class_id")
@dataclass(frozen=True, kw_only=True)
class ClassSettled:
    """A finished class was settled (DA_QUYET_TOAN) with its actual cost in VND. Key: class_id."""

    class_id: UUID
    year: int
    course_type: str
    cost_estimate: int
    cost_actual: int
    settled_at: datetime


@event("training.registration.confirmed", version=1, key="registration_id")
@dataclass(frozen=True, kw_only=True)
class RegistrationConfirmed:
    """A nominee got a place in a class. Key: registration_id."""

    registration_id: UUID
    class_id: UUID
    agency_id: UUID
    full_name: str
    qms_role: str
    officer_id: UUID | None = None
    confirmed_at: datetime


@event("training.registration.waitlisted", version=1, key="registration_id")
@dataclass(frozen=True, kw_only=True)
class RegistrationWaitlisted:
    """The class was full: the nominee waits, `position` counting from 1 at the time. Key: registration_id."""

    registration_id: UUID
    class_id: UUID
    agency_id: UUID
    position: int
    waitlisted_at: datetime


@event("training.registration.promoted", version=1, key="registration_id")
@dataclass(frozen=True, kw_only=True)
class RegistrationPromoted:
    """A place freed and the first nominee on the waitlist took it. Key: registration_id."""

    registration_id: UUID
    class_id: UUID
    agency_id: UUID
    promoted_at: datetime


@event("training.registration.cancelled", version=1, key="registration_id")
@dataclass(frozen=True, kw_only=True)
class RegistrationCancelled:
    """A registration (confirmed or waitlisted) was withdrawn. Key: registration_id."""

    registration_id: UUID
    class_id: UUID
    agency_id: UUID
    reason: str | None = None
    cancelled_at: datetime


@event("training.attendance.recorded", version=1, key="session_id")
@dataclass(frozen=True, kw_only=True)
class AttendanceRecorded:
    """Attendance of one session was recorded (or corrected): registration ids present and absent.

    Key: session_id.
    """

    session_id: UUID
    class_id: UUID
    present: list[UUID]
    absent: list[UUID]
    recorded_at: datetime


@event("training.certificate.issued", version=1, key="certificate_id")
@dataclass(frozen=True, kw_only=True)
class CertificateIssued:
    """A certificate was issued once to a participant who completed a class; `number` is unique in the
    province and year. Key: certificate_id."""

    certificate_id: UUID
    number: str
    year: int
    registration_id: UUID
    class_id: UUID
    agency_id: UUID
    full_name: str
    course_type: str
    officer_id: UUID | None = None
    issued_at: datetime
    # Added (optional): the ISO roles the course qualifies for, so readers need not copy training's reference data.
    qualifies_roles: list[str] | None = None
