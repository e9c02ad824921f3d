"""Routes of the province's reminder settings: its upkeep deadline, the lead times and the hour they go out."""

from __future__ import annotations

import marshmallow as ma
from flask_smorest import Blueprint
from marshmallow import validate

from kit import routes
from kit.auth import require
from kit.fields import Integer
from kit.roles import PROVINCE_STAFF
from notifications.model.schedule import MAX_LEAD
from notifications.services import settings

blp = Blueprint("notifications-settings", __name__, url_prefix="/api/v1/notifications",
                description="The province's reminder settings")


class SettingsSchema(ma.Schema):
    deadline_month = Integer(required=True, validate=validate.Range(1, 12))
    deadline_day = Integer(required=True, validate=validate.Range(1, 31))
    lead_days = ma.fields.List(Integer(validate=validate.Range(0, MAX_LEAD)), required=True,
                               validate=validate.Length(1, 10),
                               metadata={"description": "days before the deadline a reminder goes out"})
    send_hour = Integer(required=True, validate=validate.Range(0, 23),
                        metadata={"description": "the hour (Asia/Ho_Chi_Minh) reminders go out"})


class SettingsDumpSchema(SettingsSchema):
    version = Integer(metadata={"description": "0: the defaults, never changed"})


def _dump(rules, version: int) -> dict:
    return {"deadline_month": rules.deadline_month, "deadline_day": rules.deadline_day,
            "lead_days": list(rules.lead_days), "send_hour": rules.send_hour, "version": version}


@blp.route("/settings", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.response(200, SettingsDumpSchema)
def read_settings():
    """The province's upkeep deadline (default 30/11), lead times (30, 7, 1) and hour (08:00)."""
    return _dump(*settings.read(routes.uow()))


@blp.route("/settings", methods=["PUT"])
@require("province_admin")
@blp.arguments(SettingsSchema)
@blp.response(200, SettingsDumpSchema)
def change_settings(fields):
    """Replace the province's settings (If-Match: the version read; "0" for the defaults)."""
    expected = routes.if_match()
    return _dump(*settings.change(routes.uow(), fields, expected))
