"""Routes for the province's overview (summary, flags), settings and the law-as-data reference."""

from __future__ import annotations

from datetime import date

import marshmallow as ma
from flask_smorest import Blueprint
from marshmallow import validate

from kit.auth import require
from registry import oversight, reference
from registry.api import platform_uow, uow

blp = Blueprint("registry-oversight", __name__, url_prefix="/api/v1/registry",
                description="Summary, flags, settings and reference data")

PROVINCE_STAFF = ("province_admin", "province_officer", "province_leader", "inspector")
EVERYONE = (*PROVINCE_STAFF, "agency_officer", "national_viewer", "platform_admin")


class AsOfSchema(ma.Schema):
    as_of = ma.fields.Date(load_default=None)
    flag = ma.fields.String(validate=validate.OneOf(oversight.FLAGS))


class FlagsSchema(ma.Schema):
    agency_id = ma.fields.UUID()
    name = ma.fields.String()
    agency_type = ma.fields.String()
    flags = ma.fields.List(ma.fields.String())


class FiguresSchema(ma.Schema):
    total, obliged, applying, announced, on_2015 = (ma.fields.Integer() for _ in range(5))


class SummarySchema(FiguresSchema):
    as_of = ma.fields.Date()
    by_agency_type = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Nested(FiguresSchema))


class ObligationRuleSchema(ma.Schema):
    agency_type = ma.fields.String(dump_only=True)
    obligation = ma.fields.String(required=True, validate=validate.OneOf(reference.OBLIGATIONS))
    legal_basis_code = ma.fields.String(required=True, validate=validate.Length(1, 40))
    verification = ma.fields.String(required=True, validate=validate.OneOf(["CONFIRMED", "UNVERIFIED",
                                                                            "NOT_FOUND"]))


class SettingSchema(ma.Schema):
    value = ma.fields.String(required=True, validate=validate.Length(1, 200))


class UnitQuerySchema(ma.Schema):
    scheme = ma.fields.String(validate=validate.OneOf(["QD124_2004", "QD19_2025"]))
    tenant_id = ma.fields.String(validate=validate.Length(1, 64))


def _as_of(args) -> date:
    return args.get("as_of") or date.today()


@blp.route("/summary", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.arguments(AsOfSchema, location="query")
@blp.response(200, SummarySchema)
def summary(args):
    """Agencies, obliged, applying, announced and on ISO 9001:2015, in total and by type, as of a date."""
    return oversight.summary(uow(), _as_of(args))


@blp.route("/agencies/flags", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.arguments(AsOfSchema, location="query")
@blp.response(200, FlagsSchema(many=True))
def flags(args):
    """Agencies needing attention: overdue maintenance or re-announcement, 2008 version, no ISO secretary."""
    return oversight.flagged_agencies(uow(), _as_of(args), args.get("flag"))


@blp.route("/settings", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.response(200)
def settings():
    """The province's settings (its own values, else the platform defaults)."""
    return reference.province_settings(uow())


@blp.route("/settings/<key>", methods=["PUT"])
@require("province_admin")
@blp.arguments(SettingSchema)
@blp.response(200)
def set_setting(args, key):
    """Set one of the province's settings (e.g. the yearly maintenance deadline)."""
    return reference.set_province_setting(uow(), key, args["value"])


@blp.route("/reference", methods=["GET"])
@require(*EVERYONE)
@blp.response(200)
def reference_data():
    """Legal bases, obligation rules, standard versions, maintenance activity types and default settings."""
    return _dump(reference.reference_data(platform_uow()))


@blp.route("/reference/obligation-rules/<agency_type>", methods=["PUT"])
@require("platform_admin")
@blp.arguments(ObligationRuleSchema)
@blp.response(200, ObligationRuleSchema)
def set_obligation_rule(args, agency_type):
    """Correct the default obligation of an agency type, citing its legal basis."""
    return reference.set_obligation_rule(platform_uow(), agency_type, **args)


@blp.route("/admin-units", methods=["GET"])
@require(*EVERYONE)
@blp.arguments(UnitQuerySchema, location="query")
@blp.response(200)
def admin_units(args):
    """Administrative units under QĐ 124/2004 and QĐ 19/2025 codes, and the 2025 successions."""
    return _dump(reference.administrative_units(platform_uow(), scheme=args.get("scheme"),
                                                tenant=args.get("tenant_id")))


class UnitSchema(ma.Schema):
    scheme = ma.fields.String(required=True, validate=validate.OneOf(["QD124_2004", "QD19_2025"]))
    code = ma.fields.String(required=True, validate=validate.Regexp(r"^\d{2,5}$"))
    level = ma.fields.String(required=True, validate=validate.OneOf(["TINH", "HUYEN", "XA"]))
    unit_type = ma.fields.String(required=True, validate=validate.OneOf(
        ["TINH", "THANH_PHO_TW", "XA", "PHUONG", "DAC_KHU", "QUAN", "HUYEN", "THI_XA", "THANH_PHO_THUOC_TINH",
         "THI_TRAN"]))
    name = ma.fields.String(required=True, validate=validate.Length(1, 200))
    parent_code = ma.fields.String(allow_none=True, validate=validate.Regexp(r"^\d{2,3}$"))
    valid_from = ma.fields.Date(allow_none=True)
    valid_to = ma.fields.Date(allow_none=True)
    tenant_id = ma.fields.String(allow_none=True, validate=validate.Regexp(r"^[a-z][a-z0-9-]{1,62}$"))
    legal_basis_code = ma.fields.String(required=True, validate=validate.Length(1, 40))


@blp.route("/admin-units", methods=["POST"])
@require("platform_admin")
@blp.arguments(UnitSchema)
@blp.response(201, UnitSchema)
def add_admin_unit(args):
    """Add a province, a (legacy) district or a commune with its code scheme and validity."""
    return reference.add_administrative_unit(platform_uow(), args)


def _dump(tables: dict) -> dict:
    def row(obj):
        return {c.key: _plain(getattr(obj, c.key)) for c in obj.__table__.columns}

    return {name: [row(obj) for obj in objs] for name, objs in tables.items()}


def _plain(value):
    return value.isoformat() if isinstance(value, date) else str(value) if hasattr(value, "hex") else value
