"""Registry rules that hold whatever the storage: pure Python."""

from __future__ import annotations

from datetime import date

from kit.errors import Conflict, NotFound, RuleViolated

ACTIVE = "HOAT_DONG"
DISSOLVED = "DA_GIAI_THE"
MERGED = "DA_SAP_NHAP"
EDITABLE = ("name", "short_name", "agency_type", "admin_level", "parent_agency_id", "location_unit_code",
            "ma_dinh_danh", "head_name", "website_url", "tthc_count", "obligation_override",
            "obligation_decision_no", "obligation_decision_date")


class AgencyNotFound(NotFound):
    def __init__(self, agency_id: object):
        super().__init__(f"agency {agency_id} not found")


class TenantNotFound(NotFound):
    def __init__(self, tenant: str):
        super().__init__(f"province {tenant!r} not found")


class TenantNotRegistered(RuleViolated):
    def __init__(self, tenant: str):
        super().__init__(f"province {tenant!r} is not registered on the platform")


class TenantExists(Conflict):
    def __init__(self, tenant: str):
        super().__init__(f"province {tenant!r} is already registered")


def ensure_active(agency) -> None:
    if agency.status != ACTIVE:
        raise Conflict(f"agency {agency.id} is {agency.status} and can no longer change")


def ensure_parent(agency_id: object, parent) -> None:
    if parent is None:
        raise RuleViolated("parent_agency_id does not name an agency of this province")
    if parent.id == agency_id:
        raise RuleViolated("an agency cannot be its own parent")


def ensure_successor(agency_id: object, successor) -> None:
    if successor is None:
        raise RuleViolated("successor_agency_id does not name an agency of this province")
    if successor.id == agency_id:
        raise RuleViolated("Không thể sáp nhập cơ quan vào chính nó / an agency cannot be merged into itself")
    ensure_active(successor)


def ensure_dissolution_date(agency, dissolved_on: date) -> None:
    if agency.valid_from and dissolved_on < agency.valid_from:
        raise RuleViolated("dissolved_on is before the agency's valid_from")


def ensure_override_cited(agency) -> None:
    """A provincial override of the obligation must cite the plan that decided it (number and date)."""
    if agency.obligation_override and not (agency.obligation_decision_no and agency.obligation_decision_date):
        raise RuleViolated(
            "Ghi đè mức độ bắt buộc phải dẫn số và ngày của kế hoạch/quyết định của tỉnh / "
            "an obligation override must cite the provincial decision number and date")


def changes(agency, fields: dict) -> dict:
    """The subset of `fields` that really changes the agency."""
    return {name: value for name, value in fields.items() if name in EDITABLE and getattr(agency, name) != value}
