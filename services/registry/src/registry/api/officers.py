"""Routes of an agency's ISO officers and their schemas, on the records blueprint (`api/quality_systems.py`)."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from contracts.registry import OfficerRole
from kit.auth import require
from kit.http import Choice
from kit.roles import MANAGERS_AND_AGENCIES, STAFF_AND_AGENCIES
from registry.api.access import agency_uow
from registry.api.quality_systems import blp
from registry.services import officers


class OfficerCreateSchema(ma.Schema):
    role = Choice(OfficerRole, required=True)
    full_name = ma.fields.String(required=True, validate=validate.Length(1, 120))
    position = ma.fields.String(allow_none=True, validate=validate.Length(1, 200))
    phone = ma.fields.String(allow_none=True, validate=validate.Regexp(r"^[0-9 +().-]{6,30}$"))
    email = ma.fields.Email(allow_none=True)
    appointed_on = ma.fields.Date(required=True)
    appointment_decision = ma.fields.String(allow_none=True, validate=validate.Length(1, 200))


class OfficerSchema(OfficerCreateSchema):
    id = ma.fields.UUID(dump_only=True)
    agency_id = ma.fields.UUID(dump_only=True)
    removed_on = ma.fields.Date(dump_only=True, allow_none=True)


class OfficerRemoveSchema(ma.Schema):
    removed_on = ma.fields.Date(required=True)


@blp.route("/<uuid:agency_id>/officers", methods=["POST"])
@require(*MANAGERS_AND_AGENCIES)
@blp.arguments(OfficerCreateSchema)
@blp.response(201, OfficerSchema)
def appoint_officer(args, agency_id):
    """Appoint a thư ký ISO or đại diện lãnh đạo; the previous holder's appointment ends."""
    return officers.appoint_officer(agency_uow(agency_id), agency_id, args)


@blp.route("/<uuid:agency_id>/officers", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.response(200, OfficerSchema(many=True))
def list_officers(agency_id):
    """Every appointment, current and past."""
    return officers.list_officers(agency_uow(agency_id), agency_id)


@blp.route("/<uuid:agency_id>/officers/<uuid:officer_id>/remove", methods=["POST"])
@require(*MANAGERS_AND_AGENCIES)
@blp.arguments(OfficerRemoveSchema)
@blp.response(200, OfficerSchema)
def remove_officer(args, agency_id, officer_id):
    """End an appointment."""
    return officers.remove_officer(agency_uow(agency_id), agency_id, officer_id, **args)
