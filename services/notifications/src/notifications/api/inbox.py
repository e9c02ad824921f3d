"""Routes of a person's notices in the app (the web UI's bell): the list with its filters, the unread count, and
marking read. The province's staff read every agency's notices, an agency officer their agency's; each person's
read state is their own."""

from __future__ import annotations

import uuid

import marshmallow as ma
from flask_smorest import Blueprint
from marshmallow import validate

from kit import routes
from kit.access import AgencyScope
from kit.auth import require
from kit.fields import Integer
from kit.http import Choice
from kit.pagination_schemas import page_args, page_of
from kit.roles import STAFF_AND_AGENCIES
from notifications.api.schedule import NoticeFactsSchema
from notifications.model.inbox import NoticeKind
from notifications.services import inbox

blp = Blueprint("notifications-inbox", __name__, url_prefix="/api/v1/notifications",
                description="A person's notices in the app, read and unread")


class InboxQuerySchema(page_args()):
    unread = ma.fields.Boolean(load_default=False,
                               metadata={"description": "only the notices the caller has not read"})
    kind = Choice(NoticeKind, load_default=None)
    year = Integer(load_default=None, validate=validate.Range(2000, 2100))


class InboxItemSchema(NoticeFactsSchema):
    read = ma.fields.Boolean()
    read_at = ma.fields.AwareDateTime(allow_none=True)
    text = ma.fields.String(metadata={"description": "what the notice says, in Vietnamese"})
    text_en = ma.fields.String(metadata={"description": "the same in English"})
    link = ma.fields.String(metadata={"description": "the web UI's page of the record the notice is about"})


class UnreadSchema(ma.Schema):
    unread = Integer()


class MarkedSchema(ma.Schema):
    marked = Integer(metadata={"description": "how many notices were unread and are now read"})


InboxPageSchema = page_of(InboxItemSchema, "InboxPage")


def _reader() -> inbox.Reader:
    caller = routes.principal()
    return inbox.Reader(caller.subject, AgencyScope.of(caller.roles, caller.agency_id).agency_id)


@blp.route("/inbox", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.arguments(InboxQuerySchema, location="query")
@blp.response(200, InboxPageSchema)
def list_inbox(args):
    """The caller's notices, newest first (an agency officer: their agency's), each with whether they read it."""
    page, page_size = args.pop("page"), args.pop("page_size")
    return inbox.list_notices(routes.uow(), _reader(), page, page_size, **args)


@blp.route("/inbox/unread-count", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.response(200, UnreadSchema)
def unread_count():
    """How many of the caller's notices they have not read (the bell's number)."""
    return {"unread": inbox.unread(routes.uow(), _reader())}


@blp.route("/inbox/<uuid:notice_id>/read", methods=["POST"])
@require(*STAFF_AND_AGENCIES)
@blp.response(200, InboxItemSchema)
def read_notice(notice_id: uuid.UUID):
    """Mark one notice read for the caller (again: it keeps the first time)."""
    return inbox.read(routes.uow(), _reader(), notice_id)


@blp.route("/inbox/read-all", methods=["POST"])
@require(*STAFF_AND_AGENCIES)
@blp.response(200, MarkedSchema)
def read_all():
    """Mark every notice the caller has not read read."""
    return {"marked": inbox.read_all(routes.uow(), _reader())}
