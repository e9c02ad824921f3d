"""Reporting's error catalogue: what each error code says to the person who reads it (rendered at the edge)."""

from __future__ import annotations

from reporting.model.report import ACTIONS, LABELS


def report_move_refused(*, action: str, current: str, **_move: object) -> str:
    """A move the approval chain refuses, naming the action and the report's status in both languages."""
    (action_vi, action_en), (status_vi, status_en) = ACTIONS[action], LABELS[current]
    return f"Không thể {action_vi} báo cáo {status_vi} / cannot {action_en} a report that is {status_en}"


MESSAGES = {
    "no_figures_for_province": "Không có số liệu của tỉnh {province!r} / no figures for province {province!r}",
    "report_not_found": "Không tìm thấy báo cáo {report_id} / report {report_id} not found",
    "unknown_report_type": "Loại báo cáo không có trong danh mục / unknown report type {report_type!r}",
    "period_after_cutoff": "Ngày bắt đầu kỳ sau ngày chốt số liệu / the period starts after the cut-off",
    "return_needs_comment": "Yêu cầu bổ sung phải có nội dung / a return needs a comment",
    "reject_needs_reason": "Trả lại báo cáo phải nêu lý do / sending a report back needs a reason",
    "report_move_refused": report_move_refused,
    "period_starts_after_as_of": "Ngày bắt đầu kỳ ({period_start}) sau ngày số liệu ({as_of}) / the period "
                                 "starts ({period_start}) after as_of ({as_of})",
}
