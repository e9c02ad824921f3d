"""Every form that changes something posts to `/act/<name>`: one table maps it to a service call.

A field `name` is copied as text, `name:int` as a number, `name:date` from dd/mm/yyyy to ISO, `name:list` split
on lines, `name:bool` as true when its checkbox is ticked; empty fields are left out. Placeholders in the path
come from hidden fields and must be ids or slugs. A change (PATCH, PUT) sends the hidden field `version`, the
version of the record the page showed, as `If-Match`: a change made from a stale page is refused (412), told in
the user's language, and what was typed is kept for the page to show again (`kept`). The services decide who may
do what; the result goes to `then` (formatted with the answer's fields) or back to the page. What cannot be undone
asks first (`Action.confirm`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, request, session

from gateway.web import client, fmt, lineage, problems
from gateway.web.blueprint import bp, login_required, safe_next, t

SAFE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
CHANGES = ("PATCH", "PUT", "DELETE")  # they carry the version the page showed (If-Match)
STALE = 412
KEPT_BYTES = 1500  # what the session cookie can carry beside the token
PLACEHOLDER = re.compile(r"{(\w+)}")
# The label of a form field where its name is not a label key itself (the confirmation page lists what was typed).
FIELD_LABELS = {"approving_doc": "decision_no", "record_date": "date", "conclusion_date": "date",
                "overall_result": "result", "approved_on": "decision_date", "settled_on": "date",
                "dissolved_on": "date", "removed_on": "date", "decision": "decision_no", "final": "settlement_final"}


@dataclass(frozen=True)
class Action:
    path: str
    fields: tuple[str, ...] = ()
    method: str = "POST"
    then: str | None = None
    # What cannot be undone asks first: the key of a sentence naming what will happen, shown on a confirmation page.
    confirm: str | None = None


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
    "agency-dissolve": Action(f"{AGENCY}/dissolve", ("dissolved_on:date", "decision"), confirm="confirm_dissolve"),
    "qs-create": Action(QS, ("standard_version", "built_with", "scope_description")),
    "qs-start-building": Action(f"{QS}/start-building", ("on:date",)),
    "qs-apply": Action(f"{QS}/apply", ("on:date",)),
    "qs-announce": Action(f"{QS}/announce", ("decision_no", "decision_date:date", "signed_by", "reason",
                                             "standard_version")),
    "qs-scope": Action(f"{QS}/scope", ("reason", "on:date", "scope_tthc_count:int", "scope_description"),
                       confirm="confirm_scope"),
    "qs-start-transition": Action(f"{QS}/start-transition", ("on:date",)),
    "maintenance-add": Action("registry/agencies/{agency}/maintenance",
                              ("activity_type", "activity_date:date", "description")),
    "officer-add": Action(f"{AGENCY}/officers", ("full_name", "role", "appointed_on:date", "email", "phone")),
    "officer-remove": Action(f"{AGENCY}/officers/{{officer}}/remove", ("removed_on:date",),
                             confirm="confirm_officer_remove"),
    "announcement-receive": Action("registry/agencies/{agency}/announcements/{announcement}/receive", ("on:date",)),
    "plan-create": Action("inspections/plans", ("year:int", "title"), then="/plans/{id}"),
    "plan-submit": Action("inspections/plans/{plan}/submit", ("proposing_doc",)),
    "plan-approve": Action("inspections/plans/{plan}/approve", ("approving_doc",), confirm="confirm_plan_approve"),
    "plan-adjust": Action("inspections/plans/{plan}/adjust", ("note",)),
    "plan-close": Action("inspections/plans/{plan}/close", confirm="confirm_plan_close"),
    "plan-carry-forward": Action("inspections/plans/{plan}/carry-forward", ("year:int",), then="/plans/{id}"),
    "inspection-create": Action("inspections/inspections",
                                ("agency_id", "form", "kind", "plan_id", "team_id", "scheduled_date:date"),
                                then="/inspections/{id}"),
    "inspection-notify": Action(f"{INSPECTION}/notify", ("notice_doc",)),
    "inspection-start": Action(f"{INSPECTION}/start", ("conducted_date:date",)),
    "inspection-postpone": Action(f"{INSPECTION}/postpone", ("reason", "new_date:date")),
    "inspection-cancel": Action(f"{INSPECTION}/cancel", ("reason",), confirm="confirm_inspection_cancel"),
    "inspection-close": Action(f"{INSPECTION}/close", confirm="confirm_inspection_close"),
    "finding-add": Action(f"{INSPECTION}/findings", ("type", "description", "iso_clause")),
    "inspection-record": Action(f"{INSPECTION}/record", ("record_date:date", "record_doc"), confirm="confirm_record"),
    "recommendation-add": Action(f"{INSPECTION}/recommendations", ("deadline:date", "description", "finding_id")),
    "inspection-conclude": Action(f"{INSPECTION}/conclude",
                                  ("conclusion_date:date", "conclusion_doc", "overall_result"),
                                  confirm="confirm_conclude"),
    "rec-remediation": Action("inspections/recommendations/{recommendation}/remediation", ("evidence",)),
    "rec-accept": Action("inspections/recommendations/{recommendation}/accept", ("note",)),
    "rec-reopen": Action("inspections/recommendations/{recommendation}/reopen", ("reason", "deadline:date")),
    "class-status": Action("training/classes/{klass}/status", ("status",)),
    "class-cancel": Action("training/classes/{klass}/status", ("status", "reason"), confirm="confirm_class_cancel"),
    "nominate": Action("training/classes/{klass}/registrations",
                       ("agency_id", "full_name", "person_id", "position", "qms_role")),
    "registration-cancel": Action("training/registrations/{registration}/cancel", ("reason",),
                                  confirm="confirm_registration_cancel"),
    "certificates-issue": Action("training/classes/{klass}/certificates", confirm="confirm_certificates"),
    "onsite-request": Action("training/onsite-requests", ("agency_id", "course_type", "participants:int",
                                                          "preferred_from:date", "preferred_to:date", "note")),
    "onsite-decline": Action("training/onsite-requests/{request}/decline", ("reason",), confirm="confirm_decline"),
    "line-create": Action("budget/lines", ("fiscal_year:int", "title", "category", "funding_source", "owner",
                                           "agency_id", "estimate:int"), then="/budget?year={fiscal_year}"),
    "line-approve": Action("budget/lines/{line}/approve", ("approved:int", "approved_on:date", "approving_doc"),
                           confirm="confirm_line_approve"),
    "disbursement-add": Action("budget/lines/{line}/disbursements", ("amount:int", "description", "spent_on:date")),
    "settlement-add": Action("budget/lines/{line}/settlements",
                             ("amount:int", "settlement_doc", "settled_on:date", "final:bool"),
                             confirm="confirm_settlement"),
    "report-create": Action("reporting/reports", ("report_type", "period_start:date", "cutoff:date"),
                            then="/reports/{id}"),
    "report-edit": Action(REPORT, ("difficulties", "proposals"), method="PATCH"),
    "report-send": Action(f"{REPORT}/send-for-approval"),
    "report-approve": Action(f"{REPORT}/approve", confirm="confirm_report_approve"),
    "report-reject": Action(f"{REPORT}/reject", ("reason",)),
    "report-submit": Action(f"{REPORT}/submit", confirm="confirm_report_submit"),
    "national-accept": Action(f"{NATIONAL_REPORT}/accept", ("comment",), confirm="confirm_national_accept"),
    "national-return": Action(f"{NATIONAL_REPORT}/return", ("comment",), confirm="confirm_national_return"),
}


@bp.post("/act/<name>")
@login_required
def act(name: str):
    action = ACTIONS.get(name)
    if action is None:
        abort(404)
    back = safe_next(request.form.get("next"), "/")
    if action.confirm and request.form.get("confirmed") != "1":
        return confirmation(name, action, back)
    try:
        result = run(action, request.form)
    except client.ApiError as exc:
        flash(message(exc), "error")
        if exc.status == STALE:
            keep(name, {spec.partition(":")[0]: request.form.get(spec.partition(":")[0], "")
                        for spec in action.fields})
        return redirect(back)
    flash(t("saved"), "ok")
    if action.then and isinstance(result, dict):
        return redirect(safe_next(action.then.format_map(_Blank(result)), back))
    return redirect(back)


def confirmation(name: str, action: Action, back: str):
    """The page that asks before what cannot be undone: what will happen, what was typed, and two ways on. Its
    form posts the same fields again with `confirmed`."""
    typed = [(key, value) for key, value in request.form.items(multi=True) if key not in ("csrf", "confirmed")]
    specs = [spec.partition(":") for spec in action.fields]
    shown = [(FIELD_LABELS.get(field, field), t("yes") if kind == "bool" else value) for field, _, kind in specs
             if (value := request.form.get(field, "").strip())]
    return render_template("confirm.html", name=name, question=t(action.confirm), typed=typed, back=back,
                           shown=shown)


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
    flash(t("saved"), "ok")
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
        return t("stale")
    said = problems.say(exc)
    fields = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in problems.fields(exc, _label).items())
    return f"{said} ({fields})" if fields else said


def _label(name: str) -> str | None:
    """The label of a form's field (FIELD_LABELS, else the label key of its name), None when the pages have none."""
    key = FIELD_LABELS.get(name, name)
    label = t(key)
    return label if label != key else None


def _segment(value: str) -> str:
    if not SAFE.match(value):
        abort(400)
    return value


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""
