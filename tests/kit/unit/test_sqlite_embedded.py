"""kit.db on SQLite (the embedded mode): a transaction that may write holds SQLite's write lock from its first
statement, so a read-then-write cannot lose an update; a read-only one does not wait for it; timestamps are stored
in UTC; and search folds accents and case the way PostgreSQL's `lower(unaccent())` does."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, insert, select, text, update

from kit import db

VIETNAM = timezone(timedelta(hours=7))
metadata = MetaData()
counters = Table("counters", metadata, Column("id", Integer, primary_key=True), Column("n", Integer))
moments = Table("moments", metadata, Column("id", Integer, primary_key=True), Column("at", db.UtcDateTime))


@pytest.fixture
def engine(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'embedded.db'}")
    metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(insert(counters).values(id=1, n=0))
    yield engine
    engine.dispose()


def test_concurrent_read_then_write_transactions_lose_no_update(engine):
    sessions, threads, rounds = db.make_session_factory(engine), 6, 15
    start = threading.Barrier(threads)

    def add_one_each_round() -> None:
        start.wait()
        for _ in range(rounds):
            with sessions() as session:
                seen = session.scalar(select(counters.c.n).where(counters.c.id == 1))
                session.execute(update(counters).where(counters.c.id == 1).values(n=seen + 1))
                session.commit()

    workers = [threading.Thread(target=add_one_each_round) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    with engine.connect() as connection:
        assert connection.scalar(select(counters.c.n)) == threads * rounds


def test_a_read_only_transaction_reads_while_a_writer_holds_the_lock(engine):
    sessions = db.make_session_factory(engine)
    with sessions() as writer:
        writer.execute(update(counters).values(n=41))  # holds the write lock until the end of the block
        with sessions() as reader:
            reader.connection(execution_options={db.READ_ONLY: True})
            assert reader.scalar(select(counters.c.n)) == 0  # the last committed value, at once
        writer.commit()


def test_a_time_given_in_vietnam_is_stored_and_read_back_as_the_same_instant_in_utc(engine):
    eight_in_hanoi = datetime(2026, 3, 9, 8, 0, tzinfo=VIETNAM)
    with engine.begin() as connection:
        connection.execute(insert(moments).values(id=1, at=eight_in_hanoi))
    with engine.connect() as connection:
        stored = connection.scalar(select(moments.c.at))
        raw = connection.scalar(text("SELECT at FROM moments"))

    assert stored == eight_in_hanoi and stored.tzinfo == UTC and stored.hour == 1
    assert raw.startswith("2026-03-09 01:00:00")


def test_a_naive_time_is_refused():
    with pytest.raises(ValueError, match="naive"):
        db.UtcDateTime().process_bind_param(datetime(2026, 3, 9, 8, 0), None)


@pytest.mark.parametrize(("given", "folded"), [
    ("Sở Khoa học và Công nghệ", "so khoa hoc va cong nghe"),
    ("ĐÀ NẴNG", "da nang"),
    ("Thừa Thiên Huế", "thua thien hue"),
    ("khoa hoc", "khoa hoc"),
])
def test_search_folds_accents_and_case_alike_in_python_and_in_sqlite(engine, given, folded):
    assert db.fold(given) == folded
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT iso_fold(:given)"), {"given": given}) == folded
