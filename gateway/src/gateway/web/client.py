"""Calls from the pages to the services, through the gateway's own upstreams, with the user's token."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import urlencode

from flask import Response, current_app, g, session
from urllib3 import encode_multipart_formdata

from gateway.proxy import Reply, UpstreamUnavailable


class LoginRequired(Exception):
    """No token in the session, or the service refused it (expired)."""


@dataclass
class ApiError(Exception):
    """A service answered with a problem: its status, its detail, its field errors and the whole problem (some
    carry more, such as `province_succeeded`'s successor and date)."""

    status: int
    detail: str
    errors: dict = field(default_factory=dict)
    problem: dict = field(default_factory=dict)
    service: str = "gateway"  # whose codes `problem["code"]` is one of (gateway.web.problems)


def call(method: str, path: str, *, body=None, query: dict | None = None, raw: bytes | None = None,
         content_type: str | None = None, version=None, timeout: float | None = None) -> Reply:
    """Forward one request to `/api/v1/<path>` (the first segment names the service); raise on any error.
    `version`: the version of the record the form showed, sent as `If-Match` (kit.preconditions), so a change
    made from a stale page is refused (412) instead of overwriting someone else's; none when the page had none.
    `timeout`: seconds this call may take, instead of the upstream's own (UpstreamUnavailable past it)."""
    token = session.get("token")
    if not token:
        raise LoginRequired
    service = path.split("/", 1)[0]
    upstream = current_app.extensions["gateway"]["upstreams"].get(service)
    if upstream is None:
        raise ApiError(404, f"no service named {service}", problem={"code": "no_such_service",
                                                                    "params": {"service": service}})
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json",
               "X-Request-Id": g.get("request_id", "")}
    if_match = precondition(version)
    if if_match:
        headers["If-Match"] = if_match
    data = raw or b""
    if body is not None:
        data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
    elif content_type:
        headers["Content-Type"] = content_type
    refusal = current_app.extensions["gateway"]["provinces"].refusal(
        method, (session.get("user") or {}).get("tenant"), headers["Authorization"], headers["X-Request-Id"])
    if refusal is not None:
        raise ApiError(refusal.status, refusal.detail, problem={
            "status": refusal.status, "code": refusal.code, "params": refusal.params, "detail": refusal.detail},
            service="gateway")
    clean = {k: v for k, v in (query or {}).items() if v not in (None, "")}
    waits = {"timeout": timeout} if timeout else {}
    reply = upstream.forward(method, f"/api/v1/{path}", urlencode(clean).encode(), headers, data, **waits)
    if reply.status == 401:
        raise LoginRequired
    if reply.status >= 400:
        raise _error(reply, service)
    return reply


def get(path: str, **query):
    """GET and decode JSON."""
    return json.loads(call("GET", path, query=query).body)


def post(path: str, body=None):
    """POST JSON (an empty object when None) and decode the answer, if any."""
    reply = call("POST", path, body={} if body is None else body)
    return json.loads(reply.body) if reply.body else None


def upload(path: str, name: str, content: bytes, fields: dict[str, str] | None = None) -> dict:
    """POST one file as the multipart field `file`, after the form's other `fields`, and decode the answer; the
    service judges the file's type from its content, so none is claimed for it."""
    body, content_type = encode_multipart_formdata(
        {**(fields or {}), "file": (name, content, "application/octet-stream")})
    reply = call("POST", path, raw=body, content_type=content_type)
    return json.loads(reply.body)


def passed_on(reply: Reply, filename: str) -> Response:
    """A service's file as the page's download: its bytes, type and file name (`filename` when the service gave
    none), its signature check when it made one (ADR 30), and no guessing of the type by the browser."""
    headers = {"Content-Disposition": reply.headers.get("Content-Disposition", f'attachment; filename="{filename}"'),
               "X-Content-Type-Options": "nosniff"}
    if "X-Signature" in reply.headers:
        headers["X-Signature"] = reply.headers["X-Signature"]
    return Response(reply.body, mimetype=reply.headers.get("Content-Type"), headers=headers)


def get_or_none(path: str, **query):
    """GET, with None for 404 (a record not there yet, such as a quality system not opened)."""
    try:
        return get(path, **query)
    except ApiError as exc:
        if exc.status == 404:
            return None
        raise


def precondition(version) -> str | None:
    """The strong ETag of `version` (a form's hidden field: digits only, anything else is not sent)."""
    text = str(version).strip() if version is not None else ""
    return f'"{text}"' if text.isdigit() and len(text) <= 18 else None


def _error(reply: Reply, service: str) -> ApiError:
    try:
        problem = json.loads(reply.body)
    except ValueError:
        problem = {}
    errors = problem.get("errors") or {}
    detail = str(problem.get("detail") or problem.get("title") or reply.status)
    return ApiError(reply.status, detail, errors, problem if isinstance(problem, dict) else {}, service)


__all__ = ["ApiError", "LoginRequired", "UpstreamUnavailable", "call", "get", "get_or_none", "passed_on", "post",
           "upload"]
