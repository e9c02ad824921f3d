"""Thông báo kết luận kiểm tra: the Sở's conclusions of one inspection and the recommendations, each with its
deadline, that the agency must remedy. The form follows the seeds' practice; it is unverified."""

from __future__ import annotations

from inspections import orm
from inspections.documents.common import OVERALL, SUBJECT, Heading, Stamp, agency, day, official
from inspections.documents.minutes import findings
from inspections.model import CheckResult
from kit.official import Official, Section

SYMBOL = "TB-SKHCN"


def document(inspection: orm.Inspection, record_no: str | None, recommendations: list[orm.Recommendation],
             where: Heading, stamp: Stamp) -> Official:
    """`record_no`: the minutes' number as the register gave it (else as typed on the inspection)."""
    name = agency(inspection)
    met = sum(row.result == CheckResult.DAT for row in inspection.checklist)
    applicable = sum(row.result != CheckResult.KHONG_AP_DUNG for row in inspection.checklist)
    record = f"số {record_no} " if record_no else ""
    return official(
        where, stamp, kind="THÔNG BÁO", summary=f"Kết luận kiểm tra {SUBJECT} tại {name}", addressees=(name,),
        sections=(
            Section("", (f"Căn cứ Biên bản kiểm tra {record}ngày {day(inspection.record_date)} của Đoàn kiểm tra, "
                         "Sở Khoa học và Công nghệ thông báo kết luận kiểm tra như sau:",)),
            Section("I. KẾT QUẢ CHUNG", (
                f"Kết luận: {OVERALL.get(inspection.overall_result, 'chưa kết luận')}.",
                f"Số tiêu chí đạt: {met}/{applicable}.")),
            Section("II. CÁC PHÁT HIỆN", findings(inspection)),
            Section("III. KIẾN NGHỊ", () if recommendations else ("Không có.",),
                    table=tuple((f"{i}. {r.description}", day(r.deadline)) for i, r in enumerate(recommendations, 1)),
                    table_header=("Nội dung kiến nghị", "Thời hạn khắc phục")),
            Section("IV. TỔ CHỨC THỰC HIỆN", (
                f"Đề nghị {name} khắc phục các kiến nghị trên và gửi báo cáo kết quả khắc phục kèm minh chứng về Sở "
                "Khoa học và Công nghệ trong thời hạn nêu trên.",))),
        recipients=("Như trên;", f"UBND {where.province} (để báo cáo);", "Lưu: VT."))
