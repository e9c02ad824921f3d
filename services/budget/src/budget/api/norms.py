"""Routes of the cost norms of TT 116/2015, with their schemas: everyone signed in reads them; the platform
admin edits them. The norms are platform-wide reference data, bound to no province: these routes use the
escape hatch, `routes.across_tenants()`."""

from __future__ import annotations

import marshmallow as ma
from flask_smorest import Blueprint
from marshmallow import validate

from budget.api.fields import YEAR, Money, vnd_texts
from budget.model.caps import CapKey
from budget.model.money import format_vnd
from budget.model.norms import Level, Unit, Verification
from budget.services import norms
from contracts.budget import Category
from kit import routes
from kit.auth import require
from kit.fields import Integer
from kit.http import Choice
from kit.roles import EVERYONE
from kit.validation import refused

blp = Blueprint("budget-norms", __name__, url_prefix="/api/v1/budget", description="Cost norms (law as data)")

VERIFICATIONS = [str(v) for v in Verification]


class NormFields(ma.Schema):
    legal_basis_code = ma.fields.String(validate=validate.Length(1, 40))
    item = ma.fields.String(allow_none=True, validate=validate.Length(1, 60))
    agency_level = Choice(Level, allow_none=True)
    has_framework_model = ma.fields.Boolean(allow_none=True)
    unit = Choice(Unit)
    value = Money(allow_none=True)
    min_value = Money(allow_none=True)
    max_value = Money(allow_none=True)
    percent = Integer(allow_none=True, strict=True, validate=validate.Range(1, 100))
    reference_item = ma.fields.String(allow_none=True, validate=validate.Length(1, 60))
    reference_level = Choice(Level, allow_none=True)
    effective_from = ma.fields.Date()
    effective_to = ma.fields.Date(allow_none=True)
    verification = ma.fields.String(validate=validate.OneOf(VERIFICATIONS))
    note = ma.fields.String(allow_none=True, validate=validate.Length(1, 500))


class NormCreateSchema(NormFields):
    code = ma.fields.String(required=True, validate=validate.Regexp(r"^[A-Z0-9][A-Z0-9_-]{1,59}$"))
    legal_basis_code = ma.fields.String(required=True, validate=validate.Length(1, 40))
    unit = Choice(Unit, required=True)
    effective_from = ma.fields.Date(required=True)
    verification = ma.fields.String(required=True, validate=validate.OneOf(VERIFICATIONS))


class NormVersionSchema(NormFields):
    @ma.validates_schema
    def not_empty(self, data: dict, **_kwargs) -> None:
        if not data:
            raise refused("nothing_to_change", "give at least one field to change", "_schema")


class NormSchema(NormFields):
    id = ma.fields.UUID()
    code = ma.fields.String()
    version = Integer()
    recorded_by = ma.fields.String(allow_none=True)
    recorded_at = ma.fields.DateTime()
    vnd = vnd_texts("value", "min_value", "max_value")


class NormQuerySchema(ma.Schema):
    on = ma.fields.Date()


class CapQuerySchema(ma.Schema):
    category = Choice(Category, required=True)
    agency_level = Choice(Level, load_default=None)
    extension = ma.fields.Boolean(load_default=False)
    has_framework_model = ma.fields.Boolean(load_default=False)
    fiscal_year = Integer(required=True, validate=YEAR)
    months = Integer(load_default=None, validate=validate.Range(1, 120))


class CapSchema(ma.Schema):
    amount = Integer(allow_none=True)
    amount_vnd = ma.fields.Function(lambda cap: format_vnd(cap.amount))
    norm_id = ma.fields.UUID(allow_none=True)
    trail = ma.fields.List(ma.fields.String())
    reason = ma.fields.String(allow_none=True, metadata={"description": "why there is no cap in the data"})


class LegalBasisSchema(ma.Schema):
    code = ma.fields.String()
    document = ma.fields.String()
    article = ma.fields.String(allow_none=True)
    clause = ma.fields.String(allow_none=True)
    summary = ma.fields.String()
    verification = ma.fields.String()


class LevelRuleSchema(ma.Schema):
    agency_type = ma.fields.String()
    agency_level = ma.fields.String()
    legal_basis_code = ma.fields.String()
    verification = ma.fields.String()


class ReferenceSchema(ma.Schema):
    legal_bases = ma.fields.List(ma.fields.Nested(LegalBasisSchema))
    agency_level_rules = ma.fields.List(ma.fields.Nested(LevelRuleSchema))


@blp.route("/cost-norms", methods=["GET"])
@require(*EVERYONE)
@blp.arguments(NormQuerySchema, location="query")
@blp.response(200, NormSchema(many=True))
def list_norms(args):
    """Every version of every cost norm, or those in force on `on`."""
    return norms.list_norms(routes.across_tenants(), args.get("on"))


@blp.route("/cost-norms", methods=["POST"])
@require("platform_admin")
@blp.arguments(NormCreateSchema)
@blp.response(201, NormSchema)
def create_norm(args):
    """Add a cost norm with its legal basis."""
    return norms.create_norm(routes.across_tenants(), args, by=routes.principal().subject)


@blp.route("/cost-norms/<code>/versions", methods=["POST"])
@require("platform_admin")
@blp.arguments(NormVersionSchema)
@blp.response(201, NormSchema)
def add_version(args, code):
    """Record a new version of a norm (e.g. fill a value that was not found)."""
    return norms.add_version(routes.across_tenants(), code, args, by=routes.principal().subject)


@blp.route("/cost-norms/cap", methods=["GET"])
@require(*EVERYONE)
@blp.arguments(CapQuerySchema, location="query")
@blp.response(200, CapSchema)
def cap(args):
    """The cap for a category and agency level, with how it was computed."""
    key = CapKey.of_line(args["category"], args["extension"], args["agency_level"], args["has_framework_model"],
                         args["fiscal_year"])
    return norms.compute_cap(routes.across_tenants(), key, args["months"])


@blp.route("/reference", methods=["GET"])
@require(*EVERYONE)
@blp.response(200, ReferenceSchema)
def reference():
    """Legal bases and the cap level of each agency type."""
    return norms.reference(routes.across_tenants())
