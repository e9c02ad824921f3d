"""What an officer checks every day: the per-province summary and the agencies that need attention."""

from __future__ import annotations

from datetime import date

from contracts.registry import OBLIGED
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
    """The obliged agencies valid on `as_of` with a flag that day (`only`: with that one), their quality systems as
    they stood then, the most overdue first."""
    return rules.by_urgency([agency for agency in _flagged(uow, as_of) if only is None or only in agency.flags],
                            only)


def attention(uow: UnitOfWork, as_of: date, limit: int, offset: int = 0, only: str | None = None) -> dict:
    """Per flag, how many obliged agencies have it on `as_of` and a page of them, the most overdue first."""
    return rules.attention(as_of, _flagged(uow, as_of), limit, offset, only)


def _flagged(uow: UnitOfWork, as_of: date) -> list[AgencyFlags]:
    """The obliged agencies (QĐ 19/2014 Điều 2, or the province's plan) with a flag on `as_of`, by name: the
    others have no duty the flags measure."""
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
            legacy_after=repository.transition_deadlines(session),
            secretary_left=repository.secretaries_left(session, as_of))
        found = [context.flagged(agency, system) for agency, system in rows if agency.obligation in OBLIGED]
    return [agency for agency in found if agency.flags]
