"""Inspections: schedule, lifecycle, checklist and findings; recommendations issued from them."""

from __future__ import annotations

import marshmallow as ma
from flask_smorest import Blueprint
from marshmallow import validate

from contracts.inspections import InspectionForm, InspectionKind, OverallResult
from inspections.api.recommendations import (
    AGENCY_NAME,
    RecommendationCreateSchema,
    RecommendationSchema,
    actions_field,
)
from inspections.model import CheckResult, FindingType, InspectionStatus, Severity
from inspections.model.allowed import INSPECTION_ROLES, PLAN_ROLES
from inspections.services import inspections, recommendations
from kit.auth import require
from kit.fields import Integer
from kit.http import Choice
from kit.pagination_schemas import page_args, page_of
from kit.roles import STAFF_AND_AGENCIES
from kit.routes import if_match, principal, uow

blp = Blueprint("inspections", __name__, url_prefix="/api/v1/inspections", description="Inspections of agencies")
ITEM = "/inspections/<uuid:inspection_id>"

DOC = validate.Length(1, 200)
TEXT = validate.Length(1, 5000)


class ChecklistItemSchema(ma.Schema):
    criterion_code = ma.fields.String(required=True, validate=validate.Length(1, 16))
    result = Choice(CheckResult, required=True)
    score = Integer(load_default=None, allow_none=True, validate=validate.Range(0, 100))
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
    severity = ma.fields.String(load_default=None, allow_none=True, validate=validate.OneOf(list(Severity)))


class InspectionCreateSchema(ma.Schema):
    plan_id = ma.fields.UUID(load_default=None, allow_none=True)
    team_id = ma.fields.UUID(load_default=None, allow_none=True)
    agency_id = ma.fields.UUID(required=True)
    form = Choice(InspectionForm, required=True)
    kind = Choice(InspectionKind, load_default=InspectionKind.DINH_KY)
    scheduled_date = ma.fields.Date(load_default=None, allow_none=True)


class InspectionSchema(InspectionCreateSchema):
    id = ma.fields.UUID(dump_only=True)
    agency_name = ma.fields.String(dump_only=True, allow_none=True, metadata={"description": AGENCY_NAME})
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
    checklist_score = Integer(dump_only=True, allow_none=True,
                                        metadata={"description": "weighted % of criteria met"})
    version = Integer(dump_only=True, metadata={"description": "raised on every change; the ETag, and the "
                                                               "If-Match of a PUT of the checklist"})
    actions = actions_field(INSPECTION_ROLES, "inspection")


class InspectionQuerySchema(page_args()):
    plan_id = ma.fields.UUID()
    agency_id = ma.fields.UUID()
    status = Choice(InspectionStatus)
    form = Choice(InspectionForm)
    year = Integer(validate=validate.Range(2000, 2100),
                   metadata={"description": "the year of the visit (conducted, else scheduled); an inspection not "
                                            "yet dated counts in its plan's year"})
    q = ma.fields.String(validate=validate.Length(1, 100),
                         metadata={"description": "part of the agency's name, accents and case ignored"})
    order = ma.fields.String(load_default="oldest", validate=validate.OneOf(inspections.ORDERS), metadata={
        "description": "`oldest` (the default): earliest scheduled first; `newest`: latest visit first, undated ones "
                       "before them; `agency`: by the agency's name (accents and case ignored), then newest"})


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


class PostponeSchema(ReasonSchema):
    new_date = ma.fields.Date(load_default=None, allow_none=True,
                              metadata={"description": "the new visit date, when it is known (the agency is told of "
                                                       "it when the inspection is notified again)"})


InspectionPageSchema = page_of(InspectionSchema, "InspectionPage")


@blp.route("/inspections", methods=["POST"])
@require(*PLAN_ROLES["schedule_inspection"])
@blp.arguments(InspectionCreateSchema)
@blp.response(201, InspectionSchema)
def schedule(args):
    """Schedule an inspection under an approved plan, or an ad hoc one (kind DOT_XUAT)."""
    return inspections.schedule_inspection(uow(), principal(), args)


@blp.route("/inspections", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.arguments(InspectionQuerySchema, location="query")
@blp.response(200, InspectionPageSchema)
def list_inspections(args):
    """List inspections; an agency officer sees only their agency's."""
    page, page_size = args.pop("page"), args.pop("page_size")
    return inspections.list_inspections(uow(), principal(), args, page, page_size)


@blp.route(ITEM, methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.response(200, InspectionSchema)
def get_inspection(inspection_id):
    """One inspection with its checklist and findings."""
    return inspections.get_inspection(uow(), principal(), inspection_id)


@blp.route(f"{ITEM}/notify", methods=["POST"])
@require(*INSPECTION_ROLES["notify"])
@blp.arguments(NotifySchema)
@blp.response(200, InspectionSchema)
def notify(args, inspection_id):
    """Record the notice sent to the agency."""
    return inspections.notify(uow(), principal(), inspection_id, args["notice_doc"], args["scheduled_date"])


@blp.route(f"{ITEM}/start", methods=["POST"])
@require(*INSPECTION_ROLES["start"])
@blp.arguments(StartSchema)
@blp.response(200, InspectionSchema)
def start(args, inspection_id):
    """The team starts inspecting."""
    return inspections.start(uow(), principal(), inspection_id, args["conducted_date"])


@blp.route(f"{ITEM}/checklist", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.response(200, InspectionSchema)
def get_checklist(inspection_id):
    """The inspection with its checklist, as a PUT of the checklist answers it: its ETag is the If-Match of the
    next PUT."""
    return inspections.get_inspection(uow(), principal(), inspection_id)


@blp.route(f"{ITEM}/checklist", methods=["PUT"])
@require(*INSPECTION_ROLES["record_results"])
@blp.arguments(ChecklistSchema)
@blp.response(200, InspectionSchema)
def set_checklist(args, inspection_id):
    """Record results against the criteria library (replaces the given criteria's results). Send the
    inspection's ETag in If-Match (428 without, 412 when it changed since)."""
    expected = if_match()
    return inspections.set_checklist(uow(), principal(), inspection_id, args["results"], expected=expected)


@blp.route(f"{ITEM}/findings", methods=["POST"])
@require(*INSPECTION_ROLES["record_results"])
@blp.arguments(FindingSchema)
@blp.response(201, FindingSchema)
def add_finding(args, inspection_id):
    """Record a nonconformity, recommendation or strength, with its ISO and QĐ 19 clauses."""
    return inspections.add_finding(uow(), principal(), inspection_id, args)


@blp.route(f"{ITEM}/record", methods=["POST"])
@require(*INSPECTION_ROLES["record"])
@blp.arguments(RecordSchema)
@blp.response(200, InspectionSchema)
def record(args, inspection_id):
    """Draw up the record (biên bản)."""
    return inspections.record(uow(), principal(), inspection_id, args["record_doc"], args["record_date"])


@blp.route(f"{ITEM}/conclude", methods=["POST"])
@require(*INSPECTION_ROLES["conclude"])
@blp.arguments(ConcludeSchema)
@blp.response(200, InspectionSchema)
def conclude(args, inspection_id):
    """Issue the conclusion (thông báo kết luận) with the overall result."""
    return inspections.conclude(uow(), principal(), inspection_id, **args)


@blp.route(f"{ITEM}/close", methods=["POST"])
@require(*INSPECTION_ROLES["close"])
@blp.response(200, InspectionSchema)
def close(inspection_id):
    """Close a concluded inspection whose recommendations are all closed."""
    return inspections.close(uow(), principal(), inspection_id)


@blp.route(f"{ITEM}/postpone", methods=["POST"])
@require(*INSPECTION_ROLES["postpone"])
@blp.arguments(PostponeSchema)
@blp.response(200, InspectionSchema)
def postpone(args, inspection_id):
    """Postpone, with the new visit date when it is known; notify again to resume."""
    return inspections.postpone(uow(), principal(), inspection_id, args["reason"], args["new_date"])


@blp.route(f"{ITEM}/cancel", methods=["POST"])
@require(*INSPECTION_ROLES["cancel"])
@blp.arguments(ReasonSchema)
@blp.response(200, InspectionSchema)
def cancel(args, inspection_id):
    """Cancel an inspection that has not reached its record."""
    return inspections.cancel(uow(), principal(), inspection_id, args["reason"])


@blp.route(f"{ITEM}/recommendations", methods=["POST"])
@require(*INSPECTION_ROLES["issue_recommendation"])
@blp.arguments(RecommendationCreateSchema)
@blp.response(201, RecommendationSchema)
def issue_recommendation(args, inspection_id):
    """Ask the agency to remedy something by a deadline."""
    return recommendations.issue(uow(), principal(), inspection_id, args)
