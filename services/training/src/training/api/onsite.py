"""Routes for on-site training requests and the compliance indicator."""

from __future__ import annotations

import marshmallow as ma
from flask_smorest import Blueprint
from marshmallow import validate

from kit import borders
from kit.auth import require
from kit.borders import BordersSchema
from kit.fields import Integer
from kit.http import Choice
from kit.pagination_schemas import page_of
from kit.roles import MANAGERS_AND_AGENCIES, PROVINCE_MANAGERS, STAFF_AND_AGENCIES
from kit.routes import principal, uow
from kit.validation import refused
from training.api.classes import CODE, ClassCreateSchema, PageQuery
from training.model import Actor, RequestStatus
from training.services import compliance, onsite


class OnSiteClassSchema(ClassCreateSchema):
    course_type = ma.fields.String(validate=CODE)


class RequestCreateSchema(ma.Schema):
    agency_id = ma.fields.UUID(metadata={"description": "required for province staff; an agency officer's own"})
    course_type = ma.fields.String(required=True, validate=CODE)
    participants = Integer(required=True, validate=validate.Range(1, 2000))
    preferred_from = ma.fields.Date(load_default=None, allow_none=True)
    preferred_to = ma.fields.Date(load_default=None, allow_none=True)
    note = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 2000))

    @ma.validates_schema
    def period(self, data: dict, **_kwargs) -> None:
        start, end = data.get("preferred_from"), data.get("preferred_to")
        if start and end and end < start:
            raise refused("preferred_to_before_from", "preferred_to is before preferred_from", "preferred_to")


class RequestSchema(RequestCreateSchema):
    id = ma.fields.UUID(dump_only=True)
    agency_name = ma.fields.String(dump_only=True, allow_none=True,
                                   metadata={"description": "the registry's name of the agency, when known here"})
    status = Choice(RequestStatus, dump_only=True)
    class_id = ma.fields.UUID(dump_only=True, allow_none=True)
    decline_reason = ma.fields.String(dump_only=True, allow_none=True)
    created_at = ma.fields.DateTime(dump_only=True)


RequestSchemaPage = page_of(RequestSchema, "RequestSchemaPage")


class RequestQuerySchema(PageQuery):
    agency_id = ma.fields.UUID()
    status = Choice(RequestStatus)


class DeclineSchema(ma.Schema):
    reason = ma.fields.String(required=True, validate=validate.Length(1, 2000))


class OfficerGapSchema(ma.Schema):
    officer_id = ma.fields.UUID()
    full_name = ma.fields.String()
    role = ma.fields.String()
    appointed_on = ma.fields.Date()


class AgencyGapSchema(ma.Schema):
    agency_id = ma.fields.UUID()
    agency_name = ma.fields.String(allow_none=True)
    officers = ma.fields.List(ma.fields.Nested(OfficerGapSchema))


class IndicatorSchema(ma.Schema):
    officers = Integer()
    untrained_officers = Integer()
    agencies_with_officers = Integer()
    non_compliant_agencies = Integer()
    untrained_by_role = ma.fields.Dict(keys=ma.fields.String(), values=Integer())
    vacant_by_role = ma.fields.Dict(keys=ma.fields.String(), values=Integer(),
                                    metadata={"description": "known active agencies with nobody in the role"})
    agencies = ma.fields.List(ma.fields.Nested(AgencyGapSchema))


blp = Blueprint("training_requests", __name__, url_prefix="/api/v1/training",
                description="On-site training requests and the trained-officer indicator")


@blp.route("/onsite-requests", methods=["POST"])
@require(*MANAGERS_AND_AGENCIES)
@blp.arguments(RequestCreateSchema)
@blp.response(201, RequestSchema)
def submit_request(args):
    """An agency asks for a class at its own office."""
    return onsite.submit_request(uow(), args, Actor.of(principal()))


@blp.route("/onsite-requests", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.arguments(RequestQuerySchema, location="query")
@blp.response(200, RequestSchemaPage)
def list_requests(args):
    """On-site requests, newest first (an agency officer sees only their agency's)."""
    return onsite.list_requests(uow(), Actor.of(principal()), **args)


@blp.route("/onsite-requests/<uuid:request_id>", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.response(200, RequestSchema)
def get_request(request_id):
    """One on-site request."""
    return onsite.get_request(uow(), request_id, Actor.of(principal()))


@blp.route("/onsite-requests/<uuid:request_id>/approve", methods=["POST"])
@require(*PROVINCE_MANAGERS)
@blp.arguments(OnSiteClassSchema)
@blp.response(200, RequestSchema)
def approve_request(args, request_id):
    """Approve a request into a new class held at the agency (course type defaults to the request's)."""
    return onsite.approve_request(uow(), request_id, args)


@blp.route("/onsite-requests/<uuid:request_id>/decline", methods=["POST"])
@require(*PROVINCE_MANAGERS)
@blp.arguments(DeclineSchema)
@blp.response(200, RequestSchema)
def decline_request(args, request_id):
    """Decline a request, with the reason the agency will read."""
    return onsite.decline_request(uow(), request_id, args["reason"])


@blp.route("/compliance/untrained-officers", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.arguments(BordersSchema, location="query")
@blp.response(200, IndicatorSchema)
def untrained_officers(args):
    """Agencies whose current ISO secretary or management representative has not completed a relevant class.
    `borders=current`: completions in the provinces this one succeeded count for the same person too (as
    reporting's figures count the province's own by default)."""
    return compliance.indicator(uow(lineage=borders.current(args)), Actor.of(principal()).agency_id)
