"""The event envelope: CloudEvents attributes in structured mode, mirrored into Kafka headers."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from contracts import codec
from contracts.catalogue import lookup, topic_of

SPEC_VERSION = "1.0"
CONTENT_TYPE = "application/cloudevents+json; charset=utf-8"


class EnvelopeError(ValueError):
    """The bytes are not a valid envelope."""


@dataclass(frozen=True, kw_only=True)
class Envelope:
    """One event in transit. `id` is the dedupe key; `subject` is the aggregate id and Kafka key."""

    id: UUID
    type: str
    version: int
    source: str
    time: datetime
    tenant: str
    subject: str
    data: dict
    correlation_id: str | None = None
    causation_id: str | None = None
    traceparent: str | None = None
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def topic(self) -> str:
        return topic_of(self.type)

    def event(self) -> object:
        """Decode `data` into the declared event class (raises UnknownEvent, CodecError)."""
        return codec.from_json(lookup(self.type, self.version), self.data)


def wrap(event: object, *, id: UUID, source: str, time: datetime, tenant: str, **trace: str | None) -> Envelope:
    """Put a declared event into an envelope; the subject is the event's key field."""
    return Envelope(
        id=id,
        type=event.event_type,
        version=event.event_version,
        source=source,
        time=time,
        tenant=tenant,
        subject=str(getattr(event, event.key_field)),
        data=codec.to_json(event),
        **trace,
    )


def encode(envelope: Envelope) -> bytes:
    body = {
        "specversion": SPEC_VERSION,
        "id": str(envelope.id),
        "type": envelope.type,
        "version": envelope.version,
        "source": envelope.source,
        "time": codec.to_json(envelope.time),
        "tenant": envelope.tenant,
        "subject": envelope.subject,
        "correlationid": envelope.correlation_id,
        "causationid": envelope.causation_id,
        "traceparent": envelope.traceparent,
        "datacontenttype": "application/json",
        "data": envelope.data,
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def decode(raw: bytes) -> Envelope:
    try:
        body = json.loads(raw)
        return Envelope(
            id=UUID(body["id"]),
            type=body["type"],
            version=int(body["version"]),
            source=body["source"],
            time=codec.from_iso(body["time"]),
            tenant=body["tenant"],
            subject=body["subject"],
            data=body["data"],
            correlation_id=body.get("correlationid"),
            causation_id=body.get("causationid"),
            traceparent=body.get("traceparent"),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise EnvelopeError(f"not a valid event envelope: {exc}") from exc


def headers(envelope: Envelope) -> list[tuple[str, bytes]]:
    """Kafka headers: `ce_*` attributes mirrored so routing needs no body parse, plus traceparent."""
    pairs = {
        "content-type": CONTENT_TYPE,
        "ce_specversion": SPEC_VERSION,
        "ce_id": str(envelope.id),
        "ce_type": envelope.type,
        "ce_version": str(envelope.version),
        "ce_source": envelope.source,
        "ce_time": codec.to_json(envelope.time),
        "ce_tenant": envelope.tenant,
        "ce_subject": envelope.subject,
        "ce_correlationid": envelope.correlation_id,
        "ce_causationid": envelope.causation_id,
        "traceparent": envelope.traceparent,
    }
    return [(name, value.encode()) for name, value in pairs.items() if value is not None]
