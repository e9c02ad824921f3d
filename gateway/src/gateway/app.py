"""The gateway app: `/api/v1/<service>/...` to the services, token checked here and again by the service."""

from __future__ import annotations

import functools
import re

import marshmallow as ma
from flask import Blueprint, Flask, Response, abort, current_app, g, jsonify, request
from werkzeug.exceptions import RequestEntityTooLarge

from gateway import inbound, openapi, provinces, web
from gateway.devauth import DevIssuer
from gateway.limits import SECURITY_HEADERS, EdgePolicy, FixedWindowLimiter, Limiter
from gateway.proxy import FORWARDED_REQUEST_HEADERS, Upstream, UpstreamUnavailable
from kit import auth, http

UNKNOWN_USER = ("Không có người dùng này; danh sách người dùng mẫu có trong README / unknown user; the seeded "
                "users are listed in the README")

routes = Blueprint("gateway", __name__)

# Routes behind `/api/v1/` that need no token, as (service, GET path after the service) patterns: the openapi
# document; the notifications calendar feed, whose secret URL is the credential (the service answers 404 for an
# unknown or revoked one); and the registry's public list of announced agencies (công khai, docs/adr/0032): today's
# provinces, and one province's list as JSON or CSV. Anything else, including every other path of these services,
# is checked for a token here. Each pattern must match the whole path.
PUBLIC_GETS = (
    ("notifications", re.compile(r"calendars/[a-z0-9-]+/[A-Za-z0-9_-]+\.ics")),
    ("registry", re.compile(r"public/provinces")),
    ("registry", re.compile(r"public/[a-z0-9-]{1,64}/announced(\.csv)?")),
)


class DevTokenRequest(ma.Schema):
    username = ma.fields.String(required=True, validate=ma.validate.Length(1, 100))


def create_app(upstreams: dict[str, Upstream], verifier: auth.TokenVerifier, dev_issuer: DevIssuer | None,
               max_body_bytes: int = 1 << 20, edge: EdgePolicy | None = None, *,
               upload_max_bytes: int = 21 << 20) -> Flask:
    spec = http.AppSpec(name="gateway", prefix="/api/gateway", verifier=None, max_body_bytes=max_body_bytes,
                        tags_versions=False)
    app, _ = http.create_app(spec)
    app.config[inbound.UPLOAD_LIMIT] = max(upload_max_bytes, max_body_bytes)
    edge = edge or EdgePolicy(per_user=FixedWindowLimiter(600), per_ip=FixedWindowLimiter(1200))
    app.extensions["gateway"] = {"upstreams": upstreams, "verifier": verifier, "dev_issuer": dev_issuer,
                                 "edge": edge, "openapi": openapi.Cached(upstreams),
                                 "provinces": provinces.Provinces(upstreams.get("registry"))}
    app.register_blueprint(routes)
    web.register(app)
    app.before_request(lambda: inbound.refusal(edge))
    app.register_error_handler(RequestEntityTooLarge, lambda _: inbound.too_large())
    app.after_request(_edge_headers)
    app.wsgi_app = inbound.ClientAddress(inbound.BufferedBody(app.wsgi_app, app.config[inbound.UPLOAD_LIMIT]),
                                         edge.trusted_proxies)
    return app


def _edge_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    location = response.headers.get("Location", "")
    if location.startswith(request.host_url):  # werkzeug's own redirects name the Host header's site: keep the path
        response.headers["Location"] = "/" + location.removeprefix(request.host_url)
    origin = request.headers.get("Origin")
    if origin and origin in _state("edge").allowed_origins:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Vary"] = "Origin"
        response.headers["Access-Control-Allow-Headers"] = ("Authorization, Content-Type, X-Request-Id, If-Match, "
                                                            "Idempotency-Key")
        response.headers["Access-Control-Expose-Headers"] = "ETag, Location, Idempotent-Replayed, X-Request-Id"
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, PUT, PATCH, DELETE"
    return response


def _admit(*, authenticate: bool) -> Response | None:
    """The per-IP limit, then the token (401 when bad or signed out), then the per-user limit; None lets the request
    through. The token is verified first, here (kit.auth's cache); the three checks of a signed-in request are then
    one Redis round trip (EdgePolicy.admit). A request without a good token still counts against its address."""
    edge, ip_key = _state("edge"), f"ip:{request.remote_addr}"
    if not authenticate:
        return _rate_limited(ip_key, edge.per_ip)
    try:
        token = auth.bearer_token(request.headers.get("Authorization"))
        g.principal = _state("verifier").verify(token)
    except auth.Unauthorized:
        limited = _rate_limited(ip_key, edge.per_ip)
        if limited is not None:
            return limited
        raise
    admission = edge.admit(ip_key, f"user:{g.principal.subject}", token)
    if admission.revoked:
        raise auth.Unauthorized("the token was signed out")
    return _too_many(admission.ip_wait or admission.user_wait)


def _rate_limited(key: str, limiter: Limiter) -> Response | None:
    return _too_many(limiter.hit(key))


def _too_many(wait: int) -> Response | None:
    if not wait:
        return None
    return http.problem(429, "Too Many Requests", f"Quá nhiều yêu cầu, thử lại sau {wait} giây / "
                                                  f"too many requests, retry in {wait} s",
                        code="too_many_requests", params={"wait": wait}, headers={"Retry-After": str(wait)})


def _nul_refused() -> Response | None:
    """NUL characters (raw, `%00` or JSON `\\u0000`) in the query or a text body: 422 here, since no text column
    can hold them and a service would fail on them with a database error. Files (an .xlsx, a multipart file part)
    are binary and pass to the routes that take them; a multipart form's text fields are checked."""
    query, body = request.query_string.lower(), request.get_data()
    if inbound.is_text_body(request.mimetype):
        texts = [body]
    elif request.mimetype == inbound.MULTIPART:
        texts = [value.encode() for values in request.form.listvalues() for value in values]
    else:
        texts = []
    if b"%00" in query or b"\x00" in query or any(b"\x00" in text or b"\\u0000" in text for text in texts):
        return http.problem(422, "Unprocessable Entity", "Yêu cầu chứa ký tự NUL / the request contains a NUL "
                                                         "character, which no field accepts", code="nul_character")
    return None


def _province_refused() -> Response | None:
    """A write for a province the registry never registered: 403 `province_unknown` (gateway.provinces)."""
    principal = g.get("principal")
    refusal = _state("provinces").refusal(request.method, principal.tenant if principal else None,
                                          request.headers.get("Authorization", ""), g.request_id)
    if refusal is None:
        return None
    return http.problem(refusal.status, refusal.title, refusal.detail, code=refusal.code, params=refusal.params,
                        headers=refusal.headers)


def _public(service: str, rest: str) -> bool:
    """The service's OpenAPI document, and the GETs of PUBLIC_GETS matched on the whole path."""
    if rest == "openapi.json":
        return True
    return request.method == "GET" and any(name == service and pattern.fullmatch(rest)
                                           for name, pattern in PUBLIC_GETS)


def _state(name: str):
    return current_app.extensions["gateway"][name]


@routes.route("/api/v1/<service>/<path:rest>", methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
def proxy(service: str, rest: str) -> Response:
    upstream = _state("upstreams").get(service)
    if upstream is None:
        return http.problem(404, "Not Found", f"Không có dịch vụ {service!r} / no service named {service!r}",
                            code="no_such_service", params={"service": service})
    if request.method == "OPTIONS":
        return Response(status=204)
    public = _public(service, rest)
    refused = _admit(authenticate=not public) or _nul_refused() or _province_refused()
    if refused is not None:
        return refused
    headers = {name: request.headers[name] for name in FORWARDED_REQUEST_HEADERS if name in request.headers}
    headers["X-Request-Id"] = g.request_id
    try:
        reply = upstream.forward(request.method, inbound.raw_path(request.environ), request.query_string, headers,
                                 request.get_data())
    except UpstreamUnavailable:
        return http.problem(503, "Service Unavailable", f"Dịch vụ {service} chưa trả lời; hãy thử lại sau giây lát / "
                                                        f"the {service} service is not answering; try again shortly",
                            code="service_unavailable", params={"service": service}, headers={"Retry-After": "5"})
    answer = reply.headers if public else {k: v for k, v in reply.headers.items() if k != "Cache-Control"}
    return Response(reply.body, status=reply.status, headers=answer)


@routes.get("/api/openapi.json")
def merged_openapi():
    """Built once (it costs every service's document and a rewrite) and limited per address, as it needs no
    login."""
    limited = _admit(authenticate=False)
    if limited is not None:
        return limited
    return Response(_state("openapi").document(), content_type="application/json")


@routes.get("/api/asyncapi.json")
def asyncapi_document():
    """The event stream's AsyncAPI document, built from the contracts this gateway was deployed with; like the
    OpenAPI document it needs no login and is limited per address."""
    limited = _admit(authenticate=False)
    if limited is not None:
        return limited
    return Response(_asyncapi_text(), content_type="application/json")


@functools.cache
def _asyncapi_text() -> bytes:
    from contracts import asyncapi  # only when asked for: the catalogue's schemas are built once per process

    return asyncapi.text().encode()


@routes.get("/auth/jwks.json")
def jwks():
    issuer = _state("dev_issuer")
    if issuer is None:
        abort(404)
    return jsonify(issuer.jwks())


@routes.post("/auth/dev-token")
def dev_token():
    issuer: DevIssuer | None = _state("dev_issuer")
    if issuer is None:
        abort(404)
    try:
        username = DevTokenRequest().load(request.get_json(silent=True) or {})["username"]
    except ma.ValidationError as exc:
        return http.problem(400, "Bad Request", "Gửi JSON {\"username\": ...} / send JSON {\"username\": ...}",
                            code="invalid_request", errors=exc.messages)
    if username not in issuer.users:
        return http.problem(401, "Unauthorized", UNKNOWN_USER, code="unknown_user")
    return jsonify(access_token=issuer.issue(username), token_type="Bearer", expires_in=issuer.ttl)  # noqa: S106
