"""Routes for classes, their lifecycle, the province's settings and the course types."""

from __future__ import annotations

import marshmallow as ma
from flask_smorest import Blueprint
from marshmallow import validate

from kit.auth import require
from kit.fields import Integer
from kit.http import Choice
from kit.pagination_schemas import page_args, page_of
from kit.roles import PROVINCE_MANAGERS, STAFF_AND_AGENCIES
from kit.routes import if_match, uow
from kit.validation import refused
from training.model import ClassStatus
from training.services import classes, settings

MAX_PAGE_SIZE = 100
CODE = validate.Regexp(r"^[A-Z][A-Z0-9_]{1,63}$", error="a course type code such as 'NHAN_THUC_CHUNG'")
VND = validate.Range(0, 10**13)
VERSION_DOC = {"description": "raised by every change; the ETag a PATCH sends back in If-Match"}

PageQuery = page_args("PageQuery", max_page_size=MAX_PAGE_SIZE)


class CourseTypeSchema(ma.Schema):
    code = ma.fields.String()
    name_vi = ma.fields.String()
    name_en = ma.fields.String()
    qualifies_roles = ma.fields.List(ma.fields.String())


class SettingsSchema(ma.Schema):
    completion_percent = Integer(validate=validate.Range(1, 100))
    season_start_month = Integer(validate=validate.Range(1, 12))
    season_end_month = Integer(validate=validate.Range(1, 12))
    certificate_format = ma.fields.String(validate=validate.Regexp(
        r"^[^{}]*\{seq(:0\dd)?\}[^{}]*\{year\}[^{}]*$|^[^{}]*\{year\}[^{}]*\{seq(:0\dd)?\}[^{}]*$",
        error="use {seq} (or {seq:04d}) and {year} once each, e.g. '{seq:04d}/{year}/GCN-ISO'"))
    overridden = ma.fields.Boolean(dump_only=True)
    version = Integer(dump_only=True, metadata={
        "description": "raised by every change (0: the platform's defaults); the ETag a PATCH sends back"})


class SessionSchema(ma.Schema):
    id = ma.fields.UUID(dump_only=True)
    version = Integer(dump_only=True, metadata={"description": "the version of the session's attendance list"})
    starts_at = ma.fields.AwareDateTime(required=True, default_timezone=None)
    ends_at = ma.fields.AwareDateTime(required=True, default_timezone=None)
    topic = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 300))


class ClassFields(ma.Schema):
    title = ma.fields.String(validate=validate.Length(1, 300))
    audience = ma.fields.List(ma.fields.String(validate=validate.Length(1, 100)), validate=validate.Length(0, 20))
    venue = ma.fields.String(validate=validate.Length(1, 300))
    capacity = Integer(validate=validate.Range(1, 2000))
    provider = ma.fields.String(validate=validate.Length(1, 300))
    trainers = ma.fields.List(ma.fields.String(validate=validate.Length(1, 200)), validate=validate.Length(0, 20))
    cost_estimate = Integer(strict=True, validate=VND, metadata={"description": "VND"})


class ClassCreateSchema(ClassFields):
    title = ma.fields.String(required=True, validate=validate.Length(1, 300))
    course_type = ma.fields.String(required=True, validate=CODE)
    year = Integer(validate=validate.Range(2000, 2100))
    venue = ma.fields.String(required=True, validate=validate.Length(1, 300))
    capacity = Integer(required=True, validate=validate.Range(1, 2000))
    provider = ma.fields.String(required=True, validate=validate.Length(1, 300))
    sessions = ma.fields.List(ma.fields.Nested(SessionSchema), required=True, validate=validate.Length(1, 60))


class ClassUpdateSchema(ClassFields):
    @ma.validates_schema
    def not_empty(self, data: dict, **_kwargs) -> None:
        if not data:
            raise refused("nothing_to_change", "give at least one field to change", "_schema")


class ClassSchema(ClassCreateSchema):
    id = ma.fields.UUID(dump_only=True)
    version = Integer(dump_only=True, metadata=VERSION_DOC)
    status = Choice(ClassStatus, dump_only=True)
    status_reason = ma.fields.String(dump_only=True, allow_none=True)
    cost_actual = Integer(dump_only=True, allow_none=True)
    on_site_agency_id = ma.fields.UUID(dump_only=True, allow_none=True)
    in_season = ma.fields.Boolean(dump_only=True)
    confirmed = Integer(dump_only=True)
    created_at = ma.fields.DateTime(dump_only=True)


ClassSchemaPage = page_of(ClassSchema, "ClassSchemaPage")


class StatusChangeSchema(ma.Schema):
    status = Choice(ClassStatus, required=True)
    reason = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 1000))
    cost_actual = Integer(load_default=None, allow_none=True, strict=True, validate=VND)


class ClassQuerySchema(PageQuery):
    year = Integer(validate=validate.Range(2000, 2100))
    course_type = ma.fields.String(validate=CODE)
    status = Choice(ClassStatus)


blp = Blueprint("training", __name__, url_prefix="/api/v1/training", description="Training classes")


@blp.route("/course-types", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.response(200, CourseTypeSchema(many=True))
def list_course_types():
    """The course types (reference data), with Vietnamese and English names."""
    return classes.list_course_types(uow())


@blp.route("/settings", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.response(200, SettingsSchema)
def get_settings():
    """The province's training settings: completion share, season, certificate number format."""
    return settings.get_settings(uow())


@blp.route("/settings", methods=["PATCH"])
@require("province_admin")
@blp.arguments(SettingsSchema)
@blp.response(200, SettingsSchema)
def update_settings(args):
    """Override the province's training settings (only the fields given), made from the version `If-Match`
    names (428 without, 412 if stale)."""
    return settings.update_settings(uow(), args, expected=if_match())


@blp.route("/classes", methods=["POST"])
@require(*PROVINCE_MANAGERS)
@blp.arguments(ClassCreateSchema)
@blp.response(201, ClassSchema)
def schedule_class(args):
    """Plan a class (status DU_KIEN) with its sessions."""
    return classes.schedule_class(uow(), args)


@blp.route("/classes", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.arguments(ClassQuerySchema, location="query")
@blp.response(200, ClassSchemaPage)
def list_classes(args):
    """List and filter the province's classes, a page at a time."""
    return classes.list_classes(uow(), **args)


@blp.route("/classes/<uuid:class_id>", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.response(200, ClassSchema)
def get_class(class_id):
    """One class with its sessions."""
    return classes.get_class(uow(), class_id)


@blp.route("/classes/<uuid:class_id>", methods=["PATCH"])
@require(*PROVINCE_MANAGERS)
@blp.arguments(ClassUpdateSchema)
@blp.response(200, ClassSchema)
def update_class(args, class_id):
    """Change a class before it runs, made from the version `If-Match` names (428 without, 412 if stale); a
    larger capacity promotes from the waitlist."""
    return classes.update_class(uow(), class_id, args, expected=if_match())


@blp.route("/classes/<uuid:class_id>/status", methods=["POST"])
@require(*PROVINCE_MANAGERS)
@blp.arguments(StatusChangeSchema)
@blp.response(200, ClassSchema)
def change_status(args, class_id):
    """Move a class through its lifecycle (open, close the list, run, finish, settle, cancel)."""
    return classes.change_status(uow(), class_id, args["status"], reason=args["reason"],
                                 cost_actual=args["cost_actual"])
