"""registry.tenant: the provinces' display names."""

from __future__ import annotations

from contracts import registry as events
from kit.uow import UnitOfWork
from reporting.orm import ProvinceView


def apply_province(uow: UnitOfWork, event: events.TenantCreated) -> None:
    with uow:
        if uow.session.get(ProvinceView, event.tenant_id) is None:
            uow.session.add(ProvinceView(tenant_id=event.tenant_id, name=event.name,
                                         official_code=event.official_code))
        uow.commit()
