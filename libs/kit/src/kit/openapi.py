"""The request headers kit handles for every route, in each service's OpenAPI document (an apispec plugin).

`Idempotency-Key` on every POST (kit.idempotency) and `If-Match` on every PATCH and PUT (kit.preconditions) are
read by kit, not by a route's schema, so flask-smorest would not list them: this plugin adds them to each
operation, as references to one component each.
"""

from __future__ import annotations

from apispec import BasePlugin

IDEMPOTENCY_KEY = {
    "in": "header", "name": "Idempotency-Key", "required": False,
    "schema": {"type": "string", "pattern": "^[A-Za-z0-9_.:-]{1,64}$"},
    "description": "Gửi lại cùng khóa và cùng nội dung thì nhận lại câu trả lời đầu tiên, không thực hiện lần hai / "
                   "the same key with the same request answers the first answer again (Idempotent-Replayed: true) "
                   "for 24 hours; with another request: 422 idempotency_key_reused; while the first runs: 409."}
IF_MATCH = {
    "in": "header", "name": "If-Match", "required": True, "schema": {"type": "string", "example": '"3"'},
    "description": "ETag của bản ghi đã đọc / the ETag the record was read with: 428 without it, 412 when the "
                   "record changed since."}
HEADERS = {"post": ("IdempotencyKey", IDEMPOTENCY_KEY), "patch": ("IfMatch", IF_MATCH), "put": ("IfMatch", IF_MATCH)}


class KitHeaders(BasePlugin):
    def init_spec(self, spec) -> None:
        super().init_spec(spec)
        for name, parameter in dict(HEADERS.values()).items():
            spec.components.parameter(name, parameter["in"], {k: v for k, v in parameter.items() if k != "in"})

    def operation_helper(self, path=None, operations=None, **kwargs) -> None:
        for method, operation in (operations or {}).items():
            if method in HEADERS:
                parameters = operation.setdefault("parameters", [])
                if HEADERS[method][0] not in parameters:
                    parameters.append(HEADERS[method][0])  # a component's name: apispec makes it a $ref
