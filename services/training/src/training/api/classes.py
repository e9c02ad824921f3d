"""Routes for classes, their lifecycle, the province's settings and the course types."""

from __future__ import annotations

from flask_smorest import Blueprint

from kit.auth import require
from training import repository, schemas
from training.api.common import MANAGERS, WITH_AGENCIES, uow
from training.services import classes

blp = Blueprint("training", __name__, url_prefix="/api/v1/training", description="Training classes")


@blp.route("/course-types", methods=["GET"])
@require(*WITH_AGENCIES)
@blp.response(200, schemas.CourseTypeSchema(many=True))
def list_course_types():
    """The course types (reference data), with Vietnamese and English names."""
    return classes.list_course_types(uow())


@blp.route("/settings", methods=["GET"])
@require(*WITH_AGENCIES)
@blp.response(200, schemas.SettingsSchema)
def get_settings():
    """The province's training settings: completion share, season, certificate number format."""
    return classes.get_settings(uow())


@blp.route("/settings", methods=["PATCH"])
@require("province_admin")
@blp.arguments(schemas.SettingsSchema)
@blp.response(200, schemas.SettingsSchema)
def update_settings(args):
    """Override the province's training settings (only the fields given)."""
    return classes.update_settings(uow(), args)


@blp.route("/classes", methods=["POST"])
@require(*MANAGERS)
@blp.arguments(schemas.ClassCreateSchema)
@blp.response(201, schemas.ClassSchema)
def schedule_class(args):
    """Plan a class (status DU_KIEN) with its sessions."""
    return classes.schedule_class(uow(), args)


@blp.route("/classes", methods=["GET"])
@require(*WITH_AGENCIES)
@blp.arguments(schemas.ClassQuerySchema, location="query")
@blp.response(200, schemas.page_of(schemas.ClassSchema))
def list_classes(args):
    """List and filter the province's classes, a page at a time."""
    page, page_size = args.pop("page"), args.pop("page_size")
    return classes.list_classes(uow(), repository.ClassFilter(**args), page, page_size)


@blp.route("/classes/<uuid:class_id>", methods=["GET"])
@require(*WITH_AGENCIES)
@blp.response(200, schemas.ClassSchema)
def get_class(class_id):
    """One class with its sessions."""
    return classes.get_class(uow(), class_id)


@blp.route("/classes/<uuid:class_id>", methods=["PATCH"])
@require(*MANAGERS)
@blp.arguments(schemas.ClassUpdateSchema)
@blp.response(200, schemas.ClassSchema)
def update_class(args, class_id):
    """Change a class before it runs; a larger capacity promotes from the waitlist."""
    return classes.update_class(uow(), class_id, args)


@blp.route("/classes/<uuid:class_id>/status", methods=["POST"])
@require(*MANAGERS)
@blp.arguments(schemas.StatusChangeSchema)
@blp.response(200, schemas.ClassSchema)
def change_status(args, class_id):
    """Move a class through its lifecycle (open, close the list, run, finish, settle, cancel)."""
    return classes.change_status(uow(), class_id, args["status"], reason=args["reason"],
                                 cost_actual=args["cost_actual"])


