import pytest
from sqlalchemy import select

from kit.outbox import OutboxMessage
from kit.uow import NestedUnitOfWork
from tests.kit.integration.conftest import Note, add_note, registered


def outbox_rows(sessions, tenant):
    with sessions() as session:
        query = select(OutboxMessage).where(OutboxMessage.tenant_id == tenant)
        return session.scalars(query, execution_options={"cross_tenant": True}).all()


class TestUnitOfWork:
    def test_commit_writes_the_change_and_its_event_together(self, sessions, uow_factory, tenant):
        add_note(uow_factory(tenant), "Sở Nội vụ")

        [row] = outbox_rows(sessions, tenant)
        assert (row.topic, row.type, row.version) == ("registry.agency", "registry.agency.registered", 1)
        assert row.payload["data"]["name"] == "Sở Nội vụ"
        assert row.headers["ce_tenant"] == tenant
        assert row.published_at is None

    def test_without_commit_nothing_is_written_and_nothing_is_published(self, sessions, uow_factory, tenant):
        uow = uow_factory(tenant)
        with uow:
            uow.session.add(Note(text="lost"))
            uow.publish(registered())

        assert outbox_rows(sessions, tenant) == []
        with uow:
            assert uow.session.scalars(select(Note)).all() == []

    def test_an_error_inside_the_block_rolls_everything_back(self, sessions, uow_factory, tenant):
        uow = uow_factory(tenant)
        with pytest.raises(RuntimeError), uow:
            uow.publish(registered())
            raise RuntimeError("boom")

        assert outbox_rows(sessions, tenant) == []

    def test_a_unit_of_work_cannot_be_nested(self, uow_factory, tenant):
        uow = uow_factory(tenant)
        with uow, pytest.raises(NestedUnitOfWork):
            uow.__enter__()

    def test_results_stay_readable_after_the_block(self, uow_factory, tenant):
        add_note(uow_factory(tenant), "readable", publish=False)
        uow = uow_factory(tenant)

        with uow:
            [note] = uow.session.scalars(select(Note)).all()

        assert note.text == "readable"
