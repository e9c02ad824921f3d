"""ISO officers (thư ký ISO, đại diện lãnh đạo): one holder per role, and when an appointment may end."""

from __future__ import annotations

from datetime import date

from kit.errors import Conflict, RuleViolated


def ensure_removable(officer, removed_on: date) -> None:
    if officer.removed_on is not None:
        raise Conflict("appointment_ended")
    if removed_on < officer.appointed_on:
        raise RuleViolated("removed_before_appointed")


def end_date(officer, on: date) -> date:
    """A new holder's appointment ends the previous one on its date, never before the previous one began."""
    return max(on, officer.appointed_on)


def current_holders(officers: list, role: str) -> list:
    return [officer for officer in officers if officer.role == role and officer.removed_on is None]
