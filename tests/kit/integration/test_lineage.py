"""The province lineage on real PostgreSQL, as the application role under row-level security (ADR 16).

A successor reads its predecessors' rows through a unit of work opened with `lineage=True`, by both layers (the
ORM filter and the `lineage_read` policy), read only; a default unit of work reads its own province only; a
third province is never read; a lineage not in force yet is not read; the predecessors' own predecessors are.
The migration gives existing protected tables the policy; the consumer applies the event once; a predecessor's
write answers 409 and its read 200.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from alembic import command
from flask_smorest import Blueprint
from sqlalchemy import create_engine, delete, select, text, update

from contracts.registry import ProvinceSucceeded
from kit import db, lineage, migrations, rls, tenancy
from kit.memory import InMemoryBroker
from kit.runtime import Runtime
from kit.service import Consumes, Service, load
from kit.uow import UnitOfWork
from tests.kit.integration.conftest import Base, Note
from tests.support.service import APP, owned_database

MERGER = date(2025, 7, 1)
AFTER, BEFORE = datetime(2025, 7, 1, 1, 0, tzinfo=UTC), datetime(2025, 6, 30, 16, 0, tzinfo=UTC)
GROUP = "kit-tests.lineage"


@pytest.fixture(scope="module")
def runtime(postgres):
    """Kit's branch and a protected `notes` table, made by the owner; the runtime logs in as the application role
    and its consumer has nothing but kit's own handler."""
    owner_url, app_url = owned_database(postgres, "kit_lineage")
    migrations.upgrade(owner_url)
    owner = create_engine(owner_url)
    with owner.begin() as connection:
        Base.metadata.create_all(connection)
        rls.protect(connection, ["notes"])
    owner.dispose()
    migrations.grant(owner_url, APP)
    runtime = Runtime("kit-tests", db.make_engine(app_url), Consumes(GROUP, {}).all_handlers, GROUP)
    yield runtime
    runtime.engine.dispose()


def slug(name: str) -> tenancy.TenantId:
    return tenancy.tenant_id(f"{name}-{uuid.uuid4().hex[:8]}")


def succession(successor: str, *predecessors: str, on: date = MERGER) -> ProvinceSucceeded:
    return ProvinceSucceeded(succession_id=uuid.uuid4(), successor=successor, successor_name=f"Tỉnh {successor}",
                             predecessors=list(predecessors), predecessor_names=[f"Tỉnh {p}" for p in predecessors],
                             effective_date=on, legal_basis="Nghị quyết 202/2025/QH15",
                             executed_at=datetime(2025, 7, 1, 2, tzinfo=UTC))


def merge(runtime: Runtime, successor: str, *predecessors: str, on: date = MERGER) -> ProvinceSucceeded:
    """What the registry does: the lineage, written in a unit of work bound to the successor."""
    event = succession(successor, *predecessors, on=on)
    with runtime.uow(tenancy.tenant_id(successor)) as uow:
        lineage.record(uow.session, event)
        uow.commit()
    return event


def notes(runtime: Runtime, *tenants: str) -> None:
    """One note per province, written as that province."""
    for tenant in tenants:
        with runtime.uow(tenancy.tenant_id(tenant)) as uow:
            uow.session.add(Note(text=f"note of {tenant}"))
            uow.commit()


def at(runtime: Runtime, tenant: str, moment: datetime = AFTER, *, reads_lineage: bool = True) -> UnitOfWork:
    """A unit of work of `tenant` whose clock says `moment`."""
    return UnitOfWork(runtime.session_factory, tenancy.tenant_id(tenant), source="/kit-tests",
                      clock=lambda: moment, lineage=reads_lineage)


def orm_tenants(uow: UnitOfWork) -> list[str]:
    return sorted(uow.session.scalars(select(Note.tenant_id)))


def raw_tenants(uow: UnitOfWork) -> list[str]:
    """What the database lets through, without the ORM filter."""
    return sorted(uow.session.execute(text("SELECT tenant_id FROM notes")).scalars())


@pytest.fixture
def merged(runtime):
    """Lâm Đồng succeeded Bình Thuận and Đắk Nông on 1/7/2025; Thái Bình is a province of its own."""
    successor, first, second, other = slug("lam-dong"), slug("binh-thuan"), slug("dak-nong"), slug("thai-binh")
    notes(runtime, successor, first, second, other)
    merge(runtime, successor, first, second)
    return successor, first, second, other


class TestReads:
    def test_a_lineage_session_reads_its_predecessors_and_a_default_one_its_own_province_only(self, runtime,
                                                                                              merged):
        successor, first, second, other = merged

        with at(runtime, successor) as uow:
            lineage_reads = orm_tenants(uow), raw_tenants(uow)
        with at(runtime, successor, reads_lineage=False) as uow:
            default_reads = orm_tenants(uow), raw_tenants(uow)

        assert lineage_reads == (sorted([successor, first, second]),) * 2
        assert default_reads == ([successor], [successor])
        assert other not in lineage_reads[0] + lineage_reads[1]

    def test_the_database_alone_lets_exactly_the_lineage_through(self, runtime, merged):
        successor, first, second, _other = merged

        with at(runtime, successor) as uow:
            setting = uow.session.execute(text("SELECT current_setting('app.lineage', true)")).scalar_one()
            rows = raw_tenants(uow)

        assert setting == ",".join(sorted([first, second]))
        assert rows == sorted([successor, first, second])

    def test_a_predecessor_reads_its_own_archive_and_not_its_successors_rows(self, runtime, merged):
        successor, first, _second, _other = merged

        with at(runtime, first) as uow:
            assert orm_tenants(uow) == raw_tenants(uow) == [first]

    def test_a_lineage_not_in_force_yet_is_not_read(self, runtime, merged):
        successor, *_ = merged

        with at(runtime, successor, BEFORE) as uow:
            assert orm_tenants(uow) == raw_tenants(uow) == [successor]

    def test_a_predecessors_own_predecessors_are_read_too(self, runtime):
        oldest, middle, successor = slug("song-be"), slug("binh-duong"), slug("ho-chi-minh")
        notes(runtime, oldest, middle, successor)
        merge(runtime, middle, oldest, on=date(1997, 1, 1))
        merge(runtime, successor, middle)

        with at(runtime, successor) as uow:
            now = orm_tenants(uow), raw_tenants(uow)
        with at(runtime, successor, BEFORE) as uow:
            before = orm_tenants(uow), raw_tenants(uow)

        assert now == (sorted([oldest, middle, successor]),) * 2
        assert before == ([successor], [successor])

    def test_two_lineage_sessions_one_after_the_other_each_read_their_own(self, runtime, merged):
        successor, first, second, _other = merged
        lone = slug("hung-yen")
        notes(runtime, lone)

        with at(runtime, successor) as uow:
            assert orm_tenants(uow) == sorted([successor, first, second])
        with at(runtime, lone) as uow:  # the same cached statement, another tenant and no lineage
            assert orm_tenants(uow) == raw_tenants(uow) == [lone]

    def test_a_later_transaction_of_the_session_is_bound_to_the_lineage_again(self, runtime, merged):
        successor, first, second, _other = merged

        with at(runtime, successor) as uow:
            uow.session.commit()
            assert raw_tenants(uow) == sorted([successor, first, second])


class TestWrites:
    def test_update_and_delete_statements_of_the_orm_touch_only_the_successors_rows(self, runtime, merged):
        successor, first, second, _other = merged

        with at(runtime, successor) as uow:
            updated = uow.session.execute(update(Note).values(text="changed")).rowcount
            deleted = uow.session.execute(delete(Note).where(Note.tenant_id == first)).rowcount
            uow.commit()

        assert (updated, deleted) == (1, 0)
        assert texts(runtime, first, second) == {f"note of {first}", f"note of {second}"}

    def test_raw_update_and_delete_under_row_level_security_cannot_reach_a_predecessors_row(self, runtime, merged):
        successor, first, second, _other = merged

        with at(runtime, successor) as uow:
            updated = uow.session.execute(text("UPDATE notes SET text = 'changed' WHERE tenant_id = :t"),
                                          {"t": first}).rowcount
            deleted = uow.session.execute(text("DELETE FROM notes WHERE tenant_id <> :t"), {"t": successor}).rowcount
            locked = uow.session.execute(text("SELECT tenant_id FROM notes FOR UPDATE")).scalars().all()
            uow.commit()

        assert (updated, deleted, locked) == (0, 0, [successor])
        assert texts(runtime, first, second) == {f"note of {first}", f"note of {second}"}

    def test_a_predecessors_row_read_through_the_lineage_cannot_be_changed_deleted_or_added(self, runtime, merged):
        successor, first, _second, _other = merged

        for change in (lambda s, note: setattr(note, "text", "changed"), lambda s, note: s.delete(note),
                       lambda s, note: s.add(Note(tenant_id=first, text="added"))):
            with at(runtime, successor) as uow:
                note = uow.session.scalars(select(Note).where(Note.tenant_id == first)).one()
                change(uow.session, note)
                with pytest.raises(tenancy.CrossTenantWrite):
                    uow.session.flush()

        assert texts(runtime, first) == {f"note of {first}"}

    def test_a_raw_insert_for_a_predecessor_is_refused_by_the_database(self, runtime, merged):
        successor, first, _second, _other = merged

        with at(runtime, successor) as uow, pytest.raises(Exception, match="row-level security"):
            uow.session.execute(text("INSERT INTO notes (id, tenant_id, text) VALUES (gen_random_uuid(), :t, 'x')"),
                                {"t": first})


def texts(runtime: Runtime, *tenants: str) -> set[str]:
    found = set()
    for tenant in tenants:
        with runtime.uow(tenancy.tenant_id(tenant)) as uow:
            found |= set(uow.session.scalars(select(Note.text)))
    return found


class TestLineageRecords:
    def test_recording_a_succession_again_changes_nothing(self, runtime):
        successor, first = slug("lam-dong"), slug("binh-thuan")
        event = merge(runtime, successor, first)
        merge(runtime, successor, first)
        with runtime.uow(successor) as uow:
            lineage.record(uow.session, event)
            uow.commit()

        with runtime.uow(successor) as uow:
            rows = uow.session.scalars(select(lineage.TenantLineage).where(
                lineage.TenantLineage.successor == successor)).all()
            today = lineage.successor(uow.session, first, MERGER)
            not_yet = lineage.successor(uow.session, first, date(2025, 6, 30))

        assert [row.predecessor for row in rows] == [first]
        assert (today.successor, today.predecessor_name, not_yet) == (successor, f"Tỉnh {first}", None)

    def test_a_province_merged_into_one_that_merged_in_turn_belongs_to_the_last_from_its_second_merger(self,
                                                                                                       runtime):
        first, middle, last = slug("binh-thuan"), slug("lam-dong"), slug("tay-nguyen")
        merge(runtime, middle, first)
        merge(runtime, last, middle, on=date(2030, 1, 1))

        with runtime.uow(last) as uow:
            before = lineage.successor(uow.session, first, date(2029, 12, 31))
            after = lineage.successor(uow.session, first, date(2030, 1, 1))

        assert (before.successor, before.effective_date) == (middle, MERGER)
        assert (after.predecessor, after.predecessor_name, after.successor, after.successor_name) == (
            first, f"Tỉnh {first}", last, f"Tỉnh {last}")
        assert after.effective_date == MERGER  # read only since its own merger


class TestConsumer:
    def test_the_consumer_applies_the_event_once_however_often_it_comes(self, runtime):
        successor, first, second = slug("lam-dong"), slug("binh-thuan"), slug("dak-nong")
        broker = InMemoryBroker()
        event = succession(successor, first, second)
        for _ in range(2):  # the registry publishes; a retry of its execution would publish again
            with runtime.uow(successor) as uow:
                uow.publish(event)
                uow.commit()
        while runtime.relay(broker).publish_batch():
            pass
        consumer = runtime.consumer_loop(broker.consumer(GROUP, runtime.topics), broker)
        mine = [m for m in broker.messages("registry.tenant") if m.header("ce_tenant") == successor]

        outcomes = [consumer.process(m) for m in (*mine, mine[0])]

        assert runtime.topics == ["registry.tenant"]
        assert outcomes == ["handled", "handled", "duplicate"]
        with runtime.uow(successor) as uow:
            assert lineage.predecessors(uow.session, successor, MERGER) == sorted([first, second])


def probe_service() -> Service:
    """A service of its own with one route that reads and writes, to see kit's app refuse a predecessor's write."""
    blueprint = Blueprint("things", __name__, url_prefix="/api/v1/probe")

    @blueprint.route("/things", methods=["GET", "POST"])
    def things():
        return {"ok": True}

    return Service(name="probe", port=0, blueprints=[blueprint], metadata=Base.metadata)


class TestHttp:
    def test_a_predecessors_user_reads_its_archive_and_may_no_longer_write(self, runtime, merged, issuer):
        successor, first, _second, _other = merged
        future, later = slug("an-giang"), slug("kien-giang")
        merge(runtime, future, later, on=date(2999, 1, 1))  # decided, not in force
        client = probe_service().api_app(runtime, issuer.verifier()).test_client()

        read = client.get("/api/v1/probe/things", headers=issuer.headers(tenant=first))
        write = client.post("/api/v1/probe/things", headers=issuer.headers(tenant=first))
        successors = client.post("/api/v1/probe/things", headers=issuer.headers(tenant=successor))
        not_yet = client.post("/api/v1/probe/things", headers=issuer.headers(tenant=later))

        assert (read.status_code, write.status_code, successors.status_code, not_yet.status_code) == (
            200, 409, 200, 200)
        body = write.get_json()
        assert (body["code"], body["successor"], body["effective_date"]) == ("province_succeeded", successor,
                                                                             "2025-07-01")
        assert body["detail"] == (
            f"Tỉnh {first} đã hợp nhất vào Tỉnh {successor} từ ngày 01/07/2025: hồ sơ trước đó chỉ còn để tra cứu, "
            f"hãy làm việc trong Tỉnh {successor} / {first} merged into {successor} on 2025-07-01: its records are "
            f"read only; work in {successor}")


def policies(url: str) -> dict[str, set[str]]:
    """{policy: tables} of the database, and the table list of `tenant_lineage`, read as the owner."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            found: dict[str, set[str]] = {}
            for table, policy, command_ in connection.execute(text(
                    "SELECT tablename, policyname, cmd FROM pg_policies WHERE schemaname = current_schema()")):
                found.setdefault(f"{policy} {command_}", set()).add(table)
            found["tenant_lineage"] = set(connection.execute(text(
                "SELECT to_regclass('tenant_lineage')::text")).scalars()) - {None}
            return found
    finally:
        engine.dispose()


class TestMigration:
    def test_an_existing_database_gets_the_table_and_the_read_policy_on_every_protected_table(self, postgres):
        owner_url, _app_url = owned_database(postgres, "kit_lineage_mig")
        training = load("training")
        training.migrate(owner_url)
        protected = policies(owner_url)["tenant_isolation ALL"]
        config = migrations.alembic_config(owner_url, training.migrations, training.metadata)

        command.downgrade(config, "kit_0001")  # as the database was before this revision
        before = policies(owner_url)
        training.migrate(owner_url)
        after = policies(owner_url)

        assert {"classes", "outbox_messages", "audit_log"} <= protected
        assert "lineage_read SELECT" not in before and before["tenant_lineage"] == set()
        assert before["tenant_isolation ALL"] == protected - {"idempotency_keys"}  # kit_0003 is undone too
        assert after["lineage_read SELECT"] == protected and after["tenant_lineage"] == {"tenant_lineage"}

    def test_the_policy_reads_only_the_lineage_setting(self, postgres):
        owner_url, _app_url = owned_database(postgres, "kit_lineage_pol")
        migrations.upgrade(owner_url)
        engine = create_engine(owner_url)
        try:
            with engine.connect() as connection:
                [(qual, check)] = connection.execute(text(
                    "SELECT qual, with_check FROM pg_policies WHERE tablename = 'audit_log' "
                    "AND policyname = 'lineage_read'")).all()
        finally:
            engine.dispose()

        assert "app.lineage" in qual and "string_to_array" in qual and check is None


class TestEmbeddedMode:
    """On SQLite (the embedded mode) there is no row-level security: the ORM filter alone keeps writes to the
    successor's own rows, and kit's branch migrates there too."""

    @pytest.fixture
    def embedded(self, tmp_path):
        url = f"sqlite:///{tmp_path / 'kit.db'}"
        migrations.upgrade(url)
        engine = db.make_engine(url)
        with engine.begin() as connection:
            Base.metadata.create_all(connection)
        runtime = Runtime("kit-tests", engine, Consumes(GROUP, {}).all_handlers, GROUP)
        yield runtime
        engine.dispose()

    def test_the_filter_alone_reads_the_lineage_and_writes_the_successors_rows_only(self, embedded):
        notes(embedded, "lam-dong", "binh-thuan", "thai-binh")
        merge(embedded, "lam-dong", "binh-thuan")

        with at(embedded, "lam-dong") as uow:
            read = orm_tenants(uow)
            updated = uow.session.execute(update(Note).values(text="changed")).rowcount
            deleted = uow.session.execute(delete(Note).where(Note.tenant_id == "binh-thuan")).rowcount
            uow.commit()
        with at(embedded, "lam-dong", reads_lineage=False) as uow:
            default = orm_tenants(uow)

        assert read == ["binh-thuan", "lam-dong"] and default == ["lam-dong"]
        assert (updated, deleted) == (1, 0)
        assert texts(embedded, "binh-thuan", "thai-binh") == {"note of binh-thuan", "note of thai-binh"}
