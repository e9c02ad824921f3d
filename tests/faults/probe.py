"""A consumer whose effect is not idempotent by itself, so duplicate and out-of-order applications show.

`python -m tests.faults.probe consume` is a kit service like the others (a `Service` declaration, the same command
line, ConsumerLoop and Kafka adapters) that reads `registry.agency` and appends one `fault_effects` row per event it
applies, numbered in the order applied. The row has no unique key of its own: only the consumer's inbox stands
between a redelivered message and a second row, and the numbering shows the order of application per agency.
"""

from __future__ import annotations

import uuid

from sqlalchemy import BigInteger, Integer, MetaData, String, Uuid, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from contracts import registry as events
from kit import cli, db, migrations, tenancy
from kit.service import Consumes, Service
from kit.uow import UnitOfWork


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=db.NAMING)


class FaultEffect(tenancy.TenantScoped, Base):
    """One row per application of an event: `seq` is the order of application."""

    __tablename__ = "fault_effects"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    version: Mapped[int] = mapped_column(Integer)
    event_type: Mapped[str] = mapped_column(String(200))


def apply(uow: UnitOfWork, event) -> None:
    """Append the effect of one agency event (the inbox row commits with it)."""
    with uow:
        uow.session.add(FaultEffect(tenant_id=uow.tenant, event_id=uow.inbox.message_id, agency_id=event.agency_id,
                                    version=event.version, event_type=event.event_type))
        uow.commit()


SERVICE = Service(name="faultprobe", port=0, blueprints=(), metadata=Base.metadata, audited=False,
                  consumes=Consumes(group="faults.probe",
                                    handlers={events.AgencyRegistered: apply, events.AgencyUpdated: apply}))


def migrate(url: str) -> None:
    """Kit's tables (its migration branch) and `fault_effects` in an empty database."""
    migrations.upgrade(url)
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            Base.metadata.create_all(connection)
    finally:
        engine.dispose()


if __name__ == "__main__":
    cli.main(SERVICE)
