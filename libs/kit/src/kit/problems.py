"""The codes of the problems kit itself answers (the framework's refusals, tokens, preconditions, body limits) and
what they say in `detail` to API users, Vietnamese then English; the gateway's web UI has its own words for each
code (ADR 34). Every problem carries `code` and `params`; a status with no code of its own gets `STATUS_CODES`'.
"""

from __future__ import annotations

from kit import idempotency, inbound, lineage, preconditions
from kit.messages import Catalogue

STATUS_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "no_such_resource", 405: "method_not_allowed",
    406: "not_acceptable", 409: "conflict", 413: "body_too_large", 415: "unsupported_media_type",
    422: "invalid_request", 428: "precondition_required", 429: "too_many_requests", 500: "unexpected_error",
    503: "not_ready",
}
INVALID_REQUEST = "invalid_request"  # 400 or 422 with field errors (`errors`, `error_codes`)


def _stale(current: int | None = None, expected: int | None = None) -> str:
    if current is None:
        return preconditions.STALE_CONCURRENT
    return preconditions.STALE.format(current=current, expected=expected)


MESSAGES: Catalogue = {
    "bad_request": "Yêu cầu không hợp lệ / the request is not valid",
    "unauthorized": "Cần đăng nhập / authentication is required",
    "forbidden": "Không có quyền thực hiện việc này / you may not do this",
    "no_such_resource": "Không tìm thấy địa chỉ hoặc bản ghi này / no such address or record",
    "method_not_allowed": "Địa chỉ này không nhận phương thức {method} / this address does not take {method}",
    "not_acceptable": "Không có định dạng trả lời mà yêu cầu chấp nhận / no answer format the request accepts",
    "conflict": "Xung đột với trạng thái hiện tại của bản ghi / conflicts with the record's current state",
    "unsupported_media_type": "Kiểu nội dung không được hỗ trợ (cần application/json) / unsupported content type "
                              "(send application/json)",
    "invalid_request": "Yêu cầu không hợp lệ, xem `errors` / the request is not valid; see `errors`.",
    "too_many_requests": "Quá nhiều yêu cầu; hãy thử lại sau / too many requests; try again later",
    "unexpected_error": "Lỗi không mong đợi; hãy báo mã yêu cầu / an unexpected error occurred; quote the request id.",
    "not_ready": "Dịch vụ chưa sẵn sàng / not ready",
    "body_too_large": "Nội dung gửi lên vượt quá {limit} byte / the request body is larger than {limit} bytes",
    "tenant_missing": "Mã truy cập không nêu tỉnh / no tenant in the token",
    "value_refused": "Dữ liệu không hợp lệ (ký tự NUL, số quá lớn...) / the database refused a value (a NUL "
                     "character, a number out of range...)",
    # tokens and roles (kit.auth)
    "token_missing": "Thiếu mã truy cập / missing bearer token",
    "token_malformed": "Tiêu đề Authorization phải là 'Bearer <mã>' / the Authorization header must be "
                       "'Bearer <token>'",
    "token_expired": "Mã truy cập đã hết hạn / the token has expired",
    "token_invalid": "Mã truy cập không hợp lệ / invalid token",
    "token_key_unknown": "Mã truy cập ký bằng khóa không rõ / unknown signing key",
    "role_required": lambda roles: (f"Thao tác này cần một trong các vai trò: {', '.join(roles)} / this action needs "
                                    f"one of the roles: {', '.join(roles)}"),
    # preconditions, idempotency keys, input checks (kit.preconditions, kit.idempotency, kit.inbound)
    "precondition_required": preconditions.MISSING,
    "version_stale": _stale,
    **{refused.code: refused.detail for refused in (idempotency.INVALID, idempotency.IN_USE, idempotency.REUSED)},
    "json_too_deep": inbound.TOO_DEEP,
    "text_too_long": inbound.TOO_LONG,
    "invalid_character": inbound.NOT_TEXT,
    **lineage.MESSAGES,
}
