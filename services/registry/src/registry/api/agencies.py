"""Routes of the province's register of agencies, and their schemas. Unknown fields are rejected (marshmallow
RAISE). The blueprint also carries the provinces' routes (`api/tenants.py`)."""

from __future__ import annotations

import marshmallow as ma
from flask_smorest import Blueprint
from marshmallow import validate

from contracts.registry import AdminLevel, AgencyStatus, AgencyType, Obligation
from kit import routes
from kit.auth import require
from kit.fields import Integer, takes_effect
from kit.http import Choice
from kit.pagination_schemas import page_fields, page_of
from kit.roles import PROVINCE_MANAGERS, STAFF_AND_AGENCIES
from kit.validation import refused
from registry.api.access import own_agency_only
from registry.documents.agency_rows import AgencyCreateSchema, AgencyFields
from registry.model.agencies import ORDERS, AgencyFilter
from registry.services import agencies

blp = Blueprint("registry", __name__, url_prefix="/api/v1/registry", description="Provinces and agencies")

MAX_PAGE_SIZE = 100


class AgencyUpdateSchema(AgencyFields):
    @ma.validates_schema
    def not_empty(self, data: dict, **_kwargs) -> None:
        if not data:
            raise refused("nothing_to_change", "give at least one field to change", "_schema")


class AgencySchema(AgencyCreateSchema):
    id = ma.fields.UUID(dump_only=True)
    tenant_id = ma.fields.String(dump_only=True)
    version = Integer(dump_only=True)
    status = Choice(AgencyStatus, dump_only=True)
    valid_to = ma.fields.Date(dump_only=True, allow_none=True)
    dissolution_decision = ma.fields.String(dump_only=True, allow_none=True)
    obligation = Choice(Obligation, dump_only=True)
    created_at = ma.fields.DateTime(dump_only=True)
    updated_at = ma.fields.DateTime(dump_only=True)


class DissolveSchema(ma.Schema):
    dissolved_on = ma.fields.Date(required=True, validate=takes_effect)
    decision = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 200))


TENANT_SLUG = validate.Regexp(r"^[a-z][a-z0-9-]{1,62}$", error="use a lower-case ASCII slug such as 'an-giang'")


class AgencyQuerySchema(ma.Schema):
    agency_type = Choice(AgencyType)
    status = Choice(AgencyStatus)
    admin_level = Choice(AdminLevel)
    parent_agency_id = ma.fields.UUID()
    q = ma.fields.String(validate=validate.Length(1, 100))
    order = ma.fields.String(load_default="name", validate=validate.OneOf(ORDERS), metadata={
        "description": "`name` (the default; accents and case ignored), or `type` or `level` in the order the "
                       "register declares them, then name"})
    lineage = ma.fields.Boolean(load_default=False, metadata={
        "description": "also the agencies of the provinces this one succeeded (their records, read only)"})
    province = ma.fields.String(validate=TENANT_SLUG, metadata={
        "description": "with lineage=true, one province of the lineage only (e.g. the archive of one merged into "
                       "this one); a province outside it lists nothing"})

    class Meta:
        include = page_fields(max_page_size=MAX_PAGE_SIZE)


AgencyPageSchema = page_of(AgencySchema, "AgencyPageSchema")


class HistoryEntrySchema(ma.Schema):
    version = Integer()
    event_type = ma.fields.String()
    occurred_at = ma.fields.DateTime()
    data = ma.fields.Dict()


@blp.route("/agencies", methods=["POST"])
@require(*PROVINCE_MANAGERS)
@blp.arguments(AgencyCreateSchema)
@blp.response(201, AgencySchema)
def register_agency(args):
    """Enter an agency in the province's register."""
    return agencies.register_agency(routes.uow(), args)


@blp.route("/agencies", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.arguments(AgencyQuerySchema, location="query")
@blp.response(200, AgencyPageSchema)
def list_agencies(args):
    """List and filter the province's agencies, a page at a time; `lineage=true`: with those of the provinces it
    succeeded (each with its `tenant_id`)."""
    page, page_size, lineage = args.pop("page"), args.pop("page_size"), args.pop("lineage")
    where = AgencyFilter(**args, only_agency_id=own_agency_only())
    return agencies.list_agencies(routes.uow(lineage=lineage), where, page, page_size)


@blp.route("/agencies/<uuid:agency_id>", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.response(200, AgencySchema)
def get_agency(agency_id):
    """One agency of the province, or of a province it succeeded (read only)."""
    own_agency_only(agency_id)
    return agencies.get_agency(routes.uow(lineage=True), agency_id)


@blp.route("/agencies/<uuid:agency_id>", methods=["PATCH"])
@require(*PROVINCE_MANAGERS)
@blp.arguments(AgencyUpdateSchema)
@blp.response(200, AgencySchema)
def update_agency(args, agency_id):
    """Change an agency's register entry (only the fields given), made from the version its `If-Match` names (428
    without one, 412 when the entry changed since)."""
    expected = routes.if_match()
    return agencies.update_agency(routes.uow(), agency_id, args, expected=expected)


@blp.route("/agencies/<uuid:agency_id>/dissolve", methods=["POST"])
@require(*PROVINCE_MANAGERS)
@blp.arguments(DissolveSchema)
@blp.response(200, AgencySchema)
def dissolve_agency(args, agency_id):
    """Record that an agency was dissolved; its history stays."""
    return agencies.dissolve_agency(routes.uow(), agency_id, **args)


@blp.route("/agencies/<uuid:agency_id>/history", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.response(200, HistoryEntrySchema(many=True))
def agency_history(agency_id):
    """The agency's timeline, oldest first (an agency of a province this one succeeded too: its history before
    the merger, read only)."""
    own_agency_only(agency_id)
    return agencies.agency_history(routes.uow(lineage=True), agency_id)
