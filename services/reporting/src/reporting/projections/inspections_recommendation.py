"""inspections.recommendation: recommendations issued, closed, reopened and moved to another agency.

Events of one recommendation share a key, so they arrive in order; the inbox drops redeliveries, and each
handler writes the state the event describes, so a replay ends where live consumption did. Every change is kept
in the recommendations' as-of ledger in the same transaction (ADR 24).
"""

from __future__ import annotations

from contracts import inspections as events
from kit.calendar import day_of as local_day
from kit.uow import UnitOfWork
from reporting import ledger
from reporting.orm import RecommendationView


def apply_recommendation(uow: UnitOfWork, event) -> None:
    with uow:
        with ledger.kept_recommendation(uow.session, event.recommendation_id):
            _apply(uow.session, event)
        uow.commit()


def _apply(session, event) -> None:
    row = session.get(RecommendationView, event.recommendation_id)
    if isinstance(event, events.RecommendationIssued):
        if row is None:
            session.add(RecommendationView(
                recommendation_id=event.recommendation_id, agency_id=event.agency_id, deadline=event.deadline,
                issued_on=local_day(event.issued_at), closures=[]))
    elif row is not None:
        closures = [list(pair) for pair in row.closures]
        if isinstance(event, events.RecommendationClosed) and not _closed(closures):
            row.closures = [*closures, [local_day(event.closed_at).isoformat(), None]]
        elif isinstance(event, events.RecommendationReopened) and _closed(closures):
            closures[-1][1] = local_day(event.reopened_at).isoformat()
            row.closures = closures
        elif isinstance(event, events.RecommendationRetargeted):
            row.agency_id = event.agency_id


def _closed(closures: list) -> bool:
    return bool(closures) and closures[-1][1] is None
