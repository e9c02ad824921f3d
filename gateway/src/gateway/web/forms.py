"""The pages' forms as Flask-WTF forms, and what a refused form shows again (ADR 37).

Every action of `gateway.web.actions` has a form class built from its field specs: text is stripped, `:date` is
read from dd/mm/yyyy (`fmt.typed_day`), `:int` from a whole number written with or without thousands dots, `:bool`
from a checkbox, `:list` from lines. What the gateway can tell alone (a date that is not one, a number that is not)
is refused beside the field without calling the service; the rest is the service's to decide, and its refusal's
field errors (`problems.by_field`) are shown beside the fields too. A refused form is kept in the session for the
page it came from (`keep`): what was typed, each field's errors, shown once. CSRF is Flask-WTF's `CSRFProtect`,
checked on every POST of the pages (blueprint), so the form classes carry no token of their own.
"""

from __future__ import annotations

import functools
import json
import re

from flask import g, session
from flask_babel import gettext, lazy_gettext
from flask_wtf import FlaskForm
from wtforms import BooleanField, Field, StringField, TextAreaField
from wtforms.validators import ValidationError

from gateway.web import fmt

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
    "step": lazy_gettext("Step"),
}
# The label of the other fields, for a service's refusal of one of them (gateway.web.problems.fields).
FORM_LABELS = {
    "activity_date": lazy_gettext("Date"), "activity_type": lazy_gettext("Activity"),
    "admin_level": lazy_gettext("Level"), "agency_id": lazy_gettext("Agency"), "agency_type": lazy_gettext("Type"),
    "appointed_on": lazy_gettext("Appointed on"), "built_with": lazy_gettext("Built by"),
    "category": lazy_gettext("Category"), "conducted_date": lazy_gettext("Date"), "deadline": lazy_gettext("Deadline"),
    "decision_date": lazy_gettext("Decision date"), "decision_no": lazy_gettext("Decision no."),
    "description": lazy_gettext("Description"), "difficulties": lazy_gettext("Difficulties"),
    "estimate": lazy_gettext("Estimate"), "fiscal_year": lazy_gettext("Year"), "form": lazy_gettext("Form"),
    "full_name": lazy_gettext("Full name"), "head_name": lazy_gettext("Head"),
    "location_unit_code": lazy_gettext("Administrative unit code"),
    "ma_dinh_danh": lazy_gettext("Identification code"),
    "name": lazy_gettext("Name"), "note": lazy_gettext("Note"), "notice_doc": lazy_gettext("Notice no."),
    "owner": lazy_gettext("Owner"), "parent_agency_id": lazy_gettext("Parent agency"), "plan_id": lazy_gettext("Plan"),
    "preferred_from": lazy_gettext("From"), "proposals": lazy_gettext("Proposals"), "qms_role": lazy_gettext("Role"),
    "report_type": lazy_gettext("Report type"), "result": lazy_gettext("Result"), "role": lazy_gettext("Role"),
    "short_name": lazy_gettext("Short name"), "spent_on": lazy_gettext("Date"),
    "standard_version": lazy_gettext("Standard"), "team_id": lazy_gettext("Team"), "title": lazy_gettext("Title"),
    "tthc_count": lazy_gettext("Administrative procedures"), "type": lazy_gettext("Type"),
    "user_subject": lazy_gettext("Login account"), "year": lazy_gettext("Year"),
}
MEMBER_FIELD = re.compile(r"(?P<field>full_name|role|user_subject)_(?P<row>\d+)")  # the team form's rows
CRITERION_FIELD = re.compile(r"(?P<field>result|note)-(?P<code>.+)")  # the checklist's, one a criterion


def label_of(name: str) -> str:
    """The label of a form's field as the pages show it (a field of the team form's n-th row: "Member n: ..."); a
    field they do not name, made readable."""
    row = MEMBER_FIELD.fullmatch(name)
    if row:
        return f"{gettext('Member')} {row['row']}: {label_of(row['field'])}"
    criterion = CRITERION_FIELD.fullmatch(name)
    if criterion:
        return f"{gettext('Criterion')} {criterion['code']}: {label_of(criterion['field'])}"
    label = FIELD_LABELS.get(name) or FORM_LABELS.get(name)
    return str(label) if label is not None else name.replace("_", " ")


KEPT_BYTES = 1500  # what the session cookie can carry beside the token
BAD_DAY = lazy_gettext("Type the date as day/month/year, e.g. 05/01/2026.")
BAD_NUMBER = lazy_gettext("Type a whole number, e.g. 1.500.000.")


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class DayField(StringField):
    """A date typed dd/mm/yyyy (or d/m/yyyy, or ISO); its data is the ISO date, None when left empty."""

    def process_formdata(self, valuelist):
        self.raw = (valuelist[0] if valuelist else "").strip()
        self.data = fmt.typed_day(self.raw) if self.raw else None

    def pre_validate(self, form):
        if self.raw and fmt.parse_day(self.data) is None:
            raise ValidationError(str(BAD_DAY))


class WholeNumberField(StringField):
    """A whole number, thousands written with dots or spaces ("1.500.000"); None when left empty."""

    def process_formdata(self, valuelist):
        self.raw = (valuelist[0] if valuelist else "").strip()
        digits = self.raw.replace(".", "").replace(" ", "")
        self.data = int(digits) if digits.lstrip("-").isdigit() else None

    def pre_validate(self, form):
        if self.raw and self.data is None:
            raise ValidationError(str(BAD_NUMBER))


class LinesField(TextAreaField):
    """One item per line; empty lines dropped."""

    def process_formdata(self, valuelist):
        text = valuelist[0] if valuelist else ""
        self.data = [line.strip() for line in text.splitlines() if line.strip()] or None


KINDS: dict[str, type[Field]] = {"date": DayField, "int": WholeNumberField, "list": LinesField, "bool": BooleanField}


class ActionForm(FlaskForm):
    """A form of `actions.ACTIONS`; `body()` is what the service is sent."""

    class Meta:
        csrf = False  # checked for every POST of the pages by CSRFProtect (gateway.web.blueprint)

    def body(self) -> dict:
        """The fields filled in: empty ones are left out, an unticked box too (the service's default holds)."""
        return {name: field.data for name, field in self._fields.items() if field.data not in (None, "", False)}


@functools.cache
def form_class(name: str, specs: tuple[str, ...]) -> type[ActionForm]:
    """The form of action `name` with fields `specs` ("name", "name:date", ...)."""
    fields = {}
    for spec in specs:
        field, _, kind = spec.partition(":")
        if hasattr(ActionForm, field):
            raise ValueError(f"action {name}: field {field!r} is a name the form class already has")
        fields[field] = KINDS[kind]() if kind else StringField(filters=[_strip])
    return type(f"{name.title().replace('-', '')}Form", (ActionForm,), fields)


def keep(form: str, typed: dict, errors: dict[str, list[str]] | None = None) -> None:
    """What the user typed in `form`, and what was wrong with each field, for the page to show again once. The
    session is a cookie (at most 4 KB with the token): when the typed text is too long, only the errors are kept,
    else the browser would drop the whole cookie. The errors are kept in the order of the form's fields (a list:
    the session's JSON sorts a dict's keys)."""
    errors = errors or {}
    ordered = [[name, errors[name]] for name in typed if name in errors]
    ordered += [[name, messages] for name, messages in errors.items() if name not in typed]
    kept = {"form": form, "typed": typed, "errors": ordered}
    if len(json.dumps(kept, ensure_ascii=False).encode()) > KEPT_BYTES:
        kept["typed"] = {}
    session["kept"] = kept


def refused() -> dict:
    """The form kept by `keep` for this page ({} when none): taken from the session once per request."""
    if "refused" not in g:
        g.refused = session.pop("kept", None) or {}
    return g.refused


def kept(form: str) -> dict:
    """What was typed in `form` when it was refused, or nothing."""
    found = refused()
    return found.get("typed") or {} if found.get("form") == form else {}


# The template helpers: the `act` macro opens and closes a form by name, its fields ask for their value and errors.
def opening(form: str) -> str:
    g.form_open = form
    return ""


def closing() -> str:
    g.form_open = None
    return ""


def _mine() -> dict:
    found = refused()
    return found if found and found.get("form") == g.get("form_open") else {}


def value_of(field: str, value=""):
    """The value a field shows: what was typed when its form was refused, else `value`."""
    typed = _mine().get("typed") or {}
    return typed.get(field, value)


def errors_of(field: str) -> list[str]:
    return dict(_mine().get("errors") or ()).get(field, [])


def summary() -> list[tuple[str, str, str]]:
    """(field id, label, what is wrong) of each error of the refused form, for the summary at the top of the page."""
    found = refused()
    return [(f"f-{found['form']}-{name}", label_of(name), " ".join(messages))
            for name, messages in found.get("errors") or () if messages]


def field_id(field: str) -> str:
    """The id of a field of the open form, for the error summary's links."""
    return f"f-{g.get('form_open') or 'form'}-{field}"
