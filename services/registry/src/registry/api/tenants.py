"""Routes of the provinces on the platform (tenants), on the registry's main blueprint (`api/agencies.py`)."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from kit import routes
from kit.auth import require
from kit.roles import NATIONAL, STAFF_AND_AGENCIES
from kit.tenancy import tenant_id
from registry.api.agencies import TENANT_SLUG, blp
from registry.services import tenants


class TenantSchema(ma.Schema):
    id = ma.fields.String(required=True, validate=TENANT_SLUG)
    name = ma.fields.String(required=True, validate=validate.Length(1, 200))
    official_code = ma.fields.String(load_default=None, allow_none=True, validate=validate.Regexp(r"^\d{2}$"))
    historical = ma.fields.Boolean(load_default=False, load_only=True, metadata={
        "description": "a province merged away on 1/7/2025 whose records end then: its retired code is accepted"})
    created_at = ma.fields.DateTime(dump_only=True)


@blp.route("/tenants", methods=["POST"])
@require("platform_admin")
@blp.arguments(TenantSchema)
@blp.response(201, TenantSchema)
def create_tenant(args):
    """Register a province as a tenant."""
    return tenants.create_tenant(routes.uow(tenant_id(args.pop("id"))), **args)


@blp.route("/tenants", methods=["GET"])
@require(*NATIONAL)
@blp.response(200, TenantSchema(many=True))
def list_tenants():
    """List the provinces on the platform."""
    return tenants.list_tenants(routes.across_tenants())


class PredecessorSchema(ma.Schema):
    id = ma.fields.String()
    name = ma.fields.String()
    effective_date = ma.fields.Date()


class CurrentTenantSchema(TenantSchema):
    merged_into = ma.fields.String(allow_none=True, metadata={
        "description": "the province this one merged into, when in force today (its records are read only)"})
    successor_name = ma.fields.String(allow_none=True)
    effective_date = ma.fields.Date(allow_none=True, metadata={"description": "the first day of the merger"})
    predecessors = ma.fields.List(ma.fields.Nested(PredecessorSchema), metadata={
        "description": "the provinces merged into this one, whose records its users read (kit.lineage)"})


@blp.route("/tenants/current", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.response(200, CurrentTenantSchema)
def current_tenant():
    """The caller's province, with its lineage today: the province it merged into, or the ones merged into it."""
    return tenants.current_tenant(routes.uow(), routes.principal().tenant)
