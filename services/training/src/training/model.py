"""Training rules that hold whatever the storage: statuses, transitions, overlap, completion, numbering."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from kit.errors import Conflict, NotFound, RuleViolated

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


class QmsRole(StrEnum):
    """The nominee's role in the agency's QMS."""

    THU_KY_ISO = "THU_KY_ISO"
    DAI_DIEN_LANH_DAO = "DAI_DIEN_LANH_DAO"
    LANH_DAO = "LANH_DAO"
    CHUYEN_GIA_DANH_GIA_NOI_BO = "CHUYEN_GIA_DANH_GIA_NOI_BO"
    CAN_BO = "CAN_BO"


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
LIVE_CLASSES = (S.DU_KIEN, S.MO_DANG_KY, S.CHOT_DANH_SACH, S.DANG_DIEN_RA)
ATTENDANCE_OPEN = (S.DANG_DIEN_RA, S.DA_KET_THUC)
CERTIFIABLE = (S.DA_KET_THUC, S.DA_QUYET_TOAN)


def rule(vi: str, en: str) -> str:
    """Rule errors speak Vietnamese first, then English."""
    return f"{vi} / {en}"


class ClassNotFound(NotFound):
    def __init__(self, class_id: object):
        super().__init__(f"training class {class_id} not found")


class RegistrationNotFound(NotFound):
    def __init__(self, registration_id: object):
        super().__init__(f"registration {registration_id} not found")


class RequestNotFound(NotFound):
    def __init__(self, request_id: object):
        super().__init__(f"on-site training request {request_id} not found")


class SessionNotFound(NotFound):
    def __init__(self, session_id: object):
        super().__init__(f"session {session_id} not found in this class")


class UnknownCourseType(RuleViolated):
    def __init__(self, code: str):
        super().__init__(rule(f"Loại khóa học {code!r} không có trong danh mục",
                              f"course type {code!r} is not in the catalogue"))


class TransitionRefused(Conflict):
    def __init__(self, current: str, wanted: str):
        super().__init__(rule(f"Lớp đang ở trạng thái {current}, không chuyển được sang {wanted}",
                              f"a class in {current} cannot move to {wanted}"))


class NotOpenForRegistration(Conflict):
    def __init__(self, status: str):
        super().__init__(rule(f"Lớp không mở đăng ký (trạng thái {status})",
                              f"the class is not open for registration (status {status})"))


class AlreadyRegistered(Conflict):
    def __init__(self):
        super().__init__(rule("Người này đã được đăng ký vào lớp", "this person is already registered in the class"))


class DoubleBooked(RuleViolated):
    def __init__(self, class_title: str):
        super().__init__(rule(f"Người này đã đăng ký lớp trùng lịch: {class_title}",
                              f"this person is already booked in an overlapping class: {class_title}"))


class CancellationClosed(RuleViolated):
    def __init__(self, status: str):
        super().__init__(rule(f"Không thể hủy đăng ký khi lớp ở trạng thái {status}",
                              f"a registration cannot be cancelled while the class is {status}"))


def ensure_transition(current: str, wanted: str) -> None:
    if ClassStatus(wanted) not in TRANSITIONS[ClassStatus(current)]:
        raise TransitionRefused(current, wanted)


def ensure_reason(wanted: str, reason: str | None) -> None:
    if wanted == S.HUY and not (reason or "").strip():
        raise RuleViolated(rule("Hủy lớp phải nêu lý do", "cancelling a class needs a reason"))


def ensure_sessions(sessions: Iterable[tuple[datetime, datetime]]) -> None:
    spans = sorted(sessions)
    if not spans:
        raise RuleViolated(rule("Lớp phải có ít nhất một buổi học", "a class needs at least one session"))
    for start, end in spans:
        if end <= start:
            raise RuleViolated(rule("Giờ kết thúc buổi học phải sau giờ bắt đầu", "a session must end after it starts"))
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        if start < end:
            raise RuleViolated(rule("Các buổi học của lớp bị chồng giờ", "the class's sessions overlap"))


def overlaps(mine: Iterable[tuple[datetime, datetime]], theirs: Iterable[tuple[datetime, datetime]]) -> bool:
    theirs = list(theirs)
    return any(a_start < b_end and b_start < a_end for a_start, a_end in mine for b_start, b_end in theirs)


def ensure_on_site_agency(on_site_agency_id, agency_id) -> None:
    """A class held at an agency's office (an approved on-site request) is for that agency's people."""
    if on_site_agency_id is not None and agency_id != on_site_agency_id:
        raise RuleViolated(rule("Lớp tổ chức tại đơn vị chỉ dành cho cán bộ của đơn vị đó",
                                "a class held at an agency's office is for that agency's people only"))


def ensure_cancellable(class_status: str, by_province: bool) -> None:
    """Agencies withdraw until the list is closed; the province until the class starts."""
    allowed = (S.DU_KIEN, S.MO_DANG_KY, S.CHOT_DANH_SACH) if by_province else (S.DU_KIEN, S.MO_DANG_KY)
    if class_status not in allowed:
        raise CancellationClosed(class_status)


def completed(present_sessions: int, total_sessions: int, completion_percent: int) -> bool:
    """Integer arithmetic: 4 of 5 sessions is exactly 80%."""
    return total_sessions > 0 and present_sessions * 100 >= completion_percent * total_sessions


def in_season(months: Iterable[int], start_month: int, end_month: int) -> bool:
    if start_month <= end_month:
        return all(start_month <= m <= end_month for m in months)
    return all(m >= start_month or m <= end_month for m in months)


def certificate_number(template: str, *, seq: int, year: int) -> str:
    return template.format(seq=seq, year=year)
