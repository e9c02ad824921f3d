"""Contract tests: examples round-trip, every event has one, released versions are never edited."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import contracts
from contracts import codec
from contracts.catalogue import field_types, required_fields

PACKAGE = Path(contracts.__file__).parent
RELEASED = json.loads((PACKAGE / "released.json").read_text())
EXAMPLES = sorted((PACKAGE / "examples").glob("*/*/*.json"))


def example_class(path: Path) -> type:
    return contracts.lookup(path.parent.parent.name, int(path.parent.name))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.parent.name}/v{p.parent.name}/{p.stem}")
def test_every_example_round_trips_through_the_codec(path):
    data = json.loads(path.read_text())

    event = codec.from_json(example_class(path), data)

    assert codec.to_json(event) == {**{k: None for k in codec.to_json(event)}, **data}


@pytest.mark.parametrize("key", sorted(contracts.REGISTRY), ids=lambda k: f"{k[0]} v{k[1]}")
def test_every_event_has_an_example(key):
    event_type, version = key

    assert list((PACKAGE / "examples" / event_type / str(version)).glob("*.json")), "add an example payload"


@pytest.mark.parametrize("key", sorted(contracts.REGISTRY), ids=lambda k: f"{k[0]} v{k[1]}")
def test_every_event_is_recorded_as_released(key):
    assert f"{key[0]} v{key[1]}" in RELEASED, "record the new version in released.json"


@pytest.mark.parametrize("name", sorted(RELEASED))
def test_a_released_version_keeps_its_fields_and_types(name):
    event_type, version = name.rsplit(" v", 1)
    current = field_types(contracts.lookup(event_type, int(version)))

    for field, type_name in RELEASED[name].items():
        assert current.get(field) == type_name, f"{name}: field {field!r} was removed or retyped; add v2"


@pytest.mark.parametrize("name", sorted(RELEASED))
def test_a_field_added_to_a_released_version_is_optional(name):
    event_type, version = name.rsplit(" v", 1)
    cls = contracts.lookup(event_type, int(version))

    added = set(field_types(cls)) - set(RELEASED[name])

    assert not (added & required_fields(cls)), f"{name}: new fields need a default"


def test_event_types_name_service_aggregate_and_a_past_tense_verb():
    for event_type, _ in contracts.REGISTRY:
        service, aggregate, verb = event_type.split(".")
        assert verb.endswith("ed"), event_type
        assert contracts.topic_of(event_type) == f"{service}.{aggregate}"
