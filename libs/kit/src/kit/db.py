"""Engines and session factories for PostgreSQL (psycopg 3) and SQLite. Nothing connects at import."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

from sqlalchemy import DateTime, Engine, MetaData, TypeDecorator, create_engine, event, func, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator):
    """A timezone-aware UTC timestamp on every database (SQLite forgets the zone; this puts it back)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use UTC")
        # 08:00+07:00 is stored as 01:00 UTC: SQLite keeps the text as given and drops the offset on reading.
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class KitBase(DeclarativeBase):
    """Tables kit owns in every service database (outbox, inbox, audit log, province lineage; kit's migration
    branch creates them). Services have their own Base."""

    metadata = MetaData(naming_convention=NAMING)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


READ_ONLY = "kit_read_only"  # execution option: a transaction that only reads (SQLite begins it deferred)


def make_engine(url: str, **options: object) -> Engine:
    """An engine with sane pool settings; SQLite gets foreign keys, WAL and one writer at a time for the embedded
    mode."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **options)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    options.setdefault("pool_pre_ping", True)
    options.setdefault("pool_size", 5)
    options.setdefault("max_overflow", 10)
    # No server-side prepared statements: behind PgBouncer in transaction mode (CNPG's Pooler,
    # deploy/k8s/base/poolers.yaml) the next transaction runs on another server session, where psycopg's `_pg3_0`
    # is missing or is another client's statement (tests/security/test_rls_pgbouncer.py).
    options.setdefault("connect_args", {}).setdefault("prepare_threshold", None)
    return create_engine(url, **options)


def make_session_factory(engine: Engine) -> sessionmaker:
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # WAL with NORMAL sync: a commit is safe from a crash of the process but not of the machine (the last commits
    # may be lost on power loss), the trade SQLite documents for WAL; it makes a commit ~20x cheaper, which the
    # embedded demo's ~25,000 events need (372 s to ready with FULL, 141 s with NORMAL). Production is PostgreSQL.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
    dbapi_connection.create_function("iso_fold", 1, fold, deterministic=True)
    # SQLAlchemy emits BEGIN itself (_sqlite_begin): pysqlite's own would come only at the first write, leaving
    # the reads before it outside the transaction (and `SELECT ... FOR UPDATE` means nothing to SQLite).
    dbapi_connection.isolation_level = None


def _sqlite_begin(connection) -> None:
    """A transaction that may write takes SQLite's one write lock when it begins (`BEGIN IMMEDIATE`): what it read
    cannot change before it commits, the embedded mode's row lock. A read-only one does not wait for writers."""
    read_only = connection.get_execution_options().get(READ_ONLY, False)
    connection.exec_driver_sql("BEGIN DEFERRED" if read_only else "BEGIN IMMEDIATE")


def fold(text: str | None) -> str | None:
    """Text as accent- and case-insensitive search compares it: "Khoa Học" and "khoa hoc" fold alike (đ -> d).
    PostgreSQL's `unaccent(lower())` does the same in the database; SQLite calls this as `iso_fold`."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def contains_folded(session: Session, column, query: str):
    """`column` contains `query`, accents and case ignored on both sides ("khoa hoc" finds "Sở Khoa học").
    PostgreSQL unaccents before lowering, so "Đ" is "d" whatever the database's ctype (the `unaccent` extension,
    installed by each service's migration that searches); SQLite calls `fold` itself (`iso_fold`, registered on
    every connection)."""
    return folded(session, column).contains(fold(query), autoescape=True)


def folded(session: Session, column):
    """`column` as `fold` makes it, in the database: to search (`contains_folded`) or to sort by, so that "Đ"
    sorts with "D" and "Ấ" with "A", as a Vietnamese reader looks for them."""
    if session.get_bind().dialect.name == "postgresql":
        return func.lower(func.unaccent(column))
    return func.iso_fold(column)


def ping(engine: Engine):
    """A readiness check that fails when the database does not answer."""

    def database() -> None:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    return database
