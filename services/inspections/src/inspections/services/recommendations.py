"""Recommendations with deadlines and two-party follow-up: the agency submits evidence, the inspector decides."""

from __future__ import annotations

import uuid
from datetime import date

from contracts import inspections as events
from inspections import model, orm, repository
from inspections.model import RECOMMENDATION, InspectionStatus, RecommendationStatus, allowed
from inspections.services import inspections, teams
from kit.access import AgencyScope
from kit.errors import RuleViolated
from kit.uow import UnitOfWork


def issue(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID, fields: dict) -> orm.Recommendation:
    """Issued once the record is drawn up; a concluded inspection goes on to remediation."""
    with uow:
        inspection = repository.get(uow.session, orm.Inspection, inspection_id, lock=True)  # its root, first
        allowed.check_inspection("issue_recommendation", inspection, actor, teams.context(uow, inspection))
        if fields.get("finding_id") and fields["finding_id"] not in {f.id for f in inspection.findings}:
            raise RuleViolated("finding_of_another_inspection", finding_id=fields["finding_id"])
        if inspection.record_date and fields["deadline"] < inspection.record_date:
            raise RuleViolated("deadline_before_record", deadline=fields["deadline"],
                               record_date=inspection.record_date)
        recommendation = orm.Recommendation(id=uuid.uuid4(), inspection_id=inspection.id,
                                            agency_id=inspection.agency_id, status=RecommendationStatus.MO, **fields)
        uow.session.add(recommendation)
        if inspection.status == InspectionStatus.DA_KET_LUAN:
            inspection.status = InspectionStatus.DANG_KHAC_PHUC
            inspections.changed(inspection)
        uow.session.flush()
        uow.session.refresh(recommendation, ["agency", "finding"])  # so the answer names them
        uow.publish(events.RecommendationIssued(
            recommendation_id=recommendation.id, inspection_id=inspection.id, agency_id=inspection.agency_id,
            description=recommendation.description, deadline=recommendation.deadline, issued_at=uow.now()))
        uow.commit()
        return recommendation


def get(uow: UnitOfWork, actor: model.Actor, recommendation_id: uuid.UUID) -> orm.Recommendation:
    """An agency officer sees only their agency's recommendations (another agency's is not found); the
    recommendation comes with the actions `actor` may take on it now (`actions`)."""
    with uow:
        recommendation = repository.get(uow.session, orm.Recommendation, recommendation_id)
        AgencyScope.of(actor.roles, actor.agency_id).ensure(
            recommendation.agency_id, model.not_found, "recommendation", recommendation_id)
        inspection = repository.get(uow.session, orm.Inspection, recommendation.inspection_id)
        recommendation.actions = allowed.recommendation_actions(recommendation, actor,
                                                                teams.context(uow, inspection))
        return recommendation


def list_recommendations(uow: UnitOfWork, actor: model.Actor, filters: dict, page: int, page_size: int):
    """`filters`: any of inspection_id, status, overdue_on; an agency officer lists only their agency's."""
    with uow:
        where = repository.RecommendationFilter(
            **filters, only_agency_id=AgencyScope.of(actor.roles, actor.agency_id).agency_id)
        return repository.list_recommendations(uow.session, where, page, page_size)


def submit_remediation(uow: UnitOfWork, actor: model.Actor, recommendation_id: uuid.UUID,
                       evidence: str) -> orm.Recommendation:
    """Only the recommendation's own agency answers it; another agency's recommendation is not found."""
    with uow:
        recommendation, _ = _locked(uow, recommendation_id)
        allowed.check_recommendation("submit", recommendation, actor, allowed.Context())
        recommendation.status = RECOMMENDATION.next("submit", recommendation.status)
        recommendation.evidence = evidence
        recommendation.submitted_by, recommendation.submitted_at = actor.subject, uow.now()
        uow.publish(events.RemediationSubmitted(recommendation_id=recommendation.id, agency_id=recommendation.agency_id,
                                                evidence=evidence, submitted_at=recommendation.submitted_at))
        uow.commit()
        return recommendation


def accept(uow: UnitOfWork, actor: model.Actor, recommendation_id: uuid.UUID, note: str | None):
    """The last recommendation closed closes an inspection in remediation."""
    with uow:
        recommendation, inspection = _for_review(uow, actor, recommendation_id, "accept")
        recommendation.status = RECOMMENDATION.next("accept", recommendation.status)
        recommendation.closed_at, recommendation.review_note = uow.now(), note
        _closed(uow, recommendation, inspection)
        uow.commit()
        return recommendation


def close_in(uow: UnitOfWork, recommendation: orm.Recommendation, reason: str) -> None:
    """Close inside an open unit of work without the inspector's review, `reason` saying why (when the registry
    reports the agency gone on in another province, ADR 18); its inspection in remediation closes with the last
    one, with the same reason. The caller has locked the inspection, then the recommendation."""
    recommendation.status = RECOMMENDATION.next("close", recommendation.status)
    recommendation.closed_at, recommendation.review_note = uow.now(), reason
    _closed(uow, recommendation, repository.get(uow.session, orm.Inspection, recommendation.inspection_id), reason)


def reopen(uow: UnitOfWork, actor: model.Actor, recommendation_id: uuid.UUID, reason: str,
           deadline: date | None) -> orm.Recommendation:
    with uow:
        recommendation, _ = _for_review(uow, actor, recommendation_id, "reopen")
        recommendation.status = RECOMMENDATION.next("reopen", recommendation.status)
        recommendation.review_note = reason
        if deadline is not None:
            recommendation.deadline, recommendation.overdue_flagged_at = deadline, None
        uow.publish(events.RecommendationReopened(recommendation_id=recommendation.id,
                                                  agency_id=recommendation.agency_id, reason=reason,
                                                  reopened_at=uow.now()))
        uow.commit()
        return recommendation


def flag_overdue(uow: UnitOfWork, today: date | None = None) -> list[orm.Recommendation]:
    """Flag, once, every recommendation still open after its deadline (today by default); each flag is an event."""
    with uow:
        where = repository.RecommendationFilter(overdue_on=today or uow.now().date())
        flagged = [r for r in repository.list_recommendations(uow.session, where, 1, 10_000).items
                   if r.overdue_flagged_at is None]
        for recommendation in flagged:
            recommendation.overdue_flagged_at = uow.now()
            uow.publish(events.RecommendationOverdueFlagged(
                recommendation_id=recommendation.id, agency_id=recommendation.agency_id,
                deadline=recommendation.deadline, flagged_at=recommendation.overdue_flagged_at))
        uow.commit()
        return flagged


def _closed(uow: UnitOfWork, recommendation: orm.Recommendation, inspection: orm.Inspection,
            note: str | None = None) -> None:
    """The event of a closed recommendation, and its inspection in remediation closed with the last one."""
    uow.publish(events.RecommendationClosed(recommendation_id=recommendation.id, agency_id=recommendation.agency_id,
                                            closed_at=recommendation.closed_at))
    uow.session.flush()
    siblings = repository.recommendations_of(uow.session, inspection.id)
    if inspection.status == InspectionStatus.DANG_KHAC_PHUC and not model.any_open(siblings):
        inspection.status = InspectionStatus.DONG
        inspections.changed(inspection)
        inspection.status_note = note or inspection.status_note


def _for_review(uow: UnitOfWork, actor: model.Actor, recommendation_id: uuid.UUID, action: str):
    recommendation, inspection = _locked(uow, recommendation_id)
    allowed.check_recommendation(action, recommendation, actor, teams.context(uow, inspection))
    return recommendation, inspection


def _locked(uow: UnitOfWork, recommendation_id: uuid.UUID) -> tuple[orm.Recommendation, orm.Inspection]:
    """The recommendation and its inspection, locked for a change: the inspection (the aggregate's root) first,
    as every change of the inspection locks it, then the recommendation re-read, so two answers to it take turns
    and the second sees the status the first left."""
    inspection_id = repository.get(uow.session, orm.Recommendation, recommendation_id).inspection_id
    inspection = repository.get(uow.session, orm.Inspection, inspection_id, lock=True)
    return repository.get(uow.session, orm.Recommendation, recommendation_id, lock=True), inspection
