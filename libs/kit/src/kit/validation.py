"""Codes for marshmallow's refusals (issue 23, ADR 34): what API users read in `errors` stays marshmallow's words,
and every one of them also says which rule refused the value, so the problem's `error_codes` need not read words.

A message is a `Coded` text: a `str` (the same words as before, so `errors` is unchanged), carrying the `code` and
`params` it was made from. `install()` (run once when kit is imported) makes marshmallow build them: a field's
`make_error(key, **kwargs)` gives the code `key` (`required`, `null`, `invalid`...; an enum's `unknown` is
`one_of`) with the field's type and the kwargs as params; a validator gives its own code (`range`, `length_max`,
`one_of`, `email`...) with its bounds or choices; a schema's unknown field is `unknown_field`. A schema's own
check raises `refused(code, words, **params)`; anything else is `invalid`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import marshmallow as ma
from marshmallow import fields, validate

from kit.plain import json_safe

FALLBACK = "invalid"
RENAMED = {"unknown": "one_of", "type": "invalid_object"}  # keys whose code says more under another name
SCHEMA_CODES = {"unknown": "unknown_field", "type": "invalid_object"}


class Coded(str):
    """Words that also carry the `code` and `params` they were made from."""

    code: str
    params: dict

    def __new__(cls, text: str, code: str, params: Mapping[str, object] | None = None) -> Coded:
        coded = super().__new__(cls, text)
        coded.code, coded.params = code, json_safe(dict(params or {}))
        return coded

    def __getnewargs__(self) -> tuple[str, str, dict]:  # copies (a schema's messages are deep-copied) keep the code
        return str(self), self.code, self.params


def refused(code: str, text: str, field_name: str | None = None, **params: object) -> ma.ValidationError:
    """A schema check's refusal: `raise refused("nothing_to_change", "give at least one field", "_schema")`."""
    message = Coded(text, code, params)
    return ma.ValidationError(message, field_name) if field_name else ma.ValidationError(message)


def codes_of(messages: object) -> object:
    """`errors` with every message replaced by its {code, params}: the same paths, lists of codes."""
    if isinstance(messages, Mapping):
        return {str(name): codes_of(value) for name, value in messages.items()}
    if isinstance(messages, list | tuple):
        return [codes_of(message) for message in messages]
    if isinstance(messages, Coded):
        return {"code": messages.code, "params": messages.params}
    return {"code": FALLBACK, "params": {}}


def kind(field: fields.Field) -> str:
    """The field's type in a word: its nearest marshmallow class (`Integer` -> `integer`, kit's `Choice` -> `enum`)."""
    for cls in type(field).__mro__:
        if cls.__module__ == fields.__name__ and not cls.__name__.startswith("_"):
            return cls.__name__.lower()
    return "field"


def _coded(error: ma.ValidationError, code: str, params: Mapping[str, object]) -> ma.ValidationError:
    messages = error.messages
    if isinstance(messages, list) and len(messages) == 1 and type(messages[0]) is str:
        return ma.ValidationError(Coded(messages[0], code, params), error.field_name)
    return error


def _field_make_error(make_error: Callable) -> Callable:
    def coded_make_error(self: fields.Field, key: str, **kwargs: object) -> ma.ValidationError:
        params = {"type": kind(self), **{name: value for name, value in kwargs.items() if name != "obj_type"}}
        return _coded(make_error(self, key, **kwargs), RENAMED.get(key, key), params)

    return coded_make_error


def _range(check: validate.Range, value: object) -> tuple[str, dict]:
    low = check.min is not None and (value < check.min if check.min_inclusive else value <= check.min)
    code = ("range_min" if check.max is None else "range") if low else (
        "range_max" if check.min is None else "range")
    return code, _given(min=check.min, max=check.max)


def _length(check: validate.Length, value: object) -> tuple[str, dict]:
    if check.equal is not None:
        return "length_equal", {"equal": check.equal}
    short = check.min is not None and len(value) < check.min
    code = ("length_min" if check.max is None else "length") if short else (
        "length_max" if check.min is None else "length")
    return code, _given(min=check.min, max=check.max)


def _given(**bounds: object) -> dict:
    return {name: bound for name, bound in bounds.items() if bound is not None}


VALIDATORS: dict[type, Callable[[object, object], tuple[str, dict]]] = {
    validate.Range: _range,
    validate.Length: _length,
    validate.OneOf: lambda check, value: ("one_of", {"choices": list(check.choices)}),
    validate.ContainsOnly: lambda check, value: ("one_of", {"choices": list(check.choices)}),
    validate.NoneOf: lambda check, value: ("none_of", {"values": list(check.iterable)}),
    validate.Equal: lambda check, value: ("equal", {"other": check.comparable}),
    validate.Email: lambda check, value: ("email", {}),
    validate.URL: lambda check, value: ("url", {}),
    validate.Regexp: lambda check, value: ("pattern", {}),
    validate.Predicate: lambda check, value: (FALLBACK, {}),
}


def _validator_call(call: Callable, code_of: Callable) -> Callable:
    def coded_call(self, value):
        try:
            return call(self, value)
        except ma.ValidationError as error:
            raise _coded(error, *code_of(self, value)) from None

    return coded_call


def install() -> None:
    """Make marshmallow's fields, validators and schemas give `Coded` messages (once; the words do not change)."""
    if getattr(fields.Field.make_error, "coded", False):
        return
    fields.Field.make_error = _field_make_error(fields.Field.make_error)
    fields.Field.make_error.coded = True
    for cls, code_of in VALIDATORS.items():
        cls.__call__ = _validator_call(cls.__dict__["__call__"], code_of)
    defaults = ma.Schema._default_error_messages
    ma.Schema._default_error_messages = {key: Coded(text, SCHEMA_CODES.get(key, key)) for key, text in defaults.items()}


def codes() -> set[str]:
    """Every code a refusal of marshmallow's can carry (the gateway's catalogue has words for each)."""
    keys = {key for cls in _subclasses(fields.Field) for key in vars(cls).get("default_error_messages", {})}
    from_validators = {"range", "range_min", "range_max", "length", "length_min", "length_max", "length_equal",
                       "one_of", "none_of", "equal", "email", "url", "pattern"}
    return {RENAMED.get(key, key) for key in keys} | from_validators | set(SCHEMA_CODES.values()) | {FALLBACK}


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    return found.union(*(_subclasses(sub) for sub in found)) | {cls}
