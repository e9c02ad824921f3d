"""What an officer checks every day: the figures of the per-province summary and the flags of the agencies that
need attention. Pure Python: `services/oversight.py` loads what these rules read."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from contracts.registry import QualitySystemStatus as Status
from registry.model.quality_system import IN_USE

FIGURES = ("total", "obliged", "applying", "announced", "on_2015")
FLAGS = ("overdue_maintenance", "overdue_reannouncement", "legacy_version", "no_iso_secretary", "scope_incomplete")


def summary(as_of: date, by_type: dict[str, dict[str, int]]) -> dict:
    """The figures in total and by agency type."""
    totals = {name: sum(figures[name] for figures in by_type.values()) for name in FIGURES}
    return {"as_of": as_of, **totals, "by_agency_type": by_type}


def yearly_deadline(as_of: date, setting: str) -> date:
    """The maintenance deadline of `as_of`'s year, from a `dd/mm` setting (e.g. 30/11)."""
    day, month = (int(part) for part in setting.split("/"))
    return date(as_of.year, month, day)


@dataclass
class AgencyFlags:
    agency_id: uuid.UUID
    name: str
    agency_type: str
    flags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SystemOnDate:
    """An agency's quality system as it stood on a date: its status, standard version and the day that status
    began from the system's history; its scope is the current one (scope changes have no history)."""

    id: uuid.UUID
    status: str
    standard_version: str
    status_since: date
    scope_tthc_count: int | None


@dataclass(frozen=True)
class FlagContext:
    """What the flags of every agency are computed from, on `as_of` (with its system as it stood that day)."""

    as_of: date
    maintenance_deadline: date
    reannouncement_days: int
    required: set[str]  # the activity types required every year
    done: dict[uuid.UUID, set[str]]  # quality system -> the activity types on record this year
    secretaries: set[uuid.UUID]  # agencies with an ISO secretary in office
    legacy_after: dict[str, date]  # standard version -> its transition deadline

    def flags(self, agency, system: SystemOnDate | None) -> list[str]:
        checks = {
            "overdue_maintenance": system is not None and system.status in IN_USE
            and self.as_of > self.maintenance_deadline and bool(self.required - self.done.get(system.id, set())),
            "overdue_reannouncement": system is not None and system.status == Status.CAN_CONG_BO_LAI
            and self.as_of > system.status_since + timedelta(days=self.reannouncement_days),
            "legacy_version": system is not None and system.status != Status.CHUA_XAY_DUNG
            and self.as_of > self.legacy_after.get(system.standard_version, date.max),
            "no_iso_secretary": agency.id not in self.secretaries,
            "scope_incomplete": system is not None and None not in (system.scope_tthc_count, agency.tthc_count)
            and system.scope_tthc_count < agency.tthc_count,
        }
        return [name for name in FLAGS if checks[name]]
