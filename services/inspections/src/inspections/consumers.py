"""The inspections consumer: keeps the local agency replica and reacts to agencies that end."""

from __future__ import annotations

from dataclasses import dataclass, replace

from contracts import registry as events
from inspections.services import replica
from kit.messaging import Outgoing, Producer
from kit.uow import UnitOfWork

TOPICS = ["registry.agency"]
GROUP = "inspections.agencies"


def on_registered(uow: UnitOfWork, event: events.AgencyRegistered) -> None:
    replica.record_agency(uow, agency_id=event.agency_id, version=event.version, name=event.name,
                          agency_type=event.agency_type, obligation=event.obligation, valid_from=event.valid_from)


def on_updated(uow: UnitOfWork, event: events.AgencyUpdated) -> None:
    replica.record_agency(uow, agency_id=event.agency_id, version=event.version, name=event.name,
                          agency_type=event.agency_type, obligation=event.obligation)


def on_dissolved(uow: UnitOfWork, event: events.AgencyDissolved) -> None:
    reason = f"Cơ quan đã giải thể từ {event.dissolved_on:%d/%m/%Y} / the agency was dissolved"
    if event.decision:
        reason += f" ({event.decision})"
    replica.end_agency(uow, agency_id=event.agency_id, version=event.version, ended_on=event.dissolved_on,
                       reason=reason)


def on_merged(uow: UnitOfWork, event: events.AgencyMerged) -> None:
    reason = (f"Cơ quan đã sáp nhập từ {event.merged_on:%d/%m/%Y}, chuyển sang cơ quan kế thừa / the agency was "
              f"merged; its open work moved to {event.successor_agency_id}")
    replica.end_agency(uow, agency_id=event.agency_id, version=event.version, ended_on=event.merged_on,
                       reason=reason, successor_id=event.successor_agency_id)


HANDLERS = {
    events.AgencyRegistered: on_registered,
    events.AgencyUpdated: on_updated,
    events.AgencyDissolved: on_dissolved,
    events.AgencyMerged: on_merged,
}


@dataclass
class OwnDeadLetters:
    """Sends this consumer's dead letters to `<topic>.inspections.dlq` rather than the shared `<topic>.dlq`.

    Why: the registry's own consumer reads `registry.agency` too; in a shared DLQ one poison message becomes one
    dead letter per consumer group, and a replay tool cannot tell whose it is without the `x-consumer` header.
    """

    producer: Producer

    def send_all(self, messages: list[Outgoing]) -> list[Exception | None]:
        return self.producer.send_all([replace(m, topic=m.topic.removesuffix(".dlq") + ".inspections.dlq")
                                       for m in messages])
