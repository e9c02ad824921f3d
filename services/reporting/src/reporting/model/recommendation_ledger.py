"""The as-of ledger of a province's open and overdue recommendations (ADR 24): what one recommendation adds to
each counter, day by day.

A recommendation counts as open from the day it was issued, except inside its [closed, reopened) spans, and as
overdue while open after its deadline: a step function that changes only on the day it was issued, the days it
was closed and reopened, and the day after its deadline. It is evaluated on those days with the reference's
rule (`follow_up.recommendations`) and turned into changes, posted per province and day with month and year
roll-ups as the agency counters are (`model.ledger.entries`). The counts do not depend on the agency (the
figures give them per province), so a recommendation has no group.
"""

from __future__ import annotations

from datetime import date, timedelta

from reporting.model import follow_up
from reporting.model.ledger import Contribution, Vector, changes

COUNTERS = ("open", "overdue")
ZERO = (0, 0)
NONE = Contribution((), [])


def state_on(recommendation, day: date) -> Vector:
    """What the recommendation (a read-model row; None: not known yet) counts for on `day`."""
    if recommendation is None or recommendation.issued_on > day:
        return ZERO
    counted = follow_up.recommendations([recommendation], day)
    return tuple(counted[name] for name in COUNTERS)


def change_days(recommendation) -> list[date]:
    """Every day its counts may change, in order (a superset: a closure dated before the issue changes nothing)."""
    if recommendation is None:
        return []
    days = {recommendation.issued_on, *(date.fromisoformat(day) for span in recommendation.closures
                                        for day in span if day is not None)}
    if recommendation.deadline < date.max:
        days.add(recommendation.deadline + timedelta(days=1))
    return sorted(days)


def contribution(recommendation) -> Contribution:
    if recommendation is None:
        return NONE
    return Contribution((), changes(change_days(recommendation), lambda day: state_on(recommendation, day), ZERO))
