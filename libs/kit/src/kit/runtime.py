"""What one service process holds: its engine, tenant-bound sessions, units of work, relay and consumer loop."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from kit import audit, calendar, db, lineage, outbox, tenancy, wakeup
from kit.consumer import ConsumerLoop, Handler, topics_of
from kit.messaging import Consumer, Message, Producer
from kit.outbox import OutboxMessage
from kit.relay import Relay
from kit.uow import InboxMark, Trace, UnitOfWork

Lag = Callable[[], dict[str, int]]


@dataclass
class Runtime:
    """A service's engine with kit's tenant filter (and audit trail, when `audited`) on every session.

    `uow(tenant)` is the one way to a database transaction; `across_tenants()` is the one way to a transaction
    that reads every province (tools/check_tenancy.py lists who may use it). Nothing here knows of Flask: the
    HTTP layer passes the request's trace and actor (`kit.routes`), a consumer its inbox mark."""

    name: str
    engine: Engine
    handlers: Mapping[type, Handler] = field(default_factory=dict)
    group: str | None = None
    audited: bool = True
    lag: Lag | None = None  # messages per topic its consumer group has not committed, when a broker can tell
    session_factory: sessionmaker = field(init=False)
    doorbell: wakeup.Doorbell = field(init=False, default_factory=wakeup.Doorbell)

    def __post_init__(self) -> None:
        self.session_factory = tenancy.install_tenant_filter(db.make_session_factory(self.engine))
        wakeup.announce(self.session_factory, self.doorbell.ring)
        if self.audited:
            audit.install_audit(self.session_factory)

    @property
    def topics(self) -> list[str]:
        """The topics its consumer reads."""
        return topics_of(self.handlers)

    def uow(self, tenant: tenancy.TenantId | None, *, trace: Trace | None = None, inbox: InboxMark | None = None,
            actor: str | None = None, lineage: bool = False, read_only: bool = False) -> UnitOfWork:
        """A unit of work bound to `tenant`. Changes are audited as `actor` (a consumer's are its own).
        `lineage=True`: it also reads the provinces `tenant` succeeded (kit.lineage), read only.
        `read_only=True`: it will not write (SQLite then does not wait for the write lock)."""
        return UnitOfWork(self.session_factory, tenant, source=f"/{self.name}", trace=trace or Trace(),
                          inbox=inbox, actor=f"consumer:{inbox.consumer}" if inbox else actor, lineage=lineage,
                          read_only=read_only)

    def successor(self, tenant: tenancy.TenantId) -> lineage.TenantLineage | None:
        """The province `tenant` merged into, when that is in force today: its users may no longer write."""
        with self.uow(tenant) as uow:
            return lineage.successor(uow.session, tenant, calendar.day_of(uow.now()))

    def across_tenants(self, *, trace: Trace | None = None, actor: str | None = None) -> UnitOfWork:
        """A unit of work bound to no province that may read every province's rows: the escape hatch."""
        return UnitOfWork(self.session_factory, None, source=f"/{self.name}", trace=trace or Trace(),
                          cross_tenant=True, actor=actor)

    def outbox_backlog(self) -> int:
        """Events written but not published yet, every province's."""
        with self.session_factory() as session:
            tenancy.bind(session, None, cross_tenant=True)
            return outbox.backlog(session)

    def relay(self, producer: Producer, *, after_send: Callable[[list[OutboxMessage]], None] | None = None,
              listen_url: str | None = None) -> Relay:
        """The outbox relay. On PostgreSQL it LISTENs on `listen_url` (default: the engine's own database; `off`:
        it only polls); elsewhere this runtime's commits ring it (kit.wakeup)."""
        return Relay(self.session_factory, producer, service=self.name, after_send=after_send,
                     wakeup=self._wakeup(listen_url))

    def _wakeup(self, listen_url: str | None) -> wakeup.Wakeup:
        if not db.is_postgres(self.engine):
            return self.doorbell
        if listen_url == "off":
            return wakeup.Poll()
        return wakeup.Listener(listen_url or self.engine.url.render_as_string(hide_password=False))

    def consumer_loop(self, consumer: Consumer, dead_letters: Producer, *, health_file=None, name: str | None = None,
                      after_handled: Callable[[Message, str], None] | None = None,
                      batched: bool = True) -> ConsumerLoop:
        """The consumer loop over this runtime's handlers; `batched`: a poll batch in one transaction (ADR 26)."""
        return ConsumerLoop(name=name or self.group, consumer=consumer, dead_letters=dead_letters,
                            handlers=dict(self.handlers), uow_factory=self.uow, health_file=health_file,
                            after_handled=after_handled, batched=batched)
