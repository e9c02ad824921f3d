"""The as-of ledger of a province's agency counts (ADR 24): what one agency adds to each counter, day by day.

An agency's contribution is a step function of the date: 1 to `total` while it is valid, 1 to `applying` while
its quality system is in use, and so on. It changes only on the days its rows name (validity, status dates, the
upkeep's completion and the new year, a secretary's appointment and removal, a certificate's issue), so it is
evaluated on those days only, with the same rules the reference computation (`reporting.services.reference`)
applies on one date. The ledger holds, per agency type, level and day, the sum of the agencies' changes that
day, and month and year roll-ups of them: the figures on a date are the sum of the changes up to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from contracts.registry import OBLIGED, OfficerRole
from reporting.model.codes import StandardVersion
from reporting.model.figures import ANNOUNCED, IN_USE, UNKNOWN_LEVEL, systems_on

COUNTERS = ("total", "obliged", "obliged_applying", "applying", "announced", "on_2015", "were_2008",
            "transition_done", "upkeep_done", "with_secretary", "trained_secretary")
ZERO = (0,) * len(COUNTERS)
BEGINNING = date.min  # the day an agency without a start date counts from
DAY, MONTH, YEAR = "D", "M", "Y"

Vector = tuple[int, ...]
Group = tuple[str, str]  # (agency type, administrative level)
Key = tuple  # (grain, period's first day, *group): agency type and level, nothing for a recommendation


@dataclass
class History:
    """One agency's rows: its record (None: not known yet), its quality-system statuses in version order, the
    day the newest upkeep record of each year says that year's upkeep was complete, its ISO secretaries, and the
    days each officer was issued a certificate that qualifies for the role."""

    agency: Any
    statuses: list = field(default_factory=list)
    upkeep: Mapping[int, date | None] = field(default_factory=dict)
    secretaries: list = field(default_factory=list)
    certified: Mapping[Any, list[date]] = field(default_factory=dict)


def group(history: History) -> Group | None:
    agency = history.agency
    return None if agency is None else (agency.agency_type, agency.admin_level or UNKNOWN_LEVEL)


def state_on(history: History, day: date) -> Vector:
    """What the agency counts for on `day`, by the reference's rules."""
    agency = history.agency
    if agency is None or not _valid(agency, day):
        return ZERO
    system = systems_on(s for s in history.statuses if s.changed_on <= day).get(agency.agency_id)
    status = system.status if system else None
    in_use = status in IN_USE
    on_2015 = in_use and system.standard_version == StandardVersion.TCVN_ISO_9001_2015
    obliged = agency.obligation in OBLIGED
    were_2008 = any(s.standard_version == StandardVersion.TCVN_ISO_9001_2008 and s.changed_on <= day
                    for s in history.statuses)
    completed = history.upkeep.get(day.year)
    in_office = [o.officer_id for o in history.secretaries
                 if o.appointed_on <= day and (o.removed_on is None or o.removed_on > day)]
    trained = any(issued <= day for officer in in_office for issued in history.certified.get(officer, ()))
    return tuple(int(value) for value in (
        True, obliged, obliged and in_use, in_use, status in ANNOUNCED, on_2015, were_2008, were_2008 and on_2015,
        in_use and completed is not None and completed <= day, bool(in_office), trained))


def change_days(history: History) -> list[date]:
    """Every day the agency's contribution may change, in order (a superset: a day may change nothing)."""
    agency = history.agency
    if agency is None:
        return []
    days = {BEGINNING, agency.valid_from or BEGINNING, *(s.changed_on for s in history.statuses)}
    if agency.valid_to is not None and agency.valid_to < date.max:
        days.add(agency.valid_to + timedelta(days=1))
    for year, completed in history.upkeep.items():
        days |= {date(year, 1, 1), date(year + 1, 1, 1), *([completed] if completed else [])}
    for officer in history.secretaries:
        days |= {officer.appointed_on, *([officer.removed_on] if officer.removed_on else [])}
        days |= set(history.certified.get(officer.officer_id, ()))
    return sorted(days)


def steps(history: History) -> list[tuple[date, Vector]]:
    """The agency's changes: (day, what each counter gains that day), days with no change left out."""
    return changes(change_days(history), lambda day: state_on(history, day), ZERO)


def changes(days: Iterable[date], state: Callable[[date], Vector], zero: Vector) -> list[tuple[date, Vector]]:
    """A step function's changes: `state` evaluated on `days` (in order, the days it may change on), as (day,
    what each counter gains that day) from `zero` before the first; days with no change left out."""
    found, before = [], zero
    for day in days:
        now = state(day)
        if now != before:
            found.append((day, _minus(now, before)))
            before = now
    return found


@dataclass(frozen=True)
class Contribution:
    group: tuple[str, ...] | None  # the agency's Group; () for a recommendation, counted per province only
    steps: list[tuple[date, Vector]]


def contribution(history: History) -> Contribution:
    return Contribution(group(history), steps(history))


def entries(before: Contribution, after: Contribution) -> dict[Key, Vector]:
    """The ledger entries that take an agency (or a recommendation, whose group is empty) from `before` to
    `after`: its changes at every grain, the old ones taken back; entries that cancel out are left out."""
    found: dict[Key, list[int]] = {}
    for sign, seen in ((-1, before), (1, after)):
        for day, change in seen.steps:
            for grain, period in periods(day):
                _add(found.setdefault((grain, period, *seen.group), [0] * len(change)), change, sign)
    return {key: tuple(values) for key, values in sorted(found.items()) if any(values)}


def summed_entries(contributions: Iterable[Contribution]) -> dict[Key, Vector]:
    """The entries of many agencies (or recommendations) from nothing (a backfill)."""
    none = Contribution(None, [])
    return summed_changes((none, item) for item in contributions)


def summed_changes(changes: Iterable[tuple[Contribution, Contribution]]) -> dict[Key, Vector]:
    """The entries that take many agencies each from its `before` to its `after` (a batch of events)."""
    found: dict[Key, list[int]] = {}
    for before, after in changes:
        for key, change in entries(before, after).items():
            _add(found.setdefault(key, [0] * len(change)), change, 1)
    return {key: tuple(values) for key, values in sorted(found.items()) if any(values)}


def _add(total: list[int], change: Vector, sign: int) -> None:
    for i, value in enumerate(change):
        total[i] += sign * value


def periods(day: date) -> tuple[tuple[str, date], ...]:
    return (DAY, day), (MONTH, day.replace(day=1)), (YEAR, date(day.year, 1, 1))


def _valid(agency, day: date) -> bool:
    return (agency.valid_from is None or agency.valid_from <= day) and (agency.valid_to is None
                                                                        or agency.valid_to >= day)


def _minus(a: Vector, b: Vector) -> Vector:
    return tuple(x - y for x, y in zip(a, b, strict=True))


def qualifies(certificate) -> bool:
    return OfficerRole.THU_KY_ISO in (certificate.qualifies_roles or [])
