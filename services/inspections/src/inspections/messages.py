"""What the inspections service's errors say: code -> the text people read, Vietnamese first, then English
(`Service.messages`; kit renders an error's code and parameters through it at the edge)."""

from __future__ import annotations

from collections.abc import Mapping

from kit.attachments import MESSAGES as ATTACHMENT_MESSAGES
from kit.messages import Message

# Why a move is refused, by (lifecycle, action); other refused moves get the default below.
MOVE_REFUSED = {
    ("plan", "approve"): ("Chỉ phê duyệt kế hoạch đã trình", "only a submitted plan can be approved"),
    ("plan", "close"): ("Chỉ tổng kết kế hoạch đang thực hiện", "only an approved plan can be closed"),
    ("plan", "edit"): ("Chỉ sửa kế hoạch khi dự thảo hoặc điều chỉnh",
                       "a plan can be changed only as a draft or while being adjusted"),
    ("plan", "form_team"): ("Kế hoạch đã tổng kết", "the plan is closed"),
    ("plan", "carry_forward"): ("Chỉ chuyển tiếp kế hoạch đã tổng kết", "only a closed plan can be carried forward"),
    ("inspection", "start"): ("Phải thông báo trước khi kiểm tra", "the agency must be notified before the inspection"),
    ("inspection", "record"): ("Chỉ lập biên bản khi đang kiểm tra", "a record is drawn up only during the inspection"),
    ("inspection", "conclude"): ("Không thể kết luận khi chưa có biên bản", "cannot conclude without a record"),
    ("inspection", "close"): ("Chỉ đóng cuộc kiểm tra đã kết luận", "only a concluded inspection can be closed"),
    ("inspection", "record_results"): (
        "Chỉ ghi kết quả khi đang kiểm tra: biên bản đã lập thì bảng kiểm và phát hiện không sửa được nữa",
        "results are recorded only during the inspection: once the record is drawn up they are locked"),
    ("inspection", "issue_recommendation"): ("Chỉ kiến nghị sau khi đã lập biên bản",
                                             "recommendations follow the record"),
    ("recommendation", "submit"): ("Kiến nghị không ở trạng thái chờ khắc phục",
                                   "the recommendation is not awaiting remediation"),
    ("recommendation", "accept"): ("Cơ quan chưa nộp kết quả khắc phục",
                                   "the agency has not submitted remediation evidence"),
    ("recommendation", "reopen"): ("Cơ quan chưa nộp kết quả khắc phục",
                                   "the agency has not submitted remediation evidence"),
    ("recommendation", "close"): ("Kiến nghị đã đóng", "the recommendation is already closed"),
}
STATUS = " (trạng thái hiện tại / current status: {current})"


def move_refused(*, lifecycle: str, action: str, current: str, **_move) -> str:
    vietnamese, english = MOVE_REFUSED.get((lifecycle, action), (
        f"Không thể thực hiện '{action}' ở trạng thái này", f"cannot {action} the {lifecycle} in this status"))
    return f"{vietnamese} / {english}" + STATUS.format(current=current)


def unknown_criteria(*, codes: list[str]) -> str:
    listed = ", ".join(codes)
    return f"Tiêu chí không có hoặc không còn áp dụng: {listed} / unknown or inactive criteria: {listed}"


DOCUMENTS = {"notice": ("Thông báo kiểm tra", "cuộc kiểm tra đã hủy", "for a cancelled inspection"),
             "minutes": ("Biên bản kiểm tra", "trước khi lập biên bản", "before the record is drawn up"),
             "conclusion": ("Thông báo kết luận kiểm tra", "trước khi kết luận", "before the conclusion")}


def document_not_ready(*, kind: str, status: str) -> str:
    title, vietnamese, english = DOCUMENTS.get(kind, (kind, "chưa đến bước này", "yet"))
    return f"Chưa thể ban hành {title}: {vietnamese} / the document cannot be issued {english}" + STATUS.format(
        current=status)


MESSAGES: Mapping[str, Message] = {
    "not_found": "Không tìm thấy {kind} {id} / {kind} {id} not found",
    "move_refused": move_refused,
    "recommendations_open": "Còn kiến nghị chưa khắc phục xong / recommendations are still open" + STATUS,
    "outside_approved_plan": "Không kiểm tra ngoài kế hoạch đã phê duyệt (trừ kiểm tra đột xuất) / no inspection "
                             "outside an approved plan unless it is an ad hoc check (kind DOT_XUAT)",
    "agency_not_targeted": "Cơ quan không có trong kế hoạch; điều chỉnh kế hoạch hoặc kiểm tra đột xuất / the agency "
                           "is not a target of the plan: adjust the plan, or make it an ad hoc check",
    "agency_not_active": ("Cơ quan {agency_id} không phải cơ quan đang hoạt động của tỉnh / agency {agency_id} is not "
                          "an active agency of this province (registry replica)"),
    "agency_listed_twice": ("Cơ quan {agency_id} có hai lần trong kế hoạch / agency {agency_id} is listed twice in "
                            "the plan"),
    "role_not_allowed": ("Vai trò của người dùng không được thực hiện thao tác này ({action}) / the caller's roles "
                         "may not {action}"),
    "not_on_team": "Thanh tra viên không thuộc đoàn kiểm tra của kế hoạch này / the inspector is not on the team of "
                   "this plan",
    "team_needs_one_head": "Đoàn kiểm tra phải có đúng một trưởng đoàn / a team needs exactly one head (TRUONG_DOAN)",
    "team_of_another_plan": ("Đoàn kiểm tra được thành lập cho kế hoạch khác / the team was established for another "
                             "plan"),
    "plan_without_targets": "Kế hoạch chưa có cơ quan được kiểm tra / the plan has no target agencies",
    "period_reversed": "Ngày bắt đầu sau ngày kết thúc / period_start is after period_end",
    "period_outside_year": ("Thời gian của kế hoạch phải nằm trong năm kế hoạch / the plan's period must fall within "
                            "its year"),
    "carried_to_an_earlier_year": ("Năm của kế hoạch mới phải sau năm của kế hoạch đã đóng / the new plan's year must "
                                   "come after the closed plan's year"),
    "conclusion_before_record": "Ngày kết luận trước ngày lập biên bản / conclusion_date is before the record's date",
    "unknown_criteria": unknown_criteria,
    "finding_of_another_inspection": ("Phát hiện (finding_id) không thuộc cuộc kiểm tra này / finding_id does not "
                                      "name a finding of this inspection"),
    "number_taken": ("Số {number}/{symbol} năm {year} đã được cấp cho văn bản khác; chọn số khác hoặc để trống để "
                     "lấy số tiếp theo / number {number} of {year} is already used"),
    "document_not_ready": document_not_ready,
    "deadline_before_record": ("Thời hạn trước ngày lập biên bản kiểm tra / the deadline is before the inspection's "
                               "record"),
    # remediation evidence (ADR 31)
    **ATTACHMENT_MESSAGES,
    "attachment_not_uploader": ("Chỉ người đã tải tệp lên mới được xóa tệp này / only the one who uploaded the file "
                                "may delete it"),
}
