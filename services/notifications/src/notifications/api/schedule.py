"""Routes of the schedule: the applying agencies' upkeep deadlines and the reminders sent for them."""

from __future__ import annotations

import marshmallow as ma
from flask_smorest import Blueprint
from marshmallow import validate

from kit import calendar, routes
from kit.access import AgencyScope
from kit.auth import require
from kit.fields import Integer
from kit.roles import PROVINCE_STAFF, STAFF_AND_AGENCIES
from notifications.services import notices, schedule

blp = Blueprint("notifications-schedule", __name__, url_prefix="/api/v1/notifications",
                description="Upkeep deadlines and the reminders sent")

YEAR = validate.Range(2000, 2100)


class YearQuerySchema(ma.Schema):
    year = Integer(load_default=None, validate=YEAR, metadata={"description": "default: this year in Việt Nam"})


class RecipientSchema(ma.Schema):
    officer_id = ma.fields.UUID()
    full_name = ma.fields.String(allow_none=True)
    email = ma.fields.String(allow_none=True)


class DeadlineSchema(ma.Schema):
    agency_id = ma.fields.UUID()
    agency_name = ma.fields.String()
    year = Integer()
    deadline = ma.fields.Date()
    deadline_at = ma.fields.AwareDateTime()
    done = ma.fields.Boolean(metadata={"description": "internal audit and management review on record"})
    lead_days = ma.fields.List(Integer())
    recipients = ma.fields.List(ma.fields.Nested(RecipientSchema))


class DeliverySchema(ma.Schema):
    id = ma.fields.UUID()
    recipient = ma.fields.String()
    recipient_name = ma.fields.String(allow_none=True)
    status = ma.fields.String(metadata={"description": "PENDING, SENDING, SENT, FAILED or UNCERTAIN"})
    attempts = Integer()
    next_attempt_at = ma.fields.AwareDateTime()
    sent_at = ma.fields.AwareDateTime(allow_none=True)
    last_error = ma.fields.String(allow_none=True)


class NoticeFactsSchema(ma.Schema):
    """What every view of a notice shows: which reminder of which agency's deadline, and when it fell due."""

    id = ma.fields.UUID()
    kind = ma.fields.String()
    agency_id = ma.fields.UUID()
    agency_name = ma.fields.String()
    year = Integer()
    lead_days = Integer()
    deadline = ma.fields.Date()
    due_at = ma.fields.AwareDateTime()


class NoticeSchema(NoticeFactsSchema):
    deliveries = ma.fields.List(ma.fields.Nested(DeliverySchema))


def _year(args) -> int:
    return args["year"] or calendar.today().year


@blp.route("/deadlines", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.arguments(YearQuerySchema, location="query")
@blp.response(200, DeadlineSchema(many=True))
def list_deadlines(args):
    """The applying agencies' upkeep deadlines of a year (an agency officer: their agency's)."""
    caller = routes.principal()
    scope = AgencyScope.of(caller.roles, caller.agency_id)
    return schedule.deadlines(routes.uow(), [_year(args)], scope.agency_id)


@blp.route("/notices", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.arguments(YearQuerySchema, location="query")
@blp.response(200, NoticeSchema(many=True))
def list_notices(args):
    """The reminders of a year and their e-mails' fate (failures and uncertain sends are listed, not hidden)."""
    return notices.of_year(routes.uow(), _year(args))
