"""What the training service's errors say (`Service.messages`): rules speak Vietnamese first, then English."""

from __future__ import annotations


def rule(vi: str, en: str) -> str:
    return f"{vi} / {en}"


MESSAGES = {
    "class_not_found": "Không tìm thấy lớp {class_id} / training class {class_id} not found",
    "registration_not_found": "Không tìm thấy đăng ký {registration_id} / registration {registration_id} not found",
    "request_not_found": ("Không tìm thấy đề nghị đào tạo tại chỗ {request_id} / on-site training request "
                          "{request_id} not found"),
    "session_not_found": "Lớp không có buổi học {session_id} / session {session_id} not found in this class",
    "unknown_course_type": rule("Loại khóa học {course_type!r} không có trong danh mục",
                                "course type {course_type!r} is not in the catalogue"),
    "transition_refused": rule("Lớp đang ở trạng thái {current}, không chuyển được sang {to}",
                               "a class in {current} cannot move to {to}"),
    "cancel_reason_needed": rule("Hủy lớp phải nêu lý do", "cancelling a class needs a reason"),
    "class_frozen": rule("Lớp ở trạng thái {status} không sửa được", "a class in {status} can no longer change"),
    "capacity_below_confirmed": rule("Sĩ số không được nhỏ hơn số đã xác nhận ({confirmed})",
                                     "capacity cannot go below the {confirmed} confirmed places"),
    "cost_actual_needed": rule("Quyết toán phải có chi phí thực tế (VND)",
                               "settling a class needs its actual cost (VND)"),
    "sessions_needed": rule("Lớp phải có ít nhất một buổi học", "a class needs at least one session"),
    "session_ends_before_start": rule("Giờ kết thúc buổi học phải sau giờ bắt đầu",
                                      "a session must end after it starts"),
    "sessions_overlap": rule("Các buổi học của lớp bị chồng giờ", "the class's sessions overlap"),
    "nominate_own_agency_only": rule("Cán bộ cơ quan chỉ được cử người của cơ quan mình",
                                     "an agency officer nominates people of their own agency only"),
    "nominating_agency_needed": rule("Cần nêu cơ quan cử người", "agency_id is required"),
    "request_own_agency_only": rule("Cán bộ cơ quan chỉ gửi đề nghị cho cơ quan mình",
                                    "an agency officer asks for their own agency only"),
    "requesting_agency_needed": rule("Cần nêu cơ quan đề nghị", "agency_id is required"),
    "agency_gone": rule("Cơ quan đã giải thể hoặc sáp nhập", "the agency was dissolved or merged"),
    "officer_of_another_agency": rule("Cán bộ ISO này thuộc cơ quan khác",
                                      "this ISO officer belongs to another agency"),
    "not_open_for_registration": rule("Lớp không mở đăng ký (trạng thái {status})",
                                      "the class is not open for registration (status {status})"),
    "already_registered": rule("Người này đã được đăng ký vào lớp", "this person is already registered in the class"),
    "double_booked": rule("Người này đã đăng ký lớp trùng lịch: {class_title}",
                          "this person is already booked in an overlapping class: {class_title}"),
    "on_site_class_for_its_agency": rule("Lớp tổ chức tại đơn vị chỉ dành cho cán bộ của đơn vị đó",
                                         "a class held at an agency's office is for that agency's people only"),
    "cancellation_closed": rule("Không thể hủy đăng ký khi lớp ở trạng thái {status}",
                                "a registration cannot be cancelled while the class is {status}"),
    "attendance_closed": rule("Chỉ ghi điểm danh khi lớp đang diễn ra hoặc vừa kết thúc (trạng thái {status})",
                              "attendance is recorded while a class runs or just ended (status {status})"),
    "present_and_absent": rule("Một học viên không thể vừa có mặt vừa vắng",
                               "a participant cannot be both present and absent"),
    "not_participants": rule("Có người không phải học viên đã xác nhận của lớp",
                             "not confirmed participants of this class: {participants}"),
    "certificates_after_the_class": rule("Chỉ cấp chứng nhận khi lớp đã kết thúc",
                                         "certificates are issued once the class has finished"),
    "no_certificates": rule("Lớp {class_id} chưa cấp giấy chứng nhận nào",
                            "class {class_id} has no certificates issued yet"),
    "request_decided": rule("Đề nghị đã được xử lý ({status})", "the request was already decided ({status})"),
    "unknown_agency": rule("Cơ quan {agency_id} không có trong danh sách cơ quan của tỉnh",
                           "agency {agency_id} is not one of the province's agencies (as the registry lists them)"),
}
