"""The quality system (HTQLCL) of DOMAIN.md 6.5: its lifecycle as explicit commands, and the rules of each step.

Pure Python: the use cases in `services/quality_systems.py` load the records, call these rules and store the
outcome. Errors carry codes and parameters; `registry.messages` says them in Vietnamese and English.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum

from contracts.registry import AgencyStatus, AnnouncementKind
from contracts.registry import QualitySystemStatus as Status
from contracts.registry import QualitySystemStep as Step
from kit.errors import Conflict, NotFound, RuleViolated
from kit.lifecycle import Lifecycle, MoveRefused

IN_USE = frozenset({Status.DANG_AP_DUNG, Status.DA_CONG_BO, Status.CAN_CONG_BO_LAI, Status.DANG_CHUYEN_DOI})
WITH_ANNOUNCEMENT = frozenset({Status.DA_CONG_BO, Status.CAN_CONG_BO_LAI, Status.DANG_CHUYEN_DOI})
STANDARD_2015 = "TCVN_ISO_9001_2015"
SCOPE_REASONS = frozenset({"DIEU_CHINH_PHAM_VI", "MO_RONG_PHAM_VI", "THU_HEP_PHAM_VI", "SAP_XEP_TO_CHUC", "KHAC"})
ANNOUNCE_REASONS = SCOPE_REASONS | {"CHUYEN_DOI_PHIEN_BAN"}
AUDITS_BEFORE_ANNOUNCING = frozenset({"DANH_GIA_NOI_BO", "XEM_XET_LANH_DAO"})
AUDITS_SETTING = "announce_requires_audits"  # "1" (the default) or "0", a provincial setting


def upkeep_completed_on(records: Iterable[tuple[str, date]], required: set[str]) -> date | None:
    """The day a year's upkeep was complete: the last of the first days each required activity type was on record
    in the year's `(activity_type, activity_date)` records; None while a required type has none."""
    first: dict[str, date] = {}
    for activity, day in records:
        if activity in required and (activity not in first or day < first[activity]):
            first[activity] = day
    return max(first.values()) if required and set(first) == required else None


class AnnouncementStatus(StrEnum):
    """An announcement is signed (DA_KY), then received by the Sở (DA_TIEP_NHAN); a newer one supersedes it."""

    DA_KY = "DA_KY"
    DA_TIEP_NHAN = "DA_TIEP_NHAN"
    HET_HIEU_LUC = "HET_HIEU_LUC"


class InvalidTransition(MoveRefused):
    """The command is not possible from the current status (409)."""

    code = "invalid_transition"


QUALITY_SYSTEM = Lifecycle("quality_system", {
    "start_building": ({Status.CHUA_XAY_DUNG}, Status.DANG_XAY_DUNG),
    "apply": ({Status.DANG_XAY_DUNG}, Status.DANG_AP_DUNG),
    "announce": ({Status.DANG_AP_DUNG, Status.CAN_CONG_BO_LAI, Status.DANG_CHUYEN_DOI}, Status.DA_CONG_BO),
    "change_scope": ({Status.DA_CONG_BO}, Status.CAN_CONG_BO_LAI),
    "start_transition": ({Status.DA_CONG_BO, Status.CAN_CONG_BO_LAI}, Status.DANG_CHUYEN_DOI),
    "stop": (set(Status) - {Status.NGUNG_AP_DUNG}, Status.NGUNG_AP_DUNG),
}, error=InvalidTransition)


class NoQualitySystem(NotFound):
    code = "no_quality_system"

    def __init__(self, agency_id: object):
        super().__init__(agency_id=agency_id)


def check_new_build(standard: str, new_builds_until: date | None, on: date) -> None:
    """R04: since 2018 a new QMS must be built on TCVN ISO 9001:2015 (CV 419/BKHCN-TĐC)."""
    if new_builds_until is not None and on > new_builds_until:
        raise RuleViolated("new_build_too_late", standard=standard, until=new_builds_until)


def check_version_in_force(standard: str, transition_deadline: date | None, on: date) -> None:
    """A version past its transition deadline (TCVN ISO 9001:2008 after 30/6/2021, CV 419/BKHCN-TĐC) can no longer
    be announced, first or again: the decision must be on the version in force. A decision dated on the deadline
    is still in time."""
    if transition_deadline is not None and on > transition_deadline:
        raise Conflict("standard_past_transition", standard=standard, deadline=transition_deadline)


def announcement_kind(status: str) -> AnnouncementKind:
    return AnnouncementKind.LAN_DAU if status == Status.DANG_AP_DUNG else AnnouncementKind.CONG_BO_LAI


def audit_cycle(decision_date: date) -> tuple[date, date]:
    """The days an internal audit or a management review counts for an announcement: the yearly cycle that ends
    on the decision (365 days, the decision's included), not an earlier year's."""
    return decision_date - timedelta(days=364), decision_date


def check_announcement(status: str, reason: str | None, standard: str, audits: set[str] | None) -> None:
    """Announcing needs an internal audit and a management review of the current cycle on record (`audits`; None
    where the province does not require them); a re-announcement a reason; closing a transition the 2015 version."""
    missing = AUDITS_BEFORE_ANNOUNCING - audits if audits is not None else set()
    if missing:
        raise RuleViolated("audits_missing", missing=tuple(sorted(missing)))
    if status != Status.DANG_AP_DUNG and reason not in ANNOUNCE_REASONS:
        raise RuleViolated("reannouncement_without_reason")
    if status == Status.DANG_CHUYEN_DOI and standard != STANDARD_2015:
        raise RuleViolated("transition_not_closed_on_2015")


def check_scope_reason(reason: str) -> None:
    if reason not in SCOPE_REASONS:
        raise RuleViolated("unknown_scope_reason", reason=reason)


def check_transition_from(standard: str) -> None:
    if standard == STANDARD_2015:
        raise RuleViolated("already_on_2015")


def check_chronology(status: str, since: date, on: date) -> None:
    """A step cannot be dated before the step it follows (putting a system on record may be backdated)."""
    if status != Status.CHUA_XAY_DUNG and on < since:
        raise RuleViolated("before_previous_step", on=on, since=since)


def check_agency_active(agency) -> None:
    if agency.status != AgencyStatus.HOAT_DONG:
        raise Conflict("quality_system_of_ended_agency", status=agency.status)


# The status each dated step puts the system in: its date is the day that status began (the receipt of an
# announcement changes no status and is dated on the announcement).
STEP_STATUS = {Step.START_BUILDING: Status.DANG_XAY_DUNG, Step.APPLY: Status.DANG_AP_DUNG,
               Step.ANNOUNCE: Status.DA_CONG_BO, Step.CHANGE_SCOPE: Status.CAN_CONG_BO_LAI,
               Step.START_TRANSITION: Status.DANG_CHUYEN_DOI}


def step_not_recorded(step: str) -> RuleViolated:
    return RuleViolated("step_not_recorded", step=step)


def check_corrected_date(old: date, new: date, since: date | None, until: date | None) -> None:
    """A corrected date differs from the one on record and keeps the steps' order: not before the step it follows
    (`since`), not after the step that follows it (`until`); either may be None (the first or the newest step)."""
    if new == old:
        raise RuleViolated("date_unchanged", on=new)
    if since is not None and new < since:
        raise RuleViolated("before_previous_step", on=new, since=since)
    if until is not None and new > until:
        raise RuleViolated("after_next_step", on=new, until=until)
