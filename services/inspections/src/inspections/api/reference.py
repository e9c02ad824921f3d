"""The criteria library and reference values, as this province uses them (law as data, editable by its admin)."""

from __future__ import annotations

import marshmallow as ma
from flask_smorest import Blueprint
from marshmallow import validate

from inspections.services import reference
from kit.auth import require
from kit.fields import Integer
from kit.roles import PROVINCE_STAFF, STAFF_AND_AGENCIES
from kit.routes import if_match, principal, uow
from kit.validation import refused

blp = Blueprint("reference", __name__, url_prefix="/api/v1/inspections", description="Criteria library and settings")


class CriterionSchema(ma.Schema):
    code = ma.fields.String(dump_only=True)
    ordinal = Integer(dump_only=True)
    title = ma.fields.String(dump_only=True)
    weight = Integer(validate=validate.Range(0, 100))
    legal_basis = ma.fields.String(dump_only=True)
    verification_status = ma.fields.String(dump_only=True)
    active = ma.fields.Boolean()
    province_setting = ma.fields.Boolean(dump_only=True)
    version = Integer(dump_only=True, metadata={"description": "raised on every change the province makes; the "
                                                               "ETag, and the If-Match of the next change"})


class CriterionUpdateSchema(CriterionSchema):
    @ma.validates_schema
    def not_empty(self, data: dict, **_kwargs) -> None:
        if not data:
            raise refused("nothing_to_change", "give weight or active", "_schema")


class CriterionQuerySchema(ma.Schema):
    include_inactive = ma.fields.Boolean(load_default=False)


class SettingSchema(ma.Schema):
    key = ma.fields.String(dump_only=True)
    value = Integer(required=True, allow_none=True, validate=validate.Range(0, 100))
    default = Integer(dump_only=True)
    legal_basis = ma.fields.String(dump_only=True)
    verification_status = ma.fields.String(dump_only=True)
    province_setting = ma.fields.Boolean(dump_only=True)
    version = Integer(dump_only=True, metadata={"description": "raised on every change the province makes; the "
                                                               "ETag, and the If-Match of the next change"})


@blp.route("/criteria", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.arguments(CriterionQuerySchema, location="query")
@blp.response(200, CriterionSchema(many=True))
def list_criteria(args):
    """The checklist criteria library, with legal basis and this province's weights."""
    return reference.criteria(uow(), args["include_inactive"])


@blp.route("/criteria/<string:code>", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.response(200, CriterionSchema)
def get_criterion(code):
    """One criterion as this province uses it (its ETag is the If-Match of the next change)."""
    return reference.criterion(uow(), code)


@blp.route("/criteria/<string:code>", methods=["PATCH"])
@require("province_admin")
@blp.arguments(CriterionUpdateSchema)
@blp.response(200, CriterionSchema)
def set_criterion(args, code):
    """Set this province's weight for a criterion, or stop using it. Send the criterion's ETag in If-Match (428
    without, 412 when it changed since)."""
    expected = if_match()
    return reference.set_criterion(uow(), principal(), code, args, expected=expected)


@blp.route("/settings", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.response(200, SettingSchema(many=True))
def list_settings():
    """Reference values (e.g. the on-site share target) with their basis and this province's value."""
    return reference.settings(uow())


@blp.route("/settings/<string:key>", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.response(200, SettingSchema)
def get_setting(key):
    """One reference value with its basis and this province's value (its ETag is the If-Match of the next PUT)."""
    return reference.setting(uow(), key)


@blp.route("/settings/<string:key>", methods=["PUT"])
@require("province_admin")
@blp.arguments(SettingSchema)
@blp.response(200, SettingSchema)
def set_setting(args, key):
    """Set this province's value (null switches the target off). Send the setting's ETag in If-Match (428
    without, 412 when it changed since)."""
    expected = if_match()
    return reference.set_setting(uow(), principal(), key, args["value"], expected=expected)
