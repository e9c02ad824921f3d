"""What the budget service's errors say (code -> text), rendered at the edge into the problem's `detail`.
Vietnamese first, then English, as the province's officers read them."""

from __future__ import annotations

from budget.model.lines import Move
from budget.model.money import format_vnd

MOVES = {
    Move.REVISE: "sửa dự toán / revise the estimate",
    Move.APPROVE: "giao dự toán / approve",
    Move.DISBURSE: "chi / disburse",
    Move.SETTLE: "quyết toán / settle",
    Move.CLOSE: "quyết toán / settle",
}


def over_cap(*, amount: int, cap: int) -> str:
    return (f"Vượt định mức chi theo Thông tư 116/2015/TT-BTC: {format_vnd(amount)} > {format_vnd(cap)}; cần ghi "
            f"nhận lý do và văn bản cho phép / over the cap of Thông tư 116/2015/TT-BTC: {amount} VND > {cap} VND; "
            "record an override with a reason and a document")


def over_approved(*, total: int, approved: int) -> str:
    return (f"Vượt dự toán được giao: {format_vnd(total)} > {format_vnd(approved)} / the disbursed total "
            f"{total} VND would exceed the approved {approved} VND")


def over_disbursed(*, total: int, disbursed: int) -> str:
    return (f"Số quyết toán vượt số đã chi: {format_vnd(total)} > {format_vnd(disbursed)} / the settled total "
            f"{total} VND would exceed the disbursed {disbursed} VND")


def wrong_status(*, line_id: object, status: str, action: Move) -> str:
    action_text = MOVES[action]
    return (f"Dự toán {line_id} đang ở trạng thái {status}, không thể {action_text} / budget line is {status}; "
            f"cannot {action_text}")


MESSAGES = {
    # budget lines
    "line_not_found": "Không tìm thấy dự toán {line_id} / budget line {line_id} not found",
    "agency_not_found": "Không tìm thấy cơ quan {agency_id} / agency {agency_id} not found",
    "unknown_agency": "Cơ quan {agency_id} chưa có trong danh sách của tỉnh / agency {agency_id} is not known to "
                      "the budget service (yet)",
    "owner_and_agency_mismatch": "Dự toán của cơ quan phải có agency_id, của chương trình thì không / an AGENCY "
                                 "line needs agency_id and a PROGRAMME line must not have one",
    "over_cap": over_cap,
    "over_approved": over_approved,
    "over_disbursed": over_disbursed,
    "wrong_status": wrong_status,
    "expenditure_already_recorded": "Khoản chi {origin} {origin_ref} đã được ghi nhận / already recorded",
    # roles (403, answered as `@require` answers: kit.auth.Forbidden)
    "override_needs_budget_staff": ("Chỉ cán bộ ngân sách của tỉnh được ghi nhận vượt định mức / only the province's "
                                    "budget officers record an override of the cap"),
    "agency_officer_names_their_agency": ("Cán bộ cơ quan chỉ lập dự toán của cơ quan mình / an agency officer "
                                          "estimates only their agency's lines"),
    # cost norms
    "cost_norm_not_found": "Không tìm thấy định mức {norm_code} / cost norm {norm_code} not found",
    "cost_norm_exists": ("Định mức {norm_code} đã có; hãy thêm phiên bản mới / cost norm {norm_code} exists; add a "
                         "version instead"),
    "unknown_legal_basis": ("Căn cứ pháp lý {legal_basis_code!r} không có trong danh mục / legal_basis_code "
                            "{legal_basis_code!r} is not a known legal basis"),
    "effective_from_before_previous": ("Ngày hiệu lực không được trước ngày hiệu lực của phiên bản trước / "
                                       "effective_from must not be before the previous version's"),
    "percent_norm_needs_reference": ("Định mức theo tỷ lệ cần tỷ lệ phần trăm và khoản mục hoặc mức tham chiếu / a "
                                     "percent norm needs percent and a reference_item or reference_level"),
    "min_value_over_max_value": "Mức tối thiểu không được lớn hơn mức tối đa / min_value must not exceed max_value",
    "effective_to_before_effective_from": ("Ngày hết hiệu lực không được trước ngày có hiệu lực / effective_to must "
                                           "not be before effective_from"),
    # disbursements (issue 20)
    "origin_not_manual": "Khoản chi nhập tay không được mang nguồn {origin}: chi phí của lớp học, đoàn kiểm tra do "
                         "hệ thống tự ghi nhận / a manual disbursement cannot claim origin {origin}: the actual "
                         "costs of classes and inspections are recorded from their services",
}
