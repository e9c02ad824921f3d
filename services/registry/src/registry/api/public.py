"""Routes of the public list (công khai, issue 25): today's provinces, and per province the agencies whose quality
system is announced and in force on a day, as JSON and as CSV. No login: the routes are `kit.auth.public` and
the gateway's PUBLIC_GETS lets exactly these paths through (still limited per address).

Only the published fields leave (model.public_list): no id of an agency or a person, no internal record. Every
answer may be cached by anyone for MAX_AGE seconds and carries an ETag (304 on `If-None-Match`)."""

from __future__ import annotations

import hashlib
import json

import marshmallow as ma
from flask import Response, request
from flask_smorest import Blueprint
from marshmallow import validate

from kit import calendar, routes, tenancy
from kit.auth import public
from kit.fields import Integer
from kit.pagination_schemas import page_fields
from registry.api.quality_systems import happened
from registry.documents.public_list import announced_csv
from registry.services import public_list
from registry.services.public_list import ListQuery

blp = Blueprint("registry-public", __name__, url_prefix="/api/v1/registry/public",
                description="The public list of announced agencies (công khai): no login")

MAX_AGE = 300  # the list changes when an announcement is recorded: a few minutes late is no harm to the public
ANNOUNCED = "/<province>/announced"
NOT_MODIFIED = {"description": "unchanged since the ETag sent in If-None-Match"}
UNKNOWN = {"description": "not a province of today (unknown, or merged into another)"}


class ProvinceSchema(ma.Schema):
    id = ma.fields.String(metadata={"description": "the slug the list's path takes (or the official code)"})
    name = ma.fields.String()
    official_code = ma.fields.String(allow_none=True)


class AnnouncedAgencySchema(ma.Schema):
    name = ma.fields.String()
    agency_type = ma.fields.String()
    admin_level = ma.fields.String(allow_none=True)
    announced_on = ma.fields.Date(allow_none=True, metadata={"description": "the decision's date"})
    announcement_kind = ma.fields.String(allow_none=True, metadata={"description": "LAN_DAU or CONG_BO_LAI"})
    standard_version = ma.fields.String(metadata={"description": "e.g. TCVN ISO 9001:2015"})
    scope_description = ma.fields.String(allow_none=True)
    scope_tthc_count = Integer(allow_none=True)


class AnnouncedListSchema(ma.Schema):
    province = ma.fields.Nested(ProvinceSchema)
    ngay = ma.fields.Date(attribute="on", metadata={"description": "the day the list is of"})
    total = Integer()
    page = Integer()
    page_size = Integer()
    items = ma.fields.List(ma.fields.Nested(AnnouncedAgencySchema))


class ListArgsSchema(ma.Schema):
    q = ma.fields.String(validate=validate.Length(1, 100), metadata={
        "description": "part of the name, accents and case ignored ('so tu phap' finds 'Sở Tư pháp')"})
    ngay = ma.fields.Date(load_default=None, validate=happened, metadata={
        "description": "the day (default: today in Việt Nam)"})


class PageArgsSchema(ListArgsSchema):
    class Meta:
        include = page_fields(page_size=50, max_page_size=200)


@blp.route("/provinces", methods=["GET"])
@blp.response(200, ProvinceSchema(many=True))
@blp.doc(security=[], responses={"304": NOT_MODIFIED})
@public
def provinces():
    """Today's provinces on the platform, whose lists are public."""
    found = public_list.provinces_today(routes.across_tenants())
    return _cached(_json(ProvinceSchema(many=True).dump(found)), "application/json")


@blp.route(ANNOUNCED, methods=["GET"])
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, AnnouncedListSchema)
@blp.doc(security=[], responses={"304": NOT_MODIFIED, "404": UNKNOWN})
@public
def announced(args, province: str):
    """The province's agencies with an announced quality system in force on `ngay`, by name, a page at a time."""
    found = _list(ListQuery(province, args["ngay"] or calendar.today(), args.get("q"), args["page"],
                            args["page_size"]))
    return _cached(_json(AnnouncedListSchema().dump(found)), "application/json")


@blp.route(f"{ANNOUNCED}.csv", methods=["GET"])
@blp.arguments(ListArgsSchema, location="query")
@blp.doc(security=[], responses={
    "200": {"description": "every row of the list, UTF-8 with BOM", "content": {"text/csv": {"schema": {
        "type": "string"}}}}, "304": NOT_MODIFIED, "404": UNKNOWN})
@public
def announced_as_csv(args, province: str):
    """The same list, every row, as CSV (UTF-8 with BOM, for Excel)."""
    found = _list(ListQuery(province, args["ngay"] or calendar.today(), args.get("q"), page=None))
    name = f"cong-khai-{found.province.id}-{found.on:%Y-%m-%d}.csv"
    return _cached(announced_csv(found.items), "text/csv; charset=utf-8",
                   {"Content-Disposition": f'attachment; filename="{name}"'})


def _list(query: ListQuery):
    def reader(tenant: str):
        return routes.runtime().uow(tenancy.tenant_id(tenant), trace=routes.trace(), lineage=True, read_only=True)

    return public_list.announced(routes.across_tenants(), reader, query)


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _cached(body: bytes, content_type: str, headers: dict[str, str] | None = None) -> Response:
    """The answer with its ETag (the body's digest) and `Cache-Control: public`; 304 when the client has it."""
    etag = hashlib.sha256(body).hexdigest()[:32]
    response = Response(status=304) if request.if_none_match.contains_weak(etag) else Response(
        body, content_type=content_type, headers=headers)
    response.set_etag(etag)
    response.headers["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response
