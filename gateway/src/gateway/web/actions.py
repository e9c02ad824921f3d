"""Every form that changes something posts to `/act/<name>`: one table maps it to a service call.

A field `name` is copied as text, `name:int` as a number, `name:date` from dd/mm/yyyy to ISO, `name:list` split
on lines, `name:bool` as true when its checkbox is ticked; empty fields are left out. Placeholders in the path
come from hidden fields and must be ids or slugs. A change (PATCH, PUT) sends the hidden field `version`, the
version of the record the page showed, as `If-Match`: a change made from a stale page is refused (412), told in
the user's language. The fields are read by the action's Flask-WTF form (`gateway.web.forms`): a date or number
the gateway cannot read is refused beside its field; a service's refusal names its fields beside them too, and
what was typed is kept for the page to show again (`forms.keep`). The services decide who may do what; the result
goes to `then` (formatted with the answer's fields) or back to the page. What cannot be undone asks first
(`CONFIRM`), once the form reads.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext, lazy_gettext

from gateway.web import client, codes, forms, i18n, lineage, problems
from gateway.web.blueprint import bp, login_required, safe_next
from gateway.web.forms import FIELD_LABELS, keep, label_of

SAFE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
CHANGES = ("PATCH", "PUT", "DELETE")  # they carry the version the page showed (If-Match)
STALE = 412
PLACEHOLDER = re.compile(r"{(\w+)}")
AGENCY_FIELDS = ("successor_agency_id",)  # an agency's id: the confirmation names the agency
CODE_FIELDS = {("qs-scope", "reason"): codes.SCOPE_REASON, ("class-cancel", "status"): codes.CLASS_STATUS,
               ("inspection-conclude", "overall_result"): codes.INSPECTION_RESULT,
               ("qs-correct-date", "step"): codes.QS_STEP}


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

# An agency's details beyond its name, type and level: the registration and the edit forms both take them.
AGENCY_DETAILS = ("parent_agency_id", "location_unit_code", "ma_dinh_danh", "head_name", "tthc_count:int")

ACTIONS = {
    "agency-register": Action("registry/agencies", ("name", "short_name", "agency_type", "admin_level",
                                                    *AGENCY_DETAILS), then="/agencies/{id}"),
    "agency-edit": Action(AGENCY, ("name", "short_name", *AGENCY_DETAILS), method="PATCH"),
    "agency-dissolve": Action(f"{AGENCY}/dissolve", ("dissolved_on:date", "decision")),
    "agency-merge": Action(f"{AGENCY}/merge", ("successor_agency_id", "merged_on:date", "decision")),
    "qs-create": Action(QS, ("standard_version", "built_with", "scope_tthc_count:int", "scope_description")),
    "qs-start-building": Action(f"{QS}/start-building", ("on:date",)),
    "qs-apply": Action(f"{QS}/apply", ("on:date",)),
    "qs-announce": Action(f"{QS}/announce", ("decision_no", "decision_date:date", "signed_by", "reason",
                                             "standard_version")),
    "qs-scope": Action(f"{QS}/scope", ("reason", "on:date", "scope_tthc_count:int", "scope_description")),
    "qs-start-transition": Action(f"{QS}/start-transition", ("on:date",)),
    "qs-correct-date": Action(f"{QS}/corrections", ("step", "on:date", "reason")),
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
    "qs-correct-date": lazy_gettext("Correct the date of this step? The figures built on it move to the right date; "
                                    "the correction and its reason stay in the agency's timeline."),
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
    form = forms.form_class(name, action.fields)()
    if not form.validate():  # the summary at the top of the page names the fields
        keep(name, typed(action), form.errors)
        return redirect(back)
    if name in CONFIRM and request.form.get("confirmed") != "1":
        return confirmation(name, action, back)
    try:
        result = run(action, form.body())
    except client.ApiError as exc:
        beside = {field: said for field, said in problems.by_field(exc).items() if field in form._fields}
        flash(message(exc, shown=beside.keys()), "error")
        keep(name, typed(action), beside)
        return redirect(back)
    flash(gettext("Saved."), "ok")
    if action.then and isinstance(result, dict):
        return redirect(safe_next(action.then.format_map(_Blank(result)), back))
    return redirect(back)


def typed(action: Action) -> dict[str, str]:
    """What was typed in the action's fields, as typed."""
    return {name: request.form.get(name, "") for name in (spec.partition(":")[0] for spec in action.fields)}


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


def run(action: Action, body: dict) -> dict | list | None:
    """Build the path from the form's hidden fields, call the service with `body`, return its decoded answer."""
    form = request.form
    path = PLACEHOLDER.sub(lambda m: _segment(form.get(m.group(1), "")), action.path)
    version = form.get("version") if action.method in CHANGES else None
    reply = client.call(action.method, path, body=body, version=version)
    return json.loads(reply.body) if reply.body else None


def submit(send, form: str | None = None, typed: dict | None = None, name_of=lambda _parts: None) -> None:
    """Run a service call for a form with its own view: flash 'saved', or the service's refusal. With `form`, what
    was `typed` is kept for the page to show again, each error beside the field it is about (named by `name_of`,
    see `problems.by_field`), the others said in the flash line."""
    try:
        send()
    except client.ApiError as exc:
        beside = {name: said for name, said in problems.by_field(exc, name_of).items()
                  if form is not None and name in request.form}
        flash(message(exc, shown=beside.keys(), name_of=name_of), "error")
        if form is not None:
            keep(form, typed or {}, beside)
        return
    flash(gettext("Saved."), "ok")


def message(exc: client.ApiError, shown=frozenset(), name_of=lambda _parts: None) -> str:
    """A service's problem in the user's language, with the errors of the fields not `shown` beside their field
    (named as `problems.by_field` names them with `name_of`)."""
    lineage.remember(exc)
    if exc.status == STALE:
        return gettext("Someone else changed this record; reload the page, check the latest version and make your "
                       "change again (what you typed, if any, is kept in the form).")
    said = problems.say(exc)
    rest = {name: messages for name, messages in problems.by_field(exc, name_of).items() if name not in shown}
    fields = "; ".join(f"{label_of(name)}: {' '.join(messages)}" if name else " ".join(messages)
                       for name, messages in rest.items())
    return f"{said} ({fields})" if fields else said


def _segment(value: str) -> str:
    if not SAFE.match(value):
        abort(400)
    return value


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""
