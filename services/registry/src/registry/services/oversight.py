"""What an officer checks every day: the per-province summary and the agencies that need attention."""

from __future__ import annotations

from datetime import date

from kit.uow import UnitOfWork
from registry import repository
from registry.model import oversight as rules
from registry.model.oversight import AgencyFlags, FlagContext
from registry.services.settings import usable_setting


def summary(uow: UnitOfWork, as_of: date) -> dict:
    """Counts of the agencies valid on `as_of`, in total and by agency type, with the statuses of that day."""
    with uow:
        by_type = repository.figures_by_type(uow.session, as_of)
    return rules.summary(as_of, by_type)


def flagged_agencies(uow: UnitOfWork, as_of: date, only: str | None = None) -> list[AgencyFlags]:
    """The agencies valid on `as_of` with a flag that day, their quality systems as they stood then."""
    with uow:
        session = uow.session
        rows = repository.agencies_and_systems(session, as_of)
        context = FlagContext(
            as_of=as_of,
            maintenance_deadline=rules.yearly_deadline(as_of, usable_setting(session, "maintenance_deadline")),
            reannouncement_days=int(usable_setting(session, "reannouncement_days")),
            required=repository.yearly_activity_types(session),
            done=repository.activities_this_year(session, as_of),
            secretaries=repository.agencies_with_secretary(session, as_of),
            legacy_after=repository.transition_deadlines(session))
        results = [AgencyFlags(a.id, a.name, a.agency_type, context.flags(a, s)) for a, s in rows]
    return [r for r in results if r.flags and (only is None or only in r.flags)]
