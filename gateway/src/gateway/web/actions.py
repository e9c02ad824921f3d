"""Every form that changes something posts to `/act/<name>`: one table maps it to a service call.

A field `name` is copied as text, `name:int` as a number, `name:date` from dd/mm/yyyy to ISO, `name:list` split
on lines, `name:bool` as true when its checkbox is ticked; empty fields are left out. Placeholders in the path
come from hidden fields and must be ids or slugs. A change (PATCH, PUT) sends the hidden field `version`, the
version of the record the page showed, as `If-Match`: a change made from a stale page is refused (412), told in
the user's language, and what was typed is kept for the page to show again (`kept`). The services decide who may
do what; the result goes to `then` (formatted with the answer's fields) or back to the page. What cannot be undone
asks first (`CONFIRM`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, request, session
from flask_babel import gettext, lazy_gettext

from gateway.web import client, codes, fmt, i18n, lineage, problems
from gateway.web.blueprint import bp, login_required, safe_next

SAFE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
CHANGES = ("PATCH", "PUT", "DELETE")  # they carry the version the page showed (If-Match)
STALE = 412
KEPT_BYTES = 1500  # what the session cookie can carry beside the token
PLACEHOLDER = re.compile(r"{(\w+)}")
# The label of each field a confirmation page lists (what was typed), and the codes among them.
FIELD_LABELS = {
    "dissolved_on": lazy_gettext("Date"), "decision": lazy_gettext("Decision no."), "reason": lazy_gettext("Reason"),
    "on": lazy_gettext("On"), "scope_tthc_count": lazy_gettext("Administrative procedures in scope"),
    "scope_description": lazy_gettext("Scope description"), "removed_on": lazy_gettext("Date"),
    "approving_doc": lazy_gettext("Decision no."), "record_date": lazy_gettext("Date"),
    "record_doc": lazy_gettext("Record no."), "conclusion_date": lazy_gettext("Date"),
    "conclusion_doc": lazy_gettext("Conclusion no."), "overall_result": lazy_gettext("Result"),
    "status": lazy_gettext("Status"), "approved": lazy_gettext("Approved"),
    "approved_on": lazy_gettext("Decision date"), "amount": lazy_gettext("Amount"),
    "settlement_doc": lazy_gettext("Settlement document no."), "settled_on": lazy_gettext("Date"),
    "final": lazy_gettext("Final settlement"), "comment": lazy_gettext("Comment"),
    "successor_agency_id": lazy_gettext("Merged into"), "merged_on": lazy_gettext("Date"),
}
# The label of the other fields, for a service's refusal of one of them (gateway.web.problems.fields).
FORM_LABELS = {
    "activity_date": lazy_gettext("Date"), "activity_type": lazy_gettext("Activity"),
    "admin_level": lazy_gettext("Level"), "agency_id": lazy_gettext("Agency"), "agency_type": lazy_gettext("Type"),
    "appointed_on": lazy_gettext("Appointed on"), "category": lazy_gettext("Category"),
    "conducted_date": lazy_gettext("Date"), "deadline": lazy_gettext("Deadline"),
    "decision_date": lazy_gettext("Decision date"), "decision_no": lazy_gettext("Decision no."),
    "description": lazy_gettext("Description"), "difficulties": lazy_gettext("Difficulties"),
    "estimate": lazy_gettext("Estimate"), "fiscal_year": lazy_gettext("Year"), "form": lazy_gettext("Form"),
    "full_name": lazy_gettext("Full name"), "ma_dinh_danh": lazy_gettext("Identification code"),
    "name": lazy_gettext("Name"), "note": lazy_gettext("Note"), "notice_doc": lazy_gettext("Notice no."),
    "owner": lazy_gettext("Owner"), "parent_agency_id": lazy_gettext("Parent agency"), "plan_id": lazy_gettext("Plan"),
    "preferred_from": lazy_gettext("From"), "proposals": lazy_gettext("Proposals"), "qms_role": lazy_gettext("Role"),
    "report_type": lazy_gettext("Report type"), "role": lazy_gettext("Role"),
    "short_name": lazy_gettext("Short name"), "spent_on": lazy_gettext("Date"),
    "standard_version": lazy_gettext("Standard"), "team_id": lazy_gettext("Team"), "title": lazy_gettext("Title"),
    "tthc_count": lazy_gettext("Administrative procedures"), "type": lazy_gettext("Type"),
    "year": lazy_gettext("Year"),
}
AGENCY_FIELDS = ("successor_agency_id",)  # an agency's id: the confirmation names the agency
CODE_FIELDS = {("qs-scope", "reason"): codes.SCOPE_REASON, ("class-cancel", "status"): codes.CLASS_STATUS,
               ("inspection-conclude", "overall_result"): codes.INSPECTION_RESULT}


@dataclass(frozen=True)
class Action:
    path: str
    fields: tuple[str, ...] = ()
    method: str = "POST"
    then: str | None = None


AGENCY = "registry/agencies/{agency}"
QS = f"{AGENCY}/quality-system"
INSPECTION = "inspections/inspections/{inspection}"
REPORT = "reporting/reports/{report}"
NATIONAL_REPORT = "reporting/national/reports/{province}/{report}"

ACTIONS = {
    "agency-register": Action("registry/agencies", ("name", "short_name", "agency_type", "admin_level"),
                              then="/agencies/{id}"),
    "agency-edit": Action(AGENCY, ("name", "short_name", "parent_agency_id", "location_unit_code", "ma_dinh_danh",
                                   "head_name", "tthc_count:int"), method="PATCH"),
    "agency-dissolve": Action(f"{AGENCY}/dissolve", ("dissolved_on:date", "decision")),
    "agency-merge": Action(f"{AGENCY}/merge", ("successor_agency_id", "merged_on:date", "decision")),
    "qs-create": Action(QS, ("standard_version", "built_with", "scope_description")),
    "qs-start-building": Action(f"{QS}/start-building", ("on:date",)),
    "qs-apply": Action(f"{QS}/apply", ("on:date",)),
    "qs-announce": Action(f"{QS}/announce", ("decision_no", "decision_date:date", "signed_by", "reason",
                                             "standard_version")),
    "qs-scope": Action(f"{QS}/scope", ("reason", "on:date", "scope_tthc_count:int", "scope_description")),
    "qs-start-transition": Action(f"{QS}/start-transition", ("on:date",)),
    "maintenance-add": Action("registry/agencies/{agency}/maintenance",
                              ("activity_type", "activity_date:date", "description")),
    "officer-add": Action(f"{AGENCY}/officers", ("full_name", "role", "appointed_on:date", "email", "phone")),
    "officer-remove": Action(f"{AGENCY}/officers/{{officer}}/remove", ("removed_on:date",)),
    "announcement-receive": Action("registry/agencies/{agency}/announcements/{announcement}/receive", ("on:date",)),
    "plan-create": Action("inspections/plans", ("year:int", "title"), then="/plans/{id}"),
    "plan-submit": Action("inspections/plans/{plan}/submit", ("proposing_doc",)),
    "plan-approve": Action("inspections/plans/{plan}/approve", ("approving_doc",)),
    "plan-adjust": Action("inspections/plans/{plan}/adjust", ("note",)),
    "plan-close": Action("inspections/plans/{plan}/close"),
    "plan-carry-forward": Action("inspections/plans/{plan}/carry-forward", ("year:int",), then="/plans/{id}"),
    "inspection-create": Action("inspections/inspections",
                                ("agency_id", "form", "kind", "plan_id", "team_id", "scheduled_date:date"),
                                then="/inspections/{id}"),
    "inspection-notify": Action(f"{INSPECTION}/notify", ("notice_doc",)),
    "inspection-start": Action(f"{INSPECTION}/start", ("conducted_date:date",)),
    "inspection-postpone": Action(f"{INSPECTION}/postpone", ("reason", "new_date:date")),
    "inspection-cancel": Action(f"{INSPECTION}/cancel", ("reason",)),
    "inspection-close": Action(f"{INSPECTION}/close"),
    "finding-add": Action(f"{INSPECTION}/findings", ("type", "description", "iso_clause")),
    "inspection-record": Action(f"{INSPECTION}/record", ("record_date:date", "record_doc")),
    "recommendation-add": Action(f"{INSPECTION}/recommendations", ("deadline:date", "description", "finding_id")),
    "inspection-conclude": Action(f"{INSPECTION}/conclude",
                                  ("conclusion_date:date", "conclusion_doc", "overall_result")),
    "rec-remediation": Action("inspections/recommendations/{recommendation}/remediation", ("evidence",)),
    "rec-accept": Action("inspections/recommendations/{recommendation}/accept", ("note",)),
    "rec-reopen": Action("inspections/recommendations/{recommendation}/reopen", ("reason", "deadline:date")),
    "class-status": Action("training/classes/{klass}/status", ("status",)),
    "class-cancel": Action("training/classes/{klass}/status", ("status", "reason")),
    "nominate": Action("training/classes/{klass}/registrations",
                       ("agency_id", "full_name", "person_id", "position", "qms_role")),
    "registration-cancel": Action("training/registrations/{registration}/cancel", ("reason",)),
    "certificates-issue": Action("training/classes/{klass}/certificates"),
    "onsite-request": Action("training/onsite-requests", ("agency_id", "course_type", "participants:int",
                                                          "preferred_from:date", "preferred_to:date", "note")),
    "onsite-decline": Action("training/onsite-requests/{request}/decline", ("reason",)),
    "line-create": Action("budget/lines", ("fiscal_year:int", "title", "category", "funding_source", "owner",
                                           "agency_id", "estimate:int"), then="/budget?year={fiscal_year}"),
    "line-approve": Action("budget/lines/{line}/approve", ("approved:int", "approved_on:date", "approving_doc")),
    "disbursement-add": Action("budget/lines/{line}/disbursements", ("amount:int", "description", "spent_on:date")),
    "settlement-add": Action("budget/lines/{line}/settlements",
                             ("amount:int", "settlement_doc", "settled_on:date", "final:bool")),
    "report-create": Action("reporting/reports", ("report_type", "period_start:date", "cutoff:date"),
                            then="/reports/{id}"),
    "report-edit": Action(REPORT, ("difficulties", "proposals"), method="PATCH"),
    "report-send": Action(f"{REPORT}/send-for-approval"),
    "report-approve": Action(f"{REPORT}/approve"),
    "report-reject": Action(f"{REPORT}/reject", ("reason",)),
    "report-submit": Action(f"{REPORT}/submit"),
    "national-accept": Action(f"{NATIONAL_REPORT}/accept", ("comment",)),
    "national-return": Action(f"{NATIONAL_REPORT}/return", ("comment",)),
}

# What cannot be undone asks first: a sentence naming what will happen, shown on a confirmation page.
CONFIRM = {
    "agency-dissolve": lazy_gettext("Record that the agency was dissolved? It leaves the active register and its "
                                    "open inspections are cancelled; this cannot be undone."),
    "agency-merge": lazy_gettext("Record that the agency was merged into the agency below? It leaves the active "
                                 "register, the other agency carries its work on; this cannot be undone."),
    "qs-scope": lazy_gettext("Record the change of scope? The quality system will then need re-announcing."),
    "officer-remove": lazy_gettext("End this officer's appointment? They stay in the agency's timeline; to replace "
                                   "them, add the new officer."),
    "plan-approve": lazy_gettext("Approve the inspection plan? Once approved it changes only through an adjustment "
                                 "with a reason."),
    "plan-close": lazy_gettext("Close the inspection plan? A closed plan can no longer be adjusted or given new "
                               "teams."),
    "inspection-cancel": lazy_gettext("Cancel the inspection? A cancelled inspection cannot be restored; inspecting "
                                      "again takes a new one."),
    "inspection-close": lazy_gettext("Close the inspection? A closed inspection cannot be reopened."),
    "inspection-record": lazy_gettext("Draw up the record? The checklist and the findings can no longer be changed "
                                      "after it."),
    "inspection-conclude": lazy_gettext("Conclude the inspection? The conclusion goes to the agency and cannot be "
                                        "changed."),
    "class-cancel": lazy_gettext("Cancel the class? Every registration is cancelled; this cannot be undone."),
    "registration-cancel": lazy_gettext("Cancel this registration? The place goes to the first on the waiting list."),
    "certificates-issue": lazy_gettext("Issue certificates to every participant who qualifies? Issued certificates "
                                       "cannot be withdrawn here."),
    "onsite-decline": lazy_gettext("Decline this training request? The agency will see the reason."),
    "line-approve": lazy_gettext("Approve this line's estimate? Once approved, the estimate can no longer be revised."),
    "settlement-add": lazy_gettext("Record the settlement? A recorded settlement cannot be changed or removed; a "
                                   "final one closes the line."),
    "report-approve": lazy_gettext("Approve the report? Its content can no longer be changed."),
    "report-submit": lazy_gettext("Send the report to the Ministry? A sent report cannot be withdrawn."),
    "national-accept": lazy_gettext("Accept the province's report?"),
    "national-return": lazy_gettext("Return the report to the province? The province will see your comment."),
}


@bp.post("/act/<name>")
@login_required
def act(name: str):
    action = ACTIONS.get(name)
    if action is None:
        abort(404)
    back = safe_next(request.form.get("next"), "/")
    if name in CONFIRM and request.form.get("confirmed") != "1":
        return confirmation(name, action, back)
    try:
        result = run(action, request.form)
    except client.ApiError as exc:
        flash(message(exc), "error")
        if exc.status == STALE:
            keep(name, {spec.partition(":")[0]: request.form.get(spec.partition(":")[0], "")
                        for spec in action.fields})
        return redirect(back)
    flash(gettext("Saved."), "ok")
    if action.then and isinstance(result, dict):
        return redirect(safe_next(action.then.format_map(_Blank(result)), back))
    return redirect(back)


def confirmation(name: str, action: Action, back: str):
    """The page that asks before what cannot be undone: what will happen, what was typed, and two ways on. Its
    form posts the same fields again with `confirmed`."""
    typed = [(key, value) for key, value in request.form.items(multi=True) if key not in ("csrf", "confirmed")]
    specs = [spec.partition(":") for spec in action.fields]
    shown = [shown_field(name, field, kind, value) for field, _, kind in specs
             if (value := request.form.get(field, "").strip())]
    return render_template("confirm.html", name=name, question=CONFIRM[name], typed=typed, back=back, shown=shown)


def shown_field(action: str, field: str, kind: str, value: str) -> tuple[str, str, bool]:
    """(label, value, whether the value is the user's own data) of a field on the confirmation page."""
    if kind == "bool":
        return str(FIELD_LABELS[field]), gettext("Yes"), False
    if (action, field) in CODE_FIELDS:
        return str(FIELD_LABELS[field]), i18n.label(value, CODE_FIELDS[(action, field)]), False
    if field in AGENCY_FIELDS:
        return str(FIELD_LABELS[field]), agency_name(value), True
    return str(FIELD_LABELS[field]), value, True


def agency_name(agency_id: str) -> str:
    """The name of the agency a form picked, "—" when the user may not read it."""
    if not SAFE.match(agency_id):
        return "—"
    try:
        return client.get(f"registry/agencies/{agency_id}")["name"]
    except client.ApiError:
        return "—"


def run(action: Action, form) -> dict | list | None:
    """Build the path and the body from the form, call the service, return its decoded answer."""
    path = PLACEHOLDER.sub(lambda m: _segment(form.get(m.group(1), "")), action.path)
    body = body_from(form, action.fields)
    version = form.get("version") if action.method in CHANGES else None
    reply = client.call(action.method, path, body=body, version=version)
    return json.loads(reply.body) if reply.body else None


def submit(send) -> client.ApiError | None:
    """Run a service call for a form with its own view; flash 'saved' or the service's refusal (returned, so the
    view may keep what was typed when the record changed meanwhile)."""
    try:
        send()
    except client.ApiError as exc:
        flash(message(exc), "error")
        return exc
    flash(gettext("Saved."), "ok")
    return None


def keep(form: str, typed: dict) -> None:
    """What the user typed in `form` when the service refused it as made from a stale version: the page shows it
    again once (`kept`), over the record's new values, so nothing typed is lost. The session is a cookie (at most
    4 KB with the token): a longer text is not kept there, the browser would drop the whole cookie."""
    if len(json.dumps(typed, ensure_ascii=False).encode()) <= KEPT_BYTES:
        session["kept"] = {"form": form, "typed": typed}


def kept(form: str) -> dict:
    """What `keep` saved for `form` (once), or nothing."""
    saved = session.get("kept")
    if not saved or saved.get("form") != form:
        return {}
    session.pop("kept")
    return saved.get("typed") or {}


def body_from(form, fields: tuple[str, ...]) -> dict:
    body = {}
    for spec in fields:
        name, _, kind = spec.partition(":")
        value = form.get(name, "").strip()
        if value == "":
            continue
        if kind == "int":
            try:
                body[name] = int(value.replace(".", "").replace(" ", ""))
            except ValueError:
                body[name] = value  # the service answers 422 with its own message
        elif kind == "date":
            body[name] = fmt.typed_day(value)
        elif kind == "bool":
            body[name] = True  # a ticked checkbox; an unticked one is not sent, the service's default holds
        elif kind == "list":
            body[name] = [line.strip() for line in value.splitlines() if line.strip()]
        else:
            body[name] = value
    return body


def message(exc: client.ApiError) -> str:
    """A service's problem in the user's language, with field errors when it sent them."""
    lineage.remember(exc)
    if exc.status == STALE:
        return gettext("Someone else changed this record; reload the page, check the latest version and make your "
                       "change again (what you typed, if any, is kept in the form).")
    said = problems.say(exc)
    fields = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in problems.fields(exc, _label).items())
    return f"{said} ({fields})" if fields else said


def _label(name: str) -> str | None:
    """The label of a form's field as the pages show it, None when they have none."""
    label = FIELD_LABELS.get(name) or FORM_LABELS.get(name)
    return str(label) if label is not None else None


def _segment(value: str) -> str:
    if not SAFE.match(value):
        abort(400)
    return value


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""
