"""An agency's register entry: what may change, how the register is filtered, and the checks on a change."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from contracts.registry import AgencyStatus
from kit.errors import Conflict, NotFound, RuleViolated

EDITABLE = ("name", "short_name", "agency_type", "admin_level", "parent_agency_id", "location_unit_code",
            "ma_dinh_danh", "head_name", "website_url", "tthc_count", "obligation_override",
            "obligation_decision_no", "obligation_decision_date")


class AgencyNotFound(NotFound):
    code = "agency_not_found"

    def __init__(self, agency_id: object):
        super().__init__(agency_id=agency_id)


@dataclass(frozen=True)
class AgencyFilter:
    """Which agencies of the province a list or an export shows; `only_agency_id` limits an agency officer."""

    agency_type: str | None = None
    status: str | None = None
    admin_level: str | None = None
    parent_agency_id: uuid.UUID | None = None
    q: str | None = None
    only_agency_id: uuid.UUID | None = None
    province: str | None = None  # one province of a lineage list (the caller's or one merged into it)
    order: str = "name"  # one of ORDERS


# How a list of agencies may be ordered: by name (as a Vietnamese reader looks for it), or by type or level in the
# order the register declares them (the province's own bodies before the communes'), then by name.
ORDERS = ("name", "type", "level")


def ensure_active(agency) -> None:
    if agency.status != AgencyStatus.HOAT_DONG:
        raise Conflict("agency_ended", agency_id=agency.id, status=agency.status)


def ensure_parent(agency_id: object, parent) -> None:
    if parent is None:
        raise RuleViolated("parent_not_in_province")
    if parent.id == agency_id:
        raise RuleViolated("own_parent")


def ensure_successor(agency_id: object, successor) -> None:
    if successor is None:
        raise RuleViolated("successor_not_in_province")
    if successor.id == agency_id:
        raise RuleViolated("merged_into_itself")
    ensure_active(successor)


def ensure_end_date(agency, ended_on: date) -> None:
    """An agency cannot be dissolved or merged before it existed."""
    if agency.valid_from and ended_on < agency.valid_from:
        raise RuleViolated("ended_before_valid_from")


def ensure_override_cited(agency) -> None:
    """A provincial override of the obligation must cite the plan that decided it (number and date)."""
    if agency.obligation_override and not (agency.obligation_decision_no and agency.obligation_decision_date):
        raise RuleViolated("override_not_cited")


def changes(agency, fields: dict) -> dict:
    """The subset of `fields` that really changes the agency."""
    return {name: value for name, value in fields.items() if name in EDITABLE and getattr(agency, name) != value}
