"""Plans, their teams and coverage."""

from __future__ import annotations

from flask_smorest import Blueprint

from inspections import schemas
from inspections.api.common import MANAGERS, PREFIX, uow
from inspections.services import coverage, plans, teams
from kit.auth import require

blp = Blueprint("plans", __name__, url_prefix=PREFIX, description="Yearly inspection plans and teams")
PROVINCE = ("province_admin", "province_officer", "province_leader", "inspector")


@blp.route("/plans", methods=["POST"])
@require(*MANAGERS)
@blp.arguments(schemas.PlanCreateSchema)
@blp.response(201, schemas.PlanSchema)
def create_plan(args):
    """Draft a yearly inspection plan with its target agencies."""
    targets = args.pop("targets")
    return plans.create_plan(uow(), args, targets)


@blp.route("/plans", methods=["GET"])
@require(*PROVINCE)
@blp.arguments(schemas.PlanQuerySchema, location="query")
@blp.response(200, schemas.PlanPageSchema)
def list_plans(args):
    """List the province's plans, newest year first."""
    return plans.list_plans(uow(), args.get("year"), args.get("status"), args["page"], args["page_size"])


@blp.route("/plans/<uuid:plan_id>", methods=["GET"])
@require(*PROVINCE)
@blp.response(200, schemas.PlanSchema)
def get_plan(plan_id):
    """One plan with its targets."""
    return plans.get_plan(uow(), plan_id)


@blp.route("/plans/<uuid:plan_id>", methods=["PATCH"])
@require(*MANAGERS)
@blp.arguments(schemas.PlanUpdateSchema)
@blp.response(200, schemas.PlanSchema)
def update_plan(args, plan_id):
    """Change a draft (or a plan being adjusted); `targets`, when given, replaces the list."""
    targets = args.pop("targets", None)
    return plans.update_plan(uow(), plan_id, args, targets)


@blp.route("/plans/<uuid:plan_id>/submit", methods=["POST"])
@require(*MANAGERS)
@blp.arguments(schemas.SubmitSchema)
@blp.response(200, schemas.PlanSchema)
def submit_plan(args, plan_id):
    """Submit the plan to the province for approval."""
    return plans.submit_plan(uow(), plan_id, args["proposing_doc"])


@blp.route("/plans/<uuid:plan_id>/approve", methods=["POST"])
@require("province_leader")
@blp.arguments(schemas.ApproveSchema)
@blp.response(200, schemas.PlanSchema)
def approve_plan(args, plan_id):
    """Record the approving document (e.g. 726/KH-UBND ngày 03/3/2021)."""
    return plans.approve_plan(uow(), plan_id, args["approving_doc"])


@blp.route("/plans/<uuid:plan_id>/adjust", methods=["POST"])
@require(*MANAGERS)
@blp.arguments(schemas.NoteSchema)
@blp.response(200, schemas.PlanSchema)
def adjust_plan(args, plan_id):
    """Open an approved plan for adjustment; it is submitted and approved again."""
    return plans.adjust_plan(uow(), plan_id, args["note"])


@blp.route("/plans/<uuid:plan_id>/close", methods=["POST"])
@require(*MANAGERS)
@blp.response(200, schemas.PlanSchema)
def close_plan(plan_id):
    """Close the plan once its summary is reported."""
    return plans.close_plan(uow(), plan_id)


@blp.route("/plans/<uuid:plan_id>/carry-forward", methods=["POST"])
@require(*MANAGERS)
@blp.arguments(schemas.CarryForwardSchema)
@blp.response(201, schemas.PlanSchema)
def carry_forward(args, plan_id):
    """Start next year's draft from a closed plan, statuses reset."""
    return plans.carry_forward(uow(), plan_id, args["year"])


@blp.route("/plans/<uuid:plan_id>/coverage", methods=["GET"])
@require(*PROVINCE)
@blp.arguments(schemas.CoverageQuerySchema, location="query")
@blp.response(200, schemas.CoverageSchema)
def plan_coverage(args, plan_id):
    """Share of obliged agencies inspected on site and at all under this plan."""
    return coverage.plan_coverage(uow(), plan_id, args.get("as_of"))


@blp.route("/coverage", methods=["GET"])
@require(*PROVINCE)
@blp.arguments(schemas.YearCoverageQuerySchema, location="query")
@blp.response(200, schemas.CoverageSchema)
def year_coverage(args):
    """Share of obliged agencies inspected in a year, under every plan and ad hoc."""
    return coverage.year_coverage(uow(), args["year"], args.get("as_of"))


@blp.route("/plans/<uuid:plan_id>/teams", methods=["POST"])
@require(*MANAGERS)
@blp.arguments(schemas.TeamSchema)
@blp.response(201, schemas.TeamSchema)
def form_team(args, plan_id):
    """Establish an inspection team by decision, with its members and roles."""
    members = args.pop("members")
    return teams.form_team(uow(), plan_id, args, members)


@blp.route("/plans/<uuid:plan_id>/teams", methods=["GET"])
@require(*PROVINCE)
@blp.response(200, schemas.TeamSchema(many=True))
def list_teams(plan_id):
    """The plan's teams."""
    return teams.list_teams(uow(), plan_id)


@blp.route("/teams/<uuid:team_id>", methods=["GET"])
@require(*PROVINCE)
@blp.response(200, schemas.TeamSchema)
def get_team(team_id):
    """One team with its members."""
    return teams.get_team(uow(), team_id)
