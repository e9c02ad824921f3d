"""The event stream as an AsyncAPI 3.0 document, generated from the catalogue, so integrators (a provincial
e-office, the national portal) can consume it without reading our code.

One channel per topic (and its dead-letter topic), one message per (type, version) with the CloudEvents envelope
as payload and the event's fields as the schema of `data`, the `ce_*` Kafka headers, the Kafka key, and the
examples of `contracts/examples`. Nothing here is written by hand per event: a new event appears by being declared.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
import uuid
from datetime import date, datetime
from enum import StrEnum
from importlib import resources
from uuid import UUID

from contracts.catalogue import REGISTRY, required_fields, topic_of
from contracts.envelope import CONTENT_TYPE, SPEC_VERSION

VERSION = "3.0.0"
EXAMPLE_TENANT = "an-giang"
# Example envelopes get ids derived from their names, so the document is the same on every build.
EXAMPLE_IDS = uuid.UUID("6f1c3c55-1b8e-4c38-9d0e-0c2a0f1e4a11")
SCALARS = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    UUID: {"type": "string", "format": "uuid"},
    date: {"type": "string", "format": "date"},
    datetime: {"type": "string", "format": "date-time"},
}
TEXT = {"type": "string"}
OPTIONAL_TEXT = {"type": ["string", "null"]}


def document() -> dict:
    schemas: dict[str, dict] = {}
    messages = {message_id(cls): message(cls, schemas) for cls in _events()}
    topics = sorted({topic_of(cls.event_type) for cls in _events()})
    channels, operations = {}, {}
    for topic in topics:
        mine = {mid: {"$ref": f"#/components/messages/{mid}"} for mid, m in messages.items()
                if m["x-topic"] == topic}
        channels[channel_id(topic)] = {
            "address": topic,
            "title": topic,
            "description": f"Các sự kiện của `{topic}`; khóa Kafka là mã của đối tượng, nên các sự kiện của "
                           f"một đối tượng giữ thứ tự / events of `{topic}`, keyed by the aggregate id, so the "
                           "events of one aggregate keep their order.",
            "messages": mine,
        }
        channels[channel_id(f"{topic}.dlq")] = {
            "address": f"{topic}.dlq",
            "title": f"{topic}.dlq",
            "description": "Thư chết: thông điệp không xử lý được, kèm tiêu đề x-original-topic, "
                           "x-original-partition, x-original-offset, x-error, x-attempts, x-consumer / dead letters "
                           f"of `{topic}`: the original message with those headers added.",
            "messages": mine,
        }
        operations[channel_id(topic) + "_published"] = {
            "action": "send",
            "title": f"{topic_owner(topic)} publishes {topic}",
            "channel": {"$ref": f"#/channels/{channel_id(topic)}"},
            "messages": [{"$ref": f"#/channels/{channel_id(topic)}/messages/{mid}"} for mid in mine],
        }
    return {
        "asyncapi": VERSION,
        "info": {
            "title": "ISO-HCC events",
            "version": "v1",
            "description": "Sự kiện tích hợp của ISO-HCC (CloudEvents 1.0, chế độ structured, JSON) / ISO-HCC "
                           "integration events: CloudEvents 1.0 in structured mode, the attributes mirrored "
                           "into `ce_*` Kafka headers. Consumers must ignore fields they do not know.",
        },
        "servers": {
            "cluster": {
                "host": "{bootstrap}",
                "protocol": "kafka-secure",
                "description": "Kafka của nền tảng: TLS, mỗi ứng dụng một người dùng SCRAM / the platform's "
                               "Kafka: TLS, one SCRAM user per application.",
                "variables": {"bootstrap": {"description": "the bootstrap servers given with the credentials"}},
                "security": [{"$ref": "#/components/securitySchemes/scram"}],
            },
        },
        "defaultContentType": CONTENT_TYPE,
        "channels": channels,
        "operations": operations,
        "components": {
            "messages": messages,
            "schemas": dict(sorted(schemas.items())),
            "securitySchemes": {"scram": {"type": "scramSha512"}},
        },
    }


def text() -> str:
    return json.dumps(document(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def message_id(cls: type) -> str:
    return f"{cls.event_type}.v{cls.event_version}"


def channel_id(topic: str) -> str:
    return topic.replace(".", "_")


def topic_owner(topic: str) -> str:
    return topic.split(".")[0]


def message(cls: type, schemas: dict[str, dict]) -> dict:
    data_schema = f"{cls.event_type}.v{cls.event_version}"
    schemas[data_schema] = object_schema(cls, schemas)
    payload = envelope_schema(cls, data_schema)
    return {
        "name": cls.__name__,
        "title": f"{cls.event_type} v{cls.event_version}",
        "summary": (cls.__doc__ or cls.__name__).strip().splitlines()[0],
        "contentType": CONTENT_TYPE,
        "headers": headers_schema(cls),
        "payload": payload,
        "bindings": {"kafka": {"key": {"type": "string", "description": f"the event's `{cls.key_field}`"},
                               "bindingVersion": "0.5.0"}},
        "examples": examples(cls),
        "x-topic": topic_of(cls.event_type),
    }


def envelope_schema(cls: type, data_schema: str) -> dict:
    properties = {
        "specversion": {"const": SPEC_VERSION},
        "id": {"type": "string", "format": "uuid", "description": "unique per event; consumers deduplicate on it"},
        "type": {"const": cls.event_type},
        "version": {"const": cls.event_version},
        "source": TEXT,
        "time": {"type": "string", "format": "date-time"},
        "tenant": {"type": "string", "description": "the province (tenant slug)"},
        "subject": {"type": "string", "description": f"the aggregate id: the event's `{cls.key_field}`"},
        "correlationid": OPTIONAL_TEXT,
        "causationid": OPTIONAL_TEXT,
        "traceparent": OPTIONAL_TEXT,
        "datacontenttype": {"const": "application/json"},
        "data": {"$ref": f"#/components/schemas/{data_schema}"},
    }
    required = ["specversion", "id", "type", "version", "source", "time", "tenant", "subject", "data"]
    return {"type": "object", "required": required, "properties": properties}


def headers_schema(cls: type) -> dict:
    required = ["content-type", "ce_specversion", "ce_id", "ce_type", "ce_version", "ce_source", "ce_time",
                "ce_tenant", "ce_subject"]
    properties = {name: TEXT for name in required + ["ce_correlationid", "ce_causationid", "traceparent"]}
    properties |= {"ce_type": {"const": cls.event_type}, "ce_version": {"const": str(cls.event_version)},
                   "content-type": {"const": CONTENT_TYPE}, "ce_specversion": {"const": SPEC_VERSION}}
    return {"type": "object", "required": required, "properties": properties}


def object_schema(cls: type, schemas: dict[str, dict]) -> dict:
    hints = typing.get_type_hints(cls)
    fields = dataclasses.fields(cls)
    schema = {
        "type": "object",
        "required": sorted(required_fields(cls)),
        "properties": {f.name: type_schema(hints[f.name], schemas) for f in fields},
    }
    if cls.__doc__:
        schema["description"] = cls.__doc__.strip()
    return schema


def type_schema(tp: object, schemas: dict[str, dict]) -> dict:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        [inner] = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        return {"oneOf": [type_schema(inner, schemas), {"type": "null"}]}
    if origin in (list, tuple):
        return {"type": "array", "items": type_schema(typing.get_args(tp)[0], schemas)}
    if isinstance(tp, type) and issubclass(tp, StrEnum):
        schemas[tp.__name__] = {"type": "string", "enum": [member.value for member in tp],
                                "description": (tp.__doc__ or tp.__name__).strip()}
        return {"$ref": f"#/components/schemas/{tp.__name__}"}
    if dataclasses.is_dataclass(tp):
        schemas[tp.__name__] = object_schema(tp, schemas)
        return {"$ref": f"#/components/schemas/{tp.__name__}"}
    if tp in SCALARS:
        return dict(SCALARS[tp])
    raise TypeError(f"no schema for {tp!r}")


def examples(cls: type) -> list[dict]:
    folder = resources.files("contracts") / "examples" / cls.event_type / str(cls.event_version)
    if not folder.is_dir():
        return []
    found = []
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if not item.name.endswith(".json"):
            continue
        name = item.name.removesuffix(".json")
        data = json.loads(item.read_text(encoding="utf-8"))
        found.append({"name": name, "payload": _example_envelope(cls, name, data)})
    return found


def _example_envelope(cls: type, name: str, data: dict) -> dict:
    times = [value for value in data.values() if isinstance(value, str) and value.endswith("Z") and "T" in value]
    return {
        "specversion": SPEC_VERSION,
        "id": str(uuid.uuid5(EXAMPLE_IDS, f"{message_id(cls)}/{name}")),
        "type": cls.event_type,
        "version": cls.event_version,
        "source": f"/{topic_owner(cls.event_type)}",
        "time": times[0] if times else "2025-07-01T01:00:00Z",
        "tenant": EXAMPLE_TENANT,
        "subject": str(data[cls.key_field]),
        "correlationid": None,
        "causationid": None,
        "traceparent": None,
        "datacontenttype": "application/json",
        "data": data,
    }


def _events() -> list[type]:
    return [cls for _, cls in sorted(REGISTRY.items())]
