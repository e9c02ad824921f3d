"""What a service's refusal says to the person at the page, in their language (ADR 34).

A problem carries `code` and `params` (and, for a refused form, `error_codes`: its fields' paths to codes); the
words come from the gettext domain `errors` (gateway/translations/<lang>/LC_MESSAGES/errors.po). A code is looked
up under the service that sent it, then "kit" (what every service sends), then "gateway"; a parameter whose value
has words of its own (msgctxt `<context>.<param>`) is said in them, money and dates as the pages show them. A code
with no words is a generic sentence naming the HTTP status: never the English `detail`, which is for API users.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from flask_babel import Domain, get_locale

from gateway.web import codes, i18n
from gateway.web.client import ApiError

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
DOMAIN = Domain(translation_directories=str(TRANSLATIONS), domain="errors")
SHARED = ("kit", "gateway")  # after the service's own codes
UNKNOWN = "unknown_problem"  # msgctxt "gateway": a code the catalogue does not have
MONEY = frozenset({"amount", "cap", "total", "approved", "disbursed"})
BYTES = frozenset({"limit"})
STATUSES = frozenset({"status", "current", "to"})  # the pages' own labels say these (`status`)
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
MEGABYTE = 1 << 20


def say(error: ApiError) -> str:
    """The problem's code and params as one sentence in the user's language."""
    code, params = error.problem.get("code"), error.problem.get("params") or {}
    said = sentence(error.service, code, params) if isinstance(code, str) else None
    return said if said is not None else _words("gateway", UNKNOWN) % {"status": error.status}


def fields(error: ApiError, label: Callable[[str], str | None] = lambda name: None) -> dict[str, list[str]]:
    """The refused form's fields, each with what is wrong with it: `label(name)` names a field the page knows,
    else its name is made readable; a list's index is a row ("dòng 1")."""
    coded = error.problem.get("error_codes") or {}
    return {_path(path, label): [_field_message(error.service, item) for item in items]
            for path, items in _leaves(coded)}


def by_field(error: ApiError, name_of: Callable[[list[str]], str | None] = lambda _parts: None,
             ) -> dict[str, list[str]]:
    """The refused form's errors by the name of its field, to show beside it: the name `name_of` gives a path's
    parts (a field of one of the form's rows: `members.1.full_name` is `full_name_2`), else the path's first part,
    a deeper path's rest named before the message ("dòng 1: ...")."""
    found: dict[str, list[str]] = {}
    for path, items in _leaves(error.problem.get("error_codes") or {}):
        parts = [name for name in path if name not in ("_schema", "json", "query")]
        messages = [_field_message(error.service, item) for item in items]
        named = name_of(parts)
        if named is not None:
            found.setdefault(named, []).extend(messages)
            continue
        rest = _path(tuple(parts[1:]), lambda _name: None)
        found.setdefault(parts[0] if parts else "", []).extend(f"{rest}: {m}" if rest else m for m in messages)
    return found


def row_fields(key: str, field_of: Callable[[int, str], str], rows: int) -> Callable[[list[str]], str | None]:
    """A namer for `by_field`: an error about a field of the n-th of the `rows` items of the list `key` sent
    (`members.1.full_name`) is named after the form's field `field_of(n, field)` that item was typed in."""
    def name_of(parts: list[str]) -> str | None:
        if len(parts) >= 3 and parts[0] == key and parts[1].isdigit() and int(parts[1]) < rows:
            return field_of(int(parts[1]), parts[2])
        return None
    return name_of


def sentence(service: str, code: str, params: dict) -> str | None:
    """The words for `code` under the first context that has them, or None."""
    for context in (service, *SHARED):
        template = _words(context, code)
        if template is not None:
            return template % _Said(context, params)
    return None


def _words(context: str, msgid: str) -> str | None:
    text = DOMAIN.get_translations().upgettext(context, msgid)
    return None if text == msgid else text


def _field_message(service: str, item: object) -> str:
    if isinstance(item, dict) and isinstance(item.get("code"), str):
        said = sentence(service, item["code"], item.get("params") or {})
        if said is not None:
            return said
    return sentence(service, "validator_failed", {}) or ""


def _leaves(coded: dict, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], list]]:
    for name, value in coded.items():
        if isinstance(value, dict):
            yield from _leaves(value, (*path, str(name)))
        elif isinstance(value, list):
            yield (*path, str(name)), value


def _path(path: tuple[str, ...], label: Callable[[str], str | None]) -> str:
    return ", ".join(_part(name, label) for name in path if name not in ("_schema", "json", "query"))


def _part(name: str, label: Callable[[str], str | None]) -> str:
    if name.isdigit():
        return _words("gateway", "row") % {"number": int(name) + 1}
    return label(name) or name.replace("_", " ")


class _Said(dict):
    """The params as the sentence shows them (looked up by `%(name)s`)."""

    def __init__(self, context: str, params: dict):
        super().__init__()
        self.context, self.params = context, params

    def __missing__(self, name: str) -> str:
        return self.shown(name, self.params.get(name))

    def shown(self, name: str, value: object) -> str:
        locale = str(get_locale() or "vi")
        if isinstance(value, list):
            return ", ".join(self.shown(name, item) for item in value)
        if isinstance(value, dict) and isinstance(value.get("code"), str):  # a cell's error, in a file's errors
            said = sentence(self.context, value["code"], value.get("params") or {}) or value["code"]
            return f"{value['column']}: {said}" if value.get("column") else said
        if isinstance(value, bool) or value is None:
            return "—" if value is None else str(value)
        if isinstance(value, int | float):
            return _number(name, value, locale)
        text = str(value)
        words = _words(f"{self.context}.{name}", text)
        if words is not None:
            return words
        if ISO_DAY.fullmatch(text):
            return format_date(date.fromisoformat(text), "dd/MM/yyyy", locale=locale)
        return status(self.context, text) if name in STATUSES else text


# Where a service's statuses are named in the pages' catalogue (gateway.web.codes): a refused move names the status
# of a record of that service, and the first of its contexts that knows the code says it.
STATUS_CONTEXTS = {
    "registry": (codes.QS_STATUS, codes.AGENCY_STATUS, codes.IMPORT_STATUS),
    "inspections": (codes.INSPECTION_STATUS, codes.PLAN_STATUS, codes.RECOMMENDATION_STATUS),
    "training": (codes.CLASS_STATUS, codes.REGISTRATION_STATUS, codes.REQUEST_STATUS),
    "budget": (codes.LINE_STATUS,),
    "reporting": (codes.REPORT_STATUS,),
}


def status(service: str, code: str) -> str:
    """A status code in the page's language, under the first of the service's status contexts that knows it."""
    for context in STATUS_CONTEXTS.get(service, ()):
        words = i18n.label(code, context)
        if words != code:
            return words
    return code


def _number(name: str, value: float, locale: str) -> str:
    if name in MONEY:
        return format_currency(value, "VND", format="#,##0 ¤", locale="vi")
    if name in BYTES:
        return f"{format_decimal(value / MEGABYTE, format='#,##0.#', locale=locale)} MB"
    return str(value)
