"""A poll batch applied in one database transaction (issue 22, ADR 26).

The handlers of a batch's new messages run in order on ONE session. Each gets a `BatchedUnitOfWork`: entering it
binds the shared session to its message's tenant (kit.tenancy rebinds an open transaction: RLS's transaction-local
settings are set again, only when the tenant changes), so the tenant filter and row-level security apply per
message as before; its `commit()` only flushes, so each message's rows are stamped, checked and audited under its
own tenant and request id before the next message runs. Work a handler leaves for the batch's end (`at_end`) is
done once after the last handler; the batch then writes every inbox row in one INSERT and commits once.

What cannot share the transaction raises `Unbatchable`, and the caller redoes the batch one message at a time:
a handler that opens a second province's unit of work (`for_tenant`, a province succession), a lineage unit of
work, a handler that wrote and left its unit of work without committing (alone, that write would be rolled back).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

import contracts
from kit import inbox, tenancy
from kit.messaging import Message
from kit.uow import InboxMark, NestedUnitOfWork, Trace, UnitOfWork

_WRITES = "kit_batch_writes"  # session.info: flushes and non-SELECT statements so far
_AT_END = "kit_batch_at_end"  # session.info: work done once after the batch's last handler, by key
_EVENTS = "kit_batch_events"  # session.info: (tenant, event) of the batch's messages to apply, in order


class Unbatchable(Exception):
    """A handler needs a transaction of its own: the batch is redone one message at a time."""


@dataclass(frozen=True)
class Item:
    """A decoded message the consumer handles."""

    message: Message
    envelope: contracts.Envelope
    handler: Callable[[UnitOfWork, object], None]
    event: object


@dataclass
class BatchedUnitOfWork(UnitOfWork):
    """One message's unit of work on the batch's session: `with` binds the session to its tenant, `commit()` flushes;
    the batch commits (or rolls everything back)."""

    shared: Session | None = None
    _writes: int = field(default=0, init=False, repr=False)
    _committed_here: bool = field(default=False, init=False, repr=False)  # in the `with` block now open

    @classmethod
    def sharing(cls, uow: UnitOfWork, session: Session) -> BatchedUnitOfWork:
        return cls(**{f.name: getattr(uow, f.name) for f in fields(UnitOfWork) if f.init}, shared=session)

    def for_tenant(self, tenant: tenancy.TenantId) -> UnitOfWork:
        raise Unbatchable("a handler writes a second province's rows")

    def __enter__(self) -> BatchedUnitOfWork:
        if self.session is not None:
            raise NestedUnitOfWork("this unit of work is already open")
        if self.lineage or self.cross_tenant or self.read_only:
            raise Unbatchable("a lineage, cross-tenant or read-only unit of work")
        session = self.shared
        if session.info.get("tenant") != self.tenant or session.info.get("lineage"):
            tenancy.bind(session, self.tenant)
        session.info.update(actor=self.actor, request_id=self.trace.correlation_id)
        self._writes, self._committed_here = session.info[_WRITES], False
        self.session = session
        return self

    def __exit__(self, *exc_info: object) -> None:
        session, self.session = self.session, None
        changed = session.new or session.dirty or session.deleted or session.info[_WRITES] != self._writes
        # Detach, as UnitOfWork does: results stay readable, and the next message's `session.get` reads the
        # database under its own tenant instead of finding this one's object in the identity map.
        session.expunge_all()
        if exc_info[0] is None and changed and not self._committed_here:
            raise Unbatchable("a handler left changes it did not commit")

    def commit(self) -> None:
        self.session.flush()
        self.committed = self._committed_here = True


def at_end(session: Session, key: str, work: Callable[[Session], None]) -> bool:
    """Do `work(session)` once after the batch's last handler, in its transaction before it commits (the first
    work given under `key` counts): what every message of the batch would repeat is done once for all of them
    (reporting's ledger posts one difference per agency, not one per event). The work binds the session to the
    tenants it writes for; the batch binds it back. False when `session` is not a batch's: the caller does its
    work now, in its own unit of work."""
    pending = session.info.get(_AT_END)
    if pending is None:
        return False
    pending.setdefault(key, work)
    return True


def events(session: Session) -> list[tuple[tenancy.TenantId, object]]:
    """The (tenant, event) of every message the batch applies, in order, for a handler that reads ahead what they
    will need (reporting's ledger reads the rows of all the batch's agencies at once); [] outside a batch."""
    return session.info.get(_EVENTS, [])


def apply(consumer: str, items: list[Item], uow_factory: Callable[..., UnitOfWork]) -> list[bool]:
    """Run the handlers of `items` in order in one transaction with one inbox lookup and one inbox insert; returns,
    per item, whether it was applied (False: a duplicate, in the inbox already or earlier in the batch). Raises
    whatever a handler or the commit raised, with nothing committed."""
    uows = [_uow(consumer, item, uow_factory) for item in items]
    session = uows[0].session_factory()
    try:
        _count_writes(session)
        session.info[_AT_END] = {}
        tenancy.bind(session, uows[0].tenant)
        seen = inbox.seen_among(session, consumer, [item.envelope.id for item in items])
        session.info[_EVENTS] = [(uow.tenant, item.event) for item, uow in zip(items, uows, strict=True)
                                 if item.envelope.id not in seen]
        applied, marks = [], []
        for item, uow in zip(items, uows, strict=True):
            fresh = item.envelope.id not in seen
            if fresh:
                seen.add(item.envelope.id)
                item.handler(BatchedUnitOfWork.sharing(uow, session), item.event)
                marks.append(uow.inbox)
            applied.append(fresh)
        _finish(session)
        inbox.mark(session, marks)
        session.commit()
        return applied
    finally:
        session.expunge_all()
        session.close()


def _finish(session: Session) -> None:
    """The work the handlers left for the batch's end (`at_end`), then the session bound back as it was."""
    bound = session.info.get("tenant")
    session.info.pop(_EVENTS, None)
    for work in session.info.pop(_AT_END).values():
        work(session)
    if session.info.get("tenant") != bound or session.info.get("cross_tenant") or session.info.get("lineage"):
        tenancy.bind(session, bound)


def _uow(consumer: str, item: Item, uow_factory: Callable[..., UnitOfWork]) -> UnitOfWork:
    envelope = item.envelope
    return uow_factory(tenancy.tenant_id(envelope.tenant),
                       trace=Trace(envelope.correlation_id, str(envelope.id), envelope.traceparent),
                       inbox=InboxMark(consumer, envelope.id, item.message.topic))


def _count_writes(session: Session) -> None:
    session.info[_WRITES] = 0

    def bump(*_args) -> None:
        session.info[_WRITES] += 1

    def statement(state: ORMExecuteState) -> None:
        if not state.is_select:
            bump()

    event.listen(session, "after_flush", bump)
    event.listen(session, "do_orm_execute", statement)

