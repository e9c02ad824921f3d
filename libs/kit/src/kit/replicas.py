"""Local copies of another service's records, kept at the newest version its events announced.

Events of one record may arrive late, twice or out of order (a replay, a redelivery, another partition):
an event whose version is not newer than the copy's changes nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Mapped, Session, declared_attr, foreign, relationship, remote


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


def named_by(agencies: type) -> type:
    """A mixin for rows about one agency (`agency_id`): `agency_name` is the name the registry last gave it, from
    the service's copy of the agencies (`agencies`, keyed by `id`), for whoever reads a list; None before the
    registry's event arrives. The copies are loaded with the rows (one extra query per list, not one a row)."""

    class OfAgency:
        @declared_attr
        def agency(cls) -> Mapped[agencies | None]:  # noqa: N805 - a declared attribute is given the class
            return relationship(agencies, primaryjoin=lambda: foreign(cls.agency_id) == remote(agencies.id),
                                viewonly=True, lazy="selectin")

        @property
        def agency_name(self) -> str | None:
            """None also when the copy was not loaded (a row just created, answered after its session closed)."""
            if "agency" in inspect(self).unloaded or self.agency is None:
                return None
            return self.agency.name

    return OfAgency
