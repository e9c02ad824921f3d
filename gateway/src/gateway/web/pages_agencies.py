"""The agency registry: list with search and filters, an agency's record and quality system, XLSX import.

An agency entry that continues one of a province merged into this one (the 2025 reorganisation) shows that entry's
timeline under "Trước <date>"; an entry of a merged province is read only and links to its continuation."""

from __future__ import annotations

import json
from datetime import date

from flask import Response, abort, g, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext, lazy_pgettext

from gateway.web import attachments, client, codes, fmt, lineage, problems
from gateway.web.blueprint import bp, login_required, may, user
from gateway.web.i18n import label
from gateway.web.pages_home import as_of_asked
from kit import calendar

PAGE_SIZE = 25
MERGE_CHOICES = 20  # the agencies a merge search offers; a longer list asks for a closer search
AGENCY_TYPES = ("UBND_TINH", "SO", "CHI_CUC", "BAN_QL", "VP_DDBQH_HDND", "NGANH_DOC", "UBND_HUYEN",
                "PHONG_CM_HUYEN", "UBND_XA", "TT_PVHCC", "DVSN")
LEVELS = ("TW_TAI_DIA_PHUONG", "TINH", "HUYEN", "XA")
# Why a quality system's scope changed, and so why it is announced again (QĐ 19/2014 Điều 4 khoản 3).
SCOPE_REASONS = ("DIEU_CHINH_PHAM_VI", "MO_RONG_PHAM_VI", "THU_HEP_PHAM_VI", "SAP_XEP_TO_CHUC", "KHAC")
FILTERS = ("q", "agency_type", "status", "admin_level", "order")
EVENTS = {"registry.agency.registered": lazy_gettext("Registered"),
          "registry.agency.updated": lazy_gettext("Details changed"),
          "registry.agency.dissolved": lazy_pgettext(codes.AGENCY_STATUS, "GIAI_THE"),
          "registry.agency.merged": lazy_pgettext(codes.AGENCY_STATUS, "SAP_NHAP")}


@bp.get("/agencies")
@login_required
def agencies():
    query = {name: request.args.get(name, "").strip() for name in FILTERS}
    page = max(1, request.args.get("page", 1, type=int))
    listing = client.get("registry/agencies", page=page, page_size=PAGE_SIZE, **query)
    pages = max(1, -(-listing["total"] // PAGE_SIZE))
    return render_template("agencies.html", listing=listing, query=query, page=page, pages=pages,
                           types=AGENCY_TYPES, levels=LEVELS, orders=codes.CODES[codes.AGENCY_ORDER], parents=parents(),
                           parent_q=request.args.get("parent_q", ""),
                           export=url_for("web.agencies_export", **{k: v for k, v in query.items() if v}))


@bp.get("/agencies/flags")
@login_required
def agencies_flagged():
    flag = request.args.get("flag", "")
    as_of = as_of_asked()  # the dashboard's day, whose counts link here
    flagged = client.get("registry/agencies/flags", flag=flag, as_of=as_of.isoformat())
    return render_template("flags.html", items=flagged, flag=flag, as_of=as_of)


@bp.get("/agencies/export.xlsx")
@login_required
def agencies_export():
    query = {name: request.args.get(name, "") for name in FILTERS}
    reply = client.call("GET", "registry/agencies/export.xlsx", query=query)
    return client.passed_on(reply, "co-quan.xlsx")


@bp.get("/agencies/<uuid:agency_id>")
@login_required
def agency(agency_id):
    path = f"registry/agencies/{agency_id}"
    record = client.get(path)
    g.archived = lineage.predecessor_record(record)
    records = _records(path)
    files = attachments.listed(path)
    reference = client.get("registry/reference")
    successions = client.get_or_none(f"{path}/successions") or {}
    parent = parent_of(record)
    return render_template(
        "agency.html", agency=record, parent=parent, **records, activities=reference["maintenance_activity_types"],
        tasks=yearly_tasks(reference, records["maintenance"], calendar.today()),
        inspections=_inspections_of(agency_id),
        earlier=[entry for s in successions.get("predecessors", []) if (entry := earlier_entry(s))],
        later=[later_entry(s) for s in successions.get("successors", [])], names=lineage.province_names(),
        scope_reasons=SCOPE_REASONS, parents=parents(record, parent), parent_q=request.args.get("parent_q", ""),
        successors=successors(record), merge_q=request.args.get("merge_q", "").strip(),
        standards=sorted(standard["code"] for standard in reference.get("standard_versions", [])),
        built_with=codes.CODES[codes.BUILT_WITH], files=files, file_targets=attachments.targets(records))


@bp.get("/my-agency")
@login_required
def my_agency():
    agency_id = (user() or {}).get("agency_id")
    if not agency_id:
        abort(404)
    return agency(agency_id)


@bp.get("/agencies/import")
@login_required
def agencies_import():
    return render_template("import.html")


@bp.post("/agencies/import")
@login_required
def agencies_import_upload():
    """The file goes to the registry as is, which answers with a job (ADR 25): the page of the job follows it (the
    script reads the job as JSON instead); a file refused at once comes back as counts and row errors."""
    upload = request.files.get("file")
    if upload is None:
        abort(400)
    mode = "partial" if request.form.get("mode") == "partial" else "all"
    try:
        reply = client.call("POST", "registry/agencies/import", query={"mode": mode}, raw=upload.read(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        status, body = reply.status, reply.body
    except client.ApiError as exc:
        said = {"detail": problems.say(exc), "errors": rows_said(exc.errors or [])}
        status, body = exc.status, json.dumps(said, ensure_ascii=False).encode()
    if status == 202:
        page = url_for("web.agencies_import_job", job_id=json.loads(body)["id"])
        if request.headers.get("Accept") == "application/json":
            return {"poll": page}, 202
        return redirect(page, 303)
    if request.headers.get("Accept") == "application/json":
        return Response(body, status=status, mimetype="application/json")
    return render_template("import.html", outcome=json.loads(body or b"{}"), status=status)


@bp.get("/agencies/import/<uuid:job_id>")
@login_required
def agencies_import_job(job_id):
    """An import job: its progress (the page reloads itself until the job is over), then its result."""
    job = client.get(f"registry/agencies/import-jobs/{job_id}")
    if job.get("result"):
        job["result"] = result_said(job["result"])
    if request.headers.get("Accept") == "application/json":
        return job
    return render_template("import.html", job=job, outcome=job.get("result"))


def result_said(result: dict) -> dict:
    """An import's result in the page's language: why nothing was imported, and each row's error, from their codes
    (ADR 34); the registry's own words where it sent no code."""
    code = result.get("code")
    detail = (problems.sentence("registry", code, result.get("params") or {}) if code else None) or result.get("detail")
    return {**result, "detail": detail, "errors": rows_said(result.get("errors") or [])}


def rows_said(errors: list[dict]) -> list[dict]:
    return [{**error, "message": problems.sentence("registry", error["code"], error.get("params") or {})
             or error.get("message")} if error.get("code") else error for error in errors]


def parents(record: dict | None = None, current: dict | None = None) -> list[dict]:
    """The active agencies the registration form, or the edit form of `record`, offers as parent (found by
    `parent_q`), the `current` parent first; none for a user who may not edit the register. Left at "—", the parent
    is not given (not changed, on the edit form)."""
    if not may("province_admin", "province_officer") or (record and record.get("status") != "HOAT_DONG"):
        return []
    found = client.get("registry/agencies", status="HOAT_DONG", q=request.args.get("parent_q", "").strip(),
                       page_size=100)["items"]
    if current and all(a["id"] != current["id"] for a in found):
        found.insert(0, current)
    return [a for a in found if not record or a["id"] != record["id"]]


def parent_of(record: dict) -> dict | None:
    """The agency's parent, when it has one the user may read."""
    parent = record.get("parent_agency_id")
    return client.get_or_none(f"registry/agencies/{parent}") if parent else None


def successors(record: dict) -> list[dict]:
    """The active agencies the merge form offers to merge this one into, found by `merge_q` (none before a
    search: the register is too long for one list)."""
    q = request.args.get("merge_q", "").strip()
    if not q or not may("province_admin", "province_officer") or record.get("status") != "HOAT_DONG":
        return []
    found = client.get("registry/agencies", status="HOAT_DONG", q=q, page_size=MERGE_CHOICES)["items"]
    return [a for a in found if a["id"] != record["id"]]


def yearly_tasks(reference: dict, maintenance: list, today: date) -> list[dict]:
    """This year's required maintenance activities: done on which date, or the deadline and whether it passed."""
    settings = {row["key"]: row["value"] for row in reference.get("default_settings", [])}
    day, month = (int(part) for part in settings.get("maintenance_deadline", "31/12").split("/"))
    deadline = date(today.year, month, day)
    done = {}
    for record in maintenance:
        on = fmt.parse_day(record["activity_date"])
        if on and on.year == today.year:
            done.setdefault(record["activity_type"], on)
    return [{"code": kind["code"], "name_vi": kind["name_vi"], "name_en": kind["name_en"],
             "done": done.get(kind["code"]), "deadline": deadline,
             "overdue": kind["code"] not in done and today > deadline}
            for kind in reference.get("maintenance_activity_types", []) if kind.get("required_yearly")]


def timeline(history, qs, announcements, maintenance, officers, corrections=()) -> list[tuple[str, str, str]]:
    """The agency's and its quality system's dated events, newest first, as (date, what happened, detail)."""
    rows = [(_day_of(event), str(EVENTS.get(event["event_type"], event["event_type"])), "") for event in history]
    if qs and qs.get("first_applied_on"):
        rows.append((qs["first_applied_on"], label("DANG_AP_DUNG", codes.QS_STATUS), ""))
    rows += [(n["decision_date"], label("DA_CONG_BO", codes.QS_STATUS), n["decision_no"]) for n in announcements]
    rows += [(m["activity_date"], label(m["activity_type"], codes.ACTIVITY), m.get("description") or "")
             for m in maintenance]
    rows += [(o["appointed_on"], label(o["role"], codes.OFFICER_ROLE), o["full_name"]) for o in officers]
    rows += [(o["removed_on"], gettext("ISO officer's appointment ended"), o["full_name"])
             for o in officers if o.get("removed_on")]
    rows += [(c["corrected_at"][:10], _corrected(c["step"]),
              f"{fmt.day(c['old_date'])} → {fmt.day(c['new_date'])}, {c['reason']}") for c in corrections]
    return sorted(rows, key=lambda row: row[0], reverse=True)


def _corrected(step: str) -> str:
    return gettext("Date of the step “%(step)s” corrected", step=label(step, codes.QS_STEP))


def _day_of(event: dict) -> str:
    """The day an event took effect: a merger or a dissolution on its last day (recorded later, e.g. a 2025
    succession executed in 2026), anything else when it was recorded."""
    data = event.get("data") or {}
    return str(data.get("merged_on") or data.get("dissolved_on") or event["occurred_at"][:10])


def earlier_entry(succession: dict) -> dict | None:
    """An entry this agency continues or absorbed (in a merged province, or before a merger in this one), with its
    own timeline: read only, through the registry's lineage reads. None when the user may not read it."""
    path = f"registry/agencies/{succession['predecessor_id']}"
    record = client.get_or_none(path)
    if record is None:
        return None
    return {"agency": record, "kind": succession.get("kind"), "effective_date": succession.get("effective_date"),
            "timeline": _records(path)["timeline"], "inspections": _inspections_of(record["id"])}


def _records(path: str) -> dict:
    """An agency entry's quality system (its dated steps, their corrections), announcements, maintenance and
    officers, and the timeline of them all."""
    qs, announcements = client.get_or_none(f"{path}/quality-system"), client.get(f"{path}/announcements")
    maintenance, officers = client.get(f"{path}/maintenance"), client.get(f"{path}/officers")
    steps = client.get_or_none(f"{path}/quality-system/steps") if qs else None
    corrections = client.get_or_none(f"{path}/quality-system/corrections") or []  # a registry before ADR 36: none
    steps = steps or []
    return {"qs": qs, "announcements": announcements, "maintenance": maintenance, "officers": officers,
            "steps": steps, "step_days": {s["step"]: fmt.day(s["on"]) for s in steps},
            "timeline": timeline(client.get(f"{path}/history"), qs, announcements, maintenance, officers,
                                 corrections)}


def later_entry(succession: dict) -> dict:
    """The entry that carries this agency on, with its record when the user may read it (a merged province's
    users may not read their successor's)."""
    return {"id": succession["successor_id"], "kind": succession.get("kind"),
            "effective_date": succession.get("effective_date"),
            "agency": client.get_or_none(f"registry/agencies/{succession['successor_id']}")}


def _inspections_of(agency_id) -> list:
    try:
        return client.get("inspections/inspections", agency_id=str(agency_id), page_size=20)["items"]
    except client.ApiError:
        return []
