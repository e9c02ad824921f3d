"""Tenant isolation by construction: every ORM query of a tenant-bound session is filtered.

A session whose `info["tenant"]` is not set refuses ORM statements (fails closed) unless the
statement or the session is explicitly marked `cross_tenant=True` (grep-able escape hatch).
A session bound with a `lineage` (the provinces its tenant succeeded, ADR 16) also READS their rows;
its UPDATE and DELETE statements and its flushes stay its own tenant's.
On PostgreSQL each transaction also tells the database the same thing (`kit.rls`), so row-level
security mirrors the filter even for SQL the filter does not see.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NewType

from sqlalchemy import Connection, String, event
from sqlalchemy.orm import (
    Mapped,
    ORMExecuteState,
    Session,
    SessionTransaction,
    mapped_column,
    sessionmaker,
    with_loader_criteria,
)

from kit import rls

TenantId = NewType("TenantId", str)

_SLUG = re.compile(r"^[a-z][a-z0-9-]{1,62}$")


class TenantNotSet(RuntimeError):
    """An ORM statement ran on a session bound to no tenant."""


class CrossTenantWrite(RuntimeError):
    """An object of another tenant was about to be written."""


def tenant_id(value: str) -> TenantId:
    """Validate a tenant slug (`an-giang`); only auth and the consumer should need this."""
    if not isinstance(value, str) or not _SLUG.match(value):
        raise ValueError(f"not a tenant id: {value!r}")
    return TenantId(value)


class TenantScoped:
    """Mixin for tables that belong to one tenant: adds an indexed, non-null `tenant_id`."""

    tenant_id: Mapped[str] = mapped_column(String(64), index=True, nullable=False)


def tenant_tables(base) -> list[str]:
    """The tables of a declarative base's models that belong to one tenant (its `TenantScoped` classes)."""
    return sorted({m.local_table.name for m in base.registry.mappers if issubclass(m.class_, TenantScoped)})


def bind(session: Session, tenant: TenantId | None, *, cross_tenant: bool = False,
         lineage: Sequence[str] = ()) -> None:
    """Bind `session` to one tenant, or with no tenant and `cross_tenant=True` to all of them (the escape hatch).
    `lineage`: provinces `tenant` succeeded, whose rows the session may read too (never write).

    A transaction already open is rebound at once; later ones are bound as they begin."""
    session.info["tenant"] = tenant
    session.info["cross_tenant"] = cross_tenant
    session.info["lineage"] = tuple(lineage) if tenant is not None else ()
    if session.in_transaction():
        _bind_transaction(session, None, session.connection())


def own_rows(cls: type[TenantScoped], session: Session):
    """The criterion for the bound tenant's own rows of `cls`, for a query that must not pick up a predecessor's
    row in a lineage session (a province's setting, unique per province)."""
    return cls.tenant_id == _bound_tenant(session, False)


def install_tenant_filter(session_factory: sessionmaker) -> sessionmaker:
    """Register the filter, the write guard and the database binding on every session the factory makes."""
    event.listen(session_factory, "do_orm_execute", _filter_statement)
    event.listen(session_factory, "before_flush", _guard_writes)
    event.listen(session_factory, "after_begin", _bind_transaction)
    return session_factory


def _bind_transaction(session: Session, _transaction: SessionTransaction, connection: Connection) -> None:
    rls.set_tenant(connection, session.info.get("tenant"), session.info.get("cross_tenant", False),
                   session.info.get("lineage", ()))


def _bound_tenant(session: Session, cross_tenant: bool) -> TenantId | None:
    tenant = session.info.get("tenant")
    if tenant is None and not (cross_tenant or session.info.get("cross_tenant")):
        raise TenantNotSet("this session is bound to no tenant")
    return tenant


def _filter_statement(state: ORMExecuteState):
    if not (state.is_select or state.is_update or state.is_delete) or state.is_column_load:
        return
    across = state.execution_options.get("cross_tenant", False)
    tenant = _bound_tenant(state.session, across)
    if tenant is None:
        if across and not state.session.info.get("cross_tenant"):
            return _across_tenants(state)
        return
    lineage = state.session.info.get("lineage", ()) if state.is_select else ()
    if lineage:
        readable = (tenant, *lineage)
        criteria = with_loader_criteria(TenantScoped, lambda cls: cls.tenant_id.in_(readable), include_aliases=True)
    else:
        criteria = with_loader_criteria(TenantScoped, lambda cls: cls.tenant_id == tenant, include_aliases=True)
    state.statement = state.statement.options(criteria)


def _across_tenants(state: ORMExecuteState):
    """One statement marked `cross_tenant` in a session bound to no tenant: the database opens for it alone."""
    connection = state.session.connection()
    if connection.dialect.name != "postgresql":
        return None
    rls.set_tenant(connection, None, True)
    try:
        result = state.invoke_statement()
        # Read every row (and eager loads) while the database still allows it.
        return result.freeze()() if state.is_select else result
    finally:
        rls.set_tenant(connection, None, False)


def _guard_writes(session: Session, _context, _instances) -> None:
    for obj in session.new:
        if isinstance(obj, TenantScoped):
            tenant = _bound_tenant(session, False)
            if obj.tenant_id is None:
                obj.tenant_id = tenant
            elif tenant is not None and obj.tenant_id != tenant:
                raise CrossTenantWrite(f"{type(obj).__name__} belongs to another tenant")
    # A lineage session holds its predecessors' rows too: changing or deleting one is a write of another tenant.
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, TenantScoped) and session.info.get("tenant") not in (None, obj.tenant_id):
            raise CrossTenantWrite(f"{type(obj).__name__} belongs to another tenant")
