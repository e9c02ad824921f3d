"""What an officer checks every day: the figures of the per-province summary and the flags of the agencies that
need attention. Pure Python: `services/oversight.py` loads what these rules read."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
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
    """An agency's flags on a date, each with the day it fell due (`due_on`) and the days it is overdue by then
    (`overdue_days`; None where the flag has no day it fell due)."""

    agency_id: uuid.UUID
    name: str
    agency_type: str
    flags: list[str] = field(default_factory=list)
    due_on: dict[str, date | None] = field(default_factory=dict)
    overdue_days: dict[str, int | None] = field(default_factory=dict)

    def urgency(self, flag: str | None = None) -> int | None:
        """The days overdue of `flag`, or of the agency's most overdue flag; None when none has a due day."""
        days = [self.overdue_days.get(flag)] if flag else list(self.overdue_days.values())
        return max((d for d in days if d is not None), default=None)


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
    secretary_left: dict[uuid.UUID, date] = field(default_factory=dict)  # agency -> its last secretary's leaving

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

    def due_on(self, agency, system: SystemOnDate | None) -> dict[str, date | None]:
        """The day each flag's duty fell due, the flag standing from the day after: the year's maintenance deadline,
        the end of the days allowed to re-announce, the standard's transition deadline, the day the ISO secretary's
        post fell vacant (the last one's leaving, else the agency's first day: no rule sets a time to appoint one);
        a scope short of the agency's procedures has none."""
        return {
            "overdue_maintenance": self.maintenance_deadline,
            "overdue_reannouncement": system.status_since + timedelta(days=self.reannouncement_days) if system
            else None,
            "legacy_version": self.legacy_after.get(system.standard_version) if system else None,
            "no_iso_secretary": self.secretary_left.get(agency.id, agency.valid_from),
            "scope_incomplete": None,
        }

    def flagged(self, agency, system: SystemOnDate | None) -> AgencyFlags:
        """The agency's flags with the day each fell due and the days it is overdue on `as_of`."""
        flags = self.flags(agency, system)
        due = self.due_on(agency, system)
        return AgencyFlags(agency.id, agency.name, agency.agency_type, flags, {name: due[name] for name in flags},
                           {name: days_after(due[name], self.as_of) for name in flags})


def days_after(due: date | None, as_of: date) -> int | None:
    return (as_of - due).days if due is not None else None


def by_urgency(flagged: Iterable[AgencyFlags], flag: str | None = None) -> list[AgencyFlags]:
    """The most overdue first (by `flag`'s days, or by the agency's most overdue flag), those without a due day
    last; equal ones keep their order (by name, as read)."""
    return sorted(flagged, key=lambda agency: (agency.urgency(flag) is None, -(agency.urgency(flag) or 0)))


def attention(as_of: date, flagged: list[AgencyFlags], limit: int, offset: int = 0,
              only: str | None = None) -> dict:
    """Per flag (or `only` that one): how many of the `flagged` agencies have it and a page of them, the most
    overdue first; and how many are flagged."""
    names = (only,) if only else FLAGS
    lists = {name: by_urgency((agency for agency in flagged if name in agency.flags), name) for name in names}
    return {"as_of": as_of, "total": len(flagged), "limit": limit, "offset": offset,
            "flags": {name: {"total": len(found), "items": found[offset:offset + limit]}
                      for name, found in lists.items()}}
