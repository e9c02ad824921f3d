"""Routes of the cost norms of TT 116/2015: everyone signed in reads them; the platform admin edits them."""

from __future__ import annotations

from datetime import date

from flask import g
from flask_smorest import Blueprint

from budget import caps, norms, schemas
from kit import routes
from kit.auth import require

blp = Blueprint("budget-norms", __name__, url_prefix="/api/v1/budget", description="Cost norms (law as data)")

ALL = ("platform_admin", "national_viewer", "province_admin", "province_officer", "province_leader",
       "inspector", "agency_officer")


# Cost norms are platform-wide reference data, bound to no province (the escape hatch).
reference_uow = routes.across_tenants


@blp.route("/cost-norms", methods=["GET"])
@require(*ALL)
@blp.arguments(schemas.NormQuerySchema, location="query")
@blp.response(200, schemas.NormSchema(many=True))
def list_norms(args):
    """Every version of every cost norm, or those in force on `on`."""
    return norms.list_norms(reference_uow(), args.get("on"))


@blp.route("/cost-norms", methods=["POST"])
@require("platform_admin")
@blp.arguments(schemas.NormCreateSchema)
@blp.response(201, schemas.NormSchema)
def create_norm(args):
    """Add a cost norm with its legal basis."""
    return norms.create_norm(reference_uow(), args, by=g.principal.subject)


@blp.route("/cost-norms/<code>/versions", methods=["POST"])
@require("platform_admin")
@blp.arguments(schemas.NormVersionSchema)
@blp.response(201, schemas.NormSchema)
def add_version(args, code):
    """Record a new version of a norm (e.g. fill a value that was not found)."""
    return norms.add_version(reference_uow(), code, args, by=g.principal.subject)


@blp.route("/cost-norms/cap", methods=["GET"])
@require(*ALL)
@blp.arguments(schemas.CapQuerySchema, location="query")
@blp.response(200, schemas.CapSchema)
def cap(args):
    """The cap for a category and agency level, with how it was computed."""
    key = caps.CapKey(caps.item_of(args["category"], args["extension"]), args["agency_level"],
                      args["has_framework_model"], date(args["fiscal_year"], 1, 1))
    return norms.compute_cap(reference_uow(), key, args["months"])


@blp.route("/reference", methods=["GET"])
@require(*ALL)
@blp.response(200, schemas.ReferenceSchema)
def reference():
    """Legal bases and the cap level of each agency type."""
    return norms.reference(reference_uow())
