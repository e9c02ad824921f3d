"""A province succession (the 2025 reorganisation: predecessors merged into a successor from an effective date)
and its plan for the predecessors' agencies: what each one does, what a dry run reports, what blocks execution.

Pure: the use case (`registry.services.province_successions`) reads the agencies and hands them in.

Each agency of a predecessor still valid on the day before the effective date gets one action:
- `continue`: it goes on in the successor (a new register entry there from the effective date, its quality system
  carried over); its entry in the predecessor ends the day before, history kept as it was reported;
- `merge`: it merges into a named agency of the successor (`into`), whose quality system then needs
  re-announcement (reorganisation);
- `end`: it ends the day before (the district committees: no districts from 1/7/2025).
An agency the plan does not name takes `default_action` if one is given, else it is left unmapped, and an
unmapped agency or a conflict blocks execution.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from kit.errors import Conflict, RuleViolated


class Action(StrEnum):
    CONTINUE = "continue"
    MERGE = "merge"
    END = "end"


@dataclass(frozen=True)
class AgencyRef:
    """What the plan needs of an agency: who, which province, what kind, and its validity."""

    id: uuid.UUID
    tenant: str
    name: str
    agency_type: str
    valid_from: date | None
    valid_to: date | None
    admin_level: str | None = None

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Step:
    """The action decided for one predecessor agency; `into` for a merge."""

    agency: AgencyRef
    action: Action
    into: uuid.UUID | None = None


@dataclass
class Outcome:
    """What executing the plan would do (a dry run's answer) or did."""

    steps: list[Step] = field(default_factory=list)
    unmapped: list[AgencyRef] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)

    @property
    def executable(self) -> bool:
        return not self.unmapped and not self.conflicts

    def counts(self) -> dict[str, dict[str, int]]:
        """Agencies per action and agency type, e.g. {"continue": {"SO": 22, ...}, "end": {"UBND_HUYEN": 10}}."""
        counts: dict[str, Counter] = defaultdict(Counter)
        for step in self.steps:
            counts[step.action.value][step.agency.agency_type] += 1
        return {action: dict(sorted(by_type.items())) for action, by_type in sorted(counts.items())}


def last_day(effective_date: date) -> date:
    """A predecessor's records end the day before the effective date (validity ends are inclusive everywhere)."""
    return effective_date - timedelta(days=1)


def check_provinces(successor: str, predecessors: list[str]) -> None:
    if not predecessors:
        raise RuleViolated("succession_without_predecessors")
    if successor in predecessors:
        raise RuleViolated("succession_into_itself", tenant=successor)
    if len(set(predecessors)) != len(predecessors):
        raise RuleViolated("succession_predecessor_twice")


def check_not_succeeded(tenant: str, merged_into: str | None, successor: str) -> None:
    """A province merges once: into the same successor again is the same succession (idempotent), into another
    is a conflict."""
    if merged_into is not None and merged_into != successor:
        raise Conflict("province_already_succeeded", tenant=tenant, successor=merged_into)


def plan(effective_date: date, agencies: list[AgencyRef], successor_agencies: list[AgencyRef], entries: list[dict],
         default_action: Action | None) -> Outcome:
    """Decide each predecessor agency's action from the plan's `entries` ({agency_id, action, into?}) and the
    default; report what cannot be done as conflicts, with the agency and the reason."""
    day_before = last_day(effective_date)
    active = {a.id: a for a in agencies if a.valid_on(day_before)}
    known = {a.id: a for a in agencies}
    targets = {a.id for a in successor_agencies if a.valid_on(effective_date)}
    outcome, seen = Outcome(), set()
    for entry in entries:
        agency_id, action, into = entry["agency_id"], Action(entry["action"]), entry.get("into")
        problem = _problem(agency_id, action, into, active, known, targets, seen)
        seen.add(agency_id)
        if problem:
            outcome.conflicts.append({"agency_id": agency_id, "problem": problem})
        else:
            outcome.steps.append(Step(active[agency_id], action, into if action == Action.MERGE else None))
    for agency in active.values():
        if agency.id in seen:
            continue
        if default_action in (Action.CONTINUE, Action.END):
            outcome.steps.append(Step(agency, default_action))
        else:
            outcome.unmapped.append(agency)
    return outcome


def _problem(agency_id, action, into, active, known, targets, seen) -> str | None:
    if agency_id in seen:
        return "named_twice"
    if agency_id not in known:
        return "not_an_agency_of_a_predecessor"
    if agency_id not in active:
        return "ended_before_the_effective_date"
    if action == Action.MERGE and into is None:
        return "merge_without_into"
    if action == Action.MERGE and into not in targets:
        return "into_is_not_an_agency_of_the_successor_on_the_effective_date"
    if action != Action.MERGE and into is not None:
        return "into_only_for_a_merge"
    return None
