"""Codes the read models record or compare that `libs/contracts` has no enum for.

Inspection and class statuses are reporting's own (a projection writes them from the event types); standard
versions are another service's values, carried in events as plain strings. Which upkeep activities count is the
registry's rule: it carries the outcome (`upkeep_completed_on`), not the rule.
"""

from __future__ import annotations

from enum import StrEnum


class InspectionState(StrEnum):
    """An inspection as the read model keeps it (from inspections.inspection.* events)."""

    SCHEDULED = "SCHEDULED"
    CONCLUDED = "CONCLUDED"
    CANCELLED = "CANCELLED"


class ClassState(StrEnum):
    """A training class as the read model keeps it (from training.class.* events)."""

    SCHEDULED = "SCHEDULED"
    FINISHED = "FINISHED"
    CANCELLED = "CANCELLED"


class StandardVersion(StrEnum):
    """The TCVN ISO 9001 version a quality system follows (registry's `standard_version`)."""

    TCVN_ISO_9001_2008 = "TCVN_ISO_9001_2008"
    TCVN_ISO_9001_2015 = "TCVN_ISO_9001_2015"
