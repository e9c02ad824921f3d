"""Plans, their teams and coverage."""

from __future__ import annotations

import marshmallow as ma
from flask_smorest import Blueprint
from marshmallow import validate

from contracts.inspections import CoverageBasis, InspectionForm, InspectionKind
from inspections.api.recommendations import AGENCY_NAME, actions_field
from inspections.model import PlanStatus, TeamRole
from inspections.model.allowed import PLAN_ROLES
from inspections.services import coverage, plans, teams
from kit.auth import require
from kit.fields import Integer
from kit.http import Choice
from kit.pagination_schemas import page_args, page_of
from kit.roles import PROVINCE_MANAGERS, PROVINCE_STAFF
from kit.routes import if_match, principal, uow
from kit.validation import refused

blp = Blueprint("plans", __name__, url_prefix="/api/v1/inspections", description="Yearly inspection plans and teams")

DOC = validate.Length(1, 200)
TEXT = validate.Length(1, 5000)
YEAR = validate.Range(2000, 2100)


class TargetSchema(ma.Schema):
    agency_id = ma.fields.UUID(required=True)
    agency_name = ma.fields.String(dump_only=True, allow_none=True, metadata={"description": AGENCY_NAME})
    planned_form = Choice(InspectionForm, required=True)
    planned_month = Integer(load_default=None, allow_none=True, validate=validate.Range(1, 12))


class PlanFields(ma.Schema):
    title = ma.fields.String(allow_none=True, validate=validate.Length(1, 300))
    proposing_doc = ma.fields.String(allow_none=True, validate=DOC)
    period_start = ma.fields.Date(allow_none=True)
    period_end = ma.fields.Date(allow_none=True)
    onsite_min_percent = Integer(allow_none=True, validate=validate.Range(0, 100))
    coverage_basis = Choice(CoverageBasis)
    targets = ma.fields.List(ma.fields.Nested(TargetSchema), validate=validate.Length(max=5000))


class PlanCreateSchema(PlanFields):
    year = Integer(required=True, validate=YEAR)
    targets = ma.fields.List(ma.fields.Nested(TargetSchema), load_default=list, validate=validate.Length(max=5000))


class PlanUpdateSchema(PlanFields):
    @ma.validates_schema
    def not_empty(self, data: dict, **_kwargs) -> None:
        if not data:
            raise refused("nothing_to_change", "give at least one field to change", "_schema")


class PlanSchema(PlanCreateSchema):
    id = ma.fields.UUID(dump_only=True)
    status = Choice(PlanStatus, dump_only=True)
    approving_doc = ma.fields.String(dump_only=True, allow_none=True)
    approved_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    adjustment_note = ma.fields.String(dump_only=True, allow_none=True)
    carried_from_plan_id = ma.fields.UUID(dump_only=True, allow_none=True)
    created_at = ma.fields.DateTime(dump_only=True)
    version = Integer(dump_only=True, metadata={"description": "raised on every change; the ETag, and the "
                                                               "If-Match of a PATCH"})
    actions = actions_field(PLAN_ROLES, "plan")
    inspection_kinds = ma.fields.List(Choice(InspectionKind), dump_only=True, metadata={
        "description": "the kinds of inspection the plan takes now: DOT_XUAT always, DINH_KY only while it runs "
                       "(approved or under way); given on a read"})


class PlanQuerySchema(page_args()):
    year = Integer(validate=YEAR)
    status = Choice(PlanStatus)


class SubmitSchema(ma.Schema):
    proposing_doc = ma.fields.String(load_default=None, allow_none=True, validate=DOC)


class ApproveSchema(ma.Schema):
    approving_doc = ma.fields.String(required=True, validate=DOC)


class NoteSchema(ma.Schema):
    note = ma.fields.String(required=True, validate=TEXT)


class CarryForwardSchema(ma.Schema):
    year = Integer(required=True, validate=YEAR)


class CoverageQuerySchema(ma.Schema):
    as_of = ma.fields.Date()


class YearCoverageQuerySchema(CoverageQuerySchema):
    year = Integer(required=True, validate=YEAR)


class CoverageSchema(ma.Schema):
    year = Integer()
    plan_id = ma.fields.UUID(allow_none=True)
    as_of = ma.fields.Date()
    basis = ma.fields.String(metadata={
        "description": "the denominator of every share here (`obliged`): REGISTRY_OBLIGATION or PLAN_TARGETS; "
                       "reporting names it the same"})
    obliged = Integer()
    inspected = Integer()
    inspected_onsite = Integer()
    inspected_percent = ma.fields.Float()
    onsite_percent = ma.fields.Float()
    onsite_min_percent = Integer()
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


PlanPageSchema = page_of(PlanSchema, "PlanPage")


@blp.route("/plans", methods=["POST"])
@require(*PROVINCE_MANAGERS)
@blp.arguments(PlanCreateSchema)
@blp.response(201, PlanSchema)
def create_plan(args):
    """Draft a yearly inspection plan with its target agencies."""
    targets = args.pop("targets")
    return plans.create_plan(uow(), args, targets)


@blp.route("/plans", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.arguments(PlanQuerySchema, location="query")
@blp.response(200, PlanPageSchema)
def list_plans(args):
    """List the province's plans, newest year first."""
    return plans.list_plans(uow(), principal(), args.get("year"), args.get("status"), args["page"],
                            args["page_size"])


@blp.route("/plans/<uuid:plan_id>", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.response(200, PlanSchema)
def get_plan(plan_id):
    """One plan with its targets."""
    return plans.get_plan(uow(), principal(), plan_id)


@blp.route("/plans/<uuid:plan_id>", methods=["PATCH"])
@require(*PLAN_ROLES["edit"])
@blp.arguments(PlanUpdateSchema)
@blp.response(200, PlanSchema)
def update_plan(args, plan_id):
    """Change a draft (or a plan being adjusted); `targets`, when given, replaces the list. Send the plan's ETag in
    If-Match (428 without, 412 when it changed since)."""
    expected = if_match()
    targets = args.pop("targets", None)
    return plans.update_plan(uow(), principal(), plan_id, args, targets, expected=expected)


@blp.route("/plans/<uuid:plan_id>/submit", methods=["POST"])
@require(*PLAN_ROLES["submit"])
@blp.arguments(SubmitSchema)
@blp.response(200, PlanSchema)
def submit_plan(args, plan_id):
    """Submit the plan to the province for approval."""
    return plans.submit_plan(uow(), principal(), plan_id, args["proposing_doc"])


@blp.route("/plans/<uuid:plan_id>/approve", methods=["POST"])
@require(*PLAN_ROLES["approve"])
@blp.arguments(ApproveSchema)
@blp.response(200, PlanSchema)
def approve_plan(args, plan_id):
    """Record the approving document (e.g. 726/KH-UBND ngày 03/3/2021)."""
    return plans.approve_plan(uow(), principal(), plan_id, args["approving_doc"])


@blp.route("/plans/<uuid:plan_id>/adjust", methods=["POST"])
@require(*PLAN_ROLES["adjust"])
@blp.arguments(NoteSchema)
@blp.response(200, PlanSchema)
def adjust_plan(args, plan_id):
    """Open an approved plan for adjustment; it is submitted and approved again."""
    return plans.adjust_plan(uow(), principal(), plan_id, args["note"])


@blp.route("/plans/<uuid:plan_id>/close", methods=["POST"])
@require(*PLAN_ROLES["close"])
@blp.response(200, PlanSchema)
def close_plan(plan_id):
    """Close the plan once its summary is reported."""
    return plans.close_plan(uow(), principal(), plan_id)


@blp.route("/plans/<uuid:plan_id>/carry-forward", methods=["POST"])
@require(*PLAN_ROLES["carry_forward"])
@blp.arguments(CarryForwardSchema)
@blp.response(201, PlanSchema)
def carry_forward(args, plan_id):
    """Start next year's draft from a closed plan, statuses reset."""
    return plans.carry_forward(uow(), principal(), plan_id, args["year"])


@blp.route("/plans/<uuid:plan_id>/coverage", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.arguments(CoverageQuerySchema, location="query")
@blp.response(200, CoverageSchema)
def plan_coverage(args, plan_id):
    """Share of obliged agencies inspected on site and at all under this plan."""
    return coverage.plan_coverage(uow(), plan_id, args.get("as_of"))


@blp.route("/coverage", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.arguments(YearCoverageQuerySchema, location="query")
@blp.response(200, CoverageSchema)
def year_coverage(args):
    """Share of obliged agencies inspected in a year, under every plan and ad hoc."""
    return coverage.year_coverage(uow(), args["year"], args.get("as_of"))


@blp.route("/plans/<uuid:plan_id>/teams", methods=["POST"])
@require(*PLAN_ROLES["form_team"])
@blp.arguments(TeamSchema)
@blp.response(201, TeamSchema)
def form_team(args, plan_id):
    """Establish an inspection team by decision, with its members and roles."""
    members = args.pop("members")
    return teams.form_team(uow(), principal(), plan_id, args, members)


@blp.route("/plans/<uuid:plan_id>/teams", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.response(200, TeamSchema(many=True))
def list_teams(plan_id):
    """The plan's teams."""
    return teams.list_teams(uow(), plan_id)


@blp.route("/teams/<uuid:team_id>", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.response(200, TeamSchema)
def get_team(team_id):
    """One team with its members."""
    return teams.get_team(uow(), team_id)
