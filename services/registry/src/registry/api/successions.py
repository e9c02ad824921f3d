"""Routes of an agency's successions (a merger, and who succeeded whom) and their schemas, on the records
blueprint (`api/quality_systems.py`)."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from kit import routes
from kit.auth import require
from kit.fields import takes_effect
from kit.roles import PROVINCE_MANAGERS, STAFF_AND_AGENCIES
from registry.api.access import agency_uow
from registry.api.quality_systems import blp
from registry.services import agencies


class MergeSchema(ma.Schema):
    successor_agency_id = ma.fields.UUID(required=True)
    merged_on = ma.fields.Date(required=True, validate=takes_effect)
    decision = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 200))


class SuccessionSchema(ma.Schema):
    predecessor_id = ma.fields.UUID()
    successor_id = ma.fields.UUID()
    kind = ma.fields.String()
    effective_date = ma.fields.Date()
    decision = ma.fields.String()


class SuccessionsSchema(ma.Schema):
    predecessors = ma.fields.List(ma.fields.Nested(SuccessionSchema))
    successors = ma.fields.List(ma.fields.Nested(SuccessionSchema))


@blp.route("/<uuid:agency_id>/merge", methods=["POST"])
@require(*PROVINCE_MANAGERS)
@blp.arguments(MergeSchema)
@blp.response(200, SuccessionsSchema)
def merge_agency(args, agency_id):
    """Record that the agency was merged into another (sáp nhập)."""
    agencies.merge_agency(routes.uow(), agency_id, **args)
    return agencies.successions_of(routes.uow(), agency_id)


@blp.route("/<uuid:agency_id>/successions", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.response(200, SuccessionsSchema)
def successions(agency_id):
    """The agencies this one succeeded and the ones that succeeded it."""
    return agencies.successions_of(agency_uow(agency_id), agency_id)
