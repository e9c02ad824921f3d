"""Faults to inject into the local topology: a database that refuses every client, and what a group has left.

`database_outage` makes one or more databases unavailable without stopping the shared PostgreSQL server:
`ALTER DATABASE ... ALLOW_CONNECTIONS false` refuses every new connection (superusers included) and
`pg_terminate_backend` cuts the open ones, mid-transaction if need be. To a service this is the same as its
database server going away: every open connection dies at once and every reconnect fails with an
OperationalError until the outage ends, while other databases on the server (other tests) keep working.
"""

from __future__ import annotations

import time

TERMINATE = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ANY(%s) AND pid <> pg_backend_pid()"


def _conninfo(url: str) -> str:
    """A libpq URL from a SQLAlchemy one (`postgresql+psycopg://...`)."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _allow(admin_url: str, databases: list[str], allowed: bool) -> int:
    import psycopg
    from psycopg import sql

    with psycopg.connect(_conninfo(admin_url), autocommit=True) as connection:
        for name in databases:
            connection.execute(sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS {}").format(
                sql.Identifier(name), sql.Literal(allowed)))
        if allowed:
            return 0
        return len(connection.execute(TERMINATE, (databases,)).fetchall())


def database_outage(admin_url: str, databases: list[str], seconds: float) -> dict:
    """Refuse and cut every connection to `databases` for `seconds`, then let clients back in (blocks meanwhile).

    `admin_url` names another database on the same server (e.g. `postgres`). Returns how many open connections
    were cut (`terminated`) and when the outage began and ended (`started`, `ended`, wall-clock seconds).
    """
    outage = {"started": time.time(), "terminated": 0}
    try:
        outage["terminated"] += _allow(admin_url, databases, False)
        time.sleep(min(1.0, seconds))
        # A connection that was being opened as the first cut fell is cut now.
        outage["terminated"] += _allow(admin_url, databases, False)
        time.sleep(max(0.0, seconds - 1.0))
    finally:
        _allow(admin_url, databases, True)
        outage["ended"] = time.time()
    return outage


def database_name(url: str) -> str:
    """The database a SQLAlchemy URL points at."""
    return url.rsplit("/", 1)[1].split("?", 1)[0]
