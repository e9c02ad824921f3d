"""Thông báo kiểm tra: the Sở tells the agency when and how it is inspected, by which team, and what to prepare.
The list of what to prepare follows the seeds' practice (C-seed); the form is unverified."""

from __future__ import annotations

from inspections import orm
from inspections.documents.common import FORMS, SUBJECT, Heading, Stamp, agency, day, official
from kit.official import Official, Section

SYMBOL = "TB-SKHCN"
PREPARE = (
    "Báo cáo tình hình xây dựng, áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng từ lần kiểm tra trước;",
    "Quyết định công bố Hệ thống quản lý chất lượng và phạm vi áp dụng;",
    "Hồ sơ đánh giá nội bộ, xem xét của lãnh đạo và hành động khắc phục trong năm;",
    "Bố trí lãnh đạo cơ quan và thư ký ISO làm việc với Đoàn kiểm tra.",
)


def document(inspection: orm.Inspection, plan: orm.Plan | None, team: orm.Team | None, decision_no: str | None,
             where: Heading, stamp: Stamp) -> Official:
    """`decision_no`: the team's decision as the register numbered it (else as typed on the team)."""
    name = agency(inspection)
    under = f"Kế hoạch kiểm tra năm {plan.year}" if plan else "chỉ đạo của Giám đốc Sở (kiểm tra đột xuất)"
    return official(
        where, stamp, kind="THÔNG BÁO", summary=f"Về việc kiểm tra {SUBJECT}", addressees=(name,),
        sections=(
            Section("", (f"Thực hiện {under}, Sở Khoa học và Công nghệ thông báo kiểm tra {SUBJECT} tại {name} "
                         "như sau:",)),
            Section("1. Thời gian kiểm tra", (f"Ngày {day(inspection.scheduled_date)}.",)),
            Section("2. Hình thức kiểm tra", (f"{FORMS[inspection.form]}.",)),
            Section("3. Đoàn kiểm tra", (_team(team, decision_no),)),
            Section("4. Đề nghị cơ quan chuẩn bị", tuple(f"- {item}" for item in PREPARE))),
        recipients=("Như trên;", "Thành viên Đoàn kiểm tra;", "Lưu: VT."))


def _team(team: orm.Team | None, decision_no: str | None) -> str:
    if team is None:
        return "Đoàn kiểm tra do Giám đốc Sở quyết định thành lập."
    return f"Theo Quyết định số {decision_no} ngày {day(team.decision_date)} của Giám đốc Sở Khoa học và Công nghệ."
