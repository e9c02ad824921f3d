import pytest
from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from kit.pagination import Page, paginate


class Base(DeclarativeBase):
    pass


class Agency(Base):
    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    agency_type: Mapped[str] = mapped_column(String(10))


@pytest.fixture
def session():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add_all(Agency(id=n, name=f"Sở {n:02}", agency_type="SO" if n % 2 else "HUYEN") for n in range(1, 8))
        session.commit()
        yield session


class TestPaginate:
    def test_a_page_holds_its_slice_and_the_total(self, session):
        page = paginate(session, select(Agency), (Agency.name,), 2, 3)

        assert [a.id for a in page.items] == [4, 5, 6]
        assert (page.total, page.page, page.page_size) == (7, 2, 3)

    def test_the_last_page_may_be_short(self, session):
        assert [a.id for a in paginate(session, select(Agency), (Agency.id,), 3, 3).items] == [7]

    def test_a_page_past_the_end_is_empty_but_still_counts(self, session):
        assert paginate(session, select(Agency), (Agency.id,), 9, 3) == Page([], 7, 9, 3)

    def test_the_total_counts_only_the_rows_the_query_matches(self, session):
        query = select(Agency).where(Agency.agency_type == "SO")

        page = paginate(session, query, (Agency.name.desc(),), 1, 2)

        assert page.total == 4 and [a.id for a in page.items] == [7, 5]

    def test_an_ordering_on_the_query_comes_before_order_by(self, session):
        query = select(Agency).order_by(Agency.agency_type)

        page = paginate(session, query, (Agency.id.desc(),), 1, 7)

        assert [a.id for a in page.items] == [6, 4, 2, 7, 5, 3, 1]

    def test_no_order_by_keeps_the_querys_own_ordering(self, session):
        page = paginate(session, select(Agency).order_by(Agency.id.desc()), (), 1, 2)

        assert [a.id for a in page.items] == [7, 6]
