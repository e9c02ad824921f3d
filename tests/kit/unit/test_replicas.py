import uuid
from datetime import date

import pytest
from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from kit.replicas import upsert_newest

AGENCY = uuid.uuid4()


class Base(DeclarativeBase):
    pass


class AgencyCopy(Base):
    __tablename__ = "agencies"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    version: Mapped[int]
    name: Mapped[str] = mapped_column(String(300))
    agency_type: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(32), default="HOAT_DONG")
    valid_to: Mapped[date | None]


class RevisionedCopy(Base):
    __tablename__ = "revisioned"

    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    revision: Mapped[int]
    title: Mapped[str | None] = mapped_column(String(50))


@pytest.fixture
def session():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        yield session


def upsert(session, version, values, **options) -> bool:
    return upsert_newest(session, AgencyCopy, {"id": AGENCY}, version, values, **options)


def copy(session) -> AgencyCopy:
    session.flush()
    return session.scalars(select(AgencyCopy)).one()


class TestFirstEvent:
    def test_the_first_event_inserts_the_copy(self, session):
        assert upsert(session, 1, {"name": "Sở Y tế", "agency_type": "SO"})

        assert (copy(session).version, copy(session).name) == (1, "Sở Y tế")

    def test_defaults_fill_what_the_event_does_not_carry(self, session):
        upsert(session, 2, {"valid_to": date(2025, 6, 30)}, defaults={"name": "", "agency_type": "KHAC"})

        stored = copy(session)
        assert (stored.name, stored.agency_type, stored.valid_to) == ("", "KHAC", date(2025, 6, 30))

    def test_values_win_over_defaults(self, session):
        upsert(session, 1, {"name": "Sở Y tế", "agency_type": "SO"}, defaults={"name": str(AGENCY)})

        assert copy(session).name == "Sở Y tế"

    def test_column_defaults_still_apply_at_flush(self, session):
        upsert(session, 1, {"name": "Sở Y tế", "agency_type": "SO"})

        assert copy(session).status == "HOAT_DONG"


class TestLaterEvents:
    @pytest.fixture(autouse=True)
    def known(self, session):
        upsert(session, 3, {"name": "Sở Y tế", "agency_type": "SO"})
        session.commit()

    def test_a_newer_version_updates_the_copy(self, session):
        assert upsert(session, 4, {"name": "Sở Y tế tỉnh An Giang"})

        assert (copy(session).version, copy(session).name) == (4, "Sở Y tế tỉnh An Giang")

    def test_columns_missing_from_values_keep_what_the_copy_had(self, session):
        upsert(session, 4, {"status": "DA_GIAI_THE"}, defaults={"name": ""})

        assert (copy(session).name, copy(session).status) == ("Sở Y tế", "DA_GIAI_THE")

    @pytest.mark.parametrize("version", [3, 2])
    def test_the_same_or_an_older_version_changes_nothing(self, session, version):
        assert not upsert(session, version, {"name": "cũ"})

        assert (copy(session).version, copy(session).name) == (3, "Sở Y tế")
        assert not session.dirty

    def test_copies_are_told_apart_by_their_key(self, session):
        other = uuid.uuid4()

        assert upsert_newest(session, AgencyCopy, {"id": other}, 1, {"name": "Sở Tư pháp", "agency_type": "SO"})

        assert len(session.scalars(select(AgencyCopy)).all()) == 2


class TestOptions:
    def test_the_version_may_live_in_another_column(self, session):
        upsert_newest(session, RevisionedCopy, {"code": "A"}, 5, {"title": "new"}, version_attr="revision")

        assert not upsert_newest(session, RevisionedCopy, {"code": "A"}, 5, {"title": "again"}, version_attr="revision")
        assert upsert_newest(session, RevisionedCopy, {"code": "A"}, 6, {"title": "newer"}, version_attr="revision")
        assert session.get(RevisionedCopy, "A").title == "newer"

    def test_a_pending_copy_is_found_before_the_flush(self, session):
        upsert(session, 1, {"name": "Sở Y tế", "agency_type": "SO"})

        assert not upsert(session, 1, {"name": "Sở Y tế", "agency_type": "SO"})
        assert copy(session).version == 1
