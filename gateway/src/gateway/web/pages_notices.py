"""A person's notices: the bell in every page's header (its unread count) and `/notifications` (the list with its
filters; opening a notice marks it read and goes to its record). The notifications service keeps them, each
person's read state apart.

The bell is an extra of every page, never a reason for one to fail: when the service cannot say (down, slow,
refusing), it shows without a count."""

from __future__ import annotations

import json
import logging

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext

from gateway.web import client
from gateway.web.actions import message
from gateway.web.blueprint import bp, lang, login_required, safe_next, user

log = logging.getLogger(__name__)

INBOX = "notifications/inbox"
BELL_TIMEOUT = 2.0  # seconds the bell may add to a page before it shows without a count
PAGE_SIZE = 20
LAST_PAGE = 100_000  # what the service takes
KINDS = ("UPKEEP_REMINDER",)
STATES = ("all", "unread")
YEARS = range(2000, 2101)  # likewise


def unread_count() -> int | None:
    """The signed-in person's unread notices; None when they have no province or the service did not say."""
    if not (user() or {}).get("tenant"):
        return None
    try:
        return int(json.loads(client.call("GET", f"{INBOX}/unread-count", timeout=BELL_TIMEOUT).body)["unread"])
    except (client.ApiError, client.UpstreamUnavailable, client.LoginRequired, ValueError, KeyError,
            TypeError) as exc:
        log.warning("bell: no unread count this time (%s)", type(exc).__name__)
        return None


@bp.app_context_processor
def _bell() -> dict:
    return {"bell": unread_count}  # called by _bell.html, so only pages with a header ask


@bp.get("/notifications")
@login_required
def notices():
    query = filters(request.args)
    page = min(max(1, request.args.get("page", 1, type=int)), LAST_PAGE)
    listing = client.get(INBOX, page=page, page_size=PAGE_SIZE, unread="true" if query["state"] == "unread" else None,
                         kind=query["kind"], year=query["year"])
    pages = max(1, -(-listing["total"] // PAGE_SIZE))
    return render_template("notices.html", listing=listing, items=[as_shown(item) for item in listing["items"]],
                           query=query, page=page, pages=pages, kinds=KINDS,
                           in_url={name: value for name, value in query.items() if value})


def as_shown(item: dict) -> dict:
    """A notice as the page shows it: its text in the page's language, its record's page (on this site only)."""
    text = item.get("text") if lang() == "vi" else item.get("text_en") or item.get("text")
    return {**item, "shown": text, "href": safe_next(item.get("link"), url_for("web.notices"))}


def filters(args) -> dict:
    """The list's filters from the query string; anything the service would refuse reads as no filter."""
    state = args.get("state", "all")
    kind = args.get("kind", "")
    year = args.get("year", type=int)
    return {"state": state if state in STATES else "all", "kind": kind if kind in KINDS else "",
            "year": year if year in YEARS else None}


@bp.post("/notifications/<uuid:notice_id>/open")
@login_required
def notice_open(notice_id):
    """Mark the notice read, then go to the record it is about."""
    item = client.post(f"{INBOX}/{notice_id}/read") or {}
    return redirect(safe_next(item.get("link"), url_for("web.notices")))


@bp.post("/notifications/read-all")
@login_required
def notices_read_all():
    try:
        marked = client.post(f"{INBOX}/read-all") or {}
    except client.ApiError as exc:
        flash(message(exc), "error")
    else:
        flash(gettext("%(n)s notices marked as read.", n=marked.get("marked", 0)), "ok")
    return redirect(safe_next(request.form.get("next"), url_for("web.notices")))
