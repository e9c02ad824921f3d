"""The approval chain of a periodic report (DOMAIN.md 6.5 Report.status), with bilingual errors."""

from __future__ import annotations

from kit.errors import Conflict

DRAFTING, AWAITING_APPROVAL, APPROVED = "DANG_LAP", "CHO_DUYET", "DA_DUYET"
SUBMITTED, ACCEPTED, RETURNED = "DA_GUI", "DA_TIEP_NHAN", "YEU_CAU_BO_SUNG"
VISIBLE_NATIONALLY = frozenset({SUBMITTED, ACCEPTED, RETURNED})
EDITABLE = frozenset({DRAFTING, RETURNED})

LABELS = {
    DRAFTING: ("đang lập", "being drafted"), AWAITING_APPROVAL: ("chờ duyệt", "awaiting approval"),
    APPROVED: ("đã duyệt", "approved"), SUBMITTED: ("đã gửi Bộ", "submitted"),
    ACCEPTED: ("đã tiếp nhận", "accepted"), RETURNED: ("yêu cầu bổ sung", "returned for completion"),
}
MOVES = {
    "edit": (EDITABLE, None, ("sửa", "edit")),
    "send_for_approval": (EDITABLE, AWAITING_APPROVAL, ("trình duyệt", "send for approval")),
    "approve": (frozenset({AWAITING_APPROVAL}), APPROVED, ("duyệt", "approve")),
    "reject": (frozenset({AWAITING_APPROVAL}), DRAFTING, ("trả lại", "send back")),
    "submit": (frozenset({APPROVED}), SUBMITTED, ("gửi Bộ", "submit")),
    "accept": (frozenset({SUBMITTED}), ACCEPTED, ("tiếp nhận", "accept")),
    "return": (frozenset({SUBMITTED}), RETURNED, ("yêu cầu bổ sung", "return")),
}


def move(action: str, status: str) -> str:
    """The status after `action` (unchanged for an edit), or a 409 naming both in Vietnamese and English."""
    allowed, target, (action_vi, action_en) = MOVES[action]
    if status not in allowed:
        status_vi, status_en = LABELS[status]
        raise Conflict(f"Không thể {action_vi} báo cáo {status_vi} / cannot {action_en} a report that is {status_en}")
    return target or status
