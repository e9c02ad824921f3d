"""HTTP shapes of the inspections service. Unknown fields are rejected (marshmallow RAISE)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import marshmallow as ma
from marshmallow import validate

from contracts.inspections import InspectionForm, InspectionKind, OverallResult
from inspections.model import (
    CheckResult,
    CoverageBasis,
    FindingType,
    InspectionStatus,
    PlanStatus,
    RecommendationStatus,
    TeamRole,
)
from kit.http import Choice

MAX_PAGE_SIZE = 100


def utc_today() -> date:
    return datetime.now(UTC).date()


DOC = validate.Length(1, 200)
TEXT = validate.Length(1, 5000)
YEAR = validate.Range(2000, 2100)


def page_of(item: type[ma.Schema], name: str) -> type[ma.Schema]:
    return ma.Schema.from_dict({"items": ma.fields.List(ma.fields.Nested(item)), "total": ma.fields.Integer(),
                                "page": ma.fields.Integer(), "page_size": ma.fields.Integer()}, name=name)


class PageArgs(ma.Schema):
    page = ma.fields.Integer(load_default=1, validate=validate.Range(1, 100_000))
    page_size = ma.fields.Integer(load_default=20, validate=validate.Range(1, MAX_PAGE_SIZE))


class CriterionSchema(ma.Schema):
    code = ma.fields.String(dump_only=True)
    ordinal = ma.fields.Integer(dump_only=True)
    title = ma.fields.String(dump_only=True)
    weight = ma.fields.Integer(validate=validate.Range(0, 100))
    legal_basis = ma.fields.String(dump_only=True)
    verification_status = ma.fields.String(dump_only=True)
    active = ma.fields.Boolean()
    province_setting = ma.fields.Boolean(dump_only=True)


class CriterionUpdateSchema(CriterionSchema):
    @ma.validates_schema
    def not_empty(self, data: dict, **_kwargs) -> None:
        if not data:
            raise ma.ValidationError("give weight or active", "_schema")


class CriterionQuerySchema(ma.Schema):
    include_inactive = ma.fields.Boolean(load_default=False)


class SettingSchema(ma.Schema):
    key = ma.fields.String(dump_only=True)
    value = ma.fields.Integer(required=True, allow_none=True, validate=validate.Range(0, 100))
    default = ma.fields.Integer(dump_only=True)
    legal_basis = ma.fields.String(dump_only=True)
    verification_status = ma.fields.String(dump_only=True)
    province_setting = ma.fields.Boolean(dump_only=True)


class TargetSchema(ma.Schema):
    agency_id = ma.fields.UUID(required=True)
    planned_form = Choice(InspectionForm, required=True)
    planned_month = ma.fields.Integer(load_default=None, allow_none=True, validate=validate.Range(1, 12))


class PlanFields(ma.Schema):
    title = ma.fields.String(allow_none=True, validate=validate.Length(1, 300))
    proposing_doc = ma.fields.String(allow_none=True, validate=DOC)
    period_start = ma.fields.Date(allow_none=True)
    period_end = ma.fields.Date(allow_none=True)
    onsite_min_percent = ma.fields.Integer(allow_none=True, validate=validate.Range(0, 100))
    coverage_basis = Choice(CoverageBasis)
    targets = ma.fields.List(ma.fields.Nested(TargetSchema), validate=validate.Length(max=5000))


class PlanCreateSchema(PlanFields):
    year = ma.fields.Integer(required=True, validate=YEAR)
    targets = ma.fields.List(ma.fields.Nested(TargetSchema), load_default=list, validate=validate.Length(max=5000))


class PlanUpdateSchema(PlanFields):
    @ma.validates_schema
    def not_empty(self, data: dict, **_kwargs) -> None:
        if not data:
            raise ma.ValidationError("give at least one field to change", "_schema")


class PlanSchema(PlanCreateSchema):
    id = ma.fields.UUID(dump_only=True)
    status = Choice(PlanStatus, dump_only=True)
    approving_doc = ma.fields.String(dump_only=True, allow_none=True)
    approved_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    adjustment_note = ma.fields.String(dump_only=True, allow_none=True)
    carried_from_plan_id = ma.fields.UUID(dump_only=True, allow_none=True)
    created_at = ma.fields.DateTime(dump_only=True)


class PlanQuerySchema(PageArgs):
    year = ma.fields.Integer(validate=YEAR)
    status = Choice(PlanStatus)


class SubmitSchema(ma.Schema):
    proposing_doc = ma.fields.String(load_default=None, allow_none=True, validate=DOC)


class ApproveSchema(ma.Schema):
    approving_doc = ma.fields.String(required=True, validate=DOC)


class NoteSchema(ma.Schema):
    note = ma.fields.String(required=True, validate=TEXT)


class CarryForwardSchema(ma.Schema):
    year = ma.fields.Integer(required=True, validate=YEAR)


class CoverageQuerySchema(ma.Schema):
    as_of = ma.fields.Date()


class YearCoverageQuerySchema(CoverageQuerySchema):
    year = ma.fields.Integer(required=True, validate=YEAR)


class CoverageSchema(ma.Schema):
    year = ma.fields.Integer()
    plan_id = ma.fields.UUID(allow_none=True)
    as_of = ma.fields.Date()
    basis = ma.fields.String()
    obliged = ma.fields.Integer()
    inspected = ma.fields.Integer()
    inspected_onsite = ma.fields.Integer()
    inspected_percent = ma.fields.Float()
    onsite_percent = ma.fields.Float()
    onsite_min_percent = ma.fields.Integer()
    meets_onsite_target = ma.fields.Boolean()


class MemberSchema(ma.Schema):
    id = ma.fields.UUID(dump_only=True)
    full_name = ma.fields.String(required=True, validate=validate.Length(1, 200))
    organization = ma.fields.String(load_default=None, allow_none=True, validate=DOC)
    role = Choice(TeamRole, required=True)
    user_subject = ma.fields.String(load_default=None, allow_none=True, validate=DOC)


class TeamSchema(ma.Schema):
    id = ma.fields.UUID(dump_only=True)
    plan_id = ma.fields.UUID(dump_only=True, allow_none=True)
    decision_no = ma.fields.String(required=True, validate=DOC)
    decision_date = ma.fields.Date(required=True)
    issuer = ma.fields.String(load_default=None, allow_none=True, validate=DOC)
    members = ma.fields.List(ma.fields.Nested(MemberSchema), required=True, validate=validate.Length(1, 50))


class ChecklistItemSchema(ma.Schema):
    criterion_code = ma.fields.String(required=True, validate=validate.Length(1, 16))
    result = Choice(CheckResult, required=True)
    score = ma.fields.Integer(load_default=None, allow_none=True, validate=validate.Range(0, 100))
    note = ma.fields.String(load_default=None, allow_none=True, validate=TEXT)


class ChecklistSchema(ma.Schema):
    results = ma.fields.List(ma.fields.Nested(ChecklistItemSchema), required=True, validate=validate.Length(1, 200))


class FindingSchema(ma.Schema):
    id = ma.fields.UUID(dump_only=True)
    type = Choice(FindingType, required=True)
    description = ma.fields.String(required=True, validate=TEXT)
    iso_clause = ma.fields.String(load_default=None, allow_none=True,
                                  validate=validate.Regexp(r"^\d{1,2}(\.\d{1,2}){0,3}$", error="e.g. '9.2'"))
    qd19_clause = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 64))
    severity = ma.fields.String(load_default=None, allow_none=True, validate=validate.OneOf(["NHE", "NANG"]))


class InspectionCreateSchema(ma.Schema):
    plan_id = ma.fields.UUID(load_default=None, allow_none=True)
    team_id = ma.fields.UUID(load_default=None, allow_none=True)
    agency_id = ma.fields.UUID(required=True)
    form = Choice(InspectionForm, required=True)
    kind = Choice(InspectionKind, load_default="DINH_KY")
    scheduled_date = ma.fields.Date(load_default=None, allow_none=True)


class InspectionSchema(InspectionCreateSchema):
    id = ma.fields.UUID(dump_only=True)
    status = Choice(InspectionStatus, dump_only=True)
    notice_doc = ma.fields.String(dump_only=True)
    conducted_date = ma.fields.Date(dump_only=True)
    record_doc = ma.fields.String(dump_only=True)
    record_date = ma.fields.Date(dump_only=True)
    conclusion_doc = ma.fields.String(dump_only=True, allow_none=True)
    conclusion_date = ma.fields.Date(dump_only=True, allow_none=True)
    overall_result = Choice(OverallResult, dump_only=True, allow_none=True)
    status_note = ma.fields.String(dump_only=True, allow_none=True)
    checklist = ma.fields.List(ma.fields.Nested(ChecklistItemSchema), dump_only=True)
    findings = ma.fields.List(ma.fields.Nested(FindingSchema), dump_only=True)
    checklist_score = ma.fields.Integer(dump_only=True, allow_none=True,
                                        metadata={"description": "weighted % of criteria met"})


class InspectionQuerySchema(PageArgs):
    plan_id = ma.fields.UUID()
    agency_id = ma.fields.UUID()
    status = Choice(InspectionStatus)
    form = Choice(InspectionForm)


class NotifySchema(ma.Schema):
    notice_doc = ma.fields.String(required=True, validate=DOC)
    scheduled_date = ma.fields.Date(load_default=None, allow_none=True)


class StartSchema(ma.Schema):
    conducted_date = ma.fields.Date(required=True)


class RecordSchema(ma.Schema):
    record_doc = ma.fields.String(required=True, validate=DOC)
    record_date = ma.fields.Date(required=True)


class ConcludeSchema(ma.Schema):
    conclusion_doc = ma.fields.String(required=True, validate=DOC)
    conclusion_date = ma.fields.Date(required=True)
    overall_result = Choice(OverallResult, required=True)


class ReasonSchema(ma.Schema):
    reason = ma.fields.String(required=True, validate=TEXT)


class RecommendationCreateSchema(ma.Schema):
    description = ma.fields.String(required=True, validate=TEXT)
    deadline = ma.fields.Date(required=True)
    finding_id = ma.fields.UUID(load_default=None, allow_none=True)


class RecommendationSchema(RecommendationCreateSchema):
    id = ma.fields.UUID(dump_only=True)
    inspection_id = ma.fields.UUID(dump_only=True)
    agency_id = ma.fields.UUID(dump_only=True)
    status = Choice(RecommendationStatus, dump_only=True)
    evidence = ma.fields.String(dump_only=True, allow_none=True)
    submitted_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    review_note = ma.fields.String(dump_only=True, allow_none=True)
    closed_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    overdue_flagged_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    overdue = ma.fields.Method("is_overdue", dump_only=True)

    def is_overdue(self, recommendation) -> bool:
        return recommendation.status != RecommendationStatus.DONG and recommendation.deadline < utc_today()


class RecommendationQuerySchema(PageArgs):
    inspection_id = ma.fields.UUID()
    status = Choice(RecommendationStatus)
    overdue_on = ma.fields.Date()


class EvidenceSchema(ma.Schema):
    evidence = ma.fields.String(required=True, validate=TEXT)


class AcceptSchema(ma.Schema):
    note = ma.fields.String(load_default=None, allow_none=True, validate=TEXT)


class ReopenSchema(ma.Schema):
    reason = ma.fields.String(required=True, validate=TEXT)
    deadline = ma.fields.Date(load_default=None, allow_none=True)


class FlagOverdueSchema(ma.Schema):
    today = ma.fields.Date(load_default=None, allow_none=True)


PlanPageSchema = page_of(PlanSchema, "PlanPage")
InspectionPageSchema = page_of(InspectionSchema, "InspectionPage")
RecommendationPageSchema = page_of(RecommendationSchema, "RecommendationPage")
