"""The unit of work: the one place that commits, and where events join the transaction."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

import contracts
from kit import calendar, db, lineage, outbox, tenancy
from kit.db import utcnow
from kit.inbox import ProcessedMessage


class NestedUnitOfWork(RuntimeError):
    """`with uow:` was entered twice; only one level may own the transaction."""


@dataclass(frozen=True)
class Trace:
    """Where a change came from: the request or the message that caused it."""

    correlation_id: str | None = None
    causation_id: str | None = None
    traceparent: str | None = None


@dataclass(frozen=True)
class InboxMark:
    consumer: str
    message_id: uuid.UUID
    topic: str


@dataclass
class UnitOfWork:
    """One business transaction for one tenant.

    `with uow:` opens a session bound to `tenant` (rolled back on exit unless committed);
    `publish(event)` adds an outbox row to the same transaction; `commit()` commits both.
    A consumer passes `inbox`, so the processed-message id commits with the handler's effect.
    `lineage=True`: the session also reads the rows of the provinces `tenant` succeeded by today (the clock's day
    in Vietnam), read only (kit.lineage, ADR 16); without it, only `tenant`'s rows, as always.
    `read_only=True` (a GET): on SQLite the transaction does not take the write lock every other one takes when it
    begins (kit.db, the embedded mode's row lock).
    """

    session_factory: sessionmaker
    tenant: tenancy.TenantId | None
    source: str
    trace: Trace = field(default_factory=Trace)
    clock: Callable[[], datetime] = utcnow
    cross_tenant: bool = False
    inbox: InboxMark | None = None
    actor: str | None = None
    lineage: bool = False
    read_only: bool = False
    session: Session | None = field(default=None, init=False)
    committed: bool = field(default=False, init=False)

    def for_tenant(self, tenant: tenancy.TenantId) -> UnitOfWork:
        """A new unit of work like this one (clock, trace, actor) for `tenant`'s own rows and without the inbox
        mark: a consumer's handler writing a predecessor's rows at a province succession (its own transaction,
        committed before the handler's, which carries the mark; a redelivery must find the work done)."""
        return replace(self, tenant=tenant, inbox=None, lineage=False, cross_tenant=False)

    def __enter__(self) -> UnitOfWork:
        if self.session is not None:
            raise NestedUnitOfWork("this unit of work is already open")
        self.session = self.session_factory()
        if self.read_only:
            self.session.connection(execution_options={db.READ_ONLY: True})
        tenancy.bind(self.session, self.tenant, cross_tenant=self.cross_tenant)
        self.session.info.update(actor=self.actor, request_id=self.trace.correlation_id)
        if self.lineage and self.tenant is not None:
            readable = lineage.predecessors(self.session, self.tenant, calendar.day_of(self.now()))
            tenancy.bind(self.session, self.tenant, cross_tenant=self.cross_tenant, lineage=readable)
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            # Detach first: results stay readable after the block, and rollback expires nothing.
            self.session.expunge_all()
            self.session.rollback()
        finally:
            self.session.close()
            self.session = None

    def now(self) -> datetime:
        return self.clock()

    def publish(self, event: object) -> contracts.Envelope:
        """Record an integration event; it leaves through the relay only if the transaction commits."""
        if self.tenant is None:
            raise tenancy.TenantNotSet("events must belong to a tenant")
        envelope = contracts.wrap(
            event,
            id=uuid.uuid4(),
            source=self.source,
            time=self.now(),
            tenant=self.tenant,
            correlation_id=self.trace.correlation_id,
            causation_id=self.trace.causation_id,
            traceparent=self.trace.traceparent,
        )
        self.session.add(outbox.to_row(envelope))
        return envelope

    def commit(self) -> None:
        if self.inbox is not None:
            self.session.add(ProcessedMessage(**vars(self.inbox)))
        self.session.commit()
        self.committed = True
