"""`Idempotency-Key` on every POST of every service (IETF draft "The Idempotency-Key HTTP Header Field", issue 20).

A client that does not know whether its POST arrived (a timeout, a lost answer) sends it again with the same key
and gets the first answer again instead of a second disbursement, booking or status change. The key is scoped to
the caller (province, token subject), and remembered with a fingerprint of the request (method, path and query,
body) and the answer (status, Content-Type, Location, ETag, body):

- the first request with a key reserves it, in a short transaction of its own (committed before the route runs),
  runs, and stores its answer (2xx, 3xx and 4xx; a 5xx releases the key, so a retry may run);
- the same key with the same fingerprint: the stored answer again, with `Idempotent-Replayed: true`; nothing runs;
- while the first one still runs: 409 `idempotency_key_in_use` (retry later);
- the same key with another body or path: 422 `idempotency_key_reused`;
- a key that is not 1-64 characters of `A-Z a-z 0-9 _ . : -`: 400 `idempotency_key_invalid`.

Keys live 24 hours (`TTL`): an older one is ignored (the next request with it reserves it afresh). Without the header
nothing changes. The table is kit's (`idempotency_keys`, migration kit_0003), under row-level security on
PostgreSQL like every province's table; a caller bound to no province (a platform admin) keeps its keys under the
empty tenant. The statements are SQL Core on the runtime's engine, not the ORM: a key is not a business change, so
it is neither audited nor seen by the tenant filter (the database's policy still holds). `kit.http` registers the
hooks (`before`, `after`) on every service app; an app without a runtime (the gateway) passes the header through.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Response, current_app, g, request
from sqlalchemy import JSON, Engine, Integer, LargeBinary, String, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from kit import rls
from kit.db import KitBase, UtcDateTime, utcnow

log = logging.getLogger("kit.idempotency")

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"
KEY = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
TTL = timedelta(hours=24)
KEPT_HEADERS = ("Content-Type", "Location", "ETag")
RUNTIME = "kit.runtime"  # where Service.api_app puts the runtime (kit.routes.RUNTIME)
ATTEMPTS = 3  # a reservation races an expired key's replacement or a release at most this often


class IdempotencyKey(KitBase):
    """One caller's key: the request's fingerprint and, once answered, the answer (status None: still running)."""

    __tablename__ = "idempotency_keys"

    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    subject: Mapped[str] = mapped_column(String(200), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    headers: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    body: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


KEYS = IdempotencyKey.__table__


class Refused(Exception):
    """The key cannot be used for this request; `kit.http` answers a problem with `status` and the bilingual
    `detail` (and `Retry-After` for a key in use)."""

    def __init__(self, code: str, status: int, detail: str):
        super().__init__(code)
        self.code, self.status, self.detail = code, status, detail

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": "1"} if self.status == 409 else {}


INVALID = Refused("idempotency_key_invalid", 400, "Khóa Idempotency-Key phải gồm 1-64 ký tự A-Z, a-z, 0-9, _ . : - "
                                                  "/ Idempotency-Key must be 1-64 characters of A-Z a-z 0-9 _ . : -")
IN_USE = Refused("idempotency_key_in_use", 409, "Yêu cầu với cùng khóa Idempotency-Key đang được xử lý; thử lại "
                                                "sau giây lát / a request with this Idempotency-Key is still "
                                                "running; retry shortly")
REUSED = Refused("idempotency_key_reused", 422, "Khóa Idempotency-Key này đã dùng cho một yêu cầu khác (đường dẫn "
                                                "hoặc nội dung khác); hãy dùng khóa mới / this Idempotency-Key was "
                                                "used for another request (another path or body): use a new key")


@dataclass(frozen=True)
class Scope:
    """Whose key: the province (empty for a caller bound to none), the token's subject, the key."""

    tenant: str
    subject: str
    key: str

    def where(self):
        return (KEYS.c.tenant_id == self.tenant) & (KEYS.c.subject == self.subject) & (KEYS.c.key == self.key)


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass(frozen=True)
class Store:
    """The keys in one service's database."""

    engine: Engine
    clock: Callable[[], datetime] = utcnow

    def reserve(self, scope: Scope, fingerprint: str) -> Answer | None:
        """Reserve the key for this request (None: run it), or the answer it already has (replay it); refuse a key
        in use or used for another request."""
        for _ in range(ATTEMPTS):
            if self._insert(scope, fingerprint):
                return None
            with self._transaction(scope) as connection:
                row = connection.execute(select(KEYS).where(scope.where())).one_or_none()
                if row is None:  # released since (a 5xx): try again
                    continue
                if row.created_at <= self.clock() - TTL:  # expired: forget it, then reserve afresh
                    connection.execute(delete(KEYS).where(scope.where(), KEYS.c.created_at == row.created_at))
                    continue
            if row.fingerprint != fingerprint:
                raise REUSED
            if row.status is None:
                raise IN_USE
            return Answer(row.status, dict(row.headers or {}), row.body or b"")
        raise IN_USE

    def keep(self, scope: Scope, answer: Answer) -> None:
        with self._transaction(scope) as connection:
            connection.execute(update(KEYS).where(scope.where()).values(
                status=answer.status, headers=answer.headers, body=answer.body))

    def release(self, scope: Scope) -> None:
        with self._transaction(scope) as connection:
            connection.execute(delete(KEYS).where(scope.where(), KEYS.c.status.is_(None)))

    def _insert(self, scope: Scope, fingerprint: str) -> bool:
        try:
            with self._transaction(scope) as connection:
                connection.execute(insert(KEYS).values(tenant_id=scope.tenant, subject=scope.subject, key=scope.key,
                                                       fingerprint=fingerprint, created_at=self.clock()))
        except IntegrityError:
            return False
        return True

    @contextmanager
    def _transaction(self, scope: Scope) -> Iterator:
        """A short transaction of its own, bound to the caller's province for row-level security."""
        with self.engine.begin() as connection:
            rls.set_tenant(connection, scope.tenant or None, False)
            yield connection


def fingerprint(method: str, path: str, query: bytes, body: bytes) -> str:
    """What makes two requests the same request: method, path with query, and body."""
    digest = hashlib.sha256(f"{method} {path}?".encode())
    digest.update(query)
    digest.update(b"\n")
    digest.update(body)
    return digest.hexdigest()


def before() -> Response | None:
    """The hook before a route: reserve the key (the route runs) or replay the answer it has (the route does not).
    Only a POST with the header, by an authenticated caller, on an app with a database."""
    given = request.headers.get(HEADER)
    principal = g.get("principal")
    runtime = current_app.extensions.get(RUNTIME)
    if given is None or request.method != "POST" or principal is None or runtime is None:
        return None
    if not KEY.fullmatch(given):
        raise INVALID
    scope = Scope(principal.tenant or "", principal.subject, given)
    store = Store(runtime.engine)
    stored = store.reserve(scope, fingerprint(request.method, request.path, request.query_string,
                                              request.get_data()))
    if stored is None:
        g.idempotency = (store, scope)
        return None
    response = Response(stored.body, status=stored.status, headers=stored.headers)
    response.headers[REPLAYED] = "true"
    return response


def after(response: Response) -> Response:
    """The hook after a route (kit's own `after` has set the ETag): keep the answer for the key, or release the
    key on a 5xx (nothing was done, or what was done rolled back). An answer that cannot be kept (a stream)
    releases it too."""
    reserved = g.pop("idempotency", None)
    if reserved is None:
        return response
    store, scope = reserved
    try:
        if response.status_code >= 500 or response.is_streamed:
            store.release(scope)
        else:
            headers = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
            store.keep(scope, Answer(response.status_code, headers, response.get_data()))
    except Exception:  # the change is done and answered; a key left reserved expires with its TTL
        log.exception("idempotency key not kept", extra={"request_id": g.get("request_id")})
    return response
