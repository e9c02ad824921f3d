"""Flask helpers every service and the gateway share: problem+json, request id, auth, probes, metrics."""

from __future__ import annotations

import datetime
import logging
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import flask_smorest
import marshmallow as ma
from flask import Flask, Response, current_app, g, jsonify, request
from flask.json.provider import DefaultJSONProvider
from sqlalchemy.exc import DataError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.http import HTTP_STATUS_CODES

from kit import auth, errors, idempotency, inbound, lineage, messages, metrics, openapi, preconditions, tenancy

log = logging.getLogger("kit.http")

PROBLEM = "application/problem+json"
PUBLIC_PATHS = ("/livez", "/readyz", "/metrics")
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
NOT_VALID = "Yêu cầu không hợp lệ, xem `errors` / the request is not valid; see `errors`."
HTTP_DETAILS = {  # what the framework's own refusals say, in the words of the rest of the API
    400: "Yêu cầu không hợp lệ / the request is not valid",
    401: "Cần đăng nhập / authentication is required",
    403: "Không có quyền thực hiện việc này / you may not do this",
    404: "Không tìm thấy địa chỉ hoặc bản ghi này / no such address or record",
    405: "Địa chỉ này không nhận phương thức {method} / this address does not take {method}",
    406: "Không có định dạng trả lời mà yêu cầu chấp nhận / no answer format the request accepts",
    409: "Xung đột với trạng thái hiện tại của bản ghi / conflicts with the record's current state",
    415: "Kiểu nội dung không được hỗ trợ (cần application/json) / unsupported content type (send application/json)",
    422: "Yêu cầu không hợp lệ / the request is not valid",
    429: "Quá nhiều yêu cầu; hãy thử lại sau / too many requests; try again later",
}


class ProblemSchema(ma.Schema):
    """RFC 9457 problem details."""

    type = ma.fields.String()
    title = ma.fields.String()
    status = ma.fields.Integer()
    detail = ma.fields.String()
    errors = ma.fields.Dict(metadata={"description": "field -> messages"})
    request_id = ma.fields.String()


class Choice(ma.fields.Enum):
    """An enum field that loads and dumps the plain string value (what the database stores)."""

    def __init__(self, enum, **kwargs):
        super().__init__(enum, by_value=True, **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else str(getattr(value, "value", value))

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).value


class Api(flask_smorest.Api):
    ERROR_SCHEMA = ProblemSchema

    def handle_http_exception(self, error: HTTPException):
        data = getattr(error, "data", None) or {}
        messages = data.get("errors") or data.get("messages")
        if isinstance(messages, dict) and set(messages) <= {"json", "query", "view_args"} and len(messages) == 1:
            [messages] = messages.values()
        detail = data.get("message") or said(error)
        if messages and error.code in (400, 422):
            detail = NOT_VALID
        return problem(error.code or 500, error.name, detail, errors=messages, headers=data.get("headers"))


def problem(status: int, title: str, detail: str | None = None, *, errors=None, headers=None,
            type_: str = "about:blank", extra: dict | None = None) -> Response:
    """An RFC 9457 answer; `extra` adds members of the problem type (RFC 9457 section 3.2)."""
    body = {"type": type_, "title": title, "status": status, "request_id": g.get("request_id")}
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    body.update(extra or {})
    response = jsonify(body)
    response.status_code = status
    response.content_type = PROBLEM
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


@dataclass
class AppSpec:
    """What `create_app` needs to know about one service."""

    name: str
    prefix: str
    verifier: auth.TokenVerifier | None
    readiness: list[Callable[[], None]] = field(default_factory=list)
    max_body_bytes: int = 1 << 20
    # The province a caller's province merged into, when in force today (`Runtime.successor`): its users' writes
    # are refused (ADR 16). None: the app has no database, nothing is refused.
    successor: Callable[[tenancy.TenantId], lineage.TenantLineage | None] | None = None
    # Give a JSON answer carrying a `version` its ETag (kit.preconditions). Off in the gateway: the services tag
    # their own answers, and reading every proxied body again cost a JSON parse per request.
    tags_versions: bool = True


class JsonProvider(DefaultJSONProvider):
    """Every JSON answer: ISO 8601 dates and times (Flask's default writes a `date` as an RFC 1123 HTTP date),
    Vietnamese as it is (not \\u escapes)."""

    ensure_ascii = False

    @staticmethod
    def default(o: object) -> object:
        if isinstance(o, datetime.date | datetime.time):  # a datetime is a date
            return o.isoformat()
        return DefaultJSONProvider.default(o)


def create_app(spec: AppSpec) -> tuple[Flask, Api]:
    """A Flask app with the shared behaviour; the service registers its blueprints on the `Api`."""
    app = Flask(spec.name)
    app.config.update(
        API_TITLE=f"ISO-HCC {spec.name}", API_VERSION="v1", OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX=spec.prefix, OPENAPI_JSON_PATH="openapi.json",
        MAX_CONTENT_LENGTH=spec.max_body_bytes, JSON_SORT_KEYS=False,
    )
    app.json = JsonProvider(app)
    app.request_class = inbound.Request
    api = Api(app, spec_kwargs={"components": {"securitySchemes": {
        "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}}, "security": [{"bearer": []}],
        "extra_plugins": [openapi.KitHeaders()]})
    public = (*PUBLIC_PATHS, f"{spec.prefix}/openapi.json")
    app.before_request(lambda: _before(spec, public))
    app.before_request(idempotency.before)  # after the token check: a key is the caller's
    app.after_request(idempotency.after)  # after kit's own (Flask runs them last first): the answer has its ETag
    app.after_request(lambda response: _after(spec, response))
    _register_errors(app)
    _register_probes(app, spec)
    return app, api


def _before(spec: AppSpec, public: tuple[str, ...]) -> Response | None:
    g.request_id = request_id(request.headers.get("X-Request-Id"))
    g.started = time.perf_counter()
    if request.path not in public and not _public_route() and spec.verifier is not None:
        g.principal = spec.verifier.verify(auth.bearer_token(request.headers.get("Authorization")))
        refused = _refuse_succeeded(spec)
        if refused is not None:
            return refused
    request.check()  # the JSON body's depth, texts and NFC (kit.inbound), once for every route
    return None


def _public_route() -> bool:
    """A route marked with `auth.public`: its URL is its credential."""
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    return getattr(view, "public", False)


def request_id(given: str | None) -> str:
    """The client's request id when it is a plain token of at most 64 characters (what the audit trail stores),
    else a fresh one: a client's id goes into logs and the audit trail, so it cannot carry anything else."""
    if given and REQUEST_ID.fullmatch(given):
        return given
    return uuid.uuid4().hex


def _refuse_succeeded(spec: AppSpec) -> Response | None:
    """A write as a province merged into another is refused from the effective date; reads stay (its archive).
    One primary-key lookup, for writes only."""
    tenant = g.principal.tenant
    if spec.successor is None or tenant is None or request.method not in WRITES:
        return None
    succeeded = spec.successor(tenant)
    if succeeded is None:
        return None
    detail = messages.render_code(lineage.CODE, lineage.refusal(succeeded), lineage.MESSAGES)
    return problem(409, "Conflict", detail, type_=f"urn:iso-hcc:problem:{lineage.CODE}", extra={
        "code": lineage.CODE, "successor": succeeded.successor, "successor_name": succeeded.successor_name,
        "effective_date": succeeded.effective_date.isoformat()})


def _after(spec: AppSpec, response: Response) -> Response:
    response.headers["X-Request-Id"] = g.get("request_id", "")
    if spec.tags_versions:
        _tag(response)
    route = request.url_rule.rule if request.url_rule else "unmatched"
    elapsed = time.perf_counter() - g.get("started", time.perf_counter())
    metrics.HTTP_REQUESTS.labels(spec.name, route, request.method, response.status_code).inc()
    metrics.HTTP_LATENCY.labels(spec.name, route, request.method).observe(elapsed)
    if request.path not in PUBLIC_PATHS:
        principal = g.get("principal")
        log.info("request", extra={
            "request_id": g.get("request_id"), "method": request.method, "path": request.path,
            "status": response.status_code, "duration_ms": round(elapsed * 1000, 1),
            "tenant": principal.tenant if principal else None, "subject": principal.subject if principal else None,
        })
    return response


def _tag(response: Response) -> None:
    """The ETag of a resource whose representation carries its `version` (kit.preconditions)."""
    if response.status_code not in (200, 201) or response.mimetype != "application/json" or response.is_streamed:
        return
    body = response.get_json(silent=True)
    version = body.get("version") if isinstance(body, dict) else None
    if isinstance(version, int) and not isinstance(version, bool):
        response.headers["ETag"] = preconditions.etag(version)


def _precondition_failed(error: preconditions.Failed) -> Response:
    headers = {"ETag": preconditions.etag(error.current)} if error.current is not None else None
    return problem(error.status, "Precondition Required" if error.status == 428 else "Precondition Failed",
                   error.detail, headers=headers, type_=f"urn:iso-hcc:problem:{error.code}", extra={"code": error.code})


def _register_errors(app: Flask) -> None:
    app.register_error_handler(auth.Unauthorized, lambda e: problem(
        401, "Unauthorized", str(e), headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}))
    app.register_error_handler(auth.Forbidden, lambda e: problem(403, "Forbidden", str(e)))
    app.register_error_handler(errors.DomainError, _domain_problem)
    app.register_error_handler(inbound.Refused, lambda e: problem(
        e.status, "Bad Request" if e.status == 400 else "Unprocessable Entity", e.detail,
        type_=f"urn:iso-hcc:problem:{e.code}", extra={"code": e.code}))
    app.register_error_handler(preconditions.Failed, _precondition_failed)
    app.register_error_handler(idempotency.Refused, lambda e: problem(
        e.status, HTTP_STATUS_CODES[e.status], e.detail, headers=e.headers, type_=f"urn:iso-hcc:problem:{e.code}",
        extra={"code": e.code}))
    app.register_error_handler(RequestEntityTooLarge, _too_large)
    app.register_error_handler(StaleDataError, lambda e: _precondition_failed(preconditions.Failed(
        "version_stale", 412, preconditions.STALE_CONCURRENT)))
    app.register_error_handler(tenancy.TenantNotSet, lambda e: problem(
        403, "Forbidden", "Mã truy cập không nêu tỉnh / no tenant in the token"))
    app.register_error_handler(DataError, lambda e: problem(
        422, "Unprocessable Entity", "Dữ liệu không hợp lệ (ký tự NUL, số quá lớn...) / the database refused a value "
                                     "(a NUL character, a number out of range...)"))
    app.register_error_handler(Exception, _unexpected)


MESSAGES = "kit.messages"  # the app's message catalogue (`Service.messages`)


def _domain_problem(error: errors.DomainError) -> Response:
    detail = messages.render(error, current_app.extensions.get(MESSAGES, {}))
    return problem(error.status, error.title, detail, type_=f"urn:iso-hcc:problem:{type(error).__name__}")


def said(error: HTTPException) -> str:
    """A framework refusal in Vietnamese and English, unless it was raised with words of its own."""
    if error.description != type(error).description or error.code not in HTTP_DETAILS:
        return error.description
    return HTTP_DETAILS[error.code].format(method=request.method)


def _too_large(_error: RequestEntityTooLarge) -> Response:
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    return problem(413, "Content Too Large", f"Nội dung gửi lên vượt quá {limit} byte / the request body is larger "
                                             f"than {limit} bytes", type_="urn:iso-hcc:problem:body_too_large",
                   extra={"code": "body_too_large"})


def _unexpected(exc: Exception) -> Response:
    if isinstance(exc, HTTPException):
        return problem(exc.code or 500, exc.name, said(exc))
    log.exception("unhandled error", extra={"request_id": g.get("request_id")})
    return problem(500, "Internal Server Error", "An unexpected error occurred; quote the request id.")


def _register_probes(app: Flask, spec: AppSpec) -> None:
    @app.get("/livez")
    def livez():
        return {"status": "ok"}

    @app.get("/readyz")
    def readyz():
        failures = {}
        for check in spec.readiness:
            try:
                check()
            except Exception:  # a probe reports, it does not raise; the library's words go to the log only
                log.exception("readiness check %s failed", check.__name__)
                failures[check.__name__] = "failed"
        if failures:
            return problem(503, "Service Unavailable", "not ready", errors=failures)
        return {"status": "ready"}

    @app.get("/metrics")
    def metrics_view():
        body, content_type = metrics.exposition()
        return Response(body, content_type=content_type)
