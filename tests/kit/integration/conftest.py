"""A tiny service of our own on real PostgreSQL, to test kit without any business service."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from functools import partial

import pytest
from sqlalchemy import MetaData, String, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from contracts.registry import AgencyRegistered, AgencyType
from kit import db, migrations, tenancy
from kit.uow import UnitOfWork


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=db.NAMING)


class Note(tenancy.TenantScoped, Base):
    __tablename__ = "notes"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    text: Mapped[str] = mapped_column(String(200))


@pytest.fixture(scope="module")
def engine(postgres):
    url = postgres.create_database("kit")
    migrations.upgrade(url)  # kit's own branch: the outbox, the inbox and the audit log
    engine = db.make_engine(url)
    with engine.begin() as connection:
        Base.metadata.create_all(connection)
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(engine):
    return tenancy.install_tenant_filter(db.make_session_factory(engine))


@pytest.fixture
def uow_factory(sessions):
    def make(tenant, **options) -> UnitOfWork:
        return UnitOfWork(sessions, tenant, source="/kit-tests", **options)

    return make


def registered(name: str = "Sở Tư pháp", agency_id: uuid.UUID | None = None) -> AgencyRegistered:
    return AgencyRegistered(agency_id=agency_id or uuid.uuid4(), version=1, name=name, agency_type=AgencyType.SO,
                            registered_at=datetime.now(UTC))


def add_note(uow: UnitOfWork, text: str, *, publish: bool = True) -> None:
    with uow:
        uow.session.add(Note(text=text))
        if publish:
            uow.publish(registered(text))
        uow.commit()


__all__ = ["Note", "add_note", "partial", "registered"]
