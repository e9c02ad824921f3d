"""Recommendations: two-party follow-up between the agency and the inspection team; overdue flags."""

from __future__ import annotations

from flask_smorest import Blueprint

from inspections import repository, schemas
from inspections.api.common import MANAGERS, PREFIX, READERS, WORKERS, actor, uow
from inspections.services import recommendations
from kit.auth import require

blp = Blueprint("recommendations", __name__, url_prefix=PREFIX, description="Recommendations and remediation")
ITEM = "/recommendations/<uuid:recommendation_id>"


@blp.route("/recommendations", methods=["GET"])
@require(*READERS)
@blp.arguments(schemas.RecommendationQuerySchema, location="query")
@blp.response(200, schemas.RecommendationPageSchema)
def list_recommendations(args):
    """List recommendations (`overdue_on` keeps those still open after their deadline)."""
    page, page_size = args.pop("page"), args.pop("page_size")
    where = repository.RecommendationFilter(**args)
    return recommendations.list_recommendations(uow(), actor(), where, page, page_size)


@blp.route(ITEM, methods=["GET"])
@require(*READERS)
@blp.response(200, schemas.RecommendationSchema)
def get_recommendation(recommendation_id):
    """One recommendation; an agency officer sees only their agency's."""
    return recommendations.get(uow(), actor(), recommendation_id)


@blp.route(f"{ITEM}/remediation", methods=["POST"])
@require("agency_officer")
@blp.arguments(schemas.EvidenceSchema)
@blp.response(200, schemas.RecommendationSchema)
def submit_remediation(args, recommendation_id):
    """The agency submits its remediation evidence."""
    return recommendations.submit_remediation(uow(), actor(), recommendation_id, args["evidence"])


@blp.route(f"{ITEM}/accept", methods=["POST"])
@require(*WORKERS)
@blp.arguments(schemas.AcceptSchema)
@blp.response(200, schemas.RecommendationSchema)
def accept(args, recommendation_id):
    """Accept the evidence and close the recommendation."""
    return recommendations.accept(uow(), actor(), recommendation_id, args["note"])


@blp.route(f"{ITEM}/reopen", methods=["POST"])
@require(*WORKERS)
@blp.arguments(schemas.ReopenSchema)
@blp.response(200, schemas.RecommendationSchema)
def reopen(args, recommendation_id):
    """Refuse the evidence; the agency must act again (optionally by a new deadline)."""
    return recommendations.reopen(uow(), actor(), recommendation_id, args["reason"], args["deadline"])


@blp.route("/recommendations/flag-overdue", methods=["POST"])
@require(*MANAGERS)
@blp.arguments(schemas.FlagOverdueSchema)
@blp.response(200, schemas.RecommendationSchema(many=True))
def flag_overdue(args):
    """Flag (once, with an event) every recommendation open past its deadline; returns the newly flagged."""
    return recommendations.flag_overdue(uow(), args["today"])
