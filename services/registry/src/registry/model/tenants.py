"""A province on the platform (a tenant): its statuses and the errors of registering and finding it."""

from __future__ import annotations

from enum import StrEnum

from kit.errors import Conflict, NotFound, RuleViolated


class TenantStatus(StrEnum):
    ACTIVE = "ACTIVE"


class TenantNotFound(NotFound):
    code = "tenant_not_found"

    def __init__(self, tenant: str):
        super().__init__(tenant=tenant)


class TenantNotRegistered(RuleViolated):
    code = "tenant_not_registered"

    def __init__(self, tenant: str):
        super().__init__(tenant=tenant)


class TenantExists(Conflict):
    code = "tenant_exists"

    def __init__(self, tenant: str):
        super().__init__(tenant=tenant)
