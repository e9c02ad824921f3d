"""Recommendations: two-party follow-up between the agency and the inspection team; overdue flags."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

import marshmallow as ma
from flask_smorest import Blueprint
from marshmallow import validate

from inspections import model
from inspections.model import FindingType, RecommendationStatus
from inspections.model.allowed import RECOMMENDATION_ROLES
from inspections.services import recommendations
from kit.auth import require
from kit.http import Choice
from kit.pagination_schemas import page_args, page_of
from kit.roles import PROVINCE_MANAGERS, STAFF_AND_AGENCIES
from kit.routes import principal, uow

blp = Blueprint("recommendations", __name__, url_prefix="/api/v1/inspections",
                description="Recommendations and remediation")
ITEM = "/recommendations/<uuid:recommendation_id>"

TEXT = validate.Length(1, 5000)


class RecommendationCreateSchema(ma.Schema):
    description = ma.fields.String(required=True, validate=TEXT)
    deadline = ma.fields.Date(required=True)
    finding_id = ma.fields.UUID(load_default=None, allow_none=True)


AGENCY_NAME = "the agency's name as the registry last told this service (null until it has)"


def actions_field(roles: Mapping[str, frozenset[str]], record: str) -> ma.fields.List:
    """The actions the caller may take on the record now (its status, their roles and the rules beside them, as
    the commands check them); on a read of the record."""
    return ma.fields.List(ma.fields.String(validate=validate.OneOf(list(roles))), dump_only=True, metadata={
        "description": f"what the caller may do with this {record} now, as the commands would accept it (status, "
                       "role and the rules beside them); given on a read, not on the answer of a change"})


class AnsweredFindingSchema(ma.Schema):
    id = ma.fields.UUID()
    type = Choice(FindingType)
    description = ma.fields.String()
    iso_clause = ma.fields.String(allow_none=True)


class RecommendationSchema(RecommendationCreateSchema):
    id = ma.fields.UUID(dump_only=True)
    inspection_id = ma.fields.UUID(dump_only=True)
    agency_id = ma.fields.UUID(dump_only=True)
    agency_name = ma.fields.String(dump_only=True, allow_none=True, metadata={"description": AGENCY_NAME})
    status = Choice(RecommendationStatus, dump_only=True)
    evidence = ma.fields.String(dump_only=True, allow_none=True)
    submitted_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    review_note = ma.fields.String(dump_only=True, allow_none=True)
    closed_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    overdue_flagged_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    overdue = ma.fields.Method("is_overdue", dump_only=True)
    finding = ma.fields.Nested(AnsweredFindingSchema, dump_only=True, allow_none=True,
                               metadata={"description": "the inspection's finding it answers (`finding_id`)"})
    actions = actions_field(RECOMMENDATION_ROLES, "recommendation")

    def is_overdue(self, recommendation) -> bool:
        return model.overdue(recommendation, datetime.now(UTC).date())


class RecommendationQuerySchema(page_args()):
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


RecommendationPageSchema = page_of(RecommendationSchema, "RecommendationPage")


@blp.route("/recommendations", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.arguments(RecommendationQuerySchema, location="query")
@blp.response(200, RecommendationPageSchema)
def list_recommendations(args):
    """List recommendations (`overdue_on` keeps those still open after their deadline)."""
    page, page_size = args.pop("page"), args.pop("page_size")
    return recommendations.list_recommendations(uow(), principal(), args, page, page_size)


@blp.route(ITEM, methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.response(200, RecommendationSchema)
def get_recommendation(recommendation_id):
    """One recommendation; an agency officer sees only their agency's."""
    return recommendations.get(uow(), principal(), recommendation_id)


@blp.route(f"{ITEM}/remediation", methods=["POST"])
@require(*RECOMMENDATION_ROLES["submit"])
@blp.arguments(EvidenceSchema)
@blp.response(200, RecommendationSchema)
def submit_remediation(args, recommendation_id):
    """The agency submits its remediation evidence."""
    return recommendations.submit_remediation(uow(), principal(), recommendation_id, args["evidence"])


@blp.route(f"{ITEM}/accept", methods=["POST"])
@require(*RECOMMENDATION_ROLES["accept"])
@blp.arguments(AcceptSchema)
@blp.response(200, RecommendationSchema)
def accept(args, recommendation_id):
    """Accept the evidence and close the recommendation."""
    return recommendations.accept(uow(), principal(), recommendation_id, args["note"])


@blp.route(f"{ITEM}/reopen", methods=["POST"])
@require(*RECOMMENDATION_ROLES["reopen"])
@blp.arguments(ReopenSchema)
@blp.response(200, RecommendationSchema)
def reopen(args, recommendation_id):
    """Refuse the evidence; the agency must act again (optionally by a new deadline)."""
    return recommendations.reopen(uow(), principal(), recommendation_id, args["reason"], args["deadline"])


@blp.route("/recommendations/flag-overdue", methods=["POST"])
@require(*PROVINCE_MANAGERS)
@blp.arguments(FlagOverdueSchema)
@blp.response(200, RecommendationSchema(many=True))
def flag_overdue(args):
    """Flag (once, with an event) every recommendation open past its deadline; returns the newly flagged."""
    return recommendations.flag_overdue(uow(), args["today"])
