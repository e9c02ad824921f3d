"""The attendance sheet of a class: one row per confirmed participant, one column per session (Vietnamese)."""

from __future__ import annotations

from contracts.training import QmsRole
from training.documents.table import Table
from training.model import LOCAL

ROLE_NAMES = {QmsRole.THU_KY_ISO: "Thư ký ISO", QmsRole.DAI_DIEN_LANH_DAO: "Đại diện lãnh đạo",
              QmsRole.LANH_DAO: "Lãnh đạo", QmsRole.CHUYEN_GIA_DANH_GIA_NOI_BO: "Chuyên gia đánh giá nội bộ",
              QmsRole.CAN_BO: "Cán bộ"}


def attendance_sheet(training_class, participants, marks: dict, agency_names: dict) -> Table:
    """`marks` is {(registration_id, session_id): present}; `agency_names` {agency_id: name}."""
    sessions = training_class.sessions
    heads = ["STT", "Họ và tên", "Chức vụ", "Cơ quan", "Vai trò trong HTQLCL"]
    heads += [session_label(s) for s in sessions] + ["Số buổi có mặt", "Hoàn thành"]
    rows = []
    for number, r in enumerate(participants, 1):
        present = [marks.get((r.id, s.id)) for s in sessions]
        rows.append([number, r.full_name, r.position or "", agency_names.get(r.agency_id) or str(r.agency_id),
                     ROLE_NAMES.get(r.qms_role, r.qms_role), *["x" if p else ("v" if p is False else "")
                                                                for p in present],
                     sum(1 for p in present if p), {True: "Đạt", False: "Chưa đạt"}.get(r.completed, "")])
    return Table("Điểm danh", f"DANH SÁCH ĐIỂM DANH: {training_class.title}", heads, rows,
                 note="x: có mặt; v: vắng", widths_mm=(10, 45, 32, 50, 28))


def session_label(session) -> str:
    """The session's day and half-day in Hà Nội time: `10/06/2026 Sáng`."""
    start = session.starts_at.astimezone(LOCAL)
    return f"{start:%d/%m/%Y} {'Sáng' if start.hour < 12 else 'Chiều'}"
