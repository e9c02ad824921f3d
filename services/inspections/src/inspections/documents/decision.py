"""Quyết định thành lập Đoàn kiểm tra: the Sở's director forms an inspection's team (Điều 1 its members and their
roles, Điều 2 its task, Điều 3 who carries the decision out). The articles follow the seeds' practice; the exact
wording is unverified."""

from __future__ import annotations

from inspections import orm
from inspections.documents.common import BASIS, SUBJECT, Heading, Stamp, members_section, official
from kit.official import Official, Section

SYMBOL = "QĐ-SKHCN"


def document(team: orm.Team, plan: orm.Plan | None, where: Heading, stamp: Stamp) -> Official:
    year = plan.year if plan else stamp.dated.year
    plan_basis = f"Căn cứ Kế hoạch kiểm tra năm {year}" + (f" ({plan.approving_doc})" if plan and plan.approving_doc
                                                            else "") + ";"
    return official(
        where, stamp, kind="QUYẾT ĐỊNH", summary=f"Về việc thành lập Đoàn kiểm tra {SUBJECT} năm {year}",
        sections=(
            Section(f"GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ {where.province.upper()}", (
                BASIS, plan_basis, "Theo đề nghị của Chi cục trưởng Chi cục Tiêu chuẩn Đo lường Chất lượng.")),
            Section("QUYẾT ĐỊNH:"),
            members_section(f"Điều 1. Thành lập Đoàn kiểm tra {SUBJECT} năm {year}, gồm các thành viên sau:", team),
            Section("Điều 2. Nhiệm vụ của Đoàn kiểm tra", (
                f"Đoàn kiểm tra thực hiện kiểm tra theo Kế hoạch kiểm tra năm {year}; lập biên bản kiểm tra, báo cáo "
                "kết quả và đề xuất kiến nghị với Giám đốc Sở. Đoàn kiểm tra tự giải thể sau khi hoàn thành nhiệm "
                "vụ.",)),
            Section("Điều 3. Tổ chức thực hiện", (
                "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Sở, Chi cục trưởng Chi cục Tiêu chuẩn Đo "
                "lường Chất lượng, các cơ quan được kiểm tra và các thành viên có tên tại Điều 1 chịu trách nhiệm thi "
                "hành Quyết định này.",))),
        recipients=("Như Điều 3;", "Lưu: VT."))
