"""Inspection plans, teams, inspections (with the checklist for use on site) and recommendations."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import lazy_gettext

from gateway.web import client, fmt, problems
from gateway.web.actions import SAFE, submit
from gateway.web.blueprint import bp, can, login_required, safe_next
from gateway.web.codes import CODES, INSPECTION_ORDER
from gateway.web.forms import kept
from gateway.web.pages_reports import attachment
from kit import calendar

FORMS = ("TRUC_TIEP_TAI_TRU_SO", "QUA_BAO_CAO_HO_SO")
RESULTS = ("DAT", "KHONG_DAT", "KHONG_AP_DUNG")
OVERALL = ("DAT", "DAT_CO_KHUYEN_NGHI", "KHONG_DAT")
FINDINGS = ("KHONG_PHU_HOP", "KHUYEN_NGHI", "DIEM_MANH")
TEAM_ROLES = ("TRUONG_DOAN", "PHO_TRUONG_DOAN", "THANH_VIEN", "THU_KY_DOAN")
MEMBER_ROWS = 5  # rows of the team form (no script adds more); rows left without a name are not sent
INSPECTION_STATUSES = ("DU_KIEN", "DA_THONG_BAO", "DANG_KIEM_TRA", "DA_LAP_BIEN_BAN", "DA_KET_LUAN", "DANG_KHAC_PHUC",
                       "DONG", "HOAN", "HUY")
PAGE_SIZE = 50
ORDERS = CODES[INSPECTION_ORDER]  # the list's sort orders, its default first
# The inspections service's official documents (ADR 29): the API path of each, by the record it belongs to.
DOCUMENT_PATHS = {"plan": "plans/{}/documents/plan", "decision": "teams/{}/documents/decision",
                  "notice": "inspections/{}/documents/notice", "minutes": "inspections/{}/documents/minutes",
                  "conclusion": "inspections/{}/documents/conclusion", "report": "years/{}/documents/report"}
AGENCY_DOCUMENTS = ("notice", "conclusion")  # what an agency's officer reads of its own inspections
DOCUMENT_TEXT = {
    "plan": lazy_gettext("Inspection plan"), "decision": lazy_gettext("Decision forming the team"),
    "notice": lazy_gettext("Inspection notice"), "minutes": lazy_gettext("Inspection minutes"),
    "conclusion": lazy_gettext("Conclusion notice"), "report": lazy_gettext("Yearly inspection report"),
    "documents": lazy_gettext("Documents"), "issue": lazy_gettext("Issue"),
    "number": lazy_gettext("Number (blank: the next free one)"), "issued": lazy_gettext("Number and date issued"),
    "not_issued": lazy_gettext("Not issued"),
}


@bp.get("/inspections")
@login_required
def inspections():
    """The year's plans, and every inspection of the year a page at a time, newest first unless the user sorts
    them otherwise (`order`), found by status or by part of the agency's name."""
    year = request.args.get("year", calendar.today().year, type=int)
    order = request.args.get("order", "").strip()
    query = {"year": year, "status": request.args.get("status", "").strip(), "q": request.args.get("q", "").strip(),
             "order": order if order in ORDERS else ORDERS[0]}
    page = max(1, request.args.get("page", 1, type=int))
    plans = readable(lambda: client.get("inspections/plans", year=year, page_size=50)["items"], [])
    listing = client.get("inspections/inspections", page=page, page_size=PAGE_SIZE, **query)
    return render_template("inspections.html", plans=plans, listing=listing, year=year, query=query, page=page,
                           pages=max(1, -(-listing["total"] // PAGE_SIZE)), statuses=INSPECTION_STATUSES,
                           orders=ORDERS)


@bp.get("/plans/<uuid:plan_id>")
@login_required
def plan(plan_id):
    found = client.get(f"inspections/plans/{plan_id}")
    teams = client.get(f"inspections/plans/{plan_id}/teams")
    listing = client.get("inspections/inspections", plan_id=str(plan_id), page_size=100)
    agencies = client.get("registry/agencies", status="HOAT_DONG", q=request.args.get("agency_q"),
                          page_size=100)["items"]
    papers = [("plan", str(plan_id)), *(("decision", team["id"]) for team in teams), ("report", str(found["year"]))]
    return render_template("plan.html", plan=found, teams=teams, items=listing["items"], agencies=agencies,
                           forms=FORMS, team_roles=TEAM_ROLES, agency_q=request.args.get("agency_q", ""),
                           member_rows=range(1, MEMBER_ROWS + 1), typed=kept("team"), **documents(papers))


@bp.post("/plans/<uuid:plan_id>/teams")
@login_required
def plan_team(plan_id):
    """A team of the members typed in the form's rows, established by one decision. Refused, what was typed is
    shown again."""
    form = request.form
    rows = filled_rows(form)
    body = {"decision_no": form.get("decision_no", "").strip(),
            "decision_date": fmt.typed_day(form.get("decision_date", "")), "members": [member(form, r) for r in rows]}
    # the n-th member sent is the one typed in the n-th filled row (`full_name_3` when row 2 was empty)
    submit(lambda: client.post(f"inspections/plans/{plan_id}/teams", body), "team",
                {key: value for key, value in form.items() if key != "csrf"},
                problems.row_fields("members", lambda n, field: f"{field}_{rows[n]}", len(rows)))
    return redirect(url_for("web.plan", plan_id=plan_id) + "#teams")


def filled_rows(form) -> list[int]:
    """The numbers of the form's member rows with a name, in order: the members sent; empty rows are left out."""
    return [row for row in range(1, MEMBER_ROWS + 1) if form.get(f"full_name_{row}", "").strip()]


def member(form, row: int) -> dict:
    found = {"full_name": form[f"full_name_{row}"].strip(), "role": form.get(f"role_{row}", "THANH_VIEN")}
    if form.get(f"user_subject_{row}", "").strip():
        found["user_subject"] = form[f"user_subject_{row}"].strip()
    return found


@bp.post("/plans/<uuid:plan_id>/targets")
@login_required
def plan_target(plan_id):
    """Add one agency to the plan's targets (the service takes the whole list)."""
    found = client.get(f"inspections/plans/{plan_id}")
    targets = [{k: t[k] for k in ("agency_id", "planned_form", "planned_month")} for t in found["targets"]]
    month = request.form.get("planned_month", type=int)
    targets.append({"agency_id": request.form.get("agency_id", ""), "planned_form": request.form.get("form", ""),
                    "planned_month": month})
    version = request.form.get("version")  # the page's, not this read's: a plan changed since is refused
    submit(lambda: client.call("PATCH", f"inspections/plans/{plan_id}", body={"targets": targets}, version=version))
    return redirect(url_for("web.plan", plan_id=plan_id) + "#targets")


@bp.get("/inspections/<uuid:inspection_id>")
@login_required
def inspection(inspection_id):
    found = client.get(f"inspections/inspections/{inspection_id}")
    criteria = client.get("inspections/criteria")
    recommendations = client.get("inspections/recommendations", inspection_id=str(inspection_id))["items"]
    checked = {row["criterion_code"]: row for row in found.get("checklist", [])}
    checked.update(kept("checklist"))  # what was typed on a page refused as stale, over the saved results
    kinds = ("notice", "minutes", "conclusion") if not can("agency_officer") else AGENCY_DOCUMENTS
    return render_template("inspection.html", i=found, criteria=criteria, checked=checked, results=RESULTS,
                           overall=OVERALL, finding_types=FINDINGS, recommendations=recommendations,
                           today=calendar.today().isoformat(),
                           **documents([(kind, str(inspection_id)) for kind in kinds]))


@bp.post("/inspections/<uuid:inspection_id>/checklist")
@login_required
def inspection_checklist(inspection_id):
    """One result per criterion from the radio groups; criteria left blank are not sent."""
    results = []
    for code in request.form.getlist("criterion"):
        result = request.form.get(f"result-{code}")
        if result:
            note = request.form.get(f"note-{code}", "").strip()
            results.append({"criterion_code": code, "result": result, **({"note": note} if note else {})})
    # refused, what was chosen is shown again; the n-th result sent is a criterion's: its note, else its choice
    codes = [row["criterion_code"] for row in results]
    submit(lambda: client.call("PUT", f"inspections/inspections/{inspection_id}/checklist",
                                    body={"results": results}, version=request.form.get("version")),
                "checklist", {row["criterion_code"]: row for row in results},
                problems.row_fields("results", lambda n, field: f"{'note' if field == 'note' else 'result'}-"
                                                                f"{codes[n]}", len(codes)))
    return redirect(url_for("web.inspection", inspection_id=inspection_id) + "#checklist")


@bp.get("/recommendations")
@login_required
def recommendations():
    """Every recommendation the user may see, a page at a time, by status or only those past their deadline."""
    status, overdue = request.args.get("status", "").strip(), request.args.get("overdue") == "1"
    page = max(1, request.args.get("page", 1, type=int))
    listing = client.get("inspections/recommendations", status=status or None, page=page, page_size=PAGE_SIZE,
                         overdue_on=calendar.today().isoformat() if overdue else None)
    query = {key: value for key, value in (("status", status), ("overdue", "1" if overdue else "")) if value}
    return render_template("recommendations.html", items=listing["items"], status=status, overdue=overdue,
                           page=page, pages=max(1, -(-listing["total"] // PAGE_SIZE)), query=query,
                           total=listing["total"])


@bp.get("/recommendations/<uuid:recommendation_id>")
@login_required
def recommendation(recommendation_id):
    found = client.get(f"inspections/recommendations/{recommendation_id}")
    files = readable(lambda: client.get(f"inspections/recommendations/{recommendation_id}/attachments"), [])
    return render_template("recommendation.html", r=found, files=files, today=calendar.today().isoformat())


@bp.post("/recommendations/<uuid:recommendation_id>/evidence")
@login_required
def evidence_upload(recommendation_id):
    """A file of remediation evidence, sent on to the inspections service (which judges its type and size)."""
    file = request.files.get("file")
    if file is None or not file.filename:
        abort(400)
    submit(lambda: client.upload(f"inspections/recommendations/{recommendation_id}/attachments", file.filename,
                                 file.read()))
    return redirect(url_for("web.recommendation", recommendation_id=recommendation_id) + "#evidence-files")


@bp.get("/recommendations/<uuid:recommendation_id>/evidence/<uuid:attachment_id>")
@login_required
def evidence_download(recommendation_id, attachment_id):
    """An evidence file as it was uploaded, under its name; the browser is told not to guess its type."""
    reply = client.call("GET", f"inspections/recommendations/{recommendation_id}/attachments/{attachment_id}")
    return client.passed_on(reply, "minh-chung")


def documents(papers: list[tuple[str, str]]) -> dict:
    """What a page's list of documents shows: each (kind, record id) with the register's entry once issued, the
    words of the list in the user's language, and whether the service lets the user issue the others."""
    records = ",".join(sorted({key for _, key in papers}))
    register = readable(lambda: client.get("inspections/register", record=records), {"items": [], "actions": []})
    return {"papers": papers, "issued": {(e["kind"], e["record"]): e for e in register["items"]},
            "doc_text": lambda key: str(DOCUMENT_TEXT[key]), "can_issue": "issue" in register["actions"]}


@bp.get("/documents/<kind>/<key>.<ext>")
@login_required
def document_download(kind: str, key: str, ext: str):
    """An official document as DOCX or PDF, under the service's Vietnamese file name."""
    if kind not in DOCUMENT_PATHS or not SAFE.match(key):
        abort(404)
    return attachment(f"inspections/{DOCUMENT_PATHS[kind].format(key)}.{ext}", ext, name=kind, kinds=("docx", "pdf"))


@bp.post("/documents/<kind>/<key>/issue")
@login_required
def document_issue(kind: str, key: str):
    """Issue a document into the register, with the number the văn thư typed (blank: the next free one)."""
    if kind not in DOCUMENT_PATHS or not SAFE.match(key):
        abort(404)
    number = request.form.get("number", "").strip()
    body = {"number": int(number) if number.isdigit() else None,
            "issued_on": fmt.typed_day(request.form.get("issued_on", "")) or None}
    submit(lambda: client.post(f"inspections/{DOCUMENT_PATHS[kind].format(key)}/issue", body))
    return redirect(safe_next(request.form.get("next")) + "#documents")


def readable(read, default):
    """`read()`, or `default` when the service answers 403 or 404 (a list this role may not see)."""
    try:
        return read()
    except client.ApiError as exc:
        if exc.status in (403, 404):
            return default
        raise
