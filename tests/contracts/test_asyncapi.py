"""The AsyncAPI document of the event stream is valid AsyncAPI 3.0 and says what the catalogue and the codec do.

The document is validated against the AsyncAPI specification's own JSON Schema (npm `@asyncapi/specs`, installed
by `make prepare`); each example is checked twice: against the message's schemas and through the real codec.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import uuid

import jsonschema
import pytest

import contracts
from contracts import asyncapi
from contracts.catalogue import required_fields
from localinfra.npm import ensure_asyncapi_schema


@pytest.fixture(scope="module")
def document():
    return asyncapi.document()


@pytest.fixture(scope="module")
def specification():
    return jsonschema.Draft7Validator(json.loads(ensure_asyncapi_schema("3.0.0").read_text()))


def conforms(document: dict, pointer: str, instance: object) -> list[str]:
    """The errors of `instance` against the schema at `pointer` of the document (its $refs resolved there)."""
    schema = {"$ref": f"#/{pointer}", "components": document["components"]}
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    return [error.message for error in validator.iter_errors(instance)]


class TestTheDocument:
    def test_is_valid_asyncapi_3(self, document, specification):
        assert document["asyncapi"] == "3.0.0"
        assert [error.message for error in specification.iter_errors(document)] == []

    def test_the_validation_would_catch_a_broken_document(self, document, specification):
        broken = copy.deepcopy(document)
        next(iter(broken["operations"].values()))["action"] = "publish"  # AsyncAPI 2's word, not 3's

        assert list(specification.iter_errors(broken))

    def test_is_the_same_on_every_build(self):
        assert asyncapi.text() == asyncapi.text()


class TestAgainstTheCatalogue:
    def test_every_declared_event_is_a_message_on_its_topic_and_published_there(self, document):
        for (event_type, version), cls in contracts.REGISTRY.items():
            message_id = f"{event_type}.v{version}"
            channel = asyncapi.channel_id(contracts.topic_of(event_type))

            assert message_id in document["components"]["messages"], message_id
            assert message_id in document["channels"][channel]["messages"]
            assert message_id in document["channels"][f"{channel}_dlq"]["messages"]
            published = document["operations"][f"{channel}_published"]["messages"]
            assert {"$ref": f"#/channels/{channel}/messages/{message_id}"} in published

    def test_no_message_is_there_that_the_catalogue_does_not_declare(self, document):
        declared = {f"{event_type}.v{version}" for event_type, version in contracts.REGISTRY}

        assert set(document["components"]["messages"]) == declared

    def test_the_data_schema_has_exactly_the_event_fields_and_requires_those_without_defaults(self, document):
        for (event_type, version), cls in contracts.REGISTRY.items():
            schema = document["components"]["schemas"][f"{event_type}.v{version}"]

            assert set(schema["properties"]) == {field.name for field in dataclasses.fields(cls)}
            assert set(schema["required"]) == required_fields(cls)


class TestExamples:
    def test_every_message_has_an_example(self, document):
        bare = [mid for mid, message in document["components"]["messages"].items() if not message["examples"]]

        assert bare == []

    def test_every_example_matches_its_schema_and_decodes_through_the_codec(self, document):
        for message_id, message in document["components"]["messages"].items():
            for example in message["examples"]:
                payload = example["payload"]

                assert conforms(document, f"components/messages/{message_id}/payload", payload) == [], message_id
                envelope = contracts.decode(json.dumps(payload).encode())
                assert envelope.event() is not None

    def test_a_payload_that_breaks_the_schema_is_refused(self, document):
        message_id, message = next(iter(document["components"]["messages"].items()))
        payload = copy.deepcopy(message["examples"][0]["payload"])
        payload["data"].pop(sorted(required_fields(contracts.REGISTRY[_key(message_id)]))[0])

        assert conforms(document, f"components/messages/{message_id}/payload", payload) != []


class TestTheWire:
    def test_what_the_platform_sends_matches_the_message_body_and_headers(self, document):
        for (event_type, version), cls in contracts.REGISTRY.items():
            message_id = f"{event_type}.v{version}"
            envelope = contracts.wrap(_example(cls), id=uuid.uuid4(), source="/tests", tenant="thai-binh",
                                      time=contracts.codec.from_iso("2026-12-04T01:00:00Z"), correlation_id="c-1")
            body = json.loads(contracts.encode(envelope))
            headers = {name: value.decode() for name, value in contracts.headers(envelope)}

            assert conforms(document, f"components/messages/{message_id}/payload", body) == [], message_id
            assert conforms(document, f"components/messages/{message_id}/headers", headers) == [], message_id


def _key(message_id: str) -> tuple[str, int]:
    event_type, version = message_id.rsplit(".v", 1)
    return event_type, int(version)


def _example(cls: type) -> object:
    """The event of the first example of `cls`, decoded by the codec."""
    example = asyncapi.examples(cls)[0]["payload"]["data"]
    return contracts.codec.from_json(cls, example)
