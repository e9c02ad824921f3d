"""What the notifications service's errors say (code -> text), rendered at the edge into the problem's `detail`.
Vietnamese first, then English, as the province's officers read them."""

from __future__ import annotations

MESSAGES = {
    "calendar_not_found": "Không tìm thấy lịch {calendar_id} / calendar {calendar_id} not found",
    "notice_not_found": "Không tìm thấy thông báo {notice_id} / notice {notice_id} not found",
    "invalid_schedule": "Cài đặt lịch nhắc không hợp lệ: {reason} / the reminder settings are not valid: {reason}",
}
