"""The files attached to an agency's records (the registry's attachments, ADR 31) on the agency's page: the list,
the upload form's choice of record, the upload passed on as multipart, and the download passed back."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext

from gateway.web import client, codes, fmt, i18n
from gateway.web.actions import message
from gateway.web.blueprint import bp, login_required


def listed(path: str) -> list[dict] | None:
    """The agency's files, newest first; None when the registry cannot list them now (the page says so)."""
    try:
        return sorted(client.get(f"{path}/attachments"), key=lambda f: f["uploaded_at"], reverse=True)
    except client.ApiError:
        return None


def targets(records: dict) -> list[tuple[str, str]]:
    """(value, words) of each record a file may be attached to: the quality system, each announcement decision,
    each upkeep record."""
    found = []
    if records.get("qs"):
        found.append((f"quality_system:{records['qs']['id']}", gettext("The quality system (manual, scope)")))
    found += [(f"announcement:{n['id']}", gettext("Decision no. %(number)s (%(date)s)", number=n["decision_no"],
                                                  date=fmt.day(n["decision_date"])))
              for n in records.get("announcements") or []]
    found += [(f"maintenance_record:{m['id']}", f"{i18n.label(m['activity_type'], codes.ACTIVITY)} "
                                                f"({fmt.day(m['activity_date'])})")
              for m in records.get("maintenance") or []]
    return found


@bp.post("/agencies/<uuid:agency_id>/attachments")
@login_required
def attachment_upload(agency_id):
    """The chosen file for the chosen record, passed on to the registry, which checks its size and its type."""
    upload, (kind, _, record) = request.files.get("file"), request.form.get("target", "").partition(":")
    if upload is None or not upload.filename or not record:
        flash(gettext("Choose a file and the record to attach it to."), "error")
        return redirect(url_for("web.agency", agency_id=agency_id) + "#attachments")
    try:
        client.upload(f"registry/agencies/{agency_id}/attachments", upload.filename, upload.read(),
                      {"record_kind": kind, "record_id": record})
        flash(gettext("The file is attached."), "ok")
    except client.ApiError as exc:
        flash(message(exc), "error")
    return redirect(url_for("web.agency", agency_id=agency_id) + "#attachments")


@bp.get("/agencies/<uuid:agency_id>/attachments/<uuid:attachment_id>")
@login_required
def attachment_download(agency_id, attachment_id):
    try:
        reply = client.call("GET", f"registry/agencies/{agency_id}/attachments/{attachment_id}")
    except client.ApiError as exc:
        abort(exc.status if exc.status in (403, 404) else 502)
    return client.passed_on(reply, "tep-dinh-kem")
