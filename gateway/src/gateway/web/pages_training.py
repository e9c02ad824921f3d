"""Training classes: list, a class with its registrations and waitlist, nominations, attendance, certificates."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for

from gateway.web import client, fmt
from gateway.web.actions import submit
from gateway.web.blueprint import bp, login_required, user
from gateway.web.pages_reports import attachment
from kit import calendar

QMS_ROLES = ("THU_KY_ISO", "DAI_DIEN_LANH_DAO", "LANH_DAO", "CHUYEN_GIA_DANH_GIA_NOI_BO", "CAN_BO")
NEXT_STATUS = {"DU_KIEN": ("MO_DANG_KY", "HUY"), "MO_DANG_KY": ("CHOT_DANH_SACH", "HUY"),
               "CHOT_DANH_SACH": ("MO_DANG_KY", "DANG_DIEN_RA", "HUY"), "DANG_DIEN_RA": ("DA_KET_THUC",),
               "DA_KET_THUC": ("DA_QUYET_TOAN",)}
TIMEZONE = "+07:00"
SHEETS = ("xlsx", "docx", "pdf")  # the formats of a class's printable attendance sheet and certificate list


@bp.get("/classes")
@login_required
def classes():
    year = request.args.get("year", calendar.today().year, type=int)
    listing = client.get("training/classes", year=year, status=request.args.get("status"), page_size=100)
    requests = client.get("training/onsite-requests", page_size=100)["items"]
    return render_template("classes.html", items=listing["items"], year=year, requests=requests,
                           course_types=client.get("training/course-types"))


@bp.post("/classes/new")
@login_required
def class_create():
    created = {}
    submit(lambda: created.update(client.post("training/classes", class_body(request.form))))
    if created:
        return redirect(url_for("web.training_class", class_id=created["id"]))
    return redirect(url_for("web.classes"))


@bp.post("/onsite-requests/<uuid:request_id>/approve")
@login_required
def onsite_approve(request_id):
    """The province answers an agency's request with a class for that agency's people."""
    created = {}
    body = class_body(request.form, with_type=False)
    submit(lambda: created.update(client.post(f"training/onsite-requests/{request_id}/approve", body)))
    return redirect(url_for("web.classes") + "#onsite")


def class_body(form, with_type: bool = True) -> dict:
    """A class from the form: its fields and one session on one day (Vietnam's time)."""
    day = fmt.typed_day(form.get("day", ""))
    names = ("title", "course_type", "venue", "provider") if with_type else ("title", "venue", "provider")
    body = {name: form.get(name, "").strip() for name in names}
    body.update(capacity=form.get("capacity", type=int) or 0, sessions=[{
        "starts_at": f"{day}T{fmt.typed_time(form.get('starts') or '08:00')}:00{TIMEZONE}",
        "ends_at": f"{day}T{fmt.typed_time(form.get('ends') or '17:00')}:00{TIMEZONE}"}])
    return body


@bp.get("/classes/<uuid:class_id>")
@login_required
def training_class(class_id):
    found = client.get(f"training/classes/{class_id}")
    registrations = client.get("training/registrations", class_id=str(class_id), page_size=100)["items"]
    confirmed = [r for r in registrations if r["status"] == "CONFIRMED"]
    waiting = sorted((r for r in registrations if r["status"] == "WAITLISTED"), key=lambda r: r.get("queue_no") or 0)
    agencies = [] if (user() or {}).get("agency_id") else client.get(
        "registry/agencies", status="HOAT_DONG", page_size=100)["items"]
    return render_template("class.html", c=found, confirmed=confirmed, waiting=waiting, kinds=SHEETS,
                           others=[r for r in registrations if r["status"] not in ("CONFIRMED", "WAITLISTED")],
                           qms_roles=QMS_ROLES, next_status=NEXT_STATUS.get(found["status"], ()),
                           agencies=agencies)


@bp.post("/classes/<uuid:class_id>/attendance/<uuid:session_id>")
@login_required
def class_attendance(class_id, session_id):
    present = set(request.form.getlist("present"))
    everyone = request.form.getlist("registration")
    body = {"present": [r for r in everyone if r in present], "absent": [r for r in everyone if r not in present]}
    submit(lambda: client.call("PUT", f"training/classes/{class_id}/sessions/{session_id}/attendance", body=body,
                               version=request.form.get("version")))
    return redirect(url_for("web.training_class", class_id=class_id))


@bp.get("/classes/<uuid:class_id>/attendance-sheet.<kind>")
@login_required
def class_attendance_sheet(class_id, kind: str):
    return attachment(f"training/classes/{class_id}/attendance-sheet.{kind}", kind, "diem-danh", SHEETS)


@bp.get("/classes/<uuid:class_id>/certificates.<kind>")
@login_required
def class_certificates_list(class_id, kind: str):
    return attachment(f"training/classes/{class_id}/certificates.{kind}", kind, "chung-nhan", SHEETS)
