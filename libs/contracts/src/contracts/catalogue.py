"""The catalogue of integration events: one entry per (type, version)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

REGISTRY: dict[tuple[str, int], type] = {}


class UnknownEvent(LookupError):
    """No event class is declared for this (type, version)."""


def event(type_: str, *, version: int, key: str) -> Callable[[type[T]], type[T]]:
    """Declare an integration event `<service>.<aggregate>.<past-tense verb>`.

    `key` names the field whose value is the Kafka key (the aggregate id), so all events of one
    aggregate land on one partition and keep their order.
    """

    def declare(cls: type[T]) -> type[T]:
        if (type_, version) in REGISTRY:
            raise ValueError(f"{type_} v{version} is declared twice")
        if key not in {f.name for f in dataclasses.fields(cls)}:
            raise ValueError(f"{cls.__name__} has no key field {key!r}")
        cls.event_type, cls.event_version, cls.key_field = type_, version, key
        REGISTRY[(type_, version)] = cls
        return cls

    return declare


def topic_of(type_: str) -> str:
    """`registry.agency.registered` -> `registry.agency`."""
    service, aggregate, _verb = type_.split(".")
    return f"{service}.{aggregate}"


def lookup(type_: str, version: int) -> type:
    try:
        return REGISTRY[(type_, version)]
    except KeyError:
        raise UnknownEvent(f"{type_} v{version}") from None



def field_types(cls: type) -> dict[str, str]:
    """The normalized field list of an event class, as stored in `released.json`."""
    return {f.name: str(f.type).replace(" ", "") for f in dataclasses.fields(cls)}


def required_fields(cls: type) -> set[str]:
    missing = dataclasses.MISSING
    return {f.name for f in dataclasses.fields(cls) if f.default is missing and f.default_factory is missing}
