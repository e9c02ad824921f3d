"""Kế hoạch kiểm tra: the year's plan, issued by the Sở. In the seeds the province's UBND approves it (Kế hoạch
726/KH-UBND): the plan's `approving_doc` is cited as its basis [C-seed]; the form's parts are unverified."""

from __future__ import annotations

from collections import Counter

from contracts.inspections import InspectionForm
from inspections import orm
from inspections.documents.common import BASIS, FORMS, SUBJECT, Heading, Stamp, members_section, official
from kit.official import Official, Section

SYMBOL = "KH-SKHCN"


def document(plan: orm.Plan, teams: list[orm.Team], where: Heading, stamp: Stamp) -> Official:
    forms = Counter(target.planned_form for target in plan.targets)
    basis = [BASIS]
    if plan.approving_doc:
        basis.append(f"Căn cứ văn bản số {plan.approving_doc} của Ủy ban nhân dân {where.province};")
    return official(
        where, stamp, kind="KẾ HOẠCH", summary=f"Kiểm tra {SUBJECT} năm {plan.year}",
        sections=(
            Section("", tuple(basis) + (f"Sở Khoa học và Công nghệ xây dựng Kế hoạch kiểm tra năm {plan.year} như "
                                        "sau:",)),
            Section("I. MỤC ĐÍCH, YÊU CẦU", (
                "Đánh giá việc xây dựng, áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng tại các cơ quan; "
                "kịp thời hướng dẫn, kiến nghị khắc phục những tồn tại.",
                "Việc kiểm tra bảo đảm khách quan, đúng quy định, không gây cản trở hoạt động của cơ quan.")),
            Section("II. NỘI DUNG, HÌNH THỨC KIỂM TRA", (
                f"1. Nội dung: kiểm tra {SUBJECT}.",
                f"2. Hình thức: kiểm tra trực tiếp tại trụ sở {forms[InspectionForm.TRUC_TIEP_TAI_TRU_SO]} cơ quan; "
                f"kiểm tra qua báo cáo, hồ sơ {forms[InspectionForm.QUA_BAO_CAO_HO_SO]} cơ quan.",
                *_onsite_target(plan))),
            Section("III. ĐỐI TƯỢNG, THỜI GIAN KIỂM TRA", _period(plan), table=_targets(plan),
                    table_header=("Cơ quan được kiểm tra", "Thời gian, hình thức kiểm tra")),
            members_section("IV. ĐOÀN KIỂM TRA", teams[0] if teams else None),
            # The budget is the budget service's record, not this one's: the line names its source only [U].
            Section("V. KINH PHÍ", (f"Kinh phí thực hiện từ nguồn ngân sách nhà nước năm {plan.year} giao cho Sở "
                                    "Khoa học và Công nghệ.",)),
            Section("VI. TỔ CHỨC THỰC HIỆN", (
                "Các cơ quan có tên tại Mục III chuẩn bị báo cáo, hồ sơ và bố trí làm việc với Đoàn kiểm tra.",
                "Đoàn kiểm tra thực hiện kiểm tra theo kế hoạch và báo cáo kết quả cho Giám đốc Sở."))),
        recipients=(f"UBND {where.province} (để báo cáo);", "Các cơ quan có tên tại Mục III;",
                    "Thành viên Đoàn kiểm tra;", "Lưu: VT."))


def _onsite_target(plan: orm.Plan) -> tuple[str, ...]:
    if plan.onsite_min_percent is None:
        return ()
    return (f"Tỷ lệ cơ quan được kiểm tra trực tiếp tại trụ sở tối thiểu {plan.onsite_min_percent}%.",)


def _period(plan: orm.Plan) -> tuple[str, ...]:
    if not (plan.period_start and plan.period_end):
        return (f"Thời gian kiểm tra: trong năm {plan.year}.",)
    return (f"Thời gian kiểm tra: từ ngày {plan.period_start:%d/%m/%Y} đến ngày {plan.period_end:%d/%m/%Y}.",)


def _targets(plan: orm.Plan) -> tuple[tuple[str, str], ...]:
    return tuple((f"{i}. {target.agency_name or target.agency_id}",
                  (f"Tháng {target.planned_month} - " if target.planned_month else "") + FORMS[target.planned_form])
                 for i, target in enumerate(plan.targets, 1))
