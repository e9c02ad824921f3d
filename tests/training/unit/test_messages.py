"""The error catalogue: every code the service raises has an entry, and each entry reads as the API has always
said it (Vietnamese first, then English)."""

import ast
import uuid
from pathlib import Path

import pytest

import training
from kit.errors import Conflict, Forbidden, RuleViolated
from kit.messages import render
from training import model
from training.messages import MESSAGES

SOURCE = Path(training.__file__).parent
ID = uuid.UUID("0192f3a4-7c1e-7a10-9b2e-3f4a5b6c7d01")
ERRORS = {"DomainError", "NotFound", "Conflict", "RuleViolated", "Forbidden"}


def refused_move():
    try:
        model.CLASS.next(model.ClassStatus.HUY, "DANG_DIEN_RA")
    except model.TransitionRefused as error:
        return error
    raise AssertionError("DANG_DIEN_RA -> HUY was allowed")


# Each code as its raise site raises it, and the text the API has always answered with.
SAID = {
    "class_not_found": (model.ClassNotFound(ID), f"Không tìm thấy lớp {ID} / training class {ID} not found"),
    "registration_not_found": (model.RegistrationNotFound(ID), (f"Không tìm thấy đăng ký {ID} / registration {ID} not "
                                                                "found")),
    "request_not_found": (model.RequestNotFound(ID), (f"Không tìm thấy đề nghị đào tạo tại chỗ {ID} / on-site "
                                                      f"training request {ID} not found")),
    "no_certificates": (model.NoCertificates(ID), (f"Lớp {ID} chưa cấp giấy chứng nhận nào / class {ID} has no "
                                                   "certificates issued yet")),
    "session_not_found": (model.SessionNotFound(ID), (f"Lớp không có buổi học {ID} / session {ID} not found in this "
                                                      "class")),
    "unknown_course_type": (model.UnknownCourseType("LAM_BANH"),
                            "Loại khóa học 'LAM_BANH' không có trong danh mục / "
                            "course type 'LAM_BANH' is not in the catalogue"),
    "transition_refused": (refused_move(), "Lớp đang ở trạng thái DANG_DIEN_RA, không chuyển được sang HUY / "
                                           "a class in DANG_DIEN_RA cannot move to HUY"),
    "cancel_reason_needed": (RuleViolated("cancel_reason_needed"),
                             "Hủy lớp phải nêu lý do / cancelling a class needs a reason"),
    "class_frozen": (Conflict("class_frozen", status="DANG_DIEN_RA"),
                     "Lớp ở trạng thái DANG_DIEN_RA không sửa được / a class in DANG_DIEN_RA can no longer change"),
    "capacity_below_confirmed": (RuleViolated("capacity_below_confirmed", confirmed=3),
                                 "Sĩ số không được nhỏ hơn số đã xác nhận (3) / "
                                 "capacity cannot go below the 3 confirmed places"),
    "cost_actual_needed": (RuleViolated("cost_actual_needed"),
                           "Quyết toán phải có chi phí thực tế (VND) / settling a class needs its actual cost (VND)"),
    "sessions_needed": (RuleViolated("sessions_needed"),
                        "Lớp phải có ít nhất một buổi học / a class needs at least one session"),
    "session_ends_before_start": (RuleViolated("session_ends_before_start"),
                                  "Giờ kết thúc buổi học phải sau giờ bắt đầu / a session must end after it starts"),
    "sessions_overlap": (RuleViolated("sessions_overlap"),
                         "Các buổi học của lớp bị chồng giờ / the class's sessions overlap"),
    "nominate_own_agency_only": (Forbidden("nominate_own_agency_only"),
                                 "Cán bộ cơ quan chỉ được cử người của cơ quan mình / "
                                 "an agency officer nominates people of their own agency only"),
    "nominating_agency_needed": (RuleViolated("nominating_agency_needed"),
                                 "Cần nêu cơ quan cử người / agency_id is required"),
    "request_own_agency_only": (Forbidden("request_own_agency_only"),
                                "Cán bộ cơ quan chỉ gửi đề nghị cho cơ quan mình / "
                                "an agency officer asks for their own agency only"),
    "requesting_agency_needed": (RuleViolated("requesting_agency_needed"),
                                 "Cần nêu cơ quan đề nghị / agency_id is required"),
    "agency_gone": (RuleViolated("agency_gone"),
                    "Cơ quan đã giải thể hoặc sáp nhập / the agency was dissolved or merged"),
    "officer_of_another_agency": (RuleViolated("officer_of_another_agency"),
                                  "Cán bộ ISO này thuộc cơ quan khác / this ISO officer belongs to another agency"),
    "not_open_for_registration": (model.NotOpenForRegistration("CHOT_DANH_SACH"),
                                  "Lớp không mở đăng ký (trạng thái CHOT_DANH_SACH) / "
                                  "the class is not open for registration (status CHOT_DANH_SACH)"),
    "already_registered": (model.AlreadyRegistered(),
                           "Người này đã được đăng ký vào lớp / this person is already registered in the class"),
    "double_booked": (model.DoubleBooked("Lớp A"),
                      "Người này đã đăng ký lớp trùng lịch: Lớp A / "
                      "this person is already booked in an overlapping class: Lớp A"),
    "on_site_class_for_its_agency": (RuleViolated("on_site_class_for_its_agency"),
                                     "Lớp tổ chức tại đơn vị chỉ dành cho cán bộ của đơn vị đó / "
                                     "a class held at an agency's office is for that agency's people only"),
    "cancellation_closed": (model.CancellationClosed("CHOT_DANH_SACH"),
                            "Không thể hủy đăng ký khi lớp ở trạng thái CHOT_DANH_SACH / "
                            "a registration cannot be cancelled while the class is CHOT_DANH_SACH"),
    "attendance_closed": (Conflict("attendance_closed", status="CHOT_DANH_SACH"),
                          "Chỉ ghi điểm danh khi lớp đang diễn ra hoặc vừa kết thúc (trạng thái CHOT_DANH_SACH) / "
                          "attendance is recorded while a class runs or just ended (status CHOT_DANH_SACH)"),
    "present_and_absent": (RuleViolated("present_and_absent"),
                           "Một học viên không thể vừa có mặt vừa vắng / "
                           "a participant cannot be both present and absent"),
    "not_participants": (RuleViolated("not_participants", participants=[str(ID)]),
                         "Có người không phải học viên đã xác nhận của lớp / "
                         f"not confirmed participants of this class: ['{ID}']"),
    "certificates_after_the_class": (Conflict("certificates_after_the_class"),
                                     "Chỉ cấp chứng nhận khi lớp đã kết thúc / "
                                     "certificates are issued once the class has finished"),
    "request_decided": (Conflict("request_decided", status="DECLINED"),
                        "Đề nghị đã được xử lý (DECLINED) / the request was already decided (DECLINED)"),
    "unknown_agency": (RuleViolated("unknown_agency", agency_id=ID),
                       f"Cơ quan {ID} không có trong danh sách cơ quan của tỉnh / agency {ID} is not one of the "
                       "province's agencies (as the registry lists them)"),
}


def raised_codes() -> set[str]:
    """The codes in the source: error classes' `code`, the first argument of `Conflict("...")` and the like, and
    the codes model._acting_agency is handed (`refused=`, `missing=`)."""
    codes = set()
    for path in SOURCE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef):
                codes |= {item.value.value for item in node.body if isinstance(item, ast.Assign)
                          and isinstance(item.value, ast.Constant) and isinstance(item.value.value, str)
                          and [t.id for t in item.targets if isinstance(t, ast.Name)] == ["code"]}
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", None))
                if name in ERRORS and node.args and isinstance(node.args[0], ast.Constant):
                    codes.add(node.args[0].value)
                codes |= {k.value.value for k in node.keywords if k.arg in ("refused", "missing")}
    return codes


def test_every_code_the_service_raises_has_a_message():
    codes = raised_codes()

    assert len(codes) > 20
    assert codes - set(MESSAGES) == set()


def test_every_message_is_one_the_service_raises():
    assert set(MESSAGES) - raised_codes() == set()


def test_every_message_is_checked_below():
    assert set(SAID) == set(MESSAGES)


@pytest.mark.parametrize("code", sorted(SAID))
def test_each_message_reads_as_the_api_has_always_said_it(code):
    error, text = SAID[code]

    assert error.code == code
    assert render(error, MESSAGES) == text
