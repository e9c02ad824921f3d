"""Values as JSON carries them (an error's parameters: kit.validation, kit.http)."""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
from collections.abc import Mapping


def json_safe(value: object) -> object:
    """Parameters as JSON carries them: numbers as numbers, dates ISO, enums their value, anything else its text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return json_safe(value.value)
    if isinstance(value, Mapping):
        return {str(name): json_safe(item) for name, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [json_safe(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return json_safe(dataclasses.asdict(value))
    return str(value)
