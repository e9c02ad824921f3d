"""Local copies of another service's records, kept at the newest version its events announced.

Events of one record may arrive late, twice or out of order (a replay, a redelivery, another partition):
an event whose version is not newer than the copy's changes nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session


def upsert_newest(session: Session, model: type, key: dict[str, Any], version: int, values: dict[str, Any], *,
                  defaults: dict[str, Any] | None = None, version_attr: str = "version") -> bool:
    """Inserts the copy found by `key` (column: value), or moves it to `version` and `values`, unless it already
    holds `version` or a newer one; returns whether it did either (False: nothing changed).

    A new copy gets `defaults`, then `values`, `key` and `version` on top; an update sets only `values` and
    `version`, so a column missing from `values` keeps what the copy had. Nothing is flushed or committed.
    The copy is looked up with an ORM select, so a tenant-bound session sees its province's copies only and
    stamps `tenant_id` on a new one at flush. Two first events of one record applied at once: the second
    insert fails on the key when the transaction ends, and its redelivery then finds the copy.
    """
    copy = session.scalars(select(model).filter_by(**key)).first()
    if copy is None:
        session.add(model(**{**(defaults or {}), **values, **key, version_attr: version}))
        return True
    if version <= getattr(copy, version_attr):
        return False
    for name, value in {**values, version_attr: version}.items():
        setattr(copy, name, value)
    return True
