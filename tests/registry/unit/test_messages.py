"""messages.py: every code the registry raises or reports has an entry, and every entry says, with the parameters
its raise sites pass, exactly what the registry has always said."""

import ast
import re
import uuid
from datetime import date
from pathlib import Path

import pytest

import registry
from kit.attachments import StoreUnavailable
from kit.errors import RuleViolated
from kit.filetypes import TooLarge, TypeNotAllowed
from kit.messages import render
from registry.documents.xlsx import CellError, LayoutInvalid
from registry.messages import MESSAGES, say
from registry.model.quality_system import QUALITY_SYSTEM, InvalidTransition

SOURCE = Path(registry.__file__).parent
ERRORS = {"DomainError", "NotFound", "Conflict", "RuleViolated", "NotAWorkbook", "LayoutInvalid"}
AGENCY = uuid.UUID("0b6f8a9e-6a55-4f61-9a58-1b6a3f0c2d11")
ALL_DAY = ("DANH_GIA_NOI_BO", "XEM_XET_LANH_DAO")
# kit's errors that the registry's attachments let through to its callers (ADR 31): the upload's, the store's and
# the multipart field's (kit.uploads)
KIT_CODES = {TooLarge.code, TypeNotAllowed.code, StoreUnavailable.code, "attachment_file_missing"}

TEXTS = {
    "tenant_not_found": ({"tenant": "an-giang"}, "Không tìm thấy tỉnh 'an-giang' / province 'an-giang' not found"),
    "tenant_not_registered": ({"tenant": "an-giang"}, ("Tỉnh 'an-giang' chưa được đăng ký trên nền tảng / province "
                                                       "'an-giang' is not registered on the platform")),
    "tenant_exists": ({"tenant": "an-giang"}, ("Tỉnh 'an-giang' đã được đăng ký / province 'an-giang' is already "
                                               "registered")),
    "public_province_not_found": ({"province": "binh-thuan"}, (
        "Không có tỉnh, thành phố 'binh-thuan' trong danh sách công khai (các tỉnh, thành phố hiện nay; một tỉnh đã "
        "hợp nhất có trong danh sách của tỉnh mới) / no province 'binh-thuan' among today's provinces")),
    "succession_without_predecessors": ({}, "Sắp xếp đơn vị hành chính cần ít nhất một tỉnh trước sắp xếp / "
                                            "a succession needs at least one predecessor province"),
    "succession_into_itself": ({"tenant": "lam-dong"}, "Tỉnh 'lam-dong' không thể vừa là tỉnh trước vừa là tỉnh sau "
                               "sắp xếp / province 'lam-dong' cannot succeed itself"),
    "succession_predecessor_twice": ({}, "Một tỉnh được nêu hai lần trong danh sách tỉnh trước sắp xếp / "
                                         "a predecessor province is named twice"),
    "province_already_succeeded": ({"tenant": "binh-thuan", "successor": "lam-dong"},
                                   "Tỉnh 'binh-thuan' đã được sắp xếp vào 'lam-dong' / "
                                   "province 'binh-thuan' was already merged into 'lam-dong'"),
    "succession_plan_incomplete": ({"unmapped": 3, "conflicts": 1},
                                   "Phương án sắp xếp chưa đầy đủ: 3 cơ quan chưa được phân, 1 mâu thuẫn (chạy thử để "
                                   "xem chi tiết) / the plan is incomplete: 3 agencies unmapped, 1 conflicts (see the "
                                   "dry run)"),
    "succession_not_found": ({"succession_id": AGENCY}, (f"Không tìm thấy việc kế thừa {AGENCY} / succession {AGENCY} "
                                                         "not found")),
    "plan_agency_missing": ({}, "thiếu mã cơ quan / the agency id is missing"),
    "not_an_agency_id": ({"value": "abc"}, "«abc» không phải mã cơ quan (UUID) / not an agency id (a UUID)"),
    "unknown_plan_action": ({"value": "Giữ"}, "«Giữ» không phải phương án: dùng Tiếp tục, Sáp nhập hoặc Chấm dứt / "
                                              "not an action: use continue, merge or end"),
    "agency_not_found": ({"agency_id": AGENCY}, f"Không tìm thấy cơ quan {AGENCY} / agency {AGENCY} not found"),
    "agency_ended": ({"agency_id": AGENCY, "status": "DA_GIAI_THE"},
                     (f"Cơ quan {AGENCY} đang ở trạng thái DA_GIAI_THE, không thể thay đổi nữa / agency {AGENCY} is "
                      "DA_GIAI_THE and can no longer change")),
    "parent_not_in_province": ({}, ("Cơ quan cấp trên (parent_agency_id) không phải cơ quan của tỉnh này / "
                                    "parent_agency_id does not name an agency of this province")),
    "unknown_unit_code": ({"code": "22222", "on": date(2025, 7, 1)},
                          "location_unit_code: mã 22222 không phải mã tỉnh, huyện hay xã có hiệu lực ngày 01/07/2025 "
                          "trong danh mục đơn vị hành chính / location_unit_code: 22222 is not a province, district "
                          "or commune code in force on 01/07/2025"),
    "own_parent": ({}, "Cơ quan không thể là cấp trên của chính mình / an agency cannot be its own parent"),
    "successor_not_in_province": ({}, ("Cơ quan kế thừa (successor_agency_id) không phải cơ quan của tỉnh này / "
                                       "successor_agency_id does not name an agency of this province")),
    "merged_into_itself": ({}, "Không thể sáp nhập cơ quan vào chính nó / an agency cannot be merged into itself"),
    "ended_before_valid_from": ({}, ("Ngày giải thể trước ngày cơ quan bắt đầu hoạt động / dissolved_on is before the "
                                     "agency's valid_from")),
    "override_not_cited": ({}, "Ghi đè mức độ bắt buộc phải dẫn số và ngày của kế hoạch/quyết định của tỉnh / "
                               "an obligation override must cite the provincial decision number and date"),
    "quality_system_of_ended_agency": ({"status": "DA_SAP_NHAP"}, "Cơ quan đã DA_SAP_NHAP, không thể thay đổi "
                                       "HTQLCL / the agency is DA_SAP_NHAP; its quality system can no longer change"),
    "no_quality_system": ({"agency_id": AGENCY},
                          f"Cơ quan chưa có HTQLCL / agency {AGENCY} has no quality system on record"),
    "quality_system_exists": ({}, "Cơ quan đã có HTQLCL / the agency already has a quality system"),
    "unknown_standard": ({"standard": "ISO_9001_2030"}, "Phiên bản tiêu chuẩn không có trong danh mục / "
                                                         "unknown standard version 'ISO_9001_2030'"),
    "new_build_too_late": ({"standard": "TCVN ISO 9001:2008", "until": date(2017, 12, 31)},
                           "Không được xây dựng mới theo TCVN ISO 9001:2008 sau 31/12/2017 / "
                           "no new build on TCVN ISO 9001:2008 after 31/12/2017"),
    "standard_past_transition": ({"standard": "TCVN ISO 9001:2008", "deadline": date(2021, 6, 30)},
                                 "Không được công bố theo TCVN ISO 9001:2008 sau thời hạn chuyển đổi 30/06/2021; "
                                 "công bố theo phiên bản hiện hành / no announcement on TCVN ISO 9001:2008 after "
                                 "its transition deadline 30/06/2021: announce on the version in force"),
    "unknown_province_code": ({"code": "99"}, "official_code: mã tỉnh 99 không có trong danh mục đơn vị hành chính"
                                              " / official_code: 99 is not a province code in the reference"),
    "province_code_retired": (
        {"code": "60", "name": "Tỉnh Bình Thuận", "until": date(2025, 6, 30), "successors": ("68 (Tỉnh Lâm Đồng)",)},
        "official_code: mã 60 (Tỉnh Bình Thuận) hết hiệu lực từ sau 30/06/2025; dùng mã hiện hành 68 (Tỉnh Lâm Đồng)"
        " (QĐ 19/2025/QĐ-TTg), hoặc khai báo tỉnh lịch sử (historical) / official_code: 60 (Tỉnh Bình Thuận) was "
        "retired after 30/06/2025; use the code in force 68 (Tỉnh Lâm Đồng), or declare a historical province"),
    "province_code_not_retired": ({"code": "44"}, "official_code: mã 44 không phải mã đã hết hiệu lực của một tỉnh, "
                                                  "không thể khai báo tỉnh lịch sử / official_code: 44 is not a retired"
                                                  " province code, so the province cannot be historical"),
    "before_previous_step": ({"on": date(2020, 12, 31), "since": date(2021, 1, 4)},
                             "Ngày 31/12/2020 trước ngày của bước trước (04/01/2021) / "
                             "the date 31/12/2020 is before the previous step (04/01/2021)"),
    "after_next_step": ({"on": date(2021, 6, 2), "until": date(2021, 6, 1)},
                        "Ngày 02/06/2021 sau ngày của bước sau (01/06/2021) / "
                        "the date 02/06/2021 is after the next step (01/06/2021)"),
    "date_unchanged": ({"on": date(2021, 3, 1)}, "Ngày 01/03/2021 trùng với ngày đã ghi nhận / "
                                                  "01/03/2021 is already the date on record"),
    "step_not_recorded": ({"step": "change-scope"}, "Bước thay đổi phạm vi chưa được ghi nhận trong HTQLCL / "
                                                     "the quality system has no change of scope on record"),
    "already_on_2015": ({}, "HTQLCL đã áp dụng TCVN ISO 9001:2015 / "
                            "the quality system is already on TCVN ISO 9001:2015"),
    "unknown_scope_reason": ({"reason": "BECAUSE"}, "Lý do thay đổi phạm vi không hợp lệ / "
                                                     "unknown scope change reason 'BECAUSE'"),
    "audits_missing": ({"missing": ALL_DAY}, "Chưa có hồ sơ đánh giá nội bộ và xem xét của lãnh đạo trong 365 "
                                             "ngày đến ngày quyết định công bố / an internal audit and a management "
                                             "review of the 365 days up to the decision must be on record "
                                             "(missing: DANH_GIA_NOI_BO, XEM_XET_LANH_DAO)"),
    "reannouncement_without_reason": ({}, "Công bố lại phải nêu lý do / a re-announcement needs a reason"),
    "transition_not_closed_on_2015": ({}, "Kết thúc chuyển đổi phải công bố theo TCVN ISO 9001:2015 / "
                                          "closing a transition needs an announcement on TCVN ISO 9001:2015"),
    "announcement_not_found": ({"announcement_id": AGENCY}, (f"Không tìm thấy thông báo công bố {AGENCY} / "
                                                             f"announcement {AGENCY} not found")),
    "announcement_not_pending": ({}, "Thông báo công bố đã được tiếp nhận hoặc đã hết hiệu lực / "
                                     "the announcement was already received or has been superseded"),
    "unknown_activity_type": ({"activity_type": "PICNIC"},
                              "Loại hoạt động không hợp lệ / unknown activity type 'PICNIC'"),
    "officer_not_found": ({"officer_id": AGENCY}, f"Không tìm thấy cán bộ {AGENCY} / officer {AGENCY} not found"),
    "appointment_ended": ({}, "Người này đã thôi nhiệm vụ / this appointment has already ended"),
    "removed_before_appointed": ({}, "Ngày thôi nhiệm vụ trước ngày được phân công / "
                                     "removed_on is before appointed_on"),
    "setting_invalid": ({"key": "maintenance_deadline"}, "Giá trị không hợp lệ cho maintenance_deadline / "
                                                          "maintenance_deadline must be dd/mm, e.g. 30/11"),
    "no_such_setting": ({"key": "colour"}, "Không có tham số 'colour' / no setting named 'colour'"),
    "unknown_obligation": ({"obligation": "TUY_Y"}, "Không rõ mức bắt buộc 'TUY_Y' / unknown obligation 'TUY_Y'"),
    "no_obligation_rule": ({"agency_type": "SO"}, ("Chưa có quy định bắt buộc cho loại cơ quan 'SO' / no obligation "
                                                   "rule for agency type 'SO'")),
    "unknown_legal_basis": ({"legal_basis_code": "NOPE"},
                            "Căn cứ pháp lý không có trong danh mục / unknown legal basis 'NOPE'"),
    "unit_code_used": ({"code": "91", "scheme": "QD19_2025"},
                       "Mã 91 đã được dùng trong QD19_2025 / code 91 is already used in QD19_2025"),
    "valid_to_before_valid_from": ({}, "Ngày hết hiệu lực trước ngày có hiệu lực / valid_to is before valid_from"),
    "no_file": ({}, "gửi tệp .xlsx trong thân yêu cầu hoặc trường 'file' / "
                    "send the .xlsx as the body or as the multipart field 'file'"),
    "not_a_workbook": ({"damage": "zip"},
                       "Không đọc được tệp .xlsx: tệp không phải bảng tính Excel (.xlsx) / not an .xlsx workbook: "
                       "the file is not a ZIP archive"),
    "workbook_too_large": ({"size": 16939}, "không đọc được tệp .xlsx / not an .xlsx workbook: "
                                            "tệp giải nén quá lớn / the workbook unpacks to 16939 bytes"),
    "layout_refused": ({}, "Hàng tiêu đề không đúng mẫu / the header row does not follow the layout."),
    "import_refused": ({"count": 3}, "3 lỗi, không nhập cơ quan nào / 3 errors; nothing was imported."),
    "import_job_not_found": ({"job_id": AGENCY}, "Không có lần nhập này trong tỉnh / no such import job in this "
                                                 "province"),
    "import_broke": ({}, "Lần nhập bị lỗi hệ thống, không nhập cơ quan nào; hãy tải tệp lên lại / the import broke "
                         "(a system error) and imported nothing; upload the file again"),
    "unknown_column": ({}, "cột không có trong mẫu / unknown column"),
    "column_twice": ({}, "cột xuất hiện hai lần / column appears twice"),
    "required_column_missing": ({}, "thiếu cột bắt buộc / required column missing"),
    "too_many_rows": ({"max_rows": 10_000}, "tối đa 10000 dòng / at most 10000 rows"),
    "invalid_date": ({"value": "31/02/2025"},
                     "ngày không hợp lệ, dùng dd/mm/yyyy / not a dd/mm/yyyy date: 31/02/2025"),
    "unknown_code": ({"value": "Sở lạ", "codes": ("TINH", "XA")},
                     "«Sở lạ» không phải mã hợp lệ / not a known code: dùng / use TINH, XA (sheet «Danh mục»)"),
    "invalid_cell": ({"problems": ("Not a valid URL.", "Length must be between 1 and 300.")},
                     "địa chỉ website không hợp lệ / not a valid URL; Length must be between 1 and 300."),
    "name_registered": ({}, "đã có cơ quan cùng tên trong sổ của tỉnh / an agency of this name is already registered"),
    "name_repeated": ({"first_row": 2}, "trùng tên với dòng 2 / same name as row 2"),
    "parent_is_itself": ({}, "cơ quan không thể là cấp trên của chính nó / an agency cannot be its own parent"),
    "parent_ambiguous": ({}, "tên này khớp nhiều cơ quan trong sổ / this name matches several registered agencies"),
    "parent_unknown": ({}, "không tìm thấy cơ quan cấp trên trong sổ của tỉnh hoặc trong tệp / "
                           "no agency of this name in the register or in the file"),
    "parent_not_imported": ({}, "cơ quan cấp trên không nhập được (dòng của nó có lỗi, hoặc các dòng lấy nhau làm "
                                "cấp trên) / the parent row was not imported (it has errors, or the rows form a loop)"),
    "attachment_too_large": ({"limit": 20 * 1024 * 1024}, "Tệp đính kèm vượt quá 20 MB, không được lưu / the file "
                                                           "is larger than 20 MB and was not stored"),
    "attachment_type_not_allowed": ({"detected": "text/html"},
                                    "Chỉ nhận tệp PDF, PNG, JPEG, DOCX hoặc XLSX (kiểm tra theo nội dung tệp, không "
                                    "theo tên); tệp không được lưu / only PDF, PNG, JPEG, DOCX or XLSX files are "
                                    "accepted (judged by their content, not their name); the file was not stored"),
    "attachment_file_missing": ({}, "Chưa chọn tệp đính kèm (trường 'file') / the multipart field 'file' is missing"),
    "attachment_not_found": ({"attachment_id": AGENCY}, f"Không tìm thấy tệp đính kèm {AGENCY} / attachment "
                                                        f"{AGENCY} not found"),
    "attachment_record_not_found": ({"record_id": AGENCY, "record_kind": "announcement"},
                                    f"Không tìm thấy hồ sơ {AGENCY} của cơ quan để đính kèm / no record {AGENCY} "
                                    "(announcement) of this agency to attach to"),
    "attachments_unavailable": ({}, "Kho lưu trữ tệp đính kèm chưa được cấu hình / the attachments' object store "
                                    "is not configured"),
    "workbook_unsafe": ({}, "tệp .xlsx chứa khai báo thực thể XML (DTD), hệ thống không đọc loại tệp này; hãy lưu lại "
                            "tệp bằng Excel hoặc LibreOffice / the workbook declares XML entities (a DTD), which are "
                            "refused; save it again from Excel or LibreOffice"),
}


def codes_in_the_source() -> set[str]:
    """The codes raised (`NotFound("code", ...)`, `partial(NotFound, "code", ...)`, a class's `code = "..."`),
    reported (`CellError(row, column, "code", ...)`, `file_refused(errors, "code")`) or said (`say("code")`) anywhere
    in the registry."""
    codes = set()
    for path in SOURCE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", None))
                args = node.args
                if name == "partial" and args and getattr(args[0], "id", None) in ERRORS:
                    args = args[1:]
                    name = "NotFound"
                position = {"CellError": 2, "say": 0, "file_refused": 1}.get(name, 0 if name in ERRORS else None)
                if position is None or len(args) <= position:
                    continue
                assert not isinstance(args[position], ast.JoinedStr), f"{path.name}:{node.lineno}: a sentence"
                if isinstance(args[position], ast.Constant):
                    codes.add(args[position].value)
            elif isinstance(node, ast.ClassDef):
                codes |= {statement.value.value for statement in node.body if isinstance(statement, ast.Assign)
                          and [getattr(t, "id", None) for t in statement.targets] == ["code"]
                          and isinstance(statement.value, ast.Constant)}
    return codes


class TestTheCatalogue:
    def test_every_code_in_the_source_has_an_entry_and_every_entry_is_used(self):
        codes = codes_in_the_source()

        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", code) for code in codes), codes
        assert codes | KIT_CODES == set(MESSAGES)
        assert set(TEXTS) == set(MESSAGES) - {"invalid_transition", "layout_invalid"}

    @pytest.mark.parametrize("code", sorted(TEXTS))
    def test_each_entry_says_what_the_registry_says(self, code):
        params, text = TEXTS[code]

        assert say(code, params) == text


class TestCompositeEntries:
    def test_a_refused_move_names_the_command_and_the_status_in_both_languages(self):
        with pytest.raises(InvalidTransition) as refused:
            QUALITY_SYSTEM.next("apply", "CHUA_XAY_DUNG")

        assert render(refused.value, MESSAGES) == ("Không thể đưa vào áp dụng khi HTQLCL chưa xây dựng / "
                                                   "cannot put into use a quality system that is not built")

    @pytest.mark.parametrize("command", sorted(QUALITY_SYSTEM.moves))
    def test_every_command_and_status_has_its_words(self, command):
        for current in ("CHUA_XAY_DUNG", "DANG_XAY_DUNG", "DANG_AP_DUNG", "DA_CONG_BO", "CAN_CONG_BO_LAI",
                        "DANG_CHUYEN_DOI", "NGUNG_AP_DUNG"):
            if not QUALITY_SYSTEM.allows(command, current):
                with pytest.raises(InvalidTransition) as refused:
                    QUALITY_SYSTEM.next(command, current)
                assert " / cannot " in render(refused.value, MESSAGES)

    def test_a_layout_error_lists_each_cell_for_the_command_line(self):
        error = LayoutInvalid([CellError(1, "Ghi chú", "unknown_column"),
                               CellError(12, "", "too_many_rows", {"max_rows": 10})])

        assert render(error, MESSAGES) == ("Ghi chú: cột không có trong mẫu / unknown column; "
                                           "sheet: tối đa 10 dòng / at most 10 rows")

    def test_an_error_without_an_entry_is_shown_as_its_code(self):
        assert render(RuleViolated("not_in_the_catalogue", x=1), MESSAGES) == "not_in_the_catalogue(x=1)"
