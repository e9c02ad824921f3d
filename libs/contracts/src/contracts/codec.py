"""Dataclass <-> JSON for the small set of field types events may use.

Allowed: str, int, bool, UUID, date, datetime (UTC), StrEnum, list/tuple of these, nested frozen
dataclasses, and Optional of any of them. Money is an int of VND. Floats are refused on purpose.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import UTC, date, datetime
from enum import StrEnum
from uuid import UUID


class CodecError(ValueError):
    """The payload does not match the event's declared fields."""


def to_json(obj: object) -> object:
    if dataclasses.is_dataclass(obj):
        return {f.name: to_json(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_json(item) for item in obj]
    if isinstance(obj, datetime):
        return _utc(obj).isoformat().replace("+00:00", "Z")
    if isinstance(obj, (date, UUID)):
        return str(obj) if isinstance(obj, UUID) else obj.isoformat()
    if isinstance(obj, StrEnum):
        return obj.value
    if obj is None or isinstance(obj, (str, int, bool)):
        return obj
    raise CodecError(f"type {type(obj).__name__} is not allowed in an event")


def from_json(cls: type, data: object) -> object:
    """Build `cls` from JSON; unknown keys are ignored (tolerant reader)."""
    if not isinstance(data, dict):
        raise CodecError(f"{cls.__name__}: expected an object")
    hints = typing.get_type_hints(cls)
    values = {}
    for field in dataclasses.fields(cls):
        if field.name in data:
            values[field.name] = _decode(hints[field.name], data[field.name], field.name)
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise CodecError(f"{cls.__name__}: missing field {field.name!r}")
    return cls(**values)


def _decode(tp: object, value: object, name: str) -> object:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        [inner] = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        return _decode(inner, value, name)
    if origin in (list, tuple):
        if not isinstance(value, list):
            raise CodecError(f"{name}: expected a list")
        [inner, *_] = typing.get_args(tp)
        items = [_decode(inner, item, name) for item in value]
        return items if origin is list else tuple(items)
    try:
        return _scalar(tp, value)
    except (TypeError, ValueError) as exc:
        raise CodecError(f"{name}: {exc}") from exc


def _scalar(tp: object, value: object) -> object:
    if dataclasses.is_dataclass(tp):
        return from_json(tp, value)
    if tp is bool or tp is int:
        if type(value) is not tp:
            raise TypeError(f"expected {tp.__name__}, got {type(value).__name__}")
        return value
    if tp is str:
        if not isinstance(value, str):
            raise TypeError(f"expected str, got {type(value).__name__}")
        return value
    if tp is UUID:
        return UUID(str(value))
    if tp is datetime:
        return from_iso(str(value))
    if tp is date:
        return date.fromisoformat(str(value))
    if isinstance(tp, type) and issubclass(tp, StrEnum):
        return tp(value)
    raise TypeError(f"type {tp!r} is not allowed in an event")


def from_iso(text: str) -> datetime:
    """Parse an ISO-8601 UTC timestamp as written by `to_json`."""
    return _utc(datetime.fromisoformat(text.replace("Z", "+00:00")))


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise CodecError("datetimes in events must be timezone-aware")
    return moment.astimezone(UTC)
