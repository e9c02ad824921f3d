"""Training rules that hold whatever the storage: statuses, the class lifecycle, who acts for which agency,
the province's settings, overlap, completion, numbering. Errors carry codes; messages.py words them."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from kit.access import AgencyScope
from kit.errors import Conflict, Forbidden, NotFound, RuleViolated
from kit.lifecycle import Lifecycle, MoveRefused

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


class ClassStatus(StrEnum):
    DU_KIEN = "DU_KIEN"
    MO_DANG_KY = "MO_DANG_KY"
    CHOT_DANH_SACH = "CHOT_DANH_SACH"
    DANG_DIEN_RA = "DANG_DIEN_RA"
    DA_KET_THUC = "DA_KET_THUC"
    DA_QUYET_TOAN = "DA_QUYET_TOAN"
    HUY = "HUY"


class RegistrationStatus(StrEnum):
    CONFIRMED = "CONFIRMED"
    WAITLISTED = "WAITLISTED"
    CANCELLED = "CANCELLED"


class RequestStatus(StrEnum):
    SUBMITTED = "SUBMITTED"
    APPROVED = "APPROVED"
    DECLINED = "DECLINED"


S = ClassStatus
TRANSITIONS = {
    S.DU_KIEN: {S.MO_DANG_KY, S.HUY},
    S.MO_DANG_KY: {S.CHOT_DANH_SACH, S.HUY},
    S.CHOT_DANH_SACH: {S.DANG_DIEN_RA, S.MO_DANG_KY, S.HUY},
    S.DANG_DIEN_RA: {S.DA_KET_THUC},
    S.DA_KET_THUC: {S.DA_QUYET_TOAN},
    S.DA_QUYET_TOAN: set(),
    S.HUY: set(),
}
ACTIVE = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
BEFORE_START = (S.DU_KIEN, S.MO_DANG_KY, S.CHOT_DANH_SACH)
LIVE_CLASSES = (*BEFORE_START, S.DANG_DIEN_RA)
ATTENDANCE_OPEN = (S.DANG_DIEN_RA, S.DA_KET_THUC)
CERTIFIABLE = (S.DA_KET_THUC, S.DA_QUYET_TOAN)


class ClassNotFound(NotFound):
    code = "class_not_found"

    def __init__(self, class_id: object):
        super().__init__(class_id=class_id)


class RegistrationNotFound(NotFound):
    code = "registration_not_found"

    def __init__(self, registration_id: object):
        super().__init__(registration_id=registration_id)


class RequestNotFound(NotFound):
    code = "request_not_found"

    def __init__(self, request_id: object):
        super().__init__(request_id=request_id)


class NoCertificates(Conflict):
    code = "no_certificates"

    def __init__(self, class_id: object):
        super().__init__(class_id=class_id)


class SessionNotFound(NotFound):
    code = "session_not_found"

    def __init__(self, session_id: object):
        super().__init__(session_id=session_id)


class UnknownCourseType(RuleViolated):
    code = "unknown_course_type"

    def __init__(self, course_type: str):
        super().__init__(course_type=course_type)


class TransitionRefused(MoveRefused):
    """A class cannot move from its status to the one asked for."""

    code = "transition_refused"


class NotOpenForRegistration(Conflict):
    code = "not_open_for_registration"

    def __init__(self, status: str):
        super().__init__(status=status)


class AlreadyRegistered(Conflict):
    code = "already_registered"


class DoubleBooked(RuleViolated):
    code = "double_booked"

    def __init__(self, class_title: str):
        super().__init__(class_title=class_title)


class CancellationClosed(RuleViolated):
    code = "cancellation_closed"

    def __init__(self, status: str):
        super().__init__(status=status)


CLASS = Lifecycle.by_target("training_class", TRANSITIONS, error=TransitionRefused)


@dataclass(frozen=True)
class Actor:
    """Who acts, as far as the use cases care: `agency_id` is set for an agency officer (their only agency)."""

    subject: str
    agency_id: uuid.UUID | None = None

    @classmethod
    def of(cls, principal) -> Actor:
        """The caller (a kit.auth.Principal): province staff act for the province, anyone else for the agency of
        their `agency_id` claim (NO_AGENCY, which owns nothing, without one)."""
        return cls(subject=principal.subject, agency_id=AgencyScope.of(principal.roles, principal.agency_id).agency_id)

    @property
    def is_province(self) -> bool:
        return self.agency_id is None

    @property
    def scope(self) -> AgencyScope:
        return AgencyScope(self.agency_id)


@dataclass(frozen=True)
class EffectiveSettings:
    """The province's settings: its own override, else the platform's defaults."""

    completion_percent: int
    season_start_month: int
    season_end_month: int
    certificate_format: str
    overridden: bool
    version: int = 0  # the province's own settings' version; 0 while it has none (the platform's defaults)


SETTING_FIELDS = ("completion_percent", "season_start_month", "season_end_month", "certificate_format")


def ensure_reason(wanted: str, reason: str | None) -> None:
    if wanted == S.HUY and not (reason or "").strip():
        raise RuleViolated("cancel_reason_needed")


def ensure_editable(status: str) -> None:
    """A class changes only before it starts."""
    if status not in BEFORE_START:
        raise Conflict("class_frozen", status=status)


def ensure_capacity(capacity: int, confirmed: int) -> None:
    if capacity < confirmed:
        raise RuleViolated("capacity_below_confirmed", confirmed=confirmed)


def ensure_cost_actual(cost_actual: int | None) -> None:
    """A class is settled with its actual cost."""
    if cost_actual is None:
        raise RuleViolated("cost_actual_needed")


def ensure_sessions(sessions: Iterable[tuple[datetime, datetime]]) -> None:
    spans = sorted(sessions)
    if not spans:
        raise RuleViolated("sessions_needed")
    for start, end in spans:
        if end <= start:
            raise RuleViolated("session_ends_before_start")
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        if start < end:
            raise RuleViolated("sessions_overlap")


def overlaps(mine: Iterable[tuple[datetime, datetime]], theirs: Iterable[tuple[datetime, datetime]]) -> bool:
    theirs = list(theirs)
    return any(a_start < b_end and b_start < a_end for a_start, a_end in mine for b_start, b_end in theirs)


def nominating_agency(actor: Actor, named: uuid.UUID | None) -> uuid.UUID:
    """The agency a nomination is for: an agency officer's own, else the one province staff name."""
    return _acting_agency(actor, named, refused="nominate_own_agency_only", missing="nominating_agency_needed")


def requesting_agency(actor: Actor, named: uuid.UUID | None) -> uuid.UUID:
    """The agency an on-site request is for: an agency officer's own, else the one province staff name."""
    return _acting_agency(actor, named, refused="request_own_agency_only", missing="requesting_agency_needed")


def _acting_agency(actor: Actor, named: uuid.UUID | None, *, refused: str, missing: str) -> uuid.UUID:
    if actor.agency_id is not None:
        if named not in (None, actor.agency_id):
            raise Forbidden(refused)
        return actor.agency_id
    if named is None:
        raise RuleViolated(missing)
    return named


def ensure_open_for_registration(status: str) -> None:
    if status != S.MO_DANG_KY:
        raise NotOpenForRegistration(status)


def ensure_on_site_agency(on_site_agency_id, agency_id) -> None:
    """A class held at an agency's office (an approved on-site request) is for that agency's people."""
    if on_site_agency_id is not None and agency_id != on_site_agency_id:
        raise RuleViolated("on_site_class_for_its_agency")


def ensure_cancellable(class_status: str, by_province: bool) -> None:
    """Agencies withdraw until the list is closed; the province until the class starts."""
    allowed = BEFORE_START if by_province else (S.DU_KIEN, S.MO_DANG_KY)
    if class_status not in allowed:
        raise CancellationClosed(class_status)


def ensure_attendance_open(status: str) -> None:
    """Attendance is recorded while a class runs or, as a correction, once it has ended."""
    if status not in ATTENDANCE_OPEN:
        raise Conflict("attendance_closed", status=status)


def ensure_participants(present: Iterable[uuid.UUID], absent: Iterable[uuid.UUID], confirmed: set[uuid.UUID]) -> None:
    present, absent = set(present), set(absent)
    if present & absent:
        raise RuleViolated("present_and_absent")
    strangers = (present | absent) - confirmed
    if strangers:
        raise RuleViolated("not_participants", participants=sorted(map(str, strangers)))


def completed(present_sessions: int, total_sessions: int, completion_percent: int) -> bool:
    """Integer arithmetic: 4 of 5 sessions is exactly 80%."""
    return total_sessions > 0 and present_sessions * 100 >= completion_percent * total_sessions


def in_season(months: Iterable[int], start_month: int, end_month: int) -> bool:
    if start_month <= end_month:
        return all(start_month <= m <= end_month for m in months)
    return all(m >= start_month or m <= end_month for m in months)


def ensure_certifiable(status: str) -> None:
    if status not in CERTIFIABLE:
        raise Conflict("certificates_after_the_class")


def certificate_number(template: str, *, seq: int, year: int) -> str:
    return template.format(seq=seq, year=year)


def ensure_pending(status: str) -> None:
    """An on-site request is decided once."""
    if status != RequestStatus.SUBMITTED:
        raise Conflict("request_decided", status=status)
