"""Recommendations with deadlines and two-party follow-up: the agency submits evidence, the inspector decides."""

from __future__ import annotations

import uuid
from datetime import date

from contracts import inspections as events
from inspections import model, orm, repository
from inspections.model import InspectionStatus, RecommendationStatus
from inspections.services.common import agency_scope, check_team, load, visible
from kit.errors import RuleViolated
from kit.uow import UnitOfWork

ISSUABLE = (InspectionStatus.DA_LAP_BIEN_BAN, InspectionStatus.DA_KET_LUAN, InspectionStatus.DANG_KHAC_PHUC)


def issue(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID, fields: dict) -> orm.Recommendation:
    with uow:
        inspection = load(uow, orm.Inspection, inspection_id)
        check_team(uow, actor, inspection)
        if inspection.status not in ISSUABLE:
            raise model.LifecycleError("Chỉ kiến nghị sau khi đã lập biên bản", "recommendations follow the record",
                                       inspection.status)
        if fields.get("finding_id") and fields["finding_id"] not in {f.id for f in inspection.findings}:
            raise RuleViolated("finding_id does not name a finding of this inspection")
        if inspection.record_date and fields["deadline"] < inspection.record_date:
            raise RuleViolated("the deadline is before the inspection's record")
        recommendation = orm.Recommendation(id=uuid.uuid4(), inspection_id=inspection.id,
                                            agency_id=inspection.agency_id, status=RecommendationStatus.MO, **fields)
        uow.session.add(recommendation)
        if inspection.status == InspectionStatus.DA_KET_LUAN:
            inspection.status = InspectionStatus.DANG_KHAC_PHUC
        uow.session.flush()
        uow.publish(events.RecommendationIssued(
            recommendation_id=recommendation.id, inspection_id=inspection.id, agency_id=inspection.agency_id,
            description=recommendation.description, deadline=recommendation.deadline, issued_at=uow.now()))
        uow.commit()
        return recommendation


def get(uow: UnitOfWork, actor: model.Actor, recommendation_id: uuid.UUID) -> orm.Recommendation:
    with uow:
        return visible(uow, actor, orm.Recommendation, recommendation_id)


def list_recommendations(uow: UnitOfWork, actor: model.Actor, where: repository.RecommendationFilter, page: int,
                         page_size: int):
    with uow:
        where = repository.RecommendationFilter(**{**vars(where), "only_agency_id": agency_scope(actor)})
        return repository.list_recommendations(uow.session, where, page, page_size)


def submit_remediation(uow: UnitOfWork, actor: model.Actor, recommendation_id: uuid.UUID,
                       evidence: str) -> orm.Recommendation:
    """Only the recommendation's own agency answers it; another agency's recommendation is 404."""
    with uow:
        recommendation = load(uow, orm.Recommendation, recommendation_id)
        if str(recommendation.agency_id) != (actor.agency_id or ""):
            raise model.not_found("recommendation", recommendation_id)
        _expect(recommendation, RecommendationStatus.MO, "Kiến nghị không ở trạng thái chờ khắc phục",
                "the recommendation is not awaiting remediation")
        recommendation.status, recommendation.evidence = RecommendationStatus.DA_NOP_KHAC_PHUC, evidence
        recommendation.submitted_by, recommendation.submitted_at = actor.subject, uow.now()
        uow.publish(events.RemediationSubmitted(recommendation_id=recommendation.id, agency_id=recommendation.agency_id,
                                                evidence=evidence, submitted_at=recommendation.submitted_at))
        uow.commit()
        return recommendation


def accept(uow: UnitOfWork, actor: model.Actor, recommendation_id: uuid.UUID, note: str | None):
    with uow:
        recommendation, inspection = _for_review(uow, actor, recommendation_id)
        recommendation.status, recommendation.closed_at = RecommendationStatus.DONG, uow.now()
        recommendation.review_note = note
        uow.publish(events.RecommendationClosed(recommendation_id=recommendation.id,
                                                agency_id=recommendation.agency_id, closed_at=recommendation.closed_at))
        uow.session.flush()
        siblings = repository.recommendations_of(uow.session, inspection.id)
        if inspection.status == InspectionStatus.DANG_KHAC_PHUC and all(r.status == "DONG" for r in siblings):
            inspection.status = InspectionStatus.DONG
        uow.commit()
        return recommendation


def reopen(uow: UnitOfWork, actor: model.Actor, recommendation_id: uuid.UUID, reason: str,
           deadline: date | None) -> orm.Recommendation:
    with uow:
        recommendation, _ = _for_review(uow, actor, recommendation_id)
        recommendation.status, recommendation.review_note = RecommendationStatus.MO, reason
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


def _for_review(uow: UnitOfWork, actor: model.Actor, recommendation_id: uuid.UUID):
    recommendation = load(uow, orm.Recommendation, recommendation_id)
    inspection = load(uow, orm.Inspection, recommendation.inspection_id)
    check_team(uow, actor, inspection)
    _expect(recommendation, RecommendationStatus.DA_NOP_KHAC_PHUC, "Cơ quan chưa nộp kết quả khắc phục",
            "the agency has not submitted remediation evidence")
    return recommendation, inspection


def _expect(recommendation: orm.Recommendation, status: str, vietnamese: str, english: str) -> None:
    if recommendation.status != status:
        raise model.LifecycleError(vietnamese, english, recommendation.status)
