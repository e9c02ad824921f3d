from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from uuid import uuid4

import pytest

import contracts
from contracts import codec
from contracts.registry import AgencyRegistered, AgencyType


def registered(**overrides) -> AgencyRegistered:
    fields = dict(agency_id=uuid4(), version=1, name="Sở Tư pháp", agency_type=AgencyType.SO,
                  registered_at=datetime(2025, 7, 1, 8, 30, tzinfo=UTC))
    return AgencyRegistered(**{**fields, **overrides})


class TestCodec:
    def test_an_event_survives_encoding_and_decoding(self):
        event = registered(valid_from=date(2025, 7, 1))

        assert codec.from_json(AgencyRegistered, codec.to_json(event)) == event

    def test_times_are_written_in_utc(self):
        event = registered(registered_at=datetime(2025, 7, 1, 15, 30, tzinfo=timezone(timedelta(hours=7))))

        assert codec.to_json(event)["registered_at"] == "2025-07-01T08:30:00Z"

    def test_unknown_fields_are_ignored_by_the_reader(self):
        data = {**codec.to_json(registered()), "added_later": 1}

        assert codec.from_json(AgencyRegistered, data).name == "Sở Tư pháp"

    def test_a_missing_required_field_is_refused(self):
        data = codec.to_json(registered())
        del data["name"]

        with pytest.raises(codec.CodecError, match="name"):
            codec.from_json(AgencyRegistered, data)

    def test_a_wrong_type_is_refused(self):
        data = {**codec.to_json(registered()), "version": "1"}

        with pytest.raises(codec.CodecError, match="version"):
            codec.from_json(AgencyRegistered, data)

    def test_floats_are_not_allowed_in_events(self):
        @dataclass(frozen=True)
        class Money:
            amount: float

        with pytest.raises(codec.CodecError, match="float"):
            codec.to_json(Money(1.5))

    def test_naive_datetimes_are_refused(self):
        with pytest.raises(codec.CodecError):
            codec.to_json(registered(registered_at=datetime(2025, 7, 1)))


class TestEnvelope:
    def test_the_envelope_round_trips_and_keys_by_aggregate(self):
        event = registered()
        envelope = contracts.wrap(event, id=uuid4(), source="/registry", time=datetime.now(UTC), tenant="an-giang",
                                  correlation_id="req-1")

        decoded = contracts.decode(contracts.encode(envelope))

        assert decoded == envelope
        assert decoded.subject == str(event.agency_id)
        assert decoded.topic == "registry.agency"
        assert decoded.event() == event

    def test_headers_mirror_the_attributes(self):
        envelope = contracts.wrap(registered(), id=uuid4(), source="/registry", time=datetime.now(UTC),
                                  tenant="an-giang")

        headers = dict(contracts.headers(envelope))

        assert headers["ce_id"] == str(envelope.id).encode()
        assert headers["ce_type"] == b"registry.agency.registered"
        assert headers["ce_tenant"] == b"an-giang"
        assert headers["ce_version"] == b"1"

    def test_garbage_is_not_an_envelope(self):
        with pytest.raises(contracts.EnvelopeError):
            contracts.decode(b"{not json")
