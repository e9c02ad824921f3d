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

from kit import (
    auth,
    errors,
    idempotency,
    inbound,
    lineage,
    messages,
    metrics,
    openapi,
    plain,
    preconditions,
    problems,
    tenancy,
    validation,
)

log = logging.getLogger("kit.http")

PROBLEM = "application/problem+json"
PUBLIC_PATHS = ("/livez", "/readyz", "/metrics")
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class ProblemSchema(ma.Schema):
    """RFC 9457 problem details."""

    type = ma.fields.String()
    title = ma.fields.String()
    status = ma.fields.Integer()
    detail = ma.fields.String(metadata={"description": "what went wrong, for API users (Vietnamese / English)"})
    code = ma.fields.String(metadata={"description": "what went wrong, as a snake_case code (ADR 34)"})
    params = ma.fields.Dict(metadata={"description": "the code's parameters: numbers, ISO dates, texts"})
    errors = ma.fields.Dict(metadata={"description": "field -> messages"})
    error_codes = ma.fields.Dict(metadata={
        "description": "the paths of `errors` -> lists of {code, params} (required, null, invalid, range, length, "
                       "one_of, email, url, unknown_field...)"})
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
        if messages and error.code in (400, 422):
            return problem(error.code, error.name, _kit_detail(problems.INVALID_REQUEST, {}),
                           code=problems.INVALID_REQUEST, errors=messages, headers=data.get("headers"),
                           extra={"error_codes": validation.codes_of(messages)})
        if data.get("message"):
            return problem(error.code or 500, error.name, data["message"], errors=messages, headers=data.get("headers"))
        return _framework_problem(error, errors=messages, headers=data.get("headers"))


def problem(status: int, title: str, detail: str | None = None, *, code: str | None = None, params=None,
            errors=None, headers=None, type_: str = "about:blank", extra: dict | None = None) -> Response:
    """An RFC 9457 answer with its `code` (by default the status's, kit.problems) and `params`; `extra` adds
    members of the problem type (RFC 9457 section 3.2)."""
    body = {"type": type_, "title": title, "status": status, "request_id": g.get("request_id"),
            "code": code or problems.STATUS_CODES.get(status, f"http_{status}"),
            "params": plain.json_safe(dict(params or {}))}
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
    params = lineage.refusal(succeeded)
    detail = messages.render_code(lineage.CODE, params, lineage.MESSAGES)
    return problem(409, "Conflict", detail, code=lineage.CODE, params=params,
                   type_=f"urn:iso-hcc:problem:{lineage.CODE}", extra={
                       "successor": succeeded.successor, "successor_name": succeeded.successor_name,
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
                   error.detail, code=error.code, params=error.params, headers=headers,
                   type_=f"urn:iso-hcc:problem:{error.code}")


def _register_errors(app: Flask) -> None:
    app.register_error_handler(auth.Unauthorized, lambda e: problem(
        401, "Unauthorized", str(e), code=e.code, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}))
    app.register_error_handler(auth.Forbidden, lambda e: problem(403, "Forbidden", str(e), code=e.code,
                                                                 params=e.params))
    app.register_error_handler(errors.DomainError, _domain_problem)
    app.register_error_handler(inbound.Refused, lambda e: problem(
        e.status, "Bad Request" if e.status == 400 else "Unprocessable Entity", e.detail, code=e.code,
        params=e.params, type_=f"urn:iso-hcc:problem:{e.code}"))
    app.register_error_handler(preconditions.Failed, _precondition_failed)
    app.register_error_handler(idempotency.Refused, lambda e: problem(
        e.status, HTTP_STATUS_CODES[e.status], e.detail, code=e.code, headers=e.headers,
        type_=f"urn:iso-hcc:problem:{e.code}"))
    app.register_error_handler(RequestEntityTooLarge, _too_large)
    app.register_error_handler(StaleDataError, lambda e: _precondition_failed(preconditions.Failed(
        "version_stale", 412, preconditions.STALE_CONCURRENT)))
    app.register_error_handler(tenancy.TenantNotSet, lambda e: _kit_problem(403, "Forbidden", "tenant_missing"))
    app.register_error_handler(DataError, lambda e: _kit_problem(422, "Unprocessable Entity", "value_refused"))
    app.register_error_handler(Exception, _unexpected)


MESSAGES = "kit.messages"  # the app's message catalogue (`Service.messages`)


def _domain_problem(error: errors.DomainError) -> Response:
    detail = messages.render(error, current_app.extensions.get(MESSAGES, {}))
    return problem(error.status, error.title, detail, code=error.code, params=error.params,
                   type_=f"urn:iso-hcc:problem:{type(error).__name__}")


def _kit_detail(code: str, params: dict) -> str:
    return messages.render_code(code, params, problems.MESSAGES)


def _kit_problem(status: int, title: str, code: str, **params: object) -> Response:
    """A problem kit answers with one of its own codes (kit.problems), its detail in the catalogue's words."""
    return problem(status, title, _kit_detail(code, params), code=code, params=params,
                   type_=f"urn:iso-hcc:problem:{code}")


def _framework_problem(error: HTTPException, errors=None, headers=None) -> Response:
    """A framework refusal: its status's code (kit.problems) and words, or the words it was raised with."""
    status = error.code or 500
    code = problems.STATUS_CODES.get(status, f"http_{status}")
    params = {"method": request.method} if status == 405 else {}
    own_words = error.description != type(error).description or code not in problems.MESSAGES
    detail = error.description if own_words else _kit_detail(code, params)
    return problem(status, error.name, detail, code=code, params=params, errors=errors, headers=headers)


def _too_large(_error: RequestEntityTooLarge) -> Response:
    return _kit_problem(413, "Content Too Large", "body_too_large", limit=current_app.config["MAX_CONTENT_LENGTH"])


def _unexpected(exc: Exception) -> Response:
    if isinstance(exc, HTTPException):
        return _framework_problem(exc)
    log.exception("unhandled error", extra={"request_id": g.get("request_id")})
    return _kit_problem(500, "Internal Server Error", "unexpected_error")


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
            return problem(503, "Service Unavailable", "not ready", code="not_ready", errors=failures)
        return {"status": "ready"}

    @app.get("/metrics")
    def metrics_view():
        body, content_type = metrics.exposition()
        return Response(body, content_type=content_type)
