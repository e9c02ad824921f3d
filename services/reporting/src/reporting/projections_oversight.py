"""Read models of inspection plans, recommendations, upkeep records and certificates.

Events of one recommendation share a key, so they arrive in order; the inbox drops redeliveries, and each
handler writes the state the event describes, so a replay ends where live consumption did.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from contracts import inspections as inspection_events
from contracts import registry as registry_events
from contracts import training as training_events
from kit.uow import UnitOfWork
from reporting.orm import CertificateView, MaintenanceView, PlanView, RecommendationView

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def _local_day(moment):
    """The day in Việt Nam of an event's UTC time (20:00 UTC is already the next day there)."""
    return moment.astimezone(VIETNAM).date()


def apply_plan(uow: UnitOfWork, event: inspection_events.PlanApproved) -> None:
    with uow:
        if uow.session.get(PlanView, event.plan_id) is None:
            uow.session.add(PlanView(plan_id=event.plan_id, year=event.year, targets=len(event.target_agency_ids),
                                     onsite_min_percent=event.onsite_min_percent))
        uow.commit()


def apply_recommendation(uow: UnitOfWork, event) -> None:
    with uow:
        row = uow.session.get(RecommendationView, event.recommendation_id)
        if isinstance(event, inspection_events.RecommendationIssued):
            if row is None:
                uow.session.add(RecommendationView(
                    recommendation_id=event.recommendation_id, agency_id=event.agency_id, deadline=event.deadline,
                    issued_on=_local_day(event.issued_at), closures=[]))
        elif row is not None:
            closures = [list(pair) for pair in row.closures]
            if isinstance(event, inspection_events.RecommendationClosed) and not _closed(closures):
                row.closures = [*closures, [_local_day(event.closed_at).isoformat(), None]]
            elif isinstance(event, inspection_events.RecommendationReopened) and _closed(closures):
                closures[-1][1] = _local_day(event.reopened_at).isoformat()
                row.closures = closures
            elif isinstance(event, inspection_events.RecommendationRetargeted):
                row.agency_id = event.agency_id
        uow.commit()


def _closed(closures: list) -> bool:
    return bool(closures) and closures[-1][1] is None


def apply_maintenance(uow: UnitOfWork, event: registry_events.MaintenanceRecorded) -> None:
    with uow:
        if uow.session.get(MaintenanceView, event.record_id) is None:
            uow.session.add(MaintenanceView(record_id=event.record_id, agency_id=event.agency_id,
                                            activity_type=event.activity_type, activity_date=event.activity_date))
        uow.commit()


def apply_certificate(uow: UnitOfWork, event: training_events.CertificateIssued) -> None:
    with uow:
        if uow.session.get(CertificateView, event.certificate_id) is None:
            uow.session.add(CertificateView(
                certificate_id=event.certificate_id, agency_id=event.agency_id, officer_id=event.officer_id,
                course_type=event.course_type, qualifies_roles=list(event.qualifies_roles or []),
                issued_on=_local_day(event.issued_at)))
        uow.commit()
