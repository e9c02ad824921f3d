"""Use cases of the provinces on the platform (the tenants)."""

from __future__ import annotations

from contracts import registry as events
from kit import calendar, lineage
from kit.uow import UnitOfWork
from registry import repository
from registry.model import reference
from registry.model.tenants import TenantExists, TenantNotFound
from registry.orm import Tenant


def create_tenant(uow: UnitOfWork, *, name: str, official_code: str | None = None,
                  historical: bool = False) -> Tenant:
    """Register the province `uow.tenant` on the platform; `historical` for a province merged away (its code
    retired), so that its history can be kept (docs/adr/0014-administrative-codes.md)."""
    with uow:
        if repository.find_tenant(uow.session, uow.tenant):
            raise TenantExists(uow.tenant)
        if official_code is not None:
            reference.check_province_code(
                official_code, repository.administrative_units(uow.session, scheme=None, tenant=None, level="TINH"),
                repository.unit_successions(uow.session, provinces_only=True), historical=historical,
                on=uow.now().date())
        tenant = Tenant(id=uow.tenant, name=name, official_code=official_code)
        uow.session.add(tenant)
        uow.publish(events.TenantCreated(
            tenant_id=tenant.id, name=name, official_code=official_code, created_at=uow.now()))
        uow.commit()
        return tenant


def list_tenants(uow: UnitOfWork) -> list[Tenant]:
    with uow:
        return repository.list_tenants(uow.session)


def current_tenant(uow: UnitOfWork, tenant_id: str) -> dict:
    """The caller's province and its lineage today (Việt Nam's day): the province it merged into, with the
    first day of the merger, or the provinces merged into it."""
    today = calendar.today()
    with uow:
        tenant = repository.find_tenant(uow.session, tenant_id)
        if tenant is None:
            raise TenantNotFound(tenant_id)
        successor = lineage.successor(uow.session, tenant_id, today)
        predecessors = lineage.predecessor_rows(uow.session, tenant_id, today)
        return {"id": tenant.id, "name": tenant.name, "official_code": tenant.official_code,
                "created_at": tenant.created_at,
                "merged_into": successor.successor if successor else None,
                "successor_name": successor.successor_name if successor else None,
                "effective_date": successor.effective_date if successor else None,
                "predecessors": [{"id": row.predecessor, "name": row.predecessor_name,
                                  "effective_date": row.effective_date} for row in predecessors]}


def get_tenant(uow: UnitOfWork, tenant_id: str) -> Tenant:
    with uow:
        tenant = repository.find_tenant(uow.session, tenant_id)
        if tenant is None:
            raise TenantNotFound(tenant_id)
        return tenant
