"""The audit trail: every change of a tenant's row, who made it, when, before and after, and the request id.

`install_audit(session_factory)` records the changes of each flush in `audit_log`, in the same transaction
as the change itself, so a rolled-back change leaves no trace and a committed one always has its entry. The
table is append-only: no route writes it, and on PostgreSQL a trigger (kit's migration branch) refuses UPDATE
and DELETE.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, BigInteger, Integer, String, event, insert, inspect
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from kit.db import KitBase, UtcDateTime, utcnow
from kit.tenancy import TenantScoped


class AuditEntry(KitBase):
    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"), primary_key=True,
                                     autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    actor: Mapped[str | None] = mapped_column(String(200))
    request_id: Mapped[str | None] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(100), index=True)
    entity_id: Mapped[str] = mapped_column(String(200), index=True)
    action: Mapped[str] = mapped_column(String(8))
    changes: Mapped[dict] = mapped_column(JSON)


def install_audit(session_factory: sessionmaker) -> sessionmaker:
    event.listen(session_factory, "after_flush", _record)
    return session_factory


def record_access(session: Session, obj: TenantScoped, action: str, details: dict) -> None:
    """An audit line for an access that changes no row (a download: `action` "DOWNLOAD", at most 8 letters), in
    the session's transaction, with its actor and request id; `details` is kept as the line's `changes`."""
    state = inspect(obj)
    session.connection().execute(insert(AuditEntry.__table__), [{
        "tenant_id": obj.tenant_id, "at": utcnow(), "actor": session.info.get("actor"),
        "request_id": session.info.get("request_id"), "entity": state.mapper.local_table.name,
        "entity_id": ",".join(str(v) for v in state.mapper.primary_key_from_instance(obj)), "action": action,
        "changes": {key: _plain(value) for key, value in details.items()}}])


def _record(session: Session, _context) -> None:
    rows = [_entry(session, obj, action) for action, objects in
            (("INSERT", session.new), ("UPDATE", session.dirty), ("DELETE", session.deleted))
            for obj in objects if isinstance(obj, TenantScoped)]
    rows = [row for row in rows if row is not None]
    if rows:
        session.connection().execute(insert(AuditEntry.__table__), rows)


def _entry(session: Session, obj, action: str) -> dict | None:
    state = inspect(obj)
    changes = {}
    for attr in state.mapper.column_attrs:
        if action == "INSERT":  # every value is new: no history to compute (a bulk import adds thousands)
            changes[attr.key] = [None, _plain(getattr(obj, attr.key, None))]
            continue
        history = state.attrs[attr.key].history
        if history.has_changes():
            before = history.deleted[0] if history.deleted else None
            after = history.added[0] if history.added else None
            changes[attr.key] = [_plain(before), _plain(after)]
    if action == "UPDATE" and not changes:
        return None
    return {"tenant_id": obj.tenant_id, "at": utcnow(), "actor": session.info.get("actor"),
            "request_id": session.info.get("request_id"), "entity": state.mapper.local_table.name,
            "entity_id": ",".join(str(v) for v in state.mapper.primary_key_from_instance(obj)), "action": action,
            "changes": changes}


def _plain(value):
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value
