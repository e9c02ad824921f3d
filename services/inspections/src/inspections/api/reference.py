"""The criteria library and reference values, as this province uses them (law as data, editable by its admin)."""

from __future__ import annotations

from flask_smorest import Blueprint

from inspections import schemas
from inspections.api.common import PREFIX, READERS, actor, uow
from inspections.services import reference
from kit.auth import require

blp = Blueprint("reference", __name__, url_prefix=PREFIX, description="Criteria library and settings")
PROVINCE = ("province_admin", "province_officer", "province_leader", "inspector")


@blp.route("/criteria", methods=["GET"])
@require(*READERS)
@blp.arguments(schemas.CriterionQuerySchema, location="query")
@blp.response(200, schemas.CriterionSchema(many=True))
def list_criteria(args):
    """The checklist criteria library, with legal basis and this province's weights."""
    return reference.criteria(uow(), args["include_inactive"])


@blp.route("/criteria/<string:code>", methods=["PATCH"])
@require("province_admin")
@blp.arguments(schemas.CriterionUpdateSchema)
@blp.response(200, schemas.CriterionSchema)
def set_criterion(args, code):
    """Set this province's weight for a criterion, or stop using it."""
    return reference.set_criterion(uow(), actor(), code, args)


@blp.route("/settings", methods=["GET"])
@require(*PROVINCE)
@blp.response(200, schemas.SettingSchema(many=True))
def list_settings():
    """Reference values (e.g. the on-site share target) with their basis and this province's value."""
    return reference.settings(uow())


@blp.route("/settings/<string:key>", methods=["PUT"])
@require("province_admin")
@blp.arguments(schemas.SettingSchema)
@blp.response(200, schemas.SettingSchema)
def set_setting(args, key):
    """Set this province's value (null switches the target off)."""
    return reference.set_setting(uow(), actor(), key, args["value"])
