"""The registry's consumer: builds each agency's timeline from the registry's own events."""

from __future__ import annotations

from contracts import codec
from contracts import registry as events
from kit.uow import UnitOfWork
from registry.services import agencies


def on_agency_event(uow: UnitOfWork, event) -> None:
    occurred_at = (getattr(event, "registered_at", None) or getattr(event, "updated_at", None)
                   or getattr(event, "merged_at", None) or event.dissolved_at)
    agencies.record_history(uow, agency_id=event.agency_id, version=event.version, event_type=event.event_type,
                            occurred_at=occurred_at, data=codec.to_json(event))


HANDLERS = {
    events.AgencyRegistered: on_agency_event,
    events.AgencyUpdated: on_agency_event,
    events.AgencyDissolved: on_agency_event,
    events.AgencyMerged: on_agency_event,
}
