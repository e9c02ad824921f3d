"""The quality-system (HTQLCL) lifecycle of DOMAIN.md 6.5 as explicit commands, with bilingual errors.

Pure Python: the use cases in `quality.py` load the records, call these rules, and store the outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kit.errors import Conflict, RuleViolated

NOT_BUILT, BUILDING, APPLYING = "CHUA_XAY_DUNG", "DANG_XAY_DUNG", "DANG_AP_DUNG"
ANNOUNCED, NEEDS_REANNOUNCEMENT = "DA_CONG_BO", "CAN_CONG_BO_LAI"
TRANSITIONING, STOPPED = "DANG_CHUYEN_DOI", "NGUNG_AP_DUNG"

IN_USE = frozenset({APPLYING, ANNOUNCED, NEEDS_REANNOUNCEMENT, TRANSITIONING})
WITH_ANNOUNCEMENT = frozenset({ANNOUNCED, NEEDS_REANNOUNCEMENT, TRANSITIONING})
STANDARD_2015 = "TCVN_ISO_9001_2015"
SCOPE_REASONS = frozenset({"DIEU_CHINH_PHAM_VI", "MO_RONG_PHAM_VI", "THU_HEP_PHAM_VI", "SAP_XEP_TO_CHUC", "KHAC"})
ANNOUNCE_REASONS = SCOPE_REASONS | {"CHUYEN_DOI_PHIEN_BAN"}

LABELS = {
    NOT_BUILT: ("chưa xây dựng", "not built"),
    BUILDING: ("đang xây dựng", "being built"),
    APPLYING: ("đang áp dụng", "applied"),
    ANNOUNCED: ("đã công bố", "announced"),
    NEEDS_REANNOUNCEMENT: ("cần công bố lại", "awaiting re-announcement"),
    TRANSITIONING: ("đang chuyển đổi phiên bản", "transitioning to a new version"),
    STOPPED: ("ngừng áp dụng", "stopped"),
}


@dataclass(frozen=True)
class Command:
    name_vi: str
    name_en: str
    allowed_from: frozenset[str]
    target: str


COMMANDS = {
    "start_building": Command("bắt đầu xây dựng", "start building", frozenset({NOT_BUILT}), BUILDING),
    "apply": Command("đưa vào áp dụng", "put into use", frozenset({BUILDING}), APPLYING),
    "announce": Command("công bố", "announce", frozenset({APPLYING, NEEDS_REANNOUNCEMENT, TRANSITIONING}),
                        ANNOUNCED),
    "change_scope": Command("thay đổi phạm vi", "change the scope of", frozenset({ANNOUNCED}),
                            NEEDS_REANNOUNCEMENT),
    "start_transition": Command("chuyển đổi phiên bản", "start the version transition of",
                                frozenset({ANNOUNCED, NEEDS_REANNOUNCEMENT}), TRANSITIONING),
    "stop": Command("ngừng áp dụng", "stop", frozenset(LABELS) - {STOPPED}, STOPPED),
}


class InvalidTransition(Conflict):
    """The command is not possible from the current status (409)."""

    def __init__(self, command: str, status: str):
        spec = COMMANDS[command]
        status_vi, status_en = LABELS[status]
        super().__init__(f"Không thể {spec.name_vi} khi HTQLCL {status_vi} / "
                         f"cannot {spec.name_en} a quality system that is {status_en}")


def rule(vi: str, en: str) -> RuleViolated:
    return RuleViolated(f"{vi} / {en}")


def transition(command: str, status: str) -> str:
    """The status after `command`, or InvalidTransition."""
    spec = COMMANDS[command]
    if status not in spec.allowed_from:
        raise InvalidTransition(command, status)
    return spec.target


def check_new_build(standard: str, new_builds_until: date | None, on: date) -> None:
    """R04: since 2018 a new QMS must be built on TCVN ISO 9001:2015 (CV 419/BKHCN-TĐC)."""
    if new_builds_until is not None and on > new_builds_until:
        raise rule(f"Không được xây dựng mới theo {standard} sau {new_builds_until:%d/%m/%Y}",
                   f"no new build on {standard} after {new_builds_until:%d/%m/%Y}")


def announcement_kind(status: str) -> str:
    return "LAN_DAU" if status == APPLYING else "CONG_BO_LAI"


def check_announcement(status: str, reason: str | None, standard: str, audits: set[str]) -> None:
    """Announcing needs an internal audit and a management review on record; a re-announcement a reason;
    closing a transition the 2015 version."""
    missing = {"DANH_GIA_NOI_BO", "XEM_XET_LANH_DAO"} - audits
    if missing:
        raise rule("Chưa có hồ sơ đánh giá nội bộ và xem xét của lãnh đạo trước ngày quyết định công bố",
                   f"an internal audit and a management review must be on record before announcing "
                   f"(missing: {', '.join(sorted(missing))})")
    if status != APPLYING and reason not in ANNOUNCE_REASONS:
        raise rule("Công bố lại phải nêu lý do", "a re-announcement needs a reason")
    if status == TRANSITIONING and standard != STANDARD_2015:
        raise rule("Kết thúc chuyển đổi phải công bố theo TCVN ISO 9001:2015",
                   "closing a transition needs an announcement on TCVN ISO 9001:2015")


def check_scope_reason(reason: str) -> None:
    if reason not in SCOPE_REASONS:
        raise rule("Lý do thay đổi phạm vi không hợp lệ", f"unknown scope change reason {reason!r}")


def check_transition_from(standard: str) -> None:
    if standard == STANDARD_2015:
        raise rule("HTQLCL đã áp dụng TCVN ISO 9001:2015", "the quality system is already on TCVN ISO 9001:2015")


def check_chronology(status: str, since: date, on: date) -> None:
    """A step cannot be dated before the step it follows (putting a system on record may be backdated)."""
    if status != NOT_BUILT and on < since:
        raise rule(f"Ngày {on:%d/%m/%Y} trước ngày của bước trước ({since:%d/%m/%Y})",
                   f"the date {on:%d/%m/%Y} is before the previous step ({since:%d/%m/%Y})")


def check_agency_active(agency) -> None:
    if agency.status != "HOAT_DONG":
        raise Conflict(f"Cơ quan đã {agency.status}, không thể thay đổi HTQLCL / "
                       f"the agency is {agency.status}; its quality system can no longer change")
