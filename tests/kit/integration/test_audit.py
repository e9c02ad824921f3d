import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from kit import audit
from kit.audit import AuditEntry
from kit.uow import Trace, UnitOfWork
from tests.kit.integration.conftest import Note


@pytest.fixture
def audited(sessions):
    return audit.install_audit(sessions)


def entries(sessions, tenant):
    with sessions() as session:
        query = select(AuditEntry).where(AuditEntry.tenant_id == tenant).order_by(AuditEntry.seq)
        return list(session.scalars(query, execution_options={"cross_tenant": True}))


class TestAuditTrail:
    def test_each_change_is_recorded_with_who_when_before_after_and_the_request(self, audited, tenant):
        def uow():
            return UnitOfWork(audited, tenant, source="/t", trace=Trace(correlation_id="req-42"), actor="user:lan")

        with uow() as unit:
            note = Note(text="bản nháp")
            unit.session.add(note)
            unit.commit()
        with uow() as unit:
            unit.session.get(Note, note.id).text = "bản chính"
            unit.commit()
        with uow() as unit:
            unit.session.delete(unit.session.get(Note, note.id))
            unit.commit()

        [created, changed, deleted] = entries(audited, tenant)
        assert (created.action, changed.action, deleted.action) == ("INSERT", "UPDATE", "DELETE")
        assert created.changes["text"] == [None, "bản nháp"]
        assert changed.changes == {"text": ["bản nháp", "bản chính"]}
        assert {e.actor for e in (created, changed, deleted)} == {"user:lan"}
        assert {e.request_id for e in (created, changed, deleted)} == {"req-42"}
        assert created.entity == "notes" and created.entity_id == str(note.id)

    def test_a_rolled_back_change_leaves_no_entry(self, audited, tenant):
        with UnitOfWork(audited, tenant, source="/t") as unit:
            unit.session.add(Note(text="không lưu"))
            unit.session.flush()

        assert entries(audited, tenant) == []

    def test_the_log_refuses_updates_and_deletes(self, audited, tenant, engine):
        with UnitOfWork(audited, tenant, source="/t") as unit:
            unit.session.add(Note(text="x"))
            unit.commit()

        for statement in ("UPDATE audit_log SET actor = 'someone'", "DELETE FROM audit_log"):
            with engine.connect() as connection, pytest.raises(DBAPIError, match="append-only"):
                connection.execute(text(statement))
