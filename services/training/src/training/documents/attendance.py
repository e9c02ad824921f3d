"""The attendance sheet of a class: one row per confirmed participant, one column per session (Vietnamese); as a
table (the XLSX) and as the official document (DOCX and PDF)."""

from __future__ import annotations

from contracts.training import QmsRole
from kit import calendar
from kit.official import Official, Section
from training.documents.issuer import day, heading, period
from training.documents.table import Table
from training.model import LOCAL

MARKS = {True: "x", False: "v", None: ""}

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
                     ROLE_NAMES.get(r.qms_role, r.qms_role), *(MARKS[p] for p in present),
                     sum(1 for p in present if p), {True: "Đạt", False: "Chưa đạt"}.get(r.completed, "")])
    return Table("Điểm danh", f"DANH SÁCH ĐIỂM DANH: {training_class.title}", heads, rows,
                 note="x: có mặt; v: vắng")


def session_label(session) -> str:
    """The session's day and half-day in Hà Nội time: `10/06/2026 Sáng`."""
    start = session.starts_at.astimezone(LOCAL)
    return f"{start:%d/%m/%Y} {'Sáng' if start.hour < 12 else 'Chiều'}"


def attendance_document(training_class, participants, marks: dict, agency_names: dict, province: str) -> Official:
    """The attendance sheet in the official layout (kit.official): the class, its sessions, then one row per
    confirmed participant with a mark per session (B1, B2, ... as the sessions are numbered) and a column for
    their signature; dated the class's last day."""
    sessions = training_class.sessions
    rows = []
    for number, r in enumerate(participants, 1):
        present = [marks.get((r.id, s.id)) for s in sessions]
        rows.append((str(number), r.full_name, agency_names.get(r.agency_id) or str(r.agency_id),
                     *(MARKS[p] for p in present), str(sum(1 for p in present if p)), ""))
    last = day(sessions[-1].starts_at) if sessions else calendar.today()
    names = ("STT", "Họ và tên", "Cơ quan", *(f"B{n}" for n in range(1, len(sessions) + 1)), "Có mặt", "Ký tên")
    mark_share = 0.3 / max(len(sessions), 1)
    return Official(
        **heading(province), symbol="DS-SKHCN", dated=last, kind="DANH SÁCH ĐIỂM DANH",
        summary=f"Học viên lớp {training_class.title}",
        sections=(Section("I. THÔNG TIN LỚP HỌC", (
                      f"Thời gian: {period(training_class)}", f"Địa điểm: {training_class.venue}",
                      f"Đơn vị tổ chức: {training_class.provider}",
                      f"Số buổi học: {len(sessions)}; số học viên: {len(participants)}")),
                  Section("II. CÁC BUỔI HỌC", table_header=("Buổi", "Thời gian", "Nội dung"),
                          table=tuple((f"B{n}", session_label(s), s.topic or "") for n, s in enumerate(sessions, 1)),
                          widths=(0.12, 0.33, 0.55)),
                  Section("III. DANH SÁCH HỌC VIÊN", ("Ký hiệu: x có mặt, v vắng.",), table_header=names,
                          table=tuple(rows),
                          widths=(0.07, 0.25, 0.2, *(mark_share,) * len(sessions), 0.07, 0.11))),
        signer_title="NGƯỜI LẬP DANH SÁCH", recipients=("Lưu: VT.",))
