"""Routes of the province's overview (summary, flags) and settings, and their schemas. The blueprint also carries
the law-as-data reference (`api/reference.py`)."""

from __future__ import annotations

from datetime import date

import marshmallow as ma
from flask_smorest import Blueprint
from marshmallow import validate

from kit import borders, calendar, routes
from kit.auth import require
from kit.borders import BordersSchema
from kit.fields import Integer
from kit.roles import PROVINCE_STAFF
from registry.model.oversight import FLAGS
from registry.model.reference import check_setting
from registry.services import oversight, settings

blp = Blueprint("registry-oversight", __name__, url_prefix="/api/v1/registry",
                description="Summary, flags, settings and reference data")


class AsOfSchema(ma.Schema):
    as_of = ma.fields.Date(load_default=None)
    flag = ma.fields.String(validate=validate.OneOf(FLAGS))


class SummaryArgsSchema(BordersSchema):
    as_of = ma.fields.Date(load_default=None)


class AttentionArgsSchema(AsOfSchema):
    limit = Integer(load_default=10, validate=validate.Range(1, 100))
    offset = Integer(load_default=0, validate=validate.Range(0, 100_000))


class FlagsSchema(ma.Schema):
    agency_id = ma.fields.UUID()
    name = ma.fields.String()
    agency_type = ma.fields.String()
    flags = ma.fields.List(ma.fields.String())
    due_on = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Date(allow_none=True), metadata={
        "description": "per flag, the day its duty fell due (null: the flag has none, e.g. scope_incomplete)"})
    overdue_days = ma.fields.Dict(keys=ma.fields.String(), values=Integer(allow_none=True), metadata={
        "description": "per flag, the days from its due day to as_of"})


class FlagListSchema(ma.Schema):
    total = Integer(metadata={"description": "the obliged agencies with this flag"})
    items = ma.fields.List(ma.fields.Nested(FlagsSchema), metadata={
        "description": "the page asked for (offset, limit), the most overdue first"})


class AttentionSchema(ma.Schema):
    as_of = ma.fields.Date()
    total = Integer(metadata={"description": "the obliged agencies with any flag"})
    limit = Integer()
    offset = Integer()
    flags = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Nested(FlagListSchema))


class FiguresSchema(ma.Schema):
    total, obliged, applying, announced, on_2015 = (Integer() for _ in range(5))


class SummarySchema(FiguresSchema):
    as_of = ma.fields.Date()
    by_agency_type = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Nested(FiguresSchema))


class SettingSchema(ma.Schema):
    key = ma.fields.String(dump_only=True)
    value = ma.fields.String(required=True, validate=validate.Length(1, 200))
    version = Integer(dump_only=True, metadata={
        "description": "the version a change names in If-Match (the ETag); 0 until the province sets its own value"})


def _as_of(args) -> date:
    return args.get("as_of") or calendar.today()


@blp.route("/summary", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.arguments(SummaryArgsSchema, location="query")
@blp.response(200, SummarySchema)
def summary(args):
    """Agencies, obliged, applying, announced and on ISO 9001:2015, in total and by type, as of a date.

    The agencies valid on that day (validity ends included), with their quality systems' statuses and standard
    versions as they stood that day; `borders=current`: with the agencies of the provinces merged into this one."""
    return oversight.summary(routes.uow(lineage=borders.current(args)), _as_of(args))


@blp.route("/agencies/flags", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.arguments(AsOfSchema, location="query")
@blp.response(200, FlagsSchema(many=True))
def flags(args):
    """Obliged agencies needing attention: overdue maintenance or re-announcement, 2008 version, no ISO secretary,
    scope short of their procedures; the most overdue first.

    As of a date: the agencies valid that day, with their quality systems' statuses as they stood that day."""
    return oversight.flagged_agencies(routes.uow(), _as_of(args), args.get("flag"))


@blp.route("/agencies/attention", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.arguments(AttentionArgsSchema, location="query")
@blp.response(200, AttentionSchema)
def attention(args):
    """Per flag (`flag`: that one only), how many obliged agencies have it as of a date and a page of them
    (`offset`, `limit`, 10 by default), the most overdue first: what the dashboard's "Cần chú ý" lists."""
    return oversight.attention(routes.uow(), _as_of(args), args["limit"], args["offset"], args.get("flag"))


@blp.route("/settings", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.response(200)
def province_settings():
    """The province's settings (its own values, else the platform defaults)."""
    return settings.province_settings(routes.uow())


@blp.route("/settings/<key>", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.response(200, SettingSchema)
def province_setting(key):
    """One of the province's settings, with the version (ETag) a change of it names."""
    return settings.province_setting(routes.uow(), key)


@blp.route("/settings/<key>", methods=["PUT"])
@require("province_admin")
@blp.arguments(SettingSchema)
@blp.response(200, SettingSchema)
def set_setting(args, key):
    """Set one of the province's settings (e.g. the yearly maintenance deadline), made from the version its
    `If-Match` names (428 without one, 412 when it changed since). A value the setting can never take is refused
    first (422), whatever version it was made from."""
    check_setting(key, args["value"])
    expected = routes.if_match()
    return settings.set_province_setting(routes.uow(), key, args["value"], expected=expected)
