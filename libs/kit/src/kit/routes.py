"""What a route needs from its request: the caller, the service's runtime, and a unit of work that carries the
request's id, trace context and actor (so events and the audit trail say where a change came from)."""

from __future__ import annotations

from flask import current_app, g, has_request_context, request

from kit import preconditions, signing, tenancy
from kit.auth import Principal
from kit.runtime import Runtime
from kit.uow import Trace, UnitOfWork

RUNTIME = "kit.runtime"
SAFE_METHODS = ("GET", "HEAD")
SIGNING = "kit.signing"  # app.extensions: {tenant: kit.signing.Credentials}


def runtime() -> Runtime:
    """The runtime `Service.api_app` gave this app."""
    return current_app.extensions[RUNTIME]


def principal() -> Principal:
    """The caller, as verified from the bearer token."""
    return g.principal


def trace() -> Trace:
    """The current request's id and trace context (empty outside a request)."""
    if not has_request_context():
        return Trace()
    return Trace(correlation_id=g.get("request_id"), traceparent=request.headers.get("traceparent"))


def actor() -> str | None:
    """Who is changing data, as the audit trail names them."""
    caller = g.get("principal") if has_request_context() else None
    return f"user:{caller.subject}" if caller else None


def uow(tenant: tenancy.TenantId | None = None, *, lineage: bool = False) -> UnitOfWork:
    """The request's unit of work, bound to the caller's province (or to `tenant`, when given); with
    `lineage=True` it also reads the provinces that one succeeded, read only (kit.lineage). A GET's unit of work
    is read only (kit.db: on SQLite it does not take the write lock)."""
    return runtime().uow(principal().tenant if tenant is None else tenant, trace=trace(), actor=actor(),
                         lineage=lineage, read_only=request.method in SAFE_METHODS)


def across_tenants() -> UnitOfWork:
    """The request's unit of work bound to no province, that may read all of them: the escape hatch
    (tools/check_tenancy.py lists who may call it)."""
    return runtime().across_tenants(trace=trace(), actor=actor())


def if_match() -> int:
    """The version a PATCH, PUT or DELETE was made from, as its `If-Match` names it (428 without one; the use
    case refuses a stale one with 412: kit.preconditions)."""
    return preconditions.required(request.headers.get("If-Match"))


def signed_pdf(body: bytes, tenant: str) -> tuple[bytes, dict[str, str]]:
    """A PDF of `tenant` as it is served: signed with the province's certificate and verified (ADR 30), with the
    `X-Signature` header that says so; as it is, with `X-Signature: none`, when the province has no certificate.
    A signature that does not verify raises (a logged 500), never an unsigned file in its place."""
    credentials = current_app.extensions.get(SIGNING, {}).get(tenant)
    if credentials is None:
        return body, {signing.HEADER: "none"}
    signed, verdict = signing.sign_and_verify(body, credentials)
    return signed, {signing.HEADER: signing.header_value(verdict)}
