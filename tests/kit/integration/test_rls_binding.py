"""How kit binds PostgreSQL transactions for row-level security: per transaction, rebinding, one statement across."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, select, text

from kit import db, migrations, rls, tenancy
from tests.kit.integration.conftest import Base, Note
from tests.support.service import APP, owned_database


@pytest.fixture(scope="module")
def sessions(postgres):
    owner_url, app_url = owned_database(postgres, "kit_rls")
    owner = create_engine(owner_url)
    with owner.begin() as connection:
        Base.metadata.create_all(connection)
        rls.protect(connection, ["notes"])
        rls.set_tenant(connection, None, True)
        connection.execute(Note.__table__.insert(), [{"tenant_id": t, "text": t} for t in ("an-giang", "thai-binh")])
    owner.dispose()
    migrations.grant(owner_url, APP)
    engine = db.make_engine(app_url, pool_size=1, max_overflow=0)
    yield tenancy.install_tenant_filter(db.make_session_factory(engine))
    engine.dispose()


def raw_tenants(session) -> list[str]:
    """What the database lets through, without the ORM filter."""
    return sorted(session.execute(text("SELECT tenant_id FROM notes")).scalars())


def test_each_transaction_is_bound_and_the_binding_ends_with_it(sessions):
    with sessions() as session:
        tenancy.bind(session, "an-giang")
        assert raw_tenants(session) == ["an-giang"]
        session.commit()
        assert raw_tenants(session) == ["an-giang"]  # the next transaction is bound again
    with sessions() as session:  # the same pooled connection, bound to no one
        assert raw_tenants(session) == []
        assert session.execute(text("SELECT current_setting('app.tenant', true)")).scalar_one() == ""


def test_binding_an_open_transaction_rebinds_it_at_once(sessions):
    with sessions() as session, session.begin():
        tenancy.bind(session, "an-giang")
        assert raw_tenants(session) == ["an-giang"]
        tenancy.bind(session, None, cross_tenant=True)
        assert raw_tenants(session) == ["an-giang", "thai-binh"]
        tenancy.bind(session, "thai-binh", cross_tenant=True)  # a bound province wins, as in the ORM filter
        assert raw_tenants(session) == ["thai-binh"]


def test_one_statement_marked_cross_tenant_opens_the_database_for_itself_only(sessions):
    with sessions() as session, session.begin():
        notes = session.scalars(select(Note).order_by(Note.tenant_id), execution_options={"cross_tenant": True})
        assert [note.tenant_id for note in notes] == ["an-giang", "thai-binh"]
        assert raw_tenants(session) == []
