"""Routes of the platform-wide law-as-data reference and the administrative units, and their schemas, on the
oversight blueprint (`api/oversight.py`). They read and write across provinces (`routes.across_tenants`)."""

from __future__ import annotations

from datetime import date

import marshmallow as ma
from marshmallow import validate

from kit import routes
from kit.auth import require
from kit.fields import Integer
from kit.pagination_schemas import page_fields
from kit.roles import EVERYONE
from registry.api.oversight import blp
from registry.model.reference import OBLIGATIONS, CodeScheme, UnitLevel, UnitType, Verification
from registry.services import reference

UNITS_PAGE_SIZE, MAX_UNITS_PAGE_SIZE = 100, 1000  # 34 provinces fit the first page; 14,000 units do not


def _values(enum) -> list[str]:
    return [member.value for member in enum]


class ObligationRuleSchema(ma.Schema):
    agency_type = ma.fields.String(dump_only=True)
    obligation = ma.fields.String(required=True, validate=validate.OneOf(OBLIGATIONS))
    legal_basis_code = ma.fields.String(required=True, validate=validate.Length(1, 40))
    verification = ma.fields.String(required=True, validate=validate.OneOf(_values(Verification)))
    version = Integer(dump_only=True, metadata={"description": "the version a correction names in If-Match (ETag)"})


class UnitQuerySchema(ma.Schema):
    scheme = ma.fields.String(validate=validate.OneOf(_values(CodeScheme)))
    tenant_id = ma.fields.String(validate=validate.Length(1, 64))
    level = ma.fields.String(validate=validate.OneOf(_values(UnitLevel)))
    parent_code = ma.fields.String(validate=validate.Regexp(r"^\d{2,3}$"))
    as_of = ma.fields.Date()

    class Meta:
        include = page_fields(page_size=UNITS_PAGE_SIZE, max_page_size=MAX_UNITS_PAGE_SIZE)


class UnitSchema(ma.Schema):
    scheme = ma.fields.String(required=True, validate=validate.OneOf(_values(CodeScheme)))
    code = ma.fields.String(required=True, validate=validate.Regexp(r"^\d{2,5}$"))
    level = ma.fields.String(required=True, validate=validate.OneOf(_values(UnitLevel)))
    unit_type = ma.fields.String(required=True, validate=validate.OneOf(_values(UnitType)))
    name = ma.fields.String(required=True, validate=validate.Length(1, 200))
    parent_code = ma.fields.String(allow_none=True, validate=validate.Regexp(r"^\d{2,3}$"))
    valid_from = ma.fields.Date(allow_none=True)
    valid_to = ma.fields.Date(allow_none=True)
    tenant_id = ma.fields.String(allow_none=True, validate=validate.Regexp(r"^[a-z][a-z0-9-]{1,62}$"))
    legal_basis_code = ma.fields.String(required=True, validate=validate.Length(1, 40))


@blp.route("/reference", methods=["GET"])
@require(*EVERYONE)
@blp.response(200)
def reference_data():
    """Legal bases, obligation rules, standard versions, maintenance activity types, default settings and sources.

    `reference_sources`: the packages the administrative units were loaded from, with their versions."""
    return _dump(reference.reference_data(routes.across_tenants()))


@blp.route("/reference/obligation-rules/<agency_type>", methods=["GET"])
@require(*EVERYONE)
@blp.response(200, ObligationRuleSchema)
def obligation_rule(agency_type):
    """The default obligation of one agency type, with its legal basis and the version (ETag) a correction names."""
    return reference.obligation_rule(routes.across_tenants(), agency_type)


@blp.route("/reference/obligation-rules/<agency_type>", methods=["PUT"])
@require("platform_admin")
@blp.arguments(ObligationRuleSchema)
@blp.response(200, ObligationRuleSchema)
def set_obligation_rule(args, agency_type):
    """Correct the default obligation of an agency type, citing its legal basis, made from the version its
    `If-Match` names (428 without one, 412 when it was corrected since)."""
    expected = routes.if_match()
    return reference.set_obligation_rule(routes.across_tenants(), agency_type, **args, expected=expected)


@blp.route("/admin-units", methods=["GET"])
@require(*EVERYONE)
@blp.arguments(UnitQuerySchema, location="query")
@blp.response(200)
def admin_units(args):
    """A page of administrative units, with their 2025 successions.

    QĐ 124/2004 codes until 30/6/2025, QĐ 19/2025 codes from 1/7/2025; filtered by scheme, province, level, parent
    code or the day they are valid on; provinces first, then districts, then communes. `successions` holds those
    from or into the units of the page, and every province's."""
    return _dump(reference.administrative_units(routes.across_tenants(), tenant=args.pop("tenant_id", None), **args))


@blp.route("/admin-units", methods=["POST"])
@require("platform_admin")
@blp.arguments(UnitSchema)
@blp.response(201, UnitSchema)
def add_admin_unit(args):
    """Add a province, a (legacy) district or a commune with its code scheme and validity."""
    return reference.add_administrative_unit(routes.across_tenants(), args)


def _dump(tables: dict) -> dict:
    def row(obj):
        return {c.key: _plain(getattr(obj, c.key)) for c in obj.__table__.columns}

    return {name: [row(obj) for obj in objs] if isinstance(objs, list) else objs for name, objs in tables.items()}


def _plain(value):
    return value.isoformat() if isinstance(value, date) else str(value) if hasattr(value, "hex") else value
