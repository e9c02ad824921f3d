"""Which agencies owe the yearly upkeep of a quality system, and when a year's upkeep is done. Pure.

An agency owes it while it is active and one of its quality systems is in use: applied, announced, to be
re-announced or being moved to the new standard (the statuses reporting and the registry count as "applying").
A year's upkeep is done when both its activities are on record, an internal audit and a management review (the
activity types of `registry.maintenance.recorded`), or when the registry's newest event of that year says it
was complete (`upkeep_completed_on`: the registry owns the rule, should it ever ask for more).
"""

from __future__ import annotations

from collections.abc import Iterable

from contracts.registry import QualitySystemStatus

IN_USE = frozenset({QualitySystemStatus.DANG_AP_DUNG, QualitySystemStatus.DA_CONG_BO,
                    QualitySystemStatus.CAN_CONG_BO_LAI, QualitySystemStatus.DANG_CHUYEN_DOI})
INTERNAL_AUDIT = "DANH_GIA_NOI_BO"
MANAGEMENT_REVIEW = "XEM_XET_LANH_DAO"
REQUIRED = frozenset({INTERNAL_AUDIT, MANAGEMENT_REVIEW})


def applying(statuses: Iterable[str]) -> bool:
    """Whether any of an agency's quality systems (their latest statuses) is in use."""
    return any(status in IN_USE for status in statuses)


def upkeep_done(activity_types: Iterable[str], registry_says_complete: bool = False) -> bool:
    """Whether a year's upkeep is done, from the types of that year's records."""
    return registry_says_complete or set(activity_types) >= REQUIRED
