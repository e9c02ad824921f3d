"""The registry's message catalogue: what each error code says, in Vietnamese and English where the people who
read it need both (kit.messages). The API renders every DomainError through it; the import's cell errors are
rendered by the API and the command line with `say`."""

from __future__ import annotations

from collections.abc import Mapping

from contracts.registry import QualitySystemStatus as Status
from kit.attachments import MESSAGES as ATTACHMENT_MESSAGES
from kit.messages import Catalogue, render_code

QUALITY_SYSTEM_STATUSES = {
    Status.CHUA_XAY_DUNG: ("chưa xây dựng", "not built"),
    Status.DANG_XAY_DUNG: ("đang xây dựng", "being built"),
    Status.DANG_AP_DUNG: ("đang áp dụng", "applied"),
    Status.DA_CONG_BO: ("đã công bố", "announced"),
    Status.CAN_CONG_BO_LAI: ("cần công bố lại", "awaiting re-announcement"),
    Status.DANG_CHUYEN_DOI: ("đang chuyển đổi phiên bản", "transitioning to a new version"),
    Status.NGUNG_AP_DUNG: ("ngừng áp dụng", "stopped"),
}
QUALITY_SYSTEM_COMMANDS = {
    "start_building": ("bắt đầu xây dựng", "start building"),
    "apply": ("đưa vào áp dụng", "put into use"),
    "announce": ("công bố", "announce"),
    "change_scope": ("thay đổi phạm vi", "change the scope of"),
    "start_transition": ("chuyển đổi phiên bản", "start the version transition of"),
    "stop": ("ngừng áp dụng", "stop"),
}
QUALITY_SYSTEM_STEPS = {
    "start-building": ("bắt đầu xây dựng", "start of building"),
    "apply": ("đưa vào áp dụng", "putting into use"),
    "announce": ("công bố", "announcement"),
    "change-scope": ("thay đổi phạm vi", "change of scope"),
    "start-transition": ("chuyển đổi phiên bản", "start of the version transition"),
    "receive": ("tiếp nhận thông báo công bố", "receipt of the announcement"),
}
SETTING_FORMATS = {"maintenance_deadline": "dd/mm, e.g. 30/11", "reannouncement_days": "a number of days, e.g. 30",
                   "announce_requires_audits": "1 (required) or 0 (not required)"}
# What the field checks of marshmallow say, in the import's words (other messages are shown as they are).
FIELD_CHECKS = {
    "Missing data for required field.": "ô bắt buộc đang trống / required",
    "Not a valid URL.": "địa chỉ website không hợp lệ / not a valid URL",
    "Not a valid integer.": "phải là số nguyên / not a whole number",
}


def _invalid_transition(action: str, current: str, **_move: object) -> str:
    action_vi, action_en = QUALITY_SYSTEM_COMMANDS[action]
    status_vi, status_en = QUALITY_SYSTEM_STATUSES[Status(current)]
    return f"Không thể {action_vi} khi HTQLCL {status_vi} / cannot {action_en} a quality system that is {status_en}"


def _layout_invalid(errors) -> str:
    return "; ".join(f"{error.column or 'sheet'}: {say(error.code, error.params)}" for error in errors)


MESSAGES: Catalogue = {
    # provinces and agencies
    "tenant_not_found": "Không tìm thấy tỉnh {tenant!r} / province {tenant!r} not found",
    "tenant_not_registered": ("Tỉnh {tenant!r} chưa được đăng ký trên nền tảng / province {tenant!r} is not "
                              "registered on the platform"),
    "tenant_exists": "Tỉnh {tenant!r} đã được đăng ký / province {tenant!r} is already registered",
    "public_province_not_found": ("Không có tỉnh, thành phố {province!r} trong danh sách công khai (các tỉnh, thành "
                                  "phố hiện nay; một tỉnh đã hợp nhất có trong danh sách của tỉnh mới) / no province "
                                  "{province!r} among today's provinces"),
    "unknown_province_code": "official_code: mã tỉnh {code} không có trong danh mục đơn vị hành chính / "
                             "official_code: {code} is not a province code in the reference",
    "province_code_retired": lambda code, name, until, successors: (
        f"official_code: mã {code} ({name}) hết hiệu lực từ sau {until:%d/%m/%Y}; dùng mã hiện hành "
        f"{', '.join(successors) or '?'} (QĐ 19/2025/QĐ-TTg), hoặc khai báo tỉnh lịch sử (historical) / "
        f"official_code: {code} ({name}) was retired after {until:%d/%m/%Y}; use the code in force "
        f"{', '.join(successors) or '?'}, or declare a historical province"),
    "province_code_not_retired": "official_code: mã {code} không phải mã đã hết hiệu lực của một tỉnh, không thể "
                                 "khai báo tỉnh lịch sử / official_code: {code} is not a retired province code, "
                                 "so the province cannot be historical",
    # province successions (the 2025 reorganisation)
    "succession_without_predecessors": "Sắp xếp đơn vị hành chính cần ít nhất một tỉnh trước sắp xếp / "
                                       "a succession needs at least one predecessor province",
    "succession_into_itself": "Tỉnh {tenant!r} không thể vừa là tỉnh trước vừa là tỉnh sau sắp xếp / "
                              "province {tenant!r} cannot succeed itself",
    "succession_predecessor_twice": "Một tỉnh được nêu hai lần trong danh sách tỉnh trước sắp xếp / "
                                    "a predecessor province is named twice",
    "province_already_succeeded": "Tỉnh {tenant!r} đã được sắp xếp vào {successor!r} / "
                                  "province {tenant!r} was already merged into {successor!r}",
    "succession_plan_incomplete": "Phương án sắp xếp chưa đầy đủ: {unmapped} cơ quan chưa được phân, {conflicts} "
                                  "mâu thuẫn (chạy thử để xem chi tiết) / the plan is incomplete: {unmapped} agencies "
                                  "unmapped, {conflicts} conflicts (see the dry run)",
    "succession_not_found": "Không tìm thấy việc kế thừa {succession_id} / succession {succession_id} not found",
    "agency_not_found": "Không tìm thấy cơ quan {agency_id} / agency {agency_id} not found",
    "agency_ended": ("Cơ quan {agency_id} đang ở trạng thái {status}, không thể thay đổi nữa / agency {agency_id} is "
                     "{status} and can no longer change"),
    "parent_not_in_province": ("Cơ quan cấp trên (parent_agency_id) không phải cơ quan của tỉnh này / "
                               "parent_agency_id does not name an agency of this province"),
    "unknown_unit_code": "location_unit_code: mã {code} không phải mã tỉnh, huyện hay xã có hiệu lực ngày "
                         "{on:%d/%m/%Y} trong danh mục đơn vị hành chính / location_unit_code: {code} is not a "
                         "province, district or commune code in force on {on:%d/%m/%Y}",
    "own_parent": "Cơ quan không thể là cấp trên của chính mình / an agency cannot be its own parent",
    "successor_not_in_province": ("Cơ quan kế thừa (successor_agency_id) không phải cơ quan của tỉnh này / "
                                  "successor_agency_id does not name an agency of this province"),
    "merged_into_itself": "Không thể sáp nhập cơ quan vào chính nó / an agency cannot be merged into itself",
    "ended_before_valid_from": ("Ngày giải thể trước ngày cơ quan bắt đầu hoạt động / dissolved_on is before the "
                                "agency's valid_from"),
    "override_not_cited": "Ghi đè mức độ bắt buộc phải dẫn số và ngày của kế hoạch/quyết định của tỉnh / "
                          "an obligation override must cite the provincial decision number and date",
    # the quality system
    "invalid_transition": _invalid_transition,
    "quality_system_of_ended_agency": "Cơ quan đã {status}, không thể thay đổi HTQLCL / "
                                      "the agency is {status}; its quality system can no longer change",
    "no_quality_system": "Cơ quan chưa có HTQLCL / agency {agency_id} has no quality system on record",
    "quality_system_exists": "Cơ quan đã có HTQLCL / the agency already has a quality system",
    "unknown_standard": "Phiên bản tiêu chuẩn không có trong danh mục / unknown standard version {standard!r}",
    "new_build_too_late": "Không được xây dựng mới theo {standard} sau {until:%d/%m/%Y} / "
                          "no new build on {standard} after {until:%d/%m/%Y}",
    "standard_past_transition": "Không được công bố theo {standard} sau thời hạn chuyển đổi {deadline:%d/%m/%Y}; "
                                "công bố theo phiên bản hiện hành / no announcement on {standard} after its "
                                "transition deadline {deadline:%d/%m/%Y}: announce on the version in force",
    "before_previous_step": "Ngày {on:%d/%m/%Y} trước ngày của bước trước ({since:%d/%m/%Y}) / "
                            "the date {on:%d/%m/%Y} is before the previous step ({since:%d/%m/%Y})",
    "after_next_step": "Ngày {on:%d/%m/%Y} sau ngày của bước sau ({until:%d/%m/%Y}) / "
                       "the date {on:%d/%m/%Y} is after the next step ({until:%d/%m/%Y})",
    "date_unchanged": "Ngày {on:%d/%m/%Y} trùng với ngày đã ghi nhận / {on:%d/%m/%Y} is already the date on record",
    "step_not_recorded": lambda step: (
        f"Bước {QUALITY_SYSTEM_STEPS[step][0]} chưa được ghi nhận trong HTQLCL / the quality system has no "
        f"{QUALITY_SYSTEM_STEPS[step][1]} on record"),
    "already_on_2015": "HTQLCL đã áp dụng TCVN ISO 9001:2015 / the quality system is already on TCVN ISO 9001:2015",
    "unknown_scope_reason": "Lý do thay đổi phạm vi không hợp lệ / unknown scope change reason {reason!r}",
    "audits_missing": lambda missing: (
        "Chưa có hồ sơ đánh giá nội bộ và xem xét của lãnh đạo trong 365 ngày đến ngày quyết định công bố / an "
        "internal audit and a management review of the 365 days up to the decision must be on record "
        f"(missing: {', '.join(missing)})"),
    "reannouncement_without_reason": "Công bố lại phải nêu lý do / a re-announcement needs a reason",
    "transition_not_closed_on_2015": "Kết thúc chuyển đổi phải công bố theo TCVN ISO 9001:2015 / "
                                     "closing a transition needs an announcement on TCVN ISO 9001:2015",
    "announcement_not_found": ("Không tìm thấy thông báo công bố {announcement_id} / announcement {announcement_id} "
                               "not found"),
    "announcement_not_pending": "Thông báo công bố đã được tiếp nhận hoặc đã hết hiệu lực / "
                                "the announcement was already received or has been superseded",
    "unknown_activity_type": "Loại hoạt động không hợp lệ / unknown activity type {activity_type!r}",
    # attachments (ADR 31)
    **ATTACHMENT_MESSAGES,
    "attachment_not_found": "Không tìm thấy tệp đính kèm {attachment_id} / attachment {attachment_id} not found",
    "attachment_record_not_found": ("Không tìm thấy hồ sơ {record_id} của cơ quan để đính kèm / no record "
                                    "{record_id} ({record_kind}) of this agency to attach to"),
    # ISO officers
    "officer_not_found": "Không tìm thấy cán bộ {officer_id} / officer {officer_id} not found",
    "appointment_ended": "Người này đã thôi nhiệm vụ / this appointment has already ended",
    "removed_before_appointed": "Ngày thôi nhiệm vụ trước ngày được phân công / removed_on is before appointed_on",
    # settings and the reference
    "setting_invalid": lambda key: (
        f"Giá trị không hợp lệ cho {key} / {key} must be {SETTING_FORMATS.get(key, 'text')}"),
    "no_such_setting": "Không có tham số {key!r} / no setting named {key!r}",
    "unknown_obligation": "Không rõ mức bắt buộc {obligation!r} / unknown obligation {obligation!r}",
    "no_obligation_rule": ("Chưa có quy định bắt buộc cho loại cơ quan {agency_type!r} / no obligation rule for "
                           "agency type {agency_type!r}"),
    "unknown_legal_basis": "Căn cứ pháp lý không có trong danh mục / unknown legal basis {legal_basis_code!r}",
    "unit_code_used": "Mã {code} đã được dùng trong {scheme} / code {code} is already used in {scheme}",
    "valid_to_before_valid_from": "Ngày hết hiệu lực trước ngày có hiệu lực / valid_to is before valid_from",
    # the XLSX import: the file
    "no_file": "gửi tệp .xlsx trong thân yêu cầu hoặc trường 'file' / "
               "send the .xlsx as the body or as the multipart field 'file'",
    "not_a_workbook": lambda damage: {
        "zip": "Không đọc được tệp .xlsx: tệp không phải bảng tính Excel (.xlsx) / not an .xlsx workbook: the file "
               "is not a ZIP archive",
        "content": "Không đọc được tệp .xlsx: nội dung bảng tính bị hỏng hoặc không đúng định dạng / not an .xlsx "
                   "workbook: its content is damaged or not a workbook's"}[damage],
    "workbook_too_large": "không đọc được tệp .xlsx / not an .xlsx workbook: "
                          "tệp giải nén quá lớn / the workbook unpacks to {size} bytes",
    "layout_invalid": _layout_invalid,
    "layout_refused": "Hàng tiêu đề không đúng mẫu / the header row does not follow the layout.",
    "import_refused": "{count} lỗi, không nhập cơ quan nào / {count} errors; nothing was imported.",
    # the XLSX import: a cell
    "unknown_column": "cột không có trong mẫu / unknown column",
    "column_twice": "cột xuất hiện hai lần / column appears twice",
    "required_column_missing": "thiếu cột bắt buộc / required column missing",
    "too_many_rows": "tối đa {max_rows} dòng / at most {max_rows} rows",
    "invalid_date": "ngày không hợp lệ, dùng dd/mm/yyyy / not a dd/mm/yyyy date: {value}",
    "unknown_code": lambda value, codes: (
        f"«{value}» không phải mã hợp lệ / not a known code: dùng / use {', '.join(codes)} (sheet «Danh mục»)"),
    "invalid_cell": lambda problems: "; ".join(FIELD_CHECKS.get(problem, problem) for problem in problems),
    # the XLSX plan of a province succession: a cell
    "plan_agency_missing": "thiếu mã cơ quan / the agency id is missing",
    "not_an_agency_id": "«{value}» không phải mã cơ quan (UUID) / not an agency id (a UUID)",
    "unknown_plan_action": "«{value}» không phải phương án: dùng Tiếp tục, Sáp nhập hoặc Chấm dứt / not an action: "
                           "use continue, merge or end",
    "name_registered": "đã có cơ quan cùng tên trong sổ của tỉnh / an agency of this name is already registered",
    "name_repeated": "trùng tên với dòng {first_row} / same name as row {first_row}",
    "parent_is_itself": "cơ quan không thể là cấp trên của chính nó / an agency cannot be its own parent",
    "parent_ambiguous": "tên này khớp nhiều cơ quan trong sổ / this name matches several registered agencies",
    "parent_unknown": "không tìm thấy cơ quan cấp trên trong sổ của tỉnh hoặc trong tệp / "
                      "no agency of this name in the register or in the file",
    "parent_not_imported": "cơ quan cấp trên không nhập được (dòng của nó có lỗi, hoặc các dòng lấy nhau làm cấp "
                           "trên) / the parent row was not imported (it has errors, or the rows form a loop)",
    # the XLSX import: unsafe XML (issue 20)
    # the XLSX import as a job (ADR 25)
    "import_job_not_found": "Không có lần nhập này trong tỉnh / no such import job in this province",
    "import_broke": "Lần nhập bị lỗi hệ thống, không nhập cơ quan nào; hãy tải tệp lên lại / the import broke "
                    "(a system error) and imported nothing; upload the file again",
    "workbook_unsafe": "tệp .xlsx chứa khai báo thực thể XML (DTD), hệ thống không đọc loại tệp này; hãy lưu lại tệp "
                       "bằng Excel hoặc LibreOffice / the workbook declares XML entities (a DTD), which are refused; "
                       "save it again from Excel or LibreOffice",
}


def say(code: str, params: Mapping[str, object] | None = None) -> str:
    """A code and its parameters in the catalogue's words."""
    return render_code(code, params or {}, MESSAGES)
