"""A periodic report: its types, its approval chain (DOMAIN.md 6.5 Report.status), its due date and timeliness."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from kit.lifecycle import Lifecycle, MoveRefused


class ReportStatus(StrEnum):
    DRAFTING = "DANG_LAP"
    AWAITING_APPROVAL = "CHO_DUYET"
    APPROVED = "DA_DUYET"
    SUBMITTED = "DA_GUI"
    ACCEPTED = "DA_TIEP_NHAN"
    RETURNED = "YEU_CAU_BO_SUNG"


VISIBLE_NATIONALLY = frozenset({ReportStatus.SUBMITTED, ReportStatus.ACCEPTED, ReportStatus.RETURNED})
EDITABLE = frozenset({ReportStatus.DRAFTING, ReportStatus.RETURNED})


class Conflict(MoveRefused):
    """A move the chain refuses (409). Named `Conflict`: the problem type the API has always answered with."""

    code = "report_move_refused"


REPORT = Lifecycle("report", {
    "edit": (EDITABLE, None),
    "send_for_approval": (EDITABLE, ReportStatus.AWAITING_APPROVAL),
    "approve": ({ReportStatus.AWAITING_APPROVAL}, ReportStatus.APPROVED),
    "reject": ({ReportStatus.AWAITING_APPROVAL}, ReportStatus.DRAFTING),
    "submit": ({ReportStatus.APPROVED}, ReportStatus.SUBMITTED),
    "accept": ({ReportStatus.SUBMITTED}, ReportStatus.ACCEPTED),
    "return": ({ReportStatus.SUBMITTED}, ReportStatus.RETURNED),
}, error=Conflict)

# How a refused move is told, in Vietnamese and English (messages.py): the action, and the status it met.
ACTIONS = {
    "edit": ("sửa", "edit"), "send_for_approval": ("trình duyệt", "send for approval"), "approve": ("duyệt", "approve"),
    "reject": ("trả lại", "send back"), "submit": ("gửi Bộ", "submit"), "accept": ("tiếp nhận", "accept"),
    "return": ("yêu cầu bổ sung", "return"),
}
LABELS = {
    ReportStatus.DRAFTING: ("đang lập", "being drafted"),
    ReportStatus.AWAITING_APPROVAL: ("chờ duyệt", "awaiting approval"),
    ReportStatus.APPROVED: ("đã duyệt", "approved"), ReportStatus.SUBMITTED: ("đã gửi Bộ", "submitted"),
    ReportStatus.ACCEPTED: ("đã tiếp nhận", "accepted"),
    ReportStatus.RETURNED: ("yêu cầu bổ sung", "returned for completion"),
}


def due_date(due_day: int | None, due_month: int | None, cutoff: date) -> date | None:
    """The regime's due day on or after the cut-off (the next year's when this year's is past); None without one."""
    if due_day is None or due_month is None:
        return None
    due = date(cutoff.year, due_month, due_day)
    return due if due >= cutoff else date(cutoff.year + 1, due_month, due_day)


def on_time(report) -> bool | None:
    """Whether a submitted report arrived by its due date (None: not submitted, or no due date)."""
    if report.submitted_at is None or report.due_date is None:
        return None
    return report.submitted_at.date() <= report.due_date


def period_label(report) -> str:
    return f"{report.period_start:%d/%m/%Y} – {report.cutoff:%d/%m/%Y}"
