"""Routes of the calendar feeds: a signed-in person makes, lists and revokes their secret URLs; a calendar client
(Outlook, Google Calendar) reads a feed with the URL alone.

The feed's route has no bearer token to show: its secret URL is the credential (`kit.auth.public`), and an unknown
or revoked one answers 404."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import marshmallow as ma
from flask import Response, url_for
from flask_smorest import Blueprint

from kit import routes, tenancy
from kit.access import AgencyScope
from kit.auth import public, require
from kit.errors import NotFound
from kit.roles import STAFF_AND_AGENCIES
from notifications.services import calendars

blp = Blueprint("notifications-calendars", __name__, url_prefix="/api/v1/notifications",
                description="Calendar feeds at secret per-person URLs")
FEED = f"{blp.name}.feed"
ICS = "text/calendar; charset=utf-8"


class CalendarSchema(ma.Schema):
    id = ma.fields.UUID()
    agency_id = ma.fields.UUID(allow_none=True, metadata={"description": "None: the whole province's deadlines"})
    created_at = ma.fields.AwareDateTime()
    revoked_at = ma.fields.AwareDateTime(allow_none=True)


class MadeSchema(CalendarSchema):
    url = ma.fields.String(metadata={"description": "the secret URL, shown this once: subscribe to it"})


@blp.route("/calendars", methods=["POST"])
@require(*STAFF_AND_AGENCIES)
@blp.response(201, MadeSchema)
def make_calendar():
    """A new secret calendar URL for the caller: their agency's deadlines (an agency officer) or the province's."""
    caller = routes.principal()
    scope = AgencyScope.of(caller.roles, caller.agency_id)
    made = calendars.make(routes.uow(), caller.subject, scope.agency_id)
    url = url_for(FEED, tenant=caller.tenant, secret=made.secret, _external=True)
    return {**_dump(made.token), "url": url}


@blp.route("/calendars", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.response(200, CalendarSchema(many=True))
def list_calendars():
    """The caller's calendar URLs (never the secrets)."""
    return calendars.list_mine(routes.uow(), routes.principal().subject)


@blp.route("/calendars/<uuid:calendar_id>/revoke", methods=["POST"])
@require(*STAFF_AND_AGENCIES)
@blp.response(200, CalendarSchema)
def revoke_calendar(calendar_id: uuid.UUID):
    """Revoke one of the caller's URLs: from now on it answers 404."""
    return calendars.revoke(routes.uow(), routes.principal().subject, calendar_id)


@blp.route("/calendars/<tenant>/<secret>.ics", methods=["GET"])
@blp.doc(security=[])
@public
def feed(tenant: str, secret: str):
    """The iCalendar feed (RFC 5545) of a secret URL: no bearer token, the URL is the credential."""
    try:
        province = tenancy.tenant_id(tenant)
    except ValueError:
        raise NotFound("calendar_not_found", calendar_id="…") from None
    body = calendars.feed(routes.runtime().uow(province, read_only=True), secret, datetime.now(UTC))
    return Response(body, mimetype="text/calendar", content_type=ICS,
                    headers={"Cache-Control": "private, max-age=300"})


def _dump(token) -> dict:
    return {"id": token.id, "agency_id": token.agency_id, "created_at": token.created_at,
            "revoked_at": token.revoked_at}
