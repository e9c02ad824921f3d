"""Events published by services/inspections (topics `inspections.plan`, `inspections.inspection`,
`inspections.recommendation`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from contracts.catalogue import event


class InspectionForm(StrEnum):
    """On site at the agency's office, or by review of reports and records (DOMAIN.md 1.5)."""

    TRUC_TIEP_TAI_TRU_SO = "TRUC_TIEP_TAI_TRU_SO"
    QUA_BAO_CAO_HO_SO = "QUA_BAO_CAO_HO_SO"


class CoverageBasis(StrEnum):
    """The denominator of a coverage share, named in every answer that gives one (inspections' coverage, reporting's
    on-site share): the agencies the registry derives as obliged, or a plan's own target list."""

    REGISTRY_OBLIGATION = "REGISTRY_OBLIGATION"
    PLAN_TARGETS = "PLAN_TARGETS"  # a provincial policy: the plan's targets are the denominator


class InspectionKind(StrEnum):
    """Under the yearly plan (định kỳ) or an ad hoc check (đột xuất)."""

    DINH_KY = "DINH_KY"
    DOT_XUAT = "DOT_XUAT"


class OverallResult(StrEnum):
    DAT = "DAT"
    DAT_CO_KHUYEN_NGHI = "DAT_CO_KHUYEN_NGHI"
    KHONG_DAT = "KHONG_DAT"


@event("inspections.plan.approved", version=1, key="plan_id")
@dataclass(frozen=True, kw_only=True)
class PlanApproved:
    """A province's yearly inspection plan was approved (or re-approved after an adjustment). Key: plan_id."""

    plan_id: UUID
    year: int
    approving_doc: str
    target_agency_ids: list[UUID]
    onsite_min_percent: int | None = None
    approved_at: datetime


@event("inspections.inspection.scheduled", version=1, key="inspection_id")
@dataclass(frozen=True, kw_only=True)
class InspectionScheduled:
    """An inspection of one agency was scheduled, under a plan or ad hoc (plan_id None). Key: inspection_id."""

    inspection_id: UUID
    plan_id: UUID | None = None
    agency_id: UUID
    form: InspectionForm
    kind: InspectionKind
    scheduled_date: date | None = None
    scheduled_at: datetime


@event("inspections.inspection.concluded", version=1, key="inspection_id")
@dataclass(frozen=True, kw_only=True)
class InspectionConcluded:
    """The conclusion (thông báo kết luận) of an inspection was issued. Key: inspection_id."""

    inspection_id: UUID
    plan_id: UUID | None = None
    agency_id: UUID
    form: InspectionForm
    overall_result: OverallResult
    conclusion_doc: str
    concluded_on: date
    concluded_at: datetime


@event("inspections.inspection.cancelled", version=1, key="inspection_id")
@dataclass(frozen=True, kw_only=True)
class InspectionCancelled:
    """An inspection was cancelled (by the Sở, or because its agency was dissolved). Key: inspection_id."""

    inspection_id: UUID
    agency_id: UUID
    reason: str
    cancelled_at: datetime


@event("inspections.inspection.rescheduled", version=1, key="inspection_id")
@dataclass(frozen=True, kw_only=True)
class InspectionRescheduled:
    """A postponed inspection was given a new visit date (`scheduled_date`, the day the agency will be told of
    when it is notified again); `reason` is why it was postponed. Key: inspection_id."""

    inspection_id: UUID
    agency_id: UUID
    scheduled_date: date
    reason: str
    rescheduled_at: datetime


@event("inspections.inspection.retargeted", version=1, key="inspection_id")
@dataclass(frozen=True, kw_only=True)
class InspectionRetargeted:
    """An open inspection moved to the successor (`agency_id`) of a merged agency. Key: inspection_id."""

    inspection_id: UUID
    from_agency_id: UUID
    agency_id: UUID
    reason: str
    retargeted_at: datetime


@event("inspections.recommendation.issued", version=1, key="recommendation_id")
@dataclass(frozen=True, kw_only=True)
class RecommendationIssued:
    """An inspection asked an agency to remedy something by `deadline`. Key: recommendation_id."""

    recommendation_id: UUID
    inspection_id: UUID
    agency_id: UUID
    description: str
    deadline: date
    issued_at: datetime


@event("inspections.recommendation.retargeted", version=1, key="recommendation_id")
@dataclass(frozen=True, kw_only=True)
class RecommendationRetargeted:
    """An open recommendation moved to the successor (`agency_id`) of a merged agency, which now answers it.

    Key: recommendation_id. The inspection it came from keeps the agency it was about.
    """

    recommendation_id: UUID
    inspection_id: UUID
    from_agency_id: UUID
    agency_id: UUID
    retargeted_at: datetime


@event("inspections.recommendation.remediation_submitted", version=1, key="recommendation_id")
@dataclass(frozen=True, kw_only=True)
class RemediationSubmitted:
    """The agency sent evidence that it remedied a recommendation. Key: recommendation_id."""

    recommendation_id: UUID
    agency_id: UUID
    evidence: str
    submitted_at: datetime


@event("inspections.recommendation.reopened", version=1, key="recommendation_id")
@dataclass(frozen=True, kw_only=True)
class RecommendationReopened:
    """The inspector did not accept the remediation evidence; the agency must act again. Key: recommendation_id."""

    recommendation_id: UUID
    agency_id: UUID
    reason: str
    reopened_at: datetime


@event("inspections.recommendation.closed", version=1, key="recommendation_id")
@dataclass(frozen=True, kw_only=True)
class RecommendationClosed:
    """The inspector accepted the remediation; the recommendation is closed. Key: recommendation_id."""

    recommendation_id: UUID
    agency_id: UUID
    closed_at: datetime


@event("inspections.recommendation.overdue_flagged", version=1, key="recommendation_id")
@dataclass(frozen=True, kw_only=True)
class RecommendationOverdueFlagged:
    """A recommendation passed its deadline without being closed (flagged once). Key: recommendation_id."""

    recommendation_id: UUID
    agency_id: UUID
    deadline: date
    flagged_at: datetime
