"""Báo cáo kết quả kiểm tra năm: the year's inspections in figures, counted from the records, to the province's
UBND [U: the addressee follows the seeds, where the UBND approves the plan; the Ministry gets the periodic
report from the reporting service]. The rows are unverified against any template."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from contracts.inspections import InspectionForm, InspectionKind
from inspections import orm
from inspections.documents.common import OVERALL, SUBJECT, Heading, Stamp, official
from inspections.model import FindingType, RecommendationStatus
from kit.official import Official, Section

SYMBOL = "BC-SKHCN"


@dataclass(frozen=True)
class Year:
    """What the report counts: the year's plans, the inspections carried out (record drawn up) and their
    recommendations."""

    year: int
    plans: list[orm.Plan]
    done: list[orm.Inspection]
    recommendations: list[orm.Recommendation]


def figures(records: Year, on: date) -> tuple[tuple[str, str], ...]:
    targets = [t for plan in records.plans for t in plan.targets]
    onsite = InspectionForm.TRUC_TIEP_TAI_TRU_SO
    open_ = [r for r in records.recommendations if r.status != RecommendationStatus.DONG]
    rows = [
        ("Kế hoạch kiểm tra trong năm", len(records.plans)),
        ("Cơ quan trong kế hoạch kiểm tra", len(targets)),
        ("Trong đó kiểm tra tại trụ sở theo kế hoạch", sum(t.planned_form == onsite for t in targets)),
        ("Cuộc kiểm tra đã thực hiện", len(records.done)),
        ("Trong đó kiểm tra tại trụ sở", sum(i.form == onsite for i in records.done)),
        ("Trong đó kiểm tra đột xuất", sum(i.kind == InspectionKind.DOT_XUAT for i in records.done)),
        *((f"Kết luận {label.lower()}", sum(i.overall_result == code for i in records.done))
          for code, label in OVERALL.items()),
        ("Điểm không phù hợp phát hiện", sum(f.type == FindingType.KHONG_PHU_HOP for i in records.done
                                             for f in i.findings)),
        ("Kiến nghị đã ban hành", len(records.recommendations)),
        ("Kiến nghị đã khắc phục xong", len(records.recommendations) - len(open_)),
        ("Kiến nghị chưa khắc phục xong", len(open_)),
        ("Trong đó quá hạn", sum(r.deadline < on for r in open_)),
    ]
    return tuple((label, str(value)) for label, value in rows)


def document(records: Year, where: Heading, stamp: Stamp) -> Official:
    return official(
        where, stamp, kind="BÁO CÁO", summary=f"Kết quả kiểm tra {SUBJECT} năm {records.year}",
        addressees=(f"Ủy ban nhân dân {where.province}",),
        sections=(
            Section("I. KẾT QUẢ THỰC HIỆN", (f"Số liệu tính đến ngày {stamp.dated:%d/%m/%Y}.",),
                    table=figures(records, stamp.dated), table_header=("Chỉ tiêu", "Số lượng")),
            Section("II. KHÓ KHĂN, VƯỚNG MẮC", ("Không có.",)),
            Section("III. ĐỀ XUẤT, KIẾN NGHỊ", ("Không có.",))),
        recipients=("Như trên;", "Lưu: VT."))
