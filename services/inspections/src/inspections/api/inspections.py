"""Inspections: schedule, lifecycle, checklist and findings; recommendations issued from them."""

from __future__ import annotations

from flask_smorest import Blueprint

from inspections import repository, schemas
from inspections.api.common import MANAGERS, PREFIX, READERS, WORKERS, actor, uow
from inspections.services import inspections, recommendations
from kit.auth import require

blp = Blueprint("inspections", __name__, url_prefix=PREFIX, description="Inspections of agencies")
ITEM = "/inspections/<uuid:inspection_id>"


@blp.route("/inspections", methods=["POST"])
@require(*MANAGERS)
@blp.arguments(schemas.InspectionCreateSchema)
@blp.response(201, schemas.InspectionSchema)
def schedule(args):
    """Schedule an inspection under an approved plan, or an ad hoc one (kind DOT_XUAT)."""
    return inspections.schedule_inspection(uow(), args)


@blp.route("/inspections", methods=["GET"])
@require(*READERS)
@blp.arguments(schemas.InspectionQuerySchema, location="query")
@blp.response(200, schemas.InspectionPageSchema)
def list_inspections(args):
    """List inspections; an agency officer sees only their agency's."""
    page, page_size = args.pop("page"), args.pop("page_size")
    return inspections.list_inspections(uow(), actor(), repository.InspectionFilter(**args), page, page_size)


@blp.route(ITEM, methods=["GET"])
@require(*READERS)
@blp.response(200, schemas.InspectionSchema)
def get_inspection(inspection_id):
    """One inspection with its checklist and findings."""
    return inspections.get_inspection(uow(), actor(), inspection_id)


@blp.route(f"{ITEM}/notify", methods=["POST"])
@require(*WORKERS)
@blp.arguments(schemas.NotifySchema)
@blp.response(200, schemas.InspectionSchema)
def notify(args, inspection_id):
    """Record the notice sent to the agency."""
    return inspections.notify(uow(), actor(), inspection_id, args["notice_doc"], args["scheduled_date"])


@blp.route(f"{ITEM}/start", methods=["POST"])
@require(*WORKERS)
@blp.arguments(schemas.StartSchema)
@blp.response(200, schemas.InspectionSchema)
def start(args, inspection_id):
    """The team starts inspecting."""
    return inspections.start(uow(), actor(), inspection_id, args["conducted_date"])


@blp.route(f"{ITEM}/checklist", methods=["PUT"])
@require(*WORKERS)
@blp.arguments(schemas.ChecklistSchema)
@blp.response(200, schemas.InspectionSchema)
def set_checklist(args, inspection_id):
    """Record results against the criteria library (replaces the given criteria's results)."""
    return inspections.set_checklist(uow(), actor(), inspection_id, args["results"])


@blp.route(f"{ITEM}/findings", methods=["POST"])
@require(*WORKERS)
@blp.arguments(schemas.FindingSchema)
@blp.response(201, schemas.FindingSchema)
def add_finding(args, inspection_id):
    """Record a nonconformity, recommendation or strength, with its ISO and QĐ 19 clauses."""
    return inspections.add_finding(uow(), actor(), inspection_id, args)


@blp.route(f"{ITEM}/record", methods=["POST"])
@require(*WORKERS)
@blp.arguments(schemas.RecordSchema)
@blp.response(200, schemas.InspectionSchema)
def record(args, inspection_id):
    """Draw up the record (biên bản)."""
    return inspections.record(uow(), actor(), inspection_id, args["record_doc"], args["record_date"])


@blp.route(f"{ITEM}/conclude", methods=["POST"])
@require(*WORKERS)
@blp.arguments(schemas.ConcludeSchema)
@blp.response(200, schemas.InspectionSchema)
def conclude(args, inspection_id):
    """Issue the conclusion (thông báo kết luận) with the overall result."""
    return inspections.conclude(uow(), actor(), inspection_id, **args)


@blp.route(f"{ITEM}/close", methods=["POST"])
@require(*WORKERS)
@blp.response(200, schemas.InspectionSchema)
def close(inspection_id):
    """Close a concluded inspection whose recommendations are all closed."""
    return inspections.close(uow(), actor(), inspection_id)


@blp.route(f"{ITEM}/postpone", methods=["POST"])
@require(*MANAGERS)
@blp.arguments(schemas.ReasonSchema)
@blp.response(200, schemas.InspectionSchema)
def postpone(args, inspection_id):
    """Postpone; notify again to resume."""
    return inspections.postpone(uow(), actor(), inspection_id, args["reason"])


@blp.route(f"{ITEM}/cancel", methods=["POST"])
@require(*MANAGERS)
@blp.arguments(schemas.ReasonSchema)
@blp.response(200, schemas.InspectionSchema)
def cancel(args, inspection_id):
    """Cancel an inspection that has not reached its record."""
    return inspections.cancel(uow(), actor(), inspection_id, args["reason"])


@blp.route(f"{ITEM}/recommendations", methods=["POST"])
@require(*WORKERS)
@blp.arguments(schemas.RecommendationCreateSchema)
@blp.response(201, schemas.RecommendationSchema)
def issue_recommendation(args, inspection_id):
    """Ask the agency to remedy something by a deadline."""
    return recommendations.issue(uow(), actor(), inspection_id, args)
