"""Routes for on-site training requests and the compliance indicator."""

from __future__ import annotations

from flask_smorest import Blueprint

from kit.auth import require
from training import schemas
from training.api.common import MANAGERS, NOMINATORS, WITH_AGENCIES, actor, uow
from training.services import compliance, onsite

blp = Blueprint("training_requests", __name__, url_prefix="/api/v1/training",
                description="On-site training requests and the trained-officer indicator")


@blp.route("/onsite-requests", methods=["POST"])
@require(*NOMINATORS)
@blp.arguments(schemas.RequestCreateSchema)
@blp.response(201, schemas.RequestSchema)
def submit_request(args):
    """An agency asks for a class at its own office."""
    return onsite.submit_request(uow(), args, actor())


@blp.route("/onsite-requests", methods=["GET"])
@require(*WITH_AGENCIES)
@blp.arguments(schemas.RequestQuerySchema, location="query")
@blp.response(200, schemas.page_of(schemas.RequestSchema))
def list_requests(args):
    """On-site requests, newest first (an agency officer sees only their agency's)."""
    return onsite.list_requests(uow(), actor(), args.get("agency_id"), args.get("status"), args["page"],
                                  args["page_size"])


@blp.route("/onsite-requests/<uuid:request_id>", methods=["GET"])
@require(*WITH_AGENCIES)
@blp.response(200, schemas.RequestSchema)
def get_request(request_id):
    """One on-site request."""
    return onsite.get_request(uow(), request_id, actor())


@blp.route("/onsite-requests/<uuid:request_id>/approve", methods=["POST"])
@require(*MANAGERS)
@blp.arguments(schemas.OnSiteClassSchema)
@blp.response(200, schemas.RequestSchema)
def approve_request(args, request_id):
    """Approve a request into a new class held at the agency (course type defaults to the request's)."""
    return onsite.approve_request(uow(), request_id, args)


@blp.route("/onsite-requests/<uuid:request_id>/decline", methods=["POST"])
@require(*MANAGERS)
@blp.arguments(schemas.DeclineSchema)
@blp.response(200, schemas.RequestSchema)
def decline_request(args, request_id):
    """Decline a request, with the reason the agency will read."""
    return onsite.decline_request(uow(), request_id, args["reason"])


@blp.route("/compliance/untrained-officers", methods=["GET"])
@require(*WITH_AGENCIES)
@blp.response(200, schemas.IndicatorSchema)
def untrained_officers():
    """Agencies whose current ISO secretary or management representative has not completed a relevant class."""
    return compliance.indicator(uow(), actor().agency_id)
