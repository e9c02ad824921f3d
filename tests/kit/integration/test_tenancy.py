import pytest
from sqlalchemy import delete, func, select, update

from kit import tenancy
from tests.kit.integration.conftest import Note, add_note


def count(session, **options) -> int:
    return session.execute(select(func.count()).select_from(Note), execution_options=options).scalar_one()


class TestTenantFilter:
    def test_a_session_without_a_tenant_refuses_orm_queries(self, sessions):
        with sessions() as session, pytest.raises(tenancy.TenantNotSet):
            session.scalars(select(Note)).all()

    def test_a_session_sees_only_its_tenants_rows(self, sessions, uow_factory, tenant):
        add_note(uow_factory(tenant), "mine", publish=False)
        add_note(uow_factory(tenant + "-b"), "theirs", publish=False)

        with sessions() as session:
            tenancy.bind(session, tenant)
            texts = session.scalars(select(Note.text).where(Note.text.in_(["mine", "theirs"]))).all()

        assert texts == ["mine"]

    def test_bulk_updates_and_deletes_touch_only_the_bound_tenant(self, sessions, uow_factory, tenant):
        other = tenant + "-b"
        add_note(uow_factory(tenant), "keep", publish=False)
        add_note(uow_factory(other), "keep", publish=False)

        with sessions() as session:
            tenancy.bind(session, tenant)
            session.execute(update(Note).where(Note.text == "keep").values(text="changed"))
            session.execute(delete(Note).where(Note.text == "changed"))
            session.commit()

        with sessions() as session:
            tenancy.bind(session, tenancy.TenantId(other))
            assert session.scalars(select(Note.text)).all() == ["keep"]

    def test_new_rows_are_stamped_with_the_bound_tenant(self, sessions, tenant):
        with sessions() as session:
            tenancy.bind(session, tenant)
            note = Note(text="x")
            session.add(note)
            session.commit()

            assert note.tenant_id == tenant

    def test_writing_another_tenants_row_is_refused(self, sessions, tenant):
        with sessions() as session:
            tenancy.bind(session, tenant)
            session.add(Note(text="x", tenant_id="someone-else"))

            with pytest.raises(tenancy.CrossTenantWrite):
                session.flush()

    def test_the_escape_hatch_must_be_explicit(self, sessions, uow_factory, tenant):
        add_note(uow_factory(tenant), "a", publish=False)
        add_note(uow_factory(tenant + "-b"), "b", publish=False)

        with sessions() as session:
            assert count(session, cross_tenant=True) >= 2
